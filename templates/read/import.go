package read

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ImportOptions tunes ImportActuals. The zero value reads the sheet that
// matches most indicators of an unencrypted workbook, matching rows and
// columns automatically.
type ImportOptions struct {
	// Sheets are the sheets to read (--sheet A --sheet B); none means
	// every sheet that holds indicators (the mapping's sheet, when it
	// names one).
	Sheets []string
	// Sheet is one more sheet to read, for a caller of one sheet: Sheet
	// "A" is Sheets ["A"].
	Sheet string
	// Password opens a workbook encrypted with an open password.
	Password string
	// Mapping overrides the automatic match: the sheet, header rows,
	// columns, the row of an indicator, units (see ParseMapping).
	Mapping *Mapping
}

// sheets are the sheets asked for: Sheets, then Sheet, each once.
func (o ImportOptions) sheets() []string {
	var out []string
	for _, s := range append(append([]string(nil), o.Sheets...), o.Sheet) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// importHeaderScan is how many rows above the first indicator row are
// searched for header rows; importNameScan how many columns from the left
// for indicator names.
const (
	importHeaderScan = 8
	importHeaderMax  = 4
	importNameScan   = 8
)

// ImportActuals reads actual figures from a statistics bureau's own
// spreadsheet (主要经济指标完成情况表): an .xlsx workbook (written by Excel,
// WPS or LibreOffice) or a CSV file (UTF-8 with or without BOM, or
// GB18030/GBK). name is the file name shown in positions; data its bytes.
//
// The rows of indicators are found by the names and aliases of the ruleset,
// folded for spelling (importFoldName), and the columns by their headers,
// several header rows and merged header cells combined ("1-12月" over
// "绝对量 | 比上年增长%"). Units named in a unit column, in brackets after
// the name, in the header or in a "单位：万元" note convert exactly to the
// indicator's unit. Every figure is read from the raw cell text into an
// exact decimal (ParseCellNumber); placeholders (-, —, /, 无) are no data,
// never 0. Positions are sheet and cell for a workbook; for CSV they are
// the line where the record starts and the field number (file:7:4), with
// the A1 reference a spreadsheet program shows in Pos.Cell.
//
// The diagnostics hold every problem, errors and warnings, sorted; when
// they hold an error the actuals are incomplete and must not be judged.
// Warnings are also in Actuals.Problems. The report says which cell fed
// each figure and which rows were not recognised; it is never nil.
func ImportActuals(name string, data []byte, rs *rules.Ruleset, opts ImportOptions) (eval.Actuals, rules.Diagnostics, *ImportReport) {
	return importWith(name, data, rs, opts, tableLimits)
}

// importWith is ImportActuals within lim.
func importWith(name string, data []byte, rs *rules.Ruleset, opts ImportOptions, lim limits) (eval.Actuals, rules.Diagnostics, *ImportReport) {
	var open rules.Diagnostics
	in := openInput(name, data, opts.Password, lim, forAny, &open)
	return importInput(name, in, open, rs, opts)
}

// importInput imports an opened input; open holds what opening it found.
// Mapping problems are reported whatever the input.
func importInput(name string, in *input, open rules.Diagnostics, rs *rules.Ruleset, opts ImportOptions) (acts eval.Actuals, ds rules.Diagnostics, rep *ImportReport) {
	im := &importer{name: name, rs: rs, opts: opts, rep: &ImportReport{File: name}}
	im.acts = eval.Actuals{File: name, Values: map[string]*eval.Actual{}}
	defer func() {
		if importRecoverPanics {
			if p := recover(); p != nil {
				im.diags.Errorf(rules.Pos{File: name}, importSaveAs, "读取时遇到异常的文件结构，无法读取（%v）", p)
			}
		}
		acts, ds, rep = im.finish()
	}()
	im.run(in, open)
	return
}

// importRecoverPanics turns a panic anywhere in Read or ImportActuals
// into a diagnostic; the fuzz target switches it off so that a panic in
// attain's own code is found.
var importRecoverPanics = true

// importer holds the state of one ImportActuals call.
type importer struct {
	name  string
	rs    *rules.Ruleset
	opts  ImportOptions
	diags rules.Diagnostics
	acts  eval.Actuals
	rep   *ImportReport
	// index maps folded names and aliases to their indicator.
	index map[string]importKey
	// lim bounds the input (limits.go).
	lim limits
	// found holds the indicators found on any sheet read; multi says that
	// more than one sheet is read, so that the report names each cell's.
	found map[string]bool
	multi bool
}

// importKey is what a folded name stands for: an indicator, and whether
// the row carries its growth rate rather than its level.
type importKey struct {
	ind    *rules.Indicator
	growth bool
}

func (im *importer) finish() (eval.Actuals, rules.Diagnostics, *ImportReport) {
	for i := range im.diags {
		d := &im.diags[i]
		if d.Pos.File == "" {
			d.Pos.File = im.name
		}
		// names and texts from a damaged file may be invalid UTF-8
		d.Summary = strings.ToValidUTF8(d.Summary, "\uFFFD")
		d.Hint = strings.ToValidUTF8(d.Hint, "\uFFFD")
		d.Pos.Sheet = strings.ToValidUTF8(d.Pos.Sheet, "\uFFFD")
		if im.diags[i].Severity == rules.Warning {
			im.acts.Problems = append(im.acts.Problems, im.diags[i])
		}
	}
	im.diags.Sort()
	im.acts.Problems.Sort()
	return im.acts, im.diags, im.rep
}

func (im *importer) run(in *input, open rules.Diagnostics) {
	file := rules.Pos{File: im.name}
	if im.rs == nil {
		im.diags.Errorf(file, "", "没有规则集，无法识别指标")
		return
	}
	im.acts.Entity, im.acts.Year = im.rs.Entity, im.rs.Year
	im.lim = in.lim
	im.buildIndex()
	m := im.opts.Mapping
	if m != nil {
		im.checkMapping(m)
	}
	im.diags = append(im.diags, open...)
	switch in.kind {
	case kindCSV:
		g, enc, err := gridFromCSV(im.name, in.data, in.lim)
		if err != nil {
			im.diags.Errorf(file, "用 Excel/WPS 打开后另存为 CSV（UTF-8）或 .xlsx 再导入", "无法读取 CSV 文件：%v", err)
			return
		}
		im.rep.Format = "CSV，" + string(enc) + "编码"
		if m != nil && m.Sheet != "" {
			im.diags.Warnf(m.pos("sheet"), "CSV 文件没有工作表，sheet 不起作用", "映射文件指定了工作表“%s”，但输入是 CSV 文件", m.Sheet)
		}
		im.useTables([]*importTable{im.analyze(g)}, true)
	case kindXLSX:
		im.readBook(newBookGrids(in.book, im.name, in.lim))
	}
}

// readBook reads an opened workbook; attain's own scorecard is refused.
func (im *importer) readBook(wb workbook) {
	im.rep.Format = "xlsx 工作簿"
	if app := wb.application(); app != "" {
		im.rep.Format += "（" + importCut(app, 40) + " 保存）"
	}
	if isScorecard(wb.sheetNames(), wb.application()) {
		im.diags.Add(scorecardProblem(im.name))
		return
	}
	im.readWorkbook(wb)
}

// buildIndex maps every folded name and alias of the ruleset to its
// indicator, with the growth variants of growth indicators ("地区生产总值增速").
func (im *importer) buildIndex() {
	im.index = map[string]importKey{}
	add := func(s string, ind *rules.Indicator, auto bool) {
		k := importFoldName(s)
		if k == "" {
			return
		}
		if old, ok := im.index[k]; ok && (auto || old.ind != ind) {
			return // the first spelling wins; validation has refused true clashes
		}
		im.index[k] = importKey{ind: ind, growth: ind.Measure == rules.Growth && importIsGrowthName(k)}
	}
	for _, ind := range im.rs.Indicators {
		add(ind.Name, ind, false)
		for _, a := range ind.Aliases {
			add(a, ind, false)
		}
	}
	for _, ind := range im.rs.Indicators {
		if ind.Measure != rules.Growth {
			continue
		}
		for _, n := range append([]string{ind.Name}, ind.Aliases...) {
			base := importFoldName(n)
			if base == "" || importIsGrowthName(base) {
				continue
			}
			for _, suf := range []string{"增速", "增长", "增长率", "增幅", "增长速度"} {
				add(base+suf, ind, true)
			}
		}
	}
}

// lookup returns the indicator a name cell names.
func (im *importer) lookup(text string) (importKey, bool) {
	k := importFoldName(text)
	if k == "" {
		return importKey{}, false
	}
	key, ok := im.index[k]
	return key, ok
}

// importTable is a grid with its header and indicator rows found.
type importTable struct {
	g       *grid
	hidden  bool
	nameCol int
	rows    []importRow
	// headerRows are the rows of the header (0-based, top-down).
	headerRows []int
	headers    []string      // combined header text of each column
	matches    []headerMatch // what each header says
	cols       map[headerRole]int
	tableUnit  string // from a "单位：万元" note above the header
	matched    int    // distinct indicators found
	// mapped marks the roles whose column the mapping gave.
	mapped map[headerRole]bool
}

// header is the combined header text of column c, or "".
func (t *importTable) header(c int) string {
	if c < 0 || c >= len(t.headers) {
		return ""
	}
	return t.headers[c]
}

// match is what the header of column c says.
func (t *importTable) match(c int) headerMatch {
	if c < 0 || c >= len(t.matches) {
		return headerMatch{}
	}
	return t.matches[c]
}

// importRow is a row of an indicator.
type importRow struct {
	r      int
	ind    *rules.Indicator
	growth bool // the row carries the growth rate (地区生产总值增速)
	mapped bool // the mapping named it
}

// analyze finds the name column, the indicator rows and the header of a
// grid. It reports nothing: the chosen table is checked by read.
func (im *importer) analyze(g *grid) *importTable {
	t := &importTable{g: g, nameCol: -1, cols: map[headerRole]int{}, mapped: map[headerRole]bool{}}
	m := im.opts.Mapping
	width := g.width()
	if m != nil && m.Columns["name"] != "" {
		t.nameCol = cell.ColIndex(m.Columns["name"])
	} else {
		counts := make([]int, min(width, importNameScan))
		for r := range g.Rows {
			for c := range counts {
				if _, ok := im.lookup(g.text(r, c)); ok && !g.cell(r, c).Merged {
					counts[c]++
				}
			}
		}
		for c, n := range counts {
			if n > 0 && (t.nameCol < 0 || n > counts[t.nameCol]) {
				t.nameCol = c
			}
		}
	}
	if t.nameCol >= 0 {
		for r := range g.Rows {
			if g.cell(r, t.nameCol).Merged {
				continue
			}
			if key, ok := im.lookup(g.text(r, t.nameCol)); ok {
				t.rows = append(t.rows, importRow{r: r, ind: key.ind, growth: key.growth})
			}
		}
	}
	if m != nil {
		t.rows = im.applyMappingRows(t, m)
	}
	seen := map[string]bool{}
	for _, row := range t.rows {
		seen[row.ind.ID] = true
	}
	t.matched = len(seen)
	im.findHeader(t)
	return t
}

// applyMappingRows puts the rows the mapping names in place of the
// automatic match of their indicators.
func (im *importer) applyMappingRows(t *importTable, m *Mapping) []importRow {
	if len(m.Indicators) == 0 {
		return t.rows
	}
	taken := map[int]bool{}
	var extra []importRow
	ids := make([]string, 0, len(m.Indicators))
	for id := range m.Indicators {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		mi := m.Indicators[id]
		ind := im.rs.Indicator(id)
		if ind == nil {
			continue // reported by checkMapping
		}
		r := -1
		switch {
		case mi.Row > 0:
			r = mi.Row - 1
		case mi.Name != "" && t.nameCol >= 0:
			want := importFoldName(mi.Name)
			for i := range t.g.Rows {
				if importFoldName(t.g.text(i, t.nameCol)) == want || strings.TrimSpace(t.g.text(i, t.nameCol)) == strings.TrimSpace(mi.Name) {
					r = i
					break
				}
			}
		}
		if r < 0 {
			continue
		}
		growth := false
		if t.nameCol >= 0 {
			growth = ind.Measure == rules.Growth && importIsGrowthName(importFoldName(t.g.text(r, t.nameCol)))
		}
		taken[r] = true
		extra = append(extra, importRow{r: r, ind: ind, growth: growth, mapped: true})
	}
	var out []importRow
	for _, row := range t.rows {
		if _, byMap := m.Indicators[row.ind.ID]; byMap || taken[row.r] {
			continue
		}
		out = append(out, row)
	}
	out = append(out, extra...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].r < out[j].r })
	return out
}

