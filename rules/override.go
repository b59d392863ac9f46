package rules

import (
	"strings"

	"github.com/shopspring/decimal"
)

// TargetOverride is one cell of a targets table (单位 × 指标): the number a
// unit's target takes instead of the ruleset's, as typed.
type TargetOverride struct {
	Text string
	Pos  Pos
}

// WithTargets returns a copy of rs for one unit, its entity renamed and
// the target numbers replaced by the overrides, keyed by indicator id. A
// value is a number ("8.5", "8.5%", "10000") or, for a range target, two
// numbers ("6-6.5", "6~6.5", "6至6.5"). The ruleset itself is not changed.
func (rs *Ruleset) WithTargets(entity string, overrides map[string]TargetOverride) (*Ruleset, Diagnostics) {
	out := *rs
	if entity != "" {
		out.Entity = entity
	}
	out.Indicators = make([]*Indicator, len(rs.Indicators))
	copy(out.Indicators, rs.Indicators)
	var ds Diagnostics
	for id, o := range overrides {
		i := -1
		for k, ind := range rs.Indicators {
			if ind.ID == id {
				i = k
			}
		}
		if i < 0 {
			ds.Errorf(o.Pos, "目标表的指标应为规则集中的指标编码", "目标表中的指标 %q 不在规则集 %s 中", id, rs.ID)
			continue
		}
		c := *rs.Indicators[i]
		lo, hi, isRange, ok := ParseTargetNumber(o.Text)
		switch {
		case strings.TrimSpace(o.Text) == "":
			continue
		case !ok:
			ds.Errorf(o.Pos, "写成数字，如 8.5；区间写成 6-6.5", "%s 的目标值 %q 不是数字", c.Name, o.Text)
			continue
		case c.Target.Kind == Between && !isRange:
			ds.Errorf(o.Pos, "区间目标写成 6-6.5", "%s 的目标是区间，目标表中只有一个数 %q", c.Name, o.Text)
			continue
		case c.Target.Kind != Between && isRange:
			ds.Errorf(o.Pos, "此目标只要一个数", "%s 的目标不是区间，目标表中却是 %q", c.Name, o.Text)
			continue
		}
		switch c.Target.Kind {
		case AtLeast, AtMost, Above, Below, Approx:
			c.Target.Value = lo
		case Between:
			c.Target.Low, c.Target.High = lo, hi
		case TopN:
			if !lo.IsInteger() || !lo.IsPositive() {
				ds.Errorf(o.Pos, "前列名次写成正整数，如 3", "%s 的名次 %q 不是正整数", c.Name, o.Text)
				continue
			}
			c.Target.N = int(lo.IntPart())
		default:
			ds.Errorf(o.Pos, "这类目标（"+string(c.Target.Kind)+"）没有可替换的数值", "%s 的目标不能在目标表中改写", c.Name)
			continue
		}
		c.Target.Text = c.Target.Text + "（本单位目标 " + strings.TrimSpace(o.Text) + "）"
		out.Indicators[i] = &c
	}
	ds.Sort()
	return &out, ds
}

// ParseTargetNumber reads a target number as typed in a targets table:
// "8.5", "8.5%", "＋８.５", "6-6.5", "6~6.5", "6至6.5", "-3".
func ParseTargetNumber(s string) (lo, hi decimal.Decimal, isRange, ok bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		switch r {
		case ' ', '%', ',', '\u3000':
			continue
		case '～', '〜', '—', '－':
			r = '~'
		case '至', '到':
			r = '~'
		}
		b.WriteRune(r)
	}
	t := b.String()
	// A '-' after the first character separates a range; a leading one is
	// a sign.
	if i := strings.IndexAny(t[min(1, len(t)):], "-~"); i >= 0 && len(t) > 0 {
		i++
		a, err1 := decimal.NewFromString(strings.TrimPrefix(t[:i], "+"))
		c, err2 := decimal.NewFromString(strings.TrimPrefix(t[i+1:], "+"))
		if err1 != nil || err2 != nil || a.GreaterThan(c) {
			return lo, hi, true, false
		}
		return a, c, true, true
	}
	v, err := decimal.NewFromString(strings.TrimPrefix(t, "+"))
	if err != nil {
		return lo, hi, false, false
	}
	return v, v, false, true
}
