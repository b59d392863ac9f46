package eval

// The sentence that explains a judged figure, and the problem raised where
// rounding at the published precision changed the verdict. Every number a
// sentence quotes is the one the verdict rests on, at the indicator's
// published decimals.

import (
	"strconv"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// explanation is the sentence for a judged figure: the figure, the target
// in words, and why r.Status was given. Each sentence is joined in one
// concatenation, and a shortfall worked out only where it is quoted, as
// judging a city makes a great many of them.
func explanation(ind *rules.Indicator, r *Result, a aim, conv rules.Conventions) string {
	head := figureText(ind, r) + "，" + a.desc
	switch r.Status {
	case Exceeded:
		word := "，超过"
		if a.lower {
			word = "，低于"
		}
		return head + word + fmtNum(a.edge, ind.Precision) + unitText(ind) + "，超额完成"
	case Met:
		if ind.Target.Kind == rules.InStep {
			return head + "，实现同步，完成"
		}
		return head + "，完成"
	}
	head += "，" + shortText(ind, r, a)
	switch {
	case r.Status != NearlyMet:
		return head + "，未完成"
	case ind.IsRate() && a.band && a.near.Equal(a.reference):
		return head + "；距预期目标不超过" + conv.NearMissPoints.String() + "个百分点，基本完成"
	case ind.IsRate() && a.band:
		return head + "；距区间边缘不超过" + conv.NearMissPoints.String() + "个百分点，基本完成"
	case ind.IsRate():
		return head + "，在" + conv.NearMissPoints.String() + "个百分点以内，基本完成"
	case !a.near.Equal(a.reference):
		att := conv.Rounding.Round(attainment(r.Value.Decimal, a.near, a.lower).Mul(hundred), 2)
		return head + "，为区间边缘的" + att.StringFixed(2) + "%，达到" + conv.NearMissRatio.Mul(hundred).String() + "%，基本完成"
	}
	return head + "，达到" + conv.NearMissRatio.Mul(hundred).String() + "%，基本完成"
}

// shortText says how a figure that does not meet its aim falls short: at
// the number of a strict target, 未超过 it; for 稳定增长, no growth; for a
// 左右 band, how far from the stated number and from the band's edge; for
// another rate, the shortfall in 个百分点; for a level, the completion
// ratio, or the shortfall in its unit when the target is not positive.
func shortText(ind *rules.Indicator, r *Result, a aim) string {
	v := r.Value.Decimal
	p := ind.Precision
	u := unitText(ind)
	short := func(from decimal.Decimal) string { return fmtNum(shortfall(a.lower, v, from), p) }
	switch {
	case ind.Target.Kind == rules.Positive && r.Status != NearlyMet:
		return "未实现增长"
	case a.strict && v.Equal(a.bound):
		if a.lower {
			return "与目标数持平，未低于" + fmtNum(a.bound, p) + u
		}
		return "与目标数持平，未超过" + fmtNum(a.bound, p) + u
	case ind.IsRate() && a.band && a.lower:
		return "高于预期目标" + short(a.reference) + "个百分点，高于区间上限" + short(a.bound) + "个百分点"
	case ind.IsRate() && a.band:
		return "低于预期目标" + short(a.reference) + "个百分点，低于区间下限" + short(a.bound) + "个百分点"
	case ind.IsRate():
		return "差" + short(a.near) + "个百分点"
	case r.Completion.Valid:
		return "完成率" + r.Completion.Decimal.StringFixed(2) + "%"
	}
	return "差" + short(a.bound) + u
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
		from := "由本年" + r.Level.Decimal.String() + ind.LevelUnit + "与上年" +
			r.PrevLevel.Decimal.String() + ind.LevelUnit + "推算"
		if ind.Deflator.Valid {
			from += "（扣除价格因素" + ind.Deflator.Decimal.String() + "%）"
		}
		s = from + "，" + s
	}
	return s
}

// roundingChanged raises a problem where rounding the figure once at its
// published precision put it on the other side of the target's bound than
// the figure as reported (GB/T 8170 修约值比较法 against 全数值比较法): the
// verdict stands on the rounded figure, and the problem gives both.
func (j *judge) roundingChanged(ind *rules.Indicator, r *Result, a aim) {
	if !r.Raw.Valid || r.Raw.Decimal.Equal(r.Value.Decimal) || a.meets(r.Raw.Decimal) == a.met {
		return
	}
	u := unitText(ind)
	p := ind.Precision
	raw := r.Raw.Decimal.String()
	what := "填报为"
	if r.Derived {
		raw = r.Raw.Decimal.Round(p + 4).String()
		what = "由总量推算为约"
	}
	before := "未达到目标"
	if a.meets(r.Raw.Decimal) {
		before = "已达到目标"
	}
	j.problem(r.Source, ind.ID, "评估按修约后的数值判定（GB/T 8170 修约值比较法）；如考核要求按全数值比较，请核对后说明",
		"%s%s%s%s，按发布精度（%s位小数）修约为%s%s后判定为%s；按修约前的数值则%s",
		ind.Name, what, raw, u, strconv.Itoa(int(p)), fmtNum(r.Value.Decimal, p), u, r.Status, before)
}
