package scorecard

import (
	"strconv"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/shopspring/decimal"
)

// cityNumber turns an exact decimal into a value excelize's StreamWriter
// stores as a number cell. The StreamWriter takes numbers only as Go
// integers or floats (a string becomes a text cell), so a fraction has to
// cross as a float64. That is exact in the only sense that matters here:
// a decimal of at most 15 significant digits parses to the one float64
// whose shortest rendering is that decimal again, and the shortest
// rendering is what the StreamWriter writes into the cell. Longer
// decimals are written as text, every digit kept, rather than rounded.
// No arithmetic is ever done on the float.
func cityNumber(d decimal.Decimal) any {
	return cityNumberOf(d).any()
}

// The kinds of a cityVal.
const (
	cityText uint8 = iota
	cityInt
	cityFloat
)

// cityVal is a StreamWriter value before it is boxed: text, an integer or
// a float.
type cityVal struct {
	kind uint8
	s    string
	i    int64
	f    float64
}

// any is the value as the StreamWriter takes it.
func (v cityVal) any() any {
	switch v.kind {
	case cityInt:
		return v.i
	case cityFloat:
		return v.f
	}
	return v.s
}

// cityNumberOf is cityNumber unboxed. A fraction is parsed from digits
// written straight from its int64 coefficient, not from d.String(),
// which goes through math/big: the same decimal value, so the same float.
func cityNumberOf(d decimal.Decimal) cityVal {
	if d.NumDigits() > cell.ExcelDigits {
		return cityVal{s: d.String()}
	}
	if d.Exponent() >= 0 {
		return cityVal{kind: cityInt, i: d.IntPart()}
	}
	// At most 15 digits: the coefficient fits an int64.
	var buf [48]byte
	b := buf[:0]
	coef := d.CoefficientInt64()
	if coef < 0 {
		b = append(b, '-')
		coef = -coef
	}
	var digits [20]byte
	ds := strconv.AppendInt(digits[:0], coef, 10)
	places := -int(d.Exponent())
	if places > 30 {
		// Far below anything a scorecard shows; not worth a fast path.
		return cityParsed(d.String())
	}
	if len(ds) > places {
		b = append(b, ds[:len(ds)-places]...)
		b = append(b, '.')
		b = append(b, ds[len(ds)-places:]...)
	} else {
		b = append(b, '0', '.')
		for i := len(ds); i < places; i++ {
			b = append(b, '0')
		}
		b = append(b, ds...)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return cityVal{s: d.String()}
	}
	return cityVal{kind: cityFloat, f: f}
}

func cityParsed(s string) cityVal {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return cityVal{s: s}
	}
	return cityVal{kind: cityFloat, f: f}
}

// cityValue is the StreamWriter value of a scorecard cell: a number cell
// for a number (shown by the style's number format), text otherwise.
func cityValue(c view.Cell) any {
	return cityValueOf(c).any()
}

// cityValueOf is cityValue unboxed.
func cityValueOf(c view.Cell) cityVal {
	if !c.Num {
		return cityVal{s: c.Text}
	}
	return cityNumberOf(c.D)
}

// cityOutAny is a made cell's value as the StreamWriter takes it: text, an
// integer, or the float of at most 15 digits (see cityNumber).
func cityOutAny(v cityOutVal) any {
	if v.kind != cityOutNumber {
		return v.s
	}
	if i, err := strconv.ParseInt(v.s, 10, 64); err == nil {
		return i
	}
	return cityParsed(v.s).any()
}
