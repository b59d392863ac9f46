package eval

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestDivRound checks divRound against Decimal.DivRound, by coefficient
// and exponent: small and large coefficients, both signs, exact halves,
// exponents that leave the 128-bit path.
func TestDivRound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	coef := func() int64 {
		switch rng.IntN(6) {
		case 0:
			return rng.Int64() - math.MaxInt64/2 // large, either sign
		case 1:
			return []int64{0, 1, -1, 5, -5, 25, math.MaxInt64, math.MinInt64 + 1}[rng.IntN(8)]
		default:
			return rng.Int64N(2000001) - 1000000
		}
	}
	check := func(a, b decimal.Decimal, places int32) {
		t.Helper()
		if b.Sign() == 0 {
			return
		}
		want := a.DivRound(b, places)
		got := divRound(a, b, places)
		if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Fatalf("divRound(%s, %s, %d) = %s (exp %d), DivRound %s (exp %d)", a, b, places,
				got, got.Exponent(), want, want.Exponent())
		}
	}
	for n := 0; n < 200000; n++ {
		a := decimal.New(coef(), int32(rng.IntN(9)-6))
		b := decimal.New(coef(), int32(rng.IntN(9)-6))
		if rng.IntN(20) == 0 {
			a = a.Mul(decimal.New(math.MaxInt64, 0)) // beyond an int64
		}
		check(a, b, []int32{20, 20, 2, 0, 1, 25, 40}[rng.IntN(7)])
	}
	// Exact halves round away from zero.
	for _, c := range [][2]string{{"1", "8"}, {"-1", "8"}, {"5", "2"}, {"-5", "2"}, {"1", "-3"}, {"2", "3"}, {"1.05", "1"}} {
		a, b := decimal.RequireFromString(c[0]), decimal.RequireFromString(c[1])
		for _, places := range []int32{0, 1, 2, 20} {
			check(a, b, places)
		}
	}
}

// TestCmpDec checks cmpDec against Decimal.Cmp.
func TestCmpDec(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 200000; n++ {
		mk := func() decimal.Decimal {
			c := rng.Int64N(2001) - 1000
			switch rng.IntN(8) {
			case 0:
				c = rng.Int64() - math.MaxInt64/2
			case 1:
				c = []int64{0, math.MaxInt64, math.MinInt64 + 1, 1e17, -1e17}[rng.IntN(5)]
			}
			d := decimal.New(c, int32(rng.IntN(41)-20))
			if rng.IntN(30) == 0 {
				d = d.Mul(decimal.New(math.MaxInt64, 0))
			}
			return d
		}
		a, b := mk(), mk()
		if rng.IntN(4) == 0 { // equal values, other exponents
			b = a.Round(a.Exponent()*-1 + int32(rng.IntN(3)))
		}
		if got, want := cmpDec(a, b), a.Cmp(b); got != want {
			t.Fatalf("cmpDec(%s, %s) = %d, Cmp %d", a, b, got, want)
		}
	}
}
