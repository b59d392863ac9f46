package view

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/shopspring/decimal"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// scReviewClause returns the clause that states an indicator ("" when it
// has none): the clause on it alone, or the one on several that names it;
// id may also be a text the clause holds.
func scReviewClause(a *eval.Assessment, id string) string {
	paras := ReviewText(a)
	for _, p := range paras {
		for _, s := range p.Sentences {
			if s.Indicator == id {
				return s.Text
			}
		}
	}
	find := id
	if ind := a.Ruleset.Indicator(id); ind != nil {
		find = ind.Name
	}
	for _, p := range paras {
		for _, s := range p.Sentences {
			if s.Indicator == "" && strings.Contains(s.Text, find) {
				return s.Text
			}
		}
	}
	return ""
}

// scReviewOf evaluates the default ruleset with the fixture changed by
// edit and returns the clause on one indicator ("" when it has none).
func scReviewOf(t *testing.T, id string, edit func(in *eval.Actuals)) string {
	t.Helper()
	in := fixture.Actuals()
	if edit != nil {
		edit(&in)
	}
	return scReviewClause(eval.Evaluate(rules.Default(), in), id)
}

// scSet sets the actual of one indicator.
func scSet(id string, act eval.Actual) func(in *eval.Actuals) {
	return func(in *eval.Actuals) {
		act.ID = id
		in.Values[id] = &act
	}
}

