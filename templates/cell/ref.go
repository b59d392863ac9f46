package cell

import (
	"strconv"
	"strings"
)

// MaxCols is Excel's column count (XFD).
const MaxCols = 16384

// ColName is the letters of column col, counted from 0: 0 is A, 25 is
// Z, 26 is AA, 16383 is XFD. It is "" outside Excel's columns.
func ColName(col int) string {
	if col < 0 || col >= MaxCols {
		return ""
	}
	var b [3]byte
	i := len(b)
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:])
}

// A1 is the A1 reference of column col, counted from 0, and row row,
// counted from 1 as the sheet shows it: cellA1(1, 5) is "B5". It is ""
// outside the sheet.
func A1(col, row int) string {
	name := ColName(col)
	if name == "" || row < 1 {
		return ""
	}
	return name + strconv.Itoa(row)
}

// Serial is the Excel date serial of a day after 1900-02-28.
func Serial(y, m, d int) int {
	// Days from 1899-12-30 by the civil calendar, without time.Time.
	days := func(y, m, d int) int {
		if m <= 2 {
			y--
			m += 12
		}
		return 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + d
	}
	return days(y, m, d) - days(1899, 12, 30)
}

// ColIndex is the column, counted from 0, of letters such as "B" or
// "xfd" (either case); -1 when they are not a column of Excel's.
func ColIndex(letters string) int {
	if letters == "" || len(letters) > 3 {
		return -1
	}
	n := 0
	for i := 0; i < len(letters); i++ {
		c := letters[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			return -1
		}
		n = n*26 + int(c-'a'+1)
	}
	if n > MaxCols {
		return -1
	}
	return n - 1
}

// ParseA1 splits an A1 reference ("B5", "$B$5") into its column,
// counted from 0, and its row, counted from 1.
func ParseA1(ref string) (col, row int, ok bool) {
	ref = strings.ReplaceAll(ref, "$", "")
	i := 0
	for i < len(ref) && (ref[i]|0x20) >= 'a' && (ref[i]|0x20) <= 'z' {
		i++
	}
	col = ColIndex(ref[:i])
	row, err := strconv.Atoi(ref[i:])
	if col < 0 || err != nil || row < 1 || row > MaxRows || ref[i] == '+' || ref[i] == '-' {
		return 0, 0, false
	}
	return col, row, true
}

// MaxRows is Excel's row count.
const MaxRows = 1 << 20

// SheetNameBad are the characters Excel does not allow in a sheet name.
const SheetNameBad = `[]:*?/\`

// UsedRange is the range a sheet of rows × cols cells from A1 records as
// its <dimension>: "A1" for one cell or none.
func UsedRange(rows, cols int) string {
	if rows <= 1 && cols <= 1 {
		return "A1"
	}
	return "A1:" + ColName(max(cols, 1)-1) + strconv.Itoa(max(rows, 1))
}
