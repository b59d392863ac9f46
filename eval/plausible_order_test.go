package eval

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// TestScreenOrder: figures left out at the same position (here, read
// from nowhere) are reported in the ruleset's order, the same every run,
// not in the order of a map walk.
func TestScreenOrder(t *testing.T) {
	rs := rules.Default()
	in := Actuals{Values: map[string]*Actual{}}
	var want []string
	for _, ind := range rs.Indicators {
		if ind.Measure != rules.Growth {
			continue
		}
		in.Values[ind.ID] = &Actual{ID: ind.ID, Growth: decimal.NewNullDecimal(decimal.NewFromInt(900))}
		want = append(want, ind.ID)
	}
	if len(want) < 3 {
		t.Fatalf("only %d growth indicators", len(want))
	}
	for run := 0; run < 20; run++ {
		_, _, ds := screen(rs, in)
		var got []string
		for _, d := range ds {
			got = append(got, d.Indicator)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("run %d: problems for %v, want %v", run, got, want)
		}
	}
}
