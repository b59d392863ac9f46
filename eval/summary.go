package eval

import "github.com/shopspring/decimal"

// CitySummary is what a city run adds up over its units: the figures of
// the scorecard's 总览, the JSON's "summary" and the table's closing lines.
// Totals are the units' Total (after any veto), as ranked.
type CitySummary struct {
	Units  int
	Vetoed int // units whose total a 一票否决 zeroed
	// MeanTotal is the mean of the units' totals, rounded to 2 places by
	// the ruleset's rounding rule; MaxTotal and MinTotal are the highest
	// and the lowest (which need not be the first and the last ranked,
	// when units are ranked by score rate). All three are zero for a run
	// without units.
	MeanTotal, MaxTotal, MinTotal decimal.Decimal
	// Statuses counts every judged indicator of every unit by status, in
	// the order of Statuses; a status no unit has is left out, except the
	// four verdicts and 无数据, which are always there.
	Statuses []StatusCount
	// Grades lists, for each grade of the ruleset in its order, the units
	// that earned it, in rank order.
	Grades []GradeUnits
}

// GradeUnits is one grade and the units that earned it.
type GradeUnits struct {
	Grade string
	Units []string
}

// summaryPlaces is the precision of the mean total, as totals are shown.
const summaryPlaces = 2

// Summary adds up the city's units.
func (c *City) Summary() CitySummary {
	ranked := c.Ranked()
	s := CitySummary{Units: len(ranked)}
	if len(ranked) == 0 {
		return s
	}
	rs := ranked[0].Ruleset
	sum := decimal.Zero
	counts := map[Status]int{}
	for _, a := range ranked {
		sum = sum.Add(a.Total)
		if a.Veto != "" {
			s.Vetoed++
		}
		for _, n := range a.Counts {
			counts[n.Status] += n.Count
		}
	}
	s.MeanTotal = rs.Conventions.Rounding.Round(sum.DivRound(decimal.NewFromInt(int64(len(ranked))), 10), summaryPlaces)
	s.MaxTotal, s.MinTotal = ranked[0].Total, ranked[0].Total
	for _, a := range ranked {
		s.MaxTotal, s.MinTotal = decimal.Max(s.MaxTotal, a.Total), decimal.Min(s.MinTotal, a.Total)
	}
	for _, st := range Statuses {
		if counts[st] == 0 && !summaryAlways[st] {
			continue
		}
		s.Statuses = append(s.Statuses, StatusCount{Status: st, Count: counts[st]})
	}
	for _, g := range rs.Conventions.Grades {
		gu := GradeUnits{Grade: g.Name}
		for _, a := range ranked {
			if a.Grade == g.Name {
				gu.Units = append(gu.Units, a.Entity)
			}
		}
		s.Grades = append(s.Grades, gu)
	}
	return s
}

// summaryAlways are the statuses a summary lists even at zero.
var summaryAlways = map[Status]bool{Exceeded: true, Met: true, NearlyMet: true, Missed: true, NoData: true}
