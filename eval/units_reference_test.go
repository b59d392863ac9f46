package eval

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// refEvaluateUnits is EvaluateUnits as it was first written: every unit
// judged in full twice, the first time only to rank the units. It is kept
// here as the reference the faster EvaluateUnits must match field for
// field.
func refEvaluateUnits(units []Unit, opts Options) *City {
	c := &City{Period: opts.Period}
	if c.Period.Months == 0 {
		c.Period = Year
	}
	first := make([]*Assessment, len(units))
	for i := range units {
		o := opts
		o.Peers = nil
		first[i] = EvaluateWith(units[i].Ruleset, named(units[i]), o)
	}
	peers := refPeerStanding(first)
	c.Units = make([]*Assessment, len(units))
	for i := range units {
		o := opts
		o.Peers = peers[i]
		c.Units[i] = EvaluateWith(units[i].Ruleset, named(units[i]), o)
	}
	rankTotals(c.Units)
	return c
}

// refPeerStanding is the original peerStanding, on full assessments.
func refPeerStanding(as []*Assessment) []*Peers {
	peers := make([]*Peers, len(as))
	for i := range peers {
		peers[i] = &Peers{Rank: map[string]int{}, Count: map[string]int{}, Best: map[string]decimal.Decimal{}, Worst: map[string]decimal.Decimal{}}
	}
	type entry struct {
		unit int
		v    decimal.Decimal
	}
	byID := map[string][]entry{}
	var order []string
	for ui, a := range as {
		for _, r := range a.Results {
			id := r.Indicator.ID
			var v decimal.Decimal
			switch {
			case r.Indicator.Measure == rules.Rank && r.Rank > 0:
				v = decimal.NewFromInt(int64(-r.Rank))
			case r.Value.Valid && r.Indicator.Measure != rules.Rank:
				v = r.Value.Decimal
				if r.Indicator.LowerIsBetter() {
					v = v.Neg()
				}
			default:
				continue
			}
			if _, seen := byID[id]; !seen {
				order = append(order, id)
			}
			byID[id] = append(byID[id], entry{ui, v})
		}
	}
	for _, id := range order {
		es := byID[id]
		sort.SliceStable(es, func(i, j int) bool { return es[i].v.GreaterThan(es[j].v) })
		for k, e := range es {
			rank := k + 1
			if k > 0 && e.v.Equal(es[k-1].v) {
				rank = peers[es[k-1].unit].Rank[id]
			}
			p := peers[e.unit]
			p.Rank[id] = rank
			p.Count[id] = len(es)
		}
		best, worst := es[0].v, es[len(es)-1].v
		for _, p := range peers {
			p.Best[id], p.Worst[id] = best, worst
		}
	}
	return peers
}

