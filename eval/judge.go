package eval

// The judgement of one figure against its target, in four steps: the aim
// a target sets (one function per kind of target), the gap and the
// completion ratio, the status, and the sentence that explains it
// (explain.go). Verdicts, ranks and milestones have no number to aim at
// and are judged on their own.
//
// Each verdict rests on a stated convention of the ruleset (rules.
// Conventions, printed in the scorecard's 口径说明): whether a target
// has a near miss at all (a floor, a level and a 左右 band have one; a
// ceiling, a strict bound and 稳定增长 have none by default), and what
// the near miss is measured from (the stated number).

import (
	"strconv"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// judge sets status, gap, completion, bound and explanation.
func (j *judge) judge(ind *rules.Indicator, r *Result) {
	switch ind.Target.Kind {
	case rules.Verdict:
		r.Status, r.Explanation = verdict(r.Done, ind.Target.Text)
		return
	case rules.ByDate:
		j.milestone(ind, r)
		return
	case rules.TopN:
		j.topN(ind, r)
		return
	}
	if !r.Value.Valid {
		j.noFigure(ind, r)
		return
	}
	v := r.Value.Decimal
	a, ok := j.aim(ind, r, v)
	if !ok {
		return // an in_step target without its reference: r says why
	}
	conv := j.rs.Conventions
	r.Bound = decimal.NewNullDecimal(a.bound)
	r.Reference = decimal.NewNullDecimal(a.reference)
	r.Gap, r.GapUnit, r.Completion = gapAndCompletion(ind, a.lower, a.reference, v, conv.Rounding)
	r.Status = status(ind, a, v, conv)
	r.Explanation = explanation(ind, r, a, conv)
	j.roundingChanged(ind, r, a)
}

// verdict judges a yes/no target (是/否) on what was reported; a target
// without words of its own is 完成.
func verdict(done *bool, text string) (Status, string) {
	if text == "" {
		text = "完成"
	}
	switch {
	case done == nil:
		return NoData, "未填报是否完成"
	case *done:
		return Met, "填报为已" + text
	}
	return Missed, "填报为未" + text
}

// topN judges a 前列 target: the reported rank or, for an indicator that
// is not itself a rank, the rank among peer units.
func (j *judge) topN(ind *rules.Indicator, r *Result) {
	n := j.rs.TopN(ind)
	r.Bound = decimal.NewNullDecimal(decimal.NewFromInt(int64(n)))
	scope := rankScope(ind.Target.Text)
	if r.Rank == 0 && ind.Measure != rules.Rank {
		r.Rank = r.PeerRank
		if j.peers != nil {
			scope = strconv.Itoa(j.peers.Count[ind.ID]) + "个参评单位中"
		}
	}
	r.Status, r.Explanation = rankVerdict(r.Rank, n, ind.Measure == rules.Rank, scope)
}

// rankScopes are the peer groups a target's words may name, widest first.
var rankScopes = []string{"全国", "全省", "全市", "全县", "全区"}

// rankScope is the peer group a rank target names (位于全市前列: 全市),
// or "" when it names none.
func rankScope(text string) string {
	for _, s := range rankScopes {
		if strings.Contains(text, s) {
			return s
		}
	}
	return ""
}

// rankVerdict judges rank (0: none) against 前n名; reported says the rank
// is the indicator's own figure rather than a peer rank; scope names the
// peer group the rank is among (全市, 5个参评单位中), or is "".
func rankVerdict(rank, n int, reported bool, scope string) (Status, string) {
	ns := strconv.Itoa(n)
	switch {
	case rank == 0 && !reported:
		return NoData, "没有同组单位的排名（须多单位评估）或填报的名次"
	case rank == 0:
		return NoData, "未填报名次"
	case rank <= n:
		return Met, scope + "第" + strconv.Itoa(rank) + "名，在前" + ns + "名之内（前列按前" + ns + "名计）"
	}
	return Missed, scope + "第" + strconv.Itoa(rank) + "名，未进入前" + ns + "名（前列按前" + ns + "名计）"
}

// noFigure judges a target with a number when no figure could be used:
// the bound is still shown; the status is 数据存疑 when a reported figure
// was left out as implausible, else 无数据.
func (j *judge) noFigure(ind *rules.Indicator, r *Result) {
	if t := ind.Target.Kind; t != rules.Positive && t != rules.InStep {
		r.Bound = decimal.NewNullDecimal(j.rs.Bound(ind))
		r.Reference = decimal.NewNullDecimal(targetReference(ind))
	}
	why := j.suspect[ind.ID]
	r.Status = NoData
	if why != "" {
		r.Status = Suspect
	}
	r.Explanation = noFigureText(ind, r.Level.Valid, why)
}

// noFigureText says why there is no figure: a suspect figure left out
// (why), a growth rate that cannot be derived from the level reported
// (hasLevel), or nothing reported.
func noFigureText(ind *rules.Indicator, hasLevel bool, why string) string {
	switch {
	case why != "":
		return "数据存疑，未采用: " + why
	case ind.Measure != rules.Growth:
		return "未填报本年实际值"
	case hasLevel && !ind.DeriveGrowth:
		return "只填报了总量；此增速按可比价计算，不能由现价总量推算，须填报增速"
	case hasLevel && nominalOnly(ind):
		return "只填报了总量；由现价总量推算的是名义增速，同步须比较实际增速，须填报统计部门公布的实际增速"
	}
	return "未填报本年增速"
}

// aim is what a target with a number asks of the judged figure v.
type aim struct {
	bound     decimal.Decimal // the number to reach for 完成
	reference decimal.Decimal // the stated number: 目标值, and the gap is measured from it
	near      decimal.Decimal // the number a near miss is measured from
	edge      decimal.Decimal // beyond this: 超额完成, when hasEdge
	hasEdge   bool
	lower     bool // a smaller figure is the better one
	strict    bool // the bound itself does not meet the target (超过, 低于, 大于0)
	nearMiss  bool // a figure that does not meet the target may be 基本完成
	band      bool // a 左右 band: the sentence names both the number and the band's edge
	met       bool // v meets the target
	desc      string
}

// meets reports whether the figure v meets the aim: reaches its bound, or
// passes it when the bound is strict.
func (a aim) meets(v decimal.Decimal) bool {
	c := favCmp(a.lower, v, a.bound)
	return c > 0 || c == 0 && !a.strict
}

// aim finds the aim of ind's target for the figure v, by the ruleset's
// conventions. It is false for an in_step target whose reference cannot
// be had; r then holds the status and the reason. A kind without a number
// of its own aims at nothing and is never met.
func (j *judge) aim(ind *rules.Indicator, r *Result, v decimal.Decimal) (aim, bool) {
	t := ind.Target
	conv := j.rs.Conventions
	lower := ind.LowerIsBetter()
	u := unitText(ind)
	var a aim
	switch t.Kind {
	case rules.AtLeast:
		a = floorAim(t.Value, lower, v, u)
	case rules.AtMost:
		a = ceilingAim(t.Value, lower, v, u)
		a.nearMiss = conv.CeilingNearMiss
	case rules.Above, rules.Below:
		a = strictAim(t.Value, lower, v, u)
		a.nearMiss = conv.StrictNearMiss
	case rules.Approx:
		if lower && conv.ApproxLower != rules.ApproxBand {
			a = approxCeilingAim(t.Value, j.rs.Tolerance(ind), v, u, ind.Precision)
			a.nearMiss = conv.CeilingNearMiss
			break
		}
		a = approxAim(t.Value, j.rs.Tolerance(ind), lower, v, u, ind.Precision)
		if conv.NearMissFrom == rules.NearMissFromBand {
			a.near = a.bound
		}
	case rules.Between:
		a = rangeAim(t.Low, t.High, lower, v, u)
	case rules.Positive:
		a = positiveAim(t.Text, v)
		a.nearMiss = conv.PositiveNearMiss
	case rules.InStep:
		ref := j.reference(ind, r)
		if !ref.Valid {
			return aim{}, false
		}
		a = inStepAim(ref.Decimal, conv.InStepTolerance, j.rs.Indicator(t.With), v)
		if conv.NearMissFrom == rules.NearMissFromBand {
			a.near = a.bound
		}
	}
	return a, true
}

// floorAim is X（含）以上 (at_least): met at x, exceeded beyond it.
func floorAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	a := aim{bound: x, reference: x, near: x, edge: x, hasEdge: true, lower: lower, nearMiss: true,
		desc: "目标" + x.String() + u + "（含）以上"}
	a.met = a.meets(v)
	return a
}

