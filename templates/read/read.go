package read

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ReadOptions tunes ReadActuals. The zero value reads the sheet 填报表 of an
// unencrypted workbook.
type ReadOptions struct {
	// Sheets are the sheets to read, the first with the lines that name
	// the unit and the year; none means 填报表 and the sheets of the
	// ruleset's other groups.
	Sheets []string
	// Sheet is one more sheet to read, for a caller of one sheet: Sheet
	// "A" is Sheets ["A"].
	Sheet string
	// Password opens a workbook encrypted with an open password (ECMA-376
	// agile or standard encryption).
	Password string
}

// sheets are the sheets asked for: Sheets, then Sheet, each once.
func (o ReadOptions) sheets() []string {
	return ImportOptions{Sheets: o.Sheets, Sheet: o.Sheet}.sheets()
}

// readHeaderScan is how many rows are searched for the header row. What
// a workbook may cost is bounded by tableLimits (limits.go).
const readHeaderScan = 50

// readErrorValues are the error values a cell can hold.
var readErrorValues = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true,
	"#CONNECT!": true, "#BUSY!": true, "#UNKNOWN!": true, "#PYTHON!": true,
}

var (
	readEntityRe = regexp.MustCompile(`填报单位[:：]\s*([^\s　]+)`)
	readYearRe   = regexp.MustCompile(`年度[:：]\s*([0-9]{4})`)
	readIDRe     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// ReadActuals reads the actual figures from a filled input template. name
// is the file name shown in positions; data the file's bytes.
//
// The header row is found by its column titles, the rows by 指标编码 (or,
// where that is empty, by the 指标 name or an alias). Every figure is read
// from the raw cell text into an exact decimal (see ParseCellNumber), and
// its cell is recorded in Actual.Sources. The workbook is read by the
// stream scanner within tableLimits; a sheet that is damaged is an error
// naming the row after which it is, never a shorter reading.
//
// The returned diagnostics hold every problem found, errors and warnings,
// sorted by position; when they hold an error the actuals are incomplete
// and must not be judged. The warnings are also in Actuals.Problems, so
// that eval.Evaluate carries them into the assessment.
func ReadActuals(name string, data []byte, rs *rules.Ruleset, opts ReadOptions) (acts eval.Actuals, diags rules.Diagnostics) {
	defer func() {
		// A panic reading untrusted bytes must not take the program down.
		// The fuzz target calls readActuals directly so that panics are
		// still found.
		if p := recover(); p != nil {
			acts, diags = readPanicked(name, rs)
		}
	}()
	return readActuals(name, data, rs, opts)
}

// readPanicked is what a reader returns after a panic.
func readPanicked(name string, rs *rules.Ruleset) (eval.Actuals, rules.Diagnostics) {
	acts := eval.Actuals{File: name, Values: map[string]*eval.Actual{}}
	if rs != nil {
		acts.Entity, acts.Year = rs.Entity, rs.Year
	}
	return acts, rules.Diagnostics{{Pos: rules.Pos{File: name}, Summary: "无法读取工作簿：文件结构异常",
		Hint: "在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"}}
}

// reader holds the state of one read of a template's sheets.
type reader struct {
	name  string
	rs    *rules.Ruleset
	opts  ReadOptions
	wb    workbook
	lim   limits
	sheet string
	diags rules.Diagnostics
	acts  eval.Actuals
	// typed counts the cells of figures the bureau types
	// (templates.InputFields) that hold anything: none in a blank template.
	typed int
}

func newReader(name string, rs *rules.Ruleset, opts ReadOptions, lim limits) *reader {
	r := &reader{name: name, rs: rs, opts: opts, lim: lim}
	r.acts = eval.Actuals{File: name, Values: map[string]*eval.Actual{}}
	if rs != nil {
		r.acts.Entity, r.acts.Year = rs.Entity, rs.Year
	}
	return r
}

func readActuals(name string, data []byte, rs *rules.Ruleset, opts ReadOptions) (eval.Actuals, rules.Diagnostics) {
	r := newReader(name, rs, opts, tableLimits)
	if rs == nil {
		r.errorf(rules.Pos{File: name}, "", "没有规则集，无法识别指标")
		return r.acts, r.diags
	}
	if in := openInput(name, data, opts.Password, r.lim, forWorkbook, &r.diags); in.book != nil {
		if isScorecard(in.book.SheetNames(), in.book.Application()) {
			r.diags.Add(scorecardProblem(name))
			return r.result()
		}
		r.wb = newBookGrids(in.book, name, r.lim)
		r.read()
	}
	return r.result()
}

// result is what ReadActuals returns once the workbook has been read: the
// warnings are also the actuals' problems; both are sorted.
func (r *reader) result() (eval.Actuals, rules.Diagnostics) {
	for _, d := range r.diags {
		if d.Severity == rules.Warning {
			r.acts.Problems = append(r.acts.Problems, d)
		}
	}
	r.diags.Sort()
	r.acts.Problems.Sort()
	return r.acts, r.diags
}

func (r *reader) errorf(pos rules.Pos, hint, format string, args ...any) {
	r.diags.Errorf(pos, hint, format, args...)
}

func (r *reader) pos(cell string) rules.Pos {
	return rules.Pos{File: r.name, Sheet: r.sheet, Cell: cell}
}

// readCell is one cell of a data row, as read.
type readCell struct {
	ref  string
	raw  string // raw value, trimmed
	cell gridCell
	// formula: the cell holds a formula without a stored result, whose
	// text is formulaText ("" when unknown).
	formula     bool
	formulaText string
}

// readRow is where an indicator's row was read.
type readRow struct {
	sheet string
	row   int
}

// read reads the sheets asked for, or 填报表 and, where the workbook has
// them, the sheets of the ruleset's other groups (重点工作任务). A workbook
// without a group's sheet (a template made before the group was added)
// still reads: the group's indicators are 无数据, with one warning.
func (r *reader) read() {
	sheets := r.opts.sheets()
	auto := len(sheets) == 0 || len(sheets) == 1 && sheets[0] == templates.InputSheet
	if len(sheets) == 0 {
		sheets = []string{templates.InputSheet}
	}
	has := r.wb.hasSheet
	found := true
	for _, want := range sheets {
		if !has(want) {
			list := "（没有工作表）"
			if names := r.wb.sheetNames(); len(names) > 0 {
				list = "“" + strings.Join(names, "”、“") + "”"
			}
			r.errorf(rules.Pos{File: r.name}, "用 attain template 生成的模板填报；如果工作表改了名，请改回“"+want+"”",
				"找不到工作表“%s”；工作簿中的工作表有：%s", want, list)
			found = false
		}
	}
	if !found {
		return
	}
	names := map[string]*rules.Indicator{}
	for _, ind := range r.rs.Indicators {
		for _, n := range append([]string{ind.Name}, ind.Aliases...) {
			if k := rules.NormalizeName(n); k != "" && names[k] == nil {
				names[k] = ind
			}
		}
	}
	seen := map[string]readRow{}
	read := map[string]bool{}
	ok := true
	for i, sheet := range sheets {
		ok = r.readSheet(sheet, i == 0, names, seen) && ok
		read[sheet] = true
	}
	if auto {
		for _, g := range r.rs.Groups() {
			if sheet := templates.InputSheetOf(r.rs, g); g != r.rs.MainGroup() && !read[sheet] && has(sheet) {
				ok = r.readSheet(sheet, false, names, seen) && ok
				read[sheet] = true
			}
		}
	}
	if ok { // else a sheet could not be read whole: its error says it all
		r.missing(sheets[0], read, seen)
	}
}

// missing warns about the indicators without a row on the sheets read
// (first the first of them): one warning for a group none of whose rows
// is there, else one per indicator.
func (r *reader) missing(first string, read map[string]bool, seen map[string]readRow) {
	has := r.wb.hasSheet
	main := r.rs.MainGroup()
	r.sheet = first
	for _, g := range r.rs.Groups() {
		var missing []*rules.Indicator
		for _, ind := range r.rs.Indicators {
			if _, ok := seen[ind.ID]; !ok && ind.Group == g {
				missing = append(missing, ind)
			}
		}
		if len(missing) == 0 {
			continue
		}
		sheet := templates.InputSheetOf(r.rs, g)
		if g != main && len(missing) == len(r.rs.Group(g).Indicators) {
			// Not one row of the group: an older template, or another
			// sheet read on request. One warning, not one per indicator.
			pos := rules.Pos{File: r.name, Sheet: sheet}
			why := fmt.Sprintf("“%s”工作表中没有%s的行", sheet, g)
			if !read[sheet] {
				pos = rules.Pos{File: r.name}
				why = fmt.Sprintf("工作簿中没有读取“%s”工作表", sheet)
				if !has(sheet) {
					why = fmt.Sprintf("工作簿中没有“%s”工作表（可能是较早版本的模板）", sheet)
				}
			}
			r.diags.Add(rules.Diagnostic{Pos: pos, Severity: rules.Warning,
				Summary: fmt.Sprintf("%s，%s%d项指标按无数据处理", why, g, len(missing)),
				Hint:    "用 attain template 重新生成模板，在“" + sheet + "”工作表填报" + g})
			continue
		}
		for _, ind := range missing {
			pos := rules.Pos{File: r.name, Sheet: first}
			summary := fmt.Sprintf("填报表中没有指标 %s（%s）的行，按无数据处理", ind.ID, ind.Name)
			if g != main && read[sheet] && sheet != first {
				pos.Sheet = sheet
				summary = fmt.Sprintf("“%s”工作表中没有指标 %s（%s）的行，按无数据处理", sheet, ind.ID, ind.Name)
			}
			r.diags.Add(rules.Diagnostic{Pos: pos, Severity: rules.Warning, Indicator: ind.ID, Summary: summary,
				Hint: "用 attain template 生成的模板含全部指标；不要删除行"})
		}
	}
}

// readSheet reads the indicator rows of one sheet; meta says whether the
// lines above the header name the entity and year. It is false when the
// sheet could not be read whole (damaged, or past a limit).
func (r *reader) readSheet(sheet string, meta bool, names map[string]*rules.Indicator, seen map[string]readRow) bool {
	r.sheet = sheet
	g, err := r.wb.grid(sheet)
	if err != nil {
		r.diags.Add(scanProblem(r.name, err, r.lim, forWorkbook))
		return false
	}
	gridCut(g, r.lim, &r.diags)
	header, cols := r.findHeader(g)
	if header < 0 {
		r.errorf(rules.Pos{File: r.name, Sheet: sheet},
			"表头行要有“指标编码”（或“指标”）和“本年实际值”“本年增速(%)”等列标题；可用 attain template 重新生成模板",
			"找不到表头行：前 %d 行中没有同时含“指标编码”或“指标”与填报列标题的行", readHeaderScan)
		return true
	}
	if meta {
		r.meta(g.Rows[:header])
	}
	for i := header + 1; i < len(g.Rows); i++ {
		rowNum := i + 1
		get := func(col int) readCell {
			c := cols[col]
			if c < 0 {
				return readCell{}
			}
			gc := g.cell(i, c)
			if col >= templates.ColPrev && col <= templates.ColDate {
				gc = g.figure(i, c) // a merged range holds one figure, in its top-left cell
			}
			rc := readCell{ref: cell.A1(c, rowNum), raw: strings.TrimSpace(gc.Text), cell: gc}
			rc.formulaText, rc.formula = g.formula(i, c)
			return rc
		}
		idCell, nameCell := get(templates.ColID), get(templates.ColName)
		hasFigures := false
		for col := templates.ColPrev; col <= templates.ColDate; col++ {
			hasFigures = hasFigures || get(col).raw != ""
		}
		ind := r.identify(idCell, nameCell, hasFigures, names)
		if ind == nil {
			continue
		}
		if first, dup := seen[ind.ID]; dup {
			ref := idCell.ref
			if ref == "" {
				ref = nameCell.ref
			}
			where := fmt.Sprintf("第%d行和第%d行", first.row, rowNum)
			if first.sheet != sheet {
				where = fmt.Sprintf("“%s”第%d行和“%s”第%d行", first.sheet, first.row, sheet, rowNum)
			}
			r.diags.Add(rules.Diagnostic{Pos: r.pos(ref), Indicator: ind.ID,
				Summary: fmt.Sprintf("指标 %s（%s）重复出现：%s", ind.ID, ind.Name, where),
				Hint:    "每个指标只填一行；删去重复的一行"})
			continue
		}
		seen[ind.ID] = readRow{sheet: sheet, row: rowNum}
		act := &eval.Actual{ID: ind.ID}
		inputs := templates.InputFields(ind)
		for col := templates.ColPrev; col <= templates.ColDate; col++ {
			if cols[col] >= 0 {
				c := get(col)
				if c.raw != "" && slices.Contains(inputs, templates.Columns[col].Field) {
					r.typed++
				}
				r.figure(ind, act, col, c)
			}
		}
		r.acts.Values[ind.ID] = act
	}
	return true
}

// gridCut warns that a sheet was larger than the grid's limits, saying
// what was left out.
func gridCut(g *grid, lim limits, ds *rules.Diagnostics) {
	if g.cutRow > 0 {
		ds.Warnf(g.sheetPos(), "指标表只需一张小表；删去无关的行后另存再导入",
			"表格超过 %d 行，从第%d行起未读取", lim.gridRows, g.cutRow)
	}
	if g.cutCell != "" {
		ds.Warnf(g.sheetPos(), "指标表只需一张小表；删去右侧无关的列后另存再导入",
			"表格超过 %d 列，%s 等右侧的单元格未读取", lim.gridCols, g.cutCell)
	}
}

// findHeader returns the index of the header row and the column of each
// template column in it (-1 when absent), or -1.
func (r *reader) findHeader(g *grid) (int, [templates.ColCount]int) {
	var cols [templates.ColCount]int
	for i := 0; i < len(g.Rows) && i < readHeaderScan; i++ {
		for k := range cols {
			cols[k] = -1
		}
		for c, gc := range g.Rows[i] {
			k, ok := readTitles[rules.NormalizeName(gc.Text)]
			if ok && cols[k] < 0 {
				cols[k] = c
			}
		}
		figures := false
		for k := templates.ColPrev; k <= templates.ColDate; k++ {
			figures = figures || cols[k] >= 0
		}
		if (cols[templates.ColID] >= 0 || cols[templates.ColName] >= 0) && figures {
			return i, cols
		}
	}
	return -1, cols
}

// meta takes the entity and year from the lines above the header.
func (r *reader) meta(rows [][]gridCell) {
	for i, row := range rows {
		texts := make([]string, len(row))
		for c, gc := range row {
			texts[c] = gc.Text
		}
		line := strings.Join(texts, " ")
		if m := readEntityRe.FindStringSubmatch(line); m != nil {
			r.acts.Entity = m[1]
		}
		if m := readYearRe.FindStringSubmatch(line); m != nil {
			y, _ := strconv.Atoi(m[1])
			r.acts.Year = y
			if y != r.rs.Year {
				r.diags.Warnf(r.pos(cell.A1(0, i+1)), "核对是否用错了模板或规则集",
					"填报表的年度为 %d 年，规则集 %s 为 %d 年", y, r.rs.ID, r.rs.Year)
			}
		}
	}
}

// identify finds the indicator of a row, or reports why not. Rows with
// neither a code nor figures (notes below the table) are skipped quietly.
func (r *reader) identify(idCell, nameCell readCell, hasFigures bool, names map[string]*rules.Indicator) *rules.Indicator {
	code := cell.Fold(idCell.raw)
	byName := names[rules.NormalizeName(nameCell.raw)]
	if code != "" {
		if ind := r.rs.Indicator(code); ind != nil {
			return ind
		}
		if ind := r.rs.Indicator(strings.ToLower(code)); ind != nil {
			return ind
		}
		if !hasFigures && (!readIDRe.MatchString(code) || nameCell.raw == "") && byName == nil {
			return nil // a note or a blank line
		}
		hint := "指标编码须与规则集一致，不要修改"
		switch {
		case byName != nil:
			hint = fmt.Sprintf("本行指标“%s”的编码是 %s", nameCell.raw, byName.ID)
		default:
			if s := readSuggest(code, r.rs); s != "" {
				hint = "是不是 " + s + "？" + hint
			}
		}
		r.errorf(r.pos(idCell.ref), hint, "未知的指标编码“%s”（规则集 %s 中没有）", idCell.raw, r.rs.ID)
		return nil
	}
	if nameCell.raw == "" {
		return nil
	}
	if byName != nil {
		return byName
	}
	if hasFigures {
		r.diags.Warnf(r.pos(nameCell.ref), "填上指标编码，或删去本行", "未识别的指标“%s”，本行未导入", nameCell.raw)
	}
	return nil
}

// readSuggest returns the indicator id closest to code, when close enough
// to be a typo.
func readSuggest(code string, rs *rules.Ruleset) string {
	ids := make([]string, 0, len(rs.Indicators))
	for _, ind := range rs.Indicators {
		ids = append(ids, ind.ID)
	}
	sort.Strings(ids)
	return rules.Suggest(strings.ToLower(code), ids)
}

// figure reads one figure cell into act.
func (r *reader) figure(ind *rules.Indicator, act *eval.Actual, col int, c readCell) {
	pos := r.pos(c.ref)
	if c.raw == "" {
		if c.formula {
			r.noResult(ind, col, pos, c.formulaText)
		}
		return
	}
	uc, number := c.cell.units(c.raw)
	f := templates.Columns[col].Field
	if f != eval.FieldPrevLevel {
		cellFigure("", ind, act, f, uc, number, pos, &r.diags)
		return
	}
	// Last year's level is read aside first, to be held to the ruleset's
	// baseline (scaleProblem).
	var prev eval.Actual
	if !cellFigure("", ind, &prev, f, uc, number, pos, &r.diags) {
		return
	}
	if why := scaleProblem(ind, f, fieldTitle(f), prev.PrevLevel.Decimal, levelUnit(ind)); why != "" {
		r.diags.Add(scaleWarning(pos, ind, ind.Name+" ", why, levelUnit(ind)))
		return
	}
	act.PrevLevel = prev.PrevLevel
	act.Sources.Set(f, pos)
}

// noResult reports a formula cell without a cached result; formula is its
// text, empty when unknown.
func (r *reader) noResult(ind *rules.Indicator, col int, pos rules.Pos, formula string) {
	what := "是公式"
	if formula != "" {
		what = "是公式（=" + formula + "）"
	}
	r.diags.Add(rules.Diagnostic{Pos: pos, Indicator: ind.ID,
		Summary: fmt.Sprintf("%s 的%s%s，但没有计算结果", ind.Name, templates.Columns[col].Title, what),
		Hint:    "在 Excel 中打开、重新计算并保存后再导入，或把公式换成数值"})
}
