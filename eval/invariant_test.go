package eval

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// TestStatusAndScoreAgree: over many generated rules, conventions and
// figures, a status below 完成 never earns full marks, and 完成 or better
// never earns less than its rule gives a target just met — the weight
// under ratio and pass_fail, the base (within min and max) under points
// (issue 11: "Status and score must never disagree").
func TestStatusAndScoreAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2019))
	checked := 0
	for n := 0; n < 400; n++ {
		rs := invariantRuleset(rng)
		units := make([]Unit, 2+rng.IntN(5))
		for u := range units {
			units[u] = Unit{Name: fmt.Sprint("单位", u), Ruleset: rs, Actuals: invariantActuals(rng, rs)}
		}
		city := EvaluateUnits(units, Options{})
		alone := Evaluate(rs, units[0].Actuals)
		for _, a := range append(city.Units, alone) {
			for i := range a.Results {
				r := &a.Results[i]
				checked++
				if msg := disagreement(r); msg != "" {
					t.Fatalf("case %d, %s: %s %s of %s (%s, %s): %s", n, r.Indicator.ID, r.Status, r.Score, r.Weight,
						r.Indicator.Target.Kind, r.Indicator.Scoring.Method, msg+"; "+r.Explanation)
				}
			}
		}
	}
	if checked < 10000 {
		t.Errorf("only %d results checked", checked)
	}
}

// disagreement says how r's status and score disagree, or "".
func disagreement(r *Result) string {
	w := r.Weight
	met := r.Status == Met || r.Status == Exceeded
	s := r.Indicator.Scoring
	switch {
	case !met && w.IsPositive() && !r.Score.LessThan(w):
		return "full marks below 完成"
	case met && (s.Method == rules.Ratio || s.Method == rules.PassFail) && !r.Score.Equal(w):
		return "less than the weight for 完成"
	case met && s.Method == rules.Points:
		base := clamp(orDefault(s.Base, w), orDefault(s.Min, decimal.Zero), orDefault(s.Max, w))
		if r.Score.LessThan(base) {
			return "less than the base for 完成"
		}
	}
	return ""
}