// ceilingAim is X（含）以内 (at_most): met at x, never exceeded; no near
// miss unless the ruleset's ceiling_near_miss says so.
func ceilingAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	a := aim{bound: x, reference: x, near: x, lower: lower, desc: "目标" + x.String() + u + "（含）以内"}
	a.met = a.meets(v)
	return a
}

// strictAim is 超过X or 低于X (above, below): met only beyond x, in the
// favourable direction; the words follow the polarity. No near miss unless
// the ruleset's strict_near_miss says so.
func strictAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	a := aim{bound: x, reference: x, near: x, lower: lower, strict: true, desc: "目标超过" + x.String() + u}
	if lower {
		a.desc = "目标低于" + x.String() + u
	}
	a.met = a.meets(v)
	return a
}

// approxAim is X左右 (approx) as a band: met within tol of x on the
// unfavourable side, exceeded beyond tol on the favourable side. A near
// miss is measured from x itself, so that the band and the near miss do
// not stack.
func approxAim(x, tol decimal.Decimal, lower bool, v decimal.Decimal, u string, places int32) aim {
	fav := tol // tol in the favourable direction
	if lower {
		fav = tol.Neg()
	}
	bound, edge := x.Sub(fav), x.Add(fav)
	a := aim{bound: bound, reference: x, near: x, edge: edge, hasEdge: true, lower: lower, nearMiss: true, band: true,
		desc: "目标" + x.String() + u + "左右（±" + tol.String() + "，即" +
			fmtNum(decimal.Min(bound, edge), places) + u + "至" + fmtNum(decimal.Max(bound, edge), places) + u + "）"}
	a.met = a.meets(v)
	return a
}

