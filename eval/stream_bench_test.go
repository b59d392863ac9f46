package eval

import (
	"fmt"
	"testing"
)

// BenchmarkEvaluateUnitsStream judges the units of BenchmarkEvaluateUnits
// from packed actuals, handing each assessment over and letting it go:
//
//	go test ./eval -run '^$' -bench 'EvaluateUnits' -benchmem
func BenchmarkEvaluateUnitsStream(b *testing.B) {
	rs := benchRuleset(b, 50)
	for _, n := range []int{150, 3000} {
		units := PackUnits(synthUnits(rs, n, 1))
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, err := EvaluateUnitsStream(units, Options{}, func(i int, a *Assessment) int { return len(a.Results) },
					func(i, n int) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
