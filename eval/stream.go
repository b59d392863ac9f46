package eval

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// PackedUnit is a Unit whose actuals are packed (PackTable.Pack): what a
// city of many thousand units holds while it is judged.
type PackedUnit struct {
	Name    string
	Ruleset *rules.Ruleset
	Actuals *PackedActuals
}

// PackUnits packs the actuals of units with one table.
func PackUnits(units []Unit) []PackedUnit {
	t := NewPackTable()
	out := make([]PackedUnit, len(units))
	for i, u := range units {
		out[i] = PackedUnit{Name: u.Name, Ruleset: u.Ruleset, Actuals: t.Pack(u.Actuals)}
	}
	return out
}

func (u PackedUnit) unpack() Unit {
	return Unit{Name: u.Name, Ruleset: u.Ruleset, Actuals: u.Actuals.Unpack()}
}

// CityStream is what EvaluateUnitsStream keeps once every unit is judged.
type CityStream struct {
	Period Period
	// Units are the units' assessments in input order, as EvaluateUnits
	// gives them (the overall Rank too) but without their Results and
	// Groups: totals, grade, counts, veto and problems.
	Units []*Assessment
}

// EvaluateUnitsStream judges units as EvaluateUnits does, with the same
// figures, ranks, targets and scores, but never holds more than a few
// judgements at a time: each unit's assessment is handed to work as soon
// as it is judged and let go when work returns, so that memory does not
// grow with the units' results (a city of 12,000 units × 50 indicators
// judges 600,000 Results, some 200 MB).
//
// A first pass finds every unit's judged figures (unitFigures) and keeps
// them compactly, about 16 bytes each; the units are ranked on them; then
// each unit is judged in full, knowing its peers. work runs on every core
// at once, for one unit at a time each, and must be safe for concurrent
// use; each is called with what work made of unit i, one call at a time,
// in input order. The assessment handed to work has no overall Rank yet,
// as that depends on every unit's total: the CityStream returned has it.
// An error from each stops the evaluation and is returned.
//
// The actuals are unpacked once for each pass; units is only read, unless
// opts.Release asks for each unit's actuals to be let go once judged.
func EvaluateUnitsStream[T any](units []PackedUnit, opts Options, work func(i int, a *Assessment) T, each func(i int, v T) error) (*CityStream, error) {
	cs := &CityStream{Period: opts.Period}
	if cs.Period.Months == 0 {
		cs.Period = Year
	}
	n := len(units)
	tick := unitsProgress(opts.Progress, 2*n)
	figs := make([][]packedFigure, n)
	var bigs packedBigs
	parallel(n, func(i int) {
		u := units[i]
		in := screenActuals(u.Ruleset, u.Actuals.Unpack()).in
		figs[i] = packFigures(i, unitFigures(u.Ruleset, in), &bigs)
		tick()
	})
	st := rankPacked(units, figs, &bigs)
	figs = nil
	rulesets := make([]Unit, n)
	for i, u := range units {
		rulesets[i] = Unit{Ruleset: u.Ruleset}
	}
	prorated := proRatedIndicators(rulesets, cs.Period)
	rulesets = nil
	// What is kept of each unit is made in one block, not unit by unit
	// among the garbage of judging, which it would keep from being given
	// back (at 12,000 units that doubled the memory kept).
	light, lights := make([]*Assessment, n), make([]Assessment, n)
	pool := newLightPool()
	err := orderedParallel(n, func(i int) T {
		u := units[i].unpack()
		if opts.Release {
			units[i].Actuals = nil
		}
		o := opts
		o.Peers = st.peers(i, u.Ruleset)
		o.Progress = nil
		var pr map[*rules.Indicator]*rules.Indicator
		if prorated != nil {
			pr = prorated[i]
		}
		a := evaluate(u.Ruleset, named(u), o, screenActuals(u.Ruleset, u.Actuals), pr)
		l := &lights[i] // what rankTotals ranks on, without the results
		*l = *a
		l.Results, l.Groups = nil, nil
		light[i] = l
		return work(i, a)
	}, func(i int, v T) error {
		tick()
		pool.share(light[i])
		return each(i, v)
	})
	if err != nil {
		return nil, err
	}
	rankTotals(light)
	cs.Units = light
	if opts.Progress != nil {
		opts.Progress(2*n, 2*n)
	}
	return cs, nil
}

// orderedWindow is how many units per core may be judged ahead of the one
// each is waiting for.
const orderedWindow = 4

