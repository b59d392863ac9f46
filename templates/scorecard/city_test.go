package scorecard

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

var cityTestDate = time.Date(2020, 1, 15, 9, 30, 0, 0, time.UTC)

// cityFixture is the four test units read from a long table, with the
// targets table applied, judged for a period.
func cityFixture(t *testing.T, period string) *eval.City {
	t.Helper()
	rs := fixture.CityRules(t)
	targets, diags := read.ReadTargets("targets.xlsx", fixture.CityTargetsBook(t, false), rs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	units, diags := cityRead(t, fixture.CityLongBook(t, fixture.CityTestFigures()), rs, read.UnitsOptions{Targets: targets})
	p, err := eval.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	c := eval.EvaluateUnits(units, eval.Options{Period: p})
	c.Problems = diags
	return c
}

// cityGenerated is n generated units of a synthetic ruleset, judged.
func cityGenerated(t testing.TB, n, indicators int) *eval.City {
	t.Helper()
	rs := fixture.SyntheticRuleset(indicators)
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, rs, n, indicators, 42); err != nil {
		t.Fatal(err)
	}
	units, diags := read.ReadUnits("generated.xlsx", buf.Bytes(), rs, read.UnitsOptions{})
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return eval.EvaluateUnits(units, eval.Options{})
}

func TestCityJSONGolden(t *testing.T) {
	c := cityFixture(t, "year")
	var buf bytes.Buffer
	if err := view.WriteCityJSON(&buf, c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "units", "city.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), buf.String()); d != "" {
		t.Errorf("JSON differs from %s (-want +got):\n%s", path, d)
	}

	// The shape: exactly these keys, numbers as strings.
	var doc struct {
		Units []struct {
			Unit       string           `json:"unit"`
			Indicators []map[string]any `json:"indicators"`
			TotalScore string           `json:"total_score"`
			Grade      string           `json:"grade"`
			Rank       int              `json:"rank"`
			Veto       string           `json:"veto"`
		} `json:"units"`
		Summary struct {
			Units     int              `json:"units"`
			Vetoed    int              `json:"vetoed"`
			MeanTotal string           `json:"mean_total"`
			MaxTotal  string           `json:"max_total"`
			MinTotal  string           `json:"min_total"`
			Statuses  []map[string]any `json:"statuses"`
			Grades    []map[string]any `json:"grades"`
		} `json:"summary"`
		Problems []map[string]any `json:"problems"`
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("shape: %v", err)
	}
	if len(doc.Units) != 5 || doc.Units[0].Unit != "红旗区" || doc.Units[0].Rank != 1 {
		t.Fatalf("units: %+v", doc.Units)
	}
	if s := doc.Summary; s.Units != 5 || s.Vetoed != 1 || s.MeanTotal != "48.00" || s.MaxTotal != "95.99" ||
		s.MinTotal != "0.00" || len(s.Statuses) != 5 || len(s.Grades) != 4 {
		t.Errorf("summary: %+v", s)
	}
	vetoed := 0
	for _, u := range doc.Units {
		if u.Veto != "" {
			vetoed++
			if u.TotalScore != "0.00" || !strings.Contains(u.Veto, "一票否决") {
				t.Errorf("vetoed unit %s: total %s, veto %q", u.Unit, u.TotalScore, u.Veto)
			}
		}
	}
	if vetoed != 1 {
		t.Errorf("%d vetoed units in the JSON, want 1", vetoed)
	}
	gdp := doc.Units[1].Indicators[0]
	if gdp["id"] != "gdp_growth" || gdp["actual"] != "8.6" || gdp["rank"] != float64(2) || gdp["score"] != "36.00" {
		t.Errorf("卫滨区 GDP: %v", gdp)
	}
	var single map[string]any
	var one bytes.Buffer
	if err := view.WriteJSON(&one, c.Units[1]); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(one.Bytes(), &single); err != nil {
		t.Fatal(err)
	}
	first := single["indicators"].([]any)[0].(map[string]any)
	for k, v := range first {
		if !cmp.Equal(gdp[k], v) {
			t.Errorf("field %s: city %v, single-unit JSON %v", k, gdp[k], v)
		}
	}
	if len(gdp) != len(first)+1 {
		t.Errorf("city indicator has %d keys, single-unit %d + rank", len(gdp), len(first))
	}
	if doc.Units[4].Indicators[0]["rank"] != nil {
		t.Errorf("a unit without data has rank %v", doc.Units[4].Indicators[0]["rank"])
	}
	units := map[string]bool{}
	for _, p := range doc.Problems {
		units[p["unit"].(string)] = true
	}
	if !units["新乡县"] || !units["牧野区"] {
		t.Errorf("problems do not name their units: %v", doc.Problems)
	}
}

