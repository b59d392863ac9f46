package eval

// In-year supervision (督查, DOMAIN 4a). During the year the 政府办公室's
// 督查室 classes each task of the work report as 已完成, 超进度, 达进度 or
// 欠进度, and tells what the rest of the year still needs. A run over part
// of the year (Options.Period) gives every result a Progress:
//
//   - a cumulative target (a level pro-rated by the share of the year):
//     the share of the year's target done, rounded to one decimal, against
//     序时进度 (Period.Share: the ruleset's schedule, else months ÷ 12, in
//     percent at one decimal). The year's target reached is 已完成; more
//     than Conventions.ProgressTolerance 个百分点 above 序时进度 is 超进度,
//     more than it below is 欠进度, anything between (the edges included)
//     达进度. A ceiling (lower is better) is never 已完成 before the year
//     is out: using less of it than 序时进度 is the favourable side.
//   - a rate (growth, shares): compared directly with the year's target,
//     as the judgement does: 超额完成 is 超进度, 完成 is 达进度, 基本完成
//     and 未完成 are 欠进度. A rate is never 已完成 before the year is out.
//   - a milestone: reached by the period's end is 已完成; its deadline
//     passed without it is 欠进度; a deadline after the period is 未到期.
//   - year-end targets (ranks, verdicts handed down) are 未到期 unless
//     reported done; a multi-year goal before its last year is 未到期
//     unless the whole goal is reached.
//
// Remaining is attain's own estimate, labelled EstimateLabel wherever it
// is shown: for a cumulative target the amount still to do (the year's
// target less what was done); for a growth target the growth the rest of
// the year must reach, ((1 + g) × last year's full-year level − this
// year's cumulative level) ÷ (last year's full-year level − last year's
// same-period level) − 1. The cumulative levels are the reported 本年累计
// and 上年同期 (Actual.Level, Actual.PrevLevel); last year's full-year
// level is the ruleset's baseline (the report's own figure for last year).
// Where it cannot be had, RemainingText says why.

