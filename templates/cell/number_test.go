package cell

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseCellNumber(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		percent bool
		want    string // "" means no data
		err     string // part of the error message
	}{
		{name: "plain", raw: "8.5", want: "8.5"},
		{name: "integer", raw: "10250", want: "10250"},
		{name: "negative", raw: "-1.5", want: "-1.5"},
		{name: "leading plus", raw: "+8.5", want: "8.5"},
		{name: "spaces", raw: "  8.5\t", want: "8.5"},
		{name: "ideographic spaces", raw: "\u30008.5\u3000", want: "8.5"},
		{name: "float noise up", raw: "4.4000000000000004", want: "4.4"},
		{name: "float noise down", raw: "0.30000000000000004", want: "0.3"},
		{name: "float noise below", raw: "12.799999999999999", want: "12.8"},
		{name: "exponent noise", raw: "8.5000000000000006E-2", want: "0.085"},
		{name: "exponent noise in percent cell", raw: "8.5000000000000006E-2", percent: true, want: "8.5"},
		{name: "percent cell stores the fraction", raw: "0.085", percent: true, want: "8.5"},
		{name: "percent cell negative", raw: "-1.4999999999999999E-2", percent: true, want: "-1.5"},
		{name: "percent text", raw: "12.3%", want: "12.3"},
		{name: "percent text in percent cell", raw: "12.3%", percent: true, want: "12.3"},
		{name: "full-width percent", raw: "９３％", want: "93"},
		{name: "full-width digits", raw: "１２．５", want: "12.5"},
		{name: "full-width minus", raw: "－１．５", want: "-1.5"},
		{name: "unicode minus", raw: "\u22121.5", want: "-1.5"},
		{name: "thousands", raw: "1,234.5", want: "1234.5"},
		{name: "thousands integer", raw: "1,234,567", want: "1234567"},
		{name: "full-width thousands", raw: "１，２３４", want: "1234"},
		{name: "leading dot", raw: ".5", want: "0.5"},
		{name: "trailing dot", raw: "12.", want: "12"},
		{name: "exponent", raw: "1.5E+3", want: "1500"},
		{name: "zero is a figure", raw: "0", want: "0"},
		{name: "sixteen digits rounded", raw: "1234567890123456", want: "1234567890123460"},
		{name: "exact decimals kept", raw: "9.1392", want: "9.1392"},
		{name: "empty", raw: ""},
		{name: "blank", raw: "   "},
		{name: "dash", raw: "-"},
		{name: "double dash", raw: "--"},
		{name: "em dash", raw: "—"},
		{name: "double em dash", raw: "——"},
		{name: "slash", raw: "/"},
		{name: "full-width slash", raw: "／"},
		{name: "wu", raw: "无"},
		{name: "kong", raw: "空"},
		{name: "n/a", raw: "N/A"},
		{name: "na lower", raw: "n/a"},
		{name: "about", raw: "约8.5", err: "“约8.5”不是数字"},
		{name: "letters", raw: "abc", err: "“abc”不是数字"},
		{name: "unit", raw: "8.5亿元", err: "不是数字"},
		{name: "two dots", raw: "1.2.3", err: "不是数字"},
		{name: "two signs", raw: "+-1", err: "不是数字"},
		{name: "bad grouping", raw: "1,23.5", err: "千分位"},
		{name: "comma decimal", raw: "12,5", err: "千分位"},
		{name: "error value", raw: "#DIV/0!", err: "不是数字"},
		{name: "infinity", raw: "Inf", err: "不是数字"},
		{name: "nan", raw: "NaN", err: "不是数字"},
		{name: "hex float", raw: "0x1p-2", err: "不是数字"},
		{name: "huge exponent", raw: "1E400", err: "超出了数值范围"},
		{name: "tiny exponent", raw: "1E-400", err: "超出了数值范围"},
		{name: "in range until a percent format scales it", raw: "1E300", percent: true, err: "超出了数值范围"},
		{name: "largest figure in a percent cell", raw: "1E298", percent: true, want: "1" + strings.Repeat("0", 300)},
		{name: "out of range until a percent format scales it", raw: "1E-302", percent: true, want: "0." + strings.Repeat("0", 299) + "1"},
		{name: "rounded up out of range", raw: "9.9999999999999999E300", err: "超出了数值范围"},
		{name: "percent only", raw: "%", err: "不是数字"},
		{name: "sign only", raw: "+", err: "不是数字"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCellNumber(tt.raw, tt.percent)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseCellNumber(%q) error = %v, want one containing %q", tt.raw, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCellNumber(%q): %v", tt.raw, err)
			}
			if tt.want == "" {
				if got.Valid {
					t.Fatalf("ParseCellNumber(%q) = %s, want no data", tt.raw, got.Decimal)
				}
				return
			}
			want := decimal.RequireFromString(tt.want)
			if !got.Valid || !got.Decimal.Equal(want) {
				t.Fatalf("ParseCellNumber(%q, %v) = %v, want %s", tt.raw, tt.percent, got, want)
			}
			if got.Decimal.String() != tt.want {
				t.Errorf("ParseCellNumber(%q).String() = %q, want %q", tt.raw, got.Decimal.String(), tt.want)
			}
		})
	}
}

