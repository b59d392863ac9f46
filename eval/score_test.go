package eval

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func TestStatusIndex(t *testing.T) {
	if len(Statuses) != statusCount {
		t.Fatalf("statusCount %d, %d statuses", statusCount, len(Statuses))
	}
	for k, s := range Statuses {
		if statusIndex(s) != k {
			t.Errorf("statusIndex(%s) = %d, want %d", s, statusIndex(s), k)
		}
	}
	if statusIndex("") != -1 {
		t.Error("statusIndex of no status")
	}
}

// TestSum checks sum against a chain of Decimal.Add from zero, by
// coefficient and exponent, with terms small and large enough to leave
// the int64 path.
func TestSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		want := decimal.Zero
		var s sum
		terms := rng.IntN(12)
		for i := 0; i < terms; i++ {
			var d decimal.Decimal
			switch rng.IntN(5) {
			case 0: // beyond an int64
				d = decimal.New(rng.Int64(), int32(rng.IntN(5)-2)).Mul(decimal.New(rng.Int64N(1e6), 0))
			case 1: // an int64 that overflows when scaled
				d = decimal.New(rng.Int64()-math.MaxInt64/2, int32(rng.IntN(30)-20))
			default:
				d = decimal.New(rng.Int64N(20001)-10000, int32(rng.IntN(5)-3))
			}
			want = want.Add(d)
			s.add(d)
		}
		got := s.value()
		if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Fatalf("case %d: sum %s (exp %d), chained Add %s (exp %d)", n, got, got.Exponent(), want, want.Exponent())
		}
	}
}
