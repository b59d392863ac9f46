package read

import (
	"fmt"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// unitsFigure reads one figure of a streamed cell into act, with the unit
// named in the messages. It returns whether the cell held a figure.
func unitsFigure(unit string, ind *rules.Indicator, act *eval.Actual, field eval.Field, c unitsCell, at unitsLoc, diags *rules.Diagnostics) bool {
	return cellFigure(unit, ind, act, field, c, cell.SerialRe.MatchString(c.raw), at.pos(), diags)
}

// cellFigure reads one cell's figure for field into act, with the checks
// and the words shared by the template reader and the multi-unit reader:
// error values, logical values where a number belongs, numbers (percent
// formats understood), ranks, 是/否 and dates (serial says a number is a
// date serial). Messages name the indicator, after the unit when unit is
// not empty; problems go to diags at pos. It returns whether the cell held a figure, and records
// its source.
func cellFigure(unit string, ind *rules.Indicator, act *eval.Actual, field eval.Field, c unitsCell, serial bool, pos rules.Pos, diags *rules.Diagnostics) bool {
	if c.raw == "" {
		return false
	}
	title := fieldTitle(field)
	who := func() string {
		if unit == "" {
			return ind.Name
		}
		return unit + " " + ind.Name
	}
	bad := func(hint, format string, args ...any) bool {
		diags.Add(rules.Diagnostic{Pos: pos, Indicator: ind.ID, Summary: fmt.Sprintf(format, args...), Hint: hint})
		return false
	}
	if c.isErr {
		return bad("检查公式或引用；没有数据请留空", "%s 的%s是错误值 %s", who(), title, c.raw)
	}
	switch field {
	case eval.FieldPrevLevel, eval.FieldLevel, eval.FieldGrowth:
		if c.boolean {
			return bad("只填数字", "%s 的%s是逻辑值，不是数字", who(), title)
		}
		if u := levelUnit(ind); c.pct && percentOnLevel(field, u) {
			c.pct = false
			diags.Add(percentWarning(pos, ind, who()+" ", title, c.raw, u))
		}
		v, err := cell.ParseCellNumber(c.raw, c.pct)
		if err != nil {
			return bad("只填数字，如 8.5；不要带单位、文字或“约”“左右”；没有数据请留空", "%s 的%s：%v", who(), title, err)
		}
		if !v.Valid {
			return false
		}
		switch field {
		case eval.FieldPrevLevel:
			act.PrevLevel = v
		case eval.FieldLevel:
			act.Level = v
		default:
			act.Growth = v
		}
	case eval.FieldRank:
		n, err := cell.ParseCellRank(c.raw)
		if err != nil {
			return bad("名次填正整数，第1名填 1", "%s 的%s：%v", who(), title, err)
		}
		if n == 0 {
			return false
		}
		act.Rank = n
	case eval.FieldDone:
		v, err := cell.ParseCellYesNo(c.raw)
		if err != nil {
			return bad("填“是”或“否”", "%s 的%s：%v", who(), title, err)
		}
		if v == nil {
			return false
		}
		act.Done = v
	case eval.FieldDate:
		if serial && phantomSerial(c.raw) {
			diags.Add(phantomWarning(pos, ind, who()+" ", title, c.raw))
			return false
		}
		v, err := cell.ParseCellDate(c.raw, serial)
		if err != nil {
			return bad("填日期，如 2019-04-15 或 2019年4月", "%s 的%s：%v", who(), title, err)
		}
		if v == "" {
			return false
		}
		act.Date = v
	default:
		return false
	}
	act.Sources.Set(field, pos)
	return true
}

// unitsJudgedField is the figure a single number stands for when a table
// gives one figure per unit and indicator (units as columns): the growth
// rate of a growth indicator, the level of a level indicator, the rank of
// a rank, the verdict of a yes/no, the date (or verdict) of a milestone.
func unitsJudgedField(ind *rules.Indicator, c unitsCell) eval.Field {
	switch ind.Measure {
	case rules.Growth:
		return eval.FieldGrowth
	case rules.Rank:
		return eval.FieldRank
	case rules.YesNo:
		return eval.FieldDone
	case rules.Milestone:
		if v, err := cell.ParseCellYesNo(c.raw); err == nil && v != nil && !cell.SerialRe.MatchString(c.raw) {
			return eval.FieldDone
		}
		return eval.FieldDate
	}
	return eval.FieldLevel
}
