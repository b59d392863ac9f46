package templates

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// cityMaxInt is the largest integer stored as an integer cell: Excel keeps
// 15 significant digits.
var cityMaxInt = decimal.New(1, 15)

// cityNumber turns an exact decimal into a value excelize's StreamWriter
// stores as a number cell. The StreamWriter takes numbers only as Go
// integers or floats (a string becomes a text cell), so a fraction has to
// cross as a float64: it is used only when its shortest rendering, which
// is what the StreamWriter writes into the cell, is exactly the decimal's
// digits. Anything else (more than 15 significant digits) is written as
// text, keeping every digit, rather than rounded. No arithmetic is ever
// done on the float.
func cityNumber(d decimal.Decimal) any {
	if d.IsInteger() && d.Abs().LessThan(cityMaxInt) {
		return d.IntPart()
	}
	s := d.String()
	if len(d.Abs().Coefficient().String()) > excelDigits {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err == nil && strconv.FormatFloat(f, 'f', -1, 64) == s {
		return f
	}
	return s
}

// cityValue is the StreamWriter value of a scorecard cell: a number cell
// for a number (shown by the style's number format), text otherwise.
func cityValue(c scCell) any {
	if !c.num {
		return c.text
	}
	return cityNumber(c.d)
}
