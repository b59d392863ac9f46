package scorecard

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The sheets of a city scorecard.
const (
	citySheetOverview = "总览"
	citySheetRanking  = "排名"
	citySheetDetail   = "明细"
	citySheetNotes    = "口径说明"
	citySheetProblems = "数据问题"
)

const (
	// cityDetailSheetsMax is the most units that get a 明细 sheet each;
	// above it every unit goes into one long 明细 sheet with filters.
	cityDetailSheetsMax = 30
	// cityChartAll is the most units the chart of totals shows; above it
	// the chart shows the first cityChartTop.
	cityChartAll = 50
	cityChartTop = 30
)

// cityBook writes one city scorecard, from what cityWriter kept of its
// units.
type cityBook struct {
	*scBook
	// c is the city: its units' assessments without their results, as
	// cityUnit.a.
	c    *eval.City
	opts ScorecardOptions
	// ranked are the units by rank, units what is kept of each, in the
	// same order.
	ranked []*eval.Assessment
	units  []*cityUnit
	inds   []*rules.Indicator // every indicator of any unit, in order
	dxf    map[eval.Status]int
	probs  []view.CityProblem
	cw     *cityWriter
	// streams are the sheets written by a StreamWriter, for their used
	// range.
	streams map[string]*cityStream
	// rows streamed so far, and about how many there will be, for
	// opts.Progress
	rows, rowsTotal int
}

// cityProgressEvery is how many streamed rows pass between two Progress
// calls.
const cityProgressEvery = 4096

// tick counts a row written, for opts.Progress.
func (b *cityBook) tick() {
	if b.opts.Progress != nil {
		if b.rows++; b.rows%cityProgressEvery == 0 {
			b.opts.Progress(min(b.rows, b.rowsTotal-1), b.rowsTotal)
		}
	}
}

// cityRankCell is an overall rank: the number 2 shown 第2名.
func cityRankCell(rank int) view.Cell {
	if rank <= 0 {
		return view.Text(view.NoValue)
	}
	return view.Num(decimal.NewFromInt(int64(rank)), 0).WithPrefix("第").WithSuffix("名")
}

// cityStatusText is a status with the unit's rank on the indicator beside
// it: "完成 (2)"; the status alone where there is no rank.
func cityStatusText(r *eval.Result) string {
	if r.PeerRank > 0 {
		return string(r.Status) + " (" + strconv.Itoa(r.PeerRank) + ")"
	}
	return string(r.Status)
}

// detailSheets names the 明细 sheets: one per unit (named after the unit)
// for up to cityDetailSheetsMax units, in rank order, else one 明细.
func (b *cityBook) detailSheets() []string {
	if len(b.ranked) > cityDetailSheetsMax {
		return []string{citySheetDetail}
	}
	used := map[string]bool{citySheetOverview: true, citySheetRanking: true, citySheetNotes: true,
		citySheetProblems: true, citySheetDetail: true}
	var out []string
	for _, a := range b.ranked {
		name := citySheetName(a.Entity)
		base := name
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			name = cityClip(base, 31-len([]rune(suffix))) + suffix
		}
		used[strings.ToLower(name)] = true
		out = append(out, name)
	}
	return out
}

// citySheetName makes a unit name a valid sheet name: no : \ / ? * [ ],
// no leading or trailing quote, at most 31 characters.
func citySheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if s == "" {
		s = "单位"
	}
	return cityClip(s, 31)
}

func cityClip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// statusFormats colours every status in a range by conditional formats
// that look at the start of the text, so that "完成 (2)" takes the colour
// of 完成 and the colour follows an edited cell.
func (b *cityBook) statusFormats(sheet, rangeRef string) {
	if b.err != nil {
		return
	}
	b.fail(scStatusConditional(b.f, b.dxf, sheet, rangeRef, true))
}

// properties sets the document properties.
func (b *cityBook) properties() {
	if b.err != nil {
		return
	}
	when := b.opts.Evaluated.UTC().Format(time.RFC3339)
	b.fail(b.f.SetDocProps(&excelize.DocProperties{Title: view.CityTitle(b.c), Creator: "attain", LastModifiedBy: "attain",
		Description: fmt.Sprintf("由 attain%s 评估%d个单位的目标完成情况", versionNote(b.opts.Version), len(b.c.Units)),
		Language:    "zh-CN", Created: when, Modified: when}))
	b.fail(b.f.SetAppProps(&excelize.AppProperties{Application: "attain", AppVersion: appVersion(b.opts.Version)}))
}

