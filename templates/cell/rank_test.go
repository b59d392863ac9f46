package cell

import (
	"strconv"
	"testing"
)

func TestParseCellRank(t *testing.T) {
	tests := []struct {
		name, raw string
		want      int
		err       bool
	}{
		{"number", "3", 3, false},
		{"number cell", "3.0", 3, false},
		{"full-width", "３", 3, false},
		{"第3名", "第3名", 3, false},
		{"第3", "第3", 3, false},
		{"3名", "3名", 3, false},
		{"第3位", "第3位", 3, false},
		{"Chinese numeral", "第三名", 3, false},
		{"Chinese tens", "第十二名", 12, false},
		{"Chinese twenty", "第二十", 20, false},
		{"with the peer group", "全市第2名", 2, false},
		{"排名第", "排名第2", 2, false},
		// Issue 11: a shared place is the place.
		{"tied before", "并列第3", 3, false},
		{"tied before with 名", "并列第3名", 3, false},
		{"tied after", "第3名（并列）", 3, false},
		{"tied with spaces", " 并列 第 3 名 ", 3, false},
		{"placeholder", "-", 0, false},
		{"empty", "", 0, false},
		{"none", "无", 0, false},
		{"zero", "0", 0, true},
		{"negative", "-2", 0, true},
		{"fraction", "2.5", 0, true},
		{"too large", "2000000", 0, true},
		{"words only", "前列", 0, true},
		{"two places", "第2-3名", 0, true},
		{"tied alone", "并列", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCellRank(tc.raw)
			if got != tc.want || (err != nil) != tc.err {
				t.Errorf("ParseCellRank(%q) = %d, %v; want %d, error %v", tc.raw, got, err, tc.want, tc.err)
			}
		})
	}
}

func FuzzParseCellRank(f *testing.F) {
	for _, s := range []string{"3", "第3名", "并列第3", "第三名", "第3名（并列）", "全市第十二名", "-", "2.5", "第百名"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		n, err := ParseCellRank(raw)
		switch {
		case err != nil && n != 0:
			t.Fatalf("%q: %d with an error", raw, n)
		case n < 0 || n > cellrankMax:
			t.Fatalf("%q: place %d out of range", raw, n)
		case err == nil && n > 0:
			// A place read from words reads the same written plainly.
			if m, err := ParseCellRank(strconv.Itoa(n)); err != nil || m != n {
				t.Fatalf("%q: %d, but %d reads %d, %v", raw, n, n, m, err)
			}
		}
	})
}
