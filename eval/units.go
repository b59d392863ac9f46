package eval

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// Unit is one county-level unit of a multi-unit run, with its own ruleset
// (its own targets) and actuals.
type Unit struct {
	Name    string
	Ruleset *rules.Ruleset
	Actuals Actuals
}

// Peers is one unit's standing in its peer group, per indicator id.
type Peers struct {
	// Rank is the unit's rank per indicator (1 best; ties share).
	Rank map[string]int
	// Count is how many units have a figure for the indicator.
	Count map[string]int
	// Best and Worst are the group's best and worst judged figures.
	Best  map[string]decimal.Decimal
	Worst map[string]decimal.Decimal
}

// City is the judgement of many units at once.
type City struct {
	Units    []*Assessment // in input order
	Period   Period
	Problems rules.Diagnostics
}

// Ranked returns the units sorted by overall rank, then input order.
func (c *City) Ranked() []*Assessment {
	out := append([]*Assessment(nil), c.Units...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Rank < out[j].Rank })
	return out
}

// EvaluateUnits judges every unit, ranks units per indicator and overall
// (ties share a rank and the next rank is skipped: 1, 2, 2, 4), and applies
// the targets and scoring that depend on peers (前列 by peer rank,
// rank_points, efficacy). Units are judged twice: once for their figures,
// then again knowing their peers.
func EvaluateUnits(units []Unit, opts Options) *City {
	c := &City{Period: opts.Period}
	if c.Period.Months == 0 {
		c.Period = Year
	}
	first := make([]*Assessment, len(units))
	parallel(len(units), func(i int) {
		o := opts
		o.Peers = nil
		first[i] = EvaluateWith(units[i].Ruleset, named(units[i]), o)
	})
	peers := peerStanding(first)
	first = nil
	c.Units = make([]*Assessment, len(units))
	parallel(len(units), func(i int) {
		o := opts
		o.Peers = peers[i]
		c.Units[i] = EvaluateWith(units[i].Ruleset, named(units[i]), o)
	})
	rankTotals(c.Units)
	return c
}

// parallel runs f(0) … f(n−1) on every core. Units are judged
// independently (Evaluate shares nothing mutable), so the order does not
// matter.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func named(u Unit) Actuals {
	a := u.Actuals
	if u.Name != "" {
		a.Entity = u.Name
	}
	return a
}

// peerStanding ranks the units on every indicator by their judged figure,
// in the indicator's favourable direction.
func peerStanding(as []*Assessment) []*Peers {
	peers := make([]*Peers, len(as))
	for i := range peers {
		peers[i] = &Peers{Rank: map[string]int{}, Count: map[string]int{}, Best: map[string]decimal.Decimal{}, Worst: map[string]decimal.Decimal{}}
	}
	type entry struct {
		unit int
		v    decimal.Decimal // favourable: greater is better
	}
	byID := map[string][]entry{}
	var order []string
	for ui, a := range as {
		for _, r := range a.Results {
			id := r.Indicator.ID
			var v decimal.Decimal
			switch {
			case r.Indicator.Measure == rules.Rank && r.Rank > 0:
				v = decimal.NewFromInt(int64(-r.Rank))
			case r.Value.Valid && r.Indicator.Measure != rules.Rank:
				v = r.Value.Decimal
				if r.Indicator.Polarity == rules.Lower {
					v = v.Neg()
				}
			default:
				continue
			}
			if _, seen := byID[id]; !seen {
				order = append(order, id)
			}
			byID[id] = append(byID[id], entry{ui, v})
		}
	}
	for _, id := range order {
		es := byID[id]
		sort.SliceStable(es, func(i, j int) bool { return es[i].v.GreaterThan(es[j].v) })
		for k, e := range es {
			rank := k + 1
			if k > 0 && e.v.Equal(es[k-1].v) {
				rank = peers[es[k-1].unit].Rank[id]
			}
			p := peers[e.unit]
			p.Rank[id] = rank
			p.Count[id] = len(es)
		}
		best, worst := es[0].v, es[len(es)-1].v
		for _, p := range peers {
			p.Best[id], p.Worst[id] = best, worst
		}
	}
	return peers
}

// rankTotals gives each unit its overall rank by total score.
func rankTotals(as []*Assessment) {
	idx := make([]int, len(as))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return as[idx[i]].Total.GreaterThan(as[idx[j]].Total) })
	for k, i := range idx {
		as[i].Rank = k + 1
		if k > 0 && as[i].Total.Equal(as[idx[k-1]].Total) {
			as[i].Rank = as[idx[k-1]].Rank
		}
	}
}

// efficacy is the 功效系数法 score: 60 + 40 × (x − 不允许值)/(满意值 − 不允许值),
// within 0..100, times weight / 100. Bounds come from the rule, or from the
// best and worst unit of the peer group.
func (j *judge) efficacy(ind *rules.Indicator, r *Result) decimal.Decimal {
	if !r.Value.Valid {
		return decimal.Zero
	}
	s := ind.Scoring
	x := r.Value.Decimal
	var sat, allow decimal.Decimal
	switch {
	case s.Satisfactory.Valid:
		sat, allow = s.Satisfactory.Decimal, s.Allowable.Decimal
	case j.peers != nil && j.peers.Count[ind.ID] > 0:
		sat, allow = j.peers.Best[ind.ID], j.peers.Worst[ind.ID]
		if ind.Polarity == rules.Lower { // stored favourable-negated
			sat, allow = sat.Neg(), allow.Neg()
		}
	default:
		r.Explanation += "；功效系数法需要满意值和不允许值，或同组单位"
		return decimal.Zero
	}
	coef := hundred
	if !sat.Equal(allow) {
		forty := decimal.NewFromInt(40)
		coef = decimal.NewFromInt(60).Add(forty.Mul(x.Sub(allow)).DivRound(sat.Sub(allow), divPrecision))
	}
	coef = clamp(coef, decimal.Zero, hundred)
	r.Explanation += fmt.Sprintf("；功效系数%s（满意值%s，不允许值%s）", j.round(coef, 2).StringFixed(2), sat, allow)
	return ind.Weight.Mul(coef).DivRound(hundred, divPrecision)
}

// progress adds the 时序进度 sentence for cumulative targets judged before
// the year is over.
func (j *judge) progress(ind *rules.Indicator, r *Result) {
	if j.period.IsYear() || ind.PeriodKindOf() != rules.Cumulative || !r.Value.Valid {
		return
	}
	annual := j.annual.Bound(j.annual.Indicator(ind.ID))
	if !annual.IsPositive() {
		return
	}
	share := j.round(r.Value.Decimal.Mul(hundred).DivRound(annual, divPrecision), 1)
	elapsed := j.round(j.period.Share(j.annual).Mul(hundred), 1)
	word := "落后于"
	if share.GreaterThanOrEqual(elapsed) {
		word = "达到"
	}
	r.Explanation += fmt.Sprintf("；%s完成全年目标的%s%%，%s时序进度%s%%", j.period.Label(), share, word, elapsed)
}
