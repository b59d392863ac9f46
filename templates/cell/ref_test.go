package cell

import "testing"

func TestA1(t *testing.T) {
	tests := []struct {
		name     string
		col, row int
		want     string
	}{
		{"first cell", 0, 1, "A1"},
		{"Z", 25, 9, "Z9"},
		{"AA after Z", 26, 10, "AA10"},
		{"AZ", 51, 1, "AZ1"},
		{"BA", 52, 1, "BA1"},
		{"ZZ", 701, 1, "ZZ1"},
		{"AAA", 702, 1, "AAA1"},
		{"last column", MaxCols - 1, MaxRows, "XFD1048576"},
		{"past the last column", MaxCols, 1, ""},
		{"negative column", -1, 1, ""},
		{"row 0", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := A1(tt.col, tt.row); got != tt.want {
				t.Errorf("A1(%d, %d) = %q, want %q", tt.col, tt.row, got, tt.want)
			}
			if tt.want == "" {
				return
			}
			col, row, ok := ParseA1(tt.want)
			if !ok || col != tt.col || row != tt.row {
				t.Errorf("ParseA1(%q) = %d, %d, %v", tt.want, col, row, ok)
			}
		})
	}
}

func TestParseA1(t *testing.T) {
	tests := []struct {
		name     string
		ref      string
		col, row int
		ok       bool
	}{
		{"plain", "B5", 1, 5, true},
		{"absolute", "$B$5", 1, 5, true},
		{"lower case", "xfd3", MaxCols - 1, 3, true},
		{"no row", "B", 0, 0, false},
		{"no column", "5", 0, 0, false},
		{"row 0", "A0", 0, 0, false},
		{"past the last row", "A1048577", 0, 0, false},
		{"past the last column", "XFE1", 0, 0, false},
		{"signed row", "A+1", 0, 0, false},
		{"empty", "", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			col, row, ok := ParseA1(tt.ref)
			if ok != tt.ok || col != tt.col || row != tt.row {
				t.Errorf("ParseA1(%q) = %d, %d, %v; want %d, %d, %v", tt.ref, col, row, ok, tt.col, tt.row, tt.ok)
			}
		})
	}
}

func TestColIndex(t *testing.T) {
	for c := 0; c < MaxCols; c++ {
		if got := ColIndex(ColName(c)); got != c {
			t.Fatalf("ColIndex(ColName(%d) = %q) = %d", c, ColName(c), got)
		}
	}
	for _, bad := range []string{"", "A1", "ABCD", "XFE", "é", "-"} {
		if got := ColIndex(bad); got != -1 {
			t.Errorf("ColIndex(%q) = %d, want -1", bad, got)
		}
	}
}

func FuzzParseA1(f *testing.F) {
	for _, s := range []string{"A1", "$XFD$1048576", "B", "A+1", "", "Z0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		col, row, ok := ParseA1(ref)
		if !ok {
			return
		}
		if back := A1(col, row); back == "" {
			t.Fatalf("ParseA1(%q) = %d, %d, but A1 refuses them", ref, col, row)
		}
	})
}

func TestUsedRange(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		want       string
	}{
		{"empty", 0, 0, "A1"},
		{"one cell", 1, 1, "A1"},
		{"one row", 1, 10, "A1:J1"},
		{"one column", 37, 1, "A1:A37"},
		{"rows, no cells", 5, 0, "A1:A5"},
		{"a city's 明细", 1048561, 10, "A1:J1048561"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := UsedRange(tc.rows, tc.cols); got != tc.want {
				t.Errorf("UsedRange(%d, %d) = %q, want %q", tc.rows, tc.cols, got, tc.want)
			}
		})
	}
}
