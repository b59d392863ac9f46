package view

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// The clause on one indicator. A target with a number is stated in four
// parts (reviewNumber): the figure, the target where the figure alone
// does not show it (a reduction), what the figure shows against the
// target, and the verdict. The other kinds (是/否, 前列, 稳定增长, 同步,
// milestones, multi-year goals) have a clause of their own.

// reviewNumber is the clause on a target with a number, in parts.
type reviewNumber struct {
	fact    string // "地区生产总值同比增长8.6%"
	aim     string // the target, where the figure needs it: "目标下降3%左右"
	cmp     string // the figure against the target: "高于预期目标0.1个百分点"
	verdict string // "，完成目标"; empty where cmp says it
}

func (n reviewNumber) String() string {
	s := n.fact
	if n.aim != "" {
		s += "（" + n.aim + "）"
	}
	if n.cmp != "" {
		s += "，" + n.cmp
	}
	return s + n.verdict
}

// scHasNumber tells a target with a number of its own to reach.
func scHasNumber(ind *rules.Indicator) bool {
	switch ind.Target.Kind {
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx, rules.Between:
		return ind.Measure != rules.Rank
	}
	return false
}

// clause writes the clause on one indicator of the headline group; false
// when it gets none (no data, a year-end target with nothing to state
// during the year).
func (rv *reviewer) clause(row Row) (string, bool) {
	r := row.R
	switch {
	case r.Status == eval.NoData:
		return "", false
	case r.Status == eval.InProgress:
		it, ok := rv.item(row)
		return it.clause(), ok
	case rv.paced(row):
		share, pace, _, _ := rv.paceParts(row)
		return scFact(row) + "，" + share + "，" + pace, true
	case scHasNumber(row.Ind):
		return rv.number(row).String(), true
	}
	it, ok := rv.item(row)
	return it.clause(), ok
}

// targetWord names the target a rate is compared with.
func (rv *reviewer) targetWord() string {
	if rv.year {
		return "预期目标"
	}
	return "全年目标"
}

// verdict is the closing word of a clause on a number target; met is the
// word for 完成 ("" where the clause has said it). During the year a rate
// is held against the year's target (好于预期, 符合预期, 低于预期) and a
// level that is not pro-rated against the year's number (已超过全年目标).
func (rv *reviewer) verdict(row Row, met string) string {
	s := row.R.Status
	if !rv.year {
		if s == eval.Met && met == "" {
			return ""
		}
		if w := rv.periodWord(row); w != "" {
			return "，" + w
		}
		return ""
	}
	switch s {
	case eval.Exceeded:
		return "，超额完成"
	case eval.Met:
		return met
	case eval.NearlyMet:
		return "，基本完成"
	case eval.Missed:
		return "，未完成目标"
	}
	return ""
}

// periodWord is the verdict during the year on a target that is not
// pro-rated.
func (rv *reviewer) periodWord(row Row) string {
	level := !row.Ind.IsRate() && row.Ind.Measure != rules.Growth
	switch row.R.Status {
	case eval.Exceeded:
		if level {
			return "已超过全年目标"
		}
		return "好于预期"
	case eval.Met:
		if level {
			return "已达到全年目标"
		}
		return "符合预期"
	case eval.NearlyMet:
		if level {
			return "尚未达到全年目标"
		}
		return "略低于预期"
	case eval.Missed:
		if level {
			return "尚未达到全年目标"
		}
		return "低于预期"
	}
	return ""
}

// number writes the clause on a target with a number.
func (rv *reviewer) number(row Row) reviewNumber {
	if n, ok := rv.reduction(row); ok {
		return n
	}
	ind := row.Ind
	n := reviewNumber{fact: scFact(row), verdict: rv.verdict(row, "，完成目标")}
	switch {
	case ind.Target.Kind == rules.Between:
		n.cmp = scRangeCmp(row)
		n.verdict = rv.verdict(row, "")
	case ind.Polarity == rules.Lower:
		n.cmp = scLowerCmp(row)
		n.verdict = rv.verdict(row, "")
	case ind.IsRate():
		n.cmp = scCompare(row, rv.targetWord())
	case row.Completion.Num && rv.year:
		n.cmp = "完成目标的" + rv.completion(row) + "%"
	case row.Completion.Num:
		n.cmp = "完成全年目标的" + rv.completion(row) + "%"
	}
	return n
}

// scFact states the figure: "地区生产总值同比增长8.6%", "城镇新增就业10250人".
func scFact(row Row) string {
	ind := row.Ind
	v := row.Actual
	if ind.Measure == rules.Growth {
		verb := "增长"
		if v.D.IsNegative() {
			verb = "下降"
		}
		if strings.Contains(ind.Target.Text, "同比") {
			verb = "同比" + verb
		}
		return ind.Name + verb + v.digits() + "%"
	}
	return ind.Name + v.String() + row.Unit
}

