package scorecard

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// scWriteFixture writes the fixture scorecard into a temporary directory
// and opens it again.
func scWriteFixture(t *testing.T, a *eval.Assessment) (*excelize.File, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, a, ScorecardOptions{InputName: "actuals.xlsx", Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "scorecard.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return f, path
}

// scDetailRow finds the 明细 row of an indicator by its name.
func scDetailRow(t *testing.T, f *excelize.File, name string) int {
	t.Helper()
	return scDetailRowOn(t, f, view.SheetDetail, name)
}

// scDetailRowOn finds the row of an indicator by its name on a detail sheet.
func scDetailRowOn(t *testing.T, f *excelize.File, sheet, name string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 2 && r[2] == name {
			return i + 1
		}
	}
	t.Fatalf("no row for %s in %s", name, sheet)
	return 0
}

// scHeaderCol finds the column of a header in row 2 of a sheet.
func scHeaderCol(t *testing.T, f *excelize.File, sheet, head string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: no header row (%v)", sheet, err)
	}
	for i, h := range rows[1] {
		if h == head {
			return cell.ColName(i)
		}
	}
	t.Fatalf("%s: no column %s in %v", sheet, head, rows[1])
	return ""
}

func TestScorecardDetail(t *testing.T) {
	a := fixture.Assessment(t)
	f, _ := scWriteFixture(t, a)
	tests := []struct {
		name   string
		sheet  string // "" for 明细
		ind    string
		column string
		raw    string // the stored value; "" for an empty cell
		shown  string // the value as formatted
		number bool
	}{
		{name: "gdp actual is a number with one decimal", ind: "地区生产总值", column: "实际值", raw: "8.6", shown: "8.6", number: true},
		{name: "gdp target is the number of 左右", ind: "地区生产总值", column: "目标值", raw: "8.5", shown: "8.5", number: true},
		{name: "gdp gap in 个百分点", ind: "地区生产总值", column: "差距", raw: "0.1", shown: "+0.1个百分点", number: true},
		{name: "gdp previous growth", ind: "地区生产总值", column: "上年增速(%)", raw: "8", shown: "8.0", number: true},
		{name: "gdp previous level with its unit", ind: "地区生产总值", column: "上年实际值", raw: "193.2", shown: "193.2亿元", number: true},
		{name: "fai missed with a negative gap", ind: "固定资产投资", column: "差距", raw: "-2.5", shown: "-2.5个百分点", number: true},
		{name: "fai status", ind: "固定资产投资", column: "完成情况", raw: "未完成", shown: "未完成"},
		{name: "fai score", ind: "固定资产投资", column: "得分", raw: "6.33", shown: "6.33", number: true},
		{name: "retail derived source", ind: "社会消费品零售总额", column: "数据来源", raw: "由总量推算（actuals.xlsx: 填报表!E6）", shown: "由总量推算（actuals.xlsx: 填报表!E6）"},
		{name: "retail derived rate", ind: "社会消费品零售总额", column: "实际值", raw: "11.3", shown: "11.3", number: true},
		{name: "trade has no target value", ind: "进出口总值", column: "目标值", raw: "-", shown: "-"},
		{name: "rd without data", ind: "科技创新投入", column: "实际值", raw: "-", shown: "-"},
		{name: "rd score 0", ind: "科技创新投入", column: "得分", raw: "0", shown: "0.00", number: true},
		{name: "jobs in people", ind: "城镇新增就业", column: "实际值", raw: "10250", shown: "10250", number: true},
		{name: "jobs completion", ind: "城镇新增就业", column: "完成率(%)", raw: "102.5", shown: "102.50", number: true},
		{name: "jobs gap is the completion", ind: "城镇新增就业", column: "差距", raw: "102.5", shown: "102.50%", number: true},
		{name: "unemployment better by 0.4", ind: "城镇登记失业率", column: "差距", raw: "0.4", shown: "+0.40个百分点", number: true},
		{name: "unemployment completion lower is better", ind: "城镇登记失业率", column: "完成率(%)", raw: "110", shown: "110.00", number: true},
		{name: "rank actual", ind: "教育医疗、社会保障水平", column: "实际值", raw: "2", shown: "第2名", number: true},
		{name: "rank target", ind: "教育医疗、社会保障水平", column: "目标值", raw: "3", shown: "前3名", number: true},
		{name: "yes/no actual", ind: "节能减排、环境保护等约束性指标", column: "实际值", raw: "是", shown: "是"},
		{name: "weight", ind: "地区生产总值", column: "权重", raw: "12", shown: "12", number: true},
		{name: "source", ind: "地区生产总值", column: "数据来源", raw: "actuals.xlsx: 填报表!G4", shown: "actuals.xlsx: 填报表!G4"},
		{name: "tasks numbered from 1", sheet: view.SheetTaskDetail, ind: "非法集资案件化解、兑付", column: "序号", raw: "1", shown: "1", number: true},
		{name: "task count", sheet: view.SheetTaskDetail, ind: "签约项目", column: "实际值", raw: "42", shown: "42", number: true},
		{name: "task last year", sheet: view.SheetTaskDetail, ind: "签约项目", column: "上年实际值", raw: "38", shown: "38个", number: true},
		{name: "task amount", sheet: view.SheetTaskDetail, ind: "签约项目总投资", column: "目标值", raw: "320", shown: "320.0", number: true},
		{name: "task source", sheet: view.SheetTaskDetail, ind: "签约项目", column: "数据来源", raw: "actuals.xlsx: 重点工作任务!G12", shown: "actuals.xlsx: 重点工作任务!G12"},
		{name: "milestone due", sheet: view.SheetTaskDetail, ind: "大学科技园实质性动工建设", column: "目标值", raw: "2019年6月底前", shown: "2019年6月底前"},
		{name: "milestone date", sheet: view.SheetTaskDetail, ind: "大学科技园实质性动工建设", column: "实际值", raw: "2019-08-20", shown: "2019-08-20"},
		{name: "milestone late", sheet: view.SheetTaskDetail, ind: "大学科技园实质性动工建设", column: "完成情况", raw: "基本完成", shown: "基本完成"},
		{name: "milestone late half the weight", sheet: view.SheetTaskDetail, ind: "大学科技园实质性动工建设", column: "得分", raw: "1.5", shown: "1.50", number: true},
		{name: "milestone against its due", sheet: view.SheetTaskDetail, ind: "大学科技园实质性动工建设", column: "判定依据", raw: "2019-08-20 完成，晚于要求的 2019年6月底", shown: "2019-08-20 完成，晚于要求的 2019年6月底"},
		{name: "multi-year progress", sheet: view.SheetTaskDetail, ind: "装配式建筑产研示范基地建成面积", column: "完成率(%)", raw: "26", shown: "26.00", number: true},
		{name: "multi-year in progress", sheet: view.SheetTaskDetail, ind: "装配式建筑产研示范基地建成面积", column: "完成情况", raw: "进行中", shown: "进行中"},
		{name: "multi-year not scored", sheet: view.SheetTaskDetail, ind: "装配式建筑产研示范基地建成面积", column: "得分", raw: "不计分", shown: "不计分"},
		{name: "multi-year explained", sheet: view.SheetTaskDetail, ind: "装配式建筑产研示范基地建成面积", column: "判定依据",
			raw:   "5年内目标（至2023年），截至本年实际260亩，完成目标（1000亩）的26.00%，尚未到期，不计分",
			shown: "5年内目标（至2023年），截至本年实际260亩，完成目标（1000亩）的26.00%，尚未到期，不计分"},
		{name: "领先 is first", sheet: view.SheetTaskDetail, ind: "12345公共服务热线综合排名", column: "目标值", raw: "1", shown: "前1名", number: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheet := tt.sheet
			if sheet == "" {
				sheet = view.SheetDetail
			}
			ref := scRef(scHeaderCol(t, f, sheet, tt.column), scDetailRowOn(t, f, sheet, tt.ind))
			raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if raw != tt.raw {
				t.Errorf("%s raw = %q, want %q", ref, raw, tt.raw)
			}
			shown, _ := f.GetCellValue(sheet, ref)
			if shown != tt.shown {
				t.Errorf("%s shown = %q, want %q", ref, shown, tt.shown)
			}
			typ, _ := f.GetCellType(sheet, ref)
			isNum := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
			if isNum != tt.number {
				t.Errorf("%s type %v, number cell %v, want %v", ref, typ, isNum, tt.number)
			}
		})
	}
}

