package cell

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ExcelDigits is the number of significant digits Excel keeps and shows.
const ExcelDigits = 15

var (
	cellnumHundred = decimal.NewFromInt(100)
	// cellnumPlain is an unsigned decimal numeral, as Excel stores one in
	// the raw cell text: 12, 12.5, .5, 8.5000000000000006E-2.
	cellnumPlain = regexp.MustCompile(`^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$`)
	// cellnumGrouped is an integer part written with thousands separators.
	cellnumGrouped = regexp.MustCompile(`^[0-9]{1,3}(?:,[0-9]{3})+$`)
)

// cellnumPlaceholders are the texts that mean "no figure": never 0.
var cellnumPlaceholders = map[string]bool{
	"": true, "-": true, "--": true, "---": true, "—": true, "——": true, "–": true, "―": true,
	"/": true, "\\": true, "无": true, "空": true, "暂无": true, "n/a": true, "na": true,
	"…": true, "……": true, "...": true,
}

// Fold maps full-width ASCII to ASCII, the minus signs to '-', and
// every kind of space to a plain space, then trims the ends.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000, r == 0x00A0, r >= 0x2000 && r <= 0x200B, r == 0x202F, r == 0xFEFF:
			r = ' '
		case r == 0x2212, r == 0xFE63:
			r = '-'
		case r == 0xFE6A:
			r = '%'
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// cellnumIsPlaceholder reports whether folded text means "no data".
func cellnumIsPlaceholder(folded string) bool {
	return cellnumPlaceholders[strings.ToLower(folded)]
}

// ParseCellNumber reads the raw text of a cell as an exact number.
//
// raw is the cell's stored value (read with RawCellValue) or the text typed
// into it. percentFormat says the cell is a number cell with a percent
// number format (built-in 9 or 10, or a custom format with %): such a cell
// stores the fraction, so 0.085 reads as 8.5. Text ending in % is read as
// written: "12.3%" is 12.3 whatever the format.
//
// Float noise is cut back to Excel's 15 significant digits, half away from
// zero (8.5000000000000006E-2 reads 0.085, 4.4000000000000004 reads 4.4).
// Full-width digits, spaces, a leading '+', and thousands separators
// ("1,234.5") are accepted. Placeholders (empty, -, —, /, 无, 空, N/A) give a
// null number and no error: they mean no data, never 0. Anything else that
// is not a number is an error, worded in Chinese.
func ParseCellNumber(raw string, percentFormat bool) (decimal.NullDecimal, error) {
	s := Fold(raw)
	if cellnumIsPlaceholder(s) {
		return decimal.NullDecimal{}, nil
	}
	shown := func() string {
		shown := strings.TrimSpace(raw)
		if len(shown) > 40 {
			shown = string([]rune(shown)[:min(len([]rune(shown)), 20)]) + "…"
		}
		return shown
	}
	notNumber := func() error { return fmt.Errorf("“%s”不是数字", shown()) }
	written := false // the text carries its own percent sign
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, written = strings.TrimSpace(t), true
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "+"):
		s = strings.TrimSpace(s[1:])
	case strings.HasPrefix(s, "-"):
		s, neg = strings.TrimSpace(s[1:]), true
	}
	if strings.Contains(s, ",") {
		intPart, frac, dot := strings.Cut(s, ".")
		if !cellnumGrouped.MatchString(intPart) {
			return decimal.NullDecimal{}, fmt.Errorf("“%s”的千分位分隔符位置不对", shown())
		}
		s = strings.ReplaceAll(intPart, ",", "")
		if dot {
			s += "." + frac
		}
	}
	if len(s) > 400 || !cellnumPlain.MatchString(s) {
		return decimal.NullDecimal{}, notNumber()
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.NullDecimal{}, notNumber()
	}
	d = cellnumSignificant(d, ExcelDigits)
	if neg {
		d = d.Neg()
	}
	if percentFormat && !written {
		d = d.Mul(cellnumHundred)
	}
	// The range is that of the figure read, after the rounding and the
	// ×100 of a percent format: 1E300 in a percent cell is 1E302.
	if !d.IsZero() {
		if a := cellnumMagnitude(d); a > 300 || a < -300 {
			return decimal.NullDecimal{}, fmt.Errorf("“%s”超出了数值范围", shown())
		}
	}
	return decimal.NewNullDecimal(cellnumCanon(d)), nil
}