// cityStream writes one sheet row by row with excelize's StreamWriter.
type cityStream struct {
	b    *cityBook
	sw   *excelize.StreamWriter
	row  int
	cols int // the widest row
	// more are the rows (of up to moreCols cells) written into the sheet's
	// part as XML after the StreamWriter's (cityZip).
	more, moreCols int
	// buf and vals are reused from row to row: the StreamWriter takes
	// *excelize.Cell, which spares boxing every cell.
	buf  []excelize.Cell
	vals []any
}

// cells returns a row of n cells to fill, reused by the next row.
func (s *cityStream) cells(n int) []excelize.Cell {
	if cap(s.buf) < n {
		s.buf = make([]excelize.Cell, n)
	}
	s.buf = s.buf[:n]
	clear(s.buf)
	return s.buf
}

func (b *cityBook) stream(sheet string) *cityStream {
	if b.err != nil {
		return &cityStream{b: b}
	}
	b.fail(b.f.SetSheetDimension(sheet, cityDimPlaceholder))
	sw, err := b.f.NewStreamWriter(sheet)
	b.fail(err)
	s := &cityStream{b: b, sw: sw}
	if b.streams == nil {
		b.streams = map[string]*cityStream{}
	}
	b.streams[sheet] = s
	return s
}

// dimension is the used range of a streamed sheet, its rows written.
func (s *cityStream) dimension() string {
	return cell.UsedRange(s.row+s.more, max(s.cols, s.moreCols))
}

// widths sets the column widths; before the first row.
func (s *cityStream) widths(ws []float64) {
	for i, w := range ws {
		if s.b.err == nil {
			s.b.fail(s.sw.SetColWidth(i+1, i+1, w))
		}
	}
}

// put writes the next row: each value a scCell or a ready excelize.Cell.
func (s *cityStream) put(height float64, cells ...excelize.Cell) {
	s.row++
	s.cols = max(s.cols, len(cells))
	s.b.tick()
	if s.b.err != nil {
		return
	}
	s.vals = s.vals[:0]
	for i := range cells {
		s.vals = append(s.vals, &cells[i])
	}
	opts := excelize.RowOpts{}
	if height > 0 {
		opts.Height = min(height, excelize.MaxRowHeight)
	}
	s.b.fail(s.sw.SetRow("A"+strconv.Itoa(s.row), s.vals, opts))
}

// freeze keeps the first cols columns and rows rows in view; before the
// first row.
func (s *cityStream) freeze(cols, rows int) {
	if s.b.err != nil {
		return
	}
	tl := scRef(cell.ColName(cols), rows+1)
	s.b.fail(s.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: "bottomRight"}}}))
}

// merge merges cells of the rows written or to be written.
func (s *cityStream) merge(from, to string) {
	if s.b.err == nil {
		s.b.fail(s.sw.MergeCell(from, to))
	}
}

func (s *cityStream) flush() {
	if s.b.err == nil {
		s.b.fail(s.sw.Flush())
	}
}

// scell is a scorecard cell in the style st, numbers with their format.
func (b *cityBook) scell(c view.Cell, st scStyle) excelize.Cell {
	return excelize.Cell{StyleID: b.style(b.scellStyle(c, st)), Value: cityValue(c)}
}

// scellStyle is the style of c in a cell of style st: a number gets its
// number format and is right-aligned, "-" is centred, where st does not
// align.
func (b *cityBook) scellStyle(c view.Cell, st scStyle) scStyle {
	if c.Num {
		st.numFmt = c.NumFmt()
		if st.halign == "" {
			st.halign = "right"
		}
	} else if c.Text == view.NoValue && st.halign == "" {
		st.halign = "center"
	}
	return st
}

func (b *cityBook) stext(s string, st scStyle) excelize.Cell {
	return b.scell(view.Text(s), st)
}

// subtitle names the rules, the period, the date and the data.
func (b *cityBook) subtitle() string {
	rs := b.c.Units[0].Ruleset
	sub := fmt.Sprintf("规则集：%s（%s）　时段：%s　评估日期：%s", rs.Title, rs.ID, b.c.Period.Progress(rs),
		scDate(b.opts.Evaluated))
	if b.opts.InputName != "" {
		sub += "　数据：" + b.opts.InputName
	}
	return sub
}