func TestScorecardSheets(t *testing.T) {
	a := fixture.Assessment(t)
	f, _ := scWriteFixture(t, a)
	got := strings.Join(f.GetSheetList(), ",")
	if want := "总览,明细,任务明细,回顾文稿,口径说明,数据问题,图表数据"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	tests := []struct {
		name, sheet, ref, want string
	}{
		{"total score", view.SheetOverview, "A5", "185.06"},
		{"full marks", view.SheetOverview, "B5", "198"},
		{"grade", view.SheetOverview, "D5", "优秀"},
		{"headline group", view.SheetOverview, "A9", "主要预期目标"},
		{"headline group score", view.SheetOverview, "B9", "91.73"},
		{"headline group full marks", view.SheetOverview, "C9", "100"},
		{"headline group grade", view.SheetOverview, "E9", "优秀"},
		{"task group", view.SheetOverview, "A10", "重点工作任务"},
		{"task group score", view.SheetOverview, "B10", "93.33"},
		{"task group full marks, multi-year goals left out", view.SheetOverview, "C10", "98"},
		{"task group percent", view.SheetOverview, "D10", "95.2"},
		{"both groups", view.SheetOverview, "A11", "综合"},
		{"both groups score", view.SheetOverview, "B11", "185.06"},
		{"headline total", view.SheetDetail, "N15", "91.73"},
		{"headline total words", view.SheetDetail, "O15", "主要预期目标得分率91.7%，等级优秀"},
		{"task total", view.SheetTaskDetail, "N47", "93.33"},
		{"task total words", view.SheetTaskDetail, "O47", "重点工作任务得分率95.2%，等级优秀"},
		{"task detail title", view.SheetTaskDetail, "A1", "红旗区2019年重点工作任务完成情况明细"},
		{"problem summary", view.SheetProblems, "E3", "科技创新投入的本年实际值为空"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := f.GetCellValue(tt.sheet, tt.ref, excelize.Options{RawCellValue: true})
			if err != nil || v != tt.want {
				t.Errorf("%s!%s = %q (%v), want %q", tt.sheet, tt.ref, v, err, tt.want)
			}
		})
	}
	// 口径说明 names every convention.
	cols, _ := f.GetCols(view.SheetNotes)
	notes := strings.Join(cols[0], "|") + strings.Join(cols[1], "|")
	for _, want := range []string{"左右", "修约规则", "GB/T 8170", "基本完成", "同步", "前3名", "优秀：得分率≥90%",
		"按完成率", "达标计分", "差距", "完成率", "规则来源", "seeds/000_0294fb1cead92004.txt"} {
		if !strings.Contains(notes, want) {
			t.Errorf("口径说明 lacks %q", want)
		}
	}
}

