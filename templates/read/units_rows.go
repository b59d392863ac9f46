package read

import (
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/rules"
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

// unitsRows streams the rows of one sheet with the package's own sheet
// scanner (xlsxRows), so that a sheet of 150,000 rows is never held as
// cells in memory. Rows the sheet leaves out come back empty, so that row
// numbers count from 1 without gaps.
//
// The cell type and style say what the raw text alone cannot: a number
// cell with a percent format holds a fraction (0.085 shown 8.5%; a format
// with a quoted "%" does not scale), a boolean cell holds 1 or 0.
type unitsRows struct {
	sheet   string
	book    *xlsxscan.Book
	src     *xlsxscan.Rows
	row     int // 1-based number of the current row
	pending []xlsxscan.Cell
	pendNum int // number of the row read ahead, 0 when none
	// width, when not 0, is how many columns a row is given: the cells
	// right of the columns a reader reads are left out, so that a cell
	// typed far right on every row (in column XFD) does not make every
	// row 16,384 cells long.
	width int
	err   error
	// halted stops each after the row it handed over (halt).
	halted bool
	// csv, for a CSV file, reads its records (units_csv.go); record is
	// the one read ahead.
	csv    *csv.Reader
	record []unitsCell
}

func unitsOpenRows(b *xlsxscan.Book, sheet string) (*unitsRows, error) {
	src, err := b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &unitsRows{sheet: sheet, book: b, src: src}, nil
}

// next moves to the next row and returns its cells (nil for an empty
// row); false at the end of the sheet or on error (see err).
func (it *unitsRows) next() ([]unitsCell, bool) {
	if it.err != nil {
		return nil, false
	}
	if it.csv != nil {
		return it.nextCSV()
	}
	if it.pendNum == 0 {
		num, cells, ok, err := it.src.Next()
		if err != nil {
			it.err = err
			return nil, false
		}
		if !ok {
			return nil, false
		}
		it.pendNum, it.pending = num, cells
	}
	if it.pendNum > it.row+1 { // a row the sheet leaves out
		it.row++
		return nil, true
	}
	it.row, it.pendNum = it.pendNum, 0
	if len(it.pending) == 0 {
		return nil, true
	}
	width := 0
	for _, c := range it.pending {
		if it.width == 0 || c.Col < it.width {
			width = max(width, c.Col+1)
		}
	}
	if width == 0 {
		return nil, true
	}
	cells := make([]unitsCell, width)
	for _, x := range it.pending {
		if x.Col < width {
			cells[x.Col], _ = unitsCellOf(strings.TrimSpace(x.Value), x.Type, it.book.PercentStyle(x.Style))
		}
	}
	return cells, true
}

// unitsCellOf is a cell from its raw text, its type as the t attribute
// writes it and whether its style has a percent number format: a number
// cell (t "" or "n") with a percent format holds a fraction, a boolean
// cell 1 or 0, an error cell (or text like #N/A) an error value. number
// says the cell is a number cell.
func unitsCellOf(raw, typ string, percentStyle bool) (c unitsCell, number bool) {
	number = cellIsNumber(typ)
	return unitsCell{
		raw:     raw,
		pct:     number && percentStyle,
		boolean: typ == "b",
		isErr:   typ == "e" || (strings.HasPrefix(raw, "#") && readErrorValues[strings.ToUpper(raw)]),
	}, number
}

// each calls fn with every row and its number, in order. The iterator
// runs on a goroutine of its own, so that decoding the sheet XML
// and reading the figures (fn) overlap on two cores; only that goroutine
// touches the sheet while each runs. A panic there becomes it.err; if fn
// panics, the iterator stops too (it would otherwise wait forever to hand
// over its next batch).
func (it *unitsRows) each(fn func(row []unitsCell, n int)) {
	type batch struct {
		rows [][]unitsCell
		nums []int
	}
	// A batch holds up to size rows, and fewer when they are wide: rows
	// are as long as their last cell, so that a few thousand rows each
	// with a cell in column XFD would otherwise hold hundreds of MB in
	// flight (cells bounds what the batches in the channel hold).
	const size, cells = 256, 1 << 16
	ch := make(chan batch, 8)
	stop := make(chan struct{})
	done := make(chan struct{})
	defer func() {
		close(stop)
		p := recover()
		<-done // the iterator has let go of the sheet
		if p != nil {
			panic(p)
		}
	}()
	send := func(b batch) bool {
		select {
		case ch <- b:
			return true
		case <-stop:
			return false
		}
	}
	go func() {
		defer close(done)
		defer close(ch)
		defer func() {
			if p := recover(); p != nil {
				it.err = fmt.Errorf("文件结构异常（%v）", p)
			}
		}()
		var b batch
		held := 0
		for {
			row, ok := it.next()
			if !ok {
				break
			}
			b.rows, b.nums = append(b.rows, row), append(b.nums, it.row)
			if held += len(row); len(b.rows) == size || held >= cells {
				if !send(b) {
					return
				}
				b, held = batch{rows: make([][]unitsCell, 0, size), nums: make([]int, 0, size)}, 0
			}
		}
		if len(b.rows) > 0 {
			send(b)
		}
	}()
	for b := range ch {
		for i, row := range b.rows {
			fn(row, b.nums[i])
			if it.halted {
				return
			}
		}
	}
}

// halt has each stop after the row fn is being handed: nothing further
// is read of the sheet.
func (it *unitsRows) halt() { it.halted = true }

func (it *unitsRows) close() {
	if it.src != nil {
		it.src.Close()
	}
}

// unitsPos is the position of a cell: in a sheet, or, when sheet is "",
// in a CSV file, where row is the line the record starts on and the
// position is file:line:field.
func unitsPos(file, sheet string, col, row int) rules.Pos {
	if sheet == "" {
		return rules.Pos{File: file, Line: row, Col: col + 1, Cell: cell.A1(col, row)}
	}
	return rules.Pos{File: file, Sheet: sheet, Cell: cell.A1(col, row)}
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