// cityDetailCol is one column of a 明细 sheet.
type cityDetailCol struct {
	head  string
	width float64
	wrap  bool
	value func(a *eval.Assessment, row view.Row) view.Cell
}

// cityLongCols are the columns of the long 明细 sheet.
var cityLongCols = []cityDetailCol{
	{head: "单位", width: 12, value: func(a *eval.Assessment, _ view.Row) view.Cell { return view.Text(a.Entity) }},
	{head: "指标", width: 22, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Ind.Name) }},
	{head: "目标", width: 22, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Ind.Target.Text) }},
	{head: "实际值", width: 12, value: func(_ *eval.Assessment, r view.Row) view.Cell { return cityWithUnit(r.Actual, r.Unit) }},
	{head: "差距", width: 14, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Gap }},
	{head: "完成情况", width: 10, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(string(r.R.Status)) }},
	{head: "名次", width: 8, value: func(_ *eval.Assessment, r view.Row) view.Cell { return cityRankCell(r.R.PeerRank) }},
	{head: "得分", width: 8, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Score }},
	{head: "判定依据", width: 50, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.R.Explanation) }},
	{head: "数据来源", width: 26, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Source) }},
}

// cityUnitCols are the columns of a unit's own 明细 sheet.
var cityUnitCols = []cityDetailCol{
	{head: "序号", width: 6, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Num(decimal.NewFromInt(int64(r.No)), 0) }},
	{head: "类别", width: 6, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(string(r.Ind.Category)) }},
	{head: "指标", width: 22, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Ind.Name) }},
	{head: "目标原文", width: 22, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Ind.Target.Text) }},
	{head: "目标值", width: 10, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Target }},
	{head: "实际值", width: 12, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Actual }},
	{head: "单位", width: 8, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Unit) }},
	{head: "差距", width: 14, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Gap }},
	{head: "完成率(%)", width: 10, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Completion }},
	{head: "完成情况", width: 10, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(string(r.R.Status)) }},
	{head: "名次", width: 8, value: func(_ *eval.Assessment, r view.Row) view.Cell { return cityRankCell(r.R.PeerRank) }},
	{head: "权重", width: 6, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Weight }},
	{head: "得分", width: 8, value: func(_ *eval.Assessment, r view.Row) view.Cell { return r.Score }},
	{head: "判定依据", width: 50, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.R.Explanation) }},
	{head: "数据来源", width: 26, wrap: true, value: func(_ *eval.Assessment, r view.Row) view.Cell { return view.Text(r.Source) }},
}

// cityWithUnit shows a figure with its unit of measure (亿元, 人, %).
func cityWithUnit(c view.Cell, unit string) view.Cell {
	if !c.Num || unit == "" || c.Suffix != "" || c.Prefix != "" {
		return c
	}
	return c.WithSuffix(unit)
}

func cityColIndex(cols []cityDetailCol, head string) int {
	for i, c := range cols {
		if c.head == head {
			return i
		}
	}
	return -1
}

// detailHead writes the title and header rows of a 明细 sheet.
func (b *cityBook) detailHead(s *cityStream, cols []cityDetailCol, title string) {
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width
	}
	s.widths(widths)
	last := cell.ColName(len(cols) - 1)
	st := scStyle{font: scFontTitle, size: 14, bold: true, halign: "left"}
	s.put(24, b.stext(title, st))
	s.merge("A1", last+"1")
	head := make([]excelize.Cell, len(cols))
	for i, c := range cols {
		head[i] = b.stext(c.head, scHeadStyle)
	}
	s.put(30, head...)
}

