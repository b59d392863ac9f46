package templates

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// This file is the one place where an assessment's figures become digits.
// The scorecard (its number formats), the JSON, CSV and table renderings and
// the review text all go through scCell, so that a figure reads the same,
// digit for digit, wherever it appears.

// scMaxPlaces caps the decimals shown for a figure typed with more digits
// than anyone publishes.
const scMaxPlaces = 10

// scNoValue is shown where there is no target value or no data.
const scNoValue = "-"

// scCell is one figure as it is shown: a number with a fixed count of
// decimals and optional literal text around it, or plain text.
type scCell struct {
	num    bool
	d      decimal.Decimal
	places int32
	prefix string // literal text before the number ("第")
	suffix string // literal text after the number ("个百分点", "亿元")
	signed bool   // show "+" before positive numbers
	text   string // the text when num is false ("-", "是")
}

// scPlaces is the count of decimals that shows d exactly, and at least
// min: 8.50 at precision 1 is "8.5", 8.25 at precision 1 is "8.25".
func scPlaces(d decimal.Decimal, min int32) int32 {
	places := scDecimals(d)
	if places < min {
		places = min
	}
	if places > scMaxPlaces {
		places = scMaxPlaces
	}
	return places
}

// scDecimals is the count of decimals of d.String(), trailing zeros
// trimmed. A coefficient of up to 18 digits is counted on its int64
// without writing it out: a city scorecard counts them for every figure.
func scDecimals(d decimal.Decimal) int32 {
	if d.Exponent() >= 0 {
		return 0
	}
	if d.NumDigits() <= 18 {
		c, places := d.CoefficientInt64(), -d.Exponent()
		for places > 0 && c%10 == 0 {
			c /= 10
			places--
		}
		return places
	}
	s := d.String()
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return int32(len(s) - i - 1)
	}
	return 0
}

// scFixed writes d with the decimals that show it exactly, at least min.
// It is the formatting function of every figure attain writes.
func scFixed(d decimal.Decimal, min int32) string {
	return d.StringFixed(scPlaces(d, min))
}

// scNum is a number shown with at least min decimals.
func scNum(d decimal.Decimal, min int32) scCell {
	return scCell{num: true, d: d, places: scPlaces(d, min)}
}

// scNullNum is scNum, or "-" when n is null.
func scNullNum(n decimal.NullDecimal, min int32) scCell {
	if !n.Valid {
		return scText(scNoValue)
	}
	return scNum(n.Decimal, min)
}

func scText(s string) scCell { return scCell{text: s} }

func (c scCell) withSuffix(s string) scCell {
	c.suffix = s
	return c
}

func (c scCell) withPrefix(s string) scCell {
	c.prefix = s
	return c
}

func (c scCell) withSign() scCell {
	c.signed = true
	return c
}

// digits is the number without sign, prefix or suffix.
func (c scCell) digits() string {
	return c.d.Abs().StringFixed(c.places)
}

// String is the cell as Excel shows it under numFmt.
func (c scCell) String() string {
	if !c.num {
		return c.text
	}
	sign := ""
	switch {
	case c.d.IsNegative():
		sign = "-"
	case c.signed && c.d.IsPositive():
		sign = "+"
	}
	return sign + c.prefix + c.digits() + c.suffix
}

// plain is the number as a decimal string with its shown decimals, for
// JSON and CSV; the text of a text cell; "" for "-".
func (c scCell) plain() string {
	if !c.num {
		if c.text == scNoValue {
			return ""
		}
		return c.text
	}
	return c.d.StringFixed(c.places)
}

// numFmt is the Excel number format that shows the cell as String does.
func (c scCell) numFmt() string {
	if !c.num {
		return "@"
	}
	body := "0"
	if c.places > 0 {
		body += "." + strings.Repeat("0", int(c.places))
	}
	body = scQuoteFmt(c.prefix) + body + scQuoteFmt(c.suffix)
	if c.signed {
		return "+" + body + ";-" + body + ";" + body
	}
	if c.prefix != "" {
		// a minus sign goes before the literal prefix, as String writes it
		return body + ";-" + body
	}
	return body
}