// scCompare compares a rate with its reference by the gap the scorecard
// shows: "高于预期目标0.1个百分点".
func scCompare(row Row, ref string) string {
	g := row.Gap
	switch {
	case !g.Num:
		return "目标为" + row.Ind.Target.Text
	case g.D.IsPositive():
		return "高于" + ref + g.digits() + "个百分点"
	case g.D.IsNegative():
		return "低于" + ref + g.digits() + "个百分点"
	}
	return "与" + ref + "持平"
}

// scNumText writes a target's number as the report does: 4 for 4.0.
func scNumText(d decimal.Decimal) string { return Fixed(d, 0) }

// scRangeText writes a range: "6%-6.5%", "100-120万人".
func scRangeText(row Row) string {
	t := row.Ind.Target
	if row.Ind.IsRate() {
		return scNumText(t.Low) + "%-" + scNumText(t.High) + "%"
	}
	return scNumText(t.Low) + "-" + scNumText(t.High) + row.Unit
}

// scRangeCmp places a figure against a range (X%-Y%): inside it is
// 处于目标区间; short of its near end, by the scorecard's gap.
func scRangeCmp(row Row) string {
	r := row.R
	rng := scRangeText(row) + "的目标区间"
	beyond, short := "高于", "低于"
	if row.Ind.Polarity == rules.Lower {
		beyond, short = "低于", "高于"
	}
	switch r.Status {
	case eval.Met:
		return "处于" + rng
	case eval.Exceeded:
		return beyond + rng
	}
	if row.Ind.IsRate() && row.Gap.Num && !row.Gap.D.IsZero() {
		return short + rng + row.Gap.digits() + "个百分点"
	}
	return short + rng
}

// scLowerCmp places a lower-is-better figure against its ceiling:
// "控制在4%以内", "高于4%的控制目标0.3个百分点".
func scLowerCmp(row Row) string {
	t := row.Ind.Target
	limit := scNumText(t.Value) + row.Unit
	rate := row.Ind.IsRate() && row.Gap.Num
	switch row.R.Status {
	case eval.Met:
		switch t.Kind {
		case rules.Approx:
			return "控制在" + limit + "左右"
		case rules.Below:
			return "控制在" + limit + "以下"
		}
		return "控制在" + limit + "以内"
	case eval.Exceeded:
		if t.Kind == rules.Approx && rate {
			return "低于" + limit + "左右的控制目标" + row.Gap.digits() + "个百分点"
		}
		return "控制在" + limit + "以内"
	}
	over := "高于" + limit + "的控制目标"
	if rate {
		over += row.Gap.digits() + "个百分点"
	}
	return over
}

// reduction writes a target that asks for a fall: an indicator named
// …降幅 whose figure is the fall (as the extractor drafts 下降3%), or a
// lower-is-better growth with a target at or below 0. The clause is
// "单位生产总值能耗下降2.6%（目标下降3%左右），完成目标".
func (rv *reviewer) reduction(row Row) (reviewNumber, bool) {
	ind, t := row.Ind, row.Ind.Target
	if ind.Measure != rules.Growth {
		return reviewNumber{}, false
	}
	subject, fall := ind.Name, row.Actual.D
	low, high := t.Value, t.Value
	if t.Kind == rules.Between {
		low, high = t.Low, t.High
	}
	switch {
	case strings.HasSuffix(ind.Name, "降幅") && ind.Polarity != rules.Lower:
		subject = strings.TrimSuffix(ind.Name, "降幅")
	case ind.Polarity == rules.Lower && !high.IsPositive() && !low.IsPositive():
		fall = fall.Neg()
		low, high = high.Neg(), low.Neg()
	default:
		return reviewNumber{}, false
	}
	verb := "下降"
	if fall.IsNegative() {
		verb = "上升"
	}
	if strings.Contains(t.Text, "同比") {
		verb = "同比" + verb
	}
	n := reviewNumber{fact: subject + verb + row.Actual.digits() + "%", aim: "目标下降" + scNumText(low) + "%",
		verdict: rv.verdict(row, "，完成目标")}
	switch {
	case t.Kind == rules.Between:
		n.aim += "-" + scNumText(high) + "%"
	case t.Kind == rules.Approx:
		n.aim += "左右"
	case t.Kind == rules.AtMost || strings.Contains(t.Text, "以上"):
		n.aim += "以上"
	}
	switch row.R.Status {
	case eval.NearlyMet, eval.Missed:
		if !fall.IsNegative() && row.Gap.Num && row.Gap.D.IsNegative() {
			n.cmp = "比目标少降" + row.Gap.digits() + "个百分点"
		}
	}
	return n, true
}