// unitDetail writes one unit's 明细 sheet, with a total row: the rows of
// its results but those left out (cityWriter.omitted), which a line names
// above the total.
func (b *cityBook) unitDetail(sh string, cu *cityUnit) {
	a := cu.full
	cols := cityUnitCols
	b.print(sh, "$2:$2", "", 1)
	s := b.stream(sh)
	s.freeze(3, 2)
	b.detailHead(s, cols, fmt.Sprintf("%s %s明细（%s）", a.Entity, strings.TrimPrefix(view.CityTitle(b.c), "各单位"),
		cityUnitSummary(a)))
	styles := newCityStyles(b, cols)
	out := make([]cityOut, len(cols))
	var left []*eval.Result
	for k := range a.Results {
		if b.cw.omitted(cu, k, &a.Results[k]) {
			left = append(left, &a.Results[k])
			continue
		}
		height := cityMakeRowInto(out, cols, a, view.MakeRow(a, k))
		cells := s.cells(len(cols))
		for i := range out {
			cells[i] = excelize.Cell{StyleID: styles.id(out[i].key), Value: cityOutAny(out[i].val)}
		}
		s.put(height, cells...)
	}
	first, lastData := 3, s.row
	bold := scStyle{border: true, bold: true}
	if len(left) > 0 {
		note := make([]excelize.Cell, len(cols))
		for i := range cols {
			note[i] = b.stext("", scBodyStyle)
		}
		text := cityLeftText(left)
		note[cityColIndex(cols, "指标")] = b.stext("未逐项列出", scWrapStyle)
		note[cityColIndex(cols, "判定依据")] = b.stext(text, scWrapStyle)
		s.put(cityRowHeight(text, 44), note...)
	}
	total := make([]excelize.Cell, len(cols))
	for i := range cols {
		total[i] = b.stext("", bold)
	}
	total[cityColIndex(cols, "指标")] = b.stext("合计", bold)
	total[cityColIndex(cols, "权重")] = b.scell(view.Num(a.FullMarks, 0), bold)
	total[cityColIndex(cols, "得分")] = b.scell(view.Num(a.Total, 2), bold)
	total[cityColIndex(cols, "判定依据")] = b.stext(cityUnitSummary(a), scStyle{border: true, bold: true, wrap: true})
	s.put(0, total...)
	if lastData >= first {
		st := cell.ColName(cityColIndex(cols, "完成情况"))
		b.statusFormats(sh, fmt.Sprintf("%s%d:%s%d", st, first, st, lastData))
	}
	s.flush()
}

// cityLeftText names the indicators left out of a unit's 明细 sheet.
func cityLeftText(left []*eval.Result) string {
	var noData, inProgress []string
	for _, r := range left {
		if r.Status == eval.InProgress {
			inProgress = append(inProgress, r.Indicator.Name)
		} else {
			noData = append(noData, r.Indicator.Name)
		}
	}
	var parts []string
	if len(noData) > 0 {
		parts = append(parts, "各单位均未填报（无数据，不得分）："+strings.Join(noData, "、"))
	}
	if len(inProgress) > 0 {
		parts = append(parts, "尚未到期、未填报本年进度（进行中，不计分）："+strings.Join(inProgress, "、"))
	}
	return strings.Join(parts, "；")
}

// cityUnitSummary is a unit's result in one line: 总分83.98，得分率84.0%，良好，第2名.
func cityUnitSummary(a *eval.Assessment) string {
	s := fmt.Sprintf("总分%s，得分率%s%%，%s", view.Fixed(a.Total, 2), view.Fixed(a.Percent, 1), a.Grade)
	if a.Rank > 0 {
		s += fmt.Sprintf("，第%d名", a.Rank)
	}
	if a.Veto != "" {
		s += "；" + a.Veto
	}
	return s
}

// overview writes 总览: the period, how many units, grades and statuses,
// the vetoed units, and a chart of the units' totals. Every figure comes
// from eval's City.Summary, as in the JSON and the table.
func (b *cityBook) overview() {
	const sh = citySheetOverview
	for col, w := range map[string]float64{"A": 14, "B": 18, "C": 14, "D": 14, "E": 14, "F": 14, "G": 40} {
		b.width(sh, col, w)
	}
	b.text(sh, "A1", view.CityTitle(b.c)+"评估", scTitleStyle)
	b.merge(sh, "A1", "G1", scTitleStyle)
	b.height(sh, 1, 32)
	b.text(sh, "A2", b.subtitle(), scSubStyle)
	b.merge(sh, "A2", "G2", scSubStyle)

	sum := b.c.Summary()
	rs := b.ranked[0].Ruleset
	b.overviewFigures(sum, rs)
	row := b.overviewGrades(sum, 7)
	row = b.overviewStatuses(sum, rs, row+1)
	if sum.Vetoed > 0 {
		row = b.overviewVetoes(row + 1)
	}
	row++
	// The chart starts a page of its own.
	if b.err == nil && row > 20 {
		b.fail(b.f.InsertPageBreak(sh, scRef("A", row)))
	}
	b.chart(row)
	b.print(sh, "", "", 1)
}

