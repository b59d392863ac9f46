package templates_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// inTestOpen writes the template of rs and opens it again.
func inTestOpen(t testing.TB, rs *rules.Ruleset) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.WriteTemplate(&buf, rs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// inTestPart returns one part of the template package of rs.
func inTestPart(t testing.TB, rs *rules.Ruleset, name string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.WriteTemplate(&buf, rs); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func inTestValue(t testing.TB, f *excelize.File, cell string) string {
	t.Helper()
	return inTestValueOn(t, f, templates.InputSheet, cell)
}

// inTestValueOn returns the raw value of a cell of sheet.
func inTestValueOn(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// inTestStyle returns the style of a cell.
func inTestStyle(t testing.TB, f *excelize.File, cell string) *excelize.Style {
	t.Helper()
	return inTestStyleOn(t, f, templates.InputSheet, cell)
}

// inTestStyleOn returns the style of a cell of sheet.
func inTestStyleOn(t testing.TB, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func inTestLocked(st *excelize.Style) bool {
	return st.Protection == nil || st.Protection.Locked
}

func inTestFill(st *excelize.Style) string {
	if st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(strings.TrimPrefix(st.Fill.Color[0], "#"))
}

func TestWriteTemplateLayout(t *testing.T) {
	rs := rules.Default()
	f := inTestOpen(t, rs)
	if got, want := f.GetSheetList(), []string{templates.InputSheet, rules.GroupTasks, templates.InputGuideSheet}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	want := []string{"指标编码", "指标", "类别", "单位", "目标", "上年实际值", "本年实际值", "本年增速(%)", "名次",
		"是否完成", "完成日期", "数据来源", "备注"}
	if !slices.Equal(templates.InputColumns(), want) {
		t.Errorf("InputColumns() = %q, want %q", templates.InputColumns(), want)
	}
	var header int
	for _, g := range rs.Groups() {
		sheet := templates.InputSheetOf(rs, g)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		header = -1
		for i, row := range rows {
			if len(row) > 0 && row[0] == "指标编码" {
				header = i + 1
				if !slices.Equal(row, templates.InputColumns()) {
					t.Errorf("%s: header row = %q, want %q", sheet, row, templates.InputColumns())
				}
			}
		}
		if header < 2 {
			t.Fatalf("%s: header row not found below a title row", sheet)
		}
		title := inTestValueOn(t, f, sheet, "A1")
		for _, part := range []string{rs.Entity, "2019年", g} {
			if !strings.Contains(title, part) {
				t.Errorf("%s: title %q lacks %q", sheet, title, part)
			}
		}
		if meta := inTestValueOn(t, f, sheet, "A2"); !strings.Contains(meta, "填报单位："+rs.Entity) ||
			!strings.Contains(meta, "年度：2019") {
			t.Errorf("%s: meta line %q", sheet, meta)
		}
		inds := rs.Group(g).Indicators
		if len(rows) != header+len(inds)+2 {
			t.Errorf("%s: %d rows, want the header at %d, %d indicators, a blank row and the signatures",
				sheet, len(rows), header, len(inds))
		}
		for i, ind := range inds {
			inTestLayoutRow(t, f, sheet, header+1+i, ind)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != header {
			t.Errorf("%s: panes = %+v, %v; want the header row %d frozen", sheet, panes, err, header)
		}
		prot, err := f.GetSheetProtection(sheet)
		if err != nil || !prot.SelectLockedCells || !prot.SelectUnlockedCells || !prot.FormatCells || prot.InsertRows {
			t.Errorf("%s: sheet protection = %+v, %v", sheet, prot, err)
		}
		if w, _ := f.GetColWidth(sheet, "B"); w < 20 {
			t.Errorf("%s: column B is %v wide, too narrow for Chinese names", sheet, w)
		}
	}
	if got := inTestValue(t, f, cell.A1(templates.ColUnit, fixture.TemplateRow(t, f, "gdp_growth"))); got != "亿元 / %" {
		t.Errorf("unit of gdp_growth = %q, want 亿元 / %%", got)
	}
	if got := inTestValue(t, f, cell.A1(templates.ColUnit, fixture.TemplateRow(t, f, "new_urban_jobs"))); got != "人" {
		t.Errorf("unit of new_urban_jobs = %q, want 人", got)
	}
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		sheetXML := inTestPart(t, rs, part)
		if prot := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(sheetXML); prot == "" ||
			strings.Contains(prot, "password") || strings.Contains(prot, "hashValue") {
			t.Errorf("%s: sheet protection %q: want one without a password", part, prot)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "attain" || !strings.Contains(props.Title, rs.Entity) {
		t.Errorf("doc props = %+v, %v", props, err)
	}
}

// inTestLayoutRow checks the row of one indicator: the prefilled cells,
// and which cells are open (yellow, unlocked), fixed or not applicable.
func inTestLayoutRow(t *testing.T, f *excelize.File, sheet string, row int, ind *rules.Indicator) {
	t.Helper()
	cell := func(col int) string { return cell.A1(col, row) }
	t.Run(ind.ID, func(t *testing.T) {
		checks := []struct{ col, want string }{
			{cell(templates.ColID), ind.ID}, {cell(templates.ColName), ind.Name}, {cell(templates.ColCategory), string(ind.Category)},
			{cell(templates.ColTarget), ind.Target.Text},
		}
		for _, c := range checks {
			if got := inTestValueOn(t, f, sheet, c.col); got != c.want {
				t.Errorf("%s!%s = %q, want %q", sheet, c.col, got, c.want)
			}
		}
		prev := inTestValueOn(t, f, sheet, cell(templates.ColPrev))
		switch {
		case ind.Baseline.Level.Valid:
			if prev != ind.Baseline.Level.Decimal.String() {
				t.Errorf("上年实际值 = %q, want %s", prev, ind.Baseline.Level.Decimal)
			}
			if typ, _ := f.GetCellType(sheet, cell(templates.ColPrev)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("上年实际值 is stored as %v, want a number", typ)
			}
		case prev != "":
			t.Errorf("上年实际值 = %q, want empty", prev)
		}
		open := map[eval.Field]bool{}
		for _, fl := range templates.InputFields(ind) {
			open[fl] = true
		}
		for col := range templates.Columns {
			st := inTestStyleOn(t, f, sheet, cell(col))
			field := templates.Columns[col].Field
			input := open[field] || col == templates.ColSource || col == templates.ColNote
			if got := !inTestLocked(st); got != input {
				t.Errorf("%s (%s) unlocked = %v, want %v", cell(col), templates.Columns[col].Title, got, input)
			}
			wantFill := ""
			switch {
			case input:
				wantFill = "FFFFCC"
			case field != "" && !(field == eval.FieldPrevLevel && ind.Baseline.Level.Valid):
				wantFill = "D9D9D9"
			}
			if got := inTestFill(st); got != wantFill {
				t.Errorf("%s (%s) fill = %q, want %q", cell(col), templates.Columns[col].Title, got, wantFill)
			}
		}
	})
}

func TestWriteTemplateMeasures(t *testing.T) {
	rs := fixture.TestRules(t)
	f := inTestOpen(t, rs)
	tests := []struct {
		id   string
		open []int
	}{
		{"gdp_growth", []int{templates.ColLevel, templates.ColGrowth}},
		{"export_growth", []int{templates.ColPrev, templates.ColLevel, templates.ColGrowth}},
		{"new_jobs", []int{templates.ColLevel}},
		{"services_rank", []int{templates.ColRank}},
		{"binding", []int{templates.ColDone}},
		{"plant_start", []int{templates.ColDone, templates.ColDate}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			row := fixture.TemplateRow(t, f, tt.id)
			for col := templates.ColPrev; col <= templates.ColDate; col++ {
				st := inTestStyle(t, f, cell.A1(col, row))
				if got, want := !inTestLocked(st), slices.Contains(tt.open, col); got != want {
					t.Errorf("%s unlocked = %v, want %v", templates.Columns[col].Title, got, want)
				}
			}
		})
	}
}

func TestWriteTemplateValidations(t *testing.T) {
	rs := fixture.TestRules(t)
	f := inTestOpen(t, rs)
	dvs, err := f.GetDataValidations(templates.InputSheet)
	if err != nil {
		t.Fatal(err)
	}
	byCol := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		first := strings.Fields(dv.Sqref)[0]
		col := strings.TrimRight(first, "0123456789")
		byCol[col] = dv
	}
	row := func(id string) string { return strconv.Itoa(fixture.TemplateRow(t, f, id)) }
	tests := []struct {
		name  string
		col   int
		typ   string
		cells []string
	}{
		{"上年实际值", templates.ColPrev, "decimal", []string{"F" + row("export_growth")}},
		{"本年实际值", templates.ColLevel, "decimal", []string{"G" + row("gdp_growth"), "G" + row("export_growth"), "G" + row("new_jobs")}},
		{"本年增速", templates.ColGrowth, "decimal", []string{"H" + row("gdp_growth"), "H" + row("export_growth")}},
		{"名次", templates.ColRank, "whole", []string{"I" + row("services_rank")}},
		{"是否完成", templates.ColDone, "list", []string{"J" + row("binding"), "J" + row("plant_start")}},
		{"完成日期", templates.ColDate, "date", []string{"K" + row("plant_start")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dv := byCol[cell.ColName(tt.col)]
			if dv == nil {
				t.Fatalf("no validation on column %s", cell.ColName(tt.col))
			}
			if dv.Type != tt.typ {
				t.Errorf("type = %q, want %q", dv.Type, tt.typ)
			}
			if got := strings.Fields(dv.Sqref); !slices.Equal(got, tt.cells) {
				t.Errorf("cells = %v, want %v", got, tt.cells)
			}
			if dv.Error == nil || !dv.ShowErrorMessage || !strings.ContainsFunc(*dv.Error, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) {
				t.Errorf("no Chinese error message: %+v", dv)
			}
			switch tt.typ {
			case "list":
				if dv.Formula1 != `"是,否"` {
					t.Errorf("list = %s, want 是,否", dv.Formula1)
				}
			case "whole":
				if dv.Formula1 != "1" {
					t.Errorf("whole numbers from %s, want 1", dv.Formula1)
				}
			}
		})
	}
}

func TestWriteTemplateGuide(t *testing.T) {
	f := inTestOpen(t, rules.Default())
	rows, err := f.GetRows(templates.InputGuideSheet)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	titles := map[string]bool{}
	for _, row := range rows {
		if len(row) > 0 {
			titles[row[0]] = true
		}
		text.WriteString(strings.Join(row, " ") + "\n")
	}
	for _, c := range templates.InputColumns() {
		if !titles[c] {
			t.Errorf("填报说明 does not explain %s", c)
		}
	}
	for _, want := range []string{"可比价", "地区生产总值、固定资产投资、规模以上工业增加值", "百分比格式", "数据来源", "不要填 0",
		"主要预期目标（12项）在“填报表”工作表，重点工作任务（44项）在“重点工作任务”工作表填报",
		"在“完成日期”填实际完成", "中德产业园一期开工建设、大学科技园实质性动工建设、水木九天智慧农业园投产运营",
		"显示为“进行中”", "高水平国际合作院校、装配式建筑产研示范基地建成面积"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("填报说明 lacks %q", want)
		}
	}
}

func TestInputSheetOf(t *testing.T) {
	two := rules.Default()
	tasksOnly := two.Group(rules.GroupTasks)
	tests := []struct {
		name  string
		rs    *rules.Ruleset
		group string
		want  string
	}{
		{"headline group", two, rules.GroupHeadline, templates.InputSheet},
		{"tasks beside the headline group", two, rules.GroupTasks, "重点工作任务"},
		{"the only group", tasksOnly, rules.GroupTasks, templates.InputSheet},
		{"characters Excel forbids", two, "专项/考核[2019]", "专项_考核_2019_"},
		{"too long for a sheet name", two, strings.Repeat("任务", 20), strings.Repeat("任务", 15) + "任"},
		{"the guide's name", two, templates.InputGuideSheet, "指标组" + templates.InputGuideSheet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := templates.InputSheetOf(tt.rs, tt.group); got != tt.want {
				t.Errorf("InputSheetOf(%q) = %q, want %q", tt.group, got, tt.want)
			}
		})
	}
}

// TestWriteTemplateTasksSheet: the tasks sheet validates its own input
// cells, milestones with a date, ranks with whole numbers.
func TestWriteTemplateTasksSheet(t *testing.T) {
	rs := rules.Default()
	f := inTestOpen(t, rs)
	sheet := templates.InputSheetOf(rs, rules.GroupTasks)
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	rowOf := map[string]int{}
	for i, r := range rows {
		if len(r) > 0 {
			rowOf[r[0]] = i + 1
		}
	}
	var dates, done, ranks []string
	for _, ind := range rs.Group(rules.GroupTasks).Indicators {
		r := strconv.Itoa(rowOf[ind.ID])
		switch ind.Measure {
		case rules.Milestone:
			dates = append(dates, "K"+r)
			done = append(done, "J"+r)
		case rules.YesNo:
			done = append(done, "J"+r)
		case rules.Rank:
			ranks = append(ranks, "I"+r)
		}
	}
	want := map[string][]string{"date": dates, "list": done, "whole": ranks}
	got := map[string][]string{}
	for _, dv := range dvs {
		got[dv.Type] = strings.Fields(dv.Sqref)
	}
	for typ, cells := range want {
		if !slices.Equal(got[typ], cells) {
			t.Errorf("%s validation on %v, want %v", typ, got[typ], cells)
		}
	}
	if len(dates) != 3 || len(ranks) != 2 {
		t.Errorf("%d milestones, %d ranks on the tasks sheet, want 3 and 2", len(dates), len(ranks))
	}
	if meta := inTestValueOn(t, f, templates.InputSheet, "A2"); !strings.Contains(meta, "重点工作任务在“重点工作任务”工作表填报") {
		t.Errorf("填报表 does not point to the tasks sheet: %q", meta)
	}
}
