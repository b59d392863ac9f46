package eval

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// The cases of issue 11, "Every sentence true": verdicts an assessor would
// sign, each resting on a stated convention. Each names, in a comment,
// what was given before.

// parseRules parses a ruleset for a test, failing on an error.
func parseRules(t *testing.T, src string) *rules.Ruleset {
	t.Helper()
	rs, diags := rules.Parse("t.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return rs
}

// defaultWith is the default ruleset with conventions changed by set.
func defaultWith(set func(c *rules.Conventions)) *rules.Ruleset {
	rs := rules.Default()
	set(&rs.Conventions)
	return rs
}

// controlRules are lower-is-better 左右 targets, as national work reports
// set them, a lower-is-better range, a level 左右 and a rank ceiling.
const controlRules = `ruleset: control
entity: 测试区
year: 2019
indicators:
  - {id: cpi, name: 居民消费价格, category: 民生, measure: growth, unit: "%", polarity: lower,
     target: {kind: approx, value: 3, text: 涨幅3%左右}, weight: 10, scoring: {method: pass_fail}}
  - {id: surveyed, name: 城镇调查失业率, category: 民生, measure: level, unit: "%", precision: 1, polarity: lower,
     target: {kind: approx, value: 5.5, text: 控制在5.5%左右}, weight: 10, scoring: {method: pass_fail}}
  - {id: energy, name: 能耗强度, category: 效益, measure: level, unit: "%", precision: 1, polarity: lower,
     target: {kind: range, low: 3, high: 3.5, text: 3%至3.5%}, weight: 10, scoring: {method: pass_fail}}
  - {id: output, name: 产值, category: 总量, measure: level, unit: 亿元, precision: 0,
     target: {kind: approx, value: 100, tolerance: 10, text: 100亿元左右}, weight: 10, scoring: {method: ratio}}
  - {id: output5, name: 产量, category: 总量, measure: level, unit: 万吨, precision: 0,
     target: {kind: approx, value: 100, tolerance: 5, text: 100万吨左右}, weight: 10, scoring: {method: ratio}}
  - {id: place, name: 综合考核名次, category: 总量, measure: rank, unit: 名, polarity: higher,
     target: {kind: at_most, value: 3, text: 3（含）以内}, weight: 10, scoring: {method: pass_fail}}
  - {id: steady, name: 研发投入, category: 结构, measure: growth, unit: "%", polarity: lower,
     target: {kind: positive, text: 稳步增长}, weight: 10, scoring: {method: pass_fail}}
  - {id: gdp_growth, name: 地区生产总值, category: 总量, measure: growth, unit: "%",
     target: {kind: at_least, value: 8}, weight: 10, scoring: {method: pass_fail}}
  - {id: income, name: 居民收入, category: 民生, measure: growth, unit: "%", polarity: lower,
     target: {kind: in_step, with: gdp_growth}, weight: 10, scoring: {method: pass_fail}}
`

// verdictCase is one figure judged under one ruleset (the default when
// rs is nil).
type verdictCase struct {
	name   string
	rs     func(t *testing.T) *rules.Ruleset
	id     string
	acts   []*Actual
	status Status
	score  string // "" when not checked
	why    string // a fragment of the explanation
}

func control(t *testing.T) *rules.Ruleset { return parseRules(t, controlRules) }

var verdictCases = []verdictCase{
	// 保持稳定增长 / 稳步增长: a fall or no growth is not growth.
	// Before: 基本完成, "差1个百分点" / "差0个百分点".
	{name: "稳步增长 at -1.0 is missed", id: "rd_growth", acts: []*Actual{{ID: "rd_growth", Growth: dec("-1.0")}},
		status: Missed, score: "0", why: "下降1.0%，目标稳步增长（增速大于0），未实现增长，未完成"},
	{name: "稳步增长 at 0.0 is missed", id: "rd_growth", acts: []*Actual{{ID: "rd_growth", Growth: dec("0.0")}},
		status: Missed, score: "0", why: "增长0.0%，目标稳步增长（增速大于0），未实现增长，未完成"},
	{name: "进出口 at -0.5 is missed", id: "trade_growth", acts: []*Actual{{ID: "trade_growth", Growth: dec("-0.5")}},
		status: Missed, score: "0", why: "未实现增长，未完成"},
	{name: "positive_near_miss keeps the old reading",
		rs: func(*testing.T) *rules.Ruleset {
			return defaultWith(func(c *rules.Conventions) { c.PositiveNearMiss = true })
		},
		id: "trade_growth", acts: []*Actual{{ID: "trade_growth", Growth: dec("-0.5")}}, status: NearlyMet, score: "0",
		why: "差0.5个百分点，在1个百分点以内，基本完成"},
	// Before: 基本完成 (the shortfall was taken downwards).
	{name: "稳步增长 with lower polarity, a fall", rs: control, id: "steady", acts: []*Actual{{ID: "steady", Growth: dec("-2")}},
		status: Missed, score: "0"},
	{name: "稳步增长 with lower polarity, growth", rs: control, id: "steady", acts: []*Actual{{ID: "steady", Growth: dec("2")}},
		status: Met, score: "10"},

	// Ceilings: no near miss by default. Before: 基本完成 with 7 and 6 of 8.
	{name: "失业率 4.5 against 4%以内", id: "unemployment_rate", acts: []*Actual{{ID: "unemployment_rate", Level: dec("4.5")}},
		status: Missed, score: "7", why: "实际4.50%，目标4%（含）以内，差0.50个百分点，未完成"},
	{name: "失业率 5.0 against 4%以内", id: "unemployment_rate", acts: []*Actual{{ID: "unemployment_rate", Level: dec("5.0")}},
		status: Missed, score: "6"},
	{name: "ceiling_near_miss allows it",
		rs: func(*testing.T) *rules.Ruleset {
			return defaultWith(func(c *rules.Conventions) { c.CeilingNearMiss = true })
		},
		id: "unemployment_rate", acts: []*Actual{{ID: "unemployment_rate", Level: dec("4.5")}}, status: NearlyMet, score: "7"},

	// 突破X is not met at X. Before: 基本完成 with full marks 3/3.
	{name: "突破20亿元 at 20.00", id: "crossborder_park_turnover",
		acts:   []*Actual{{ID: "crossborder_park_turnover", Level: dec("20.00")}},
		status: Missed, score: "2.99", why: "实际20.00亿元，目标超过20亿元，与目标数持平，未超过20.00亿元，未完成"},
	{name: "突破20亿元 at 20.01", id: "crossborder_park_turnover",
		acts: []*Actual{{ID: "crossborder_park_turnover", Level: dec("20.01")}}, status: Met, score: "3"},

	// Milestones. Before: done 2020-02-01 was 基本完成 with half marks.
	{name: "4月份开工 done after the year", id: "zhongde_park_phase1_start",
		acts:   []*Actual{{ID: "zhongde_park_phase1_start", Date: "2020-02-01"}},
		status: Missed, score: "0", why: "2020-02-01 完成，晚于要求的 2019年4月底，且在考核年度（2019年）之后，未完成"},
	{name: "4月份开工 done late in the year", id: "zhongde_park_phase1_start",
		acts: []*Actual{{ID: "zhongde_park_phase1_start", Date: "2019-05-02"}}, status: NearlyMet, score: "1.5"},
	{name: "done in December, month only", id: "smart_farm_operation",
		acts: []*Actual{{ID: "smart_farm_operation", Date: "2019-12"}}, status: Met, score: "3"},
	{name: "late_milestone never",
		rs: func(*testing.T) *rules.Ruleset {
			return defaultWith(func(c *rules.Conventions) { c.LateMilestone = rules.LateNever })
		},
		id: "zhongde_park_phase1_start", acts: []*Actual{{ID: "zhongde_park_phase1_start", Date: "2019-05-02"}},
		status: Missed, score: "0"},

	// 左右: the near miss is measured from the stated number.
	// Before: 7.0 against 8.5%左右 was 基本完成 with 10.5 of 12.
	{name: "gdp 7.0 against 8.5%左右", id: "gdp_growth", acts: []*Actual{{ID: "gdp_growth", Growth: dec("7.0")}},
		status: Missed, score: "10.5", why: "低于预期目标1.5个百分点，低于区间下限1.0个百分点，未完成"},
	{name: "gdp 7.5 against 8.5%左右", id: "gdp_growth", acts: []*Actual{{ID: "gdp_growth", Growth: dec("7.5")}},
		status: NearlyMet, score: "11.25", why: "距预期目标不超过1个百分点，基本完成"},
	{name: "near_miss_from band stacks them",
		rs: func(*testing.T) *rules.Ruleset {
			return defaultWith(func(c *rules.Conventions) { c.NearMissFrom = rules.NearMissFromBand })
		},
		id: "gdp_growth", acts: []*Actual{{ID: "gdp_growth", Growth: dec("7.0")}}, status: NearlyMet,
		why: "距区间边缘不超过1个百分点"},
	// Issue 11 item 6. Before: 基本完成, "差0.7个百分点".
	{name: "社零 9.8 against 11%左右", id: "retail_growth", acts: []*Actual{{ID: "retail_growth", Growth: dec("9.8")}},
		status: Missed, why: "增长9.8%，目标11%左右（±0.5，即10.5%至11.5%），低于预期目标1.2个百分点，低于区间下限0.7个百分点，未完成"},

	// A lower-is-better 左右 is a ceiling. Before: 超额完成, and (bug a)
	// "…超过5.0%，超额完成" for 4.8 against 5.5%左右.
	{name: "CPI 2.0 against 3%左右", rs: control, id: "cpi", acts: []*Actual{{ID: "cpi", Growth: dec("2.0")}},
		status: Met, score: "10", why: "增长2.0%，目标3%左右（控制性目标，不超过3.5%即为完成），完成"},
	{name: "CPI 3.5 against 3%左右", rs: control, id: "cpi", acts: []*Actual{{ID: "cpi", Growth: dec("3.5")}},
		status: Met},
	{name: "CPI 3.6 against 3%左右", rs: control, id: "cpi", acts: []*Actual{{ID: "cpi", Growth: dec("3.6")}},
		status: Missed, score: "0", why: "差0.1个百分点，未完成"},
	{name: "调查失业率 4.8 against 5.5%左右", rs: control, id: "surveyed",
		acts: []*Actual{{ID: "surveyed", Level: dec("4.8")}}, status: Met, why: "实际4.8%，目标5.5%左右（控制性目标，不超过6.0%即为完成），完成"},
	{name: "approx_lower band (bug a: 低于, not 超过)",
		rs: func(t *testing.T) *rules.Ruleset {
			rs := control(t)
			rs.Conventions.ApproxLower = rules.ApproxBand
			return rs
		},
		id: "surveyed", acts: []*Actual{{ID: "surveyed", Level: dec("4.8")}}, status: Exceeded,
		why: "实际4.8%，目标5.5%左右（±0.5，即5.0%至6.0%），低于5.0%，超额完成"},
	{name: "lower-is-better range below its low end (bug a)", rs: control, id: "energy",
		acts: []*Actual{{ID: "energy", Level: dec("2.8")}}, status: Exceeded, why: "实际2.8%，目标3%至3.5%，低于3.0%，超额完成"},

	// Bug b: a level 左右 is nearly met on the completion it quotes.
	// Before: "完成率81.00%，达到90%，基本完成" (judged on 81 ÷ 90).
	{name: "level 左右 at 81 of 100±10", rs: control, id: "output", acts: []*Actual{{ID: "output", Level: dec("81")}},
		status: Missed, why: "实际81亿元，目标100亿元左右（±10，即90亿元至110亿元），完成率81.00%，未完成"},
	{name: "level 左右 at 91 of 100±10 is met", rs: control, id: "output", acts: []*Actual{{ID: "output", Level: dec("91")}},
		status: Met},
	{name: "level 左右 at 92 of 100±5", rs: control, id: "output5", acts: []*Actual{{ID: "output5", Level: dec("92")}},
		status: NearlyMet, why: "完成率92.00%，达到90%，基本完成"},
	{name: "level 左右 at 89 of 100±5", rs: control, id: "output5", acts: []*Actual{{ID: "output5", Level: dec("89")}},
		status: Missed, why: "完成率89.00%，未完成"},

	// Bug c: 同步 is growth whatever the polarity. Before: 基本完成.
	{name: "in step with lower polarity, 1.6 behind", rs: control, id: "income",
		acts:   []*Actual{{ID: "income", Growth: dec("7.0")}, {ID: "gdp_growth", Growth: dec("8.6")}},
		status: Missed, why: "差1.6个百分点，未完成"},
	// Bug d: a rank is lower-is-better whatever the polarity says.
	// Before: 完成 with full score.
	{name: "rank 5 against 3（含）以内 with polarity higher", rs: control, id: "place",
		acts: []*Actual{{ID: "place", Rank: 5}}, status: Missed, score: "0"},
	{name: "rank 3 against 3（含）以内 with polarity higher", rs: control, id: "place",
		acts: []*Actual{{ID: "place", Rank: 3}}, status: Met, score: "10"},
	// Bug e: the reference fell. Before: "地区生产总值增长-1.0%".
	{name: "in step with a fall of GDP", id: "income_growth",
		acts:   []*Actual{{ID: "income_growth", Growth: dec("2.0")}, {ID: "gdp_growth", Growth: dec("-1.0")}},
		status: Met, why: "增长2.0%，地区生产总值下降1.0%，实现同步，完成"},
	// Bug h: shortfalls at the published decimals. Before: "差9个百分点".
	{name: "in step far behind", id: "income_growth",
		acts:   []*Actual{{ID: "income_growth", Growth: dec("-1.0")}, {ID: "gdp_growth", Growth: dec("8.0")}},
		status: Missed, score: "0", why: "下降1.0%，地区生产总值增长8.0%，差9.0个百分点，未完成"},
}

func TestVerdictsAnAssessorWouldSign(t *testing.T) {
	def := rules.Default()
	for _, tc := range verdictCases {
		t.Run(tc.name, func(t *testing.T) {
			rs := def
			if tc.rs != nil {
				rs = tc.rs(t)
			}
			r := evalOne(t, rs, tc.id, tc.acts...)
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (%s)", r.Status, tc.status, r.Explanation)
			}
			if tc.score != "" && !r.Score.Equal(decimal.RequireFromString(tc.score)) {
				t.Errorf("score = %s, want %s (%s)", r.Score, tc.score, r.Explanation)
			}
			if !strings.Contains(r.Explanation, tc.why) {
				t.Errorf("explanation %q lacks %q", r.Explanation, tc.why)
			}
		})
	}
}

