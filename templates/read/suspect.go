package read

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// This file holds what a reader can see wrong at a cell that a figure's
// text alone does not say: a percent number format on a level that is no
// percentage, a date serial of the days before 1900-03-01, and last year's
// level in the wrong scale for its unit. Each is a warning at the cell.
//
// The scale is shared with eval's plausibility screen (eval/plausible.go),
// so that no figure is reported twice: eval holds this year's level to
// last year's as read (or, without one, the ruleset's baseline) and leaves
// out one ten times off, saying why in its explanation; it cannot see a
// level and last year's given in the same wrong scale (both in 万元 for a
// 亿元 indicator), which agree with each other. The reader sees it: last
// year's level a hundred times off the ruleset's baseline is not read, and
// eval then holds this year's to the baseline.

// levelUnit is the unit a level of ind is in: its unit, or for a growth
// indicator the unit of its totals.
func levelUnit(ind *rules.Indicator) string {
	if ind.Measure == rules.Growth {
		return ind.LevelUnit
	}
	return ind.Unit
}

// isPercentUnit reports whether u is a percentage (%, ‰, 百分点).
func isPercentUnit(u string) bool {
	pu, ok := importParseUnit(u)
	return ok && pu.base == "%"
}

// isLevel reports whether f is a level (this year's or last year's).
func isLevel(f eval.Field) bool { return f == eval.FieldLevel || f == eval.FieldPrevLevel }

// percentOnLevel says whether a number cell with a percent format holds a
// level whose unit is known and is no percentage (1.12 万人 in a 0.00%
// cell, shown 112.00%): its stored number is then read as it is, not as
// a fraction, and the warning says so. units are the units the level may
// be in (the row's, the indicator's); "" is unknown.
func percentOnLevel(f eval.Field, units ...string) bool {
	if !isLevel(f) {
		return false
	}
	known := false
	for _, u := range units {
		if u == "" {
			continue
		}
		if isPercentUnit(u) {
			return false
		}
		known = true
	}
	return known
}

// percentWarning is the warning for percentOnLevel: who is the indicator
// (and unit) named in the message, what the figure's name.
func percentWarning(pos rules.Pos, ind *rules.Indicator, who, what, raw, unit string) rules.Diagnostic {
	shown := raw
	if v, err := cell.ParseCellNumber(raw, true); err == nil && v.Valid {
		shown = v.Decimal.String()
	}
	return rules.Diagnostic{Pos: pos, Severity: rules.Warning, Indicator: ind.ID,
		Summary: fmt.Sprintf("%s的%s单元格是百分比格式（显示为 %s%%），但单位是%s，不是百分数：按单元格中的数 %s 读取",
			who, what, shown, unit, raw),
		Hint: "核对这个数；把单元格格式改为“常规”或“数值”后再导入"}
}

// phantomSerial reports whether raw, a number cell read as a date, is a
// date serial of 60 or less: a day before 1900-03-01, where Excel counts
// a 1900-02-29 that never was (serial 60). No completion date is one;
// such a cell holds a small number typed where a date belongs.
func phantomSerial(raw string) bool {
	s := cell.Fold(raw)
	if !cell.SerialRe.MatchString(s) {
		return false
	}
	whole, _, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	return err == nil && n >= 1 && n <= 60
}

// phantomWarning is the warning for phantomSerial; the date is not read.
func phantomWarning(pos rules.Pos, ind *rules.Indicator, who, what, raw string) rules.Diagnostic {
	return rules.Diagnostic{Pos: pos, Severity: rules.Warning, Indicator: ind.ID,
		Summary: fmt.Sprintf("%s的%s是 Excel 日期序号 %s，在 1900-03-01 之前（Excel 把序号 60 当作并不存在的 1900-02-29），"+
			"不是有效的日期，此项未读取", who, what, cell.Fold(raw)),
		Hint: "填实际完成的日期，如 2019-04-15；单元格显示为 1900 年的日期，说明填入的是一个小数字而不是日期"}
}

// scaleBound is how many times the ruleset's baseline a level may be, or
// how small a part of it, before its scale is taken to be wrong.
var scaleBound = decimal.NewFromInt(100)

// scaleProblem says why last year's level d of ind (in unit; what names
// it) is in the wrong scale: more than scaleBound times the ruleset's
// baseline (上年), or less than its 1/scaleBound, as a 亿元 figure given
// in 万元 or 元 is. "" when it is not, when there is no baseline to tell,
// or for this year's level, which eval screens (see above).
func scaleProblem(ind *rules.Indicator, f eval.Field, what string, d decimal.Decimal, unit string) string {
	base := ind.Baseline.Level
	if f != eval.FieldPrevLevel || !base.Valid || !base.Decimal.IsPositive() || !d.IsPositive() || isPercentUnit(unit) {
		return ""
	}
	b := base.Decimal
	switch {
	case d.GreaterThan(b.Mul(scaleBound)):
		return fmt.Sprintf("%s %s%s 是上年基数 %s%s 的 %s 倍", what, d, unit, b, unit, d.DivRound(b, 0))
	case d.Mul(scaleBound).LessThan(b):
		return fmt.Sprintf("%s %s%s 只有上年基数 %s%s 的 1/%s", what, d, unit, b, unit, b.DivRound(d, 0))
	}
	return ""
}

// scaleWarning is the warning for scaleProblem; the figure is not used.
func scaleWarning(pos rules.Pos, ind *rules.Indicator, who, why, unit string) rules.Diagnostic {
	return rules.Diagnostic{Pos: pos, Severity: rules.Warning, Indicator: ind.ID,
		Summary: fmt.Sprintf("%s的%s，数量级不对（单位应为%s），此项未采用", who, why, unit),
		Hint:    "核对单位：在单位列、表头或表上方注明单位（如“单位：万元”），或换算成" + unit + "后再填"}
}
