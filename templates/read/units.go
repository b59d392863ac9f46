package read

import (
	"fmt"
	"sort"
	"strings"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// UnitsLayout names how the units of a multi-unit workbook are laid out.
type UnitsLayout string

// The layouts ReadUnits understands.
const (
	// UnitsAuto finds the layout by the column titles.
	UnitsAuto UnitsLayout = ""
	// UnitsSheets is one sheet per unit, named after the unit, each in the
	// layout of the input template (指标编码, 指标, 本年实际值, 本年增速(%) …).
	UnitsSheets UnitsLayout = "sheets"
	// UnitsLong is one long table with a row per unit and indicator:
	// 单位, 指标 (or 指标编码), 本年实际值, 本年增速(%), 上年实际值, 名次,
	// 是否完成, in any column order.
	UnitsLong UnitsLayout = "long"
	// UnitsColumns has a row per indicator and a column per unit holding
	// the judged figure (the growth rate of a growth indicator, the level
	// of a level indicator); a second header row may split each unit into
	// 绝对值 and 增速.
	UnitsColumns UnitsLayout = "columns"
)

// ParseUnitsLayout reads a layout name: auto, sheets, long or columns.
func ParseUnitsLayout(s string) (UnitsLayout, error) {
	switch l := UnitsLayout(strings.ToLower(strings.TrimSpace(s))); l {
	case "auto", UnitsAuto:
		return UnitsAuto, nil
	case UnitsSheets, UnitsLong, UnitsColumns:
		return l, nil
	}
	return UnitsAuto, fmt.Errorf("unknown layout %q: want auto, sheets, long or columns", s)
}

// UnitsOptions tunes ReadUnits. The zero value finds the layout and gives
// every unit the shared ruleset.
type UnitsOptions struct {
	// Layout forces a layout; UnitsAuto finds it.
	Layout UnitsLayout
	// Sheets restrict reading to these sheets (--sheet A --sheet B); none
	// reads every sheet of the layout found.
	Sheets []string
	// Sheet is one more sheet to read, for a caller of one sheet: Sheet
	// "A" is Sheets ["A"].
	Sheet string
	// Password opens an encrypted workbook.
	Password string
	// Rulesets gives units their own ruleset, by unit name; the others use
	// the shared ruleset.
	Rulesets map[string]*rules.Ruleset
	// Targets overrides the target numbers per unit and indicator id, as
	// ReadTargets returns them; each unit then judges against
	// Ruleset.WithTargets.
	Targets map[string]map[string]rules.TargetOverride
	// Progress, when set, is called with the rows read so far and the
	// total expected (an estimate while reading; 0 when unknown), at most
	// once every unitsProgressEvery rows and once at the end.
	Progress func(done, total int)
	// MaxUnits, when set, stops the reading of a long table with an error
	// as soon as it names one unit more, rather than once it is read
	// whole: a city scorecard has a row of 排名 for each unit, so more
	// units than a sheet's rows cannot be written.
	MaxUnits int
}

// unitsProgressEvery is how many rows pass between two Progress calls.
const unitsProgressEvery = 4096

// unitsEntityTitles are column titles that name the unit of a row without
// doubt. 单位 alone may also be the unit of measure (亿元, %), as in the
// input template; unitsMeasureWords tells them apart.
var unitsEntityTitles = map[string]bool{
	"单位名称": true, "被考核单位": true, "考核单位": true, "县区": true, "区县": true, "县(市、区)": true,
	"县(市,区)": true, "县市区": true, "地区": true, "地区名称": true, "区域": true, "填报单位": true,
}

// unitsOtherTitles are column titles that are neither units nor figures:
// columns a table of units as columns may carry beside the units.
var unitsOtherTitles = map[string]bool{
	"序号": true, "类别": true, "单位": true, "计量单位": true, "目标": true, "目标值": true, "目标原文": true,
	"年度目标": true, "全年目标": true, "权重": true, "分值": true, "备注": true, "数据来源": true, "说明": true,
	"合计": true, "全市": true, "全省": true, "全国": true, "平均": true, "全市平均": true,
}

// unitsMeasureWords are units of measure: a 单位 column holding them is
// the template's unit column, not a column of unit names.
var unitsMeasureWords = map[string]bool{
	"%": true, "亿元": true, "万元": true, "元": true, "人": true, "万人": true, "个": true, "家": true,
	"件": true, "项": true, "名": true, "座": true, "所": true, "是/否": true, "亩": true, "公顷": true,
	"千瓦时": true, "吨": true, "万吨": true, "美元": true, "万美元": true, "亿美元": true, "平方米": true,
	"万平方米": true, "公里": true, "天": true, "微克/立方米": true, "‰": true, "户": true, "套": true, "次": true,
}

// unitsKind is what a sheet holds.
type unitsKind int

const (
	unitsKindNone unitsKind = iota
	unitsKindTemplate
	unitsKindLong
	unitsKindColumns
	// unitsKindSingle is one unit's table, whose column titles
	// (本年累计, 上年同期) would be taken for units (units_input.go).
	unitsKindSingle
)

// unitsScan is what the first rows of a sheet say about it.
type unitsScan struct {
	sheet  string
	kind   unitsKind
	header int // 1-based row of the header
	width  int // cells in the header row
	// long table
	unitCol, idCol, nameCol int
	fields                  map[eval.Field]int
	// units as columns
	sub     bool // a second header row (绝对值 | 增速)
	columns []unitsColumn
	// one unit's table: the titles of its figure columns, and where
	titles []string
	at     rules.Pos
}

// unitsColumn is one unit's column in a table of units as columns.
type unitsColumn struct {
	col   int
	unit  string
	field eval.Field // from the second header row; "" means the judged figure
}

// unitsEntry is one unit being read.
type unitsEntry struct {
	name     string
	key      string
	rs       *rules.Ruleset
	acts     eval.Actuals
	first    rules.Pos      // where the unit was first named
	seen     map[string]int // indicator id → row, to find duplicates
	problems rules.Diagnostics
	// parked holds the figures of a unit packed once its rows were read
	// (ReadUnitsPacked; acts then has no Values and seen is nil), has a
	// bit for each indicator of rs it has a row for, and bare the rows of
	// those without a figure (the others' are in their sources).
	parked *eval.PackedActuals
	has    []uint64
	bare   [][2]int32
}

// unitsIndex finds indicators of a ruleset by id, name or alias.
type unitsIndex struct {
	byID   map[string]*rules.Indicator
	byName map[string]*rules.Indicator
}

// unitsReader holds the state of one ReadUnits call.
type unitsReader struct {
	name    string
	rs      *rules.Ruleset
	opts    UnitsOptions
	book    *xlsxscan.Book
	csv     *unitsCSV // a CSV input, instead of book
	diags   rules.Diagnostics
	units   []*unitsEntry
	byKey   map[string]*unitsEntry
	indexes map[*rules.Ruleset]*unitsIndex
	own     map[string]*rules.Ruleset // normalized unit name → its own ruleset
	// unknown aggregates rows whose indicator is not in the ruleset, by
	// the text that named it.
	unknown      map[string]*unitsUnknown
	unknownOrder []string
	// fromTemplates is set when units were read with ReadActuals' reader,
	// which reports missing indicators itself.
	fromTemplates bool
	// damaged holds the sheets that could not be read whole (sheetProblem).
	damaged map[string]bool
	// tooMany is set once a table named more units than opts.MaxUnits.
	tooMany bool
	// pack, when set, packs the figures of each unit of a long table once
	// its rows are read (ReadUnitsPacked).
	pack *eval.PackTable
	// progress
	done, total, told int
}

// ReadUnits reads the actual figures of every unit found in a workbook, or
// in a CSV file of a long table or of units as columns (units_csv.go).
// name is the file name shown in positions; data the file's bytes; rs the
// shared ruleset (it may be nil when opts.Rulesets gives every unit its
// own).
//
// The layout is found by the column titles (see UnitsLayout) unless
// opts.Layout names it. Every figure is read from the raw cell text into
// an exact decimal (ParseCellNumber, percent formats undone), its cell
// recorded in the unit's Actual.Sources; placeholders (-, —, 无) mean no
// data. Sheets are streamed out of the zip by the stream scanner
// (templates/internal/xlsxscan) within cityLimits, so that a long table is
// never held as cells; sheets in the template's layout are read with
// ReadActuals' reader. A damaged sheet is an error naming the row after
// which it is damaged.
//
// Each unit gets its own ruleset (opts.Rulesets), or the shared one, with
// the target numbers of opts.Targets applied (Ruleset.WithTargets).
// One unit's table (its column titles are no units) and a table of which
// no indicator of the ruleset is found are refused (units_input.go).
// Units are not dropped: a unit with targets but no data appears with no
// data at all; a unit with data but no targets is judged against the
// shared targets; both come with a warning naming the unit.
//
// The diagnostics hold every problem, errors and warnings, sorted by
// position; with an error the units must not be judged. Warnings about
// one unit are also in that unit's Actuals.Problems, so that EvaluateUnits
// carries them into its assessment.
func ReadUnits(name string, data []byte, rs *rules.Ruleset, opts UnitsOptions) (units []eval.Unit, diags rules.Diagnostics) {
	defer func() {
		if p := recover(); p != nil {
			units = nil
			diags = rules.Diagnostics{{Pos: rules.Pos{File: name}, Summary: "无法读取工作簿：文件结构异常",
				Hint: "在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"}}
		}
	}()
	return readUnits(name, data, rs, opts)
}

// readUnits is ReadUnits without the recovery from a panic, for the fuzz
// target.
func readUnits(name string, data []byte, rs *rules.Ruleset, opts UnitsOptions) ([]eval.Unit, rules.Diagnostics) {
	units, diags, _ := readUnitsPacking(name, unitsSource{data: data}, rs, opts, nil)
	return units, diags
}

// readUnitsPacking is readUnits packing the units' figures with pack as
// they are read, when pack is not nil (ReadUnitsPacked); it also returns
// the entries the units were made of, in their order.
func readUnitsPacking(name string, src unitsSource, rs *rules.Ruleset, opts UnitsOptions, pack *eval.PackTable) ([]eval.Unit, rules.Diagnostics, []*unitsEntry) {
	u := &unitsReader{name: name, rs: rs, opts: opts, byKey: map[string]*unitsEntry{},
		indexes: map[*rules.Ruleset]*unitsIndex{}, own: map[string]*rules.Ruleset{}, unknown: map[string]*unitsUnknown{},
		pack: pack}
	for n, r := range opts.Rulesets {
		u.own[unitsKey(n)] = r
	}
	if rs == nil && len(opts.Rulesets) == 0 {
		u.diags.Errorf(rules.Pos{File: name}, "", "没有规则集，无法识别指标")
		return nil, u.diags, nil
	}
	if u.open(src) {
		u.read()
	}
	units := u.assemble()
	u.diags.Sort()
	var entries []*unitsEntry
	for _, e := range u.units {
		if e.rs != nil { // as assemble has them
			entries = append(entries, e)
		}
	}
	return units, u.diags, entries
}

// unitsKey is how unit names are matched: spaces, case and full-width
// forms do not count.
func unitsKey(name string) string { return rules.NormalizeName(name) }

// sheetProblem reports a sheet that could not be read whole: the
// scanner's error, worded, once per sheet (the layout scan and the read
// may both meet it). What is missing from such a sheet is not reported
// indicator by indicator: its error says it all.
func (u *unitsReader) sheetProblem(err error) {
	d, ok := csvProblem(u.name, err)
	if !ok {
		d = scanProblem(u.name, err, cityLimits, forWorkbook)
	}
	if u.damaged == nil {
		u.damaged = map[string]bool{}
	}
	if !u.damaged[d.Pos.Sheet] {
		u.damaged[d.Pos.Sheet] = true
		u.diags.Add(d)
	}
}

// unitsOpen opens the workbook within cityLimits, or reports why it
// cannot, in the words ReadActuals uses; an encrypted workbook is
// decrypted with the password first, and attain's own scorecard refused.
func unitsOpen(name string, data []byte, password string, diags *rules.Diagnostics) *xlsxscan.Book {
	b := openInput(name, data, password, cityLimits, forWorkbook, diags).book
	if b != nil && isScorecard(b.SheetNames(), b.Application()) {
		diags.Add(scorecardProblem(name))
		return nil
	}
	return b
}

// read finds the sheets of the layout and reads them.
func (u *unitsReader) read() {
	sheets, named := u.sheetsAsked()
	if sheets == nil {
		return
	}
	// The input template's guide, and the sheets it gives a group of
	// indicators (重点工作任务), are no units.
	skip := map[string]bool{templates.InputGuideSheet: true}
	for _, rs := range u.rulesets() {
		for _, ind := range rs.Indicators {
			if ind.Group != "" {
				skip[ind.Group] = true
			}
		}
	}
	var scans []*unitsScan
	for _, s := range sheets {
		if skip[s] && !named {
			continue
		}
		scans = append(scans, u.scan(s))
	}
	layout := u.opts.Layout
	if layout == UnitsAuto {
		if layout = unitsChoose(scans); layout == UnitsAuto {
			u.refuseLayout(scans, layout)
			return
		}
	}
	want := map[UnitsLayout]unitsKind{UnitsSheets: unitsKindTemplate, UnitsLong: unitsKindLong, UnitsColumns: unitsKindColumns}[layout]
	var chosen []*unitsScan
	for _, s := range scans {
		if s.kind == want {
			chosen = append(chosen, s)
		}
	}
	if !u.csvLayout(layout) || len(chosen) == 0 {
		u.refuseLayout(scans, layout)
		return
	}
	u.estimate(chosen)
	for _, s := range chosen {
		if u.tooMany {
			return
		}
		switch s.kind {
		case unitsKindTemplate:
			u.readTemplate(s)
		case unitsKindLong:
			u.readLong(s)
		case unitsKindColumns:
			u.readColumns(s)
		}
	}
	u.finishProgress()
	if u.tooMany || u.nothingFound() {
		return // a table not read whole says nothing of what it lacks
	}
	u.reportUnknown()
	u.reportMissing()
}

// unitsChoose picks the layout of a workbook from its sheets: a long
// table wins, then sheets in the template's layout, then units as
// columns.
func unitsChoose(scans []*unitsScan) UnitsLayout {
	has := map[unitsKind]bool{}
	for _, s := range scans {
		has[s.kind] = true
	}
	switch {
	case has[unitsKindLong]:
		return UnitsLong
	case has[unitsKindTemplate]:
		return UnitsSheets
	case has[unitsKindColumns]:
		return UnitsColumns
	}
	return UnitsAuto
}

func (u *unitsReader) noLayout(layout UnitsLayout) {
	file := rules.Pos{File: u.name}
	hint := "三种格式任选其一：每个单位一张工作表（工作表名为单位名，格式同 attain template 生成的填报表）；" +
		"一张长表（列标题含“单位”“指标”和“本年实际值”“本年增速(%)”等）；或指标为行、单位为列（首列标题为“指标”）"
	switch layout {
	case UnitsSheets:
		u.diags.Errorf(file, hint, "没有找到填报表格式的工作表（表头要有“指标编码”或“指标”与“本年实际值”等列）")
	case UnitsLong:
		u.diags.Errorf(file, hint, "没有找到长表格式的工作表（表头要有“单位”“指标”与“本年实际值”等列）")
	case UnitsColumns:
		u.diags.Errorf(file, hint, "没有找到单位为列的工作表（表头要有“指标”列和各单位名称）")
	default:
		u.diags.Errorf(file, hint, "无法识别多单位数据的格式：前 %d 行中没有可识别的表头", readHeaderScan)
	}
}

// scan reads the first rows of a sheet and says what it holds.
func (u *unitsReader) scan(sheet string) *unitsScan {
	s := &unitsScan{sheet: sheet}
	it, err := u.openRows(sheet)
	if err != nil {
		return s
	}
	var rows [][]string
	for len(rows) < readHeaderScan+20 {
		row, ok := it.next()
		if !ok {
			break
		}
		rows = append(rows, unitsTexts(row))
	}
	it.close()
	if it.err != nil {
		u.sheetProblem(it.err)
	}
	for i := 0; i < len(rows) && i < readHeaderScan; i++ {
		if u.scanLong(s, rows, i) || u.scanSingle(s, rows, i) || u.scanTemplate(s, rows, i) || u.scanColumns(s, rows, i) {
			s.header = i + 1
			s.width = len(rows[i])
			return s
		}
	}
	return s
}

// unitsTitleCols maps the titles of a header row.
type unitsTitleCols struct {
	entity, measure, id, name int
	fields                    map[eval.Field]int
	others                    []int // non-empty cells that are no known title
}

func unitsTitles(row []string) unitsTitleCols {
	t := unitsTitleCols{entity: -1, measure: -1, id: -1, name: -1, fields: map[eval.Field]int{}}
	for c, text := range row {
		k := rules.NormalizeName(text)
		switch {
		case k == "":
		case unitsEntityTitles[k]:
			if t.entity < 0 {
				t.entity = c
			}
		case k == "单位":
			if t.measure < 0 {
				t.measure = c
			}
		case unitsIDTitles[k]:
			if t.id < 0 {
				t.id = c
			}
		case unitsNameTitles[k]:
			if t.name < 0 {
				t.name = c
			}
		default:
			if col, ok := readTitles[k]; ok {
				if f := templates.Columns[col].Field; f != "" {
					if _, dup := t.fields[f]; !dup {
						t.fields[f] = c
					}
				}
				continue
			}
			if !unitsOtherTitles[k] {
				t.others = append(t.others, c)
			}
		}
	}
	return t
}

// scanLong recognises the header of a long table: a unit column, an
// indicator column and at least one figure column.
func (u *unitsReader) scanLong(s *unitsScan, rows [][]string, i int) bool {
	t := unitsTitles(rows[i])
	if (t.id < 0 && t.name < 0) || len(t.fields) == 0 {
		return false
	}
	unitCol := t.entity
	if unitCol < 0 && t.measure >= 0 && !u.measureColumn(rows[i+1:], t.measure) {
		unitCol = t.measure
	}
	if unitCol < 0 {
		return false
	}
	s.kind, s.unitCol, s.idCol, s.nameCol, s.fields = unitsKindLong, unitCol, t.id, t.name, t.fields
	return true
}

// measureColumn reports whether a 单位 column holds units of measure
// (亿元, %) rather than unit names: true when any of its first values is
// a unit of measure or the unit of an indicator, or when it is empty.
func (u *unitsReader) measureColumn(rows [][]string, col int) bool {
	known := map[string]bool{}
	for _, rs := range u.rulesets() {
		for _, ind := range rs.Indicators {
			known[rules.NormalizeName(ind.Unit)] = true
			known[rules.NormalizeName(ind.LevelUnit)] = true
			known[rules.NormalizeName(templates.UnitOf(ind))] = true
		}
	}
	values := 0
	for _, row := range rows {
		if col >= len(row) {
			continue
		}
		k := rules.NormalizeName(row[col])
		if k == "" {
			continue
		}
		values++
		if unitsMeasureWords[k] || known[k] {
			return true
		}
	}
	return values == 0
}

// rulesets lists the shared ruleset and the units' own.
func (u *unitsReader) rulesets() []*rules.Ruleset {
	var out []*rules.Ruleset
	if u.rs != nil {
		out = append(out, u.rs)
	}
	keys := make([]string, 0, len(u.own))
	for k := range u.own {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, u.own[k])
	}
	return out
}

