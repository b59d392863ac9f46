package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// Period is the part of the year an evaluation covers (时序进度).
type Period struct {
	Code   string // year, Q1, H1, Q3, M1 … M12
	Months int    // months elapsed
}

// Year is the whole year.
var Year = Period{Code: "year", Months: 12}

// ParsePeriod reads year, Q1, H1, Q3 or M1 … M12.
func ParsePeriod(s string) (Period, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	switch c {
	case "", "YEAR", "Y", "FY":
		return Year, nil
	case "Q1":
		return Period{Code: "Q1", Months: 3}, nil
	case "H1", "Q2":
		return Period{Code: "H1", Months: 6}, nil
	case "Q3":
		return Period{Code: "Q3", Months: 9}, nil
	case "Q4", "H2":
		return Year, nil
	}
	if m, err := strconv.Atoi(strings.TrimPrefix(c, "M")); err == nil && strings.HasPrefix(c, "M") && m >= 1 && m <= 12 {
		if m == 12 {
			return Year, nil
		}
		return Period{Code: "M" + strconv.Itoa(m), Months: m}, nil
	}
	return Period{}, fmt.Errorf("unknown period %q: want year, Q1, H1, Q3 or M1..M12", s)
}

// IsYear reports whether the period is the whole year.
func (p Period) IsYear() bool { return p.Months == 0 || p.Months >= 12 }

// Label is the period in Chinese: 1-6月, 全年.
func (p Period) Label() string {
	if p.IsYear() {
		return "全年"
	}
	if p.Months == 1 {
		return "1月"
	}
	return fmt.Sprintf("1-%d月", p.Months)
}

// Share is the part of a cumulative target due by the end of the period:
// the ruleset's schedule, or months elapsed / 12.
func (p Period) Share(rs *rules.Ruleset) decimal.Decimal {
	if p.IsYear() {
		return one
	}
	if s, ok := rs.Schedule[p.Code]; ok {
		return s
	}
	return divRound(decimal.NewFromInt(int64(p.Months)), decimal.NewFromInt(12), divPrecision)
}

// Progress is the 时间过半、任务过半 sentence for the period.
func (p Period) Progress(rs *rules.Ruleset) string {
	if p.IsYear() {
		return "全年"
	}
	share := rs.Conventions.Rounding.Round(p.Share(rs).Mul(hundred), 1)
	return fmt.Sprintf("%s，时序进度%s%%", p.Label(), share)
}

// forPeriod returns a copy of rs whose cumulative targets are pro-rated to
// the period. Rate targets are unchanged; year-end targets are returned in
// the set yearEnd, to be shown but not judged. The indicators are copies,
// taken from prorated (made by proRatedIndicators for the same share) when
// it has them.
func forPeriod(rs *rules.Ruleset, p Period, prorated map[*rules.Indicator]*rules.Indicator) (*rules.Ruleset, map[string]bool) {
	if p.IsYear() {
		return rs, nil
	}
	var share decimal.Decimal
	shared := false
	out := *rs
	out.Indicators = make([]*rules.Indicator, len(rs.Indicators))
	yearEnd := map[string]bool{}
	for i, ind := range rs.Indicators {
		if ind.PeriodKindOf() == rules.YearEnd {
			yearEnd[ind.ID] = true
		}
		if c := prorated[ind]; c != nil {
			out.Indicators[i] = c
			continue
		}
		if !shared {
			share, shared = p.Share(rs), true
		}
		out.Indicators[i] = proRated(ind, share)
	}
	return &out, yearEnd
}

// proRated is a copy of ind, its target pro-rated by share if it is
// cumulative.
func proRated(ind *rules.Indicator, share decimal.Decimal) *rules.Indicator {
	c := *ind
	if ind.PeriodKindOf() == rules.Cumulative {
		// Pro-rated targets keep two decimals more than the indicator is
		// published with.
		places := ind.Precision + 2
		t := c.Target
		t.Value = t.Value.Mul(share).Round(places)
		t.Low = t.Low.Mul(share).Round(places)
		t.High = t.High.Mul(share).Round(places)
		c.Target = t
	}
	return &c
}

// proRatedIndicators makes, for units judged in one period, the
// pro-rated copies of their indicators once, to be shared by units with
// the same indicator and share of the year (most units share most
// indicators). It returns, per unit, the copies for forPeriod; nil for
// the whole year.
func proRatedIndicators(units []Unit, p Period) []map[*rules.Indicator]*rules.Indicator {
	if p.IsYear() {
		return nil
	}
	out := make([]map[*rules.Indicator]*rules.Indicator, len(units))
	byShare := map[string]map[*rules.Indicator]*rules.Indicator{}
	for i, u := range units {
		share := p.Share(u.Ruleset)
		key := share.String() + "e" + strconv.Itoa(int(share.Exponent()))
		m := byShare[key]
		if m == nil {
			m = map[*rules.Indicator]*rules.Indicator{}
			byShare[key] = m
		}
		for _, ind := range u.Ruleset.Indicators {
			if m[ind] == nil {
				m[ind] = proRated(ind, share)
			}
		}
		out[i] = m
	}
	return out
}