// scRegion is the peer group a 前列 target names: 全市, 全省 …
func scRegion(text string) string {
	for _, r := range []string{"全国", "全省", "全市", "全县", "全区"} {
		if strings.Contains(text, r) {
			return r
		}
	}
	return "全市"
}

// other writes the clause on a target without a number of its own:
// 是/否, 前列, 稳定增长, 同步, a rank.
func (rv *reviewer) other(row Row) string {
	r, ind := row.R, row.Ind
	t := ind.Target
	met := r.Status == eval.Met || r.Status == eval.Exceeded
	switch t.Kind {
	case rules.Verdict:
		switch {
		case met:
			return ind.Name + t.Text
		case strings.HasPrefix(t.Text, "完成"):
			return ind.Name + "未" + t.Text
		}
		return ind.Name + "未达到“" + t.Text + "”的要求"
	case rules.TopN:
		region := scRegion(t.Text)
		if met {
			return fmt.Sprintf("%s居%s%s，位于%s前列", ind.Name, region, row.Actual.String(), region)
		}
		return fmt.Sprintf("%s居%s%s，未进入%s前列（%s）", ind.Name, region, row.Actual.String(), region,
			row.Target.String())
	case rules.Positive:
		aim := strings.TrimPrefix(t.Text, "保持")
		switch {
		case met && !rv.year:
			return scFact(row) + "，保持" + aim
		case met:
			return scFact(row) + "，实现" + aim
		case r.Status == eval.NearlyMet:
			return scFact(row) + "，未实现" + aim + "，基本完成"
		}
		return scFact(row) + "，未实现" + aim
	case rules.InStep:
		ref := ind.Name
		if rs := rv.a.Ruleset; rs != nil {
			if ri := rs.Indicator(t.With); ri != nil {
				ref = ri.Name
			}
		}
		cmp := scCompare(row, ref+"增速")
		switch {
		case met:
			return scFact(row) + "，" + cmp + "，实现同步"
		case r.Status == eval.NearlyMet:
			return scFact(row) + "，" + cmp + "，基本同步"
		}
		return scFact(row) + "，" + cmp + "，未实现同步"
	}
	region := scRegion(t.Text)
	return fmt.Sprintf("%s居%s%s", ind.Name, region, row.Actual.String()) + rv.verdict(row, "，完成目标")
}

// scYearsWord writes a goal's span of years: 两年, 五年.
func scYearsWord(n int) string {
	words := []string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n > 0 && n < len(words) {
		return words[n] + "年"
	}
	return fmt.Sprint(n) + "年"
}

// multiYear writes a multi-year goal before it is due: the figure so far
// and its share of the whole goal ("…260亩，占五年目标1000亩的26.0%"), or,
// with nothing done yet, that plainly ("…为两年内目标（1所），目前完成0所").
// It never says the goal is on schedule: the figure does not show it.
// False without a figure.
func (rv *reviewer) multiYear(row Row) (string, bool) {
	r, ind := row.R, row.Ind
	if !r.Value.Valid {
		return "", false
	}
	years := scYearsWord(ind.Target.Years)
	t := rv.annual(ind).Target
	whole := t.Value
	if t.Kind == rules.Between {
		whole = t.Low
	}
	wholeText := scNumText(whole) + row.Unit
	switch {
	case ind.IsRate() || ind.Polarity == rules.Lower || !scHasNumber(ind) || !whole.IsPositive():
		return scFact(row) + "，为" + years + "内目标，尚未到期", true
	case r.Value.Decimal.IsZero():
		return ind.Name + "为" + years + "内目标（" + wholeText + "），目前完成" + row.Actual.String() + row.Unit, true
	}
	share := rv.percentOf(r.Value.Decimal, whole)
	return scFact(row) + "，占" + years + "目标" + wholeText + "的" + share.StringFixed(1) + "%", true
}

// scMilestoneVerbs are the verbs a milestone's name ends with, longest
// first: "中德产业园一期开工建设" is 中德产业园一期 + 开工建设.
var scMilestoneVerbs = []string{"实质性动工建设", "开工建设", "动工建设", "投产运营", "建成投用", "建成投运",
	"竣工验收", "建成运营", "开工", "动工", "投产", "投用", "竣工", "建成", "完工", "开业", "运营", "启用", "挂牌"}

// milestoneDone states a milestone reached: "中德产业园一期于4月18日开工
// 建设"; without a date, its name (the closing says the rest).
func (rv *reviewer) milestoneDone(row Row) string {
	name, date := row.Ind.Name, row.R.Date
	if date == "" {
		return name
	}
	for _, v := range scMilestoneVerbs {
		if subject, ok := strings.CutSuffix(name, v); ok && subject != "" {
			return subject + "于" + rv.dateText(date) + v
		}
	}
	return name + "于" + rv.dateText(date) + "完成"
}