// scanTemplate recognises the header of the input template.
func (u *unitsReader) scanTemplate(s *unitsScan, rows [][]string, i int) bool {
	t := unitsTitles(rows[i])
	if (t.id < 0 && t.name < 0) || len(t.fields) == 0 {
		return false
	}
	s.kind = unitsKindTemplate
	return true
}

// unitsSubField reads a second-row title: 绝对值, 增速(%), ±%.
func unitsSubField(text string) (eval.Field, bool) {
	f, ok := unitsSubTitles[unitsSubKey(text)]
	return f, ok
}

// scanColumns recognises the header of a table of units as columns: an
// indicator column and, beside it, titles that are no known column, the
// unit names; perhaps over a second row of 绝对值 | 增速.
func (u *unitsReader) scanColumns(s *unitsScan, rows [][]string, i int) bool {
	t := unitsTitles(rows[i])
	if (t.id < 0 && t.name < 0) || len(t.fields) > 0 || t.entity >= 0 {
		return false
	}
	// A second header row names a figure under a unit.
	var sub []string
	if i+1 < len(rows) {
		for c, text := range rows[i+1] {
			if _, ok := unitsSubField(text); ok && c != t.id && c != t.name {
				sub = rows[i+1]
				break
			}
		}
	}
	var cols []unitsColumn
	if sub != nil {
		unit := ""
		for c := 0; c < max(len(rows[i]), len(sub)); c++ {
			if c == t.id || c == t.name || c == t.measure {
				unit = ""
				continue
			}
			if c < len(rows[i]) && strings.TrimSpace(rows[i][c]) != "" {
				unit = strings.TrimSpace(rows[i][c])
				if unitsOtherTitles[rules.NormalizeName(unit)] {
					unit = ""
				}
			}
			if c >= len(sub) || unit == "" {
				continue
			}
			if f, ok := unitsSubField(sub[c]); ok {
				cols = append(cols, unitsColumn{col: c, unit: unit, field: f})
			}
		}
	} else {
		for _, c := range t.others {
			cols = append(cols, unitsColumn{col: c, unit: strings.TrimSpace(rows[i][c])})
		}
	}
	if len(cols) == 0 {
		return false
	}
	s.kind, s.idCol, s.nameCol, s.sub, s.columns = unitsKindColumns, t.id, t.name, sub != nil, cols
	return true
}