// scQuoteFmt quotes literal text for a number format.
func scQuoteFmt(s string) string {
	if s == "" {
		return ""
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// scUnit is the unit shown beside a figure; rank and yes/no carry their
// unit in the words.
func scUnit(ind *rules.Indicator) string {
	switch ind.Unit {
	case "名", "是/否":
		return ""
	}
	return ind.Unit
}

// scRow is one indicator as every rendering shows it.
type scRow struct {
	no         int
	r          *eval.Result
	ind        *rules.Indicator
	target     scCell // the target number (Result.Reference) where meaningful
	prevLevel  scCell // 上年实际值, with its unit
	prevGrowth scCell // 上年增速(%)
	actual     scCell // the judged figure, or 是/否, or the date
	unit       string
	gap        scCell // in 个百分点 for rates, completion % for levels
	completion scCell // 完成率(%)
	weight     scCell
	score      scCell
	source     string
}

// scRows prepares every result of a for display.
func scRows(a *eval.Assessment) []scRow {
	rows := make([]scRow, 0, len(a.Results))
	for i := range a.Results {
		rows = append(rows, scMakeRow(a, i))
	}
	return rows
}

func scMakeRow(a *eval.Assessment, i int) scRow {
	r := &a.Results[i]
	ind := r.Indicator
	row := scRow{no: i + 1, r: r, ind: ind, unit: scUnit(ind)}
	row.target = scTarget(r)
	if r.PrevLevel.Valid {
		unit := ind.LevelUnit
		if ind.Measure != rules.Growth {
			unit = scUnit(ind)
		}
		row.prevLevel = scNum(r.PrevLevel.Decimal, 0).withSuffix(unit)
	} else {
		row.prevLevel = scText(scNoValue)
	}
	row.prevGrowth = scNullNum(r.PrevGrowth, ind.Precision)
	row.actual = scActual(r)
	switch {
	case !r.Gap.Valid:
		row.gap = scText(scNoValue)
	case r.GapUnit == "%":
		row.gap = scNum(r.Gap.Decimal, 2).withSuffix("%")
	default:
		row.gap = scNum(r.Gap.Decimal, ind.Precision).withSuffix(r.GapUnit).withSign()
	}
	row.completion = scNullNum(r.Completion, 2)
	row.weight = scNum(r.Weight, 0)
	if r.Scored {
		row.score = scNum(r.Score, 2)
	} else {
		row.score = scText("不计分")
	}
	row.source = scSource(r)
	return row
}

// scTarget is the target value column: the target's own number (8.5 for
// 8.5%左右, the near end of a range), the deadline of a milestone
// (2019年4月底前), "-" for 稳定增长 and 是/否.
func scTarget(r *eval.Result) scCell {
	ind := r.Indicator
	switch ind.Target.Kind {
	case rules.ByDate:
		if ind.Target.Due != "" {
			return scText(scDueText(ind.Target.Due))
		}
		return scText(scNoValue)
	case rules.Positive, rules.Verdict:
		return scText(scNoValue)
	case rules.TopN:
		if r.Bound.Valid {
			return scNum(r.Bound.Decimal, 0).withPrefix("前").withSuffix("名")
		}
		return scText(scNoValue)
	}
	return scNullNum(r.Reference, ind.Precision)
}

// scActual is the judged figure: a number, 第N名, 是/否 or a date.
func scActual(r *eval.Result) scCell {
	ind := r.Indicator
	switch ind.Measure {
	case rules.Rank:
		if r.Rank > 0 {
			return scNum(decimal.NewFromInt(int64(r.Rank)), 0).withPrefix("第").withSuffix("名")
		}
	case rules.YesNo:
		if r.Done != nil {
			return scText(map[bool]string{true: "是", false: "否"}[*r.Done])
		}
	case rules.Milestone:
		if r.Date != "" {
			return scText(r.Date)
		}
		if r.Done != nil {
			return scText(map[bool]string{true: "已完成", false: "未完成"}[*r.Done])
		}
	default:
		return scNullNum(r.Value, ind.Precision)
	}
	return scText(scNoValue)
}

// scSource says where the judged figure came from.
func scSource(r *eval.Result) string {
	src := r.Source.String()
	if r.Derived {
		if src == "" {
			return "由总量推算"
		}
		return "由总量推算（" + src + "）"
	}
	if src == "" {
		return scNoValue
	}
	return src
}

// scStatusOrder is the order in which misses are listed for a leader.
var scStatusOrder = []eval.Status{eval.Missed, eval.NearlyMet, eval.NoData}

// scCategories is the order of the groups of a work report.
var scCategories = []rules.Category{rules.CatVolume, rules.CatStructure, rules.CatBenefit, rules.CatLivelihood}

// scDueText writes a milestone's deadline: 2019-04 is 2019年4月底前,
// 2019-06-30 is 2019年6月30日前.
func scDueText(due string) string {
	parts := strings.Split(due, "-")
	num := func(s string) string { return strings.TrimLeft(s, "0") }
	switch len(parts) {
	case 2:
		return parts[0] + "年" + num(parts[1]) + "月底前"
	case 3:
		return parts[0] + "年" + num(parts[1]) + "月" + num(parts[2]) + "日前"
	}
	return due + "前"
}

// scPart is one group of indicators as every rendering shows it: its rows,
// numbered from 1 within the group, its score and the scorecard sheet
// that lists it.
type scPart struct {
	group string
	sheet string // 明细, 任务明细
	rows  []scRow
	score eval.GroupScore
	veto  bool // the group holds a 一票否决 indicator
}

// scParts splits an assessment by indicator group: the headline group (or
// the first) first, the others in ruleset order. An assessment of one group
// is one part whose score is the assessment's own.
func scParts(a *eval.Assessment) []scPart {
	all := scRows(a)
	var order []string
	byGroup := map[string][]scRow{}
	for _, r := range all {
		g := r.ind.Group
		if _, ok := byGroup[g]; !ok {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], r)
	}
	if a.Ruleset != nil && len(order) > 1 {
		main := inputMainGroup(a.Ruleset)
		for i, g := range order {
			if g == main && i > 0 {
				order = append([]string{g}, append(order[:i:i], order[i+1:]...)...)
				break
			}
		}
	}
	whole := eval.GroupScore{Total: a.Total, FullMarks: a.FullMarks, Percent: a.Percent, Grade: a.Grade, Counts: a.Counts}
	if len(order) == 0 {
		return []scPart{{sheet: scSheetDetail, score: whole}}
	}
	parts := make([]scPart, 0, len(order))
	used := map[string]bool{}
	for i, g := range order {
		p := scPart{group: g, sheet: scDetailSheetOf(g, i == 0, used), score: whole}
		used[p.sheet] = true
		for n, r := range byGroup[g] {
			r.no = n + 1
			p.rows = append(p.rows, r)
			p.veto = p.veto || r.ind.Veto
		}
		if len(order) > 1 {
			p.score = eval.GroupScore{Name: g}
			for _, gs := range a.Groups {
				if gs.Name == g {
					p.score = gs
				}
			}
		}
		parts = append(parts, p)
	}
	return parts
}

// scDetailSheetOf names the detail sheet of a group: 明细 for the first,
// 任务明细 for 重点工作任务, else the group's name and 明细, within Excel's
// rules for sheet names and apart from the sheets already used.
func scDetailSheetOf(group string, first bool, used map[string]bool) string {
	if first {
		return scSheetDetail
	}
	name := scSheetTaskDetail
	if group != rules.GroupTasks {
		name = strings.Map(func(r rune) rune {
			if strings.ContainsRune(inputSheetNameBad, r) {
				return '_'
			}
			return r
		}, strings.Trim(group, "'"))
		if rs := []rune(name); len(rs) > 29 {
			name = string(rs[:29])
		}
		name += "明细"
	}
	for n := 2; used[name] || scReservedSheet[name]; n++ {
		name = strings.TrimRight(name, "0123456789") + fmt.Sprint(n)
	}
	return name
}

// scReservedSheet are the fixed sheets of the scorecard.
var scReservedSheet = map[string]bool{scSheetOverview: true, scSheetDetail: true, scSheetReview: true,
	scSheetNotes: true, scSheetProblems: true, scSheetChartData: true}

// The sheets of the scorecard, in order.
const (
	scSheetOverview = "总览"
	// scSheetDetail holds the rows of the headline group (or of the only
	// group); each other group has a detail sheet of its own, 任务明细 for
	// 重点工作任务 (see scDetailSheetOf).
	scSheetDetail     = "明细"
	scSheetTaskDetail = "任务明细"
	scSheetNotes      = "口径说明"
	scSheetProblems   = "数据问题"
	scSheetReview     = "回顾文稿"
	scSheetChartData  = "图表数据"
)
