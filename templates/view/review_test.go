package view

import (
	"bytes"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// scReviewOf evaluates the default ruleset with the fixture changed by
// edit and returns the clause on one indicator ("" when it has none).
func scReviewOf(t *testing.T, id string, edit func(in *eval.Actuals)) string {
	t.Helper()
	in := fixture.Actuals()
	if edit != nil {
		edit(&in)
	}
	a := eval.Evaluate(rules.Default(), in)
	for _, p := range ReviewText(a) {
		for _, s := range p.Sentences {
			if s.Indicator == id {
				return s.Text
			}
		}
	}
	return ""
}

func TestReviewSentences(t *testing.T) {
	set := func(id string, act eval.Actual) func(in *eval.Actuals) {
		return func(in *eval.Actuals) {
			act.ID = id
			in.Values[id] = &act
		}
	}
	no := false
	tests := []struct {
		name string
		id   string
		edit func(in *eval.Actuals)
		want string
	}{
		{"growth above its target", "gdp_growth", nil, "地区生产总值同比增长8.6%，高于预期目标0.1个百分点，完成目标"},
		{"growth exactly at 左右 target", "gdp_growth", set("gdp_growth", eval.Actual{Growth: fixture.Dec("8.5")}),
			"地区生产总值同比增长8.5%，与预期目标持平，完成目标"},
		{"growth within tolerance but below", "gdp_growth", set("gdp_growth", eval.Actual{Growth: fixture.Dec("8.2")}),
			"地区生产总值同比增长8.2%，低于预期目标0.3个百分点，完成目标"},
		{"growth missed", "fai_growth", nil, "固定资产投资同比增长9.5%，低于预期目标2.5个百分点，未完成目标"},
		{"growth nearly met", "industry_va_growth", nil, "规模以上工业增加值增长9.4%，低于预期目标0.6个百分点，基本完成"},
		{"growth exceeded", "revenue_growth", nil, "一般公共预算收入同比增长12.7%，高于预期目标0.7个百分点，超额完成"},
		{"negative growth", "fai_growth", set("fai_growth", eval.Actual{Growth: fixture.Dec("-1.5")}),
			"固定资产投资同比下降1.5%，低于预期目标13.5个百分点，未完成目标"},
		{"level with completion", "new_urban_jobs", nil, "城镇新增就业10250人，完成目标的102.50%，超额完成"},
		{"level missed", "new_urban_jobs", set("new_urban_jobs", eval.Actual{Level: fixture.Dec("8000")}),
			"城镇新增就业8000人，完成目标的80.00%，未完成目标"},
		{"lower is better within", "unemployment_rate", nil, "城镇登记失业率3.6%，控制在4%以内"},
		{"lower is better over", "unemployment_rate", set("unemployment_rate", eval.Actual{Level: fixture.Dec("4.3")}),
			"城镇登记失业率4.3%，高于4%的控制目标0.3个百分点，基本完成"},
		{"lower is better missed", "unemployment_rate", set("unemployment_rate", eval.Actual{Level: fixture.Dec("5.5")}),
			"城镇登记失业率5.5%，高于4%的控制目标1.5个百分点，未完成目标"},
		{"in step", "income_growth", nil, "居民人均可支配收入增长8.9%，高于地区生产总值增速0.3个百分点，实现同步"},
		{"nearly in step", "income_growth", set("income_growth", eval.Actual{Growth: fixture.Dec("8.0")}),
			"居民人均可支配收入增长8.0%，低于地区生产总值增速0.6个百分点，基本同步"},
		{"not in step", "income_growth", set("income_growth", eval.Actual{Growth: fixture.Dec("7.0")}),
			"居民人均可支配收入增长7.0%，低于地区生产总值增速1.6个百分点，未实现同步"},
		{"steady growth", "trade_growth", nil, "进出口总值增长5.3%，实现稳定增长"},
		{"steady growth missed", "trade_growth", set("trade_growth", eval.Actual{Growth: fixture.Dec("-3.0")}),
			"进出口总值下降3.0%，未实现稳定增长"},
		{"rank in the front", "public_services_rank", nil, "教育医疗、社会保障水平居全市第2名，位于全市前列"},
		{"rank outside", "public_services_rank", set("public_services_rank", eval.Actual{Rank: 6}),
			"教育医疗、社会保障水平居全市第6名，未进入全市前列（前3名）"},
		{"yes", "binding_targets", nil, "节能减排、环境保护等约束性指标完成市定目标"},
		{"no", "binding_targets", set("binding_targets", eval.Actual{Done: &no}), "节能减排、环境保护等约束性指标未完成市定目标"},
		{"no data, no sentence", "rd_growth", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scReviewOf(t, tt.id, tt.edit); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestReviewParagraphs(t *testing.T) {
	paras := ReviewText(fixture.Assessment(t))
	var cats []string
	for _, p := range paras {
		cats = append(cats, string(p.Category)+"/"+p.Group)
	}
	if got, want := strings.Join(cats, ","), "/,总量/,结构/,效益/,民生/,/重点工作任务"; got != want {
		t.Errorf("categories/groups %q, want %q", got, want)
	}
	if got := paras[0].Text(); !strings.HasPrefix(got, "2019年，红旗区纳入评估的12项主要预期目标中，9项完成（其中超额完成2项）") {
		t.Errorf("opening %q", got)
	}
	if got := paras[1].Text(); !strings.HasPrefix(got, "总量指标方面，地区生产总值") || !strings.HasSuffix(got, "。") {
		t.Errorf("volume paragraph %q", got)
	}
	var buf bytes.Buffer
	if err := WriteReview(&buf, fixture.Assessment(t), "docx"); err == nil {
		t.Error("WriteReview accepted format docx")
	}
}

// TestReviewTasks checks the paragraph on the 重点工作任务: the count, the
// exceeded tasks (heaviest first), every milestone on time or late, and
// each task missed, nearly met or in progress, in that order.
func TestReviewTasks(t *testing.T) {
	paras := ReviewText(fixture.Assessment(t))
	p := paras[len(paras)-1]
	if p.Group != rules.GroupTasks || p.Lead != "重点工作任务方面，" {
		t.Fatalf("last paragraph is %q/%q", p.Group, p.Lead)
	}
	want := []string{
		"纳入评估的44项任务中，35项完成（其中超额完成17项），3项基本完成，3项未完成，2项按进度推进，1项暂无数据",
		"“两改”完成投资、重点建设项目完成投资、签约项目、签约项目总投资、“两改”开工面积等17项超额完成",
		"中德产业园一期开工建设于2019-04-18完成，按期完成",
		"大学科技园实质性动工建设于2019-08-20完成，晚于计划（2019年6月底前）",
		"水木九天智慧农业园投产运营于2019-12-26完成，按期完成",
		"“两改”销售房屋面积68.4万平方米，完成目标的85.50%，未完成目标",
		"中德产业园企业落位17家，完成目标的85.00%，未完成目标",
		"社会事业项目10项，完成目标的83.33%，未完成目标",
		"“两改”征收房屋面积92.3万平方米，完成目标的92.30%，基本完成",
		"服务业对区级税收贡献38.1%，低于预期目标0.4个百分点，基本完成",
		"高水平国际合作院校0所，为2年内目标，正在按进度推进",
		"装配式建筑产研示范基地建成面积260亩，为5年内目标，正在按进度推进",
	}
	var got []string
	for _, s := range p.Sentences {
		got = append(got, s.Text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sentences\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasSuffix(p.Text(), "正在按进度推进。") {
		t.Errorf("paragraph %q", p.Text())
	}
}
