package view

import (
	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// The in-year supervision verdicts (eval.Progress) as the renderings show
// them: the JSON fields of a run over part of the year, and the sentence
// that states the convention behind them (口径说明, the bulletin's 附注).

// jsonProgress is the in-year part of one indicator of the JSON output,
// present for runs over part of the year only: a whole year's JSON is as
// it was. Numbers are decimal strings, or null.
type jsonProgress struct {
	Progress      string  `json:"progress"`
	ProgressGap   *string `json:"progress_gap"`
	ProgressText  string  `json:"progress_text"`
	Remaining     *string `json:"remaining"`
	RemainingUnit string  `json:"remaining_unit"`
	RemainingText string  `json:"remaining_text"`
}

// progressJSON is the in-year part of a row, or nil for a whole year.
func progressJSON(row Row) *jsonProgress {
	p := row.R.Progress
	if p == nil {
		return nil
	}
	out := &jsonProgress{Progress: string(p.Status), ProgressText: p.Text, RemainingText: p.RemainingText}
	if g := ProgressGap(row); g.Num {
		s := g.plain()
		out.ProgressGap = &s
	}
	if r := Remaining(row); r.Num {
		s := r.plain()
		out.Remaining = &s
		out.RemainingUnit = p.RemainingUnit
	}
	return out
}

// ProgressGap is the distance from schedule in 个百分点 (positive: ahead),
// one decimal for a share of the year's target against 序时进度, the
// indicator's decimals for a rate; "-" where there is none.
func ProgressGap(row Row) Cell {
	p := row.R.Progress
	if p == nil || !p.Gap.Valid {
		return Text(NoValue)
	}
	places := row.Ind.Precision
	if p.Share.Valid {
		places = 1
	}
	return Num(p.Gap.Decimal, places).WithSuffix("个百分点").withSign()
}

// Remaining is attain's estimate of what the rest of the year needs, with
// its unit; "-" where there is none.
func Remaining(row Row) Cell {
	p := row.R.Progress
	if p == nil || !p.Remaining.Valid {
		return Text(NoValue)
	}
	return Num(p.Remaining.Decimal, row.Ind.Precision).WithSuffix(p.RemainingUnit)
}

// ElapsedText is 序时进度 in percent as the documents write it: 50, 45.5.
func ElapsedText(a *eval.Assessment) string {
	if a.Ruleset == nil || a.Period.IsYear() {
		return "100"
	}
	return Fixed(newReviewer(a).elapsed, 0)
}

// ProgressConvention states how the in-year verdicts are reached, with
// the ruleset's tolerance: for 口径说明 and the bulletin's 附注.
func ProgressConvention(a *eval.Assessment) string {
	tol := Fixed(rules.DefaultConventions().ProgressTolerance, 0)
	if a.Ruleset != nil {
		tol = Fixed(a.Ruleset.Conventions.ProgressTolerance, 0)
	}
	return "累计性目标以完成全年目标的比例与序时进度（" + a.Period.Label() + "为" + ElapsedText(a) + "%）比较：" +
		"达到全年目标为已完成，高于序时进度超过" + tol + "个百分点为超进度，低于序时进度超过" + tol + "个百分点为欠进度，" +
		"相差在" + tol + "个百分点以内（含）为达进度；增速、比重等比率类目标与全年目标直接比较，超额完成为超进度，" +
		"完成为达进度，基本完成和未完成为欠进度；时间节点在本期之后的为未到期，到期未完成的为欠进度；年终考核目标、" +
		"多年目标为未到期。相差" + tol + "个百分点的界限是 attain 的约定，没有成文规定，可在规则集 " +
		"conventions.progress_tolerance 中设置。“尚需完成”和其余月份所需增速为 attain 依据填报数据测算，" +
		"增速按（1＋全年目标增速）×上年全年值－本年累计值，除以上年全年值与上年同期值之差，再减1计算。"
}