// estimate sets the expected row count for Progress: the used range each
// sheet records, or, where a sheet does not record it (streaming writers
// leave "A1"), a guess from the size of the sheet XML.
func (u *unitsReader) estimate(scans []*unitsScan) {
	if u.opts.Progress == nil {
		return
	}
	if u.csv != nil {
		u.total = u.csv.lines()
		return
	}
	total, unknown, width := 0, false, 1
	for _, s := range scans {
		width = max(width, s.width)
		_, last, ok := strings.Cut(u.book.Dimension(s.sheet), ":")
		if !ok {
			unknown = true
			continue
		}
		_, rows, ok := cell.ParseA1(last)
		if !ok || rows <= 1 {
			unknown = true
			continue
		}
		total += rows
	}
	if unknown {
		// A streamed cell of a long table takes about 45 bytes of XML.
		total = max(total, int(u.book.WorksheetsSize()/uint64(45*width+30)))
	}
	u.total = total
}

// tick counts a row read and reports progress now and then.
func (u *unitsReader) tick() {
	u.done++
	if u.opts.Progress != nil && u.done-u.told >= unitsProgressEvery {
		u.told = u.done
		u.opts.Progress(u.done, max(u.total, u.done))
	}
}

func (u *unitsReader) finishProgress() {
	if u.opts.Progress != nil {
		u.opts.Progress(u.done, u.done)
	}
}

