package view

import (
	"bytes"
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
)

// update rewrites the golden files under testdata/golden:
// go test ./templates/view -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestGoldenText(t *testing.T) {
	a := fixture.Assessment(t)
	tests := []struct {
		name  string
		file  string
		write func(io.Writer) error
	}{
		{"json", "assessment.json", func(w io.Writer) error { return WriteJSON(w, a) }},
		{"csv", "assessment.csv", func(w io.Writer) error { return WriteCSV(w, a) }},
		{"table", "table.txt", func(w io.Writer) error { return WriteTable(w, a) }},
		{"review md", "review.md", func(w io.Writer) error { return WriteReview(w, a, "md") }},
		{"review txt", "review.txt", func(w io.Writer) error { return WriteReview(w, a, "txt") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			fixture.Golden(t, filepath.Join("testdata", "golden", tt.file), buf.String(), *update)
		})
	}
}
