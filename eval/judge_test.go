package eval

import (
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// The cases below pin what each step of judge does today, wording
// included; TestStatus and its neighbours judge whole indicators.

func num(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestVerdict(t *testing.T) {
	tests := []struct {
		name    string
		done    *bool
		text    string
		status  Status
		explain string
	}{
		{"not reported", nil, "完成市定目标", NoData, "未填报是否完成"},
		{"yes", yes(true), "完成市定目标", Met, "填报为已完成市定目标"},
		{"no", yes(false), "完成市定目标", Missed, "填报为未完成市定目标"},
		{"yes without target text", yes(true), "", Met, "填报为已完成"},
		{"no without target text", yes(false), "", Missed, "填报为未完成"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, why := verdict(tc.done, tc.text)
			if st != tc.status || why != tc.explain {
				t.Errorf("verdict = %s %q, want %s %q", st, why, tc.status, tc.explain)
			}
		})
	}
}

func TestRankVerdict(t *testing.T) {
	tests := []struct {
		name     string
		rank, n  int
		reported bool
		scope    string
		status   Status
		explain  string
	}{
		{"no peer rank", 0, 3, false, "", NoData, "没有同组单位的排名（须多单位评估）或填报的名次"},
		{"no reported rank", 0, 3, true, "全市", NoData, "未填报名次"},
		{"first", 1, 3, true, "全市", Met, "全市第1名，在前3名之内（前列按前3名计）"},
		{"last place inside", 3, 3, true, "全市", Met, "全市第3名，在前3名之内（前列按前3名计）"},
		{"one place out", 4, 3, true, "全市", Missed, "全市第4名，未进入前3名（前列按前3名计）"},
		// Issue 11 (i): the sentence names the peer group, not always 全市.
		{"peer rank inside a wider top", 4, 5, false, "6个参评单位中", Met, "6个参评单位中第4名，在前5名之内（前列按前5名计）"},
		{"province rank", 2, 3, true, "全省", Met, "全省第2名，在前3名之内（前列按前3名计）"},
		{"rank without a named group", 2, 3, true, "", Met, "第2名，在前3名之内（前列按前3名计）"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, why := rankVerdict(tc.rank, tc.n, tc.reported, tc.scope)
			if st != tc.status || why != tc.explain {
				t.Errorf("rankVerdict = %s %q, want %s %q", st, why, tc.status, tc.explain)
			}
		})
	}
}

func TestNoFigureText(t *testing.T) {
	growth := &rules.Indicator{Measure: rules.Growth, Unit: "%"}
	derivable := &rules.Indicator{Measure: rules.Growth, Unit: "%", DeriveGrowth: true}
	level := &rules.Indicator{Measure: rules.Level, Unit: "人"}
	tests := []struct {
		name     string
		ind      *rules.Indicator
		hasLevel bool
		why      string
		want     string
	}{
		{"level", level, false, "", "未填报本年实际值"},
		{"growth", growth, false, "", "未填报本年增速"},
		{"growth with a level it may not be derived from", growth, true, "",
			"只填报了总量；此增速按可比价计算，不能由现价总量推算，须填报增速"},
		{"growth with a level but no last year", derivable, true, "", "未填报本年增速"},
		{"suspect level", level, false, "超过上年10倍", "数据存疑，未采用: 超过上年10倍"},
		{"suspect before level only", growth, true, "增速超过300%", "数据存疑，未采用: 增速超过300%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := noFigureText(tc.ind, tc.hasLevel, tc.why); got != tc.want {
				t.Errorf("noFigureText = %q, want %q", got, tc.want)
			}
		})
	}
}

// aimWant is an aim with its numbers as text.
type aimWant struct {
	bound, reference, edge string // edge "" when there is none
	met                    bool
	desc                   string
}

func checkAim(t *testing.T, got aim, want aimWant) {
	t.Helper()
	edge := ""
	if got.hasEdge {
		edge = got.edge.String()
	}
	if got.bound.String() != want.bound || got.reference.String() != want.reference || edge != want.edge ||
		got.met != want.met || got.desc != want.desc {
		t.Errorf("aim = bound %s reference %s edge %q met %v %q,\nwant %+v",
			got.bound, got.reference, edge, got.met, got.desc, want)
	}
}

