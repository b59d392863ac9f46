package read

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// This file tests issue 12 item 1, whole readings or a clear refusal, on
// the input template; the bureau tables of the same item are cases of the
// import corpus (fixture/corpus.go).

// TestReadMergedFigure: a merged range in the data area holds one figure,
// in its top-left cell; the cells it covers are empty, as in the file.
func TestReadMergedFigure(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, map[string]map[eval.Field]string{"gdp_growth": {eval.FieldLevel: "210.5"}},
		func(f *excelize.File, row func(string) int, _ int) {
			r := row("gdp_growth")
			if err := f.MergeCell(templates.InputSheet, cell.A1(templates.ColLevel, r), cell.A1(templates.ColGrowth, r)); err != nil {
				t.Fatal(err)
			}
		})
	acts, diags, _ := Read("in.xlsx", data, rs, ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	a := acts.Values["gdp_growth"]
	if a == nil || !a.Level.Valid || a.Level.Decimal.String() != "210.5" {
		t.Fatalf("level = %+v, want 210.5", a)
	}
	if a.Growth.Valid {
		t.Errorf("growth = %s read from the merged part of G4:H4, want none", a.Growth.Decimal)
	}
}

// readTestWarning finds the warning at cell of sheet holding want.
func readTestWarning(t *testing.T, ds rules.Diagnostics, sheet, ref, want string) {
	t.Helper()
	for _, d := range ds {
		if d.Severity == rules.Warning && d.Pos.Sheet == sheet && d.Pos.Cell == ref && strings.Contains(d.Summary, want) {
			return
		}
	}
	t.Errorf("no warning at %s!%s containing %q:\n%v", sheet, ref, want, ds)
}
