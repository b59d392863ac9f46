package rules

import "github.com/shopspring/decimal"

// Tolerance is the 左右 tolerance that applies to ind: its own, or the
// ruleset's.
func (rs *Ruleset) Tolerance(ind *Indicator) decimal.Decimal {
	if ind.Target.Tolerance.Valid {
		return ind.Target.Tolerance.Decimal
	}
	return rs.Conventions.ApproxTolerance
}

// TopN is what 前列 means for ind: its own N, or the ruleset's.
func (rs *Ruleset) TopN(ind *Indicator) int {
	if ind.Target.N > 0 {
		return ind.Target.N
	}
	return rs.Conventions.TopN
}

// Bound is the number an actual must reach (in the indicator's favourable
// direction) for the target to count as met: X for 以上/以内, X ∓ tolerance
// for 左右, the near end of a range. It is zero for targets without a
// number of their own (稳定增长, 同步, 前列, 是/否).
func (rs *Ruleset) Bound(ind *Indicator) decimal.Decimal {
	return boundOf(rs, ind)
}

func boundOf(rs *Ruleset, ind *Indicator) decimal.Decimal {
	t := ind.Target
	switch t.Kind {
	case AtLeast, AtMost, Above, Below:
		return t.Value
	case Approx:
		if ind.LowerIsBetter() {
			return t.Value.Add(rs.Tolerance(ind))
		}
		return t.Value.Sub(rs.Tolerance(ind))
	case Between:
		if ind.LowerIsBetter() {
			return t.High
		}
		return t.Low
	case TopN:
		return decimal.NewFromInt(int64(rs.TopN(ind)))
	}
	return decimal.Zero
}