func TestAims(t *testing.T) {
	gdp := &rules.Indicator{Name: "地区生产总值", Precision: 1}
	tests := []struct {
		name string
		aim  aim
		want aimWant
	}{
		{"floor met at the number", floorAim(num("8"), false, num("8"), "%"),
			aimWant{"8", "8", "8", true, "目标8%（含）以上"}},
		{"floor missed below", floorAim(num("8"), false, num("7.9"), "%"),
			aimWant{"8", "8", "8", false, "目标8%（含）以上"}},
		{"ceiling met at the number", ceilingAim(num("4"), true, num("4"), "%"),
			aimWant{"4", "4", "", true, "目标4%（含）以内"}},
		{"ceiling missed above", ceilingAim(num("4"), true, num("4.1"), "%"),
			aimWant{"4", "4", "", false, "目标4%（含）以内"}},
		{"ceiling with higher polarity is a floor", ceilingAim(num("5"), false, num("6"), ""),
			aimWant{"5", "5", "", true, "目标5（含）以内"}},
		{"above not met at the number", strictAim(num("100"), false, num("100"), "亿元"),
			aimWant{"100", "100", "", false, "目标超过100亿元"}},
		{"above met beyond", strictAim(num("100"), false, num("100.1"), "亿元"),
			aimWant{"100", "100", "", true, "目标超过100亿元"}},
		{"below met beneath", strictAim(num("3"), true, num("2.9"), "%"),
			aimWant{"3", "3", "", true, "目标低于3%"}},
		{"below not met at the number", strictAim(num("3"), true, num("3"), "%"),
			aimWant{"3", "3", "", false, "目标低于3%"}},
		{"approx met at the low end", approxAim(num("8.5"), num("0.5"), false, num("8"), "%", 1),
			aimWant{"8", "8.5", "9", true, "目标8.5%左右（±0.5，即8.0%至9.0%）"}},
		{"approx missed below the band", approxAim(num("8.5"), num("0.5"), false, num("7.9"), "%", 1),
			aimWant{"8", "8.5", "9", false, "目标8.5%左右（±0.5，即8.0%至9.0%）"}},
		{"approx lower is better", approxAim(num("5.5"), num("0.5"), true, num("6"), "%", 1),
			aimWant{"6", "5.5", "5", true, "目标5.5%左右（±0.5，即5.0%至6.0%）"}},
		{"approx band at the indicator's decimals", approxAim(num("100"), num("1"), false, num("99"), "亿元", 2),
			aimWant{"99", "100", "101", true, "目标100亿元左右（±1，即99.00亿元至101.00亿元）"}},
		{"range met at the low end", rangeAim(num("6"), num("6.5"), false, num("6"), "%"),
			aimWant{"6", "6", "6.5", true, "目标6%至6.5%"}},
		{"range lower is better near the high end", rangeAim(num("3"), num("3.5"), true, num("3.4"), "%"),
			aimWant{"3.5", "3.5", "3", true, "目标3%至3.5%"}},
		{"range lower is better above it", rangeAim(num("3"), num("3.5"), true, num("3.6"), "%"),
			aimWant{"3.5", "3.5", "3", false, "目标3%至3.5%"}},
		{"positive met above 0", positiveAim("保持稳定增长", num("0.1")),
			aimWant{"0", "0", "", true, "目标保持稳定增长（增速大于0）"}},
		{"positive not met at 0", positiveAim("保持稳定增长", num("0")),
			aimWant{"0", "0", "", false, "目标保持稳定增长（增速大于0）"}},
		{"in step at the reference", inStepAim(num("8.6"), decimal.Zero, gdp, num("8.6")),
			aimWant{"8.6", "8.6", "", true, "地区生产总值增长8.6%"}},
		{"in step just behind", inStepAim(num("8.6"), decimal.Zero, gdp, num("8.5")),
			aimWant{"8.6", "8.6", "", false, "地区生产总值增长8.6%"}},
		{"in step within its tolerance", inStepAim(num("8"), num("0.5"), gdp, num("7.5")),
			aimWant{"7.5", "8", "", true, "地区生产总值增长8.0%（允许低0.5个百分点）"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkAim(t, tc.aim, tc.want) })
	}
}

