package read

import (
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file picks the sheets of a bureau's workbook to read: every sheet
// that holds indicators (headline figures on one, tasks on another, as
// bureaus keep them), or the sheets asked for. A figure found on two of
// them is an error naming both cells (importer.set).

// readWorkbook reads the sheets asked for, or every sheet that holds
// indicators. Every sheet it reads must read whole: a damaged one is an
// error, never a sheet passed over.
func (im *importer) readWorkbook(wb workbook) {
	file := rules.Pos{File: im.name}
	sheets := wb.sheetNames()
	sheetGrid := func(sheet string) *grid {
		g, err := wb.grid(sheet)
		if err != nil {
			im.diags.Add(scanProblem(im.name, err, im.lim, forAny))
			return nil
		}
		return g
	}
	want := im.opts.sheets()
	if len(want) == 0 && im.opts.Mapping != nil && im.opts.Mapping.Sheet != "" {
		want = []string{im.opts.Mapping.Sheet}
	}
	var tables []*importTable
	if len(want) > 0 {
		ok := true
		for _, w := range want {
			found := importFindSheet(sheets, w)
			if found == "" {
				im.diags.Errorf(file, "工作簿中的工作表有："+importQuoteList(sheets, 20), "工作簿中没有名为“%s”的工作表", w)
				ok = false
				continue
			}
			g := sheetGrid(found)
			if g == nil {
				return
			}
			tables = append(tables, im.analyze(g))
		}
		if ok {
			im.useTables(tables, true)
		}
		return
	}
	for _, s := range sheets {
		g := sheetGrid(s)
		if g == nil {
			return
		}
		t := im.analyze(g)
		t.hidden = wb.sheetHidden(s)
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		im.diags.Errorf(file, importSaveAs, "工作簿中没有可读取的工作表")
		return
	}
	im.useTables(tables, false)
}

// importFindSheet finds a sheet by its name, or by its name folded
// (spaces, full-width forms); "" when none has it.
func importFindSheet(sheets []string, want string) string {
	for _, s := range sheets {
		if s == want {
			return s
		}
	}
	for _, s := range sheets {
		if rules.NormalizeName(s) == rules.NormalizeName(want) {
			return s
		}
	}
	return ""
}

// figures reports whether the table has a column of figures.
func (t *importTable) figures() bool {
	for _, role := range []headerRole{roleLevel, roleGrowth, roleRank, roleDone, roleDate} {
		if t.cols[role] >= 0 {
			return true
		}
	}
	return false
}

// useTables reads the tables: all of them when they were asked for;
// else every visible sheet that holds indicators (indicator rows and a
// column of figures), a hidden sheet only when no visible one does, and
// when none does the sheet that matches most indicators, for its error.
func (im *importer) useTables(tables []*importTable, named bool) {
	read := tables
	if !named {
		read = nil
		for _, hidden := range []bool{false, true} {
			for _, t := range tables {
				if t.hidden == hidden && t.matched > 0 && t.figures() {
					read = append(read, t)
				}
			}
			if len(read) > 0 {
				break
			}
		}
		if len(read) == 0 {
			read = []*importTable{importBest(tables)}
		}
	}
	im.multi = len(read) > 1
	var names []string
	for _, t := range tables {
		chosen := false
		for _, r := range read {
			chosen = chosen || r == t
		}
		if chosen {
			names = append(names, t.g.Sheet)
		}
		im.rep.Sheets = append(im.rep.Sheets, ImportSheet{Name: t.g.Sheet, Matched: t.matched, Hidden: t.hidden, Read: chosen})
	}
	im.rep.Sheet = strings.Join(names, "、")
	im.unreadSheets(tables, read)
	for _, t := range read {
		im.read(t)
	}
	for _, ind := range im.rs.Indicators {
		if !im.found[ind.ID] {
			im.rep.Missing = append(im.rep.Missing, ImportMissing{ID: ind.ID, Name: ind.Name})
		}
	}
}

// importBest is the table that matches most indicators, a visible sheet
// before a hidden one, the first on a tie.
func importBest(tables []*importTable) *importTable {
	best := tables[0]
	for _, t := range tables[1:] {
		if t.hidden != best.hidden && !t.hidden && t.matched > 0 || t.hidden == best.hidden && t.matched > best.matched {
			best = t
		}
	}
	return best
}

// unreadSheets warns about the visible sheets that name indicators but
// were not read, as they have no column of figures: a table of targets,
// say. A hidden sheet passed over is said in the report only.
func (im *importer) unreadSheets(tables, read []*importTable) {
	for _, t := range tables {
		skipped := !t.hidden && t.matched > 0
		for _, r := range read {
			skipped = skipped && r != t
		}
		if skipped && !t.figures() {
			im.diags.Warnf(t.g.sheetPos(), "要读取它，用 --sheet 指定，或用 --map 指定 columns",
				"工作表“%s”有 %d 个指标的行，但认不出本年值或增速在哪一列，未读取", t.g.Sheet, t.matched)
		}
	}
}