// TestCityJSONStreamed checks that the unit-at-a-time encoding gives the
// bytes of encoding the whole document at once.
func TestCityJSONStreamed(t *testing.T) {
	for _, c := range []*eval.City{cityFixture(t, "year"), {Units: nil}} {
		var got bytes.Buffer
		if err := view.WriteCityJSON(&got, c); err != nil {
			t.Fatal(err)
		}
		whole := struct {
			Units    []view.CityJSONUnit    `json:"units"`
			Summary  view.CityJSONSummary   `json:"summary"`
			Problems []view.CityJSONProblem `json:"problems"`
		}{Units: []view.CityJSONUnit{}, Summary: view.CityJSONSummaryOf(c.Summary()), Problems: []view.CityJSONProblem{}}
		for _, a := range c.Units {
			whole.Units = append(whole.Units, view.CityJSONUnitOf(a))
		}
		for _, p := range view.CityProblems(c) {
			whole.Problems = append(whole.Problems, view.CityJSONProblem{Unit: p.Unit, JSONProblem: view.JSONProblem{
				Position: p.D.Pos.String(), Level: p.D.Level(), Summary: p.D.Summary, Hint: p.D.Hint,
				Indicator: p.D.Indicator}})
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(whole); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want.String(), got.String()); d != "" {
			t.Errorf("streamed JSON differs (-whole +streamed):\n%s", d)
		}
	}
}

func TestCityTableAndCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := view.WriteCityTable(&buf, cityFixture(t, "H1")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "时段: 1-6月，时序进度50%") {
		t.Errorf("table does not name the period:\n%s", buf.String())
	}
	c := cityFixture(t, "year")
	buf.Reset()
	if err := view.WriteCityTable(&buf, c); err != nil {
		t.Fatal(err)
	}
	table := buf.String()
	for _, want := range []string{"时段: 全年", "名次  单位", "一票否决: 安全生产未完成", "数据问题（",
		"汇总: 单位数 5  平均总分 48.00  最高总分 95.99  最低总分 0.00  一票否决 1",
		"指标完成情况（全部单位合计）: 超额完成 2，完成 9，基本完成 2，未完成 3，无数据 4", "等级分布: 优秀 1，良好 1，合格 1，不合格 2"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	lines := strings.Split(table, "\n")
	var order []string
	for _, l := range lines {
		for _, u := range []string{"红旗区", "卫滨区", "牧野区", "凤泉区", "新乡县"} {
			if strings.Contains(l, "  "+u+"  ") {
				order = append(order, u)
			}
		}
	}
	if want := []string{"红旗区", "卫滨区", "牧野区", "凤泉区", "新乡县"}; !cmp.Equal(order, want) {
		t.Errorf("table order %v, want %v:\n%s", order, want, table)
	}

	buf.Reset()
	if err := view.WriteCityCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The header, 5 units × 4 indicators, then the summary rows: 5 figures,
	// 5 statuses and 4 grades.
	if len(recs) != 1+5*4+5+5+4 || !cmp.Equal(recs[0], view.CityCSVHeader) {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	col := func(name string) int {
		for i, h := range view.CityCSVHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	row := recs[1+4] // 卫滨区, gdp_growth
	if row[col("单位")] != "卫滨区" || row[col("编码")] != "gdp_growth" || row[col("实际值")] != "8.6" ||
		row[col("名次")] != "2" || row[col("总分名次")] != "2" {
		t.Errorf("卫滨区 GDP row: %v", row)
	}
	summary := map[string]string{}
	for _, r := range recs[1+5*4:] {
		if r[col("单位")] != view.CitySummaryUnit || r[col("类别")] != "汇总" {
			t.Errorf("summary row %v", r)
		}
		summary[r[col("指标")]] = r[col("实际值")]
	}
	for name, want := range map[string]string{"单位数": "5", "平均总分": "48.00", "最低总分": "0.00", "一票否决单位数": "1",
		"指标未完成": "3", "等级为不合格的单位": "2"} {
		if summary[name] != want {
			t.Errorf("summary %s = %q, want %q", name, summary[name], want)
		}
	}
}

// cityOpen writes a city scorecard and opens it again.
func cityOpen(t *testing.T, c *eval.City) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cityCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCityScorecardUnitSheets(t *testing.T) {
	c := cityFixture(t, "year")
	f := cityOpen(t, c)
	want := []string{"总览", "排名", "红旗区", "卫滨区", "牧野区", "凤泉区", "新乡县", "口径说明", "数据问题"}
	if got := f.GetSheetList(); !cmp.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	tests := []struct {
		sheet, cell, want string
	}{
		{"排名", "A3", "名次"},
		{"排名", "A4", "第1名"},
		{"排名", "B4", "红旗区"},
		{"排名", "F3", "地区生产总值"},
		{"排名", "F4", "完成 (2)"}, // against its own target of 9%左右
		{"排名", "F5", "完成 (2)"}, // a tie shares the rank
		{"排名", "F6", "完成 (4)"}, // and the next one is skipped
		{"排名", "F7", "超额完成 (1)"},
		{"排名", "A7", "第4名"},
		{"排名", "B7", "凤泉区"},
		{"排名", "J7", "一票否决: 安全生产未完成，总分计为0"},
		{"排名", "A8", "第4名"},
		{"排名", "B8", "新乡县"},
		{"排名", "F8", "无数据"},
		{"红旗区", "C3", "地区生产总值"},
		{"红旗区", "K3", "第2名"},
	}
	for _, tc := range tests {
		t.Run(tc.sheet+"!"+tc.cell, func(t *testing.T) {
			if got := cityCell(t, f, tc.sheet, tc.cell); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
	// Numbers are stored as numbers, shown by their format.
	raw, _ := f.GetCellValue("排名", "C4", excelize.Options{RawCellValue: true})
	if typ, _ := f.GetCellType("排名", "C4"); raw != "95.99" || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
		t.Errorf("total stored as %v %q", typ, raw)
	}
	if raw, _ := f.GetCellValue("排名", "A4", excelize.Options{RawCellValue: true}); raw != "1" {
		t.Errorf("rank stored as %q", raw)
	}
	cfs, err := f.GetConditionalFormats("排名")
	if err != nil || len(cfs) == 0 {
		t.Errorf("no status colours on 排名: %v", err)
	}
	// The peer-based scoring, the veto; for a part of the year, the
	// period and its progress.
	overview := strings.Join(cityTexts(t, f, "总览"), "\n")
	for _, w := range []string{"2019年各单位主要预期目标完成情况评估", "全年", "一票否决", "凤泉区"} {
		if !strings.Contains(overview, w) {
			t.Errorf("总览 lacks %q", w)
		}
	}
	h1 := cityOpen(t, cityFixture(t, "H1"))
	h1Texts := strings.Join(append(cityTexts(t, h1, "总览"), cityTexts(t, h1, "口径说明")...), "\n")
	for _, w := range []string{"2019年1-6月各单位主要预期目标完成情况评估", "1-6月，时序进度50%", "时间过半、任务过半"} {
		if !strings.Contains(h1Texts, w) {
			t.Errorf("总览 or 口径说明 for H1 lacks %q", w)
		}
	}
	notes := strings.Join(cityTexts(t, f, "口径说明"), "\n")
	for _, w := range []string{"全年：按全年目标评价", "功效系数", "计分：按名次", "每后一名少得权重的10%", "并列者名次相同", "一票否决", "新乡县"} {
		if !strings.Contains(notes, w) {
			t.Errorf("口径说明 lacks %q", w)
		}
	}
	problems := strings.Join(cityTexts(t, f, "数据问题"), "\n")
	if !strings.Contains(problems, "单位“新乡县”有目标，但数据中没有该单位") {
		t.Errorf("数据问题:\n%s", problems)
	}
}

// cityTexts lists every non-empty cell of a sheet.
func cityTexts(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		for _, c := range r {
			if c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// TestCityScorecardLong takes the path for many units: one long 明细
// with filters, and a chart of the first 30 units only.
func TestCityScorecardLong(t *testing.T) {
	tests := []struct {
		name         string
		units, inds  int
		detailSheets int
		chartNote    bool
	}{
		{"30 units get a sheet each", 30, 4, 30, false},
		{"31 units share one 明细", 31, 4, 1, false},
		{"60 units chart the first 30", 60, 3, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cityGenerated(t, tc.units, tc.inds)
			f := cityOpen(t, c)
			sheets := f.GetSheetList()
			if got := len(sheets) - 4; got != tc.detailSheets {
				t.Fatalf("%d detail sheets: %v", got, sheets)
			}
			overview := strings.Join(cityTexts(t, f, "总览"), "\n")
			if got := strings.Contains(overview, "图表只列前30名"); got != tc.chartNote {
				t.Errorf("chart note %v", got)
			}
			if tc.detailSheets != 1 {
				return
			}
			head, _ := f.GetRows("明细")
			wantHead := []string{"单位", "指标", "目标", "实际值", "差距", "完成情况", "名次", "得分", "判定依据", "数据来源"}
			if !cmp.Equal(head[1], wantHead) {
				t.Errorf("明细 header %v", head[1])
			}
			if got := len(head) - 2; got != tc.units*tc.inds {
				t.Errorf("明细 has %d rows, want %d", got, tc.units*tc.inds)
			}
			if head[2][0] != c.Ranked()[0].Entity {
				t.Errorf("明细 starts with %s, not the first ranked unit", head[2][0])
			}
			found := false
			for _, dn := range f.GetDefinedName() {
				found = found || (dn.Name == "_xlnm._FilterDatabase" && strings.Contains(dn.RefersTo, "明细"))
			}
			if !found {
				t.Error("明细 has no filter")
			}
		})
	}
}

// TestCityScorecardLibreOffice converts a city scorecard with LibreOffice,
// an independent reader, to CSV (every sheet, cells as shown) and checks
// the ranking. It
// is skipped without soffice unless ATTAIN_REQUIRE_SOFFICE=1.
func TestCityScorecardLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ATTAIN_REQUIRE_SOFFICE") == "1" {
			t.Fatal("soffice not found and ATTAIN_REQUIRE_SOFFICE=1")
		}
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	if testing.Short() && os.Getenv("ATTAIN_REQUIRE_SOFFICE") != "1" {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	c := cityFixture(t, "year")
	var buf bytes.Buffer
	if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "city.xlsx")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "csv")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to",
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out, file)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(out, "city-排名.csv"))
	if err != nil {
		entries, _ := os.ReadDir(out)
		t.Fatalf("%v; converted: %v", err, entries)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Row 4: 第1名, 红旗区, 95.99 (its 基本完成 on jobs is the best of the peers, but not full marks) …, the GDP cell with its rank.
	if len(recs) < 4 || !cmp.Equal(recs[3][:6], []string{"第1名", "红旗区", "95.99", "96.0", "优秀", "完成 (2)"}) {
		t.Errorf("排名 row 4 as LibreOffice reads it: %v", recs[min(3, len(recs)-1)])
	}
	if _, err := os.Stat(filepath.Join(out, "city-明细.csv")); err == nil {
		t.Error("a 明细 sheet for 5 units")
	}
	for _, s := range []string{"总览", "红旗区", "口径说明", "数据问题"} {
		if _, err := os.Stat(filepath.Join(out, "city-"+s+".csv")); err != nil {
			t.Errorf("sheet %s not converted: %v", s, err)
		}
	}
}

func TestCitySheetName(t *testing.T) {
	for in, want := range map[string]string{
		"红旗区":                   "红旗区",
		"a/b:c":                 "a_b_c",
		"'引号'":                  "引号",
		"":                      "单位",
		strings.Repeat("长", 40): strings.Repeat("长", 31),
		"  [经开区]  ":             "_经开区_",
	} {
		if got := citySheetName(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// TestCityNumber checks that the StreamWriter gets each decimal's exact
// digits: an integer, a float whose shortest form is the decimal, or text.
func TestCityNumber(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"96", int64(96)},
		{"-3", int64(-3)},
		{"8.6", 8.6},
		{"0.1", 0.1},
		{"123456789012.345", 123456789012.345},
		{"1234567890123456.5", "1234567890123456.5"},
		{"0.12345678901234567", "0.12345678901234567"},
	}
	for _, tc := range tests {
		got := cityNumber(decimal.RequireFromString(tc.in))
		if got != tc.want {
			t.Errorf("%s: %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

// TestCityScorecardProgress: writing a large city reports the rows
// written, in order, below the total until the file is written, then the
// total.
func TestCityScorecardProgress(t *testing.T) {
	c := cityGenerated(t, 300, 50)
	var calls [][2]int
	opts := ScorecardOptions{Evaluated: cityTestDate, Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}}
	if err := WriteCityScorecard(io.Discard, c, opts); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 {
		t.Fatalf("%d progress calls: %v", len(calls), calls)
	}
	total := calls[0][1]
	if total < 300*50 || total > 300*60 {
		t.Errorf("total %d rows for 300 units × 50 indicators", total)
	}
	for i, call := range calls {
		last := i == len(calls)-1
		switch {
		case call[1] != total:
			t.Errorf("call %d: total %d, then %d", i, total, call[1])
		case i > 0 && call[0] <= calls[i-1][0]:
			t.Errorf("call %d: %d after %d", i, call[0], calls[i-1][0])
		case !last && call[0] >= total, last && call[0] != total:
			t.Errorf("call %d of %d: %d of %d", i, len(calls), call[0], total)
		}
	}
}

func cityRead(t *testing.T, data []byte, rs *rules.Ruleset, opts read.UnitsOptions) ([]eval.Unit, rules.Diagnostics) {
	t.Helper()
	units, diags := read.ReadUnits("units.xlsx", data, rs, opts)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%v", diags.Errors())
	}
	return units, diags
}
