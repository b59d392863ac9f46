package eval

import (
	"cmp"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// pow10u64 holds 10^0 … 10^19, the powers of ten that fit in a uint64.
var pow10u64 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// divRound is a.DivRound(b, places): the quotient truncated to places
// decimals, then rounded half away from zero by the remainder. When both
// coefficients fit in an int64 and the scaled dividend in 128 bits, it
// divides machine words instead of big.Ints; the result is the same,
// coefficient and exponent.
func divRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	if bits.UintSize != 64 || a.NumDigits() > 18 || b.NumDigits() > 18 || b.Sign() == 0 {
		return a.DivRound(b, places)
	}
	ac, bc := a.CoefficientInt64(), b.CoefficientInt64()
	neg := (ac < 0) != (bc < 0)
	ua, ub := absU64(ac), absU64(bc)
	// a/b = (ua × 10^e) / ub × 10^-places
	e := int64(a.Exponent()) - int64(b.Exponent()) + int64(places)
	var hi, lo uint64 // the dividend
	d := ub           // the divisor
	switch {
	case e > 38: // beyond 128 bits unless the dividend is 0
		return a.DivRound(b, places)
	case e >= 0:
		hi, lo = 0, ua
		for e > 0 {
			step := min(e, 19)
			var ok bool
			if hi, lo, ok = mul128(hi, lo, pow10u64[step]); !ok {
				return a.DivRound(b, places)
			}
			e -= step
		}
	default:
		if -e > 19 {
			return a.DivRound(b, places)
		}
		h, l := bits.Mul64(ub, pow10u64[-e])
		if h != 0 {
			return a.DivRound(b, places)
		}
		hi, lo, d = 0, ua, l
	}
	qhi, r := hi/d, hi%d
	qlo, r := bits.Div64(r, lo, d)
	if r >= d-r { // 2r ≥ d: away from zero
		var carry uint64
		qlo, carry = bits.Add64(qlo, 1, 0)
		qhi += carry
	}
	words := [2]big.Word{big.Word(qlo), big.Word(qhi)}
	var q big.Int
	q.SetBits(words[:])
	if neg {
		q.Neg(&q)
	}
	return decimal.NewFromBigInt(&q, -places) // copies q
}

// mul128 is (hi, lo) × m, and whether it fits in 128 bits.
func mul128(hi, lo, m uint64) (uint64, uint64, bool) {
	h1, l := bits.Mul64(lo, m)
	h2, l2 := bits.Mul64(hi, m)
	if h2 != 0 {
		return 0, 0, false
	}
	h, carry := bits.Add64(l2, h1, 0)
	return h, l, carry == 0
}

func absU64(c int64) uint64 {
	if c < 0 {
		return uint64(-c) // -MinInt64 wraps to 1<<63, its magnitude
	}
	return uint64(c)
}

// cmpDec is a.Cmp(b). When the exponents differ and both coefficients
// fit in an int64 at the smaller exponent, it compares int64s rather than
// scaling a big.Int.
func cmpDec(a, b decimal.Decimal) int {
	ea, eb := a.Exponent(), b.Exponent()
	if d := int64(ea) - int64(eb); d == 0 || d > 18 || d < -18 || a.NumDigits() > 18 || b.NumDigits() > 18 {
		return a.Cmp(b)
	}
	ac, bc := a.CoefficientInt64(), b.CoefficientInt64()
	if ea > eb {
		if x, ok := scale10(ac, ea-eb); ok {
			return cmp.Compare(x, bc)
		}
	} else if y, ok := scale10(bc, eb-ea); ok {
		return cmp.Compare(ac, y)
	}
	return a.Cmp(b)
}

// favCmp compares a and b in the favourable direction: as a.Cmp(b), or
// as −a against −b when lower is better.
func favCmp(lower bool, a, b decimal.Decimal) int {
	if lower {
		return cmpDec(b, a)
	}
	return cmpDec(a, b)
}