// index returns the lookup of a ruleset's indicators.
func (u *unitsReader) index(rs *rules.Ruleset) *unitsIndex {
	if ix := u.indexes[rs]; ix != nil {
		return ix
	}
	ix := &unitsIndex{byID: map[string]*rules.Indicator{}, byName: map[string]*rules.Indicator{}}
	for _, ind := range rs.Indicators {
		ix.byID[ind.ID] = ind
		for _, n := range append([]string{ind.Name}, ind.Aliases...) {
			if k := rules.NormalizeName(n); k != "" && ix.byName[k] == nil {
				ix.byName[k] = ind
			}
		}
	}
	u.indexes[rs] = ix
	return ix
}

// identify finds the indicator named by a code or a name.
func (ix *unitsIndex) identify(code, name string) *rules.Indicator {
	if code != "" {
		c := cell.Fold(code)
		if ind := ix.byID[c]; ind != nil {
			return ind
		}
		if ind := ix.byID[strings.ToLower(c)]; ind != nil {
			return ind
		}
	}
	if name != "" {
		if ind := ix.byName[rules.NormalizeName(name)]; ind != nil {
			return ind
		}
	}
	return nil
}

// rulesetOf is the ruleset a unit is read and judged with, before its
// targets are applied.
func (u *unitsReader) rulesetOf(key string) *rules.Ruleset {
	if rs := u.own[key]; rs != nil {
		return rs
	}
	return u.rs
}