// orderedParallel runs work(0) … work(n−1) on every core and hands each
// result to each, one at a time, in order; at most orderedWindow results
// per core wait for their turn. The first error of each stops it: no
// further work starts, and the error is returned once the work in flight
// is done.
func orderedParallel[T any](n int, work func(i int) T, each func(i int, v T) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := each(i, work(i)); err != nil {
				return err
			}
		}
		return nil
	}
	window := orderedWindow * workers
	var (
		mu    sync.Mutex
		cond  = sync.NewCond(&mu)
		ring  = make([]T, window)
		ready = make([]bool, window)
		next  int // the next result each takes
		stop  bool
		wg    sync.WaitGroup
	)
	jobs := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v := work(i)
				mu.Lock()
				ring[i%window], ready[i%window] = v, true
				cond.Broadcast()
				mu.Unlock()
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			mu.Lock()
			for i >= next+window && !stop {
				cond.Wait()
			}
			quit := stop
			mu.Unlock()
			if quit {
				return
			}
			jobs <- i
		}
	}()
	var err error
	for i := 0; i < n && err == nil; i++ {
		mu.Lock()
		for !ready[i%window] {
			cond.Wait()
		}
		v := ring[i%window]
		var zero T
		ring[i%window], ready[i%window] = zero, false
		mu.Unlock()
		err = each(i, v)
		mu.Lock()
		next = i + 1
		stop = err != nil
		cond.Broadcast()
		mu.Unlock()
	}
	wg.Wait()
	return err
}

// lightPool shares, between the assessments EvaluateUnitsStream keeps of
// every unit, the values that repeat from unit to unit: the full marks
// (one value for units of one ruleset), totals and score rates (of two
// and one decimals) and the counts of statuses, some 80 to 190 bytes a
// unit each otherwise: on the 12,000-unit table mkfixtures writes, what is
// kept of the units once judged is 5.7 MB with the pool, 8.8 MB without.
// Where the values seldom repeat its tables cost a little more than they
// save (TestEvaluateUnitsStreamKeepsLittle's synthetic figures: about 80
// bytes a unit). Decimals and the counts are never changed once made, so
// sharing them is safe. It runs one unit at a time.
type lightPool struct {
	decs   map[lightDec]decimal.Decimal
	counts map[lightCounts][]StatusCount
}

// lightDec is a decimal of at most 18 digits as its coefficient and
// exponent: 65.22 and 65.220 are two keys, as they are two values.
type lightDec struct {
	coef int64
	exp  int32
}

// lightCounts is a list of StatusCount in the order of Statuses: the count
// of each status, −1 for one not listed.
type lightCounts [8]int32

// lightPoolMax bounds each table: past it, values are kept as they are.
const lightPoolMax = 1 << 16

func newLightPool() *lightPool {
	return &lightPool{decs: map[lightDec]decimal.Decimal{}, counts: map[lightCounts][]StatusCount{}}
}

func (p *lightPool) share(a *Assessment) {
	a.Total, a.FullMarks, a.Percent = p.dec(a.Total), p.dec(a.FullMarks), p.dec(a.Percent)
	key, ok := lightCountsKey(a.Counts)
	if !ok {
		return
	}
	if c, found := p.counts[key]; found {
		a.Counts = c
	} else if len(p.counts) < lightPoolMax {
		a.Counts = slices.Clip(a.Counts)
		p.counts[key] = a.Counts
	}
}

func (p *lightPool) dec(d decimal.Decimal) decimal.Decimal {
	if d.NumDigits() > 18 {
		return d
	}
	key := lightDec{d.CoefficientInt64(), d.Exponent()}
	if v, ok := p.decs[key]; ok {
		return v
	}
	if len(p.decs) < lightPoolMax {
		p.decs[key] = d
	}
	return d
}

// lightCountsKey is the key of counts listed in the order of Statuses,
// each status at most once; ok is false for any other list.
func lightCountsKey(counts []StatusCount) (key lightCounts, ok bool) {
	if len(Statuses) > len(key) {
		return key, false
	}
	for k := range key {
		key[k] = -1
	}
	next := 0
	for _, c := range counts {
		k := slices.Index(Statuses, c.Status)
		if k < next || c.Count < 0 || c.Count > math.MaxInt32 {
			return key, false
		}
		key[k], next = int32(c.Count), k+1
	}
	return key, true
}