// TestAimByKind: judge.aim picks the aim by the target's kind, and an
// in_step target without its reference has none.
func TestAimByKind(t *testing.T) {
	src := `ruleset: k
entity: 测试区
year: 2019
indicators:
  - {id: gdp_growth, name: 地区生产总值, category: 总量, measure: growth, unit: "%", target: {kind: at_least, value: 8}, weight: 50}
  - {id: income_growth, name: 居民收入, category: 民生, measure: growth, unit: "%", target: {kind: in_step, with: gdp_growth}, weight: 50}
  - {id: output, name: 产值, category: 总量, measure: level, unit: 亿元, target: {kind: approx, value: 100, tolerance: 2}, weight: 0}
`
	rs, diags := rules.Parse("k.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	newJudge := func(values map[string]*Actual) *judge {
		return &judge{rs: rs, in: Actuals{Values: values}, done: map[string]*Result{},
			a: &Assessment{Ruleset: rs, Results: make([]Result, len(rs.Indicators))}}
	}
	tests := []struct {
		name   string
		id     string
		values map[string]*Actual
		v      string
		ok     bool
		want   aimWant
		status Status // of the result, when there is no aim
		why    string
	}{
		{"floor", "gdp_growth", nil, "8.1", true, aimWant{"8", "8", "8", true, "目标8%（含）以上"}, "", ""},
		{"approx with its own tolerance", "output", nil, "97", true,
			aimWant{"98", "100", "102", false, "目标100亿元左右（±2，即98亿元至102亿元）"}, "", ""},
		{"in step", "income_growth", map[string]*Actual{"gdp_growth": {ID: "gdp_growth", Growth: dec("8.56")}}, "8.6", true,
			aimWant{"8.6", "8.6", "", true, "地区生产总值增长8.6%"}, "", ""},
		{"in step without the reference", "income_growth", nil, "8.6", false, aimWant{}, NoData, "缺少地区生产总值增速，无法判断是否同步"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.values == nil {
				tc.values = map[string]*Actual{}
			}
			j := newJudge(tc.values)
			var r Result
			got, ok := j.aim(rs.Indicator(tc.id), &r, num(tc.v))
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if ok {
				checkAim(t, got, tc.want)
				return
			}
			if r.Status != tc.status || r.Explanation != tc.why {
				t.Errorf("result %s %q, want %s %q", r.Status, r.Explanation, tc.status, tc.why)
			}
		})
	}
	t.Run("a kind without a number aims at nothing", func(t *testing.T) {
		ind := &rules.Indicator{Measure: rules.Level, Unit: "人", Target: rules.Target{Kind: "unknown"}}
		got, ok := newJudge(map[string]*Actual{}).aim(ind, &Result{}, num("5"))
		if !ok {
			t.Fatal("ok = false")
		}
		checkAim(t, got, aimWant{"0", "0", "", false, ""})
	})
}

func TestGapAndCompletion(t *testing.T) {
	rate := &rules.Indicator{Unit: "%", Target: rules.Target{Kind: rules.AtLeast}}
	lowerRate := &rules.Indicator{Unit: "%", Polarity: rules.Lower, Target: rules.Target{Kind: rules.AtMost}}
	positive := &rules.Indicator{Unit: "%", Target: rules.Target{Kind: rules.Positive}}
	level := &rules.Indicator{Unit: "人", Target: rules.Target{Kind: rules.AtLeast}}
	lowerLevel := &rules.Indicator{Unit: "吨", Polarity: rules.Lower, Target: rules.Target{Kind: rules.AtMost}}
	lowerInStep := &rules.Indicator{Unit: "%", Polarity: rules.Lower, Target: rules.Target{Kind: rules.InStep}}
	tests := []struct {
		name                 string
		ind                  *rules.Indicator
		reference, v         string
		rounding             rules.Rounding
		gap, unit, completed string // "" for none
	}{
		{"rate ahead", rate, "8", "8.6", rules.HalfEven, "0.6", "个百分点", "107.5"},
		{"rate behind", rate, "8", "7.2", rules.HalfEven, "-0.8", "个百分点", "90"},
		{"lower rate better", lowerRate, "4", "3.1", rules.HalfEven, "0.9", "个百分点", "122.5"},
		{"lower rate worse", lowerRate, "4", "4.4", rules.HalfEven, "-0.4", "个百分点", "90"},
		{"rate against zero has no completion", rate, "0", "1.5", rules.HalfEven, "1.5", "个百分点", ""},
		{"rate against a negative target", rate, "-2", "-1", rules.HalfEven, "1", "个百分点", ""},
		{"positive growth has no completion", positive, "0", "3", rules.HalfEven, "3", "个百分点", ""},
		{"level: the gap is the completion", level, "10000", "9999", rules.HalfEven, "99.99", "%", "99.99"},
		{"lower level", lowerLevel, "200", "150", rules.HalfEven, "125", "%", "125"},
		{"level against zero has neither", level, "0", "5", rules.HalfEven, "", "%", ""},
		{"completion half-even", level, "8", "0.0004", rules.HalfEven, "0", "%", "0"},
		{"completion half-up", level, "8", "0.0004", rules.HalfUp, "0.01", "%", "0.01"},
		{"completion thirds", level, "3", "1", rules.HalfEven, "33.33", "%", "33.33"},
		// Issue 11 (c): 同步 is growth whatever the polarity says.
		{"in step with lower polarity is measured upwards", lowerInStep, "8", "7", rules.HalfEven, "-1", "个百分点", "87.5"},
	}
	str := func(n decimal.NullDecimal) string {
		if !n.Valid {
			return ""
		}
		return n.Decimal.String()
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gap, unit, completion := gapAndCompletion(tc.ind, tc.ind.LowerIsBetter(), num(tc.reference), num(tc.v), tc.rounding)
			if str(gap) != tc.gap || unit != tc.unit || str(completion) != tc.completed {
				t.Errorf("gap %q %s, completion %q; want %q %s, %q", str(gap), unit, str(completion), tc.gap, tc.unit, tc.completed)
			}
		})
	}
}

