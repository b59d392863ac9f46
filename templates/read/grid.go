package read

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/rules"
)

// This file holds the neutral grid that a sheet of one unit's table (a
// bureau's own spreadsheet, or the input template's 填报表) is read into
// before anything is matched: the raw text of every cell, with the few
// facts about a cell that change how its text is read. An .xlsx sheet and
// a CSV file become the same kind of grid, so the header and indicator
// matchers (import.go, read.go) do not know where the cells came from.

// The bounds of the grid are in limits.go (gridRows, gridCols, gridCells).

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
	// Bool: a logical cell (TRUE/FALSE, stored as 1 or 0).
	Bool bool
	// Merged: the cell lies inside a merged range and is not its top-left
	// cell; Text is the text of the range's top-left cell (MergedFrom).
	Merged     bool
	MergedFrom string
}

// gridAt is a cell of a grid by row and column, from 0.
type gridAt struct{ r, c int }

// grid is one sheet (or one CSV file) as rows of cells; row and column
// indexes start at 0. A row holds cells up to its last one present: its
// length is its extent, not the sheet's width.
type grid struct {
	File  string
	Sheet string // "" for CSV
	CSV   bool
	Rows  [][]gridCell
	// lines gives, for CSV, the line of the file where each record starts
	// (1-based); a quoted field may span lines.
	lines []int
	// formulas holds the formula of each cell whose stored value is empty:
	// its text, or "" when the file does not say it (the other cells of a
	// shared formula). Nil for CSV.
	formulas map[gridAt]string
	// cutRow is the first row (1-based) left out for the limit on rows,
	// cutCell the first cell left out for the limit on columns; zero when
	// nothing was left out.
	cutRow  int
	cutCell string
}

// truncated reports whether the sheet was larger than the grid's limits.
func (g *grid) truncated() bool { return g.cutRow > 0 || g.cutCell != "" }

// formula returns the formula of the cell at r, c when its stored value is
// empty; ok is false when it has none.
func (g *grid) formula(r, c int) (text string, ok bool) {
	text, ok = g.formulas[gridAt{r, c}]
	return text, ok
}

// cell returns the cell at r, c, or an empty one.
func (g *grid) cell(r, c int) gridCell {
	if r < 0 || r >= len(g.Rows) || c < 0 || c >= len(g.Rows[r]) {
		return gridCell{}
	}
	return g.Rows[r][c]
}

// text is the trimmed text of the cell at r, c; a cell inside a merged
// range has the text of the range's top-left cell (spreadMerge), as a
// header or a label (a unit merged down a column) is read.
func (g *grid) text(r, c int) string { return strings.TrimSpace(g.cell(r, c).Text) }

// figure returns the cell at r, c as a figure is read from it: a cell
// inside a merged range other than its top-left is empty, as it is in the
// file. Merged ranges fill headers, never figures: 上年同期 merged over the
// empty 增长 cell beside it is no growth rate.
func (g *grid) figure(r, c int) gridCell {
	if gc := g.cell(r, c); !gc.Merged {
		return gc
	}
	return gridCell{}
}

// figureText is the trimmed text of figure(r, c).
func (g *grid) figureText(r, c int) string { return strings.TrimSpace(g.figure(r, c).Text) }

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

// workbook is an opened workbook as the readers of one unit's table see
// it: its sheets, and each sheet as a grid. The program's is bookGrids,
// over the stream scanner; tests hold excelize's reading of the same file
// up against it.
type workbook interface {
	sheetNames() []string
	hasSheet(sheet string) bool
	sheetHidden(sheet string) bool
	// application is the program that saved the workbook, or "".
	application() string
	// grid reads a sheet; its errors are the scanner's (*xlsxscan.Error)
	// or the grid's (*gridError), for scanProblem to word.
	grid(sheet string) (*grid, error)
}

// bookGrids reads the sheets of a book into grids, within one budget of
// grid cells for the whole workbook.
type bookGrids struct {
	book   *xlsxscan.Book
	file   string
	lim    limits
	budget int
}

func newBookGrids(b *xlsxscan.Book, file string, lim limits) *bookGrids {
	return &bookGrids{book: b, file: file, lim: lim, budget: lim.gridCells}
}

func (w *bookGrids) sheetNames() []string          { return w.book.SheetNames() }
func (w *bookGrids) hasSheet(sheet string) bool    { return w.book.HasSheet(sheet) }
func (w *bookGrids) sheetHidden(sheet string) bool { return w.book.SheetHidden(sheet) }
func (w *bookGrids) application() string           { return w.book.Application() }