// approxCeilingAim is X左右 on a lower-is-better indicator (居民消费价格涨幅
// 3%左右): a ceiling at x + tol, met at or below it, never exceeded, as
// national reviews read a CPI below its 左右 target as 完成.
func approxCeilingAim(x, tol, v decimal.Decimal, u string, places int32) aim {
	bound := x.Add(tol)
	a := aim{bound: bound, reference: x, near: bound, lower: true,
		desc: "目标" + x.String() + u + "左右（控制性目标，不超过" + fmtNum(bound, places) + u + "即为完成）"}
	a.met = a.meets(v)
	return a
}

// rangeAim is X至Y (range): met at the near end, exceeded beyond the far
// end.
func rangeAim(low, high decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	near, far := low, high
	if lower {
		near, far = high, low
	}
	a := aim{bound: near, reference: near, near: near, edge: far, hasEdge: true, lower: lower, nearMiss: true,
		desc: "目标" + low.String() + u + "至" + high.String() + u}
	a.met = a.meets(v)
	return a
}

// positiveAim is 保持稳定增长 (positive): met by any growth above 0,
// whatever the polarity. A fall is not growth: no near miss unless the
// ruleset's positive_near_miss says so.
func positiveAim(text string, v decimal.Decimal) aim {
	a := aim{strict: true, desc: "目标" + text + "（增速大于0）"}
	a.met = a.meets(v)
	return a
}

// inStepAim is 与…同步 (in_step): met at the reference rate ref less tol
// 个百分点, whatever the polarity; refInd is the indicator ref is the
// rate of. A near miss is 基本同步.
func inStepAim(ref, tol decimal.Decimal, refInd *rules.Indicator, v decimal.Decimal) aim {
	bound := ref.Sub(tol)
	a := aim{bound: bound, reference: ref, near: ref, nearMiss: true, desc: refInd.Name + growthText(ref, refInd.Precision)}
	if tol.IsPositive() {
		a.desc += "（允许低" + tol.String() + "个百分点）"
	}
	a.met = a.meets(v)
	return a
}

// growthText is a growth rate in words: 增长8.6%, 下降1.0%.
func growthText(g decimal.Decimal, places int32) string {
	if g.IsNegative() {
		return "下降" + fmtNum(g.Neg(), places) + "%"
	}
	return "增长" + fmtNum(g, places) + "%"
}

// gapAndCompletion measures v against reference, lower being the aim's
// direction: the completion ratio in percent (2 − ratio for
// lower-is-better), rounded to 2 decimals, where the reference is positive
// and the target is not 稳定增长; and the gap, in 个百分点 for a rate
// (positive is better), else the completion ratio.
func gapAndCompletion(ind *rules.Indicator, lower bool, reference, v decimal.Decimal, rounding rules.Rounding) (gap decimal.NullDecimal, gapUnit string, completion decimal.NullDecimal) {
	if reference.IsPositive() && ind.Target.Kind != rules.Positive {
		ratio := divRound(v.Mul(hundred), reference, divPrecision)
		if lower {
			ratio = two.Mul(hundred).Sub(ratio)
		}
		completion = decimal.NewNullDecimal(rounding.Round(ratio, 2))
	}
	if !ind.IsRate() {
		return completion, "%", completion
	}
	if lower { // favourable: reference − v, as −(v − reference)
		return decimal.NewNullDecimal(reference.Sub(v)), "个百分点", completion
	}
	return decimal.NewNullDecimal(v.Sub(reference)), "个百分点", completion
}

// status is the verdict on v against its aim: 超额完成 beyond the edge,
// 完成 when met, 基本完成 where the aim allows a near miss and v is within
// it (the shortfall from the aim's near number in 个百分点 for a rate,
// the attainment of it otherwise), else 未完成.
func status(ind *rules.Indicator, a aim, v decimal.Decimal, conv rules.Conventions) Status {
	switch {
	case a.hasEdge && favCmp(a.lower, v, a.edge) > 0:
		return Exceeded
	case a.met:
		return Met
	case !a.nearMiss:
		return Missed
	case ind.IsRate() && cmpDec(shortfall(a.lower, v, a.near), conv.NearMissPoints) <= 0:
		return NearlyMet
	case !ind.IsRate() && a.near.IsPositive() && cmpDec(attainment(v, a.near, a.lower), conv.NearMissRatio) >= 0:
		return NearlyMet
	}
	return Missed
}

// shortfall is how far v is from bound, positive when it falls short:
// bound − v, or v − bound for lower-is-better.
func shortfall(lower bool, v, bound decimal.Decimal) decimal.Decimal {
	if lower {
		return v.Sub(bound)
	}
	return bound.Sub(v)
}
