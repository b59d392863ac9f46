package eval

import (
	"runtime"
	"sync"

	"github.com/attain-tool/attain/rules"
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
// The actuals are unpacked once for each pass; units is only read.
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
	light := make([]*Assessment, n)
	err := orderedParallel(n, func(i int) T {
		u := units[i].unpack()
		o := opts
		o.Peers = st.peers(i, u.Ruleset)
		o.Progress = nil
		var pr map[*rules.Indicator]*rules.Indicator
		if prorated != nil {
			pr = prorated[i]
		}
		a := evaluate(u.Ruleset, named(u), o, screenActuals(u.Ruleset, u.Actuals), pr)
		l := *a // what rankTotals ranks on, without the results
		l.Results, l.Groups = nil, nil
		light[i] = &l
		return work(i, a)
	}, func(i int, v T) error {
		tick()
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
