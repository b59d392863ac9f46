package read

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

// This file keeps the way the readers read a workbook before the stream
// scanner, through excelize's GetRows, GetCellType and GetCellStyle, as
// reference code: tests read the same files both ways and hold the
// scanner's grids, and what the readers make of them, equal to these. It
// is never used outside tests: excelize pads every row out to its last
// column and stops silently at a damaged row.

// excelizeBook is a workbook opened with excelize, as a workbook the
// readers can read (the interface bookGrids implements).
type excelizeBook struct {
	f    *excelize.File
	file string
	lim  limits
}

// openExcelizeBook opens data with excelize, raw values, within the
// unpacked size of tableLimits.
func openExcelizeBook(file string, data []byte, password string) (*excelizeBook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, Password: password,
		UnzipSizeLimit: int64(tableLimits.scan.Unzip), UnzipXMLSizeLimit: int64(tableLimits.scan.Unzip)})
	if err != nil {
		return nil, err
	}
	return &excelizeBook{f: f, file: file, lim: tableLimits}, nil
}

func (x *excelizeBook) Close() { x.f.Close() }

func (x *excelizeBook) sheetNames() []string { return x.f.GetSheetList() }

func (x *excelizeBook) hasSheet(sheet string) bool {
	i, err := x.f.GetSheetIndex(sheet)
	return err == nil && i >= 0
}

func (x *excelizeBook) sheetHidden(sheet string) bool {
	visible, err := x.f.GetSheetVisible(sheet)
	return err == nil && !visible
}

func (x *excelizeBook) application() string {
	app, err := x.f.GetAppProps()
	if err != nil || app == nil {
		return ""
	}
	return strings.TrimSpace(app.Application)
}

