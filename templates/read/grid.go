package read

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// This file holds the neutral grid that a bureau's own spreadsheet is read
// into before anything is matched: the raw text of every cell, with the few
// facts about a cell that change how its text is read. An .xlsx sheet and a
// CSV file become the same kind of grid, so the header and indicator
// matcher (import.go) does not know where the cells came from.

// Limits of the grid: a bureau's table of indicators has tens of rows. A
// larger sheet is read up to these bounds, with a warning.
const (
	gridMaxRows = 20000
	gridMaxCols = 256
)

// gridCell is one cell: its raw text (the stored value of an .xlsx cell read
// with RawCellValue, or the text of a CSV field) and its flags.
type gridCell struct {
	Text string
	// Percent: a number cell with a percent number format; its raw text is
	// the fraction (0.085 shows as 8.5%).
	Percent bool
	// Error: an error value (#DIV/0!, #N/A, #VALUE! …).
	Error bool
	// Number: a number cell (not text typed into a cell), so that a date
	// is stored as its serial.
	Number bool
	// Merged: the cell lies inside a merged range and is not its top-left
	// cell; Text is the text of the range's top-left cell (MergedFrom).
	Merged     bool
	MergedFrom string
}

// grid is one sheet (or one CSV file) as rows of cells; row and column
// indexes start at 0.
type grid struct {
	File  string
	Sheet string // "" for CSV
	CSV   bool
	Rows  [][]gridCell
	// lines gives, for CSV, the line of the file where each record starts
	// (1-based); a quoted field may span lines.
	lines []int
	// formula returns the formula of a cell whose stored value is empty,
	// or "" (nil for CSV).
	formula func(r, c int) string
	// truncated is set when the sheet was larger than the grid limits.
	truncated bool
}

// cell returns the cell at r, c, or an empty one.
func (g *grid) cell(r, c int) gridCell {
	if r < 0 || r >= len(g.Rows) || c < 0 || c >= len(g.Rows[r]) {
		return gridCell{}
	}
	return g.Rows[r][c]
}

// text is the trimmed text of the cell at r, c.
func (g *grid) text(r, c int) string { return strings.TrimSpace(g.cell(r, c).Text) }

// width is the number of columns of the widest row.
func (g *grid) width() int {
	w := 0
	for _, row := range g.Rows {
		w = max(w, len(row))
	}
	return w
}

// pos is the position of the cell at r, c in the user's terms: sheet and
// cell for a workbook; for CSV, the line where the record starts and the
// field number (1 = first field), with the A1 reference a spreadsheet
// program shows for it in Cell.
func (g *grid) pos(r, c int) rules.Pos {
	if g.CSV {
		line := r + 1
		if r >= 0 && r < len(g.lines) {
			line = g.lines[r]
		}
		return rules.Pos{File: g.File, Line: line, Col: c + 1, Cell: cell.A1(c, r+1)}
	}
	return rules.Pos{File: g.File, Sheet: g.Sheet, Cell: cell.A1(c, r+1)}
}

// sheetPos is the position of the sheet (or CSV file) as a whole.
func (g *grid) sheetPos() rules.Pos {
	if g.CSV {
		return rules.Pos{File: g.File}
	}
	return rules.Pos{File: g.File, Sheet: g.Sheet}
}

// where names the cell for a person: "D7" in a workbook, "第7行第4列" in CSV.
func (g *grid) where(r, c int) string {
	if g.CSV {
		p := g.pos(r, c)
		return fmt.Sprintf("第%d行第%d列", p.Line, p.Col)
	}
	return cell.A1(c, r+1)
}

// gridIsErrorText reports whether text is an error value as Excel writes it
// (readErrorValues lists them).
func gridIsErrorText(s string) bool {
	return readErrorValues[strings.ToUpper(strings.TrimSpace(s))]
}

// gridFromSheet reads one sheet of an open workbook into a grid. Calls into
// excelize are guarded by the caller (importGuard).
func gridFromSheet(f *excelize.File, file, sheet string) (*grid, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	g := &grid{File: file, Sheet: sheet}
	if len(rows) > gridMaxRows {
		rows, g.truncated = rows[:gridMaxRows], true
	}
	percentStyle := map[int]bool{}
	isPercent := func(ref string) bool {
		idx, err := f.GetCellStyle(sheet, ref)
		if err != nil || idx == 0 {
			return false
		}
		p, ok := percentStyle[idx]
		if !ok {
			if st, err := f.GetStyle(idx); err == nil && st != nil {
				p = st.NumFmt == 9 || st.NumFmt == 10 ||
					(st.CustomNumFmt != nil && xlsxscan.FormatHasPercent(*st.CustomNumFmt))
			}
			percentStyle[idx] = p
		}
		return p
	}
	g.Rows = make([][]gridCell, len(rows))
	for r, row := range rows {
		if len(row) > gridMaxCols {
			row, g.truncated = row[:gridMaxCols], true
		}
		cells := make([]gridCell, len(row))
		for c, text := range row {
			cells[c].Text = text
			if strings.TrimSpace(text) == "" {
				continue
			}
			ref := cell.A1(c, r+1)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				continue
			}
			switch typ {
			case excelize.CellTypeError:
				cells[c].Error = true
			case excelize.CellTypeUnset, excelize.CellTypeNumber:
				cells[c].Number = true
				cells[c].Percent = isPercent(ref)
			case excelize.CellTypeFormula:
				// t="str": a formula whose cached result is text
				cells[c].Error = gridIsErrorText(text)
			}
		}
		g.Rows[r] = cells
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err == nil {
		for _, m := range merges {
			g.spreadMerge(m.GetStartAxis(), m.GetEndAxis())
		}
	}
	g.formula = func(r, c int) (s string) {
		defer func() {
			if recover() != nil {
				s = ""
			}
		}()
		s, err := f.GetCellFormula(sheet, cell.A1(c, r+1))
		if err != nil {
			return ""
		}
		return s
	}
	return g, nil
}

// spreadMerge copies the text of a merged range's top-left cell into the
// other cells of the range, marking them, so that a header spanning two
// columns ("1-12月" over "绝对量 | 增速") is seen above both.
func (g *grid) spreadMerge(from, to string) {
	c1, r1, ok1 := cell.ParseA1(from)
	c2, r2, ok2 := cell.ParseA1(to)
	if !ok1 || !ok2 {
		return
	}
	r1, r2, c2 = r1-1, min(r2-1, len(g.Rows)-1), min(c2, gridMaxCols-1)
	if r1 < 0 || c1 < 0 || r1 >= len(g.Rows) || (r2-r1+1)*(c2-c1+1) > 4096 {
		return
	}
	origin := g.cell(r1, c1)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			for len(g.Rows[r]) <= c {
				g.Rows[r] = append(g.Rows[r], gridCell{})
			}
			g.Rows[r][c] = gridCell{Text: origin.Text, Percent: origin.Percent, Error: origin.Error,
				Number: origin.Number, Merged: true, MergedFrom: from}
		}
	}
}
