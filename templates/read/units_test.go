package read

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// unitsColumnsBook writes the figures with a row per indicator and a
// column per unit.
func unitsColumnsBook(t testing.TB, fg fixture.CityFigures) []byte {
	b := fixture.NewCityBook(t, "各单位")
	b.Row("各单位", 1, append([]string{"指标", "单位"}, fg.Units...)...)
	for i, id := range fg.IDs {
		ind := fixture.CityRules(t).Indicator(id)
		vals := []string{ind.Name, ind.Unit}
		for _, u := range fg.Units {
			vals = append(vals, fg.V[u][id])
		}
		b.Row("各单位", i+2, vals...)
	}
	return b.Bytes()
}

// unitsSheetsBook writes one sheet per unit in the template's layout.
func unitsSheetsBook(t testing.TB, fg fixture.CityFigures) []byte {
	b := fixture.NewCityBook(t, fg.Units[0])
	for _, u := range fg.Units[1:] {
		b.Sheet(u)
	}
	head := []string{"指标编码", "指标", "单位", "本年实际值", "本年增速(%)", "是否完成"}
	for _, u := range fg.Units {
		b.Row(u, 1, "填报单位："+u+"　年度：2019")
		b.Row(u, 2, head...)
		for i, id := range fg.IDs {
			ind := fixture.CityRules(t).Indicator(id)
			vals := []string{id, ind.Name, ind.Unit, "", "", ""}
			for k, h := range head {
				if h == fixture.CityColumn[id] {
					vals[k] = fg.V[u][id]
				}
			}
			b.Row(u, i+3, vals...)
		}
	}
	return b.Bytes()
}

// unitsSummary is what a City says about each unit, positions aside.
func unitsSummary(c *eval.City) []string {
	var out []string
	for _, a := range c.Units {
		out = append(out, fmt.Sprintf("%s total=%s rank=%d grade=%s veto=%q", a.Entity, a.Total, a.Rank, a.Grade, a.Veto))
		for _, r := range a.Results {
			out = append(out, fmt.Sprintf("  %s %s value=%s peer=%d score=%s", r.Indicator.ID, r.Status,
				r.Value.Decimal.String(), r.PeerRank, r.Score))
		}
	}
	return out
}

func unitsRead(t *testing.T, data []byte, rs *rules.Ruleset, opts UnitsOptions) ([]eval.Unit, rules.Diagnostics) {
	t.Helper()
	units, diags := ReadUnits("units.xlsx", data, rs, opts)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%v", diags.Errors())
	}
	return units, diags
}