// cityLabelStyle and cityBigStyle are the label and the figure of the
// headline figures of 总览.
var (
	cityLabelStyle = scStyle{font: scFontTitle, bold: true, color: "595959", halign: "center", fill: "F2F2F2", border: true}
	cityBigStyle   = scStyle{font: scFontTitle, size: 20, bold: true, halign: "center", border: true, color: "1F3864"}
)

// overviewFigures writes rows 4 and 5 of 总览: units, mean, best and worst
// totals, vetoes, problems and the period's share of the year.
func (b *cityBook) overviewFigures(sum eval.CitySummary, rs *rules.Ruleset) {
	const sh = citySheetOverview
	count := func(n int) view.Cell { return view.Num(decimal.NewFromInt(int64(n)), 0) }
	figures := []struct {
		label string
		value view.Cell
	}{
		{"单位数", count(sum.Units)},
		{"平均总分", view.Num(sum.MeanTotal, 2)},
		{"最高总分", view.Num(sum.MaxTotal, 2)},
		{"最低总分", view.Num(sum.MinTotal, 2)},
		{"一票否决", count(sum.Vetoed)},
		{"数据问题", count(len(b.probs))},
	}
	for i, fg := range figures {
		b.text(sh, scRef(cell.ColName(i), 4), fg.label, cityLabelStyle)
		b.cell(sh, scRef(cell.ColName(i), 5), fg.value, cityBigStyle)
	}
	b.height(sh, 5, 36)
	b.text(sh, "G4", "时序进度", cityLabelStyle)
	b.text(sh, "G5", b.c.Period.Progress(rs), scStyle{border: true, halign: "center", wrap: true})
}

// overviewGrades writes the units per grade from row, each grade in the
// colour of its bars in the chart; it returns the row after the table.
func (b *cityBook) overviewGrades(sum eval.CitySummary, row int) int {
	const sh = citySheetOverview
	grades := b.ranked[0].Ruleset.Conventions.Grades
	b.text(sh, scRef("A", row), "等级分布", scSectionHead)
	row++
	b.text(sh, scRef("A", row), "等级", scHeadStyle)
	b.text(sh, scRef("B", row), "单位数", scHeadStyle)
	b.text(sh, scRef("C", row), "单位", scHeadStyle)
	b.merge(sh, scRef("C", row), scRef("G", row), scHeadStyle)
	row++
	for _, g := range sum.Grades {
		list := strings.Join(g.Units, "、")
		if len(g.Units) > 40 {
			list = strings.Join(g.Units[:40], "、") + fmt.Sprintf(" 等%d个", len(g.Units))
		}
		c := cityGradeColour(grades, g.Grade, false)
		b.text(sh, scRef("A", row), g.Grade, scStyle{border: true, bold: true, halign: "center", fill: c.fill, color: c.font})
		b.cell(sh, scRef("B", row), view.Num(decimal.NewFromInt(int64(len(g.Units))), 0), scBodyStyle)
		b.text(sh, scRef("C", row), list, scStyle{border: true, wrap: true})
		b.merge(sh, scRef("C", row), scRef("G", row), scStyle{border: true, wrap: true})
		b.height(sh, row, min(scRowHeight(list, 100), excelize.MaxRowHeight))
		row++
	}
	return row
}

// overviewStatuses writes the statuses over every unit and indicator, with
// the colour legend, from row; it returns the row after the note under it.
func (b *cityBook) overviewStatuses(sum eval.CitySummary, rs *rules.Ruleset, row int) int {
	const sh = citySheetOverview
	b.text(sh, scRef("A", row), "指标完成情况（全部单位合计）与颜色说明", scSectionHead)
	row++
	for i, h := range []string{"完成情况", "个数", "颜色", "含义"} {
		b.text(sh, scRef(cell.ColName(i), row), h, scHeadStyle)
	}
	b.merge(sh, scRef("D", row), scRef("G", row), scHeadStyle)
	row++
	legend := scLegend(rs)
	for _, n := range sum.Statuses {
		st := n.Status
		c := scStatusColours[st]
		b.text(sh, scRef("A", row), string(st), scStyle{fill: c.fill, color: c.font, bold: true, halign: "center", border: true})
		b.cell(sh, scRef("B", row), view.Num(decimal.NewFromInt(int64(n.Count)), 0), scBodyStyle)
		b.text(sh, scRef("C", row), c.name, scStyle{border: true, halign: "center"})
		b.text(sh, scRef("D", row), legend[st], scStyle{border: true, wrap: true})
		b.merge(sh, scRef("D", row), scRef("G", row), scStyle{border: true, wrap: true})
		b.height(sh, row, scRowHeight(legend[st], 82))
		row++
	}
	note := scStyle{size: 9, color: "595959", wrap: true}
	b.text(sh, scRef("A", row), "排名表中每格为完成情况，括号内为该单位在该指标上的名次，如“完成 (2)”；名次并列时共用名次，其后名次顺延（1、2、2、4）", note)
	b.merge(sh, scRef("A", row), scRef("G", row), note)
	b.height(sh, row, 28)
	return row + 1
}

