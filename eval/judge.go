package eval

// The judgement of one figure against its target, in four steps: the aim
// a target sets (one function per kind of target), the gap and the
// completion ratio, the status, and the sentence that explains it.
// Verdicts, ranks and milestones have no number to aim at and are judged
// on their own.

import (
	"strconv"

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
	r.Gap, r.GapUnit, r.Completion = gapAndCompletion(ind, a.reference, v, conv.Rounding)
	r.Status = status(ind, a, v, conv)
	r.Explanation = explanation(ind, r, a, conv)
}

// verdict judges a yes/no target (是/否) on what was reported.
func verdict(done *bool, text string) (Status, string) {
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
	if r.Rank == 0 && ind.Measure != rules.Rank {
		r.Rank = r.PeerRank
	}
	r.Status, r.Explanation = rankVerdict(r.Rank, n, ind.Measure == rules.Rank)
}

// rankVerdict judges rank (0: none) against 前n名; reported says the rank
// is the indicator's own figure rather than a peer rank.
func rankVerdict(rank, n int, reported bool) (Status, string) {
	ns := strconv.Itoa(n)
	switch {
	case rank == 0 && !reported:
		return NoData, "没有同组单位的排名（须多单位评估）或填报的名次"
	case rank == 0:
		return NoData, "未填报名次"
	case rank <= n:
		return Met, "全市第" + strconv.Itoa(rank) + "名，在前" + ns + "名之内（前列按前" + ns + "名计）"
	}
	return Missed, "全市第" + strconv.Itoa(rank) + "名，未进入前" + ns + "名（前列按前" + ns + "名计）"
}

// noFigure judges a target with a number when no figure could be used:
// the bound is still shown, the status is 无数据.
func (j *judge) noFigure(ind *rules.Indicator, r *Result) {
	if t := ind.Target.Kind; t != rules.Positive && t != rules.InStep {
		r.Bound = decimal.NewNullDecimal(j.rs.Bound(ind))
		r.Reference = decimal.NewNullDecimal(targetReference(ind))
	}
	r.Status = NoData
	r.Explanation = noFigureText(ind, r.Level.Valid, j.suspect[ind.ID])
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
	}
	return "未填报本年增速"
}

// aim is what a target with a number asks of the judged figure v.
type aim struct {
	bound     decimal.Decimal // the number to reach for 完成
	reference decimal.Decimal // the number the gap is measured from
	edge      decimal.Decimal // beyond this: 超额完成, when hasEdge
	hasEdge   bool
	met       bool   // v reaches the bound
	desc      string // the target in words
}

// aim finds the aim of ind's target for the figure v. It is false for an
// in_step target whose reference cannot be had; r then holds the status
// and the reason. A kind without a number of its own aims at nothing and
// is never met.
func (j *judge) aim(ind *rules.Indicator, r *Result, v decimal.Decimal) (aim, bool) {
	t := ind.Target
	lower := ind.Polarity == rules.Lower
	u := unitText(ind)
	switch t.Kind {
	case rules.AtLeast:
		return floorAim(t.Value, lower, v, u), true
	case rules.AtMost:
		return ceilingAim(t.Value, lower, v, u), true
	case rules.Above, rules.Below:
		return strictAim(t.Value, lower, v, u), true
	case rules.Approx:
		return approxAim(t.Value, j.rs.Tolerance(ind), lower, v, u, ind.Precision), true
	case rules.Between:
		return rangeAim(t.Low, t.High, lower, v, u), true
	case rules.Positive:
		return positiveAim(t.Text, v), true
	case rules.InStep:
		ref := j.reference(ind, r)
		if !ref.Valid {
			return aim{}, false
		}
		return inStepAim(ref.Decimal, j.rs.Conventions.InStepTolerance, j.rs.Indicator(t.With), v), true
	}
	return aim{}, true
}

// floorAim is X（含）以上 (at_least): met at x, exceeded beyond it.
func floorAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	return aim{bound: x, reference: x, edge: x, hasEdge: true, met: favCmp(lower, v, x) >= 0,
		desc: "目标" + x.String() + u + "（含）以上"}
}

// ceilingAim is X（含）以内 (at_most): met at x, never exceeded.
func ceilingAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	return aim{bound: x, reference: x, met: favCmp(lower, v, x) >= 0,
		desc: "目标" + x.String() + u + "（含）以内"}
}

// strictAim is 超过X or 低于X (above, below): met only beyond x, in the
// favourable direction; the words follow the polarity.
func strictAim(x decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	a := aim{bound: x, reference: x, met: favCmp(lower, v, x) > 0, desc: "目标超过" + x.String() + u}
	if lower {
		a.desc = "目标低于" + x.String() + u
	}
	return a
}

// approxAim is X左右 (approx): met within tol of x on the unfavourable
// side, exceeded beyond tol on the favourable side.
func approxAim(x, tol decimal.Decimal, lower bool, v decimal.Decimal, u string, places int32) aim {
	fav := tol // tol in the favourable direction
	if lower {
		fav = tol.Neg()
	}
	bound, edge := x.Sub(fav), x.Add(fav)
	return aim{bound: bound, reference: x, edge: edge, hasEdge: true, met: favCmp(lower, v, bound) >= 0,
		desc: "目标" + x.String() + u + "左右（±" + tol.String() + "，即" +
			fmtNum(decimal.Min(bound, edge), places) + u + "至" + fmtNum(decimal.Max(bound, edge), places) + u + "）"}
}