func TestParseCellYesNo(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		raw  string
		want *bool
		err  bool
	}{
		{"是", &yes, false}, {"否", &no, false}, {"√", &yes, false}, {"×", &no, false},
		{"Y", &yes, false}, {"n", &no, false}, {"完成", &yes, false}, {"未完成", &no, false},
		{"已完成", &yes, false}, {"TRUE", &yes, false}, {"0", &no, false}, {"1", &yes, false},
		{" 是 ", &yes, false}, {"Ｙ", &yes, false},
		{"", nil, false}, {"-", nil, false}, {"无", nil, false},
		{"基本完成", nil, true}, {"maybe", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseCellYesNo(tt.raw)
			if (err != nil) != tt.err {
				t.Fatalf("ParseCellYesNo(%q) error = %v, want error %v", tt.raw, err, tt.err)
			}
			if tt.err {
				if !strings.Contains(err.Error(), "不是“是”或“否”") {
					t.Errorf("error %q is not the Chinese message", err)
				}
				return
			}
			if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
				t.Errorf("ParseCellYesNo(%q) = %v, want %v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestParseCellDate(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		serial bool
		want   string
		err    bool
	}{
		{name: "iso", raw: "2019-04-15", want: "2019-04-15"},
		{name: "slashes", raw: "2019/4/15", want: "2019-04-15"},
		{name: "dots", raw: "2019.4.5", want: "2019-04-05"},
		{name: "chinese", raw: "2019年4月15日", want: "2019-04-15"},
		{name: "chinese month", raw: "2019年4月", want: "2019-04"},
		{name: "chinese month 份", raw: "2019年4月份", want: "2019-04"},
		{name: "month", raw: "2019-04", want: "2019-04"},
		{name: "full-width", raw: "２０１９年４月１５日", want: "2019-04-15"},
		{name: "datetime", raw: "2019-04-15T00:00:00Z", want: "2019-04-15"},
		{name: "serial", raw: "43570", serial: true, want: "2019-04-15"},
		{name: "serial with time", raw: "43570.75", serial: true, want: "2019-04-15"},
		{name: "serial 1900-03-01", raw: "61", serial: true, want: "1900-03-01"},
		{name: "serial 1900-01-01", raw: "1", serial: true, want: "1900-01-01"},
		{name: "empty", raw: "", want: ""},
		{name: "placeholder", raw: "—", want: ""},
		{name: "no such day", raw: "2019-02-30", err: true},
		{name: "no such month", raw: "2019-13", err: true},
		{name: "words", raw: "四月中旬", err: true},
		{name: "number typed as text", raw: "43570", err: true},
		{name: "negative serial", raw: "-5", serial: true, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCellDate(tt.raw, tt.serial)
			if (err != nil) != tt.err {
				t.Fatalf("ParseCellDate(%q) error = %v, want error %v", tt.raw, err, tt.err)
			}
			if tt.err {
				if !strings.Contains(err.Error(), "不是日期") {
					t.Errorf("error %q is not the Chinese message", err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("ParseCellDate(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestInputSerial(t *testing.T) {
	for _, tt := range []struct {
		y, m, d, want int
	}{{2019, 4, 15, 43570}, {2000, 1, 1, 36526}, {1900, 3, 1, 61}, {2099, 12, 31, 73050}} {
		if got := Serial(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("inputSerial(%d-%d-%d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.want)
		}
		got, err := ParseCellDate(decimal.NewFromInt(int64(tt.want)).String(), true)
		if err != nil || got != decimal.NewFromInt(int64(tt.y)).String()+"-"+twoDigits(tt.m)+"-"+twoDigits(tt.d) {
			t.Errorf("ParseCellDate(serial %d) = %q, %v", tt.want, got, err)
		}
	}
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// FuzzParseCellNumber checks that no text panics the parser, that what it
// reads keeps at most 15 significant digits, and that reading the result
// again gives the same number.
func FuzzParseCellNumber(f *testing.F) {
	for _, s := range []string{"8.5", "8.5000000000000006E-2", "4.4000000000000004", "1,234.5", "12.3%",
		"１２．５", "-", "—", "约8.5", "+1e5", "1E400", ".", "-.5e-3", "１，２３４，５６７．８９"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, percent bool) {
		got, err := ParseCellNumber(raw, percent)
		if err != nil {
			if got.Valid {
				t.Fatalf("ParseCellNumber(%q) gave %s and an error", raw, got.Decimal)
			}
			return
		}
		if !got.Valid {
			return
		}
		digits := strings.TrimRight(got.Decimal.Abs().Coefficient().String(), "0")
		if n := len(digits); n > ExcelDigits {
			t.Fatalf("ParseCellNumber(%q) = %s has %d significant digits", raw, got.Decimal, n)
		}
		again, err := ParseCellNumber(got.Decimal.String(), false)
		if err != nil || !again.Valid || !again.Decimal.Equal(got.Decimal) {
			t.Fatalf("ParseCellNumber(%q) = %s, which reads back as %v, %v", raw, got.Decimal, again, err)
		}
	})
}
