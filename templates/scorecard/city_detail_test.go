package scorecard

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/shopspring/decimal"
)

// TestCityDisplayWidth checks the fast path of cityDisplayWidth against
// DisplayWidth on every rune of the Basic Multilingual Plane (the fast
// path covers no other; the rest go to scDisplayWidth), and on strings
// mixing them.
func TestCityDisplayWidth(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		s := string(r)
		if got, want := cityDisplayWidth(s), view.DisplayWidth(s); got != want {
			t.Fatalf("U+%04X: %d, want %d", r, got, want)
		}
	}
	for _, s := range []string{"", "\t", "a\tb", "\xe4\xb8", "\xe4\x41\x41", "\xe4\xb8\xc0", "\xed\xa0\x80", "\xe0\x80\x80", "地区生产总值（GDP）增长8.5%左右，实际9.1%。", "\xff\xfe半角ｶﾀｶﾅ", "〿〾　、"} {
		if got, want := cityDisplayWidth(s), view.DisplayWidth(s); got != want {
			t.Errorf("%q: %d, want %d", s, got, want)
		}
	}
}

// TestCityRowHeight checks cityRowHeight against scRowHeight, on the
// texts of a city's 明细 among others.
func TestCityRowHeight(t *testing.T) {
	texts := []string{"", "\n", "a\n", "\n\n", "一行\n两行\n", strings.Repeat("很长的判定依据", 40)}
	c := cityFixture(t, "year")
	for _, a := range c.Units {
		for i := range a.Results {
			r := view.MakeRow(a, i)
			texts = append(texts, r.Ind.Name, r.Ind.Target.Text, r.R.Explanation, r.Source)
		}
	}
	for _, s := range texts {
		for _, w := range []float64{8, 16, 20, 44, 94, 100} {
			if got, want := cityRowHeight(s, w), scRowHeight(s, w); got != want {
				t.Errorf("%q at %g: %g, want %g", s, w, got, want)
			}
		}
	}
}

// cityNumberRef is cityNumber as it was first written, through
// d.String(): the reference for the fast path.
func cityNumberRef(d decimal.Decimal) any {
	if d.NumDigits() > cell.ExcelDigits {
		return d.String()
	}
	if d.Exponent() >= 0 {
		return d.IntPart()
	}
	s := d.String()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return f
}

// TestCityNumberFast compares cityNumber with cityNumberRef on decimals of
// every length and exponent a figure can have, and beyond.
func TestCityNumberFast(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	check := func(d decimal.Decimal) {
		t.Helper()
		if got, want := cityNumber(d), cityNumberRef(d); got != want {
			t.Fatalf("%s (exp %d): %#v, want %#v", d, d.Exponent(), got, want)
		}
	}
	for digits := 1; digits <= 17; digits++ {
		for exp := int32(-40); exp <= 3; exp++ {
			for range 20 {
				coef := rnd.Int64N(int64(cityPow10(digits)))
				if rnd.IntN(2) == 0 {
					coef = -coef
				}
				check(decimal.New(coef, exp))
			}
			check(decimal.New(int64(cityPow10(digits))-1, exp))
		}
	}
	for _, s := range []string{"0", "0.00", "-0.5", "8.50", "100.000", "0.000000000000001", "999999999999999.9"} {
		check(decimal.RequireFromString(s))
	}
}

func cityPow10(n int) uint64 {
	p := uint64(1)
	for range min(n, 18) {
		p *= 10
	}
	return p
}

// TestCityPlaces checks scDecimals, which scPlaces uses for every figure
// of a city scorecard, against counting the decimals of d.String().
func TestCityPlaces(t *testing.T) {
	ref := func(d decimal.Decimal) int32 {
		s := d.String()
		if i := strings.IndexByte(s, '.'); i >= 0 {
			return int32(len(s) - i - 1)
		}
		return 0
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for digits := 1; digits <= 20; digits++ {
		for exp := int32(-40); exp <= 3; exp++ {
			for k := range 20 {
				coef := rnd.Int64N(int64(cityPow10(min(digits, 18))))
				switch k % 4 {
				case 1:
					coef = -coef
				case 2:
					coef -= coef % 1000 // trailing zeros
				}
				d := decimal.New(coef, exp)
				if digits > 18 {
					d = d.Mul(decimal.New(123456789, 0)) // beyond int64
				}
				if got, want := view.Decimals(d), ref(d); got != want {
					t.Fatalf("%s (exp %d): %d, want %d", d, d.Exponent(), got, want)
				}
			}
		}
	}
	for _, s := range []string{"0", "0.00", "-0.50", "8.50", "100.000", "1e3", "0.000000000000001", "123456789012345678901.50"} {
		d := decimal.RequireFromString(s)
		if got, want := view.Decimals(d), ref(d); got != want {
			t.Errorf("%s: %d, want %d", s, got, want)
		}
	}
}