import (
	"strconv"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// ProgressStatus is the in-year verdict on one task (督查).
type ProgressStatus string

// The words of a 督查通报.
const (
	ProgressDone    ProgressStatus = "已完成"
	ProgressAhead   ProgressStatus = "超进度"
	ProgressOnTrack ProgressStatus = "达进度"
	ProgressBehind  ProgressStatus = "欠进度"
	ProgressNotDue  ProgressStatus = "未到期"
	ProgressNoData  ProgressStatus = "无数据"
)

// ProgressStatuses lists the progress words in the order a bulletin
// counts them.
var ProgressStatuses = []ProgressStatus{ProgressDone, ProgressAhead, ProgressOnTrack, ProgressBehind,
	ProgressNotDue, ProgressNoData}

// EstimateLabel marks a figure attain worked out itself rather than read.
const EstimateLabel = "（attain 测算）"

// Progress is the in-year supervision verdict on one indicator.
type Progress struct {
	Status ProgressStatus
	// Gap is the distance from schedule in 个百分点, positive when ahead:
	// the share of the year's target done less 序时进度 for a cumulative
	// target (the reverse for a ceiling), the judged rate less the year's
	// target for a rate (Result.Gap). Null for milestones, year-end and
	// multi-year goals, and without data.
	Gap decimal.NullDecimal
	// Share is the share of the year's target done, in percent at one
	// decimal, for a cumulative target; Elapsed is 序时进度 in percent at
	// one decimal.
	Share   decimal.NullDecimal
	Elapsed decimal.Decimal
	// Text is the gap in the words of a bulletin: "完成全年目标的37.6%，
	// 低于序时进度12.4个百分点", "增速低于目标0.9个百分点".
	Text string
	// Remaining is attain's estimate of what the rest of the year needs:
	// an amount in the indicator's unit, or a growth rate in percent
	// (RemainingUnit "%"); null where it cannot be worked out.
	Remaining     decimal.NullDecimal
	RemainingUnit string
	// RemainingText states Remaining, ending with EstimateLabel, or says
	// why there is none.
	RemainingText string
}

// inYear sets r.Progress during the year; nothing for the whole year.
func (j *judge) inYear(ind *rules.Indicator, act *Actual, r *Result) {
	if j.period.IsYear() {
		return
	}
	annual := j.annual.Indicator(ind.ID)
	if annual == nil {
		annual = ind
	}
	p := &Progress{Elapsed: j.round(j.period.Share(j.annual).Mul(hundred), 1)}
	switch {
	case annual.Target.Years > 1 && j.a.Year < j.rs.Year+annual.Target.Years-1:
		j.multiYearProgress(annual, r, p)
	case annual.Measure == rules.Milestone || annual.Target.Kind == rules.ByDate:
		j.milestoneProgress(annual, r, p)
	case annual.PeriodKindOf() == rules.YearEnd:
		j.yearEndProgress(annual, r, p)
	case annual.PeriodKindOf() == rules.Cumulative && j.hasPositiveBound(annual):
		j.cumulativeProgress(annual, r, p)
	case annual.Measure == rules.Level && !annual.IsRate() && annual.Polarity != rules.Lower &&
		j.hasPositiveBound(annual):
		j.stockProgress(annual, r, p)
	default:
		j.rateProgress(annual, act, r, p)
	}
	r.Progress = p
}

// hasPositiveBound tells a target with a number of its own, above zero,
// that a share of it can be taken.
func (j *judge) hasPositiveBound(ind *rules.Indicator) bool {
	switch ind.Target.Kind {
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx, rules.Between:
		return j.annual.Bound(ind).IsPositive()
	}
	return false
}

// reached tells whether v meets the year's (or the whole goal's) target
// of a higher-is-better indicator with a number.
func (j *judge) reached(ind *rules.Indicator, v decimal.Decimal) bool {
	if ind.Polarity == rules.Lower || !j.hasPositiveBound(ind) {
		return false
	}
	c := cmpDec(v, j.annual.Bound(ind))
	if ind.Target.Kind == rules.Above {
		return c > 0
	}
	return c >= 0
}

// cumulativeProgress judges the share of the year's target done against
// 序时进度.
func (j *judge) cumulativeProgress(ind *rules.Indicator, r *Result, p *Progress) {
	if !r.Value.Valid {
		p.Status, p.Text = ProgressNoData, "未填报本期累计值"
		return
	}
	v, bound := r.Value.Decimal, j.annual.Bound(ind)
	lower := ind.Polarity == rules.Lower
	share := j.round(divRound(v.Mul(hundred), bound, divPrecision), 1)
	gap := share.Sub(p.Elapsed)
	if lower {
		gap = gap.Neg()
	}
	p.Share, p.Gap = decimal.NewNullDecimal(share), decimal.NewNullDecimal(gap)
	tol := j.annual.Conventions.ProgressTolerance
	switch {
	case j.reached(ind, v):
		p.Status = ProgressDone
	case cmpDec(gap, tol) > 0:
		p.Status = ProgressAhead
	case cmpDec(gap, tol.Neg()) < 0:
		p.Status = ProgressBehind
	default:
		p.Status = ProgressOnTrack
	}
	u := unitText(ind)
	left := bound.Sub(v)
	p.RemainingUnit = u
	switch {
	case lower:
		p.Text = "使用全年控制目标的" + share.StringFixed(1) + "%，" + scheduleWords(gap.Neg())
		p.Remaining = decimal.NewNullDecimal(left)
		if left.IsNegative() {
			p.RemainingText = "已超出全年控制目标" + left.Neg().String() + u + EstimateLabel
		} else {
			p.RemainingText = "全年控制目标尚余" + left.String() + u + EstimateLabel
		}
	case p.Status == ProgressDone:
		p.Text = "完成全年目标的" + share.StringFixed(1) + "%，已完成全年目标"
		p.Remaining = decimal.NewNullDecimal(decimal.Zero)
		p.RemainingText = "全年目标已完成" + EstimateLabel
	default:
		p.Text = "完成全年目标的" + share.StringFixed(1) + "%，" + scheduleWords(gap)
		p.Remaining = decimal.NewNullDecimal(left)
		p.RemainingText = "全年尚需完成" + left.String() + u + EstimateLabel
	}
}

// stockProgress judges a level compared directly with the year's target
// (a stock such as 在园企业总数, period: rate): reached is 已完成, else by
// the judgement's own status, with what is left to reach.
func (j *judge) stockProgress(ind *rules.Indicator, r *Result, p *Progress) {
	if !r.Value.Valid {
		p.Status, p.Text = ProgressNoData, "未填报本期数据"
		return
	}
	v, bound := r.Value.Decimal, j.annual.Bound(ind)
	share := j.round(divRound(v.Mul(hundred), bound, divPrecision), 1)
	u := unitText(ind)
	p.Share, p.RemainingUnit = decimal.NewNullDecimal(share), u
	p.Text = "达到全年目标的" + share.StringFixed(1) + "%（与全年目标直接比较）"
	switch {
	case j.reached(ind, v):
		p.Status = ProgressDone
		p.Remaining = decimal.NewNullDecimal(decimal.Zero)
		p.RemainingText = "全年目标已完成" + EstimateLabel
		return
	case r.Status == Exceeded:
		p.Status = ProgressAhead
	case r.Status == Met:
		p.Status = ProgressOnTrack
	default:
		p.Status = ProgressBehind
	}
	left := bound.Sub(v)
	p.Remaining = decimal.NewNullDecimal(left)
	p.RemainingText = "距全年目标尚差" + left.String() + u + EstimateLabel
}

// scheduleWords places a share against 序时进度 by gap 个百分点 (positive:
// above it).
func scheduleWords(gap decimal.Decimal) string {
	switch gap.Sign() {
	case 1:
		return "高于序时进度" + gap.StringFixed(1) + "个百分点"
	case -1:
		return "低于序时进度" + gap.Neg().StringFixed(1) + "个百分点"
	}
	return "与序时进度持平"
}

// rateProgress judges a rate against the year's target, by the
// judgement's own status.
func (j *judge) rateProgress(ind *rules.Indicator, act *Actual, r *Result, p *Progress) {
	switch r.Status {
	case Exceeded:
		p.Status = ProgressAhead
	case Met:
		p.Status = ProgressOnTrack
	case NearlyMet, Missed:
		p.Status = ProgressBehind
	default:
		p.Status, p.Text = ProgressNoData, "未填报本期数据"
		return
	}
	if r.Gap.Valid && r.GapUnit == "个百分点" {
		p.Gap = r.Gap
	}
	p.Text = j.rateWords(ind, r)
	j.remainingGrowth(ind, act, p)
}

// rateWords is a rate's gap from the year's target in words:
// "增速低于目标0.9个百分点", "低于控制目标0.4个百分点".
func (j *judge) rateWords(ind *rules.Indicator, r *Result) string {
	prefix := ""
	if ind.Measure == rules.Growth {
		prefix = "增速"
	}
	if ind.Target.Kind == rules.Positive {
		if r.Value.Valid && r.Value.Decimal.IsPositive() {
			return "保持增长"
		}
		return "未实现增长"
	}
	if !r.Gap.Valid || r.GapUnit != "个百分点" {
		return ""
	}
	ref := "目标"
	switch {
	case ind.Target.Kind == rules.InStep:
		ref = "同步目标"
		if w := j.annual.Indicator(ind.Target.With); w != nil {
			ref = w.Name + "增速"
		}
	case ind.Polarity == rules.Lower:
		ref = "控制目标"
	}
	g := r.Gap.Decimal
	if ind.Polarity == rules.Lower && ind.Target.Kind != rules.InStep {
		g = g.Neg() // the figure against the ceiling, not the favourable gap
	}
	d := g.Abs().StringFixed(ind.Precision)
	switch g.Sign() {
	case 1:
		return prefix + "高于" + ref + d + "个百分点"
	case -1:
		return prefix + "低于" + ref + d + "个百分点"
	}
	return prefix + "与" + ref + "持平"
}

// remainingGrowth works out the growth the rest of the year must reach
// for the year's growth target, or says why it cannot.
func (j *judge) remainingGrowth(ind *rules.Indicator, act *Actual, p *Progress) {
	if ind.Measure != rules.Growth {
		p.RemainingText = "比率类目标与全年目标直接比较，不测算剩余量"
		return
	}
	var g decimal.Decimal
	switch ind.Target.Kind {
	case rules.InStep:
		p.RemainingText = "同步目标的全年参照增速尚不知道，不测算其余月份所需增速"
		return
	case rules.Positive:
	default:
		g = targetReference(ind)
	}
	switch {
	case !ind.DeriveGrowth:
		p.RemainingText = "该增速按可比价（可比口径）计算，不能由现价总量测算其余月份所需增速"
		return
	case !act.Level.Valid || !act.PrevLevel.Valid:
		p.RemainingText = "测算其余月份所需增速须填报本年累计值和上年同期值"
		return
	case !ind.Baseline.Level.Valid:
		p.RemainingText = "测算其余月份所需增速须有上年全年值（规则集 baseline.level 未给出）"
		return
	}
	full, same, cum := ind.Baseline.Level.Decimal, act.PrevLevel.Decimal, act.Level.Decimal
	rest := full.Sub(same)
	if same.Equal(full) {
		// A template pre-fills 上年实际值 with the report's full-year figure.
		p.RemainingText = "填报的上年实际值（" + same.String() + ind.LevelUnit + "）即上年全年值，不是上年同期值：" +
			"测算其余月份所需增速须填报上年同期值"
		return
	}
	if !rest.IsPositive() {
		p.RemainingText = "上年全年值（" + full.String() + ind.LevelUnit + "）不大于上年同期值（" + same.String() +
			ind.LevelUnit + "），不能测算其余月份所需增速"
		return
	}
	// ((1 + g/100) × full − cum) ÷ rest − 1, in percent: the division last,
	// once, so that the one rounding decides.
	goal := full.Mul(hundred.Add(g))
	need := j.round(divRound(goal.Sub(cum.Mul(hundred)), rest, divPrecision).Sub(hundred), ind.Precision)
	p.Remaining, p.RemainingUnit = decimal.NewNullDecimal(need), "%"
	aim, bound := "全年增长"+g.String()+"%", "不低于"
	switch {
	case ind.Target.Kind == rules.Positive:
		aim, bound = "全年保持增长", "高于"
	case ind.Polarity == rules.Lower:
		bound = "不高于"
	}
	p.RemainingText = "实现" + aim + "，其余月份（" + j.restOfYear() + "）增速须" + bound +
		need.StringFixed(ind.Precision) + "%" + EstimateLabel
}

// restOfYear names the months after the period: 7-12月, 12月.
func (j *judge) restOfYear() string {
	m := j.period.Months + 1
	if m >= 12 {
		return "12月"
	}
	return strconv.Itoa(m) + "-12月"
}

// milestoneProgress judges a dated step at the period's end.
func (j *judge) milestoneProgress(ind *rules.Indicator, r *Result, p *Progress) {
	end := j.periodEnd()
	due := ind.Target.Due
	req := "要求" + j.dueWords(due) + "完成"
	if due == "" {
		req = "未定完成时限"
	}
	switch {
	case r.Date != "" && dateKey(r.Date) <= end:
		p.Status = ProgressDone
		p.Text = req + "，已于" + j.dateWords(r.Date) + "完成"
		if due != "" && dateKey(r.Date) > dateKey(due) {
			p.Text += "，晚于要求"
		}
	case r.Date == "" && r.Done != nil && *r.Done:
		p.Status, p.Text = ProgressDone, req+"，填报为已完成"
	case due != "" && dateKey(due) <= end && r.Date == "" && r.Done == nil:
		p.Status, p.Text = ProgressNoData, req+"，未填报完成情况"
	case due != "" && dateKey(due) <= end:
		p.Status = ProgressBehind
		p.Text = req + "，截至" + strconv.Itoa(j.period.Months) + "月底未完成"
		if r.Date != "" {
			p.Text += "（填报的完成日期" + j.dateWords(r.Date) + "在本期之后）"
		}
	default:
		p.Status, p.Text = ProgressNotDue, req+"，尚未到期"
	}
}

// yearEndProgress is a target judged at the year's end: done if reported
// so, else not yet due.
func (j *judge) yearEndProgress(ind *rules.Indicator, r *Result, p *Progress) {
	switch {
	case ind.Measure == rules.YesNo && r.Done != nil && *r.Done:
		p.Status, p.Text = ProgressDone, "填报为已完成"
	case r.Value.Valid && ind.Measure == rules.Level && j.reached(ind, r.Value.Decimal):
		p.Status, p.Text = ProgressDone, "已达到全年目标"
	default:
		p.Status, p.Text = ProgressNotDue, "年终考核，年底评价"
	}
}

// multiYearProgress is a multi-year goal before its last year: done when
// the whole goal is reached, else not yet due, with what is left of it.
func (j *judge) multiYearProgress(ind *rules.Indicator, r *Result, p *Progress) {
	years := strconv.Itoa(ind.Target.Years) + "年内目标（至" + strconv.Itoa(j.rs.Year+ind.Target.Years-1) + "年）"
	if r.Value.Valid && j.reached(ind, r.Value.Decimal) {
		p.Status, p.Text = ProgressDone, "已完成"+years
		return
	}
	p.Status, p.Text = ProgressNotDue, years+"，尚未到期"
	if r.Value.Valid && j.hasPositiveBound(ind) && ind.Polarity != rules.Lower && !ind.IsRate() {
		left := j.annual.Bound(ind).Sub(r.Value.Decimal)
		p.Remaining, p.RemainingUnit = decimal.NewNullDecimal(left), unitText(ind)
		p.RemainingText = "距" + years + "尚差" + left.String() + unitText(ind) + EstimateLabel
	}
}

// periodEnd is the last day of the period as a date key (2019-06-99).
func (j *judge) periodEnd() string {
	m := strconv.Itoa(j.period.Months)
	if len(m) == 1 {
		m = "0" + m
	}
	return strconv.Itoa(j.a.Year) + "-" + m + "-99"
}

// dateWords writes YYYY-MM-DD or YYYY-MM as a document does: 4月18日 or
// 4月 within the assessed year, with the year outside it.
func (j *judge) dateWords(s string) string {
	y, m, d, ok := dateFields(s)
	if !ok {
		return s
	}
	out := ""
	if y != j.a.Year {
		out = strconv.Itoa(y) + "年"
	}
	out += strconv.Itoa(m) + "月"
	if d > 0 {
		out += strconv.Itoa(d) + "日"
	}
	return out
}

// dueWords writes a deadline: 4月底前 for a month, 6月30日前 for a day.
func (j *judge) dueWords(due string) string {
	if _, _, d, ok := dateFields(due); ok && d == 0 {
		return j.dateWords(due) + "底前"
	}
	return j.dateWords(due) + "前"
}

// dateFields splits YYYY-MM-DD or YYYY-MM; day is 0 for a month.
func dateFields(s string) (year, month, day int, ok bool) {
	if len(s) != len("2019-04") && len(s) != len("2019-04-18") || s[4] != '-' {
		return 0, 0, 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	if err1 != nil || err2 != nil {
		return 0, 0, 0, false
	}
	if len(s) == len("2019-04") {
		return y, m, 0, true
	}
	d, err := strconv.Atoi(s[8:])
	if err != nil || s[7] != '-' {
		return 0, 0, 0, false
	}
	return y, m, d, true
}
