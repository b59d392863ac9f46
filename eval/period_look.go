package eval

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// The checks of periodLook: a cumulative figure "looks like the whole year"
// in a period run when it has reached lookFull of the year's target and is
// at least lookAhead times the period's share of it; it "looks like part
// of the year" in a year run when it is at most lookPart of the target.
// Either says so only when at least lookMin such figures make up at least
// two thirds of the cumulative figures given: one figure far ahead or
// behind is news, most of them is a mistake of period.
var (
	lookFull  = decimal.RequireFromString("0.9")
	lookAhead = decimal.RequireFromString("1.5")
	lookPart  = decimal.RequireFromString("0.6")
)

const lookMin = 2

// periodLook warns when the figures look as if they were for another part
// of the year than the run is: year-end figures judged as 1-3月, or 1-6月
// figures judged as the year.
func periodLook(rs *rules.Ruleset, in Actuals, p Period) rules.Diagnostics {
	share := decimal.NewFromInt(1)
	if !p.IsYear() {
		share = p.Share(rs)
	}
	var given, odd int
	var names []string
	for _, ind := range rs.Indicators {
		act := in.Values[ind.ID]
		target := ind.Target.Value
		if act == nil || !act.Level.Valid || ind.PeriodKindOf() != rules.Cumulative || !target.IsPositive() ||
			act.Level.Decimal.IsNegative() {
			continue
		}
		given++
		ratio := act.Level.Decimal.DivRound(target, 4)
		var looks bool
		if p.IsYear() {
			looks = ratio.LessThanOrEqual(lookPart)
		} else {
			looks = ratio.GreaterThanOrEqual(lookFull) && ratio.GreaterThanOrEqual(share.Mul(lookAhead))
		}
		if looks {
			odd++
			names = append(names, ind.Name)
		}
	}
	if odd < lookMin || 3*odd < 2*given {
		return nil
	}
	list := strings.Join(names[:min(3, len(names))], "、")
	pos := rules.Pos{File: in.File}
	var ds rules.Diagnostics
	if p.IsYear() {
		ds.Warnf(pos, "如果是年内累计数，请按其时段评估（--period H1 等），累计目标将按时序进度折算",
			"这些数看起来是年内累计数，不是全年数：%s等%d项累计指标（共%d项有数）只完成全年目标的%s以下",
			list, odd, given, percentText(lookPart))
		return ds
	}
	ds.Warnf(pos, fmt.Sprintf("核对填报的是不是%s的累计数；全年数据请不加 --period 评估", p.Label()),
		"%s的累计数看起来是全年数：%s等%d项累计指标（共%d项有数）已达到全年目标的%s以上，而时序进度为%s",
		p.Label(), list, odd, given, percentText(lookFull), percentText(share))
	return ds
}

// percentText writes a share as a percentage: 0.9 is 90%, 0.25 is 25%.
func percentText(d decimal.Decimal) string {
	return d.Mul(decimal.NewFromInt(100)).Round(1).String() + "%"
}
