package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// reviewer writes the review of one assessment: the whole year, or a part
// of it (时序进度).
type reviewer struct {
	a    *eval.Assessment
	year bool // the whole year is reviewed
	// elapsed is the share of the year the period covers, in percent at
	// one decimal (50.0 for H1), as eval states it.
	elapsed decimal.Decimal
	// end is the period's last month as a date key (2019-06-99).
	end string
}

var (
	scHundred    = decimal.NewFromInt(100)
	scTwoHundred = decimal.NewFromInt(200)
)

// scReviewDivPlaces is the decimals kept by the divisions of the review's
// shares before their one rounding; eval keeps as many.
const scReviewDivPlaces = 20

func newReviewer(a *eval.Assessment) *reviewer {
	rv := &reviewer{a: a, year: a.Period.IsYear()}
	if !rv.year && a.Ruleset != nil {
		rv.elapsed = rv.round(a.Period.Share(a.Ruleset).Mul(scHundred), 1)
		rv.end = fmt.Sprintf("%04d-%02d-99", a.Year, a.Period.Months)
	}
	return rv
}

// round rounds by the ruleset's convention, as every figure attain shows.
func (rv *reviewer) round(d decimal.Decimal, places int32) decimal.Decimal {
	if rv.a.Ruleset == nil {
		return rules.HalfEven.Round(d, places)
	}
	return rv.a.Ruleset.Conventions.Rounding.Round(d, places)
}

// percentOf is part / whole in percent, rounded once to one decimal.
func (rv *reviewer) percentOf(part, whole decimal.Decimal) decimal.Decimal {
	return rv.round(part.Mul(scHundred).DivRound(whole, scReviewDivPlaces), 1)
}

// completion is the 完成率 of a row to one decimal, as a document states it
// (DOMAIN 4b): the figure against the target the scorecard measures it
// from, 2 − ratio for lower-is-better. It is worked out from the judged
// figure and the target rather than from the scorecard's two decimals,
// so that it is rounded once.
func (rv *reviewer) completion(row Row) string {
	r := row.R
	if !r.Value.Valid || !r.Reference.Valid || !r.Reference.Decimal.IsPositive() {
		return row.Completion.String()
	}
	ratio := r.Value.Decimal.Mul(scHundred).DivRound(r.Reference.Decimal, scReviewDivPlaces)
	if row.Ind.Polarity == rules.Lower {
		ratio = scTwoHundred.Sub(ratio)
	}
	return rv.round(ratio, 1).StringFixed(1)
}

// annual is the indicator as the ruleset states it for the whole year (or
// the whole of a multi-year goal): during the year the results carry
// pro-rated copies.
func (rv *reviewer) annual(ind *rules.Indicator) *rules.Indicator {
	if rv.a.Ruleset != nil {
		if a := rv.a.Ruleset.Indicator(ind.ID); a != nil {
			return a
		}
	}
	return ind
}

// wholeBound is the number the whole target asks for: the year's (not
// pro-rated), or the whole of a multi-year goal.
func (rv *reviewer) wholeBound(ind *rules.Indicator) decimal.Decimal {
	annual := rv.annual(ind)
	if rv.a.Ruleset == nil {
		return annual.Target.Value
	}
	return rv.a.Ruleset.Bound(annual)
}

// yearEndOnly tells a target judged only at the year's end, shown but not
// judged during it.
func (rv *reviewer) yearEndOnly(row Row) bool {
	return !rv.year && row.R.Status == eval.InProgress && row.Ind.PeriodKindOf() == rules.YearEnd
}

// paced tells a cumulative target judged during the year against the
// share of the year elapsed: its text compares the share of the year's
// target done with 序时进度.
func (rv *reviewer) paced(row Row) bool {
	r, ind := row.R, row.Ind
	switch r.Status {
	case eval.Exceeded, eval.Met, eval.NearlyMet, eval.Missed:
	default:
		return false
	}
	return !rv.year && ind.PeriodKindOf() == rules.Cumulative && ind.Polarity != rules.Lower &&
		ind.Target.Years <= 1 && r.Value.Valid && rv.wholeBound(ind).IsPositive() && scHasNumber(ind)
}

// yearShare is the share of the year's target done, in percent at one
// decimal, as eval's explanation states it.
func (rv *reviewer) yearShare(row Row) decimal.Decimal {
	return rv.percentOf(row.R.Value.Decimal, rv.wholeBound(row.Ind))
}

// paceWord is what reaching 序时进度 is called: 时间过半、任务过半 at the
// half-year.
func (rv *reviewer) paceWord() string {
	if rv.a.Period.Months == 6 {
		return "实现时间过半、任务过半"
	}
	return "达到序时进度"
}

// paceParts are the share of the year's target done ("完成全年目标的
// 60.0%") and what it shows against 序时进度; done says the year's target
// is already reached.
func (rv *reviewer) paceParts(row Row) (share, pace string, done, behind bool) {
	s := rv.yearShare(row)
	share = "完成全年目标的" + s.StringFixed(1) + "%"
	switch row.R.Status {
	case eval.Exceeded, eval.Met:
		if s.GreaterThanOrEqual(scHundred) {
			return share, "提前完成全年目标", true, false
		}
		return share, rv.paceWord(), false, false
	}
	if gap := rv.elapsed.Sub(s); gap.IsPositive() {
		return share, "低于序时进度" + gap.StringFixed(1) + "个百分点", false, true
	}
	return share, "略低于序时进度", false, true
}

// scDateKey makes YYYY-MM and YYYY-MM-DD comparable: a month means its end.
func scDateKey(s string) string {
	if len(s) == len("2019-04") {
		return s + "-99"
	}
	return s
}

// scDateParts splits YYYY-MM-DD or YYYY-MM; day is 0 for a month.
func scDateParts(s string) (year, month, day int, ok bool) {
	f := strings.Split(s, "-")
	if len(f) < 2 || len(f) > 3 {
		return 0, 0, 0, false
	}
	n := make([]int, len(f))
	for i, x := range f {
		v, err := strconv.Atoi(x)
		if err != nil {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	if len(n) == 3 {
		day = n[2]
	}
	return n[0], n[1], day, true
}

// dateText writes a date as a document does: 4月18日 within the reviewed
// year, 2020年3月5日 outside it, 4月 for a month; never 2019-04-18.
func (rv *reviewer) dateText(s string) string {
	y, m, d, ok := scDateParts(s)
	if !ok {
		return s
	}
	out := ""
	if y != rv.a.Year {
		out = strconv.Itoa(y) + "年"
	}
	out += strconv.Itoa(m) + "月"
	if d > 0 {
		out += strconv.Itoa(d) + "日"
	}
	return out
}

// dueText writes a deadline: 2019-04 is 4月底前, 2019-06-30 is 6月30日前,
// with the year when it is not the reviewed one.
func (rv *reviewer) dueText(due string) string {
	if due == "" {
		return ""
	}
	_, _, d, ok := scDateParts(due)
	if !ok {
		return due + "前"
	}
	if d == 0 {
		return rv.dateText(due) + "底前"
	}
	return rv.dateText(due) + "前"
}

// periodEndText is "截至6月底".
func (rv *reviewer) periodEndText() string {
	return "截至" + strconv.Itoa(rv.a.Period.Months) + "月底"
}
