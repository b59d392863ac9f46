package eval

import (
	"fmt"
	"testing"

	"github.com/attain-tool/attain/rules"
)

// benchRuleset is synthRules repeated to n indicators (ids suffixed _2,
// _3 … on each repetition), a ruleset comparable to the templates
// package's SyntheticRuleset.
func benchRuleset(b testing.TB, n int) *rules.Ruleset {
	base := synthRuleset(b)
	rs := *base
	rs.Indicators = nil
	for rep := 1; len(rs.Indicators) < n; rep++ {
		for _, ind := range base.Indicators {
			if len(rs.Indicators) == n {
				break
			}
			c := *ind
			if rep > 1 {
				c.ID = fmt.Sprintf("%s_%d", ind.ID, rep)
				if c.Target.With != "" {
					c.Target.With = fmt.Sprintf("%s_%d", c.Target.With, rep)
				}
			}
			rs.Indicators = append(rs.Indicators, &c)
		}
	}
	return &rs
}

// BenchmarkEvaluateUnits judges n units of 50 indicators:
//
//	go test ./eval -run '^$' -bench EvaluateUnits -benchmem
func BenchmarkEvaluateUnits(b *testing.B) {
	rs := benchRuleset(b, 50)
	for _, n := range []int{150, 3000} {
		units := synthUnits(rs, n, 1)
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				EvaluateUnits(units, Options{})
			}
		})
	}
}
