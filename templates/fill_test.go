package templates_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// fillTestContent is what a workbook says, cell by cell: the sheets in
// order, each sheet's rows of raw cell values, and the cell notes.
type fillTestContent struct {
	Sheets   []string
	Rows     map[string][][]string
	Comments map[string][]string
}

func fillTestRead(t *testing.T, path string) fillTestContent {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := fillTestContent{Sheets: f.GetSheetList(), Rows: map[string][][]string{}, Comments: map[string][]string{}}
	for _, s := range c.Sheets {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		c.Rows[s] = rows
		comments, err := f.GetComments(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, cm := range comments {
			text := cm.Text
			for _, p := range cm.Paragraph {
				text += p.Text
			}
			c.Comments[s] = append(c.Comments[s], cm.Cell+": "+text)
		}
	}
	return c
}

// TestExampleUpToDate regenerates the example workbook and compares it,
// cell by cell, with the one committed under examples/.
func TestExampleUpToDate(t *testing.T) {
	committed := filepath.Join("..", "examples", "hongqi-2019-actuals.xlsx")
	if _, err := os.Stat(committed); errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s is missing: run go run ./cmd/mkfixtures -examples examples", committed)
	}
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rules.Default(), "", fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "hongqi-2019-actuals.xlsx")
	if err := os.WriteFile(fresh, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, want := fillTestRead(t, committed), fillTestRead(t, fresh)
	if !reflect.DeepEqual(got, want) {
		for _, s := range want.Sheets {
			if !reflect.DeepEqual(got.Rows[s], want.Rows[s]) {
				t.Errorf("sheet %s differs:\ncommitted %q\nfresh     %q", s, got.Rows[s], want.Rows[s])
			}
		}
		t.Fatalf("%s is stale: run go run ./cmd/mkfixtures -examples examples", committed)
	}
}

func TestFillTemplate(t *testing.T) {
	rs := fixture.TestRules(t)
	var buf bytes.Buffer
	err := templates.FillTemplate(&buf, rs, "", map[string]map[eval.Field]string{
		"gdp_growth":    {eval.FieldGrowth: "8.5000000000000006E-2", eval.FieldLevel: "106.1"},
		"export_growth": {eval.FieldLevel: "约12"},
		"services_rank": {eval.FieldRank: "2"},
		"plant_start":   {eval.FieldDone: "是", eval.FieldDate: "2020-04-15"},
	}, "示例数据，仅用于演示")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := inTestValue(t, f, "A1"); got != "示例数据，仅用于演示" {
		t.Errorf("banner = %q", got)
	}
	comments, err := f.GetComments(templates.InputSheet)
	if err != nil || len(comments) != 1 || comments[0].Cell != "A1" {
		t.Errorf("banner note = %+v, %v", comments, err)
	}
	tests := []struct {
		id     string
		col    int
		raw    string
		number bool
	}{
		{"gdp_growth", templates.ColGrowth, "8.5000000000000006E-2", true},
		{"gdp_growth", templates.ColLevel, "106.1", true},
		{"export_growth", templates.ColLevel, "约12", false},
		{"services_rank", templates.ColRank, "2", true},
		{"plant_start", templates.ColDone, "是", false},
		{"plant_start", templates.ColDate, "2020-04-15", false},
	}
	for _, tt := range tests {
		cell := cell.A1(tt.col, fixture.TemplateRow(t, f, tt.id))
		if got := inTestValue(t, f, cell); got != tt.raw {
			t.Errorf("%s %s = %q, want %q", tt.id, cell, got, tt.raw)
		}
		typ, _ := f.GetCellType(templates.InputSheet, cell)
		if isNum := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber; isNum != tt.number {
			t.Errorf("%s %s number cell = %v, want %v", tt.id, cell, isNum, tt.number)
		}
	}
	if rows, _ := f.GetRows(templates.InputSheet); !slices.ContainsFunc(rows, func(r []string) bool {
		return len(r) > 0 && r[0] == "指标编码"
	}) {
		t.Error("no header row under the banner")
	}
}

func TestFillTemplateErrors(t *testing.T) {
	rs := fixture.TestRules(t)
	tests := []struct {
		name   string
		values map[string]map[eval.Field]string
		want   string
	}{
		{"unknown indicator", map[string]map[eval.Field]string{"gdp": {eval.FieldGrowth: "1"}}, `no indicator "gdp"`},
		{"unknown field", map[string]map[eval.Field]string{"gdp_growth": {"speed": "1"}}, `unknown field "speed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := templates.FillTemplate(&bytes.Buffer{}, rs, "", tt.values, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
	if err := templates.WriteTemplate(&bytes.Buffer{}, nil); err == nil {
		t.Error("no error without a ruleset")
	}
}
