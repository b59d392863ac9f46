package main

import (
	"os"
	"path/filepath"
	"strings"
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

// TestWriteMakesFolders: -out names a folder that does not exist yet.
func TestWriteMakesFolders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	if err := writeUnits(dir, 2); err != nil {
		t.Fatal(err)
	}
	if err := writeExamples(filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"units-2.xlsx", "synthetic-50.yaml", filepath.Join("examples", "hongqi-2019-actuals.xlsx")} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestWriteUnitsTooMany: a table past a sheet's rows is an error, not a
// workbook cut short.
func TestWriteUnitsTooMany(t *testing.T) {
	err := writeUnits(t.TempDir(), 30000)
	if err == nil || !strings.Contains(err.Error(), "more than a sheet's 1048576") {
		t.Fatalf("err = %v", err)
	}
}