// synthRules covers every target kind and scoring method, peer-based
// targets and scores, lower-is-better figures, cumulative, rate and
// year-end indicators, a multi-year goal, two groups and a veto.
const synthRules = `ruleset: synth
entity: 合成市
year: 2019
schedule: {H1: 0.45}
indicators:
  - {id: g_approx, name: 增速左右, category: 总量, measure: growth, unit: "%", level_unit: 亿元, precision: 1,
     target: {kind: approx, value: 8, text: 增长8%左右}, baseline: {level: 100}, derive_growth: true, weight: 8, scoring: {method: ratio}}
  - {id: g_least, name: 增速以上, category: 总量, measure: growth, unit: "%", level_unit: 亿元, precision: 1,
     target: {kind: at_least, value: 10, text: 增长10%以上}, weight: 6, scoring: {method: points, per_point: 0.5, max: 8, min: 1}}
  - {id: g_rank, name: 增速排名计分, category: 总量, measure: growth, unit: "%", level_unit: 亿元, precision: 1,
     target: {kind: at_least, value: 6, text: 增长6%}, weight: 6, scoring: {method: rank_points, step: 0.1}}
  - {id: g_range, name: 增速区间, category: 效益, measure: growth, unit: "%", level_unit: 亿元, precision: 2,
     target: {kind: range, low: 6, high: 7, text: 增长6%-7%}, weight: 5, scoring: {method: pass_fail, near_miss_share: 0.5}}
  - {id: g_pos, name: 稳定增长, category: 效益, measure: growth, unit: "%", level_unit: 亿元, precision: 1,
     target: {kind: positive, text: 稳定增长}, weight: 4, scoring: {method: pass_fail}}
  - {id: g_step, name: 收入同步, category: 民生, measure: growth, unit: "%", level_unit: 元, precision: 1,
     target: {kind: in_step, with: g_approx, text: 与经济增长同步}, weight: 4, scoring: {method: ratio}}
  - {id: l_jobs, name: 新增就业, category: 民生, measure: level, unit: 人, precision: 0,
     target: {kind: at_least, value: 10000, text: 1万人以上}, weight: 8, scoring: {method: efficacy}}
  - {id: l_fixed, name: 专利申请, category: 结构, measure: level, unit: 件, precision: 0, baseline: {level: 400},
     target: {kind: at_least, value: 500, text: 500件以上}, weight: 5, scoring: {method: efficacy, satisfactory: 600, allowable: 300}}
  - {id: l_lower, name: 失业率, category: 民生, measure: level, unit: "%", polarity: lower, precision: 1,
     target: {kind: at_most, value: 4, text: 控制在4%以内}, weight: 5, scoring: {method: ratio}}
  - {id: l_pm, name: PM2.5, category: 民生, measure: level, unit: 微克/立方米, polarity: lower, period: rate, precision: 0,
     target: {kind: top_n, n: 5, text: 位居全市前列}, weight: 5, scoring: {method: efficacy}}
  - {id: l_energy, name: 能耗下降, category: 效益, measure: level, unit: "%", polarity: lower, precision: 2,
     target: {kind: approx, value: 3, text: 3%左右}, weight: 4, scoring: {method: points, per_point: 1}}
  - {id: l_below, name: 事故起数, category: 民生, measure: level, unit: 起, polarity: lower, precision: 0,
     target: {kind: below, value: 20, text: 低于20起}, weight: 3, scoring: {method: rank_points}}
  - {id: r_rank, name: 综合排名, category: 总量, measure: rank, unit: 名, precision: 0,
     target: {kind: top_n, text: 位居全市前列}, weight: 5, scoring: {method: rank_points, step: 0.2}}
  - {id: r_plain, name: 营商环境, category: 结构, measure: rank, unit: 名, precision: 0,
     target: {kind: top_n, n: 1, text: 全市领先}, weight: 4, scoring: {method: pass_fail}}
  - {id: y_safe, name: 安全生产, category: 民生, measure: yes_no, unit: 是/否, precision: 0,
     target: {kind: yes_no, text: 不发生较大事故}, weight: 4, scoring: {method: pass_fail}, veto: true}
  - {id: y_task, name: 约束性指标, category: 民生, measure: yes_no, unit: 是/否, precision: 0,
     target: {kind: yes_no, text: 完成市定目标}, weight: 4, scoring: {method: pass_fail}}
  - {id: t_invest, name: 项目投资, category: 总量, group: 重点工作任务, measure: level, unit: 亿元, precision: 1,
     target: {kind: at_least, value: 164.4, text: 完成投资164.4亿元}, weight: 40, scoring: {method: ratio}}
  - {id: t_park, name: 产业园, category: 结构, group: 重点工作任务, measure: level, unit: 亩, precision: 0,
     target: {kind: at_least, value: 1000, years: 5, text: 5年内建成1000亩}, weight: 20, scoring: {method: ratio}}
  - {id: t_open, name: 项目开工, category: 结构, group: 重点工作任务, measure: milestone, unit: 是/否, precision: 0,
     target: {kind: by_date, due: 2019-06, text: 6月份开工}, weight: 20, scoring: {method: pass_fail}}
  - {id: t_share, name: 三产比重, category: 结构, group: 重点工作任务, measure: level, unit: "%", precision: 1,
     target: {kind: above, value: 80, text: 超过80%}, weight: 20, scoring: {method: efficacy}}
`