func TestReviewSentences(t *testing.T) {
	no := false
	tests := []struct {
		name string
		id   string
		edit func(in *eval.Actuals)
		want string
	}{
		{"growth above its target", "gdp_growth", nil, "地区生产总值同比增长8.6%，高于预期目标0.1个百分点，完成目标"},
		{"growth exactly at 左右 target", "gdp_growth", scSet("gdp_growth", eval.Actual{Growth: fixture.Dec("8.5")}),
			"地区生产总值同比增长8.5%，与预期目标持平，完成目标"},
		{"growth within tolerance but below", "gdp_growth", scSet("gdp_growth", eval.Actual{Growth: fixture.Dec("8.2")}),
			"地区生产总值同比增长8.2%，低于预期目标0.3个百分点，完成目标"},
		{"growth missed", "fai_growth", nil, "固定资产投资同比增长9.5%，低于预期目标2.5个百分点，未完成目标"},
		{"growth nearly met", "industry_va_growth", nil, "规模以上工业增加值增长9.4%，低于预期目标0.6个百分点，基本完成"},
		{"growth exceeded", "revenue_growth", nil, "一般公共预算收入同比增长12.7%，高于预期目标0.7个百分点，超额完成"},
		{"negative growth", "fai_growth", scSet("fai_growth", eval.Actual{Growth: fixture.Dec("-1.5")}),
			"固定资产投资同比下降1.5%，低于预期目标13.5个百分点，未完成目标"},
		{"level with completion to one decimal", "new_urban_jobs", nil, "城镇新增就业10250人，完成目标的102.5%，超额完成"},
		{"level missed, completion to one decimal", "new_urban_jobs", scSet("new_urban_jobs", eval.Actual{Level: fixture.Dec("8000")}),
			"城镇新增就业8000人，完成目标的80.0%，未完成目标"},
		// The rate is published with two decimals; a broken ceiling is
		// 未完成 (issue 11; 4.3 was 基本完成).
		{"lower is better within", "unemployment_rate", nil, "城镇登记失业率3.60%，控制在4%以内"},
		{"lower is better over", "unemployment_rate", scSet("unemployment_rate", eval.Actual{Level: fixture.Dec("4.3")}),
			"城镇登记失业率4.30%，高于4%的控制目标0.30个百分点，未完成目标"},
		{"lower is better missed", "unemployment_rate", scSet("unemployment_rate", eval.Actual{Level: fixture.Dec("5.5")}),
			"城镇登记失业率5.50%，高于4%的控制目标1.50个百分点，未完成目标"},
		{"in step", "income_growth", nil, "居民人均可支配收入增长8.9%，高于地区生产总值增速0.3个百分点，实现同步"},
		{"nearly in step", "income_growth", scSet("income_growth", eval.Actual{Growth: fixture.Dec("8.0")}),
			"居民人均可支配收入增长8.0%，低于地区生产总值增速0.6个百分点，基本同步"},
		{"not in step", "income_growth", scSet("income_growth", eval.Actual{Growth: fixture.Dec("7.0")}),
			"居民人均可支配收入增长7.0%，低于地区生产总值增速1.6个百分点，未实现同步"},
		{"steady growth", "trade_growth", nil, "进出口总值增长5.3%，实现稳定增长"},
		{"steady growth missed", "trade_growth", scSet("trade_growth", eval.Actual{Growth: fixture.Dec("-3.0")}),
			"进出口总值下降3.0%，未实现稳定增长"},
		{"rank in the front", "public_services_rank", nil, "教育医疗、社会保障水平居全市第2名，位于全市前列"},
		{"rank outside", "public_services_rank", scSet("public_services_rank", eval.Actual{Rank: 6}),
			"教育医疗、社会保障水平居全市第6名，未进入全市前列（前3名）"},
		{"yes", "binding_targets", nil, "节能减排、环境保护等约束性指标完成市定目标"},
		{"no", "binding_targets", scSet("binding_targets", eval.Actual{Done: &no}), "节能减排、环境保护等约束性指标未完成市定目标"},
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

// scReviewRules is the default ruleset with a reduction drafted as the
// extractor drafts it (…降幅, the fall as the figure), a reduction as a
// lower-is-better growth below 0, and a range.
func scReviewRules() *rules.Ruleset {
	rs := rules.Default()
	dec := decimal.RequireFromString
	headline := func(id, name string, pol rules.Polarity, t rules.Target) *rules.Indicator {
		return &rules.Indicator{ID: id, Name: name, Category: rules.CatBenefit, Group: rules.GroupHeadline,
			Measure: rules.Growth, Unit: "%", Precision: 1, Polarity: pol, Target: t,
			Weight: decimal.NewFromInt(4), Scoring: rules.Scoring{Method: rules.PassFail}}
	}
	rs.Indicators = append(rs.Indicators,
		headline("energy_fall", "单位生产总值能耗降幅", rules.Higher,
			rules.Target{Kind: rules.Approx, Value: dec("3"), Text: "单位生产总值能耗下降3%左右"}),
		headline("energy_growth", "单位生产总值能耗", rules.Lower,
			rules.Target{Kind: rules.Approx, Value: dec("-3"), Text: "单位生产总值能耗下降3%左右"}),
		headline("spending_growth", "居民消费支出", rules.Higher,
			rules.Target{Kind: rules.Between, Low: dec("6"), High: dec("6.5"), Text: "增长6%-6.5%"}))
	return rs
}

// TestReviewReductionsAndRanges: a reduction reads 下降2.6%（目标下降3%左右）,
// never 控制在-3%以内; a range reads 处于6%-6.5%的目标区间, never 高于预期目标.
func TestReviewReductionsAndRanges(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		growth string
		want   string
	}{
		{"reduction drafted as 降幅, met within 左右", "energy_fall", "2.6", "单位生产总值能耗下降2.6%（目标下降3%左右），完成目标"},
		{"reduction drafted as 降幅, exceeded", "energy_fall", "3.8", "单位生产总值能耗下降3.8%（目标下降3%左右），超额完成"},
		{"reduction drafted as 降幅, rose instead", "energy_fall", "-0.5", "单位生产总值能耗上升0.5%（目标下降3%左右），未完成目标"},
		{"reduction as lower-is-better growth, met", "energy_growth", "-2.6", "单位生产总值能耗下降2.6%（目标下降3%左右），完成目标"},
		{"reduction as lower-is-better growth, missed", "energy_growth", "-1.0",
			"单位生产总值能耗下降1.0%（目标下降3%左右），比目标少降2.0个百分点，未完成目标"},
		{"range, inside", "spending_growth", "6.2", "居民消费支出增长6.2%，处于6%-6.5%的目标区间"},
		{"range, at its near end", "spending_growth", "6.0", "居民消费支出增长6.0%，处于6%-6.5%的目标区间"},
		{"range, above", "spending_growth", "6.9", "居民消费支出增长6.9%，高于6%-6.5%的目标区间，超额完成"},
		{"range, below", "spending_growth", "5.8", "居民消费支出增长5.8%，低于6%-6.5%的目标区间0.2个百分点，基本完成"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fixture.Actuals()
			scSet(tt.id, eval.Actual{Growth: fixture.Dec(tt.growth)})(&in)
			if got := scReviewClause(eval.Evaluate(scReviewRules(), in), tt.id); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// scPeriod evaluates the fixture, changed by edit, for a period (Q1, H1,
// Q3; "" for the year).
func scPeriod(t *testing.T, period string, edit func(in *eval.Actuals)) *eval.Assessment {
	t.Helper()
	p, err := eval.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	in := fixture.Actuals()
	if edit != nil {
		edit(&in)
	}
	return eval.EvaluateWith(rules.Default(), in, eval.Options{Period: p})
}

// TestReviewClauses checks the clause on one indicator for the year and
// for parts of it: dates in words, every figure stated, no pace the figure
// does not show, 序时进度 during the year.
func TestReviewClauses(t *testing.T) {
	no := false
	tests := []struct {
		name   string
		period string
		id     string // the indicator, or the text its clause holds
		edit   func(in *eval.Actuals)
		want   string
	}{
		{"milestones on time, dates in words", "", "中德产业园一期", nil,
			"中德产业园一期于4月18日开工建设，水木九天智慧农业园于12月26日投产运营，均按期完成"},
		{"milestone late, date and deadline in words", "", "university_park_start", nil,
			"大学科技园于8月20日实质性动工建设，晚于计划（6月底前）"},
		{"milestone not done", "", "zhongde_park_phase1_start",
			scSet("zhongde_park_phase1_start", eval.Actual{Done: &no}), "中德产业园一期开工建设未按期完成（计划4月底前）"},
		{"shortfalls with completion to one decimal", "", "houses_sold_area", nil,
			"“两改”销售房屋面积68.4万平方米（完成目标的85.5%），中德产业园企业落位17家（完成目标的85.0%），均未完成年度目标"},
		{"nearly met with its figure", "", "houses_expropriated_area", nil,
			"“两改”征收房屋面积92.3万平方米（完成目标的92.3%），基本完成年度目标"},
		{"multi-year goal with nothing done says so", "", "international_college", nil,
			"高水平国际合作院校为两年内目标（1所），目前完成0所"},
		{"multi-year goal states its share of the whole", "", "prefab_base_area", nil,
			"装配式建筑产研示范基地建成面积260亩，占五年目标1000亩的26.0%"},
		{"multi-year goal during the year: share of the whole goal, not of a pro-rated part", "H1", "prefab_base_area", nil,
			"装配式建筑产研示范基地建成面积260亩，占五年目标1000亩的26.0%"},
		{"H1 rate against the year's target", "H1", "gdp_growth", nil, "地区生产总值同比增长8.6%，高于全年目标0.1个百分点，符合预期"},
		{"H1 rate below the year's target", "H1", "fai_growth", nil, "固定资产投资同比增长9.5%，低于全年目标2.5个百分点，低于预期"},
		{"H1 cumulative at its share: 时间过半、任务过半", "H1", "new_urban_jobs",
			scSet("new_urban_jobs", eval.Actual{Level: fixture.Dec("6000")}), "城镇新增就业6000人，完成全年目标的60.0%，实现时间过半、任务过半"},
		{"H1 cumulative below its share", "H1", "new_urban_jobs",
			scSet("new_urban_jobs", eval.Actual{Level: fixture.Dec("4000")}), "城镇新增就业4000人，完成全年目标的40.0%，低于序时进度10.0个百分点"},
		{"H1 cumulative past the year's target", "H1", "new_urban_jobs", nil,
			"城镇新增就业10250人，完成全年目标的102.5%，提前完成全年目标"},
		{"Q3 cumulative at its share: 达到序时进度", "Q3", "new_urban_jobs",
			scSet("new_urban_jobs", eval.Actual{Level: fixture.Dec("8000")}), "城镇新增就业8000人，完成全年目标的80.0%，达到序时进度"},
		{"Q1 cumulative below its share", "Q1", "new_urban_jobs",
			scSet("new_urban_jobs", eval.Actual{Level: fixture.Dec("2000")}), "城镇新增就业2000人，完成全年目标的20.0%，低于序时进度5.0个百分点"},
		{"H1 milestone reached within the period", "H1", "zhongde_park_phase1_start", nil,
			"中德产业园一期于4月18日开工建设，按期完成"},
		{"H1 milestone due and not reached by the period's end", "H1", "university_park_start", nil,
			"大学科技园实质性动工建设计划6月底前完成，截至6月底尚未完成"},
		{"H1 milestone not yet due: no sentence", "H1", "smart_farm_operation", nil, ""},
		{"H1 year-end rank: no sentence", "H1", "public_services_rank", nil, ""},
		{"H1 year-end verdict: no sentence", "H1", "binding_targets", nil, ""},
		{"H1 no data: no sentence", "H1", "hotline_rank", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := scPeriod(t, tt.period, tt.edit)
			if got := scReviewClause(a, tt.id); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// scReviewAll is the whole review text.
func scReviewAll(a *eval.Assessment) string {
	var b strings.Builder
	b.WriteString(ReviewTitle(a) + "\n")
	for _, p := range ReviewText(a) {
		b.WriteString(p.Text() + "\n")
	}
	return b.String()
}

// TestReviewWholeText checks what holds over the whole draft: the heading
// matches the body, no date is ISO, no pace is claimed, indicators without
// data are counted once and never stated, every indicator met, exceeded
// or missed is stated with its figure.
func TestReviewWholeText(t *testing.T) {
	iso := regexp.MustCompile(`\d{4}-\d{2}(-\d{2})?`)
	twoDecimals := regexp.MustCompile(`完成[^，。；]*目标的\d+\.\d\d%`)
	tests := []struct {
		name    string
		period  string
		edit    func(in *eval.Actuals)
		want    []string
		notWant []string
		re      []*regexp.Regexp // none may match
	}{
		{"year: heading, counts once, figures of exceeded and met tasks", "", nil,
			[]string{"红旗区2019年目标任务完成情况（工作回顾草稿）\n", "，另有1项暂无数据。", "“两改”完成投资103.6亿元",
				"专利申请量612件", "新建区管公厕3座", "人力资源产业园年税收额6350万元", "社会事业项目10项（完成目标的83.3%）"},
			[]string{"按进度推进", "12345", "科技创新投入", "等17项超额完成"}, []*regexp.Regexp{iso, twoDecimals}},
		{"H1: heading and opening name the months, no pace claimed, no sentence without data", "H1", nil,
			[]string{"红旗区2019年1-6月目标任务完成情况（进展情况草稿）\n", "2019年1-6月（时序进度50%），红旗区纳入评估的12项主要预期目标中，",
				"2项为年终考核指标、年底评价", "“两改”销售房屋面积68.4万平方米（完成全年目标的85.5%）", "均实现时间过半、任务过半"},
			[]string{"按进度推进", "年内目标，正在", "12345", "非法集资", "完成目标"}, []*regexp.Regexp{iso, twoDecimals}},
		{"Q3: 序时进度 of three quarters", "Q3", nil,
			[]string{"红旗区2019年1-9月目标任务完成情况（进展情况草稿）\n", "2019年1-9月（时序进度75%）", "均达到序时进度",
				"大学科技园于8月20日实质性动工建设，晚于计划（6月底前）"},
			[]string{"按进度推进", "时间过半"}, []*regexp.Regexp{iso, twoDecimals}},
		{"a date outside the reviewed year carries its year", "",
			scSet("university_park_start", eval.Actual{Date: "2020-03-05"}),
			[]string{"大学科技园于2020年3月5日实质性动工建设"}, nil, []*regexp.Regexp{iso}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := scReviewAll(scPeriod(t, tt.period, tt.edit))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("has %q", w)
				}
			}
			for _, re := range tt.re {
				if m := re.FindString(text); m != "" {
					t.Errorf("has %q (%s)", m, re)
				}
			}
			if t.Failed() {
				t.Log(text)
			}
		})
	}
}

// TestReviewSentenceLength checks that no sentence states more than five
// indicators: a long enumeration is split by category and status. An
// indicator is stated by a clause that opens with its name (a milestone's
// name without its verb: 中德产业园一期于4月18日开工建设).
func TestReviewSentenceLength(t *testing.T) {
	const most = 5
	for _, period := range []string{"", "Q1", "H1", "Q3"} {
		t.Run("period "+period, func(t *testing.T) {
			a := scPeriod(t, period, nil)
			var names []string
			for _, ind := range a.Ruleset.Indicators {
				name := ind.Name
				for _, verb := range []string{"实质性动工建设", "开工建设", "投产运营"} {
					name = strings.TrimSuffix(name, verb)
				}
				names = append(names, name)
			}
			for _, p := range ReviewText(a) {
				for _, sentence := range strings.Split(p.Text(), "。") {
					n := 0
					for _, clause := range regexp.MustCompile("[，；]").Split(sentence, -1) {
						for _, name := range names {
							if strings.HasPrefix(clause, name) {
								n++
								break
							}
						}
					}
					if n > most {
						t.Errorf("a sentence states %d indicators: %s", n, sentence)
					}
				}
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

// TestReviewTasks checks the paragraph on the 重点工作任务: the count, then
// category by category the tasks exceeded, met, milestones on time, nearly
// met, late, missed and not yet due, each with its figure, at most five to
// a sentence.
func TestReviewTasks(t *testing.T) {
	paras := ReviewText(fixture.Assessment(t))
	p := paras[len(paras)-1]
	if p.Group != rules.GroupTasks || p.Lead != "重点工作任务方面，" {
		t.Fatalf("last paragraph is %q/%q", p.Group, p.Lead)
	}
	want := []string{
		"纳入评估的44项任务中，35项完成（其中超额完成17项），3项基本完成，3项未完成，2项为多年目标、尚未到期，另有1项暂无数据。",
		"总量类任务中，“两改”完成投资103.6亿元，“两改”开工面积126.5万平方米，实施重点建设项目212项，重点建设项目完成投资171.2亿元，签约项目42个，均超额完成年度目标。",
		"签约项目总投资335.6亿元，移动终端产业园引进上下游企业16家，中德产业园储备企业41家，人力资源产业园入驻企业103家，跨境贸易产业园入驻企业152家，均超额完成年度目标。",
		"3D打印产业园引进企业15家，跨境贸易产业园年交易额21.35亿元，均完成年度目标。",
		"中德产业园一期于4月18日开工建设，水木九天智慧农业园于12月26日投产运营，均按期完成。",
		"“两改”征收房屋面积92.3万平方米（完成目标的92.3%），基本完成年度目标。",
		"大学科技园于8月20日实质性动工建设，晚于计划（6月底前）。",
		"“两改”销售房屋面积68.4万平方米（完成目标的85.5%），中德产业园企业落位17家（完成目标的85.0%），均未完成年度目标。",
		"装配式建筑产研示范基地建成面积260亩，占五年目标1000亩的26.0%。",
		"结构类任务中，863科技产业园入驻企业及项目团队12家，服务业注册企业占比93.2%，三产增加值比重82.6%，新增国家级科技型企业备案18家，专利申请量612件，均超额完成年度目标。",
		"高层次人才团队引进5个，新增产值过亿元企业3家，均完成年度目标。",
		"高水平国际合作院校为两年内目标（1所），目前完成0所。",
		"效益类任务中，人力资源产业园年税收额6350万元，超额完成年度目标。",
		"纳税百万元以上特色楼宇2座，完成年度目标。",
		"服务业对区级税收贡献38.1%（低于预期目标0.4个百分点），基本完成年度目标。",
		"民生类任务中，新增绿化面积2.35万平方米，超额完成年度目标。",
		"新建区管公厕3座，提升改造区管公厕4座，示范小区12个，示范街巷8条，整治提升集贸市场（摊贩区）8个，均完成年度目标。",
		"小微公园建设提升20个，“一村万树”达标示范村2个，解决安全饮水问题的村15个，新增大学生见习基地4家，均完成年度目标。",
		"非法集资案件化解、兑付完成市政府下达任务；PM10、PM2.5、优良天数等考核指标排名居全市第2名，位于全市前列。",
		"社会事业项目10项（完成目标的83.3%），未完成年度目标。",
	}
	got := strings.SplitAfter(strings.TrimPrefix(p.Text(), p.Lead), "。")
	if got[len(got)-1] == "" {
		got = got[:len(got)-1]
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sentences\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReviewGoldenPeriods keeps the draft of the fixture for the half-year
// and three quarters: go test ./templates/view -run Golden -update
func TestReviewGoldenPeriods(t *testing.T) {
	for _, period := range []string{"H1", "Q3"} {
		t.Run(period, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteReview(&buf, scPeriod(t, period, nil), "txt"); err != nil {
				t.Fatal(err)
			}
			name := "review." + strings.ToLower(period) + ".txt"
			fixture.Golden(t, filepath.Join("testdata", "golden", name), buf.String(), *update)
		})
	}
}