func TestReadUnitsLayouts(t *testing.T) {
	rs := fixture.CityRules(t)
	fg := fixture.CityTestFigures()
	want := []string{
		`红旗区 total=96 rank=1 grade=优秀 veto=""`,
		"  gdp_growth 超额完成 value=8.6 peer=2 score=36",
		"  new_urban_jobs 超额完成 value=12000 peer=1 score=30",
		"  pm25 完成 value=52 peer=2 score=20",
		"  safety 完成 value=0 peer=0 score=10",
		`卫滨区 total=84 rank=2 grade=良好 veto=""`,
		"  gdp_growth 超额完成 value=8.6 peer=2 score=36",
		"  new_urban_jobs 基本完成 value=9000 peer=4 score=18",
		"  pm25 完成 value=48 peer=1 score=20",
		"  safety 完成 value=0 peer=0 score=10",
		`牧野区 total=60 rank=3 grade=合格 veto=""`,
		"  gdp_growth 完成 value=7.9 peer=4 score=28",
		"  new_urban_jobs 完成 value=10000 peer=3 score=22",
		"  pm25 未完成 value=60 peer=4 score=0",
		"  safety 完成 value=0 peer=0 score=10",
		`凤泉区 total=0 rank=4 grade=不合格 veto="一票否决: 安全生产未完成，总分计为0"`,
		"  gdp_growth 超额完成 value=9.1 peer=1 score=40",
		"  new_urban_jobs 超额完成 value=11000 peer=2 score=26",
		"  pm25 未完成 value=55 peer=3 score=0",
		"  safety 未完成 value=0 peer=0 score=0",
	}
	tests := []struct {
		name   string
		data   []byte
		layout UnitsLayout
		// cell is where 卫滨区's GDP growth is read.
		cell rules.Pos
	}{
		{"long table", fixture.CityLongBook(t, fg), UnitsLong, rules.Pos{File: "units.xlsx", Sheet: "数据", Cell: "C7"}},
		{"units as columns", unitsColumnsBook(t, fg), UnitsColumns, rules.Pos{File: "units.xlsx", Sheet: "各单位", Cell: "D2"}},
		{"sheet per unit", unitsSheetsBook(t, fg), UnitsSheets, rules.Pos{File: "units.xlsx", Sheet: "卫滨区", Cell: "E3"}},
	}
	for _, tc := range tests {
		for _, layout := range []UnitsLayout{UnitsAuto, tc.layout} {
			t.Run(fmt.Sprintf("%s/%s", tc.name, layoutName(layout)), func(t *testing.T) {
				units, diags := unitsRead(t, tc.data, rs, UnitsOptions{Layout: layout})
				if len(diags) > 0 {
					t.Errorf("diagnostics:\n%v", diags)
				}
				c := eval.EvaluateUnits(units, eval.Options{})
				if d := cmp.Diff(want, unitsSummary(c)); d != "" {
					t.Errorf("city (-want +got):\n%s", d)
				}
				if got := units[1].Actuals.Values["gdp_growth"].Source(eval.FieldGrowth); got != tc.cell {
					t.Errorf("卫滨区 GDP growth read at %v, want %v", got, tc.cell)
				}
			})
		}
	}
}

func TestReadUnitsWrongLayout(t *testing.T) {
	rs := fixture.CityRules(t)
	data := unitsColumnsBook(t, fixture.CityTestFigures())
	_, diags := ReadUnits("units.xlsx", data, rs, UnitsOptions{Layout: UnitsLong})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "没有找到长表格式的工作表") {
		t.Errorf("forced long layout on a columns table: %v", diags)
	}
	b := fixture.NewCityBook(t, "说明")
	b.Row("说明", 1, "这张表没有数据")
	_, diags = ReadUnits("units.xlsx", b.Bytes(), rs, UnitsOptions{})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "无法识别多单位数据的格式") {
		t.Errorf("no layout: %v", diags)
	}
	// CSV is read, as a long table or units as columns: this one is
	// neither.
	_, diags = ReadUnits("units.csv", []byte("单位,指标\n"), rs, UnitsOptions{})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "无法识别多单位数据的格式") {
		t.Errorf("csv: %v", diags)
	}
}