// findHeader finds the header rows above the first indicator row, combines
// their texts per column and assigns the columns their roles.
func (im *importer) findHeader(t *importTable) {
	g := t.g
	m := im.opts.Mapping
	first := len(g.Rows)
	if len(t.rows) > 0 {
		first = t.rows[0].r
	}
	year := im.rs.Year
	rowMatches := func(r int) int {
		n := 0
		for c := range g.Rows[r] {
			if c == t.nameCol {
				continue
			}
			if hm := importMatchHeader(g.text(r, c), year); hm.Role != roleNone && hm.Role != roleName {
				n++
			}
		}
		return n
	}
	switch {
	case m != nil && len(m.HeaderRows) > 0:
		for _, hr := range m.HeaderRows {
			if hr-1 < len(g.Rows) {
				t.headerRows = append(t.headerRows, hr-1)
			}
		}
	case len(t.rows) > 0:
		last := -1
		for r := first - 1; r >= 0 && r >= first-importHeaderScan; r-- {
			if rowMatches(r) > 0 {
				last = r
				break
			}
		}
		if last >= 0 {
			t.headerRows = []int{last}
			for r := last - 1; r >= 0 && len(t.headerRows) < importHeaderMax; r-- {
				if !im.isHeaderRow(t, r) {
					break
				}
				t.headerRows = append([]int{r}, t.headerRows...)
			}
		}
	}
	width := g.width()
	t.headers = make([]string, width)
	t.matches = make([]headerMatch, width)
	for c := 0; c < width; c++ {
		var parts []string
		for _, r := range t.headerRows {
			if s := strings.TrimSpace(g.text(r, c)); s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		t.headers[c] = strings.Join(parts, "|")
		if c != t.nameCol {
			t.matches[c] = importMatchHeader(t.headers[c], year)
		} else {
			t.matches[c] = headerMatch{Role: roleName}
		}
	}
	// a "单位：万元" note above the header, or in the title
	top := first
	if len(t.headerRows) > 0 {
		top = t.headerRows[0]
	}
	for r := 0; r < top && r < len(g.Rows); r++ {
		for c := range g.Rows[r] {
			if mm := importUnitRe.FindStringSubmatch(rules.NormalizeName(g.text(r, c))); mm != nil {
				if u, ok := importParseUnit(mm[1]); ok && t.tableUnit == "" {
					t.tableUnit = u.text
				}
			}
		}
	}
	for _, role := range []headerRole{roleUnit, roleLevel, roleGrowth, rolePrevLevel, roleRank, roleDone, roleDate} {
		best := -1
		for c, hm := range t.matches {
			if hm.Role == role && c != t.nameCol && (best < 0 || hm.Rank > t.matches[best].Rank) {
				best = c
			}
		}
		t.cols[role] = best
	}
	if m != nil {
		for key, col := range m.Columns {
			role, ok := mappingRoles[key]
			if !ok || role == roleName || cell.ColIndex(col) < 0 {
				continue // reported by checkMapping
			}
			t.cols[role] = cell.ColIndex(col)
			t.mapped[role] = true
		}
	}
}

// isHeaderRow reports whether row r above a header row belongs to the
// header: it names a column, or spans columns with merged cells, and is
// not a title (a single text starting at the left edge).
func (im *importer) isHeaderRow(t *importTable, r int) bool {
	g := t.g
	distinct := map[string]bool{}
	firstCol := -1
	role, merged := false, false
	for c := range g.Rows[r] {
		s := g.text(r, c)
		if s == "" {
			continue
		}
		if firstCol < 0 {
			firstCol = c
		}
		distinct[s] = true
		merged = merged || g.cell(r, c).Merged
		if hm := importMatchHeader(s, im.rs.Year); hm.Role != roleNone && hm.Role != roleIgnore {
			role = true
		}
	}
	switch {
	case len(distinct) == 0:
		return false
	case len(distinct) == 1:
		return role && firstCol > max(t.nameCol, 0)
	}
	return role || merged
}

// read checks the chosen table and reads every indicator row.
func (im *importer) read(t *importTable) {
	g := t.g
	im.rep.fill(t)
	gridCut(g, im.lim, &im.diags)
	if len(t.rows) == 0 {
		im.diags.Errorf(g.sheetPos(), "核对指标名称与规则集中的名称或别名（attain rules show ID），或用 --map 指定每个指标所在的行；表中的文字有："+importSeen(g, 12),
			"%s中没有找到规则集中的任何指标", im.where(g))
		return
	}
	if t.cols[roleLevel] < 0 && t.cols[roleGrowth] < 0 && t.cols[roleRank] < 0 && t.cols[roleDone] < 0 && t.cols[roleDate] < 0 {
		seen := "（没有找到表头行）"
		if len(t.headerRows) > 0 {
			var hs []string
			for c, h := range t.headers {
				if h != "" && c != t.nameCol {
					hs = append(hs, cell.ColName(c)+"列“"+h+"”")
				}
			}
			seen = strings.Join(hs, "，")
		}
		im.diags.Errorf(g.pos(t.rows[0].r, t.nameCol), "用 --map 指定 columns（level、growth 等所在的列）；看到的表头："+seen,
			"%s找到了指标行，但认不出本年值或增速在哪一列", im.where(g))
		return
	}
	byID := map[string][]importRow{}
	for _, row := range t.rows {
		prev := byID[row.ind.ID]
		byID[row.ind.ID] = append(prev, row)
		if len(prev) > 0 {
			clash := false
			for _, p := range prev {
				clash = clash || p.growth == row.growth
			}
			if clash {
				var cells []string
				for _, p := range append(prev, row) {
					cells = append(cells, g.where(p.r, t.nameCol))
				}
				im.diags.Add(rules.Diagnostic{Pos: g.pos(row.r, t.nameCol), Indicator: row.ind.ID,
					Summary: fmt.Sprintf("指标“%s”（%s）出现在不止一行：%s", row.ind.Name, row.ind.ID, strings.Join(cells, " 和 ")),
					Hint:    "删去重复的行，或在映射文件（--map）中用 row 指定读取哪一行"})
				continue
			}
		}
		im.readRow(t, row)
	}
	if im.found == nil {
		im.found = map[string]bool{}
	}
	for id := range byID {
		im.found[id] = true
	}
	im.rep.unmatched(t, im)
}

// where names the sheet for a message: 工作表“X” or 文件.
func (im *importer) where(g *grid) string {
	if g.CSV {
		return "文件"
	}
	return "工作表“" + g.Sheet + "”"
}

// importSeen lists the first distinct texts of a grid, for a message.
func importSeen(g *grid, n int) string {
	var out []string
	seen := map[string]bool{}
	for r := range g.Rows {
		for c := range g.Rows[r] {
			s := strings.TrimSpace(g.text(r, c))
			if s == "" || seen[s] || len([]rune(s)) > 30 {
				continue
			}
			if _, err := cell.ParseCellNumber(s, false); err == nil {
				continue
			}
			seen[s] = true
			out = append(out, "“"+s+"”")
			if len(out) == n {
				return strings.Join(out, "、") + "…"
			}
		}
	}
	if len(out) == 0 {
		return "（空表）"
	}
	return strings.Join(out, "、")
}

// importQuoteList quotes the first n names.
func importQuoteList(names []string, n int) string {
	var out []string
	for i, s := range names {
		if i == n {
			out = append(out, "…")
			break
		}
		out = append(out, "“"+s+"”")
	}
	return strings.Join(out, "、")
}

// actual returns the actual of an indicator, creating it.
func (im *importer) actual(ind *rules.Indicator) *eval.Actual {
	a := im.acts.Values[ind.ID]
	if a == nil {
		a = &eval.Actual{ID: ind.ID}
		im.acts.Values[ind.ID] = a
	}
	return a
}

// readRow reads the figures of one indicator row.
func (im *importer) readRow(t *importTable, row importRow) {
	g, ind, r := t.g, row.ind, row.r
	a := im.actual(ind)
	col := func(role headerRole) int { return t.cols[role] }
	// the unit of the row's level: unit column, brackets after the name,
	// the mapping.
	rowUnit, unitCell := "", -1
	if c := col(roleUnit); c >= 0 && g.text(r, c) != "" {
		rowUnit, unitCell = g.text(r, c), c
	} else if t.nameCol >= 0 {
		for _, b := range importBracketed(g.text(r, t.nameCol)) {
			if _, ok := importParseUnit(b); ok {
				rowUnit = b
			}
		}
	}
	if m := im.opts.Mapping; m != nil && m.Units[ind.ID] != "" {
		rowUnit, unitCell = m.Units[ind.ID], -1
	}
	growthRow := row.growth
	if u, ok := importParseUnit(rowUnit); ok && u.base == "%" && ind.Measure == rules.Growth {
		growthRow = true
	}
	judged := map[eval.Field]bool{}
	switch ind.Measure {
	case rules.Growth:
		judged[eval.FieldGrowth] = true
		if ind.DeriveGrowth {
			judged[eval.FieldLevel], judged[eval.FieldPrevLevel] = true, true
		}
	case rules.Level:
		judged[eval.FieldLevel] = true
	case rules.Rank:
		judged[eval.FieldRank] = true
	case rules.YesNo:
		judged[eval.FieldDone] = true
	case rules.Milestone:
		judged[eval.FieldDate] = true
	}
	rc := importRowCtx{t: t, row: row, a: a, judged: judged, rowUnit: rowUnit, unitCell: unitCell, multi: im.multi}
	switch {
	case ind.Measure == rules.Growth && growthRow:
		// the row's value is the growth rate itself
		// (地区生产总值增速 | % | 8.6), in the level column or, when that
		// holds nothing, in the growth column
		c := col(roleLevel)
		if g2 := col(roleGrowth); c < 0 || g2 >= 0 && importEmpty(g.figureText(r, c)) && !importEmpty(g.figureText(r, g2)) {
			c = g2
		}
		im.number(rc, eval.FieldGrowth, c, false)
	case ind.Measure == rules.Growth, ind.Measure == rules.Level:
		im.number(rc, eval.FieldLevel, col(roleLevel), true)
		im.number(rc, eval.FieldGrowth, col(roleGrowth), false)
		im.number(rc, eval.FieldPrevLevel, col(rolePrevLevel), true)
	case ind.Measure == rules.Rank:
		c := col(roleRank)
		if c < 0 || g.figureText(r, c) == "" {
			c = col(roleLevel)
		}
		im.rank(rc, c)
	case ind.Measure == rules.YesNo:
		c := col(roleDone)
		if c < 0 || g.figureText(r, c) == "" {
			c = col(roleLevel)
		}
		im.yesNo(rc, c)
	case ind.Measure == rules.Milestone:
		c := col(roleDate)
		if c < 0 || g.figureText(r, c) == "" {
			c = col(roleLevel)
		}
		im.date(rc, c)
	}
	if ind.Measure != rules.Rank && col(roleRank) >= 0 && g.figureText(r, col(roleRank)) != "" {
		im.rank(rc, col(roleRank))
	}
	if ind.Measure != rules.YesNo && col(roleDone) >= 0 && g.figureText(r, col(roleDone)) != "" {
		im.yesNo(rc, col(roleDone))
	}
}

// importEmpty reports whether a cell's text means no data.
func importEmpty(text string) bool {
	v, err := cell.ParseCellNumber(text, false)
	return err == nil && !v.Valid
}
