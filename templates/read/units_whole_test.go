package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// unitsLongCSV writes the figures as CityLongBook does, as CSV: a title
// line, a header whose 本年实际值 is quoted across two lines, the unit
// named on its first row only; lines end with end.
func unitsLongCSV(t *testing.T, fg fixture.CityFigures, end string) string {
	head := []string{"指标", "单位", "本年增速(%)", "是否完成", "本年实际值", "备注"}
	var b strings.Builder
	b.WriteString("2019年各县（市、区）主要指标完成情况" + end)
	b.WriteString(`指标,单位,本年增速(%),是否完成,"本年` + end + `实际值",备注` + end)
	for _, u := range fg.Units {
		for k, id := range fg.IDs {
			vals := make([]string, len(head))
			vals[0] = fixture.CityRules(t).Indicator(id).Name
			if k == 0 {
				vals[1] = u
			}
			for i, h := range head {
				if h == fixture.CityColumn[id] {
					vals[i] = fg.V[u][id]
				}
			}
			b.WriteString(strings.Join(vals, ",") + end)
		}
	}
	return b.String()
}

// TestReadUnitsCSV: a long table read from CSV (UTF-8 or GB18030, any line
// ends) gives the units and figures the same table gives from a workbook,
// each positioned at its line and field.
func TestReadUnitsCSV(t *testing.T) {
	rs := fixture.CityRules(t)
	fg := fixture.CityTestFigures()
	book, diags := ReadUnits("units.xlsx", fixture.CityLongBook(t, fg), rs, UnitsOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := unitsSummary(eval.EvaluateUnits(book, eval.Options{}))
	gb := func(s string) string {
		out, err := simplifiedchinese.GB18030.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name, data string
	}{
		{"UTF-8, CRLF", unitsLongCSV(t, fg, "\r\n")},
		{"UTF-8 with BOM, LF", "\xEF\xBB\xBF" + unitsLongCSV(t, fg, "\n")},
		{"GB18030, CR only", gb(unitsLongCSV(t, fg, "\r"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			units, diags := ReadUnits("units.csv", []byte(tc.data), rs, UnitsOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if d := cmp.Diff(want, unitsSummary(eval.EvaluateUnits(units, eval.Options{}))); d != "" {
				t.Errorf("city (-xlsx +csv):\n%s", d)
			}
			// 卫滨区 starts on line 8 (title, a header of two lines, 红旗区's four rows)
			got := units[1].Actuals.Values["gdp_growth"].Source(eval.FieldGrowth)
			if w := (rules.Pos{File: "units.csv", Line: 8, Col: 3, Cell: "C8"}); got != w {
				t.Errorf("卫滨区 GDP growth at %v, want %v", got, w)
			}
		})
	}
	if _, diags := ReadUnits("units.csv", []byte(unitsLongCSV(t, fg, "\n")), rs, UnitsOptions{Layout: UnitsSheets}); !strings.Contains(diags.Error(), "CSV 文件只有一张表，不能是每个单位一张工作表的格式") {
		t.Errorf("--layout sheets on CSV: %v", diags)
	}
}

// TestReadUnitsRefused: what reads as units but is none is refused, with
// an error that says what it is: one unit's table, whose column titles
// would be taken for units, and a table of which no indicator of the
// ruleset is found.
func TestReadUnitsRefused(t *testing.T) {
	corpus := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	mine, ds := rules.Parse("mine.yaml", []byte("ruleset: mine\nentity: 测试区\nyear: 2019\nindicators:\n"+
		"  - {id: training, name: 职工教育培训人次, category: 民生, measure: level, unit: 人, target: {kind: at_least, value: 500, text: 500人次以上}, weight: 10}\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	tests := []struct {
		name string
		file string
		data []byte
		rs   *rules.Ruleset
		want string // the error, after its position
	}{
		{"one unit's table", "bureau-yiyuan.xlsx", corpus("bureau-yiyuan.xlsx"), rules.Default(),
			"bureau-yiyuan.xlsx: Sheet1!C1: 这是一个单位的指标表，不是多单位数据：“本年累计”“上年同期”“增长(%)”是列标题（本年值、上年值、增速等），不是单位名称"},
		{"one unit's table, two header rows", "bureau-merged.xlsx", corpus("bureau-merged.xlsx"), rules.Default(),
			"bureau-merged.xlsx: 主要指标!C3: 这是一个单位的指标表，不是多单位数据：“1-12月”“上年同期”是列标题"},
		{"one unit's table, CSV", "csv-utf8.csv", corpus("csv-utf8.csv"), rules.Default(),
			"csv-utf8.csv:1:3: 这是一个单位的指标表，不是多单位数据：“本年累计”“上年同期”“比上年增长(%)”是列标题"},
		{"no indicator of the ruleset", "units.xlsx", fixture.CityLongBook(t, fixture.CityTestFigures()), mine,
			"units.xlsx: 4 个单位的数据中没有找到规则集 mine 中的任何指标（提示: 核对指标名称或编码与规则集中的名称或别名（attain rules show ID）是否一致；表中的指标有：“地区生产总值”、“城镇新增就业”、“PM2.5平均浓度”、“安全生产”）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := ReadUnits(tt.file, tt.data, tt.rs, UnitsOptions{})
			errs := diags.Errors()
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
				t.Fatalf("got %d errors:\n%v\nwant one starting\n%s", len(errs), diags, tt.want)
			}
			if len(diags) > 1 {
				t.Errorf("a refusal is one line, got %d:\n%v", len(diags), diags)
			}
		})
	}
}