// TestReadUnitsCells covers the ways a figure may be written.
func TestReadUnitsCells(t *testing.T) {
	rs := fixture.CityRules(t)
	tests := []struct {
		name string
		// write fills row 2 of a long table 单位 | 指标 | 本年增速(%) with
		// GDP growth for 红旗区 in C2.
		write func(t *testing.T, f *excelize.File)
		want  string // the growth read, "" for none
		diag  string // a diagnostic that must be present
	}{
		{"plain number", func(t *testing.T, f *excelize.File) { f.SetCellDefault("数据", "C2", "8.6") }, "8.6", ""},
		{"float noise", func(t *testing.T, f *excelize.File) { f.SetCellDefault("数据", "C2", "8.6000000000000014") }, "8.6", ""},
		{"text with percent", func(t *testing.T, f *excelize.File) { f.SetCellStr("数据", "C2", "８.６％") }, "8.6", ""},
		{"percent format", func(t *testing.T, f *excelize.File) {
			f.SetCellDefault("数据", "C2", "0.086")
			style, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
			f.SetCellStyle("数据", "C2", "C2", style)
		}, "8.6", ""},
		{"literal percent sign in the format", func(t *testing.T, f *excelize.File) {
			f.SetCellDefault("数据", "C2", "8.6")
			code := `0.0"%"`
			style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			f.SetCellStyle("数据", "C2", "C2", style)
		}, "8.6", ""},
		{"placeholder", func(t *testing.T, f *excelize.File) { f.SetCellStr("数据", "C2", "—") }, "", ""},
		{"not a number", func(t *testing.T, f *excelize.File) { f.SetCellStr("数据", "C2", "约8.6") }, "", "红旗区 地区生产总值 的本年增速(%)：“约8.6”不是数字"},
		{"error value", func(t *testing.T, f *excelize.File) {
			f.SetCellFormula("数据", "C2", "1/0")
			f.SetCellValue("数据", "C2", "#DIV/0!")
		}, "", "错误值"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			f.SetSheetName("Sheet1", "数据")
			f.SetSheetRow("数据", "A1", &[]any{"单位", "指标", "本年增速(%)"})
			f.SetSheetRow("数据", "A2", &[]any{"红旗区", "GDP"})
			f.SetSheetRow("数据", "A3", &[]any{"红旗区", "城镇新增就业"})
			tc.write(t, f)
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			units, diags := ReadUnits("units.xlsx", buf.Bytes(), rs, UnitsOptions{})
			if len(units) != 1 {
				t.Fatalf("%d units: %v", len(units), diags)
			}
			got := ""
			if a := units[0].Actuals.Values["gdp_growth"]; a != nil && a.Growth.Valid {
				got = a.Growth.Decimal.String()
			}
			if got != tc.want {
				t.Errorf("growth %q, want %q (%v)", got, tc.want, diags)
			}
			if tc.diag != "" && !strings.Contains(diags.Error(), tc.diag) {
				t.Errorf("diagnostics lack %q:\n%v", tc.diag, diags)
			}
		})
	}
}

// TestReadUnitsTwoRowHeader reads units as columns under a second header
// row: 绝对值 | 增速 for each unit.
func TestReadUnitsTwoRowHeader(t *testing.T) {
	rs := fixture.CityRules(t)
	b := fixture.NewCityBook(t, "表1")
	b.Row("表1", 1, "指标", "红旗区", "", "卫滨区", "")
	b.Row("表1", 2, "", "绝对值", "增速(%)", "绝对值", "增速(%)")
	b.Row("表1", 3, "地区生产总值", "210.5", "8.6", "150.2", "7.9")
	b.Row("表1", 4, "城镇新增就业", "12000", "", "9000", "")
	b.Row("表1", 5, "不在规则集中的指标", "1", "2", "3", "4")
	if err := b.F.MergeCell("表1", "B1", "C1"); err != nil {
		t.Fatal(err)
	}
	units, diags := unitsRead(t, b.Bytes(), rs, UnitsOptions{})
	if len(units) != 2 {
		t.Fatalf("units %d: %v", len(units), diags)
	}
	gdp := units[1].Actuals.Values["gdp_growth"]
	if gdp == nil || gdp.Level.Decimal.String() != "150.2" || gdp.Growth.Decimal.String() != "7.9" {
		t.Fatalf("卫滨区 GDP %+v", gdp)
	}
	if got := gdp.Source(eval.FieldLevel).Cell; got != "D3" {
		t.Errorf("level read at %s", got)
	}
	if jobs := units[0].Actuals.Values["new_urban_jobs"]; jobs == nil || jobs.Level.Decimal.String() != "12000" {
		t.Errorf("红旗区 jobs %+v", jobs)
	}
	if !strings.Contains(diags.Error(), "未识别的指标“不在规则集中的指标”，共1行未导入") {
		t.Errorf("unknown indicator not reported once:\n%v", diags)
	}
}

func TestReadUnitsDuplicates(t *testing.T) {
	rs := fixture.CityRules(t)
	b := fixture.NewCityBook(t, "数据")
	b.Row("数据", 1, "单位", "指标编码", "本年增速(%)")
	b.Row("数据", 2, "红旗区", "gdp_growth", "8.6")
	b.Row("数据", 3, "红旗区", "gdp_growth", "8.7")
	_, diags := ReadUnits("units.xlsx", b.Bytes(), rs, UnitsOptions{})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "重复出现：第2行和第3行") {
		t.Errorf("duplicate not reported: %v", diags)
	}
}

