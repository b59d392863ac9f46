package seeds

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// normRune folds the full-width forms of ASCII (９３％, ＋, －, ～), the
// ideographic space and a few look-alikes to their plain forms, one rune for
// one rune, so that positions in the folded text are positions in the
// original.
func normRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000, r == 0xFEFF, r == 0x00A0:
		return ' '
	}
	switch r {
	case '﹪':
		return '%'
	case '〜':
		return '~'
	case '．':
		return '.'
	}
	return r
}

// hanDigit is the value of a Chinese digit, or -1.
func hanDigit(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// hanUnit is the value of 十, 百, 千, or 0.
func hanUnit(r rune) int64 {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// bigUnit is the exponent of 万 or 亿, or 0.
func bigUnit(r rune) int32 {
	switch r {
	case '万':
		return 4
	case '亿':
		return 8
	}
	return 0
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isHanNumeral(r rune) bool { return hanDigit(r) >= 0 || hanUnit(r) > 0 }

// number is a number found in a text.
type number struct {
	start, end int             // rune span of the digits, without the multiplier
	text       string          // the digits as written (folded), or the Chinese numeral
	value      decimal.Decimal // the value of the digits, before the multiplier
	han        bool            // written in Chinese numerals
	mult       string          // the 万/亿 (or 十/百/千 after Arabic digits) that follows
}

const maxDigits = 30

// scanDigits reads Arabic digits at rs[i] (already folded): 8.5, 1,234.5.
// orig is the unfolded text, used to accept only an ASCII comma as a
// thousands separator (a full-width comma separates clauses).
func scanDigits(rs, orig []rune, i int) (number, bool) {
	j := i
	var b strings.Builder
	dot := false
	for j < len(rs) && b.Len() <= maxDigits {
		r := rs[j]
		switch {
		case isDigit(r):
			b.WriteRune(r)
			j++
			continue
		case r == '.' && !dot && j+1 < len(rs) && isDigit(rs[j+1]) && b.Len() > 0:
			dot = true
			b.WriteRune('.')
			j++
			continue
		case r == ',' && !dot && orig[j] == ',' && b.Len() > 0 &&
			j+4 <= len(rs) && isDigit(rs[j+1]) && isDigit(rs[j+2]) && isDigit(rs[j+3]) &&
			(j+4 == len(rs) || !isDigit(rs[j+4])):
			// 1,234: exactly three digits follow, then no digit.
			j++
			continue
		}
		break
	}
	if j == i || b.Len() > maxDigits {
		return number{}, false
	}
	v, err := decimal.NewFromString(b.String())
	if err != nil {
		return number{}, false
	}
	return number{start: i, end: j, text: b.String(), value: v}, true
}

// scanHan reads a Chinese numeral at rs[i] without 万/亿: 两, 十二, 二十,
// 一百零五, or digit by digit (二〇一九).
func scanHan(rs []rune, i int) (number, bool) {
	j := i
	for j < len(rs) && j-i < 12 && isHanNumeral(rs[j]) {
		j++
	}
	if j == i {
		return number{}, false
	}
	v, ok := hanValue(rs[i:j])
	if !ok {
		return number{}, false
	}
	return number{start: i, end: j, text: string(rs[i:j]), value: decimal.NewFromInt(v), han: true}, true
}

// hanValue is the value of a Chinese numeral made of digits and 十百千.
func hanValue(rs []rune) (int64, bool) {
	allDigits := true
	for _, r := range rs {
		if hanDigit(r) < 0 {
			allDigits = false
		}
	}
	if allDigits && (len(rs) > 2 || len(rs) == 2 && (rs[1] == '〇' || rs[1] == '零')) {
		// 二〇一九: digit by digit; 两 is not written so.
		var v int64
		for _, r := range rs {
			if r == '两' {
				return 0, false
			}
			v = v*10 + int64(hanDigit(r))
		}
		return v, true
	}
	var total int64
	digit := int64(-1) // a digit waiting for its unit
	zero := false      // 零 between units: 一百零五
	lastUnit := int64(10000)
	for _, r := range rs {
		if d := hanDigit(r); d >= 0 {
			switch {
			case d == 0:
				if digit >= 0 {
					return 0, false
				}
				zero = true
			case digit >= 0:
				return 0, false // 二三: two digits in a row
			default:
				digit = int64(d)
			}
			continue
		}
		u := hanUnit(r)
		if u >= lastUnit {
			return 0, false // 十百: units must fall
		}
		if digit < 0 {
			if total != 0 || u != 10 || zero {
				return 0, false // only 十 may stand alone, at the start
			}
			digit = 1
		}
		total += digit * u
		digit, zero, lastUnit = -1, false, u
	}
	if digit > 0 {
		total += digit
	}
	return total, true
}

// scanNumber reads a number at rs[i]: Arabic digits or a Chinese numeral,
// and the multiplier run after it (万, 亿, 万亿; 千/百/十 only after Arabic
// digits). The multiplier is returned, not applied.
func scanNumber(rs, orig []rune, i int) (number, bool) {
	var n number
	var ok bool
	if isDigit(rs[i]) {
		n, ok = scanDigits(rs, orig, i)
	} else {
		n, ok = scanHan(rs, i)
	}
	if !ok {
		return n, false
	}
	j := n.end
	for j < len(rs) && j-n.end < 3 {
		if bigUnit(rs[j]) > 0 || !n.han && hanUnit(rs[j]) > 0 {
			j++
			continue
		}
		break
	}
	for j > n.end && !validMult[string(rs[n.end:j])] {
		j--
	}
	n.mult = string(rs[n.end:j])
	return n, true
}

// validMult are the multiplier runs read after a number.
var validMult = map[string]bool{"十": true, "百": true, "千": true, "万": true, "亿": true, "万亿": true,
	"十万": true, "百万": true, "千万": true, "十亿": true, "百亿": true, "千亿": true}

// multiplierExp is the power of ten of a multiplier run (万亿 → 12).
func multiplierExp(m string) (int32, bool) {
	var e int32
	for _, r := range m {
		switch {
		case bigUnit(r) > 0:
			e += bigUnit(r)
		case r == '十':
			e++
		case r == '百':
			e += 2
		case r == '千':
			e += 3
		default:
			return 0, false
		}
	}
	return e, true
}

// ParseNumber reads a whole number as a work report writes it and returns
// its value with the multiplier applied: "8.5", "１２", "1,234.5", "两",
// "十二", "二十", "一百零五", "1.3万亿", "两万", "5千". Signs are allowed in
// front ("-3", "＋2").
func ParseNumber(s string) (decimal.Decimal, error) {
	rs := []rune(strings.TrimSpace(s))
	orig := append([]rune(nil), rs...)
	for i, r := range rs {
		rs[i] = normRune(r)
	}
	if len(rs) == 0 {
		return decimal.Zero, errors.New("empty number")
	}
	neg := false
	switch rs[0] {
	case '-', '+', '负':
		neg = rs[0] != '+'
		rs, orig = rs[1:], orig[1:]
	}
	if len(rs) == 0 {
		return decimal.Zero, fmt.Errorf("number %q has no digits", s)
	}
	if v, ok := hanFull(rs); ok {
		if neg {
			v = v.Neg()
		}
		return v, nil
	}
	n, ok := scanNumber(rs, orig, 0)
	if !ok {
		return decimal.Zero, fmt.Errorf("%q is not a number", s)
	}
	end := n.end + len([]rune(n.mult))
	if end != len(rs) {
		return decimal.Zero, fmt.Errorf("%q is not a number: %q after it", s, string(rs[end:]))
	}
	e, ok := multiplierExp(n.mult)
	if !ok {
		return decimal.Zero, fmt.Errorf("%q has a bad multiplier %q", s, n.mult)
	}
	v := n.value.Shift(e)
	if neg {
		v = v.Neg()
	}
	return v, nil
}

// hanFull reads a whole Chinese numeral with 万 and 亿 sections: 一亿二千万,
// 三万零五百, 十万.
func hanFull(rs []rune) (decimal.Decimal, bool) {
	if len(rs) == 0 || len(rs) > 24 {
		return decimal.Zero, false
	}
	for _, r := range rs {
		if !isHanNumeral(r) && bigUnit(r) == 0 {
			return decimal.Zero, false
		}
	}
	for _, big := range []rune{'亿', '万'} {
		i := lastIndexRune(rs, big)
		if i < 0 {
			continue
		}
		hi, ok := hanFull(rs[:i])
		if !ok || hi.IsZero() {
			return decimal.Zero, false
		}
		lo := decimal.Zero
		if i+1 < len(rs) {
			lo, ok = hanFull(rs[i+1:])
			if !ok || lo.GreaterThanOrEqual(decimal.New(1, bigUnit(big))) {
				return decimal.Zero, false
			}
		}
		return hi.Shift(bigUnit(big)).Add(lo), true
	}
	v, ok := hanValue(rs)
	return decimal.NewFromInt(v), ok
}

func lastIndexRune(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}
