package rules

import (
	"strings"
	"testing"
)

// TestSuggest: the helper behind every "是不是 …？", in rules files and in
// import mapping files alike.
func TestSuggest(t *testing.T) {
	tests := []struct {
		name  string
		word  string
		known []string
		want  string
	}{
		{"one letter swapped", "wieght", []string{"weight", "weights"}, "weight"},
		{"a missing letter", "levl", []string{"name", "level", "growth"}, "level"},
		{"suffix left off", "headers", []string{"sheet", "header_row", "indicators"}, "header_row"},
		{"runes, not bytes", "地区生产总直", []string{"地区生产总值", "一般公共预算收入"}, "地区生产总值"},
		{"too far to be a typo", "population", []string{"name", "level", "growth"}, ""},
		{"a tie goes to the first listed", "dane", []string{"done", "date"}, "done"},
		{"exact word", "row", []string{"row", "name"}, "row"},
		{"nothing known", "row", nil, ""},
		{"very long text is no typo", strings.Repeat("级", 300), []string{"level"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.word, tt.known); got != tt.want {
				t.Errorf("Suggest(%q, %q) = %q, want %q", tt.word, tt.known, got, tt.want)
			}
		})
	}
}