func TestReadTargets(t *testing.T) {
	rs := fixture.CityRules(t)
	want := map[string]map[string]string{
		"红旗区": {"gdp_growth": "9", "new_urban_jobs": "13000"},
		"卫滨区": {"gdp_growth": "8.5"},
		"新乡县": {"gdp_growth": "7"},
	}
	for _, long := range []bool{false, true} {
		t.Run(map[bool]string{false: "wide", true: "long"}[long], func(t *testing.T) {
			targets, diags := ReadTargets("targets.xlsx", fixture.CityTargetsBook(t, long), rs)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got := map[string]map[string]string{}
			for u, ov := range targets {
				got[u] = map[string]string{}
				for id, o := range ov {
					got[u][id] = o.Text
					if o.Pos.Sheet != "目标" || o.Pos.Cell == "" {
						t.Errorf("%s %s at %v", u, id, o.Pos)
					}
				}
				if len(got[u]) == 0 {
					delete(got, u)
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("targets (-want +got):\n%s", d)
			}
			if !long && !strings.Contains(diags.Error(), "目标表的列“人均GDP”不是规则集 city-test 中的指标") {
				t.Errorf("unknown column not reported: %v", diags)
			}
		})
	}
}

// TestReadUnitsTargets judges units against their own targets and reports
// units that are only in the data or only in the targets table.
func TestReadUnitsTargets(t *testing.T) {
	rs := fixture.CityRules(t)
	targets, diags := ReadTargets("targets.xlsx", fixture.CityTargetsBook(t, false), rs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	units, diags := unitsRead(t, fixture.CityLongBook(t, fixture.CityTestFigures()), rs, UnitsOptions{Targets: targets})
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	if want := []string{"红旗区", "卫滨区", "牧野区", "凤泉区", "新乡县"}; !cmp.Equal(names, want) {
		t.Errorf("units %v, want %v", names, want)
	}
	for _, want := range []string{
		"单位“牧野区”在目标表中没有目标，按共用规则集 city-test 的目标评价",
		"单位“凤泉区”在目标表中没有目标",
		"单位“新乡县”有目标，但数据中没有该单位，全部指标按无数据处理",
	} {
		if !strings.Contains(diags.Error(), want) {
			t.Errorf("diagnostics lack %q:\n%v", want, diags)
		}
	}
	c := eval.EvaluateUnits(units, eval.Options{})
	by := map[string]*eval.Assessment{}
	for _, a := range c.Units {
		by[a.Entity] = a
	}
	// 红旗区 grew 8.6% against its own 9%左右: within ±0.5, 完成, not 超额.
	if r := by["红旗区"].Result("gdp_growth"); r.Status != eval.Met || !strings.Contains(r.Indicator.Target.Text, "本单位目标 9") {
		t.Errorf("红旗区 GDP %s against %q", r.Status, r.Indicator.Target.Text)
	}
	// 卫滨区's 0.085 formatted as 8.50%: a target of 8.5.
	if r := by["卫滨区"].Result("gdp_growth"); !strings.Contains(r.Indicator.Target.Text, "本单位目标 8.5") {
		t.Errorf("卫滨区 target %q", r.Indicator.Target.Text)
	}
	// 牧野区 keeps the shared 8%左右.
	if r := by["牧野区"].Result("gdp_growth"); r.Indicator.Target.Text != "增长8%左右" {
		t.Errorf("牧野区 target %q", r.Indicator.Target.Text)
	}
	x := by["新乡县"]
	for _, r := range x.Results {
		if r.Status != eval.NoData && !(r.Indicator.Measure == rules.YesNo) {
			t.Errorf("新乡县 %s %s", r.Indicator.ID, r.Status)
		}
	}
	if !strings.Contains(fmt.Sprint(x.Problems), "新乡县") {
		t.Errorf("新乡县's assessment does not carry its warning: %v", x.Problems)
	}
}

// TestReadUnitsRulesets gives one unit its own ruleset.
func TestReadUnitsRulesets(t *testing.T) {
	rs := fixture.CityRules(t)
	own, _ := rs.WithTargets("卫滨区", map[string]rules.TargetOverride{"new_urban_jobs": {Text: "8000"}})
	units, diags := unitsRead(t, fixture.CityLongBook(t, fixture.CityTestFigures()), rs,
		UnitsOptions{Rulesets: map[string]*rules.Ruleset{"卫滨区": own, "获嘉县": own}})
	if len(units) != 5 || units[1].Ruleset.Indicator("new_urban_jobs").Target.Value.String() != "8000" {
		t.Fatalf("units %d, 卫滨区 target %s", len(units), units[1].Ruleset.Indicator("new_urban_jobs").Target.Value)
	}
	for _, want := range []string{"单位“红旗区”没有单独的规则集", "单位“获嘉县”有目标，但数据中没有该单位"} {
		if !strings.Contains(diags.Error(), want) {
			t.Errorf("diagnostics lack %q:\n%v", want, diags)
		}
	}
	if strings.Contains(diags.Error(), "单位“卫滨区”没有单独的规则集") {
		t.Errorf("卫滨区 has its own ruleset: %v", diags)
	}
}

// TestReadUnitsProgress checks that progress is reported, throttled, and
// ends at the total.
func TestReadUnitsProgress(t *testing.T) {
	rs := fixture.SyntheticRuleset(10)
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, rs, 1000, 10, 7); err != nil {
		t.Fatal(err)
	}
	var calls [][2]int
	units, diags := ReadUnits("gen.xlsx", buf.Bytes(), rs, UnitsOptions{Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}})
	if diags.HasErrors() || len(units) != 1000 {
		t.Fatalf("%d units: %v", len(units), diags.Errors())
	}
	if len(calls) < 2 || len(calls) > 10001/unitsProgressEvery+2 {
		t.Fatalf("%d progress calls: %v", len(calls), calls)
	}
	if calls[0][1] != 10001 {
		t.Errorf("first total %d, want the 10001 rows the sheet says it has", calls[0][1])
	}
	if last := calls[len(calls)-1]; last[0] != 10001 || last[1] != 10001 {
		t.Errorf("last call %v", last)
	}
	if !sort.SliceIsSorted(calls, func(i, j int) bool { return calls[i][0] < calls[j][0] }) {
		t.Errorf("progress goes back: %v", calls)
	}
}