// unit returns the unit named name, adding it at pos when new; nil when
// there is no ruleset for it.
func (u *unitsReader) unit(name string, pos rules.Pos) *unitsEntry {
	key := unitsKey(name)
	if e := u.byKey[key]; e != nil {
		u.resume(e)
		return e
	}
	rs := u.rulesetOf(key)
	e := &unitsEntry{name: name, key: key, rs: rs, first: pos, seen: map[string]int{}}
	e.acts = eval.Actuals{Entity: name, File: u.name, Values: map[string]*eval.Actual{}}
	if rs != nil {
		e.acts.Year = rs.Year
	}
	u.byKey[key] = e
	u.units = append(u.units, e)
	if rs == nil {
		u.diags.Errorf(pos, "在规则集中为该单位给出目标，或提供共用规则集", "单位“%s”没有规则集，无法评价", name)
	}
	return e
}

// assemble gives every unit its ruleset with its targets and returns the
// units in the order found, then the units known only from the targets
// table or the rulesets.
func (u *unitsReader) assemble() []eval.Unit {
	targets := map[string]map[string]rules.TargetOverride{}
	targetNames := map[string]string{}
	for n, ov := range u.opts.Targets {
		k := unitsKey(n)
		targets[k], targetNames[k] = ov, n
	}
	// Units named only in the targets table or the rulesets.
	type extra struct {
		name string
		pos  rules.Pos
	}
	var extras []extra
	for k, n := range targetNames {
		if u.byKey[k] == nil {
			extras = append(extras, extra{n, unitsFirstPos(targets[k])})
		}
	}
	for n := range u.opts.Rulesets {
		k := unitsKey(n)
		if u.byKey[k] == nil && targets[k] == nil {
			p := rules.Pos{File: u.opts.Rulesets[n].File}
			extras = append(extras, extra{n, p})
		}
	}
	sort.SliceStable(extras, func(i, j int) bool {
		a, b := extras[i].pos, extras[j].pos
		if a.File != b.File || a.Sheet != b.Sheet {
			return a.File+"\x00"+a.Sheet < b.File+"\x00"+b.Sheet
		}
		ca, ra, _ := cell.ParseA1(a.Cell)
		cb, rb, _ := cell.ParseA1(b.Cell)
		if ra != rb {
			return ra < rb
		}
		if ca != cb {
			return ca < cb
		}
		return extras[i].name < extras[j].name
	})
	if u.book != nil || u.csv != nil { // the data could be read: its units are all there is
		for _, x := range extras {
			e := u.unit(x.name, x.pos)
			u.warn(e, rules.Diagnostic{Pos: x.pos,
				Summary: fmt.Sprintf("单位“%s”有目标，但数据中没有该单位，全部指标按无数据处理", x.name),
				Hint:    "核对单位名称在数据和目标表中是否一致，或补充该单位的数据"})
		}
	}
	out := make([]eval.Unit, 0, len(u.units))
	for _, e := range u.units {
		if e.rs == nil {
			continue
		}
		rs := e.rs
		ov, hasTargets := targets[e.key]
		_, hasOwn := u.own[e.key]
		switch {
		case hasTargets:
		case u.opts.Targets != nil && !hasOwn:
			u.warn(e, rules.Diagnostic{Pos: e.first,
				Summary: fmt.Sprintf("单位“%s”在目标表中没有目标，按共用规则集 %s 的目标评价", e.name, rs.ID),
				Hint:    "在目标表中补上该单位一行；单位名称须与数据一致"})
		case len(u.opts.Rulesets) > 0 && !hasOwn:
			u.warn(e, rules.Diagnostic{Pos: e.first,
				Summary: fmt.Sprintf("单位“%s”没有单独的规则集，按共用规则集 %s 的目标评价", e.name, rs.ID),
				Hint:    "为该单位提供规则集，或核对单位名称"})
		}
		judged, ds := rs.WithTargets(e.name, ov)
		for _, d := range ds {
			u.diags.Add(d)
			if d.Severity == rules.Warning {
				e.problems.Add(d)
			}
		}
		e.acts.Problems = append(e.acts.Problems, e.problems...)
		e.acts.Problems.Sort()
		out = append(out, eval.Unit{Name: e.name, Ruleset: judged, Actuals: e.acts})
	}
	return out
}

// unitsFirstPos is the earliest position among a unit's target cells.
func unitsFirstPos(ov map[string]rules.TargetOverride) rules.Pos {
	var ds rules.Diagnostics
	for _, o := range ov {
		ds = append(ds, rules.Diagnostic{Pos: o.Pos})
	}
	if len(ds) == 0 {
		return rules.Pos{}
	}
	ds.Sort()
	return ds[0].Pos
}
