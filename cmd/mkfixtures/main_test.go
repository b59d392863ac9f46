package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
)

// TestWriteUnits: -units N writes a long table of N units that reads back
// against the ruleset written beside it, with no problem.
func TestWriteUnits(t *testing.T) {
	dir := t.TempDir()
	if err := writeUnits(dir, 20); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "synthetic-50.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := rules.Parse("synthetic-50.yaml", src)
	if diags.HasErrors() || len(rs.Indicators) != scaleIndicators {
		t.Fatalf("ruleset: %d indicators, %v", len(rs.Indicators), diags)
	}
	data, err := os.ReadFile(filepath.Join(dir, "units-20.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	units, diags := read.ReadUnits("units-20.xlsx", data, rs, read.UnitsOptions{})
	if diags.HasErrors() || len(units) != 20 {
		t.Fatalf("%d units, %v", len(units), diags.Errors())
	}
}