func TestParseUnitsLayout(t *testing.T) {
	for in, want := range map[string]UnitsLayout{"": UnitsAuto, "auto": UnitsAuto, "Long": UnitsLong,
		"sheets": UnitsSheets, " columns ": UnitsColumns} {
		if got, err := ParseUnitsLayout(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	if _, err := ParseUnitsLayout("wide"); err == nil {
		t.Error("wide accepted")
	}
}

// TestReadUnitsTemplate reads a filled input template as a one-unit city:
// the same figures, from the same cells, as ReadActuals.
func TestReadUnitsTemplate(t *testing.T) {
	rs := rules.Default()
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, "", fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	acts, want := ReadActuals("t.xlsx", buf.Bytes(), rs, ReadOptions{})
	units, got := ReadUnits("t.xlsx", buf.Bytes(), rs, UnitsOptions{})
	if len(units) != 1 || units[0].Name != rs.Entity {
		t.Fatalf("units %v: %v", len(units), got)
	}
	if d := cmp.Diff(acts.Values, units[0].Actuals.Values); d != "" {
		t.Errorf("figures differ from ReadActuals (-ReadActuals +ReadUnits):\n%s", d)
	}
	if len(got) != len(want) {
		t.Errorf("diagnostics: ReadUnits %v, ReadActuals %v", got, want)
	}
}

// FuzzReadUnits feeds damaged workbooks to the reader: no panic, and
// every problem worded.
func FuzzReadUnits(f *testing.F) {
	fg := fixture.CityTestFigures()
	for _, data := range [][]byte{{}, []byte("PK\x03\x04"), fixture.CityLongBook(f, fg), unitsColumnsBook(f, fg),
		unitsSheetsBook(f, fg)} {
		f.Add(data)
	}
	rs := fixture.CityRules(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		units, diags := readUnits("fuzz.xlsx", data, rs, UnitsOptions{})
		for _, u := range units {
			if u.Ruleset == nil || u.Actuals.Values == nil {
				t.Fatalf("unit %q without ruleset or values", u.Name)
			}
		}
		for _, d := range diags {
			if d.Summary == "" {
				t.Fatalf("empty diagnostic at %v", d.Pos)
			}
		}
	})
}

// FuzzReadTargets does the same for targets tables.
func FuzzReadTargets(f *testing.F) {
	for _, data := range [][]byte{{}, fixture.CityTargetsBook(f, false), fixture.CityTargetsBook(f, true)} {
		f.Add(data)
	}
	rs := fixture.CityRules(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := readTargets("fuzz.xlsx", data, rs)
		for _, d := range diags {
			if d.Summary == "" {
				t.Fatalf("empty diagnostic at %v", d.Pos)
			}
		}
	})
}