func TestScorecardNoProblems(t *testing.T) {
	in := fixture.Actuals()
	in.Problems = nil
	a := eval.Evaluate(rules.Default(), in)
	a.Problems = nil
	f, _ := scWriteFixture(t, a)
	v, _ := f.GetCellValue(view.SheetProblems, "A3")
	if v != "未发现数据问题" {
		t.Errorf("数据问题!A3 = %q", v)
	}
}

func TestHeaderFooter(t *testing.T) {
	long := strings.Repeat("红旗&区", 80)
	tests := []struct {
		name   string
		entity string
		want   string // a fragment of the header
	}{
		{"plain title", "红旗区", "&L红旗区2019年目标任务完成情况评估&R&A"},
		{"ampersand escaped", "A&B区", "&LA&&B区2019年"},
		{"long title clipped", long, "…&R&A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fixture.Assessment(t)
			a.Entity = tt.entity
			header, footer := scHeaderFooter(a, fixture.Evaluated)
			for _, s := range []string{header, footer} {
				if n := len([]rune(s)); n > scHeaderMax {
					t.Errorf("%d characters, want at most %d: %s", n, scHeaderMax, s)
				}
			}
			if !strings.Contains(header, tt.want) {
				t.Errorf("header %q lacks %q", header, tt.want)
			}
			if !strings.Contains(footer, "&P") || !strings.Contains(footer, "&N") || !strings.Contains(footer, "2020年1月15日") {
				t.Errorf("footer %q lacks the page or the date", footer)
			}
			// Every '&' that is not a code is doubled.
			body := strings.TrimSuffix(strings.TrimPrefix(header, "&L"), "&R&A")
			if strings.Count(strings.ReplaceAll(body, "&&", ""), "&") != 0 {
				t.Errorf("unescaped & in %q", body)
			}
			var buf bytes.Buffer
			if err := WriteScorecard(&buf, a, ScorecardOptions{Evaluated: fixture.Evaluated}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestScorecardEdges(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(a *eval.Assessment)
		sheet string
		want  string // a fragment of some cell of the sheet
	}{
		{"no data at all", func(a *eval.Assessment) {
			*a = *eval.Evaluate(rules.Default(), eval.Actuals{})
		}, view.SheetChartData, "无数据"}, // every indicator charted, at 0
		{"veto shown", func(a *eval.Assessment) {
			a.Veto = "一票否决: 安全生产未完成，总分计为0"
		}, view.SheetOverview, "一票否决: 安全生产未完成"},
		{"half year in the title", func(a *eval.Assessment) {
			a.Period = eval.Period{Code: "H1", Months: 6}
		}, view.SheetOverview, "红旗区2019年1-6月目标任务完成情况评估"},
		{"half year in a group's title", func(a *eval.Assessment) {
			a.Period = eval.Period{Code: "H1", Months: 6}
		}, view.SheetTaskDetail, "红旗区2019年1-6月重点工作任务完成情况明细"},
		{"one group: one detail sheet, the old title", func(a *eval.Assessment) {
			*a = *eval.Evaluate(rules.Default().Group(rules.GroupHeadline), fixture.Actuals())
		}, view.SheetOverview, "红旗区2019年主要预期目标完成情况评估"},
		{"a group without data summed up", func(a *eval.Assessment) {
			in := fixture.HeadlineActuals()
			*a = *eval.Evaluate(rules.Default(), in)
		}, view.SheetOverview, "42项未填报：非法集资案件化解、兑付、PM10、PM2.5、优良天数等考核指标排名、"},
		{"overall rank", func(a *eval.Assessment) { a.Rank = 2 }, view.SheetOverview, "综合排名第2位"},
		{"peer rank column", func(a *eval.Assessment) { a.Results[0].PeerRank = 4 }, view.SheetDetail, "位次"},
		{"all met", func(a *eval.Assessment) {
			for i := range a.Results {
				a.Results[i].Status = eval.Met
			}
		}, view.SheetOverview, "重点工作任务均已完成（含超额完成）或按进度推进"},
		{"all met, one group", func(a *eval.Assessment) {
			*a = *eval.Evaluate(rules.Default().Group(rules.GroupHeadline), fixture.Actuals())
			for i := range a.Results {
				a.Results[i].Status = eval.Met
			}
		}, view.SheetOverview, "所有指标均已完成（含超额完成）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fixture.Assessment(t)
			tt.edit(a)
			f, _ := scWriteFixture(t, a)
			rows, err := f.GetRows(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				for _, v := range r {
					if strings.Contains(v, tt.want) {
						return
					}
				}
			}
			t.Errorf("%s lacks %q", tt.sheet, tt.want)
		})
	}
}

func TestScorecardNil(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, nil, ScorecardOptions{}); err == nil {
		t.Error("WriteScorecard(nil) succeeded")
	}
}
