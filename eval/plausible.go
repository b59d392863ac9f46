package eval

import (
	"fmt"
	"maps"
	"strings"

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
	if c.Level.Valid && !prev.Valid && ind.Measure == rules.Level && levelUnit != "%" {
		if msg, ok := farFromTarget(conv, ind, c.Level.Decimal); !ok {
			if flag != nil {
				flag(FieldLevel, "核对单位（万元与亿元、人与万人）；确实如此的，在规则中写出 baseline.level（上年值）后重新评估", "%s", msg)
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

// farFromTarget checks a level v of ind that has no last year's level to
// be compared with against its target instead: a level PlausibleTarget-
// Ratio times its target, or at most its inverse, is most likely typed in
// another unit (1050000 in a 亿元 cell: a 万元 figure). It returns why,
// naming the likely unit where one fits, and false; or true. The low side
// is not checked for a multi-year goal, whose first years may be far from
// it.
func farFromTarget(conv rules.Conventions, ind *rules.Indicator, v decimal.Decimal) (string, bool) {
	t := ind.Target.Value
	switch ind.Target.Kind {
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
	case rules.Between:
		t = ind.Target.Low
	default:
		return "", true
	}
	limit := conv.PlausibleTargetRatio
	if !t.IsPositive() || !v.IsPositive() || !limit.GreaterThan(one) {
		return "", true
	}
	ratio := divRound(v, t, divPrecision)
	high := !ratio.LessThan(limit)
	if !high && (ind.Target.Years > 1 || ratio.Mul(limit).GreaterThan(one)) {
		return "", true
	}
	msg := fmt.Sprintf("%s本年 %s%s 是目标 %s%s 的 %s 倍，又没有上年值可比", ind.Name, v, ind.Unit, t, ind.Unit,
		ratio.Round(4).String())
	if unit, factor, ok := likelyUnit(ind.Unit, ratio); ok {
		msg += fmt.Sprintf("，像是按%s填报的（%s%s 折合 %s%s）", unit, v, unit, v.Mul(factor).String(), ind.Unit)
	}
	return msg, false
}

// unitPrefixes are the multipliers a Chinese unit may carry, with their
// powers of ten, longest first.
var unitPrefixes = []struct {
	word string
	exp  int32
}{{"万亿", 12}, {"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}, {"千", 3}, {"", 0}}

// likelyUnit is the unit a figure ratio times what was expected was most
// likely typed in, of the same kind as unit (亿元 → 万元, 人 → 万人), with
// the factor that turns a figure in it into unit; false when none fits.
func likelyUnit(unit string, ratio decimal.Decimal) (string, decimal.Decimal, bool) {
	base, exp := unit, int32(0)
	for _, p := range unitPrefixes {
		if p.word != "" && strings.HasPrefix(unit, p.word) && len(unit) > len(p.word) {
			base, exp = strings.TrimPrefix(unit, p.word), p.exp
			break
		}
	}
	want := exp - log10Round(ratio) // the power of ten of the likely unit
	for _, p := range unitPrefixes {
		if p.exp == want && p.exp != exp {
			return p.word + base, decimal.New(1, want-exp), true
		}
	}
	return "", decimal.Zero, false
}

// sqrt10 is √10, where a power of ten rounds up to the next.
var sqrt10 = decimal.RequireFromString("3.16227766")

// log10Round is log10 of d > 0 rounded to the nearest integer.
func log10Round(d decimal.Decimal) int32 {
	m := int32(d.NumDigits()) + d.Exponent() - 1 // ⌊log10 d⌋
	if !d.Shift(-m).LessThan(sqrt10) {
		m++
	}
	return m
}
