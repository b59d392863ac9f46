package seeds

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"decimal", "8.5", "8.5"},
		{"full_width", "１２", "12"},
		{"full_width_point", "３８．５", "38.5"},
		{"thousands", "1,234.5", "1234.5"},
		{"liang", "两", "2"},
		{"shi_er", "十二", "12"},
		{"er_shi", "二十", "20"},
		{"shi", "十", "10"},
		{"zero_inside", "一百零五", "105"},
		{"san_qian_wu_bai", "三千五百", "3500"},
		{"digit_by_digit", "二〇一九", "2019"},
		{"wan_yi", "1.3万亿", "1300000000000"},
		{"liang_wan", "两万", "20000"},
		{"qian_after_arabic", "5千", "5000"},
		{"yi_and_wan", "一亿二千万", "120000000"},
		{"wan_with_zero", "三万零五百", "30500"},
		{"shi_wan", "十万", "100000"},
		{"minus", "-3", "-3"},
		{"full_width_plus", "＋2", "2"},
		{"spaces", " 42 ", "42"},
		{"fu", "负0.5", "-0.5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNumber(c.in)
			if err != nil {
				t.Fatalf("ParseNumber(%q): %v", c.in, err)
			}
			if !got.Equal(decimal.RequireFromString(c.want)) {
				t.Errorf("ParseNumber(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, in := range []string{"", "-", "abc", "8.5%", "十十", "二三", "百", "万", "1.2.3", "1,23", "三大", "8..5", "亿万",
		"一万亿万", "12a"} {
		if v, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %s, want an error", in, v)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"8.5", "１２", "1,234.5", "两", "十二", "二十", "一百零五", "1.3万亿", "一亿二千万", "-3", "＋2",
		"二〇一九", "9999999999999999999999", "十万零一", "0.000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		// Plain ASCII decimals read as decimal reads them.
		trimmed := strings.TrimSpace(s)
		if trimmed != "" && strings.Trim(trimmed, "0123456789.") == "" && strings.Count(trimmed, ".") <= 1 {
			want, err := decimal.NewFromString(trimmed)
			if err == nil && !v.Equal(want) {
				t.Errorf("ParseNumber(%q) = %s, decimal reads %s", s, v, want)
			}
		}
		// The value's own text reads back the same.
		if len(v.String()) <= maxDigits {
			back, err := ParseNumber(v.String())
			if err != nil || !back.Equal(v) {
				t.Errorf("ParseNumber(%q) = %s, which reads back as %s (%v)", s, v, back, err)
			}
		}
	})
}