// TestUnitsReadErrorsReported: a sheet that breaks off while it is read
// is an error naming the sheet and the cause, never a silently shorter
// table (targets) or a misleading "no header" (the layout scan).
func TestUnitsReadErrorsReported(t *testing.T) {
	rs := fixture.CityRules(t)
	brokenRef := func(cell string) *regexp.Regexp { return regexp.MustCompile(`r="` + cell + `"`) }
	t.Run("targets", func(t *testing.T) {
		data := readTestPatch(t, fixture.CityTargetsBook(t, false), "xl/worksheets/sheet2.xml", brokenRef("A3"), `r="3A"`)
		got, diags := ReadTargets("targets.xlsx", data, rs)
		errs := diags.Errors()
		if got != nil || len(errs) == 0 || !strings.Contains(errs[0].Summary, "工作表“目标”在第2行之后已损坏") ||
			!strings.Contains(errs[0].Summary, "单元格引用“3A”无效") || errs[0].Pos.Sheet != "目标" {
			t.Fatalf("targets %v, diagnostics:\n%v", got, diags)
		}
	})
	t.Run("layout scan", func(t *testing.T) {
		data := readTestPatch(t, fixture.CityLongBook(t, fixture.CityTestFigures()), "xl/worksheets/sheet1.xml", brokenRef("A1"), `r="1A"`)
		_, diags := ReadUnits("units.xlsx", data, rs, UnitsOptions{})
		found := false
		for _, d := range diags.Errors() {
			found = found || strings.Contains(d.Summary, "单元格引用“1A”无效")
		}
		if !found {
			t.Fatalf("the cause is not reported:\n%v", diags)
		}
	})
}

// TestUnitsRowsEachStops: when the function given to each panics, the
// iterator's goroutine ends too instead of waiting forever to hand over
// its next batch.
func TestUnitsRowsEachStops(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, nil, 1000, 10, 1); err != nil {
		t.Fatal(err)
	}
	book, err := xlsxscan.Open(buf.Bytes(), xlsxTestLimits)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	var its []*unitsRows
	for i := 0; i < 20; i++ {
		it, err := unitsOpenRows(book, "数据")
		if err != nil {
			t.Fatal(err)
		}
		its = append(its, it)
		func() {
			defer func() { _ = recover() }()
			it.each(func(row []unitsCell, n int) { panic("a bug in the reader") })
		}()
	}
	// Counted before the sheets are closed: closing one under a running
	// iterator would end it too, by a race.
	time.Sleep(50 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+2 {
		t.Errorf("%d goroutines before, %d after 20 panics", before, after)
	}
	for _, it := range its {
		it.close()
	}
}

func layoutName(l UnitsLayout) string {
	if l == "" {
		return "auto"
	}
	return string(l)
}