// cellnumMagnitude is the power of ten of the leading digit of d ≠ 0.
func cellnumMagnitude(d decimal.Decimal) int64 {
	return int64(d.NumDigits()) + int64(d.Exponent()) - 1
}

// cellnumSignificant rounds d, half away from zero as Excel does, to at
// most digits significant digits.
func cellnumSignificant(d decimal.Decimal, digits int64) decimal.Decimal {
	if d.IsZero() {
		return decimal.Zero
	}
	n := int64(d.NumDigits())
	if n <= digits {
		return d
	}
	places := digits - 1 - cellnumMagnitude(d)
	return d.Round(int32(places))
}

// cellnumCanon drops trailing zeros of the coefficient, so that 0.0850
// and 0.085 are the same value with the same exponent.
func cellnumCanon(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Zero
	}
	c, err := decimal.NewFromString(d.String())
	if err != nil {
		return d
	}
	return c
}

// yesWords and noWords are what a 是否完成 cell may hold.
var (
	cellnumYes = map[string]bool{"是": true, "√": true, "✓": true, "✔": true, "y": true, "yes": true,
		"完成": true, "已完成": true, "true": true, "1": true, "对": true}
	cellnumNo = map[string]bool{"否": true, "×": true, "✗": true, "✘": true, "x": true, "n": true,
		"no": true, "未完成": true, "没有完成": true, "false": true, "0": true}
)

// ParseCellYesNo reads a 是否完成 cell: 是/否, √/×, Y/N, 完成/未完成, and a
// boolean cell's raw 1/0 or TRUE/FALSE. Placeholders give nil and no error.
func ParseCellYesNo(raw string) (*bool, error) {
	s := strings.ToLower(Fold(raw))
	if cellnumIsPlaceholder(s) {
		return nil, nil
	}
	yes, no := true, false
	switch {
	case cellnumYes[s]:
		return &yes, nil
	case cellnumNo[s]:
		return &no, nil
	}
	return nil, fmt.Errorf("“%s”不是“是”或“否”", strings.TrimSpace(raw))
}

var (
	cellnumDateYMD = regexp.MustCompile(`^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?$`)
	cellnumDateYM  = regexp.MustCompile(`^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?(?:份|底|末)?$`)
	cellnumISO     = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ][0-9:.]*Z?$`)
	SerialRe       = regexp.MustCompile(`^[0-9]{1,6}(?:\.[0-9]+)?$`)
)

// ParseCellDate reads a 完成日期 cell as YYYY-MM-DD, or YYYY-MM when only
// the month is given. serial says the cell is a number cell: its raw value
// is an Excel date serial (days since 1899-12-30, fraction = time of day).
// Text may read 2019-04-15, 2019/4/15, 2019.4.15, 2019年4月15日, 2019年4月
// or 2019-04. Placeholders give "" and no error.
func ParseCellDate(raw string, serial bool) (string, error) {
	s := Fold(raw)
	if cellnumIsPlaceholder(s) {
		return "", nil
	}
	bad := fmt.Errorf("“%s”不是日期", strings.TrimSpace(raw))
	if serial && SerialRe.MatchString(s) {
		whole, _, _ := strings.Cut(s, ".")
		days, err := strconv.Atoi(whole)
		if err != nil || days < 1 || days > 2958465 { // 9999-12-31
			return "", bad
		}
		if days < 61 { // Excel counts a 1900-02-29 that never was
			days++
		}
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
		return t.Format("2006-01-02"), nil
	}
	if m := cellnumISO.FindStringSubmatch(s); m != nil {
		return cellnumYMD(m[1], m[2], m[3], bad)
	}
	if m := cellnumDateYMD.FindStringSubmatch(s); m != nil {
		return cellnumYMD(m[1], m[2], m[3], bad)
	}
	if m := cellnumDateYM.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if y < 1900 || mo < 1 || mo > 12 {
			return "", bad
		}
		return fmt.Sprintf("%04d-%02d", y, mo), nil
	}
	return "", bad
}

func cellnumYMD(ys, ms, ds string, bad error) (string, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return "", bad
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2019-02-30 rolls over
		return "", bad
	}
	return t.Format("2006-01-02"), nil
}
