package read

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// readTestBook fills the template of rs with values, lets mutate change the
// workbook with excelize, and returns its bytes. row finds the row of an
// indicator on 填报表; last is the last row of its table.
func readTestBook(t testing.TB, rs *rules.Ruleset, values map[string]map[eval.Field]string,
	mutate func(f *excelize.File, row func(id string) int, last int)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, "", values, ""); err != nil {
		t.Fatal(err)
	}
	if mutate == nil {
		return buf.Bytes()
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := func(id string) int { return fixture.TemplateRow(t, f, id) }
	main := rs.Group(rs.MainGroup()).Indicators
	mutate(f, row, row(main[len(main)-1].ID))
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// readTestPatch rewrites one part of a workbook package, replacing every
// match of re by repl; the part must match.
func readTestPatch(t testing.TB, data []byte, part string, re *regexp.Regexp, repl string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == part {
			if !re.Match(b) {
				t.Fatalf("%s does not match %s", part, re)
			}
			b = re.ReplaceAll(b, []byte(repl))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// readTestCellXML matches the XML of one cell of the input sheet.
func readTestCellXML(ref string) *regexp.Regexp {
	return regexp.MustCompile(`<c r="` + ref + `"((?: [a-z]+="[^"]*")*?)(?:/>|>.*?</c>)`)
}

func TestReadActualsRoundTrip(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, fixture.ExampleValues2019(), nil)
	acts, diags := ReadActuals("actuals.xlsx", data, rs, ReadOptions{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	if acts.Entity != "红旗区" || acts.Year != 2019 || acts.File != "actuals.xlsx" {
		t.Errorf("entity, year, file = %q, %d, %q", acts.Entity, acts.Year, acts.File)
	}
	yes := true
	tests := []struct {
		id                      string
		level, prev, growth     string
		rank                    int
		done                    *bool
		levelCell, growthCell   string
		prevCell, rankCell, yes string
	}{
		{id: "gdp_growth", growth: "8.6", prev: "193.2", growthCell: "H4", prevCell: "F4"},
		{id: "trade_growth", level: "4.2", prev: "3.9", levelCell: "G7", prevCell: "F7"},
		{id: "rd_growth", growth: "-1.5", growthCell: "H9"},
		{id: "revenue_growth", level: "9.1392", prev: "8.16", levelCell: "G10", prevCell: "F10"},
		{id: "new_urban_jobs", level: "10250", levelCell: "G11"},
		{id: "unemployment_rate", level: "3.6", levelCell: "G12"},
		{id: "public_services_rank", rank: 2, rankCell: "I14"},
		{id: "binding_targets", done: &yes, yes: "J15"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			a := acts.Values[tt.id]
			if a == nil {
				t.Fatal("not read")
			}
			num := func(what string, got decimal.NullDecimal, want, cell string, field eval.Field) {
				if want == "" {
					if got.Valid {
						t.Errorf("%s = %s, want none", what, got.Decimal)
					}
					return
				}
				if !got.Valid || !got.Decimal.Equal(decimal.RequireFromString(want)) || got.Decimal.String() != want {
					t.Errorf("%s = %v, want exactly %s", what, got, want)
				}
				if cell != "" {
					if p := a.Source(field); p != (rules.Pos{File: "actuals.xlsx", Sheet: templates.InputSheet, Cell: cell}) {
						t.Errorf("%s read from %v, want %s", what, p, cell)
					}
				}
			}
			num("level", a.Level, tt.level, tt.levelCell, eval.FieldLevel)
			num("prev level", a.PrevLevel, tt.prev, tt.prevCell, eval.FieldPrevLevel)
			num("growth", a.Growth, tt.growth, tt.growthCell, eval.FieldGrowth)
			if a.Rank != tt.rank {
				t.Errorf("rank = %d, want %d", a.Rank, tt.rank)
			}
			if tt.rankCell != "" && a.Source(eval.FieldRank).Cell != tt.rankCell {
				t.Errorf("rank read from %v", a.Source(eval.FieldRank))
			}
			if (a.Done == nil) != (tt.done == nil) || (a.Done != nil && *a.Done != *tt.done) {
				t.Errorf("done = %v, want %v", a.Done, tt.done)
			}
			if tt.yes != "" && a.Source(eval.FieldDone).Cell != tt.yes {
				t.Errorf("done read from %v", a.Source(eval.FieldDone))
			}
		})
	}
	// The example shows the verdicts it was made for.
	as := eval.Evaluate(rs, acts)
	want := map[string]eval.Status{"gdp_growth": eval.Met, "fai_growth": eval.Exceeded, "retail_growth": eval.Missed,
		"trade_growth": eval.Met, "rd_growth": eval.Missed, "revenue_growth": eval.Met, "binding_targets": eval.Met}
	for id, st := range want {
		if r := as.Result(id); r == nil || r.Status != st {
			t.Errorf("%s: status %v, want %s", id, r.Status, st)
		}
	}
	if r := as.Result("revenue_growth"); !r.Value.Valid || r.Value.Decimal.String() != "12" || !r.Raw.Decimal.Equal(decimal.NewFromInt(12)) {
		t.Errorf("revenue growth derived as %v (raw %v), want exactly 12", r.Value, r.Raw)
	}
}

func TestReadActualsEntity(t *testing.T) {
	rs := fixture.TestRules(t)
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, "另一区", nil, "测试横幅"); err != nil {
		t.Fatal(err)
	}
	acts, diags := ReadActuals("x.xlsx", buf.Bytes(), rs, ReadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if acts.Entity != "另一区" || acts.Year != 2020 {
		t.Errorf("entity, year = %q, %d", acts.Entity, acts.Year)
	}
}

// readTestGot renders the figure of field as a string: a decimal, a rank,
// 是/否, a date, or "" for none.
func readTestGot(a *eval.Actual, field eval.Field) string {
	if a == nil {
		return "<no row>"
	}
	switch field {
	case eval.FieldLevel:
		return readTestNum(a.Level)
	case eval.FieldPrevLevel:
		return readTestNum(a.PrevLevel)
	case eval.FieldGrowth:
		return readTestNum(a.Growth)
	case eval.FieldRank:
		if a.Rank == 0 {
			return ""
		}
		return strconv.Itoa(a.Rank)
	case eval.FieldDone:
		if a.Done == nil {
			return ""
		}
		return map[bool]string{true: "是", false: "否"}[*a.Done]
	}
	return a.Date
}

func readTestNum(n decimal.NullDecimal) string {
	if !n.Valid {
		return ""
	}
	return n.Decimal.String()
}

func TestReadActualsCells(t *testing.T) {
	type setter func(t *testing.T, f *excelize.File, cell string)
	num := func(raw string) setter {
		return func(t *testing.T, f *excelize.File, cell string) {
			if err := f.SetCellDefault(templates.InputSheet, cell, raw); err != nil {
				t.Fatal(err)
			}
		}
	}
	text := func(s string) setter {
		return func(t *testing.T, f *excelize.File, cell string) {
			if err := f.SetCellStr(templates.InputSheet, cell, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	styled := func(set setter, style *excelize.Style) setter {
		return func(t *testing.T, f *excelize.File, cell string) {
			set(t, f, cell)
			id, err := f.NewStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(templates.InputSheet, cell, cell, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	custom := func(code string) *excelize.Style { return &excelize.Style{CustomNumFmt: &code} }
	dateFmt := "yyyy-mm-dd"
	tests := []struct {
		name  string
		test  bool // use the small test ruleset (which has a milestone)
		id    string
		field eval.Field
		set   setter
		want  string
	}{
		{"number", false, "gdp_growth", eval.FieldGrowth, num("8.6"), "8.6"},
		{"percent format 10 stores the fraction", false, "gdp_growth", eval.FieldGrowth,
			styled(num("0.085"), &excelize.Style{NumFmt: 10}), "8.5"},
		{"percent format 9", false, "fai_growth", eval.FieldGrowth, styled(num("0.12"), &excelize.Style{NumFmt: 9}), "12"},
		{"custom percent format", false, "gdp_growth", eval.FieldGrowth, styled(num("0.085"), custom("0.0%")), "8.5"},
		{"percent format on a level", false, "unemployment_rate", eval.FieldLevel,
			styled(num("0.036"), &excelize.Style{NumFmt: 10}), "3.6"},
		{"quoted percent sign does not scale", false, "gdp_growth", eval.FieldGrowth, styled(num("8.5"), custom(`0.0"%"`)), "8.5"},
		{"escaped percent sign does not scale", false, "gdp_growth", eval.FieldGrowth, styled(num("8.5"), custom(`0.0\%`)), "8.5"},
		{"float noise in exponent form", false, "gdp_growth", eval.FieldGrowth, num("8.5000000000000006E-2"), "0.085"},
		{"float noise in a percent cell", false, "gdp_growth", eval.FieldGrowth,
			styled(num("8.5000000000000006E-2"), &excelize.Style{NumFmt: 10}), "8.5"},
		{"float noise", false, "gdp_growth", eval.FieldGrowth, num("4.4000000000000004"), "4.4"},
		{"percent text in a percent cell", false, "gdp_growth", eval.FieldGrowth,
			styled(text("8.5%"), &excelize.Style{NumFmt: 10}), "8.5"},
		{"number as text", false, "gdp_growth", eval.FieldGrowth, text("12.5"), "12.5"},
		{"thousands separators", false, "new_urban_jobs", eval.FieldLevel, text("1,234.5"), "1234.5"},
		{"percent text", false, "gdp_growth", eval.FieldGrowth, text("12.3%"), "12.3"},
		{"full-width", false, "gdp_growth", eval.FieldGrowth, text("１２．５"), "12.5"},
		{"spaces", false, "gdp_growth", eval.FieldGrowth, text("  8.5 "), "8.5"},
		{"leading plus", false, "gdp_growth", eval.FieldGrowth, text("+8.5"), "8.5"},
		{"negative", false, "rd_growth", eval.FieldGrowth, num("-1.5"), "-1.5"},
		{"zero is a figure", false, "rd_growth", eval.FieldGrowth, num("0"), "0"},
		{"dash", false, "gdp_growth", eval.FieldGrowth, text("-"), ""},
		{"em dash", false, "gdp_growth", eval.FieldGrowth, text("—"), ""},
		{"slash", false, "gdp_growth", eval.FieldGrowth, text("/"), ""},
		{"wu", false, "gdp_growth", eval.FieldGrowth, text("无"), ""},
		{"kong", false, "gdp_growth", eval.FieldGrowth, text("空"), ""},
		{"N/A", false, "gdp_growth", eval.FieldGrowth, text("N/A"), ""},
		{"blank text", false, "gdp_growth", eval.FieldGrowth, text("   "), ""},
		{"empty", false, "gdp_growth", eval.FieldGrowth, nil, ""},
		{"revised baseline", false, "revenue_growth", eval.FieldPrevLevel, num("8.2"), "8.2"},
		{"prev level typed", false, "trade_growth", eval.FieldPrevLevel, num("3.9"), "3.9"},
		{"rank", false, "public_services_rank", eval.FieldRank, num("3"), "3"},
		{"rank as text", false, "public_services_rank", eval.FieldRank, text("２"), "2"},
		{"rank 1.0", false, "public_services_rank", eval.FieldRank, num("1.0"), "1"},
		{"yes tick", false, "binding_targets", eval.FieldDone, text("√"), "是"},
		{"no cross", false, "binding_targets", eval.FieldDone, text("×"), "否"},
		{"not done", false, "binding_targets", eval.FieldDone, text("未完成"), "否"},
		{"boolean cell", false, "binding_targets", eval.FieldDone, func(t *testing.T, f *excelize.File, cell string) {
			if err := f.SetCellBool(templates.InputSheet, cell, true); err != nil {
				t.Fatal(err)
			}
		}, "是"},
		{"date serial", true, "plant_start", eval.FieldDate, styled(num("43936"), custom(dateFmt)), "2020-04-15"},
		{"date value", true, "plant_start", eval.FieldDate, func(t *testing.T, f *excelize.File, cell string) {
			if err := f.SetCellValue(templates.InputSheet, cell, time.Date(2020, 3, 31, 0, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}, "2020-03-31"},
		{"date text", true, "plant_start", eval.FieldDate, text("2020年4月15日"), "2020-04-15"},
		{"date slashes", true, "plant_start", eval.FieldDate, text("2020/4/5"), "2020-04-05"},
		{"month", true, "plant_start", eval.FieldDate, text("2020年4月"), "2020-04"},
		{"milestone done", true, "plant_start", eval.FieldDone, text("是"), "是"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := rules.Default()
			if tt.test {
				rs = fixture.TestRules(t)
			}
			var ref string
			data := readTestBook(t, rs, nil, func(f *excelize.File, row func(string) int, _ int) {
				ref = cell.A1(templates.ColOf(tt.field), row(tt.id))
				if tt.set != nil {
					tt.set(t, f, ref)
				}
			})
			acts, diags := readTestBothReaders(t, "in.xlsx", data, rs, ReadOptions{})
			if diags.HasErrors() {
				t.Fatalf("diagnostics:\n%v", diags)
			}
			a := acts.Values[tt.id]
			if got := readTestGot(a, tt.field); got != tt.want {
				t.Fatalf("%s read as %q, want %q", tt.field, got, tt.want)
			}
			src := a.Source(tt.field)
			switch {
			case tt.want == "" && src.IsValid():
				t.Errorf("no figure, but a source %v", src)
			case tt.want != "" && src != (rules.Pos{File: "in.xlsx", Sheet: templates.InputSheet, Cell: ref}):
				t.Errorf("source = %v, want %s", src, ref)
			}
		})
	}
}

func TestReadActualsFormulaCached(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, nil, nil)
	data = readTestPatch(t, data, "xl/worksheets/sheet1.xml", readTestCellXML("H4"), `<c r="H4"${1}><f>8+0.6</f><v>8.6</v></c>`)
	acts, diags := ReadActuals("in.xlsx", data, rs, ReadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got := readTestNum(acts.Values["gdp_growth"].Growth); got != "8.6" {
		t.Errorf("growth = %q, want the cached 8.6", got)
	}
}

func TestReadActualsByName(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, map[string]map[eval.Field]string{"gdp_growth": {eval.FieldGrowth: "8.6"},
		"fai_growth": {eval.FieldGrowth: "12.8"}}, func(f *excelize.File, row func(string) int, last int) {
		r := row("gdp_growth")
		f.SetCellStr(templates.InputSheet, cell.A1(templates.ColID, r), "")
		r = row("fai_growth")
		f.SetCellStr(templates.InputSheet, cell.A1(templates.ColID, r), "")
		f.SetCellStr(templates.InputSheet, cell.A1(templates.ColName, r), "全社会 固定资产投资") // an alias, spaced
		f.SetCellStr(templates.InputSheet, cell.A1(templates.ColID, last+2), "注：本表为测试数据。")
	})
	acts, diags := ReadActuals("in.xlsx", data, rs, ReadOptions{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	if got := readTestNum(acts.Values["gdp_growth"].Growth); got != "8.6" {
		t.Errorf("gdp growth by name = %q", got)
	}
	if got := readTestNum(acts.Values["fai_growth"].Growth); got != "12.8" {
		t.Errorf("fai growth by alias = %q", got)
	}
}

func TestReadActualsWarnings(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, nil, func(f *excelize.File, row func(string) int, last int) {
		if err := f.RemoveRow(templates.InputSheet, row("binding_targets")); err != nil {
			t.Fatal(err)
		}
		f.SetCellStr(templates.InputSheet, "A2", "填报单位：红旗区　　年度：2020")
		f.SetCellStr(templates.InputSheet, cell.A1(templates.ColName, last+1), "文化产业增加值")
		f.SetCellDefault(templates.InputSheet, cell.A1(templates.ColLevel, last+1), "5")
	})
	acts, diags := ReadActuals("in.xlsx", data, rs, ReadOptions{})
	if diags.HasErrors() {
		t.Fatalf("errors:\n%v", diags)
	}
	want := []string{
		"in.xlsx: 填报表: 警告: 填报表中没有指标 binding_targets（节能减排、环境保护等约束性指标）的行，按无数据处理",
		"in.xlsx: 填报表!A2: 警告: 填报表的年度为 2020 年，规则集 hongqi-2019 为 2019 年",
		"in.xlsx: 填报表!B16: 警告: 未识别的指标“文化产业增加值”，本行未导入",
	}
	var got []string
	for _, d := range diags {
		s := d.Error()
		s, _, _ = strings.Cut(s, "（提示")
		got = append(got, s)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(acts.Problems) != len(want) {
		t.Errorf("Actuals.Problems has %d warnings, want %d", len(acts.Problems), len(want))
	}
}

// readTestEncrypted returns the filled template encrypted with password.
func readTestEncrypted(t testing.TB, rs *rules.Ruleset, password string) []byte {
	t.Helper()
	data := readTestBook(t, rs, map[string]map[eval.Field]string{"gdp_growth": {eval.FieldGrowth: "8.6"}}, nil)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadActualsEncrypted(t *testing.T) {
	rs := rules.Default()
	data := readTestEncrypted(t, rs, "秘密pw")
	if Sniff(data) != FormatEncrypted {
		t.Fatalf("Sniff = %s", Sniff(data))
	}
	acts, diags := ReadActuals("enc.xlsx", data, rs, ReadOptions{Password: "秘密pw"})
	if diags.HasErrors() {
		t.Fatalf("with the password: %v", diags)
	}
	if got := readTestNum(acts.Values["gdp_growth"].Growth); got != "8.6" {
		t.Errorf("growth = %q", got)
	}
	for _, tt := range []struct {
		name, password, want string
	}{
		{"no password", "", "enc.xlsx: 工作簿设置了打开密码（已加密），无法读取"},
		{"wrong password", "wrong", "enc.xlsx: 打开密码不正确，无法解密工作簿"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := ReadActuals("enc.xlsx", data, rs, ReadOptions{Password: tt.password})
			if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), tt.want) || diags[0].Hint == "" {
				t.Errorf("diagnostics = %v, want %q with a hint", diags, tt.want)
			}
		})
	}
}

// readTestWant is one expected error: where, and parts of its summary and
// hint.
type readTestWant struct {
	cell, summary, hint string
}

func TestReadActualsProblems(t *testing.T) {
	rs := rules.Default()
	type mutator = func(f *excelize.File, row func(string) int, last int)
	book := func(m mutator) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return readTestBook(t, rs, nil, m) }
	}
	set := func(id string, col int, v string) mutator {
		return func(f *excelize.File, row func(string) int, _ int) {
			f.SetCellStr(templates.InputSheet, cell.A1(col, row(id)), v)
		}
	}
	raw := func(b []byte) func(t *testing.T) []byte { return func(*testing.T) []byte { return b } }
	template := func(t *testing.T) []byte { return readTestBook(t, rs, nil, nil) }
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want []readTestWant
	}{
		{"text that is not a number", book(set("gdp_growth", templates.ColGrowth, "约8.5")),
			[]readTestWant{{"H4", "地区生产总值 的本年增速(%)：“约8.5”不是数字", "只填数字"}}},
		{"letters in a level", book(set("new_urban_jobs", templates.ColLevel, "abc")),
			[]readTestWant{{"G11", "城镇新增就业 的本年实际值：“abc”不是数字", "不要带单位"}}},
		{"bad thousands", book(set("new_urban_jobs", templates.ColLevel, "10,25")),
			[]readTestWant{{"G11", "千分位分隔符位置不对", "只填数字"}}},
		{"rank not whole", book(set("public_services_rank", templates.ColRank, "2.5")),
			[]readTestWant{{"I14", "教育医疗、社会保障水平 的名次：“2.5”不是正整数", "正整数"}}},
		{"rank zero", book(set("public_services_rank", templates.ColRank, "0")),
			[]readTestWant{{"I14", "“0”不是正整数", "第1名填 1"}}},
		{"yes/no word", book(set("binding_targets", templates.ColDone, "差不多")),
			[]readTestWant{{"J15", "“差不多”不是“是”或“否”", "填“是”或“否”"}}},
		{"error value as text", book(set("gdp_growth", templates.ColGrowth, "#N/A")),
			[]readTestWant{{"H4", "地区生产总值 的本年增速(%)是错误值 #N/A", "检查公式"}}},
		{"error cell", func(t *testing.T) []byte {
			return readTestPatch(t, template(t), "xl/worksheets/sheet1.xml", readTestCellXML("H4"),
				`<c r="H4"${1} t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
		}, []readTestWant{{"H4", "地区生产总值 的本年增速(%)是错误值 #DIV/0!", "检查公式"}}},
		{"formula without a cached value", book(func(f *excelize.File, row func(string) int, _ int) {
			if err := f.SetCellFormula(templates.InputSheet, cell.A1(templates.ColLevel, row("new_urban_jobs")), "SUM(G4,1)"); err != nil {
				panic(err)
			}
		}), []readTestWant{{"G11", "城镇新增就业 的本年实际值是公式（=SUM(G4,1)），但没有计算结果", "重新计算并保存"}}},
		{"boolean in a number column", book(func(f *excelize.File, row func(string) int, _ int) {
			f.SetCellBool(templates.InputSheet, cell.A1(templates.ColGrowth, row("gdp_growth")), true)
		}), []readTestWant{{"H4", "是逻辑值", "只填数字"}}},
		{"indicator listed twice", book(func(f *excelize.File, row func(string) int, last int) {
			f.SetCellStr(templates.InputSheet, cell.A1(templates.ColID, last+1), "gdp_growth")
			f.SetCellDefault(templates.InputSheet, cell.A1(templates.ColGrowth, last+1), "8.6")
		}), []readTestWant{{"A16", "指标 gdp_growth（地区生产总值）重复出现：第4行和第16行", "删去重复的一行"}}},
		{"unknown code with a known name", book(set("gdp_growth", templates.ColID, "gdp_grwth")),
			[]readTestWant{{"A4", "未知的指标编码“gdp_grwth”（规则集 hongqi-2019 中没有）", "本行指标“地区生产总值”的编码是 gdp_growth"}}},
		{"unknown code, did you mean", book(func(f *excelize.File, row func(string) int, last int) {
			f.SetCellStr(templates.InputSheet, cell.A1(templates.ColID, last+1), "fai_grwoth")
			f.SetCellDefault(templates.InputSheet, cell.A1(templates.ColGrowth, last+1), "12")
		}), []readTestWant{{"A16", "未知的指标编码“fai_grwoth”", "是不是 fai_growth？"}}},
		{"header row missing", book(func(f *excelize.File, _ func(string) int, _ int) {
			for col := range templates.Columns {
				f.SetCellStr(templates.InputSheet, cell.A1(col, 3), "")
			}
		}), []readTestWant{{"", "找不到表头行", "指标编码"}}},
		{"sheet missing", book(func(f *excelize.File, _ func(string) int, _ int) {
			f.SetSheetName(templates.InputSheet, "Sheet1")
		}), []readTestWant{{"-", "找不到工作表“填报表”；工作簿中的工作表有：“Sheet1”、“重点工作任务”、“填报说明”", "改回“填报表”"}}},
		{"several problems at once", book(func(f *excelize.File, row func(string) int, _ int) {
			f.SetCellStr(templates.InputSheet, cell.A1(templates.ColGrowth, row("fai_growth")), "abc")
			f.SetCellStr(templates.InputSheet, cell.A1(templates.ColGrowth, row("gdp_growth")), "约8.5")
			f.SetCellStr(templates.InputSheet, cell.A1(templates.ColLevel, row("unemployment_rate")), "#DIV/0!")
		}), []readTestWant{{"H4", "“约8.5”不是数字", ""}, {"H5", "“abc”不是数字", ""}, {"G12", "错误值 #DIV/0!", ""}}},
		{"empty file", raw(nil), []readTestWant{{"-", "文件是空的（0 字节）", "选对了文件"}}},
		{"xls", raw(sniffTestOLE("Root Entry", "Workbook")),
			[]readTestWant{{"-", "这是 .xls（Excel 97-2003）格式的工作簿或其他旧版 Office 文件，不是 .xlsx", "另存为"}}},
		{"encrypted", raw(sniffTestOLE("Root Entry", "EncryptionInfo", "EncryptedPackage")),
			[]readTestWant{{"-", "工作簿设置了打开密码（已加密）", "打开密码"}}},
		{"csv", raw([]byte("指标编码,本年增速(%)\ngdp_growth,8.6\n")),
			[]readTestWant{{"-", "这是文本文件（可能是 CSV），不是 .xlsx 工作簿", "另存为"}}},
		{"not a spreadsheet", raw([]byte{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}),
			[]readTestWant{{"-", "这是PNG 图片，不是电子表格（可能是改了扩展名）", "选对了文件"}}},
		{"not a spreadsheet, no known kind", raw([]byte{0, 1, 2, 3, 'x'}),
			[]readTestWant{{"-", "不是电子表格文件（既不是 .xlsx，也不是 .xls）", "选对了文件"}}},
		{"truncated xlsx", func(t *testing.T) []byte { b := template(t); return b[:len(b)/2] },
			[]readTestWant{{"-", "文件不完整或已损坏，无法作为 .xlsx 打开", "重新获取原文件"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := readTestBothReaders(t, "in.xlsx", tt.data(t), rs, ReadOptions{})
			errs := diags.Errors()
			if len(errs) != len(tt.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(errs), len(tt.want), diags)
			}
			for i, w := range tt.want {
				d := errs[i]
				want := rules.Pos{File: "in.xlsx", Sheet: templates.InputSheet, Cell: w.cell}
				if w.cell == "-" {
					want = rules.Pos{File: "in.xlsx"}
				}
				if d.Pos != want {
					t.Errorf("error %d at %v, want %v", i, d.Pos, want)
				}
				if !strings.Contains(d.Summary, w.summary) {
					t.Errorf("error %d: %q, want it to contain %q", i, d.Summary, w.summary)
				}
				if !strings.Contains(d.Hint, w.hint) || d.Hint == "" {
					t.Errorf("error %d hint: %q, want it to contain %q", i, d.Hint, w.hint)
				}
			}
		})
	}
}

func TestReadActualsOtherSheet(t *testing.T) {
	rs := rules.Default()
	data := readTestBook(t, rs, fixture.ExampleValues2019(), func(f *excelize.File, _ func(string) int, _ int) {
		f.SetSheetName(templates.InputSheet, "2019年")
	})
	acts, diags := ReadActuals("in.xlsx", data, rs, ReadOptions{Sheet: "2019年"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if p := acts.Values["gdp_growth"].Source(eval.FieldGrowth); p.Sheet != "2019年" || p.Cell != "H4" {
		t.Errorf("source = %v", p)
	}
}

// TestReadActualsGroups reads the sheet of the section-三 tasks beside 填报表:
// its figures and their cells, a template made before the sheet existed,
// a row listed on both sheets, and problems positioned on the tasks sheet.
func TestReadActualsGroups(t *testing.T) {
	rs := rules.Default()
	tasks := templates.InputSheetOf(rs, rules.GroupTasks)
	if tasks != "重点工作任务" {
		t.Fatalf("tasks sheet %q", tasks)
	}
	type mutator = func(t *testing.T, f *excelize.File)
	// taskRow is the row of a task on its sheet.
	taskRow := func(t *testing.T, f *excelize.File, id string) int {
		rows, err := f.GetRows(tasks)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 0 && r[0] == id {
				return i + 1
			}
		}
		t.Fatalf("no row for %s on %s", id, tasks)
		return 0
	}
	book := func(t *testing.T, m mutator) []byte {
		var buf bytes.Buffer
		if err := templates.FillTemplate(&buf, rs, "", fixture.ExampleValues2019(), ""); err != nil {
			t.Fatal(err)
		}
		if m == nil {
			return buf.Bytes()
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		m(t, f)
		out, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	tests := []struct {
		name   string
		mutate mutator
		sheet  string // ReadOptions.Sheet
		// want are the diagnostics, each "position: summary" without the hint.
		want []string
		// read lists figures that must have been read: id.field=value@cell.
		read []string
		// unread lists indicators that must be without figures.
		unread []string
	}{
		{name: "both sheets", read: []string{
			"gdp_growth.growth=8.6@填报表!H4",
			"signed_projects.level=42@重点工作任务!G12",
			"zhongde_park_phase1_start.date=2019-04-18@重点工作任务!K18",
			"zhongde_park_phase1_start.done=是@重点工作任务!J18",
			"air_quality_rank.rank=2@重点工作任务!I5",
			"prefab_base_area.level=260@重点工作任务!G24",
		}, unread: []string{"hotline_rank"}},
		{name: "older template without the tasks sheet", mutate: func(t *testing.T, f *excelize.File) {
			if err := f.DeleteSheet(tasks); err != nil {
				t.Fatal(err)
			}
		}, want: []string{
			"in.xlsx: 警告: 工作簿中没有“重点工作任务”工作表（可能是较早版本的模板），重点工作任务44项指标按无数据处理",
		}, read: []string{"gdp_growth.growth=8.6@填报表!H4"}, unread: []string{"signed_projects", "patent_applications"}},
		{name: "a task row deleted", mutate: func(t *testing.T, f *excelize.File) {
			if err := f.RemoveRow(tasks, taskRow(t, f, "patent_applications")); err != nil {
				t.Fatal(err)
			}
		}, want: []string{
			"in.xlsx: 重点工作任务: 警告: “重点工作任务”工作表中没有指标 patent_applications（专利申请量）的行，按无数据处理",
		}, unread: []string{"patent_applications"}},
		{name: "a task on both sheets", mutate: func(t *testing.T, f *excelize.File) {
			f.SetCellStr(templates.InputSheet, "A16", "signed_projects")
			f.SetCellDefault(templates.InputSheet, "G16", "43")
		}, want: []string{
			"in.xlsx: 重点工作任务!A12: 指标 signed_projects（签约项目）重复出现：“填报表”第16行和“重点工作任务”第12行",
		}, read: []string{"signed_projects.level=43@填报表!G16"}},
		{name: "a bad figure on the tasks sheet", mutate: func(t *testing.T, f *excelize.File) {
			f.SetCellStr(tasks, cell.A1(templates.ColDate, taskRow(t, f, "university_park_start")), "八月")
		}, want: []string{
			"in.xlsx: 重点工作任务!K27: 大学科技园实质性动工建设 的完成日期：“八月”不是日期",
		}},
		{name: "another sheet asked for", mutate: func(t *testing.T, f *excelize.File) {
			f.SetSheetName(templates.InputSheet, "2019年")
		}, sheet: "2019年", want: []string{
			"in.xlsx: 警告: 工作簿中没有读取“重点工作任务”工作表，重点工作任务44项指标按无数据处理",
		}, read: []string{"gdp_growth.growth=8.6@2019年!H4"}, unread: []string{"signed_projects"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, diags := ReadActuals("in.xlsx", book(t, tt.mutate), rs, ReadOptions{Sheet: tt.sheet})
			var got []string
			for _, d := range diags {
				s, _, _ := strings.Cut(d.Error(), "（提示")
				got = append(got, s)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("diagnostic %d: %s\nwant: %s", i, got[i], w)
				}
			}
			for _, r := range tt.read {
				what, cell, _ := strings.Cut(r, "@")
				idField, want, _ := strings.Cut(what, "=")
				id, field, _ := strings.Cut(idField, ".")
				a := acts.Values[id]
				if g := readTestGot(a, eval.Field(field)); g != want {
					t.Errorf("%s = %q, want %q", idField, g, want)
					continue
				}
				sheet, ref, _ := strings.Cut(cell, "!")
				if p := a.Source(eval.Field(field)); p != (rules.Pos{File: "in.xlsx", Sheet: sheet, Cell: ref}) {
					t.Errorf("%s read from %v, want %s", idField, p, cell)
				}
			}
			for _, id := range tt.unread {
				if a := acts.Values[id]; a != nil && len(a.Sources) > 0 {
					t.Errorf("%s has figures %v", id, a.Sources)
				}
			}
		})
	}
}

func TestReadActualsRecovers(t *testing.T) {
	// No ruleset is a caller's mistake, reported, not a panic.
	_, diags := ReadActuals("in.xlsx", nil, nil, ReadOptions{})
	if !diags.HasErrors() {
		t.Error("no error without a ruleset")
	}
}

var readTestUpdateCorpus = flag.Bool("update-fuzz-corpus", false,
	"rewrite the seed corpus of FuzzReadActuals under testdata/fuzz")

// readTestSeeds are the seed workbooks of FuzzReadActuals: small valid and
// broken ones, all made by code.
func readTestSeeds(t testing.TB) map[string][]byte {
	rs := fixture.TestRules(t)
	valid := func() []byte {
		var buf bytes.Buffer
		if err := templates.FillTemplate(&buf, rs, "", map[string]map[eval.Field]string{
			"gdp_growth": {eval.FieldGrowth: "8.5000000000000006E-2"}, "export_growth": {eval.FieldLevel: "１２．５"},
			"new_jobs": {eval.FieldLevel: "1,234"}, "services_rank": {eval.FieldRank: "2"},
			"binding": {eval.FieldDone: "√"}, "plant_start": {eval.FieldDate: "2020年4月"},
		}, "示例"); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	var broken bytes.Buffer
	if err := templates.FillTemplate(&broken, rs, "", map[string]map[eval.Field]string{
		"gdp_growth": {eval.FieldGrowth: "约8.5"}, "new_jobs": {eval.FieldLevel: "#DIV/0!"},
		"services_rank": {eval.FieldRank: "0"}, "binding": {eval.FieldDone: "差不多"},
		"plant_start": {eval.FieldDate: "2020-02-30"},
	}, ""); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"valid":     valid,
		"broken":    broken.Bytes(),
		"truncated": valid[:len(valid)*2/3],
		"xls":       sniffTestOLE("Root Entry", "Workbook"),
		"encrypted": sniffTestOLE("Root Entry", "EncryptionInfo", "EncryptedPackage"),
		"csv":       []byte("指标编码,本年增速(%)\ngdp_growth,8.6\n"),
	}
}

// TestFuzzCorpus keeps the seed corpus of FuzzReadActuals in place;
// go test -run TestFuzzCorpus -update-fuzz-corpus rewrites it.
func TestFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzReadActuals")
	seeds := readTestSeeds(t)
	for name, data := range seeds {
		path := filepath.Join(dir, name)
		if *readTestUpdateCorpus {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			t.Errorf("seed %s is missing; run go test ./templates/read -run TestFuzzCorpus -update-fuzz-corpus", path)
		}
	}
}

// FuzzReadActuals checks that no bytes panic the reader. It calls
// readActuals, without the recover of ReadActuals, so that a panic in the
// stream scanner or the reader is found.
func FuzzReadActuals(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	rs := rules.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, diags := readActuals("fuzz.xlsx", data, rs, ReadOptions{})
		if acts.Values == nil {
			t.Fatal("nil values")
		}
		for _, d := range diags {
			if d.Summary == "" {
				t.Fatalf("empty diagnostic at %v", d.Pos)
			}
		}
	})
}