// invariantRuleset draws a ruleset of a dozen indicators: every measure
// with a target kind it may carry, either polarity, every scoring method,
// and conventions on either side of each choice.
func invariantRuleset(rng *rand.Rand) *rules.Ruleset {
	conv := rules.DefaultConventions()
	conv.PositiveNearMiss = rng.IntN(2) == 0
	conv.CeilingNearMiss = rng.IntN(2) == 0
	conv.StrictNearMiss = rng.IntN(2) == 0
	conv.NearMissFrom = []rules.NearMissFrom{rules.NearMissFromValue, rules.NearMissFromBand}[rng.IntN(2)]
	conv.ApproxLower = []rules.ApproxMode{rules.ApproxCeiling, rules.ApproxBand}[rng.IntN(2)]
	conv.LateMilestone = []rules.LateMilestone{rules.LateInYear, rules.LateNever}[rng.IntN(2)]
	conv.NearMissPoints = decimal.New(int64(rng.IntN(4)), -0).Add(decimal.New(5, -1).Mul(decimal.NewFromInt(int64(rng.IntN(2)))))
	conv.InStepTolerance = decimal.New(int64(rng.IntN(3)), -1)
	rs := &rules.Ruleset{ID: "inv", Entity: "测试区", Year: 2019, Conventions: conv}
	methods := []rules.ScoreMethod{rules.Ratio, rules.PassFail, rules.Points, rules.RankPoints, rules.Efficacy}
	for k := 0; k < 12; k++ {
		ind := &rules.Indicator{ID: fmt.Sprint("i", k), Name: fmt.Sprint("指标", k), Category: rules.CatVolume,
			Group: rules.GroupHeadline, Weight: decimal.NewFromInt(int64(1 + rng.IntN(12))), Polarity: rules.Higher}
		if rng.IntN(2) == 0 {
			ind.Polarity = rules.Lower
		}
		kinds := map[rules.Measure][]rules.TargetKind{
			rules.Growth: {rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx, rules.Between, rules.Positive, rules.InStep, rules.TopN},
			rules.Level:  {rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx, rules.Between, rules.TopN},
			rules.Rank:   {rules.TopN, rules.AtMost}, rules.YesNo: {rules.Verdict}, rules.Milestone: {rules.ByDate},
		}
		measures := []rules.Measure{rules.Growth, rules.Growth, rules.Level, rules.Level, rules.Rank, rules.YesNo, rules.Milestone}
		ind.Measure = measures[rng.IntN(len(measures))]
		ind.Unit, ind.Precision = "%", int32(rng.IntN(3))
		if ind.Measure == rules.Level && rng.IntN(2) == 0 {
			ind.Unit = "亿元"
		}
		if ind.Measure == rules.Rank {
			ind.Unit, ind.Precision = "名", 0
		}
		kind := kinds[ind.Measure][rng.IntN(len(kinds[ind.Measure]))]
		x := decimal.New(int64(2+rng.IntN(90)), -int32(rng.IntN(2)))
		ind.Target = rules.Target{Kind: kind, Value: x, Low: x, High: x.Add(decimal.NewFromInt(1)), Due: "2019-06", Text: "目标"}
		if kind == rules.InStep {
			ind.Target.With = "i0"
			if k == 0 {
				ind.Target = rules.Target{Kind: rules.AtLeast, Value: x}
			}
		}
		if rng.IntN(6) == 0 {
			ind.Target.Years = 3
		}
		ind.Scoring = rules.Scoring{Method: methods[rng.IntN(len(methods))]}
		if ind.Scoring.Method == rules.Points {
			ind.Scoring.PerPoint = decimal.NewNullDecimal(decimal.New(int64(1+rng.IntN(20)), -1))
			if rng.IntN(2) == 0 {
				ind.Scoring.Base = decimal.NewNullDecimal(ind.Weight.Sub(decimal.NewFromInt(1)))
			}
		}
		if ind.Scoring.Method == rules.PassFail && rng.IntN(2) == 0 {
			ind.Scoring.NearMissShare = decimal.NewNullDecimal(decimal.New(int64(rng.IntN(10)), -1))
		}
		rs.Indicators = append(rs.Indicators, ind)
		if rules.Validate(rs).HasErrors() { // a combination a rule file may not state
			ind.Scoring = rules.Scoring{Method: rules.PassFail}
			if ind.Target.Kind == rules.AtLeast || ind.Target.Kind == rules.Above {
				ind.Polarity = rules.Higher
			}
			if ind.Target.Kind == rules.AtMost || ind.Target.Kind == rules.Below {
				ind.Polarity = rules.Lower
			}
		}
	}
	return rs
}

// invariantActuals draws figures around each target: at it, a step of
// the published precision either side, a little and a lot either side.
func invariantActuals(rng *rand.Rand, rs *rules.Ruleset) Actuals {
	vals := map[string]*Actual{}
	for _, ind := range rs.Indicators {
		a := &Actual{ID: ind.ID}
		step := decimal.New(1, -ind.Precision)
		offsets := []decimal.Decimal{decimal.Zero, step, step.Neg(), decimal.New(5, -1), decimal.New(-5, -1),
			decimal.NewFromInt(1), decimal.NewFromInt(-1), decimal.NewFromInt(3), decimal.NewFromInt(-3)}
		v := ind.Target.Value.Add(offsets[rng.IntN(len(offsets))])
		if rng.IntN(8) == 0 {
			v = decimal.Zero
		}
		switch ind.Measure {
		case rules.Growth:
			a.Growth = decimal.NewNullDecimal(v)
		case rules.Level:
			a.Level = decimal.NewNullDecimal(v.Abs())
		case rules.Rank:
			a.Rank = 1 + rng.IntN(6)
		case rules.YesNo:
			a.Done = yes(rng.IntN(2) == 0)
		case rules.Milestone:
			a.Date = []string{"2019-05", "2019-06-30", "2019-07-01", "2020-01-15"}[rng.IntN(4)]
		}
		if rng.IntN(10) > 0 {
			vals[ind.ID] = a
		}
	}
	return Actuals{Year: 2019, Values: vals}
}