// TestOneGapPerRow: 目标值, 差距 and the sentence measure from the stated
// number of a 左右 target (issue 11 item 6).
func TestOneGapPerRow(t *testing.T) {
	r := evalOne(t, rules.Default(), "retail_growth", &Actual{ID: "retail_growth", Growth: dec("9.8")})
	if r.Reference.Decimal.String() != "11" || r.Gap.Decimal.String() != "-1.2" || r.GapUnit != "个百分点" {
		t.Errorf("目标值 %s, 差距 %s%s; want 11, -1.2个百分点", r.Reference.Decimal, r.Gap.Decimal, r.GapUnit)
	}
	if !strings.Contains(r.Explanation, "低于预期目标1.2个百分点") {
		t.Errorf("explanation %q does not quote the gap of the row", r.Explanation)
	}
}

// TestRoundingChangesVerdict: where rounding at the published precision
// moves a figure across its bound, a problem gives both figures (issue 11
// item 2). Before: 4.04% was rounded to 4.0 and 完成 without a word.
func TestRoundingChangesVerdict(t *testing.T) {
	oneDecimal := rules.Default()
	oneDecimal.Indicator("unemployment_rate").Precision = 1
	src := rules.Pos{File: "a.xlsx", Sheet: "填报表", Cell: "E12"}
	tests := []struct {
		name    string
		rs      *rules.Ruleset
		id      string
		act     *Actual
		status  Status
		problem string // "" for none
	}{
		{"4.04% is judged at two decimals", rules.Default(), "unemployment_rate",
			&Actual{ID: "unemployment_rate", Level: dec("4.04")}, Missed, ""},
		{"4.04% at one decimal", oneDecimal, "unemployment_rate",
			&Actual{ID: "unemployment_rate", Level: dec("4.04")}, Met,
			"城镇登记失业率填报为4.04%，按发布精度（1位小数）修约为4.0%后判定为完成；按修约前的数值则未达到目标"},
		{"4.004% at two decimals", rules.Default(), "unemployment_rate",
			&Actual{ID: "unemployment_rate", Level: dec("4.004")}, Met,
			"城镇登记失业率填报为4.004%，按发布精度（2位小数）修约为4.00%后判定为完成；按修约前的数值则未达到目标"},
		{"突破20亿元 at 20.004 the other way", rules.Default(), "crossborder_park_turnover",
			&Actual{ID: "crossborder_park_turnover", Level: dec("20.004")}, Missed,
			"跨境贸易产业园年交易额填报为20.004亿元，按发布精度（2位小数）修约为20.00亿元后判定为未完成；按修约前的数值则已达到目标"},
		{"11.96 rounds to 12.0 with a word", rules.Default(), "fai_growth",
			&Actual{ID: "fai_growth", Growth: dec("11.96")}, Met,
			"固定资产投资填报为11.96%，按发布精度（1位小数）修约为12.0%后判定为完成；按修约前的数值则未达到目标"},
		{"rounding on the same side says nothing", rules.Default(), "fai_growth",
			&Actual{ID: "fai_growth", Growth: dec("12.04")}, Met, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.act.Sources.Set(FieldLevel, src)
			tc.act.Sources.Set(FieldGrowth, src)
			a := Evaluate(tc.rs.Group(tc.rs.Indicator(tc.id).Group), Actuals{Values: map[string]*Actual{tc.id: tc.act}})
			r := a.Result(tc.id)
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (%s)", r.Status, tc.status, r.Explanation)
			}
			var got []string
			for _, p := range a.Problems {
				if p.Indicator == tc.id {
					got = append(got, p.Summary)
					if p.Pos != src || p.Severity != rules.Warning {
						t.Errorf("problem at %v, severity %v", p.Pos, p.Severity)
					}
				}
			}
			switch {
			case tc.problem == "" && len(got) > 0:
				t.Errorf("problems %q, want none", got)
			case tc.problem != "" && (len(got) != 1 || got[0] != tc.problem):
				t.Errorf("problems %q, want %q", got, tc.problem)
			}
		})
	}
}

