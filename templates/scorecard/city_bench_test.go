package scorecard

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"

	"github.com/attain-tool/attain/eval"
)

// BenchmarkCityWrite times WriteCityScorecard alone on a city judged
// once, and reports the size of the workbook it writes and the CPU it
// takes; the sub-benchmarks named streamwriter write the rows of 排名 and
// the long 明细 through excelize's StreamWriter instead of as XML:
//
//	go test ./templates/scorecard -run '^$' -bench 'CityWrite/n=3000' -benchtime 3x -benchmem
//
// Its sub-benchmarks are named n=, not units=, so that -bench
// 'City/units=3000' runs BenchmarkCity alone.
func BenchmarkCityWrite(b *testing.B) {
	for _, n := range []int{150, 3000} {
		for _, direct := range []bool{true, false} {
			name := fmt.Sprintf("n=%d", n)
			if !direct {
				name += "/streamwriter"
			}
			b.Run(name, func(b *testing.B) {
				rs := fixture.SyntheticRuleset(benchIndicators)
				units, diags := read.ReadUnits("city.xlsx", benchBook(b, n), rs, read.UnitsOptions{})
				if diags.HasErrors() {
					b.Fatal(diags.Errors())
				}
				c := eval.EvaluateUnits(units, eval.Options{})
				c.Problems = diags
				defer func() { cityDirectXML = true }()
				cityDirectXML = direct
				var buf bytes.Buffer
				b.ResetTimer()
				c0 := benchCPU()
				for i := 0; i < b.N; i++ {
					buf.Reset()
					if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "city.xlsx", Evaluated: cityTestDate}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64((benchCPU()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(buf.Len())/1e6, "file-MB")
			})
		}
	}
}