// overviewVetoes lists the vetoed units and why, from row; it returns the
// row after the list.
func (b *cityBook) overviewVetoes(row int) int {
	const sh = citySheetOverview
	b.text(sh, scRef("A", row), "一票否决", scSectionHead)
	row++
	for _, a := range b.ranked {
		if a.Veto == "" {
			continue
		}
		b.text(sh, scRef("A", row), a.Entity, scStyle{border: true, bold: true})
		b.text(sh, scRef("B", row), a.Veto, scStyle{border: true, color: "C00000", wrap: true})
		b.merge(sh, scRef("B", row), scRef("G", row), scStyle{border: true, color: "C00000", wrap: true})
		row++
	}
	return row
}

// notes writes 口径说明: the conventions of the single scorecard, then
// what a city run adds: ranks, the period, peer-based scoring, veto.
func (b *cityBook) notes() {
	const sh = citySheetNotes
	b.width(sh, "A", 22)
	b.width(sh, "B", 96)
	b.text(sh, "A1", "口径说明", scStyle{font: scFontTitle, size: 14, bold: true})
	b.merge(sh, "A1", "B1", scStyle{font: scFontTitle, size: 14, bold: true})
	b.text(sh, "A2", "项目", scHeadStyle)
	b.text(sh, "B2", "说明", scHeadStyle)
	notes := cityNotes(b.c, b.cw.units, b.inds, b.ranked[0], b.opts)
	if n := b.cw.leftNote(); n != "" {
		notes = append(notes, [2]string{"明细", n})
	}
	for i, n := range notes {
		r := 3 + i
		b.text(sh, scRef("A", r), n[0], scStyle{border: true, bold: true, wrap: true, valign: "top"})
		b.text(sh, scRef("B", r), n[1], scWrapStyle)
		b.height(sh, r, scRowHeight(n[1], 94))
	}
	b.print(sh, "$2:$2", "", 1)
}

// cityNotes lists the conventions of a city run.
func cityNotes(c *eval.City, cus []*cityUnit, inds []*rules.Indicator, first *eval.Assessment, opts ScorecardOptions) [][2]string {
	rs := first.Ruleset
	notes := scNotes(first, opts)
	// The single scorecard names the first unit's ruleset; say how many
	// units share it and which have targets of their own.
	var own []string
	for _, cu := range cus {
		if cu.own {
			own = append(own, cu.a.Entity)
		}
	}
	units := fmt.Sprintf("共%d个单位，按同一口径评价", len(c.Units))
	if len(own) > 0 {
		list := strings.Join(own, "、")
		if len(own) > 20 {
			list = strings.Join(own[:20], "、") + fmt.Sprintf(" 等%d个", len(own))
		}
		units += "；" + list + "按目标表中的本单位目标评价（目标原文后注明“本单位目标”），其余单位按共用规则集的目标评价"
	}
	notes = append(notes,
		[2]string{"评价单位", units},
		[2]string{"时序进度", cityPeriodNote(c.Period, rs)},
		[2]string{"排名", "各指标按判定所用的数值在全部有数据的单位中排名，越好越前（逆向指标越低越前，名次类指标按填报名次）；" +
			"并列者名次相同，其后名次顺延（如 1、2、2、4）。" + cityRankNote(rs) + "排名表中“完成 (2)”表示该指标完成、名次第2；" +
			"“第2名”为总分名次"},
	)
	if s := cityMethodText(inds, rules.RankPoints); s != "" {
		notes = append(notes, [2]string{"计分：按名次", s})
	}
	if s := cityMethodText(inds, rules.Efficacy); s != "" {
		notes = append(notes, [2]string{"计分：功效系数法", s})
	}
	var vetoes []string
	for _, ind := range inds {
		if ind.Veto {
			vetoes = append(vetoes, ind.Name)
		}
	}
	if len(vetoes) > 0 {
		notes = append(notes, [2]string{"一票否决", "以下指标未完成的单位总分计为0，并在排名表和明细中注明原因：" + strings.Join(vetoes, "、")})
	}
	return notes
}