// TestInStepOnRealRates: 同步 compares real rates; levels alone give a
// nominal growth, which is not judged unless the rule names a deflator
// (issue 11 item 3). Before: 30000 → 32700 元 was judged on the nominal
// 9.0% (完成 against a GDP growth of 8.6%).
func TestInStepOnRealRates(t *testing.T) {
	deflated := rules.Default()
	deflated.Indicator("income_growth").Deflator = dec("2.9")
	levels := &Actual{ID: "income_growth", Level: dec("32700"), PrevLevel: dec("30000"),
		Sources: Sources{{FieldLevel, rules.Pos{File: "a.xlsx", Sheet: "填报表", Cell: "E13"}}}}
	gdp := &Actual{ID: "gdp_growth", Growth: dec("8.6")}
	tests := []struct {
		name    string
		rs      *rules.Ruleset
		status  Status
		value   string
		why     string
		problem string
	}{
		{"levels alone", rules.Default(), NoData, "",
			"只填报了总量；由现价总量推算的是名义增速，同步须比较实际增速，须填报统计部门公布的实际增速",
			"居民人均可支配收入 缺少本年实际增速：由本年32700元与上年30000元推算的是名义增长9.0%，同步按实际增速比较，未作判定"},
		{"levels with a deflator", deflated, Missed, "5.9",
			"由本年32700元与上年30000元推算（扣除价格因素2.9%），增长5.9%，地区生产总值增长8.6%，差2.7个百分点，未完成", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Evaluate(tc.rs.Group(rules.GroupHeadline), Actuals{Values: map[string]*Actual{"income_growth": levels, "gdp_growth": gdp}})
			r := a.Result("income_growth")
			if r.Status != tc.status || r.Explanation != tc.why {
				t.Errorf("%s %q,\nwant %s %q", r.Status, r.Explanation, tc.status, tc.why)
			}
			if tc.value != "" && r.Value.Decimal.String() != tc.value {
				t.Errorf("value %s, want %s", r.Value.Decimal, tc.value)
			}
			var got []string
			for _, p := range a.Problems {
				if p.Indicator == "income_growth" {
					got = append(got, p.Summary)
				}
			}
			if tc.problem == "" && len(got) > 0 || tc.problem != "" && (len(got) != 1 || got[0] != tc.problem) {
				t.Errorf("problems %q, want %q", got, tc.problem)
			}
		})
	}
}

