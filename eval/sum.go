package eval

import (
	"math"

	"github.com/shopspring/decimal"
)

// sum adds decimals exactly, giving what a chain of Decimal.Add from
// decimal.Zero gives: the exact sum, with the smallest exponent of the
// terms and of zero. While the sum and the terms fit in an int64 at that
// exponent it adds int64 coefficients rather than allocating a big.Int
// per addition.
type sum struct {
	c    int64
	e    int32
	any  bool             // a term was added
	wide *decimal.Decimal // the sum, once it no longer fits an int64
}

func (s *sum) add(d decimal.Decimal) {
	s.any = true
	if s.wide != nil {
		v := s.wide.Add(d)
		s.wide = &v
		return
	}
	if d.NumDigits() <= 18 {
		e := min(s.e, d.Exponent())
		a, ok1 := scale10(s.c, s.e-e)
		b, ok2 := scale10(d.CoefficientInt64(), d.Exponent()-e)
		c := a + b
		overflow := a > 0 && b > 0 && c < 0 || a < 0 && b < 0 && c >= 0
		if ok1 && ok2 && !overflow {
			s.c, s.e = c, e
			return
		}
	}
	v := decimal.New(s.c, s.e).Add(d)
	s.wide = &v
}

// addSum adds the terms of another sum.
func (s *sum) addSum(o *sum) {
	if o.any {
		s.add(o.value())
	}
}

// value is the sum; decimal.Zero when nothing was added.
func (s *sum) value() decimal.Decimal {
	switch {
	case !s.any:
		return decimal.Zero
	case s.wide != nil:
		return *s.wide
	}
	return decimal.New(s.c, s.e)
}

// scale10 is c × 10^n, and whether it fits in an int64.
func scale10(c int64, n int32) (int64, bool) {
	for ; n > 0; n-- {
		if c > math.MaxInt64/10 || c < math.MinInt64/10 {
			return 0, false
		}
		c *= 10
	}
	return c, true
}
