package eval

import (
	"cmp"
	"runtime"
	"slices"
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
	// Best and Worst are the group's best and worst judged figures, in
	// the favourable direction (negated for lower-is-better).
	//
	// EvaluateUnits gives every unit the same Count, Best and Worst maps;
	// they are only read.
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
// rank_points, efficacy). A light first pass finds each unit's judged
// figures (unitFigures), the units are ranked on them, and then every
// unit is judged in full, knowing its peers.
func EvaluateUnits(units []Unit, opts Options) *City {
	c := &City{Period: opts.Period}
	if c.Period.Months == 0 {
		c.Period = Year
	}
	tick := unitsProgress(opts.Progress, 2*len(units))
	figs := make([][]figure, len(units))
	screens := make([]*screening, len(units))
	parallel(len(units), func(i int) {
		screens[i] = screenActuals(units[i].Ruleset, units[i].Actuals)
		figs[i] = unitFigures(units[i].Ruleset, screens[i].in)
		tick()
	})
	st := rankFigures(units, figs)
	figs = nil
	prorated := proRatedIndicators(units, c.Period)
	c.Units = make([]*Assessment, len(units))
	parallel(len(units), func(i int) {
		o := opts
		o.Peers = st.peers(i, units[i].Ruleset)
		var pr map[*rules.Indicator]*rules.Indicator
		if prorated != nil {
			pr = prorated[i]
		}
		o.Progress = nil
		c.Units[i] = evaluate(units[i].Ruleset, named(units[i]), o, screens[i], pr)
		screens[i] = nil
		tick()
	})
	rankTotals(c.Units)
	if opts.Progress != nil {
		opts.Progress(2*len(units), 2*len(units))
	}
	return c
}

// unitsProgressEvery is how many steps pass between two Progress calls.
const unitsProgressEvery = 32

// unitsProgress returns the function each worker calls after a step: it
// counts the step and, now and then, tells report (one call at a time).
func unitsProgress(report func(done, total int), total int) func() {
	if report == nil {
		return func() {}
	}
	var mu sync.Mutex
	done := 0
	return func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		if done%unitsProgressEvery == 0 && done < total {
			report(done, total)
		}
	}
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

// figure is a unit's judged figure on one indicator, in the indicator's
// favourable direction (greater is better); ok is false when there is
// none.
type figure struct {
	v  decimal.Decimal
	ok bool
}

// unitFigures finds, for every indicator of rs in order, the figure
// peers are ranked by: the rank for ranks, else the judged figure
// (Result.Value) of a full judgement without peers — growth derived from
// levels where allowed, rounded once at the published precision — from
// actuals that passed the plausibility screen (screenActuals), without
// judging, scoring or explaining anything. A period does not change it:
// pro-rating changes targets, not figures.
func unitFigures(rs *rules.Ruleset, in Actuals) []figure {
	out := make([]figure, len(rs.Indicators))
	for k, ind := range rs.Indicators {
		act := in.Values[ind.ID]
		if act == nil {
			continue
		}
		if ind.Measure == rules.Rank {
			if act.Rank > 0 {
				out[k] = figure{decimal.NewFromInt(int64(-act.Rank)), true}
			}
			continue
		}
		if ind.Measure != rules.Growth && ind.Measure != rules.Level {
			continue
		}
		prev := act.PrevLevel
		if !prev.Valid {
			prev = ind.Baseline.Level
		}
		raw, _, _ := rawFigure(ind, act, prev)
		if !raw.Valid {
			continue
		}
		v := rs.Conventions.Rounding.Round(raw.Decimal, ind.Precision)
		if ind.LowerIsBetter() {
			v = v.Neg()
		}
		out[k] = figure{v, true}
	}
	return out
}

// standing is the units' ranks on every indicator, with the group's
// count, best and worst figure per indicator id.
type standing struct {
	// rank holds, per unit and position of an indicator in the unit's
	// ruleset, the unit's rank (0: no figure).
	rank [][]int
	// count, best and worst are the same for every unit and shared by
	// their Peers, which only read them.
	count       map[string]int
	best, worst map[string]decimal.Decimal
}

// peers returns unit i's standing as the Peers of its judgement.
func (st *standing) peers(i int, rs *rules.Ruleset) *Peers {
	p := &Peers{Rank: make(map[string]int, len(rs.Indicators)), Count: st.count, Best: st.best, Worst: st.worst}
	for k, ind := range rs.Indicators {
		if r := st.rank[i][k]; r > 0 {
			p.Rank[ind.ID] = r
		}
	}
	return p
}

// rankFigures ranks the units on every indicator id by their figures.
// An id a ruleset lists twice counts twice, with the figure of its first
// listing, as the judgement (which judges an id once) has it.
func rankFigures(units []Unit, figs [][]figure) *standing {
	type entry struct {
		unit int
		k    int // position of the indicator in the unit's ruleset
		v    decimal.Decimal
	}
	type column struct {
		entries []entry
		// last is 1 + the last unit that listed the id, first its
		// figure there.
		last  int
		first figure
	}
	st := &standing{rank: make([][]int, len(units)), count: map[string]int{},
		best: map[string]decimal.Decimal{}, worst: map[string]decimal.Decimal{}}
	cols := map[string]*column{}
	var order []*column
	var ids []string
	for ui, u := range units {
		inds := u.Ruleset.Indicators
		st.rank[ui] = make([]int, len(inds))
		for k, ind := range inds {
			col := cols[ind.ID]
			if col == nil {
				col = &column{entries: make([]entry, 0, len(units))}
				cols[ind.ID] = col
				order = append(order, col)
				ids = append(ids, ind.ID)
			}
			f := figs[ui][k]
			if col.last == ui+1 { // listed twice: judged once
				f = col.first
			} else {
				col.last, col.first = ui+1, f
			}
			if f.ok {
				col.entries = append(col.entries, entry{ui, k, f.v})
			}
		}
	}
	for ci, col := range order {
		es := col.entries
		if len(es) == 0 {
			continue
		}
		id := ids[ci]
		// Best first; equal figures keep the input order. Figures of one
		// indicator are rounded alike, so they nearly always share an
		// exponent and then compare as their coefficients.
		if key, ok := int64Keys(es, func(e entry) decimal.Decimal { return e.v }); ok {
			idx := make([]int32, len(es))
			for i := range idx {
				idx[i] = int32(i)
			}
			slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(key[b], key[a]) })
			sorted := make([]entry, len(es))
			rank := 0
			for k, i := range idx {
				if k == 0 || key[i] != key[idx[k-1]] {
					rank = k + 1
				}
				sorted[k] = es[i]
				st.rank[es[i].unit][es[i].k] = rank
			}
			es = sorted
		} else {
			slices.SortStableFunc(es, func(a, b entry) int { return b.v.Cmp(a.v) })
			rank := 0
			for k, e := range es {
				if k == 0 || !e.v.Equal(es[k-1].v) {
					rank = k + 1
				}
				st.rank[e.unit][e.k] = rank
			}
		}
		st.count[id] = len(es)
		st.best[id], st.worst[id] = es[0].v, es[len(es)-1].v
	}
	return st
}