// grid reads a sheet as the importer did before the stream scanner
// (gridFromSheet), with the flags a cell's type and style give, the
// limits on rows and columns applied after excelize has padded each row.
func (x *excelizeBook) grid(sheet string) (*grid, error) {
	f := x.f
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	g := &grid{File: x.file, Sheet: sheet, formulas: map[gridAt]string{}}
	for len(rows) > 0 && strings.Join(rows[len(rows)-1], "") == "" {
		rows = rows[:len(rows)-1]
	}
	if len(rows) > x.lim.gridRows {
		rows, g.cutRow = rows[:x.lim.gridRows], x.lim.gridRows+1
	}
	g.Rows = make([][]gridCell, len(rows))
	width := 0
	for _, row := range rows {
		width = min(max(width, len(row)+1), x.lim.gridCols)
	}
	for r, row := range rows {
		if len(row) > x.lim.gridCols {
			row = row[:x.lim.gridCols]
			if g.cutCell == "" {
				g.cutCell = cell.A1(x.lim.gridCols, r+1)
			}
		}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		cells := make([]gridCell, len(row))
		for c, text := range row {
			cells[c] = x.cell(sheet, cell.A1(c, r+1), text)
		}
		if len(cells) > 0 {
			g.Rows[r] = cells
		}
		for c := 0; c < width; c++ {
			if row := rows[r]; c < len(row) && row[c] != "" {
				continue
			}
			if fm, err := f.GetCellFormula(sheet, cell.A1(c, r+1)); err == nil && fm != "" {
				g.formulas[gridAt{r, c}] = fm
			}
		}
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err == nil {
		budget := x.lim.gridCells
		for _, m := range merges {
			c1, r1, _ := cell.ParseA1(m.GetStartAxis())
			c2, r2, _ := cell.ParseA1(m.GetEndAxis())
			if err := g.spreadMerge(xlsxscan.Range{FirstCol: c1, FirstRow: r1, LastCol: c2, LastRow: r2}, x.lim, &budget); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

// cell is one cell of the reference grid, its flags from excelize.
func (x *excelizeBook) cell(sheet, ref, text string) gridCell {
	gc := gridCell{Text: text}
	if strings.TrimSpace(text) == "" {
		return gc
	}
	typ, err := x.f.GetCellType(sheet, ref)
	if err != nil {
		return gc
	}
	switch typ {
	case excelize.CellTypeError:
		gc.Error = true
	case excelize.CellTypeBool:
		gc.Bool = true
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		gc.Number = true
		gc.Percent = x.percent(sheet, ref)
	case excelize.CellTypeFormula: // t="str": a formula whose cached result is text
		gc.Error = gridIsErrorText(text)
	}
	return gc
}

// percent reports whether a cell's number format is a percent format.
func (x *excelizeBook) percent(sheet, ref string) bool {
	id, err := x.f.GetCellStyle(sheet, ref)
	if err != nil {
		return false
	}
	st, err := x.f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	return st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && xlsxscan.FormatHasPercent(*st.CustomNumFmt))
}

// excelizeGrids reads every sheet of a workbook both ways; ok is false
// when excelize does not open it.
func excelizeGrids(t *testing.T, name string, data []byte, password string) (ref, ours map[string]*grid, ok bool) {
	t.Helper()
	x, err := openExcelizeBook(name, data, password)
	if err != nil {
		return nil, nil, false
	}
	defer x.Close()
	var ds rules.Diagnostics
	in := openInput(name, data, password, tableLimits, forWorkbook, &ds)
	if in.book == nil {
		t.Fatalf("%s: excelize opens it, the scanner does not: %v", name, ds)
	}
	wb := newBookGrids(in.book, name, tableLimits)
	ref, ours = map[string]*grid{}, map[string]*grid{}
	for _, s := range x.sheetNames() {
		g, err := x.grid(s)
		if err != nil {
			continue
		}
		ref[s] = g
		if ours[s], err = wb.grid(s); err != nil {
			t.Errorf("%s %s: %v", name, s, err)
		}
	}
	return ref, ours, true
}

// agreeTestFiles are the workbooks the agreement tests read both ways:
// the import corpus but its hostile files (where the readers differ by
// design: excelize reads a damaged sheet short without a word, and pads
// every row out to its last column), the shipped example, a generated
// city workbook and a filled template.
func agreeTestFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	paths = append(paths, filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx"))
	for _, p := range paths {
		if strings.HasPrefix(filepath.Base(p), "hostile-") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	var gen bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&gen, nil, 15, 10, 7); err != nil {
		t.Fatal(err)
	}
	files["generated.xlsx"] = gen.Bytes()
	var tpl bytes.Buffer
	if err := templates.FillTemplate(&tpl, rules.Default(), "", fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	files["template.xlsx"] = tpl.Bytes()
	return files
}

// gridTestTrim drops the empty cells at the end of each row: a cell with
// a formula and no value is one for the scanner, not for excelize.
func gridTestTrim(g *grid) *grid {
	out := *g
	out.Rows = make([][]gridCell, len(g.Rows))
	for r, row := range g.Rows {
		for len(row) > 0 && row[len(row)-1] == (gridCell{}) {
			row = row[:len(row)-1]
		}
		if len(row) > 0 {
			out.Rows[r] = row
		}
	}
	for len(out.Rows) > 0 && out.Rows[len(out.Rows)-1] == nil {
		out.Rows = out.Rows[:len(out.Rows)-1]
	}
	return &out
}

// TestGridAgreesWithExcelize: every sheet of every workbook the tests
// ship reads into the same grid through the stream scanner as through
// excelize: texts, the flags of type and style, merged ranges spread,
// formulas without a result.
func TestGridAgreesWithExcelize(t *testing.T) {
	compared := 0
	for name, data := range agreeTestFiles(t) {
		if strings.HasPrefix(name, "zip-bomb") {
			continue // excelize reads a bomb as empty; the scanner refuses it
		}
		ref, ours, ok := excelizeGrids(t, name, data, "")
		if !ok {
			continue // a broken or encrypted file of the corpus
		}
		for sheet, rg := range ref {
			g := ours[sheet]
			if g == nil {
				continue
			}
			opts := cmp.Options{cmp.AllowUnexported(grid{}, gridAt{})}
			if d := cmp.Diff(gridTestTrim(rg), gridTestTrim(g), opts); d != "" {
				t.Errorf("%s %s (-excelize +scanner):\n%s", name, sheet, d)
			}
			compared++
		}
	}
	if compared < 30 {
		t.Errorf("only %d sheets compared", compared)
	}
	t.Logf("%d sheets agree", compared)
}

// importTestExcelize imports a workbook through excelize's reading of it;
// ok is false when excelize does not open it.
func importTestExcelize(name string, data []byte, rs *rules.Ruleset, opts ImportOptions) (eval.Actuals, rules.Diagnostics, *ImportReport, bool) {
	x, err := openExcelizeBook(name, data, opts.Password)
	if err != nil {
		return eval.Actuals{}, nil, nil, false
	}
	defer x.Close()
	im := &importer{name: name, rs: rs, opts: opts, rep: &ImportReport{File: name}, lim: tableLimits}
	im.acts = eval.Actuals{File: name, Entity: rs.Entity, Year: rs.Year, Values: map[string]*eval.Actual{}}
	im.buildIndex()
	if opts.Mapping != nil {
		im.checkMapping(opts.Mapping)
	}
	im.readBook(x)
	acts, ds, rep := im.finish()
	return acts, ds, rep, true
}

// TestImportAgreesWithExcelize reads every workbook case of the corpus
// through the stream scanner and through excelize: the figures, their
// sources, the problems and the import report must be the same.
func TestImportAgreesWithExcelize(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(corpusDir, "expected.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []fixture.CorpusCase
	if err := yaml.Unmarshal(src, &cases); err != nil {
		t.Fatal(err)
	}
	same := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() })
	compared := 0
	for _, c := range cases {
		if !strings.HasSuffix(c.File, ".xlsx") || strings.HasPrefix(c.File, "zip-bomb") || strings.HasPrefix(c.File, "hostile-") || c.Mapping != "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(corpusDir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		opts := ImportOptions{Sheet: c.Sheet, Password: c.Password}
		xacts, xds, xrep, ok := importTestExcelize(c.File, data, corpusRuleset(t), opts)
		if !ok {
			continue
		}
		acts, ds, rep := ImportActuals(c.File, data, corpusRuleset(t), opts)
		if d := cmp.Diff(xacts, acts, same); d != "" {
			t.Errorf("%s: actuals (-excelize +scanner):\n%s", c.Name, d)
		}
		if d := cmp.Diff(xds, ds); d != "" {
			t.Errorf("%s: diagnostics (-excelize +scanner):\n%s", c.Name, d)
		}
		if d := cmp.Diff(xrep, rep); d != "" {
			t.Errorf("%s: report (-excelize +scanner):\n%s", c.Name, d)
		}
		compared++
	}
	if compared < 25 {
		t.Errorf("only %d cases compared", compared)
	}
	t.Logf("%d corpus cases agree", compared)
}
