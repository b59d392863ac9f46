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

// TestWriteTableKinds: -embedded and -csv write tables that read back as
// the units asked for, the CSV past what a sheet holds (read.ReadUnits of
// the CSV, its rows and the xlsx's alike).
func TestWriteTableKinds(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name           string
		embedded, csv  bool
		file           string
		rules          string // "" for the embedded ruleset
		indicatorsEach int
	}{
		{"embedded xlsx", true, false, "embedded-6.xlsx", "", len(rules.Default().Indicators)},
		{"embedded csv", true, true, "embedded-6.csv", "", len(rules.Default().Indicators)},
		{"synthetic csv", false, true, "units-6.csv", "synthetic-50.yaml", scaleIndicators},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := writeTable(dir, 6, tc.embedded, tc.csv); err != nil {
				t.Fatal(err)
			}
			rs := rules.Default()
			if tc.rules != "" {
				src, err := os.ReadFile(filepath.Join(dir, tc.rules))
				if err != nil {
					t.Fatal(err)
				}
				var diags rules.Diagnostics
				if rs, diags = rules.Parse(tc.rules, src); diags.HasErrors() {
					t.Fatal(diags)
				}
			}
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			units, diags := read.ReadUnits(tc.file, data, rs, read.UnitsOptions{})
			if diags.HasErrors() || len(units) != 6 {
				t.Fatalf("%d units, %v", len(units), diags.Errors())
			}
			for _, u := range units {
				if n := len(u.Actuals.Values); n < tc.indicatorsEach*9/10 {
					t.Errorf("%s: %d indicators read, want about %d", u.Name, n, tc.indicatorsEach)
				}
			}
		})
	}
	if err := writeTable(dir, 19000, true, true); err != nil {
		t.Fatalf("19,000 units × 56 as CSV: %v", err)
	}
	st, err := os.Stat(filepath.Join(dir, "embedded-19000.csv"))
	if err != nil || st.Size() < 30<<20 {
		t.Fatalf("embedded-19000.csv: %v, %v", st, err)
	}
}
