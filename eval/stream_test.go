package eval

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// streamSets are the cities of TestEvaluateUnitsMatchesReference: units
// with targets, schedules and precisions of their own, ids listed twice,
// in_step cycles, a unit without figures, other conventions.
func streamSets(t *testing.T) map[string][]Unit {
	synth := synthRuleset(t)
	city, diags := rules.Parse("city.yaml", []byte(cityRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	mixed := synthUnits(synth, 30, 7)
	for i := range mixed {
		switch i % 3 {
		case 0:
			own, ds := synth.WithTargets(mixed[i].Name, map[string]rules.TargetOverride{"g_approx": {Text: "7"}, "l_jobs": {Text: "9000"}})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			mixed[i].Ruleset = own
		case 1:
			own := *synth
			own.Indicators = slices.Clone(synth.Indicators)
			for k, ind := range own.Indicators {
				if ind.ID == "l_jobs" || ind.ID == "g_rank" {
					c := *ind
					c.Precision++
					own.Indicators[k] = &c
				}
			}
			mixed[i].Ruleset = &own
		case 2:
			own := *synth
			own.Schedule = map[string]decimal.Decimal{"Q1": decimal.RequireFromString("0.3"), "H1": decimal.RequireFromString("0.45")}
			mixed[i].Ruleset = &own
		}
	}
	dup := *synth
	dup.Indicators = append(slices.Clone(synth.Indicators), synth.Indicators[6], synth.Indicators[12])
	for _, ref := range [][2]string{{"self", "self"}, {"cyc_a", "cyc_b"}, {"cyc_b", "cyc_a"}} {
		c := *synth.Indicator("g_step")
		c.ID, c.Target.With = ref[0], ref[1]
		dup.Indicators = append(dup.Indicators, &c)
	}
	dups := append(synthUnits(&dup, 12, 8), Unit{Name: "空单位", Ruleset: &dup})
	conv := *synth
	conv.Conventions.Rounding = rules.HalfUp
	conv.Conventions.InStepTolerance = decimal.RequireFromString("0.5")
	// Figures past 18 and past 9 digits, and of one indicator at other
	// exponents.
	wide := synthUnits(synth, 20, 5)
	for i, u := range wide {
		if a := u.Actuals.Values["l_jobs"]; a != nil && i%4 == 0 {
			a.Level = decimal.NewNullDecimal(decimal.RequireFromString("1234567890123456789012.5"))
		}
		if a := u.Actuals.Values["l_jobs"]; a != nil && i%4 == 1 {
			a.Level = decimal.NewNullDecimal(decimal.New(a.Level.Decimal.IntPart()*1000, -3))
		}
		// Past the 9 digits a packed figure holds, within an int64.
		if a := u.Actuals.Values["l_jobs"]; a != nil && i%4 == 2 {
			a.Level = decimal.NewNullDecimal(decimal.New(a.Level.Decimal.IntPart()*1000003, -2))
		}
	}
	return map[string][]Unit{
		"other conventions": synthUnits(&conv, 30, 9),
		"synthetic 40":      synthUnits(synth, 40, 1),
		"synthetic 1":       synthUnits(synth, 1, 3),
		"default 25":        synthUnits(rules.Default(), 25, 4),
		"city":              cityUnitsOf(city),
		"own targets":       mixed,
		"duplicate ids":     dups,
		"wide figures":      wide,
		"none":              nil,
	}
}

// TestEvaluateUnitsStream finds, for every city and period, the
// assessments EvaluateUnitsStream hands over (with the ranks it returns)
// field by field equal to those of EvaluateUnits, handed over once each
// and in input order.
func TestEvaluateUnitsStream(t *testing.T) {
	for name, units := range streamSets(t) {
		packed := PackUnits(units)
		for _, period := range []string{"year", "Q1", "H1"} {
			t.Run(name+"/"+period, func(t *testing.T) {
				p, err := ParsePeriod(period)
				if err != nil {
					t.Fatal(err)
				}
				want := EvaluateUnits(units, Options{Period: p})
				got := []*Assessment{}
				cs, err := EvaluateUnitsStream(packed, Options{Period: p}, func(i int, a *Assessment) *Assessment { return a },
					func(i int, a *Assessment) error {
						if i != len(got) {
							t.Fatalf("unit %d handed over after %d units", i, len(got))
						}
						got = append(got, a)
						return nil
					})
				if err != nil {
					t.Fatal(err)
				}
				for i, a := range got {
					a.Rank = cs.Units[i].Rank
					l := *a
					l.Results, l.Groups = nil, nil
					if diff := cmp.Diff(&l, cs.Units[i], cityCmp...); diff != "" {
						t.Errorf("unit %d kept (-want +got):\n%s", i, diff)
					}
				}
				if cs.Period != want.Period {
					t.Errorf("period %v, want %v", cs.Period, want.Period)
				}
				if diff := cmp.Diff(want.Units, got, cityCmp...); diff != "" {
					t.Errorf("EvaluateUnitsStream differs from EvaluateUnits (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestEvaluateUnitsStreamStops stops at the first error of each, and
// reports progress as EvaluateUnits does.
func TestEvaluateUnitsStreamStops(t *testing.T) {
	units := PackUnits(synthUnits(synthRuleset(t), 200, 2))
	stop := errors.New("stop")
	var worked atomic.Int32
	_, err := EvaluateUnitsStream(units, Options{}, func(i int, a *Assessment) int { worked.Add(1); return i },
		func(i, v int) error {
			if i == 10 {
				return stop
			}
			return nil
		})
	if err != stop {
		t.Fatalf("error %v, want %v", err, stop)
	}
	if n := worked.Load(); n > 10+1+orderedWindow*8 {
		t.Errorf("%d units judged after the error at the 11th", n)
	}
	var last [2]int
	calls := 0
	_, err = EvaluateUnitsStream(units, Options{Progress: func(done, total int) { calls++; last = [2]int{done, total} }},
		func(i int, a *Assessment) int { return i }, func(i, v int) error { return nil })
	if err != nil || last != [2]int{400, 400} || calls < 400/unitsProgressEvery {
		t.Errorf("progress: %d calls, last %v, error %v", calls, last, err)
	}
}

// TestEvaluateUnitsStreamRelease judges alike with and without Release,
// and lets go of every unit's actuals with it.
func TestEvaluateUnitsStreamRelease(t *testing.T) {
	units := synthUnits(synthRuleset(t), 60, 5)
	run := func(release bool) ([]PackedUnit, []string) {
		packed := PackUnits(units)
		var got []string
		cs, err := EvaluateUnitsStream(packed, Options{Release: release}, func(i int, a *Assessment) string {
			return fmt.Sprint(a.Entity, a.Total, a.Percent, a.Grade, a.Counts, len(a.Results), a.Results[3].Status, a.Results[3].Score)
		}, func(i int, v string) error { got = append(got, v); return nil })
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range cs.Units {
			got = append(got, fmt.Sprint(a.Rank, a.Total, a.FullMarks, a.Counts))
		}
		return packed, got
	}
	kept, want := run(false)
	released, got := run(true)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("with Release (-without +with):\n%s", d)
	}
	for i := range released {
		if released[i].Actuals != nil || kept[i].Actuals == nil {
			t.Fatalf("unit %d: actuals %v with Release, %v without", i, released[i].Actuals != nil, kept[i].Actuals != nil)
		}
	}
}

// TestEvaluateUnitsStreamKeepsLittle measures what EvaluateUnitsStream
// holds once the last unit is judged, per unit, from the heap at 300 and
// at 1,200 units of 50 indicators, less the problems found in the units'
// figures (kept to be reported; these synthetic figures have a dozen a
// unit): the units' actuals let go, what is kept of each (its total,
// grade, counts, rank) and its ranks, some 500 bytes. Holding the
// actuals (without Release) is twice that.
func TestEvaluateUnitsStreamKeepsLittle(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	rs := benchRuleset(t, 50)
	held := func(n int) (heap, problems float64) {
		packed := PackUnits(synthUnits(rs, n, 3))
		var ms runtime.MemStats
		cs, err := EvaluateUnitsStream(packed, Options{Release: true}, func(i int, a *Assessment) int { return i },
			func(i, _ int) error {
				if i == n-1 {
					runtime.GC()
					runtime.ReadMemStats(&ms)
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range cs.Units {
			problems += float64(cap(a.Problems)) * float64(unsafe.Sizeof(rules.Diagnostic{}))
			for _, d := range a.Problems {
				problems += float64(len(d.Summary) + len(d.Hint) + len(d.Pos.Cell) + len(d.Indicator))
			}
		}
		runtime.KeepAlive(packed)
		return float64(ms.HeapAlloc), problems
	}
	held(50) // warm up: the runtime's and the ruleset's own
	small, sp := held(300)
	large, lp := held(1200)
	per := (large - small - (lp - sp)) / 900
	t.Logf("%.0f bytes a unit, less %.0f of problems", per, (lp-sp)/900)
	if per > 1024 {
		t.Errorf("%.0f bytes held a unit once judged, want under 1 KiB", per)
	}
}

// TestLightPool shares values that repeat between units, and leaves the
// others alone.
func TestLightPool(t *testing.T) {
	d := decimal.RequireFromString
	counts := func(n ...int) []StatusCount {
		var out []StatusCount
		for k, c := range n {
			if c >= 0 {
				out = append(out, StatusCount{Status: Statuses[k], Count: c})
			}
		}
		return out
	}
	tests := []struct {
		name       string
		a, b       Assessment
		sameCounts bool
	}{
		{"equal", Assessment{Total: d("65.22"), FullMarks: d("100"), Percent: d("65.2"), Counts: counts(3, 2, 1, 0, 4, -1, -1)},
			Assessment{Total: d("65.22"), FullMarks: d("100"), Percent: d("65.2"), Counts: counts(3, 2, 1, 0, 4, -1, -1)}, true},
		{"other counts", Assessment{Counts: counts(3, 2, 1, 0, 4, -1, -1)}, Assessment{Counts: counts(3, 2, 1, 0, 4, 0, -1)}, false},
		{"other exponent", Assessment{Total: d("65.22")}, Assessment{Total: d("65.220")}, false},
		{"out of order", Assessment{Counts: []StatusCount{{Met, 1}, {Exceeded, 2}}},
			Assessment{Counts: []StatusCount{{Met, 1}, {Exceeded, 2}}}, false},
		{"long", Assessment{Total: d("1234567890123456789.5")}, Assessment{Total: d("1234567890123456789.5")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newLightPool()
			a, b := tc.a, tc.b
			wantA, wantB := fmt.Sprint(a.Total, a.FullMarks, a.Percent, a.Counts), fmt.Sprint(b.Total, b.FullMarks, b.Percent, b.Counts)
			p.share(&a)
			p.share(&b)
			if got := fmt.Sprint(a.Total, a.FullMarks, a.Percent, a.Counts); got != wantA {
				t.Errorf("first %s, want %s", got, wantA)
			}
			if got := fmt.Sprint(b.Total, b.FullMarks, b.Percent, b.Counts); got != wantB {
				t.Errorf("second %s, want %s", got, wantB)
			}
			if a.Total.Exponent() != tc.a.Total.Exponent() || b.Total.Exponent() != tc.b.Total.Exponent() {
				t.Errorf("exponents %d, %d", a.Total.Exponent(), b.Total.Exponent())
			}
			shared := len(a.Counts) > 0 && len(b.Counts) > 0 && &a.Counts[0] == &b.Counts[0]
			if shared != tc.sameCounts {
				t.Errorf("counts shared: %v, want %v", shared, tc.sameCounts)
			}
		})
	}
}