// cityPeriodNote explains how a period is judged.
func cityPeriodNote(p eval.Period, rs *rules.Ruleset) string {
	if p.IsYear() {
		return "全年：按全年目标评价"
	}
	return p.Progress(rs) + "。累计类总量目标按时序进度折算（时间过半、任务过半），增速和比率目标直接比较，年终考核指标本期不作评价、不计分"
}

// cityMethodText explains rank points or the efficacy coefficient and
// names the indicators using it.
func cityMethodText(inds []*rules.Indicator, m rules.ScoreMethod) string {
	var names []string
	steps := map[string]bool{}
	bounds := false
	for _, ind := range inds {
		if ind.Scoring.Method != m {
			continue
		}
		names = append(names, ind.Name)
		step := decimal.RequireFromString("0.05")
		if ind.Scoring.Step.Valid {
			step = ind.Scoring.Step.Decimal
		}
		steps[view.Fixed(step.Mul(decimal.NewFromInt(100)), 0)] = true
		bounds = bounds || ind.Scoring.Satisfactory.Valid
	}
	if len(names) == 0 {
		return ""
	}
	var text string
	switch m {
	case rules.RankPoints:
		var ss []string
		for s := range steps {
			ss = append(ss, s+"%")
		}
		text = "第1名得满分（权重），每后一名少得权重的" + strings.Join(ss, "或") + "，不低于0；并列者得分相同"
	case rules.Efficacy:
		text = "得分 = 权重 × [60 + 40 × (实际值 − 不允许值) ÷ (满意值 − 不允许值)] ÷ 100，功效系数限于0至100；"
		if bounds {
			text += "满意值和不允许值由规则集给出，未给出的取全部单位中的最好值和最差值"
		} else {
			text += "满意值取全部单位中的最好值，不允许值取最差值"
		}
	}
	return text + "。适用指标：" + strings.Join(names, "、")
}

// problems writes 数据问题: every problem of the run and of each unit.
func (b *cityBook) problems() {
	const sh = citySheetProblems
	b.print(sh, "$2:$2", "", 1)
	s := b.stream(sh)
	s.widths([]float64{6, 12, 30, 8, 20, 56, 40})
	st := scStyle{font: scFontTitle, size: 14, bold: true}
	s.put(24, b.stext("数据问题", st))
	s.merge("A1", "G1")
	head := make([]excelize.Cell, 0, 7)
	for _, h := range []string{"序号", "单位", "位置", "级别", "指标", "问题", "提示"} {
		head = append(head, b.stext(h, scHeadStyle))
	}
	s.put(0, head...)
	if len(b.probs) == 0 {
		s.put(0, b.stext("未发现数据问题", scBodyStyle))
		s.merge("A3", "G3")
	}
	names := map[string]string{}
	for _, ind := range b.inds {
		names[ind.ID] = ind.Name
	}
	for i, p := range b.probs {
		d := p.D
		level := "错误"
		if d.Severity == rules.Warning {
			level = "警告"
		}
		name := names[d.Indicator]
		if name == "" {
			name = d.Indicator
		}
		height := max(scRowHeight(d.Summary, 54), scRowHeight(d.Hint, 38), scRowHeight(d.Pos.String(), 28))
		s.put(height,
			b.scell(view.Num(decimal.NewFromInt(int64(i+1)), 0), scBodyStyle),
			b.stext(cmp.Or(p.Unit, view.NoValue), scWrapStyle),
			b.stext(cmp.Or(d.Pos.String(), view.NoValue), scWrapStyle),
			b.stext(level, scBodyStyle),
			b.stext(cmp.Or(name, view.NoValue), scWrapStyle),
			b.stext(d.Summary, scWrapStyle),
			b.stext(cmp.Or(d.Hint, view.NoValue), scWrapStyle))
	}
	s.flush()
}

func cityBool(v bool) *bool { return &v }
