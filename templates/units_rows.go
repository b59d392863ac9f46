package templates

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// unitsCell is one cell of a streamed row: its raw value and what the row
// iterator lets us learn of its type.
type unitsCell struct {
	raw string // raw value (RawCellValue), trimmed
	// pct says the cell is a number shown with a percent format, so that
	// its raw value is a fraction (0.085 for 8.5%).
	pct bool
	// boolean and isErr say the cell is a logical value or an error value.
	boolean, isErr bool
}

// unitsRows streams the rows of one sheet with excelize's row iterator, so
// that a sheet of 150,000 rows is never held as cells in memory.
//
// The iterator gives values only, not styles. When the workbook has a
// percent number format at all, a second iterator reads the same sheet
// with formats applied, in step with the first: a raw 0.085 shown as
// "8.5%" is a percent-formatted fraction, while a raw 8.5 shown as
// "8.5%" carries a literal %, as in the format 0.0"%".
type unitsRows struct {
	sheet string
	raw   *excelize.Rows
	shown *excelize.Rows // nil when no style has a percent format
	row   int            // 1-based number of the current row
	err   error
}

// unitsHasPercentStyle reports whether any cell style of the workbook has
// a percent number format.
func unitsHasPercentStyle(f *excelize.File) bool {
	for id := 0; id < 65536; id++ {
		st, err := f.GetStyle(id)
		if err != nil || st == nil {
			return false
		}
		if st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")) {
			return true
		}
	}
	return false
}

func unitsOpenRows(f *excelize.File, sheet string, percent bool) (*unitsRows, error) {
	raw, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	it := &unitsRows{sheet: sheet, raw: raw}
	if percent {
		if it.shown, err = f.Rows(sheet); err != nil {
			raw.Close()
			return nil, err
		}
	}
	return it, nil
}

// next moves to the next row and returns its cells (nil for an empty
// row); false at the end of the sheet or on error (see err).
func (it *unitsRows) next() ([]unitsCell, bool) {
	if it.err != nil || !it.raw.Next() {
		if it.err == nil {
			it.err = it.raw.Error()
		}
		return nil, false
	}
	it.row++
	vals, err := it.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		it.err = err
		return nil, false
	}
	var shown []string
	if it.shown != nil && it.shown.Next() {
		// Options given here replace the workbook's (RawCellValue), so
		// the zero Options apply the number formats.
		shown, _ = it.shown.Columns(excelize.Options{})
	}
	if len(vals) == 0 {
		return nil, true
	}
	cells := make([]unitsCell, len(vals))
	for i, v := range vals {
		c := unitsCell{raw: strings.TrimSpace(v)}
		if strings.HasPrefix(c.raw, "#") && readErrorValues[strings.ToUpper(c.raw)] {
			c.isErr = true
		}
		if i < len(shown) {
			s := strings.TrimSpace(shown[i])
			switch {
			case (s == "TRUE" || s == "FALSE") && (c.raw == "1" || c.raw == "0"):
				c.boolean = true
			case strings.HasSuffix(s, "%") && !strings.HasSuffix(c.raw, "%"):
				c.pct = unitsScaledPercent(c.raw, strings.TrimSuffix(s, "%"))
			}
		}
		cells[i] = c
	}
	return cells, true
}

// unitsScaledPercent decides whether a raw number shown as "<shown>%" was
// scaled by the format (0.085 shown 8.5%) or carries a literal % (8.5
// shown 8.5%): whichever of raw × 100 and raw is nearer to the shown
// number.
func unitsScaledPercent(raw, shown string) bool {
	r, err1 := ParseCellNumber(raw, false)
	s, err2 := ParseCellNumber(shown, false)
	if err1 != nil || err2 != nil || !r.Valid || !s.Valid {
		return false
	}
	scaled := r.Decimal.Mul(cellnumHundred).Sub(s.Decimal).Abs()
	plain := r.Decimal.Sub(s.Decimal).Abs()
	return scaled.LessThan(plain)
}

// each calls fn with every row and its number, in order. The iterator
// runs on a goroutine of its own, so that decoding the sheet XML
// (excelize) and reading the figures (fn) overlap on two cores; only that
// goroutine touches the workbook while each runs. A panic in excelize
// there becomes it.err.
func (it *unitsRows) each(fn func(row []unitsCell, n int)) {
	type batch struct {
		rows [][]unitsCell
		nums []int
	}
	const size = 256
	ch := make(chan batch, 8)
	go func() {
		defer close(ch)
		defer func() {
			if p := recover(); p != nil {
				it.err = fmt.Errorf("文件结构异常（%v）", p)
			}
		}()
		var b batch
		for {
			row, ok := it.next()
			if !ok {
				break
			}
			b.rows, b.nums = append(b.rows, row), append(b.nums, it.row)
			if len(b.rows) == size {
				ch <- b
				b = batch{rows: make([][]unitsCell, 0, size), nums: make([]int, 0, size)}
			}
		}
		if len(b.rows) > 0 {
			ch <- b
		}
	}()
	for b := range ch {
		for i, row := range b.rows {
			fn(row, b.nums[i])
		}
	}
}

func (it *unitsRows) close() {
	it.raw.Close()
	if it.shown != nil {
		it.shown.Close()
	}
}

// unitsRef is the A1 reference of a 0-based column and a 1-based row.
func unitsRef(col, row int) string {
	return inputCell(col, row)
}

// unitsPos is the position of a cell.
func unitsPos(file, sheet string, col, row int) rules.Pos {
	return rules.Pos{File: file, Sheet: sheet, Cell: unitsRef(col, row)}
}

// unitsLoc is where a cell is, turned into a rules.Pos only when needed.
type unitsLoc struct {
	file, sheet string
	col, row    int
}

func (l unitsLoc) pos() rules.Pos { return unitsPos(l.file, l.sheet, l.col, l.row) }

// unitsAt returns cell i of a row, or the empty cell.
func unitsAt(row []unitsCell, i int) unitsCell {
	if i < 0 || i >= len(row) {
		return unitsCell{}
	}
	return row[i]
}

// unitsTexts returns the raw texts of a row.
func unitsTexts(row []unitsCell) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = c.raw
	}
	return out
}
