package eval

import (
	"fmt"
	"maps"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

var minusHundred = decimal.NewFromInt(-100)

// screen checks reported figures for values that cannot be or are very
// unlikely to be right: negative counts and amounts, rates outside 0–100,
// growth beyond the ruleset's bound or below −100%, a level many times last
// year's. Such a figure is flagged as a problem and not used: the indicator
// shows 无数据 with the reason, rather than a verdict built on a typo.
// It returns the reason per indicator id and the actuals without the
// suspect figures.
func screen(rs *rules.Ruleset, in Actuals) (Actuals, map[string]string, rules.Diagnostics) {
	conv := rs.Conventions
	out := in // its Values are copied on the first figure left out
	copied := false
	var reasons map[string]string
	var ds rules.Diagnostics
	var id string
	var a *Actual
	flag := func(f Field, hint, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		ds.Add(rules.Diagnostic{Pos: a.Source(f), Severity: rules.Warning, Indicator: id,
			Summary: "数据存疑，未采用: " + msg, Hint: hint})
		if reasons == nil {
			reasons = map[string]string{}
		}
		if reasons[id] == "" {
			reasons[id] = msg
		}
	}
	// In the ruleset's order, so that problems at the same position (or
	// at none) come out in the same order every run.
	for _, ind := range rs.Indicators {
		id = ind.ID
		if a = in.Values[id]; a == nil || rs.Indicator(id) != ind {
			continue // no figures, or a later indicator with the same id
		}
		if c, changed := screened(conv, ind, a, flag); changed {
			if !copied {
				out.Values, copied = maps.Clone(in.Values), true
			}
			kept := c
			out.Values[id] = &kept
		}
	}
	return out, reasons, ds
}

// screened returns a copy of a without the figures screen rejects, and
// whether it rejected any. flag, when not nil, is told why each was
// rejected.
func screened(conv rules.Conventions, ind *rules.Indicator, a *Actual, flag func(f Field, hint, format string, args ...any)) (c Actual, changed bool) {
	c = *a
	levelUnit := ind.Unit
	if ind.Measure == rules.Growth {
		levelUnit = ind.LevelUnit
	}
	if c.Growth.Valid {
		g := c.Growth.Decimal
		switch {
		case cmpDec(g, minusHundred) < 0:
			if flag != nil {
				flag(FieldGrowth, "增速不可能低于 -100%；核对是否填错列或单位", "%s增速 %s%% 低于 -100%%", ind.Name, g)
			}
			c.Growth = decimal.NullDecimal{}
		case cmpDec(g, conv.PlausibleGrowth) > 0:
			if flag != nil {
				flag(FieldGrowth, "核对是否把总量填进了增速列，或把 8.5% 写成了 850", "%s增速 %s%% 超过 %s%%", ind.Name, g, conv.PlausibleGrowth)
			}
			c.Growth = decimal.NullDecimal{}
		}
	}
	if c.Level.Valid {
		v := c.Level.Decimal
		switch {
		case v.IsNegative() && levelUnit != "%":
			if flag != nil {
				flag(FieldLevel, "总量和人数不能为负数；核对符号", "%s填报为负数 %s%s", ind.Name, v, levelUnit)
			}
			c.Level = decimal.NullDecimal{}
		case levelUnit == "%" && (v.IsNegative() || cmpDec(v, hundred) > 0):
			if flag != nil {
				flag(FieldLevel, "比率应在 0 到 100 之间；0.04 这样的小数请设为百分比格式", "%s填报为 %s%%，不在 0 到 100 之间", ind.Name, v)
			}
			c.Level = decimal.NullDecimal{}
		}
	}
	prev := c.PrevLevel
	if !prev.Valid {
		prev = ind.Baseline.Level
	}
	if c.Level.Valid && prev.Valid && prev.Decimal.IsPositive() && c.Level.Decimal.IsPositive() && levelUnit != "%" {
		ratio := divRound(c.Level.Decimal, prev.Decimal, divPrecision)
		if ratio.GreaterThan(conv.PlausibleRatio) || ratio.Mul(conv.PlausibleRatio).LessThan(one) {
			if flag != nil {
				flag(FieldLevel, "核对单位（万元与亿元、人与万人）", "%s本年 %s%s 是上年 %s%s 的 %s 倍",
					ind.Name, c.Level.Decimal, levelUnit, prev.Decimal, levelUnit, ratio.Round(4))
			}
			c.Level = decimal.NullDecimal{}
		}
	}
	if c.PrevLevel.Valid && c.PrevLevel.Decimal.IsNegative() {
		if flag != nil {
			flag(FieldPrevLevel, "上年实际值不能为负数", "%s上年实际值填报为负数 %s", ind.Name, c.PrevLevel.Decimal)
		}
		c.PrevLevel = decimal.NullDecimal{}
	}
	return c, c.Growth != a.Growth || c.Level != a.Level || c.PrevLevel != a.PrevLevel
}