// rangeAim is X至Y (range): met at the near end, exceeded beyond the far
// end.
func rangeAim(low, high decimal.Decimal, lower bool, v decimal.Decimal, u string) aim {
	near, far := low, high
	if lower {
		near, far = high, low
	}
	return aim{bound: near, reference: near, edge: far, hasEdge: true, met: favCmp(lower, v, near) >= 0,
		desc: "目标" + low.String() + u + "至" + high.String() + u}
}

// positiveAim is 保持稳定增长 (positive): met by any growth above 0,
// whatever the polarity.
func positiveAim(text string, v decimal.Decimal) aim {
	return aim{bound: decimal.Zero, reference: decimal.Zero, met: v.IsPositive(),
		desc: "目标" + text + "（增速大于0）"}
}

// inStepAim is 与…同步 (in_step): met at the reference rate ref less tol
// 个百分点, whatever the polarity; refInd is the indicator ref is the
// rate of.
func inStepAim(ref, tol decimal.Decimal, refInd *rules.Indicator, v decimal.Decimal) aim {
	bound := ref.Sub(tol)
	a := aim{bound: bound, reference: ref, met: cmpDec(v, bound) >= 0,
		desc: refInd.Name + "增长" + fmtNum(ref, refInd.Precision) + "%"}
	if tol.IsPositive() {
		a.desc += "（允许低" + tol.String() + "个百分点）"
	}
	return a
}

// gapAndCompletion measures v against reference: the completion ratio in
// percent (2 − ratio for lower-is-better), rounded to 2 decimals, where
// the reference is positive and the target is not 稳定增长; and the gap,
// in 个百分点 for a rate (positive is better), else the completion ratio.
func gapAndCompletion(ind *rules.Indicator, reference, v decimal.Decimal, rounding rules.Rounding) (gap decimal.NullDecimal, gapUnit string, completion decimal.NullDecimal) {
	lower := ind.Polarity == rules.Lower
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
// 完成 when met, 基本完成 within the near-miss allowance (the shortfall in
// 个百分点 for a rate, attainment of a positive bound otherwise), else
// 未完成.
func status(ind *rules.Indicator, a aim, v decimal.Decimal, conv rules.Conventions) Status {
	lower := ind.Polarity == rules.Lower
	switch {
	case a.hasEdge && favCmp(lower, v, a.edge) > 0:
		return Exceeded
	case a.met:
		return Met
	case ind.IsRate() && cmpDec(shortfall(lower, v, a.bound), conv.NearMissPoints) <= 0:
		return NearlyMet
	case !ind.IsRate() && a.bound.IsPositive() && cmpDec(attainment(v, a.bound, lower), conv.NearMissRatio) >= 0:
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

// explanation is the sentence for a judged figure: the figure, the target
// in words, and why r.Status was given. Each sentence is joined in one
// concatenation, and a rate's shortfall worked out only where it is
// quoted, as judging a city makes a great many of them.
func explanation(ind *rules.Indicator, r *Result, a aim, conv rules.Conventions) string {
	fig := figureText(ind, r)
	short := func() string { return shortfall(ind.Polarity == rules.Lower, r.Value.Decimal, a.bound).String() }
	switch {
	case r.Status == Exceeded:
		return fig + "，" + a.desc + "，超过" + fmtNum(a.edge, ind.Precision) + unitText(ind) + "，超额完成"
	case r.Status == Met && ind.Target.Kind == rules.InStep:
		return fig + "，" + a.desc + "，实现同步，完成"
	case r.Status == Met:
		return fig + "，" + a.desc + "，完成"
	case r.Status == NearlyMet && ind.IsRate():
		return fig + "，" + a.desc + "，差" + short() + "个百分点，在" + conv.NearMissPoints.String() +
			"个百分点以内，基本完成"
	case r.Status == NearlyMet:
		return fig + "，" + a.desc + "，完成率" + r.Completion.Decimal.StringFixed(2) + "%，达到" +
			conv.NearMissRatio.Mul(hundred).String() + "%，基本完成"
	case ind.IsRate():
		return fig + "，" + a.desc + "，差" + short() + "个百分点，未完成"
	}
	return fig + "，" + a.desc + "，完成率" + r.Completion.Decimal.StringFixed(2) + "%，未完成"
}

// figureText is the judged figure in words: 实际X, 增长X% or 下降X%, with
// the levels a derived growth was worked out from.
func figureText(ind *rules.Indicator, r *Result) string {
	v := r.Value.Decimal
	u := unitText(ind)
	if ind.Measure != rules.Growth {
		return "实际" + fmtNum(v, ind.Precision) + u
	}
	s := "增长" + fmtNum(v, ind.Precision) + u
	if v.IsNegative() {
		s = "下降" + fmtNum(v.Neg(), ind.Precision) + u
	}
	if r.Derived {
		s = "由本年" + r.Level.Decimal.String() + ind.LevelUnit + "与上年" +
			r.PrevLevel.Decimal.String() + ind.LevelUnit + "推算，" + s
	}
	return s
}
