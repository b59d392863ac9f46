package main

import "testing"

func TestClosest(t *testing.T) {
	flags := []string{"in", "rules", "sheet", "password", "map", "column", "header-row", "out", "format", "date",
		"explain-import", "period", "units", "layout", "targets", "unit-rules", "help"}
	commands := []string{"template", "evaluate", "rules", "report", "extract"}
	tests := []struct {
		name  string
		typed string
		names []string
		want  string
	}{
		{"two letters swapped", "fromat", flags, "format"},
		{"a letter missing", "evalute", commands, "evaluate"},
		{"a letter wrong", "templete", commands, "template"},
		{"a letter too many", "outt", flags, "out"},
		{"the start of one name", "form", flags, "format"},
		{"the start of one long name", "expl", flags, "explain-import"},
		{"the start of two names", "unit", flags, "units"}, // "unit" is one edit from units
		{"the start of two names, near neither", "he", flags, ""},
		{"an underscore for a dash", "header_row", flags, "header-row"},
		{"nothing near", "bogus", flags, ""},
		{"too short to guess", "x", flags, ""},
		{"two edits in a short word", "ot", flags, ""},
		{"the same", "rules", commands, "rules"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := closest(tc.typed, tc.names); got != tc.want {
				t.Errorf("closest(%q) = %q, want %q", tc.typed, got, tc.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal", "format", "format", 0},
		{"swap", "fromat", "format", 1},
		{"insert", "evalute", "evaluate", 1},
		{"delete", "outt", "out", 1},
		{"substitute", "templete", "template", 1},
		{"empty", "", "abc", 3},
		{"Chinese counts runes", "规则集", "规则", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := editDistance(tc.b, tc.a); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
			}
		})
	}
}

func TestTypedFlag(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		names []string
		want  string
	}{
		{"two dashes", []string{"evaluate", "--format", "xml"}, []string{"format", "f"}, "--format"},
		{"alias", []string{"evaluate", "-f", "xml"}, []string{"format", "f"}, "-f"},
		{"one dash, long name", []string{"evaluate", "-format=xml"}, []string{"format", "f"}, "-format"},
		{"with =", []string{"evaluate", "--format=xml"}, []string{"format", "f"}, "--format"},
		{"not given", []string{"evaluate"}, []string{"format", "f"}, "--format"},
		{"after --", []string{"evaluate", "--", "-f"}, []string{"format", "f"}, "--format"},
		{"a value is not a flag", []string{"evaluate", "--in", "f"}, []string{"format", "f"}, "--format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := typedFlag(tc.args, tc.names); got != tc.want {
				t.Errorf("typedFlag(%q) = %q, want %q", tc.args, got, tc.want)
			}
		})
	}
}