// int64Keys returns the coefficients of the decimals of xs when they all
// have the same exponent and fit in an int64, so that comparing the keys
// compares the decimals.
func int64Keys[T any](xs []T, dec func(T) decimal.Decimal) ([]int64, bool) {
	if len(xs) == 0 {
		return nil, true
	}
	exp := dec(xs[0]).Exponent()
	keys := make([]int64, len(xs))
	for i, x := range xs {
		d := dec(x)
		if d.Exponent() != exp || d.NumDigits() > 18 {
			return nil, false
		}
		keys[i] = d.CoefficientInt64()
	}
	return keys, true
}

// rankTotals gives each unit its overall rank: by score rate (total ÷
// full marks, compared exactly, so that units whose full marks differ are
// ranked on what they can be compared on), or by total score where the
// first unit's ruleset says city_rank: total. Ties share a rank.
func rankTotals(as []*Assessment) {
	if len(as) == 0 {
		return
	}
	byTotal := as[0].Ruleset != nil && as[0].Ruleset.Conventions.CityRank == rules.RankByTotal
	cmpUnits := func(a, b *Assessment) int { // > 0 when a ranks above b
		if byTotal {
			return a.Total.Cmp(b.Total)
		}
		return compareRates(a.Total, a.FullMarks, b.Total, b.FullMarks)
	}
	idx := make([]int, len(as))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return cmpUnits(as[idx[i]], as[idx[j]]) > 0 })
	for k, i := range idx {
		as[i].Rank = k + 1
		if k > 0 && cmpUnits(as[i], as[idx[k-1]]) == 0 {
			as[i].Rank = as[idx[k-1]].Rank
		}
	}
}

// compareRates compares the score rates t1 ÷ f1 and t2 ÷ f2 exactly, by
// cross-multiplying; a unit without full marks has a rate of 0.
func compareRates(t1, f1, t2, f2 decimal.Decimal) int {
	if !f1.IsPositive() {
		t1, f1 = decimal.Zero, one
	}
	if !f2.IsPositive() {
		t2, f2 = decimal.Zero, one
	}
	return t1.Mul(f2).Cmp(t2.Mul(f1))
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
		if ind.LowerIsBetter() { // stored favourable-negated
			sat, allow = sat.Neg(), allow.Neg()
		}
	default:
		r.Explanation += "；功效系数法需要满意值和不允许值，或同组单位"
		return decimal.Zero
	}
	coef := hundred
	if !sat.Equal(allow) {
		coef = sixty.Add(divRound(forty.Mul(x.Sub(allow)), sat.Sub(allow), divPrecision))
	}
	coef = clamp(coef, decimal.Zero, hundred)
	r.Explanation += "；功效系数" + j.round(coef, 2).StringFixed(2) + "（满意值" + sat.String() + "，不允许值" + allow.String() + "）"
	return divRound(ind.Weight.Mul(coef), hundred, divPrecision)
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
	share := j.round(divRound(r.Value.Decimal.Mul(hundred), annual, divPrecision), 1)
	elapsed := j.round(j.period.Share(j.annual).Mul(hundred), 1)
	word := "落后于"
	if cmpDec(share, elapsed) >= 0 {
		word = "达到"
	}
	r.Explanation += "；" + j.period.Label() + "完成全年目标的" + share.String() + "%，" + word + "时序进度" + elapsed.String() + "%"
}
