package view

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/shopspring/decimal"
)

// This file is the one place where an assessment's figures become digits.
// The scorecard (its number formats), the JSON, CSV and table renderings and
// the review text all go through scCell, so that a figure reads the same,
// digit for digit, wherever it appears.

// scMaxPlaces caps the decimals shown for a figure typed with more digits
// than anyone publishes.
const scMaxPlaces = 10

// NoValue is shown where there is no target value or no data.
const NoValue = "-"

// Cell is one figure as it is shown: a number with a fixed count of
// decimals and optional literal text around it, or plain text.
type Cell struct {
	Num    bool
	D      decimal.Decimal
	Places int32
	Prefix string // literal text before the number ("第")
	Suffix string // literal text after the number ("个百分点", "亿元")
	Signed bool   // show "+" before positive numbers
	Text   string // the text when num is false ("-", "是")
}

// scPlaces is the count of decimals that shows d exactly, and at least
// min: 8.50 at precision 1 is "8.5", 8.25 at precision 1 is "8.25".
func scPlaces(d decimal.Decimal, min int32) int32 {
	places := Decimals(d)
	if places < min {
		places = min
	}
	if places > scMaxPlaces {
		places = scMaxPlaces
	}
	return places
}

// Decimals is the count of decimals of d.String(), trailing zeros
// trimmed. A coefficient of up to 18 digits is counted on its int64
// without writing it out: a city scorecard counts them for every figure.
func Decimals(d decimal.Decimal) int32 {
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

// Fixed writes d with the decimals that show it exactly, at least min.
// It is the formatting function of every figure attain writes.
func Fixed(d decimal.Decimal, min int32) string {
	return d.StringFixed(scPlaces(d, min))
}

// Num is a number shown with at least min decimals.
func Num(d decimal.Decimal, min int32) Cell {
	return Cell{Num: true, D: d, Places: scPlaces(d, min)}
}

// scNullNum is scNum, or "-" when n is null.
func scNullNum(n decimal.NullDecimal, min int32) Cell {
	if !n.Valid {
		return Text(NoValue)
	}
	return Num(n.Decimal, min)
}

func Text(s string) Cell { return Cell{Text: s} }

func (c Cell) WithSuffix(s string) Cell {
	c.Suffix = s
	return c
}

func (c Cell) WithPrefix(s string) Cell {
	c.Prefix = s
	return c
}

func (c Cell) withSign() Cell {
	c.Signed = true
	return c
}

// digits is the number without sign, prefix or suffix.
func (c Cell) digits() string {
	return c.D.Abs().StringFixed(c.Places)
}

// String is the cell as Excel shows it under numFmt.
func (c Cell) String() string {
	if !c.Num {
		return c.Text
	}
	sign := ""
	switch {
	case c.D.IsNegative():
		sign = "-"
	case c.Signed && c.D.IsPositive():
		sign = "+"
	}
	return sign + c.Prefix + c.digits() + c.Suffix
}

// plain is the number as a decimal string with its shown decimals, for
// JSON and CSV; the text of a text cell; "" for "-".
func (c Cell) plain() string {
	if !c.Num {
		if c.Text == NoValue {
			return ""
		}
		return c.Text
	}
	return c.D.StringFixed(c.Places)
}

// NumFmt is the Excel number format that shows the cell as String does.
func (c Cell) NumFmt() string {
	if !c.Num {
		return "@"
	}
	body := "0"
	if c.Places > 0 {
		body += "." + strings.Repeat("0", int(c.Places))
	}
	body = scQuoteFmt(c.Prefix) + body + scQuoteFmt(c.Suffix)
	if c.Signed {
		return "+" + body + ";-" + body + ";" + body
	}
	if c.Prefix != "" {
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

// Row is one indicator as every rendering shows it.
type Row struct {
	No         int
	R          *eval.Result
	Ind        *rules.Indicator
	Target     Cell // the target number (Result.Reference) where meaningful
	PrevLevel  Cell // 上年实际值, with its unit
	PrevGrowth Cell // 上年增速(%)
	Actual     Cell // the judged figure, or 是/否, or the date
	Unit       string
	Gap        Cell // in 个百分点 for rates, completion % for levels
	Completion Cell // 完成率(%)
	Weight     Cell
	Score      Cell
	Source     string
}

// scRows prepares every result of a for display.
func scRows(a *eval.Assessment) []Row {
	rows := make([]Row, 0, len(a.Results))
	for i := range a.Results {
		rows = append(rows, MakeRow(a, i))
	}
	return rows
}

func MakeRow(a *eval.Assessment, i int) Row {
	r := &a.Results[i]
	ind := r.Indicator
	row := Row{No: i + 1, R: r, Ind: ind, Unit: scUnit(ind)}
	row.Target = scTarget(r)
	if r.PrevLevel.Valid {
		unit := ind.LevelUnit
		if ind.Measure != rules.Growth {
			unit = scUnit(ind)
		}
		row.PrevLevel = Num(r.PrevLevel.Decimal, 0).WithSuffix(unit)
	} else {
		row.PrevLevel = Text(NoValue)
	}
	row.PrevGrowth = scNullNum(r.PrevGrowth, ind.Precision)
	row.Actual = scActual(r)
	switch {
	case !r.Gap.Valid:
		row.Gap = Text(NoValue)
	case r.GapUnit == "%":
		row.Gap = Num(r.Gap.Decimal, 2).WithSuffix("%")
	default:
		row.Gap = Num(r.Gap.Decimal, ind.Precision).WithSuffix(r.GapUnit).withSign()
	}
	row.Completion = scNullNum(r.Completion, 2)
	// A goal that does not count this year (a multi-year goal before its
	// last year, a year-end target during the year) shows no weight, so
	// that the weights shown add up to the full marks.
	row.Weight = Num(r.Weight, 0)
	if r.Scored {
		row.Score = Num(r.Score, 2)
	} else {
		row.Weight = Text(NoValue)
		row.Score = Text("不计分")
	}
	row.Source = scSource(r)
	return row
}

// scTarget is the target value column: the target's own number (8.5 for
// 8.5%左右, the near end of a range), the deadline of a milestone
// (2019年4月底前), "-" for 稳定增长 and 是/否.
func scTarget(r *eval.Result) Cell {
	ind := r.Indicator
	switch ind.Target.Kind {
	case rules.ByDate:
		if ind.Target.Due != "" {
			return Text(scDueText(ind.Target.Due))
		}
		return Text(NoValue)
	case rules.Positive, rules.Verdict:
		return Text(NoValue)
	case rules.TopN:
		if r.Bound.Valid {
			return Num(r.Bound.Decimal, 0).WithPrefix("前").WithSuffix("名")
		}
		return Text(NoValue)
	}
	return scNullNum(r.Reference, ind.Precision)
}

// scActual is the judged figure: a number, 第N名, 是/否 or a date.
func scActual(r *eval.Result) Cell {
	ind := r.Indicator
	switch ind.Measure {
	case rules.Rank:
		if r.Rank > 0 {
			return Num(decimal.NewFromInt(int64(r.Rank)), 0).WithPrefix("第").WithSuffix("名")
		}
	case rules.YesNo:
		if r.Done != nil {
			return Text(map[bool]string{true: "是", false: "否"}[*r.Done])
		}
	case rules.Milestone:
		if r.Date != "" {
			return Text(r.Date)
		}
		if r.Done != nil {
			return Text(map[bool]string{true: "已完成", false: "未完成"}[*r.Done])
		}
	default:
		return scNullNum(r.Value, ind.Precision)
	}
	return Text(NoValue)
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
		return NoValue
	}
	return src
}

// StatusOrder is the order in which misses are listed for a leader.
var StatusOrder = []eval.Status{eval.Missed, eval.NearlyMet, eval.Suspect, eval.NoData}

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

// Part is one group of indicators as every rendering shows it: its rows,
// numbered from 1 within the group, its score and the scorecard sheet
// that lists it.
type Part struct {
	Group string
	Sheet string // 明细, 任务明细
	Rows  []Row
	Score eval.GroupScore
	Veto  bool // the group holds a 一票否决 indicator
}

// Parts splits an assessment by indicator group: the headline group (or
// the first) first, the others in ruleset order. An assessment of one group
// is one part whose score is the assessment's own.
func Parts(a *eval.Assessment) []Part {
	all := scRows(a)
	var order []string
	byGroup := map[string][]Row{}
	for _, r := range all {
		g := r.Ind.Group
		if _, ok := byGroup[g]; !ok {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], r)
	}
	if a.Ruleset != nil && len(order) > 1 {
		main := a.Ruleset.MainGroup()
		for i, g := range order {
			if g == main && i > 0 {
				order = append([]string{g}, append(order[:i:i], order[i+1:]...)...)
				break
			}
		}
	}
	whole := eval.GroupScore{Total: a.Total, FullMarks: a.FullMarks, Percent: a.Percent, Grade: a.Grade, Counts: a.Counts}
	if len(order) == 0 {
		return []Part{{Sheet: SheetDetail, Score: whole}}
	}
	parts := make([]Part, 0, len(order))
	used := map[string]bool{}
	for i, g := range order {
		p := Part{Group: g, Sheet: scDetailSheetOf(g, i == 0, used), Score: whole}
		used[p.Sheet] = true
		for n, r := range byGroup[g] {
			r.No = n + 1
			p.Rows = append(p.Rows, r)
			p.Veto = p.Veto || r.Ind.Veto
		}
		if len(order) > 1 {
			p.Score = eval.GroupScore{Name: g}
			for _, gs := range a.Groups {
				if gs.Name == g {
					p.Score = gs
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
		return SheetDetail
	}
	name := SheetTaskDetail
	if group != rules.GroupTasks {
		name = strings.Map(func(r rune) rune {
			if strings.ContainsRune(cell.SheetNameBad, r) {
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
var scReservedSheet = map[string]bool{SheetOverview: true, SheetDetail: true, SheetReview: true,
	SheetNotes: true, SheetProblems: true, SheetChartData: true}

// The sheets of the scorecard, in order.
const (
	SheetOverview = "总览"
	// SheetDetail holds the rows of the headline group (or of the only
	// group); each other group has a detail sheet of its own, 任务明细 for
	// 重点工作任务 (see scDetailSheetOf).
	SheetDetail     = "明细"
	SheetTaskDetail = "任务明细"
	SheetNotes      = "口径说明"
	SheetProblems   = "数据问题"
	SheetReview     = "回顾文稿"
	SheetChartData  = "图表数据"
)