// grid streams one sheet into a grid: each row up to its last cell within
// the limit on columns, the rows up to the limit on rows, merged ranges
// spread; every cell held is drawn from the workbook's budget, and a
// sheet that would overdraw it is refused before its row is allocated.
// The sheet is read to its end even past the limit on rows, so that
// damage anywhere in it is found.
func (w *bookGrids) grid(sheet string) (*grid, error) {
	it, err := w.book.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	g := &grid{File: w.file, Sheet: sheet, formulas: map[gridAt]string{}}
	for {
		num, cells, ok, err := it.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if err := w.addRow(g, num, cells); err != nil {
			return nil, err
		}
	}
	for _, m := range it.Merges() {
		if err := g.spreadMerge(m, w.lim, &w.budget); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// addRow adds row num (1-based) of a sheet to its grid.
func (w *bookGrids) addRow(g *grid, num int, cells []xlsxscan.Cell) error {
	if num > w.lim.gridRows {
		if len(cells) > 0 && g.cutRow == 0 {
			g.cutRow = num
		}
		return nil
	}
	width := 0
	for _, c := range cells {
		if c.Col >= w.lim.gridCols {
			if g.cutCell == "" {
				g.cutCell = xlsxscan.Ref(c.Col, num)
			}
			continue
		}
		width = max(width, c.Col+1)
	}
	if width == 0 {
		return nil
	}
	if w.budget -= width; w.budget < 0 {
		return &gridError{sheet: g.Sheet, row: num, limit: w.lim.gridCells}
	}
	for len(g.Rows) < num-1 {
		g.Rows = append(g.Rows, nil)
	}
	row := make([]gridCell, width)
	for _, c := range cells {
		if c.Col >= width {
			continue
		}
		row[c.Col] = gridCellOf(c, w.book)
		if c.Formula && c.Value == "" {
			g.formulas[gridAt{num - 1, c.Col}] = c.FormulaText
		}
	}
	g.Rows = append(g.Rows, row)
	return nil
}

// gridCellOf is a streamed cell with its flags, set for a cell with text:
// the t attribute says error, logical or text; anything else is a number,
// percent when its style's number format is.
func gridCellOf(c xlsxscan.Cell, b *xlsxscan.Book) gridCell {
	gc := gridCell{Text: c.Value}
	if strings.TrimSpace(c.Value) == "" {
		return gc
	}
	switch {
	case c.Type == "e":
		gc.Error = true
	case c.Type == "b":
		gc.Bool = true
	case c.Type == "str": // a formula whose cached result is text
		gc.Error = gridIsErrorText(c.Value)
	case cellIsNumber(c.Type):
		gc.Number, gc.Percent = true, b.PercentStyle(c.Style)
	}
	return gc
}

// cellIsNumber reports whether a cell of type typ (the t attribute) holds
// a number: no type or n, or one excelize does not know either.
func cellIsNumber(typ string) bool {
	switch typ {
	case "s", "str", "inlineStr", "b", "d", "e":
		return false
	}
	return true
}

// units is the cell as the multi-unit reader's cells are, for its raw
// text; number says it is a number cell.
func (c gridCell) units(raw string) (unitsCell, bool) {
	return unitsCell{
		raw:     raw,
		pct:     c.Number && c.Percent,
		boolean: c.Bool,
		isErr:   c.Error || (strings.HasPrefix(raw, "#") && readErrorValues[strings.ToUpper(raw)]),
	}, c.Number
}

// spreadMerge copies the text of a merged range's top-left cell into the
// other cells of the range, marking them, so that a header spanning two
// columns ("1-12月" over "绝对量 | 增速") is seen above both. Only the part
// of the range within the rows read and the limit on columns is filled,
// and not at all a range of more than 4,096 cells there; cells it adds to
// a row are drawn from the budget.
func (g *grid) spreadMerge(m xlsxscan.Range, lim limits, budget *int) error {
	r1, c1 := m.FirstRow-1, m.FirstCol
	r2, c2 := min(m.LastRow-1, len(g.Rows)-1), min(m.LastCol, lim.gridCols-1)
	if r1 < 0 || r1 >= len(g.Rows) || c1 > c2 || (r2-r1+1)*(c2-c1+1) > 4096 {
		return nil
	}
	from := cell.A1(c1, r1+1)
	origin := g.cell(r1, c1)
	for r := r1; r <= r2; r++ {
		if n := c2 + 1 - len(g.Rows[r]); n > 0 {
			if *budget -= n; *budget < 0 {
				return &gridError{sheet: g.Sheet, row: r + 1, limit: lim.gridCells}
			}
			g.Rows[r] = append(g.Rows[r], make([]gridCell, n)...)
		}
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			g.Rows[r][c] = gridCell{Text: origin.Text, Percent: origin.Percent, Error: origin.Error,
				Number: origin.Number, Bool: origin.Bool, Merged: true, MergedFrom: from}
		}
	}
	return nil
}