// TestImplausibleAgainstTarget: without a last year's level, a level a
// hundred times its target (or a hundredth of it) is 数据存疑, not scored,
// the problem naming the likely unit (issue 11 item 4). Before: 1050000
// in the 亿元 cell of “两改”完成投资 was 超额完成 at 1050000.0亿元.
func TestImplausibleAgainstTarget(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		level  string
		status Status
		why    string
	}{
		{"万元 in a 亿元 cell", "renovation_investment", "1050000", Suspect,
			"数据存疑，未采用: “两改”完成投资本年 1050000亿元 是目标 100亿元 的 10500 倍，又没有上年值可比，像是按万元填报的（1050000万元 折合 105亿元）"},
		{"平方米 in a 万平方米 cell", "new_green_area", "20000", Suspect,
			"数据存疑，未采用: 新增绿化面积本年 20000万平方米 是目标 2万平方米 的 10000 倍，又没有上年值可比，像是按平方米填报的（20000平方米 折合 2万平方米）"},
		{"a hundredth, no unit fits", "mobile_park_firms", "0.1", Suspect,
			"数据存疑，未采用: 移动终端产业园引进上下游企业本年 0.1家 是目标 15家 的 0.0067 倍，又没有上年值可比"},
		{"99 times is judged", "renovation_investment", "9900", Exceeded, ""},
		{"a multi-year goal far from its target is progress", "prefab_base_area", "3", InProgress, ""},
		{"a suspect multi-year goal says so", "prefab_base_area", "-3", InProgress, "本年进度数据存疑，未采用: 装配式建筑产研示范基地建成面积填报为负数 -3亩；尚未到期，不计分"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Evaluate(rules.Default(), Actuals{Values: map[string]*Actual{tc.id: {ID: tc.id, Level: dec(tc.level)}}})
			r := a.Result(tc.id)
			if r.Status != tc.status || !strings.Contains(r.Explanation, tc.why) {
				t.Errorf("%s %q, want %s %q", r.Status, r.Explanation, tc.status, tc.why)
			}
			if tc.status == Suspect && (!r.Score.IsZero() || !r.Scored) {
				t.Errorf("score %s scored %v: a suspect figure earns nothing and its weight stays in the full marks", r.Score, r.Scored)
			}
		})
	}
	a := Evaluate(rules.Default(), Actuals{Values: map[string]*Actual{"renovation_investment": {ID: "renovation_investment", Level: dec("1050000")}}})
	found := false
	for _, g := range a.Groups {
		for _, c := range g.Counts {
			found = found || c.Status == Suspect && c.Count == 1
		}
	}
	if !found {
		t.Errorf("no 数据存疑 in the group counts: %+v", a.Groups)
	}
}
