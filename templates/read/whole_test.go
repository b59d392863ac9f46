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

// readTestRowOn is the row of an indicator on a sheet of the template.
func readTestRowOn(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row for %s on %s", id, sheet)
	return 0
}

// TestReadSuspectCells: what the template reader sees wrong at a cell is a
// warning there: a percent format on a level (the stored number is read),
// a date serial of 60 or less and a level a hundred times off the
// ruleset's baseline (neither is read).
func TestReadSuspectCells(t *testing.T) {
	rs := rules.Default()
	const tasks = "重点工作任务"
	type cellSet struct {
		sheet, id string
		col       int
		value     string
		percent   bool
	}
	tests := []struct {
		name  string
		set   cellSet
		want  string // the warning
		check func(a *eval.Actual) bool
	}{
		{"percent format on a level", cellSet{templates.InputSheet, "new_urban_jobs", templates.ColLevel, "9500", true},
			"城镇新增就业 的本年实际值单元格是百分比格式（显示为 950000%），但单位是人，不是百分数：按单元格中的数 9500 读取",
			func(a *eval.Actual) bool { return a.Level.Valid && a.Level.Decimal.String() == "9500" }},
		{"percent format on a rate is a fraction", cellSet{templates.InputSheet, "unemployment_rate", templates.ColLevel, "0.032", true},
			"", func(a *eval.Actual) bool { return a.Level.Valid && a.Level.Decimal.String() == "3.2" }},
		{"date serial 60", cellSet{tasks, "zhongde_park_phase1_start", templates.ColDate, "60", false},
			"中德产业园一期开工建设 的完成日期是 Excel 日期序号 60，在 1900-03-01 之前",
			func(a *eval.Actual) bool { return a == nil || a.Date == "" }},
		{"date serial 61 is a date", cellSet{tasks, "zhongde_park_phase1_start", templates.ColDate, "43570", false},
			"", func(a *eval.Actual) bool { return a.Date == "2019-04-15" }},
		{"a level in 亿元", cellSet{tasks, "key_projects_investment", templates.ColLevel, "170.2", false},
			"", func(a *eval.Actual) bool { return a.Level.Valid && a.Level.Decimal.String() == "170.2" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := ""
			data := readTestBook(t, rs, nil, func(f *excelize.File, _ func(string) int, _ int) {
				ref = cell.A1(tt.set.col, readTestRowOn(t, f, tt.set.sheet, tt.set.id))
				if err := f.SetCellDefault(tt.set.sheet, ref, tt.set.value); err != nil {
					t.Fatal(err)
				}
				if tt.set.percent {
					st, err := f.NewStyle(&excelize.Style{NumFmt: 10})
					if err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellStyle(tt.set.sheet, ref, ref, st); err != nil {
						t.Fatal(err)
					}
				}
			})
			acts, diags, _ := Read("in.xlsx", data, rs, ImportOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if !tt.check(acts.Values[tt.set.id]) {
				t.Errorf("read %+v", acts.Values[tt.set.id])
			}
			if tt.want != "" {
				readTestWarning(t, diags, tt.set.sheet, ref, tt.want)
			} else {
				for _, d := range diags {
					if d.Pos.Cell == ref {
						t.Errorf("unexpected %v", d)
					}
				}
			}
		})
	}
}

// TestReadTemplateSheets: --sheet A --sheet B reads both sheets of a
// template, each figure's source naming its sheet; a sheet not there is
// named.
func TestReadTemplateSheets(t *testing.T) {
	rs := rules.Default()
	values := map[string]map[eval.Field]string{"gdp_growth": {eval.FieldGrowth: "8.6"}, "key_projects": {eval.FieldLevel: "212"}}
	data := readTestBook(t, rs, values, func(f *excelize.File, _ func(string) int, _ int) {
		if err := f.SetSheetName(templates.InputSheet, "2019年"); err != nil {
			t.Fatal(err)
		}
	})
	acts, diags, _ := Read("in.xlsx", data, rs, ImportOptions{Sheets: []string{"2019年", "重点工作任务"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for id, want := range map[string]string{"gdp_growth": "in.xlsx: 2019年!H4", "key_projects": "in.xlsx: 重点工作任务!G10"} {
		f := eval.FieldGrowth
		if id == "key_projects" {
			f = eval.FieldLevel
		}
		if got := acts.Values[id].Source(f).String(); got != want {
			t.Errorf("%s from %q, want %q", id, got, want)
		}
	}
	_, diags, _ = Read("in.xlsx", data, rs, ImportOptions{Sheets: []string{"2019年", "任务"}})
	if !strings.Contains(diags.Error(), "找不到工作表“任务”") {
		t.Errorf("want the missing sheet named, got %v", diags)
	}
}

// TestReadScaleWithEval: this year's level in the wrong scale is read, and
// eval's plausibility screen leaves it out against the ruleset's baseline,
// at its cell and once: the reader does not flag it again.
func TestReadScaleWithEval(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, map[string]map[eval.Field]string{"key_projects_investment": {eval.FieldLevel: "1702000"}}, nil)
	acts, diags, _ := Read("in.xlsx", data, rs, ImportOptions{})
	if diags.HasErrors() || len(diags) > 0 {
		t.Fatalf("the reader flags a level: %v", diags)
	}
	a := eval.Evaluate(rs, acts)
	var found []string
	for _, d := range a.Problems {
		if d.Indicator == "key_projects_investment" {
			found = append(found, d.Error())
		}
	}
	want := "in.xlsx: 重点工作任务!G11: 警告: 数据存疑，未采用: 重点建设项目完成投资本年 1702000亿元 是上年 163.5亿元 的"
	if len(found) != 1 || !strings.HasPrefix(found[0], want) {
		t.Errorf("problems %q, want one starting %q", found, want)
	}
}