func synthRuleset(t testing.TB) *rules.Ruleset {
	t.Helper()
	rs, diags := rules.Parse("synth.yaml", []byte(synthRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return rs
}

// synthUnits makes n units of figures for rs around its targets, drawn
// from few values so that units tie, with blanks, implausible figures
// (growth beyond 300%, negative levels, rates above 100, levels many times
// last year's), growth to be derived from levels, last year's levels that
// differ from the baseline, unknown ids and veto failures. Every fifth
// unit reports no group 重点工作任务 at all. The same seed gives the same
// units.
func synthUnits(rs *rules.Ruleset, n int, seed uint64) []Unit {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	cols := map[Field]string{FieldPrevLevel: "D", FieldLevel: "E", FieldGrowth: "F", FieldRank: "G", FieldDone: "H", FieldDate: "I"}
	pos := func(row int, f Field) rules.Pos {
		return rules.Pos{File: "units.xlsx", Sheet: "数据", Cell: fmt.Sprintf("%s%d", cols[f], row)}
	}
	units := make([]Unit, n)
	for u := range units {
		vals := map[string]*Actual{}
		for k, ind := range rs.Indicators {
			if rng.IntN(12) == 0 || (u%5 == 4 && ind.Group == "重点工作任务") {
				continue // blank
			}
			a := &Actual{ID: ind.ID}
			set := func(f Field) { a.Sources.Set(f, pos(u*len(rs.Indicators)+k+2, f)) }
			bound := ind.Target.Value
			if ind.Target.Kind == rules.Between {
				bound = ind.Target.Low
			}
			if bound.IsZero() {
				bound = decimal.NewFromInt(8)
			}
			odd := rng.IntN(25) // 0: implausible
			switch ind.Measure {
			case rules.Growth:
				g := bound.Add(decimal.New(int64(rng.IntN(13)-6), -1).Mul(decimal.NewFromInt(5)))
				switch {
				case odd == 0:
					g = decimal.NewFromInt(850)
				case odd == 1:
					g = decimal.NewFromInt(-120)
				case odd == 2:
					g = g.Add(decimal.RequireFromString("0.0149"))
				}
				if rng.IntN(4) == 0 { // levels only: derived, or a problem
					prev := decimal.NewFromInt(int64(90 + rng.IntN(4)*5))
					a.PrevLevel = decimal.NewNullDecimal(prev)
					if rng.IntN(3) == 0 {
						a.PrevLevel = decimal.NullDecimal{}
					}
					lvl := prev.Mul(decimal.NewFromInt(100).Add(g)).Div(decimal.NewFromInt(100)).Round(2)
					if odd == 3 {
						lvl = lvl.Mul(decimal.NewFromInt(30))
					}
					if odd == 4 {
						a.PrevLevel = decimal.NewNullDecimal(decimal.NewFromInt(-5))
					}
					a.Level = decimal.NewNullDecimal(lvl)
					set(FieldLevel)
					set(FieldPrevLevel)
				} else {
					a.Growth = decimal.NewNullDecimal(g)
					set(FieldGrowth)
				}
			case rules.Level:
				v := bound.Mul(decimal.NewFromInt(int64(80 + rng.IntN(9)*5))).Div(decimal.NewFromInt(100)).Round(ind.Precision)
				switch {
				case odd == 0:
					v = v.Neg()
				case odd == 1 && ind.Unit == "%":
					v = decimal.NewFromInt(130)
				case odd == 1:
					v = v.Mul(decimal.NewFromInt(40))
					a.PrevLevel = decimal.NewNullDecimal(bound)
				case odd == 2:
					a.PrevLevel = decimal.NewNullDecimal(bound.Add(decimal.NewFromInt(3)))
				}
				a.Level = decimal.NewNullDecimal(v)
				set(FieldLevel)
			case rules.Rank:
				a.Rank = 1 + rng.IntN(8)
				set(FieldRank)
			case rules.YesNo:
				a.Done = yes(rng.IntN(10) != 0)
				set(FieldDone)
			case rules.Milestone:
				if rng.IntN(2) == 0 {
					a.Date = fmt.Sprintf("2019-%02d", 3+rng.IntN(6))
					set(FieldDate)
				} else {
					a.Done = yes(rng.IntN(3) != 0)
					set(FieldDone)
				}
			}
			vals[ind.ID] = a
		}
		if u%7 == 3 {
			vals["no_such_indicator"] = &Actual{ID: "no_such_indicator", Level: decimal.NewNullDecimal(decimal.NewFromInt(1))}
		}
		units[u] = Unit{Name: fmt.Sprintf("单位%02d", u), Ruleset: rs, Actuals: Actuals{Year: 2019, File: "units.xlsx", Values: vals}}
		if u%9 == 8 {
			units[u].Name = "" // named by the ruleset's entity
		}
	}
	return units
}

// decimalsIdentical compares decimals by coefficient and exponent, so
// that 1.0 and 1 differ as they would in a String.
var decimalsIdentical = cmp.Comparer(func(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
})

var (
	everyField = cmp.Exporter(func(reflect.Type) bool { return true })
	// sameRules compares rulesets and indicators by content, but the same
	// pointer without a look (the comparison is slow otherwise).
	sameRules = cmp.Options{
		cmp.Comparer(func(a, b *rules.Indicator) bool {
			return a == b || a != nil && b != nil && cmp.Equal(*a, *b, decimalsIdentical, everyField)
		}),
		cmp.Comparer(func(a, b *rules.Ruleset) bool {
			return a == b || a != nil && b != nil && cmp.Equal(*a, *b, decimalsIdentical, everyField)
		}),
	}
	cityCmp = []cmp.Option{decimalsIdentical, everyField, sameRules}
)

func TestEvaluateUnitsMatchesReference(t *testing.T) {
	synth := synthRuleset(t)
	def := rules.Default()
	city, diags := rules.Parse("city.yaml", []byte(cityRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// Units with targets of their own: every third unit judged by a copy
	// with other target numbers (as Ruleset.WithTargets makes them).
	mixed := synthUnits(synth, 30, 7)
	for i := range mixed {
		if i%3 == 0 {
			own, ds := synth.WithTargets(mixed[i].Name, map[string]rules.TargetOverride{
				"g_approx": {Text: "7"},
				"l_jobs":   {Text: "9000"},
			})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			mixed[i].Ruleset = own
		}
		if i%3 == 2 { // a schedule of its own
			own := *synth
			own.Schedule = map[string]decimal.Decimal{"Q1": decimal.RequireFromString("0.3"), "H1": decimal.RequireFromString("0.45")}
			mixed[i].Ruleset = &own
		}
		if i%3 == 1 { // figures of one indicator rounded to other places
			own := *synth
			own.Indicators = slices.Clone(synth.Indicators)
			for k, ind := range own.Indicators {
				if ind.ID == "l_jobs" || ind.ID == "g_rank" {
					c := *ind
					c.Precision++
					own.Indicators[k] = &c
				}
			}
			mixed[i].Ruleset = &own
		}
	}
	// A ruleset built in code may list an id twice (a parsed one may not).
	dup := *synth
	dup.Indicators = append(slices.Clone(synth.Indicators), synth.Indicators[6], synth.Indicators[12])
	yn := *synth.Indicators[0]
	yn.Measure, yn.Target = rules.YesNo, rules.Target{Kind: rules.Verdict, Text: "完成"}
	dup.Indicators = append([]*rules.Indicator{&yn}, dup.Indicators...) // g_approx first as yes_no
	// … and in_step targets that refer to themselves or to each other.
	for _, ref := range [][2]string{{"self", "self"}, {"cyc_a", "cyc_b"}, {"cyc_b", "cyc_a"}} {
		c := *synth.Indicator("g_step")
		c.ID, c.Target.With = ref[0], ref[1]
		dup.Indicators = append(dup.Indicators, &c)
	}
	dups := synthUnits(&dup, 12, 8)
	dups = append(dups, Unit{Name: "空单位", Ruleset: &dup}) // no figures at all
	// Other conventions: half-up rounding, an in_step tolerance.
	conv := *synth
	conv.Conventions.Rounding = rules.HalfUp
	conv.Conventions.InStepTolerance = decimal.RequireFromString("0.5")
	conv.Conventions.NearMissPoints = decimal.RequireFromString("1.5")
	sets := []struct {
		name  string
		units []Unit
	}{
		{"other conventions", synthUnits(&conv, 30, 9)},
		{"synthetic 40", synthUnits(synth, 40, 1)},
		{"synthetic 3", synthUnits(synth, 3, 2)},
		{"synthetic 1", synthUnits(synth, 1, 3)},
		{"default 25", synthUnits(def, 25, 4)},
		{"city", cityUnitsOf(city)},
		{"own targets", mixed},
		{"duplicate ids", dups},
		{"none", nil},
	}
	for _, set := range sets {
		for _, period := range []string{"year", "Q1", "H1"} {
			t.Run(set.name+"/"+period, func(t *testing.T) {
				p, err := ParsePeriod(period)
				if err != nil {
					t.Fatal(err)
				}
				want := refEvaluateUnits(set.units, Options{Period: p})
				got := EvaluateUnits(set.units, Options{Period: p})
				if diff := cmp.Diff(want, got, cityCmp...); diff != "" {
					t.Errorf("EvaluateUnits differs from the two-pass reference (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// cityUnitsOf is cityUnits without a *testing.T.
func cityUnitsOf(rs *rules.Ruleset) []Unit {
	mk := func(name, gdp, jobs, pm string, safe bool) Unit {
		return Unit{Name: name, Ruleset: rs, Actuals: Actuals{Values: map[string]*Actual{
			"gdp_growth":     {ID: "gdp_growth", Growth: dec(gdp)},
			"new_urban_jobs": {ID: "new_urban_jobs", Level: dec(jobs)},
			"pm25":           {ID: "pm25", Level: dec(pm)},
			"safety":         {ID: "safety", Done: yes(safe)},
		}}}
	}
	return []Unit{
		mk("红旗区", "8.6", "12000", "52", true),
		mk("卫滨区", "8.6", "9000", "48", true),
		mk("牧野区", "7.9", "10000", "60", true),
		mk("凤泉区", "9.1", "11000", "55", false),
	}
}

// TestUnitFigures checks the light first pass against the full judgement:
// the figure of every indicator of every unit is its Result.Value (its
// Result.Rank for ranks), negated for lower-is-better, as peers are ranked.
func TestUnitFigures(t *testing.T) {
	synth := synthRuleset(t)
	def := rules.Default()
	halfUp := *synth
	halfUp.Conventions.Rounding = rules.HalfUp
	sets := map[string][]Unit{
		"synthetic": synthUnits(synth, 60, 11),
		"default":   synthUnits(def, 60, 12),
		"half_up":   synthUnits(&halfUp, 60, 13),
	}
	for name, units := range sets {
		for _, period := range []string{"year", "Q1", "H1", "M8"} {
			p, err := ParsePeriod(period)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range units {
				full := EvaluateWith(u.Ruleset, named(u), Options{Period: p})
				figs := unitFigures(u.Ruleset, screenActuals(u.Ruleset, u.Actuals).in)
				for k, r := range full.Results {
					var want figure
					switch {
					case r.Indicator.Measure == rules.Rank && r.Rank > 0:
						want = figure{decimal.NewFromInt(int64(-r.Rank)), true}
					case r.Indicator.Measure != rules.Rank && r.Value.Valid:
						want = figure{r.Value.Decimal, true}
						if r.Indicator.LowerIsBetter() {
							want.v = want.v.Neg()
						}
					}
					got := figs[k]
					if got.ok != want.ok || want.ok && !cmp.Equal(got.v, want.v, decimalsIdentical) {
						t.Errorf("%s/%s/%s/%s: light figure %v %s, full judgement %v %s (%s)", name, period,
							full.Entity, r.Indicator.ID, got.ok, got.v, want.ok, want.v, r.Explanation)
					}
				}
			}
		}
	}
}
