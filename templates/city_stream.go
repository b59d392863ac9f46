package templates

import (
	"strconv"

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
	if d.NumDigits() > excelDigits {
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

// cityValue is the StreamWriter value of a scorecard cell: a number cell
// for a number (shown by the style's number format), text otherwise.
func cityValue(c scCell) any {
	if !c.num {
		return c.text
	}
	return cityNumber(c.d)
}