func TestStatusOfAim(t *testing.T) {
	conv := rules.Default().Conventions // near miss: 1 个百分点, 90%
	rate := &rules.Indicator{Unit: "%"}
	lowerRate := &rules.Indicator{Unit: "%", Polarity: rules.Lower}
	level := &rules.Indicator{Unit: "人"}
	lowerLevel := &rules.Indicator{Unit: "吨", Polarity: rules.Lower}
	// floor aims at x with a near miss; ceiling at x, lower is better,
	// with a near miss only when asked for (ceiling_near_miss).
	floor := func(x string, met bool) aim {
		return aim{bound: num(x), near: num(x), edge: num(x), hasEdge: true, met: met, nearMiss: true}
	}
	ceiling := func(x string, met, nearMiss bool) aim {
		return aim{bound: num(x), near: num(x), lower: true, met: met, nearMiss: nearMiss}
	}
	tests := []struct {
		name string
		ind  *rules.Indicator
		aim  aim
		v    string
		want Status
	}{
		{"beyond the edge", rate, floor("8", true), "8.1", Exceeded},
		{"at the edge", rate, floor("8", true), "8", Met},
		{"met without an edge", lowerRate, ceiling("4", true, false), "1", Met},
		{"rate within the near miss", rate, floor("8", false), "7.5", NearlyMet},
		{"rate at the near miss", rate, floor("8", false), "7", NearlyMet},
		{"rate beyond the near miss", rate, floor("8", false), "6.9", Missed},
		{"lower rate within the near miss", lowerRate, ceiling("4", false, true), "4.6", NearlyMet},
		{"lower rate beyond", lowerRate, ceiling("4", false, true), "5.1", Missed},
		// Issue 11: a ceiling has no near miss by default (4.5 against 4%以内).
		{"ceiling without a near miss", lowerRate, ceiling("4", false, false), "4.5", Missed},
		// Issue 11 (h): a strict bound at its number is not met and, by
		// default, not nearly met either (was 基本完成, 差0个百分点).
		{"rate at a strict bound is missed", rate, aim{bound: num("0"), near: num("0"), strict: true}, "0", Missed},
		{"rate at a strict bound with strict_near_miss", rate, aim{bound: num("0"), near: num("0"), strict: true, nearMiss: true}, "0", NearlyMet},
		{"level at the ratio", level, floor("10000", false), "9000", NearlyMet},
		{"level under the ratio", level, floor("10000", false), "8999", Missed},
		{"lower level within the ratio", lowerLevel, ceiling("200", false, true), "220", NearlyMet},
		{"lower level beyond", lowerLevel, ceiling("200", false, true), "221", Missed},
		{"level against a zero bound", level, floor("0", false), "-1", Missed},
		{"an edge short of the bound", rate, aim{bound: num("8"), edge: num("6"), hasEdge: true}, "7", Exceeded},
		// Issue 11: the near miss of a 左右 target is measured from the
		// stated number (8.5), not from the band's edge (8.0).
		{"approx near miss from the stated number", rate, aim{bound: num("8"), near: num("8.5"), nearMiss: true}, "7.5", NearlyMet},
		{"approx beyond the near miss of the stated number", rate, aim{bound: num("8"), near: num("8.5"), nearMiss: true}, "7.4", Missed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := status(tc.ind, tc.aim, num(tc.v), conv); got != tc.want {
				t.Errorf("status = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestShortfall(t *testing.T) {
	tests := []struct {
		name     string
		lower    bool
		v, bound string
		want     string
	}{
		{"short of a floor", false, "7.5", "8", "0.5"},
		{"past a floor", false, "8.5", "8", "-0.5"},
		{"over a ceiling", true, "4.6", "4", "0.6"},
		{"under a ceiling", true, "3", "4", "-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := shortfall(tc.lower, num(tc.v), num(tc.bound)).String(); got != tc.want {
				t.Errorf("shortfall = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestFigureText(t *testing.T) {
	growth := &rules.Indicator{Measure: rules.Growth, Unit: "%", Precision: 1, LevelUnit: "亿元"}
	tests := []struct {
		name string
		ind  *rules.Indicator
		r    Result
		want string
	}{
		{"level", &rules.Indicator{Measure: rules.Level, Unit: "人"}, Result{Value: dec("10250")}, "实际10250人"},
		{"level at its decimals", &rules.Indicator{Measure: rules.Level, Unit: "%", Precision: 1}, Result{Value: dec("4")}, "实际4.0%"},
		{"rank has no unit", &rules.Indicator{Measure: rules.Rank, Unit: "名"}, Result{Value: dec("2")}, "实际2"},
		{"growth", growth, Result{Value: dec("8.6")}, "增长8.6%"},
		{"zero growth", growth, Result{Value: dec("0")}, "增长0.0%"},
		{"fall", growth, Result{Value: dec("-2.5")}, "下降2.5%"},
		{"derived", growth, Result{Value: dec("12.0"), Derived: true, Level: dec("9.1392"), PrevLevel: dec("8.16")},
			"由本年9.1392亿元与上年8.16亿元推算，增长12.0%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := figureText(tc.ind, &tc.r); got != tc.want {
				t.Errorf("figureText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestExplanation(t *testing.T) {
	conv := rules.Default().Conventions
	rate := &rules.Indicator{Measure: rules.Growth, Unit: "%", Precision: 1, Target: rules.Target{Kind: rules.AtLeast}}
	lowerRate := &rules.Indicator{Measure: rules.Level, Unit: "%", Precision: 1, Polarity: rules.Lower, Target: rules.Target{Kind: rules.AtMost}}
	inStep := &rules.Indicator{Measure: rules.Growth, Unit: "%", Precision: 1, Target: rules.Target{Kind: rules.InStep}}
	level := &rules.Indicator{Measure: rules.Level, Unit: "人", Target: rules.Target{Kind: rules.AtLeast}}
	target := func(x, desc string) aim {
		return aim{bound: num(x), reference: num(x), near: num(x), edge: num(x), desc: desc}
	}
	ceiling := func(x, desc string) aim {
		return aim{bound: num(x), reference: num(x), near: num(x), lower: true, desc: desc}
	}
	tests := []struct {
		name       string
		ind        *rules.Indicator
		status     Status
		v          string
		completion string // "" for none
		aim        aim
		want       string
	}{
		{"exceeded", rate, Exceeded, "12.1", "", target("12", "目标12%（含）以上"),
			"增长12.1%，目标12%（含）以上，超过12.0%，超额完成"},
		{"met", rate, Met, "12", "", target("12", "目标12%（含）以上"),
			"增长12.0%，目标12%（含）以上，完成"},
		{"met in step", inStep, Met, "8.6", "", target("8.6", "地区生产总值增长8.6%"),
			"增长8.6%，地区生产总值增长8.6%，实现同步，完成"},
		{"rate nearly", rate, NearlyMet, "7.9", "", target("8", "目标8.5%左右"),
			"增长7.9%，目标8.5%左右，差0.1个百分点，在1个百分点以内，基本完成"},
		{"rate missed", rate, Missed, "6.9", "", target("8", "目标8.5%左右"),
			"增长6.9%，目标8.5%左右，差1.1个百分点，未完成"},
		{"lower rate missed", lowerRate, Missed, "5.1", "", ceiling("4", "目标4%（含）以内"),
			"实际5.1%，目标4%（含）以内，差1.1个百分点，未完成"},
		{"level nearly", level, NearlyMet, "9999", "99.99", target("10000", "目标10000人（含）以上"),
			"实际9999人，目标10000人（含）以上，完成率99.99%，达到90%，基本完成"},
		{"level missed", level, Missed, "8999", "89.99", target("10000", "目标10000人（含）以上"),
			"实际8999人，目标10000人（含）以上，完成率89.99%，未完成"},
		// Issue 11 (f): no 完成率 against a target of 0 or below; the
		// shortfall in the unit instead (was "完成率0.00%").
		{"level missed without a completion", level, Missed, "-1", "", target("0", "目标0人（含）以上"),
			"实际-1人，目标0人（含）以上，差1人，未完成"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Result{Status: tc.status, Value: dec(tc.v)}
			if tc.completion != "" {
				r.Completion = dec(tc.completion)
			}
			if got := explanation(tc.ind, &r, tc.aim, conv); got != tc.want {
				t.Errorf("explanation =\n%q, want\n%q", got, tc.want)
			}
		})
	}
}
