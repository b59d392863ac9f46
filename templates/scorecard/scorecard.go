package scorecard

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// ScorecardOptions says what the scorecard cannot learn from the
// assessment itself.
type ScorecardOptions struct {
	// InputName is the name of the actuals file, shown on the scorecard.
	InputName string
	// Version is the version of the program that wrote the scorecard
	// ("v1.4.0", "dev"), kept in the document's properties (AppVersion and
	// the description) so that a printed number can be traced to the code
	// that computed it; "" leaves it out.
	Version string
	// Evaluated is the date of the evaluation, required and passed in by the
	// caller (no clock below cmd/); it is
	// printed in the footer and stored as the document's date.
	Evaluated time.Time
	// Progress, when set, is told how far WriteCityScorecard has got: rows
	// of 排名 and 明细 written of about as many as there will be, every few
	// thousand rows, and done = total once the file is written.
	Progress func(done, total int)
}

// Fonts: 宋体 (SimSun) and 黑体 (SimHei) ship with every Chinese Windows and
// with WPS; LibreOffice substitutes a CJK font for them. Every font carries
// the GB2312 charset so that an application without the named font falls
// back to a Chinese one.
const (
	scFontBody  = "宋体"
	scFontTitle = "黑体"
	scCharset   = 134 // GB2312
)

// scStatusStyle is the colour of a status: fill, font and its name in the
// legend.
type scStatusStyle struct {
	fill, font, name string
}

var scStatusColours = map[eval.Status]scStatusStyle{
	eval.Exceeded:   {fill: "1E7B34", font: "FFFFFF", name: "深绿"},
	eval.Met:        {fill: "A9D08E", font: "1B4D1B", name: "绿"},
	eval.NearlyMet:  {fill: "FFC000", font: "5A3E00", name: "琥珀"},
	eval.Missed:     {fill: "E06666", font: "FFFFFF", name: "红"},
	eval.NoData:     {fill: "BFBFBF", font: "262626", name: "灰"},
	eval.Suspect:    {fill: "C9B3E6", font: "3B1F5C", name: "紫"},
	eval.InProgress: {fill: "9DC3E6", font: "1F3864", name: "蓝"},
}

// scStyle describes a cell style; scBook turns each distinct one into an
// excelize style once.
type scStyle struct {
	numFmt string
	font   string
	size   float64
	bold   bool
	color  string
	fill   string
	halign string
	valign string
	wrap   bool
	border bool
	shrink bool
}

// scBook writes one scorecard; the first error stops every later call.
type scBook struct {
	f      *excelize.File
	styles map[scStyle]int
	dxf    map[eval.Status]int // conditional formats of the statuses
	// overviewRows is the count of rows 总览 uses, chart included.
	overviewRows int
	err          error
}

func (b *scBook) fail(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *scBook) style(s scStyle) int {
	if b.err != nil {
		return 0
	}
	if id, ok := b.styles[s]; ok {
		return id
	}
	charset := scCharset
	font := s.font
	if font == "" {
		font = scFontBody
	}
	size := s.size
	if size == 0 {
		size = 11
	}
	st := &excelize.Style{
		Font: &excelize.Font{Family: font, Size: size, Bold: s.bold, Color: s.color, Charset: &charset},
		Alignment: &excelize.Alignment{Horizontal: s.halign, Vertical: "center", WrapText: s.wrap,
			ShrinkToFit: s.shrink},
	}
	if s.valign != "" {
		st.Alignment.Vertical = s.valign
	}
	if s.numFmt != "" {
		code := s.numFmt
		st.CustomNumFmt = &code
	}
	if s.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}}
	}
	if s.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "808080", Style: 1})
		}
	}
	id, err := b.f.NewStyle(st)
	b.fail(err)
	b.styles[s] = id
	return id
}

// cell writes c at ref with style s; numbers are stored as numbers with
// the number format that shows them as c.String does.
func (b *scBook) cell(sheet, ref string, c view.Cell, s scStyle) {
	if b.err != nil {
		return
	}
	if c.Num {
		s.numFmt = c.NumFmt()
		if s.halign == "" {
			s.halign = "right"
		}
		b.fail(b.f.SetCellDefault(sheet, ref, c.D.String()))
	} else {
		if c.Text == view.NoValue && s.halign == "" {
			s.halign = "center"
		}
		b.fail(b.f.SetCellStr(sheet, ref, c.Text))
	}
	b.fail(b.f.SetCellStyle(sheet, ref, ref, b.style(s)))
}

// text writes a text cell.
func (b *scBook) text(sheet, ref, s string, st scStyle) {
	b.cell(sheet, ref, view.Text(s), st)
}

// merge merges a range and styles every cell of it, so that borders and
// fills cover the whole range.
func (b *scBook) merge(sheet, from, to string, st scStyle) {
	if b.err != nil {
		return
	}
	b.fail(b.f.MergeCell(sheet, from, to))
	b.fail(b.f.SetCellStyle(sheet, from, to, b.style(st)))
}

func (b *scBook) width(sheet, col string, w float64) {
	if b.err == nil {
		b.fail(b.f.SetColWidth(sheet, col, col, w))
	}
}

func (b *scBook) height(sheet string, row int, h float64) {
	if b.err == nil {
		b.fail(b.f.SetRowHeight(sheet, row, h))
	}
}

func scRef(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

// Shared styles.
var (
	scTitleStyle  = scStyle{font: scFontTitle, size: 18, bold: true, halign: "center"}
	scSubStyle    = scStyle{size: 10, color: "404040", halign: "center"}
	scHeadStyle   = scStyle{font: scFontTitle, bold: true, fill: "D9E1F2", halign: "center", wrap: true, border: true}
	scBodyStyle   = scStyle{border: true}
	scWrapStyle   = scStyle{border: true, wrap: true}
	scSectionHead = scStyle{font: scFontTitle, size: 13, bold: true, color: "1F3864"}
)

// WriteScorecard writes the scored assessment as an .xlsx workbook:
// 总览 for leadership (score, grade, the score of each indicator group,
// what missed, a chart), 明细 with one row per indicator of the headline
// group for checking, 任务明细 with the same columns for the 重点工作任务
// (one detail sheet per further group), 回顾文稿 with the draft review
// text, 口径说明 with every convention the verdicts rest on, and 数据问题.
// Every sheet prints on A4 landscape, one page wide.
func WriteScorecard(w io.Writer, a *eval.Assessment, opts ScorecardOptions) error {
	if a == nil || a.Ruleset == nil {
		return fmt.Errorf("scorecard: no assessment to write")
	}
	if opts.Evaluated.IsZero() {
		// The date comes from the caller: no clock below cmd/.
		return fmt.Errorf("scorecard: no evaluation date (ScorecardOptions.Evaluated)")
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &scBook{f: f, styles: map[scStyle]int{}, dxf: map[eval.Status]int{}}
	b.fail(f.SetDefaultFont(scFontBody))
	parts := view.Parts(a)
	sheets := []string{view.SheetOverview}
	for _, p := range parts {
		sheets = append(sheets, p.Sheet)
	}
	sheets = append(sheets, deptSheets(a)...)
	sheets = append(sheets, view.SheetReview, view.SheetNotes, view.SheetProblems, view.SheetChartData)
	b.fail(f.SetSheetName("Sheet1", sheets[0]))
	for _, s := range sheets[1:] {
		_, err := f.NewSheet(s)
		b.fail(err)
	}
	b.overview(a, parts, opts)
	for _, p := range parts {
		b.detail(a, p, len(parts) > 1)
	}
	b.departments(a)
	b.review(a)
	b.notes(a, opts)
	b.problems(a)
	if b.err == nil {
		b.fail(f.SetSheetVisible(view.SheetChartData, false))
	}
	b.printSetup(a, opts, parts)
	b.properties(a, opts)
	f.SetActiveSheet(0)
	if b.err == nil {
		b.fail(setDimensions(f, nil))
	}
	if b.err != nil {
		return fmt.Errorf("scorecard: %w", b.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	return nil
}

// scDate writes a date the Chinese way: 2020年1月15日.
func scDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// scOverviewLast is the last column of 总览.
const scOverviewLast = "F"

// overview writes 总览: title, total score and grade in large type, the
// score of each indicator group when there are several, the count of each
// status with the colour legend, the indicators that missed (group by
// group) and a chart of the headline indicators' attainment.
func (b *scBook) overview(a *eval.Assessment, parts []view.Part, opts ScorecardOptions) {
	const sh = view.SheetOverview
	for col, w := range map[string]float64{"A": 26, "B": 22, "C": 17, "D": 17, "E": 11, "F": 50} {
		b.width(sh, col, w)
	}
	b.text(sh, "A1", view.Title(a), scTitleStyle)
	b.merge(sh, "A1", "F1", scTitleStyle)
	b.height(sh, 1, 34)
	sub := fmt.Sprintf("规则集：%s（%s）　评估日期：%s", a.Ruleset.Title, a.Ruleset.ID, scDate(opts.Evaluated))
	if opts.InputName != "" {
		sub += "　数据：" + opts.InputName
	}
	b.text(sh, "A2", sub, scSubStyle)
	b.merge(sh, "A2", "F2", scSubStyle)

	// The score in large type.
	label := scStyle{font: scFontTitle, bold: true, color: "595959", halign: "center", fill: "F2F2F2", border: true}
	big := scStyle{font: scFontTitle, size: 24, bold: true, halign: "center", border: true, color: "1F3864"}
	for _, c := range []struct{ col, label string }{{"A", "总分"}, {"B", "满分"}, {"C", "得分率"}, {"D", "等级"}} {
		b.text(sh, scRef(c.col, 4), c.label, label)
	}
	b.cell(sh, "A5", view.Num(a.Total, 2), big)
	b.cell(sh, "B5", view.Num(a.FullMarks, 0), big)
	b.cell(sh, "C5", view.Num(a.Percent, 1).WithSuffix("%"), big)
	b.text(sh, "D5", a.Grade, big)
	b.height(sh, 4, 20)
	b.height(sh, 5, 44)
	summary := scStyle{wrap: true, border: true, halign: "left"}
	b.text(sh, "E4", "指标完成情况", label)
	b.merge(sh, "E4", "F4", label)
	counts := fmt.Sprintf("共%d项：%s", len(a.Results), view.CountsText(a))
	if a.Rank > 0 {
		counts += fmt.Sprintf("；综合排名第%d位", a.Rank)
	}
	b.text(sh, "E5", counts, summary)
	b.merge(sh, "E5", "F5", summary)
	row := 6
	if a.Veto != "" {
		veto := scStyle{bold: true, color: "C00000", wrap: true, border: true}
		b.text(sh, scRef("A", row), a.Veto, veto)
		b.merge(sh, scRef("A", row), scRef("F", row), veto)
		row++
	}

	// The score of each group, and the whole (综合).
	if len(parts) > 1 {
		row++
		b.text(sh, scRef("A", row), "分组得分（各组满分分别计）", scSectionHead)
		b.height(sh, row, 22)
		row++
		for i, h := range []string{"指标组", "得分", "满分", "得分率", "等级", "完成情况"} {
			b.text(sh, scRef(cell.ColName(i), row), h, scHeadStyle)
		}
		row++
		line := func(name string, total, full, percent decimal.Decimal, grade, text string, st scStyle) {
			b.text(sh, scRef("A", row), name, st)
			b.cell(sh, scRef("B", row), view.Num(total, 2), st)
			b.cell(sh, scRef("C", row), view.Num(full, 0), st)
			b.cell(sh, scRef("D", row), view.Num(percent, 1).WithSuffix("%"), st)
			gst := st
			gst.halign = "center"
			b.text(sh, scRef("E", row), grade, gst)
			b.text(sh, scRef("F", row), text, scStyle{border: true, wrap: true, bold: st.bold})
			b.height(sh, row, scRowHeight(text, 48))
			row++
		}
		for _, p := range parts {
			g := p.Score
			line(p.Group, g.Total, g.FullMarks, g.Percent, g.Grade,
				fmt.Sprintf("共%d项：%s", len(p.Rows), view.CountsOf(g.Counts)), scBodyStyle)
		}
		line("综合", a.Total, a.FullMarks, a.Percent, a.Grade,
			fmt.Sprintf("共%d项：%s", len(a.Results), view.CountsText(a)), scStyle{border: true, bold: true})
	}

	// Counts per status, with what each colour means.
	row++
	b.text(sh, scRef("A", row), "完成情况与颜色说明", scSectionHead)
	b.height(sh, row, 22)
	row++
	for i, h := range []string{"完成情况", "个数", "颜色", "含义"} {
		b.text(sh, scRef(cell.ColName(i), row), h, scHeadStyle)
	}
	b.merge(sh, scRef("D", row), scRef("F", row), scHeadStyle)
	row++
	legend := scLegend(a.Ruleset)
	for _, c := range a.Counts {
		b.legendCell(sh, scRef("A", row), c.Status)
		b.cell(sh, scRef("B", row), view.Num(decimal.NewFromInt(int64(c.Count)), 0), scStyle{border: true, halign: "center"})
		b.text(sh, scRef("C", row), scStatusColours[c.Status].name, scStyle{border: true, halign: "center"})
		b.text(sh, scRef("D", row), legend[c.Status], scStyle{border: true, wrap: true})
		b.merge(sh, scRef("D", row), scRef("F", row), scStyle{border: true, wrap: true})
		b.height(sh, row, scRowHeight(legend[c.Status], 78))
		row++
	}

	// What missed, first: one list per group.
	for _, p := range parts {
		row = b.attention(p, len(parts) > 1, row)
	}

	// The chart: the headline group, whose indicators share one scale.
	row++
	b.text(sh, scRef("A", row), scChartHeading(parts), scSectionHead)
	b.height(sh, row, 22)
	row++
	b.chart(parts[0].Rows, row)
	b.overviewRows = row + scChartRows
}

// scNoDataListed is the most 无数据 rows of one group 总览 lists one by one;
// more are summed up in one line (a template whose group was left empty).
const scNoDataListed = 5

// attention writes, from row, the indicators of one group that need a
// leader's attention (未完成, 基本完成, 无数据), and returns the next row.
func (b *scBook) attention(p view.Part, grouped bool, row int) int {
	const sh = view.SheetOverview
	row++
	what := "指标"
	if grouped {
		what = p.Group
	}
	b.text(sh, scRef("A", row), "需关注的"+what+"（未完成、基本完成、无数据）", scSectionHead)
	b.height(sh, row, 22)
	row++
	for i, h := range []string{"指标", "目标原文", "实际值", "差距", "完成情况", "判定依据"} {
		b.text(sh, scRef(cell.ColName(i), row), h, scHeadStyle)
	}
	row++
	first := row
	var noData []view.Row
	for _, r := range p.Rows {
		if r.R.Status == eval.NoData {
			noData = append(noData, r)
		}
	}
	for _, s := range view.StatusOrder {
		if s == eval.NoData && len(noData) > scNoDataListed {
			names := make([]string, len(noData))
			for i, r := range noData {
				names[i] = r.Ind.Name
			}
			text := fmt.Sprintf("%d项未填报：%s。逐项见“%s”工作表", len(noData), strings.Join(names, "、"), p.Sheet)
			b.text(sh, scRef("A", row), "（共"+fmt.Sprint(len(noData))+"项）", scWrapStyle)
			b.text(sh, scRef("B", row), text, scWrapStyle)
			b.merge(sh, scRef("B", row), scRef("D", row), scWrapStyle)
			b.text(sh, scRef("E", row), string(s), scStyle{border: true, bold: true, halign: "center"})
			b.text(sh, scRef("F", row), "未填报或无法判断，不得分", scWrapStyle)
			b.height(sh, row, scRowHeight(text, 52))
			row++
			continue
		}
		for _, r := range p.Rows {
			if r.R.Status != s {
				continue
			}
			actual := r.Actual
			if actual.Num && actual.Suffix == "" {
				actual = actual.WithSuffix(r.Unit)
			}
			b.text(sh, scRef("A", row), r.Ind.Name, scWrapStyle)
			b.text(sh, scRef("B", row), r.Ind.Target.Text, scWrapStyle)
			b.cell(sh, scRef("C", row), actual, scBodyStyle)
			b.cell(sh, scRef("D", row), r.Gap, scBodyStyle)
			b.text(sh, scRef("E", row), string(s), scStyle{border: true, bold: true, halign: "center"})
			b.text(sh, scRef("F", row), r.R.Explanation, scWrapStyle)
			b.height(sh, row, max(scRowHeight(r.R.Explanation, 50), scRowHeight(r.Ind.Name, 24),
				scRowHeight(r.Ind.Target.Text, 20)))
			row++
		}
	}
	if row == first {
		done := "所有指标均已完成（含超额完成）"
		if grouped {
			done = p.Group + "均已完成（含超额完成）或按进度推进"
		}
		b.text(sh, scRef("A", row), done, scBodyStyle)
		b.merge(sh, scRef("A", row), scRef("F", row), scBodyStyle)
		row++
	} else {
		b.statusFormats(sh, fmt.Sprintf("E%d:E%d", first, row-1))
	}
	return row
}

// legendCell writes a status word on its colour, a fixed fill: the
// legend says what each colour means.
func (b *scBook) legendCell(sheet, ref string, s eval.Status) {
	c := scStatusColours[s]
	b.text(sheet, ref, string(s), scStyle{fill: c.fill, color: c.font, bold: true, halign: "center", border: true})
}

// statusFormats colours the status words of a range by conditional
// formats, so that the colour follows an edited status.
func (b *scBook) statusFormats(sheet, rangeRef string) {
	if b.err != nil {
		return
	}
	b.fail(scStatusConditional(b.f, b.dxf, sheet, rangeRef, false))
}

// scStatusConditional sets the status colours of a range as conditional
// formats (creating each status's format once, kept in dxf). With prefix,
// a cell that begins with a status word takes its colour, so "完成 (2)"
// is coloured as 完成; otherwise the cell must equal the word.
func scStatusConditional(f *excelize.File, dxf map[eval.Status]int, sheet, rangeRef string, prefix bool) error {
	var cfs []excelize.ConditionalFormatOptions
	for _, s := range eval.Statuses {
		id, ok := dxf[s]
		if !ok {
			c := scStatusColours[s]
			var err error
			id, err = f.NewConditionalStyle(&excelize.Style{
				Font: &excelize.Font{Color: c.font, Bold: true},
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
			})
			if err != nil {
				return err
			}
			dxf[s] = id
		}
		cf := excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
			Value: `"` + string(s) + `"`, Format: &id, StopIfTrue: true}
		if prefix {
			cf = excelize.ConditionalFormatOptions{Type: "text", Criteria: "begins with",
				Value: string(s), Format: &id, StopIfTrue: true}
		}
		cfs = append(cfs, cf)
	}
	return f.SetConditionalFormat(sheet, rangeRef, cfs)
}

func scTrue() *bool { t := true; return &t }

func scFalse() *bool { f := false; return &f }

// scLegend says what each status (and so each colour) means under the
// ruleset's conventions.
func scLegend(rs *rules.Ruleset) map[eval.Status]string {
	c := rs.Conventions
	return map[eval.Status]string{
		eval.Exceeded: "超过目标：超过“以上”目标的数值，或超过“左右”目标的上沿、区间目标的上限",
		eval.Met: fmt.Sprintf("达到目标：“左右”目标在±%s个百分点以内，“以内”目标未超出，同步、前列、是否类目标达到要求",
			c.ApproxTolerance),
		eval.NearlyMet: fmt.Sprintf("略有差距：比率类指标差距在%s个百分点以内，总量类指标达到目标的%s%%",
			c.NearMissPoints, c.NearMissRatio.Mul(decimal.NewFromInt(100))),
		eval.Missed:     "未达到目标，差距超出基本完成的范围",
		eval.NoData:     "未填报或无法判断，不得分",
		eval.Suspect:    "填报值明显不合理，未采用，不得分，须核实更正",
		eval.InProgress: "多年目标尚未到期，本年显示进度，不计分",
	}
}

// scRowHeight estimates the height in points of a row whose wrapped text
// s sits in a cell w characters wide.
func scRowHeight(s string, w float64) float64 {
	lines := 0
	for _, line := range strings.Split(s, "\n") {
		// Renderers differ in glyph width: count on 85% of the cell.
		n := int(float64(view.DisplayWidth(line))/(w*0.85)) + 1
		lines += n
	}
	return float64(max(lines, 1))*14.5 + 4
}

// scDetailCol is one column of 明细.
type scDetailCol struct {
	head  string
	width float64 // fixed width; 0 fits the content
	max   float64 // widest a fitted column may grow
	wrap  bool
	value func(row view.Row) view.Cell
}

var scDetailCols = []scDetailCol{
	{head: "序号", value: func(r view.Row) view.Cell { return view.Num(decimal.NewFromInt(int64(r.No)), 0) }},
	{head: "类别", value: func(r view.Row) view.Cell { return view.Text(string(r.Ind.Category)) }},
	{head: "指标", max: 24, wrap: true, value: func(r view.Row) view.Cell { return view.Text(r.Ind.Name) }},
	{head: "目标原文", max: 20, wrap: true, value: func(r view.Row) view.Cell { return view.Text(r.Ind.Target.Text) }},
	{head: "目标值", value: func(r view.Row) view.Cell { return r.Target }},
	{head: "上年实际值", value: func(r view.Row) view.Cell { return r.PrevLevel }},
	{head: "上年增速(%)", value: func(r view.Row) view.Cell { return r.PrevGrowth }},
	{head: "实际值", value: func(r view.Row) view.Cell { return r.Actual }},
	{head: "单位", value: func(r view.Row) view.Cell { return view.Text(r.Unit) }},
	{head: "差距", value: func(r view.Row) view.Cell { return r.Gap }},
	{head: "完成率(%)", value: func(r view.Row) view.Cell { return r.Completion }},
	{head: "完成情况", value: func(r view.Row) view.Cell { return view.Text(string(r.R.Status)) }},
	{head: "位次", value: func(r view.Row) view.Cell {
		if r.R.PeerRank == 0 {
			return view.Text(view.NoValue)
		}
		return view.Num(decimal.NewFromInt(int64(r.R.PeerRank)), 0)
	}},
	{head: "权重", value: func(r view.Row) view.Cell { return r.Weight }},
	{head: "得分", value: func(r view.Row) view.Cell { return r.Score }},
	{head: "判定依据", width: 46, wrap: true, value: func(r view.Row) view.Cell { return view.Text(r.R.Explanation) }},
	{head: "数据来源", max: 26, wrap: true, value: func(r view.Row) view.Cell { return view.Text(r.Source) }},
}

// scDetailColumns are the columns of 明细 for a: 位次 only among peers.
func scDetailColumns(a *eval.Assessment) []scDetailCol {
	ranked := false
	for _, r := range a.Results {
		ranked = ranked || r.PeerRank > 0
	}
	cols := make([]scDetailCol, 0, len(scDetailCols))
	for _, c := range scDetailCols {
		if c.head == "位次" && !ranked {
			continue
		}
		cols = append(cols, c)
	}
	return cols
}

// scDetailFirst is the first data row of 明细 (row 1 title, row 2 header).
const scDetailFirst = 3

// detail writes the detail sheet of one group (明细, 任务明细): one row per
// indicator and a total row for the group, the header frozen and filtered,
// the statuses coloured by conditional formats. grouped says whether the
// assessment has more than one group: the title and total are then the
// group's.
func (b *scBook) detail(a *eval.Assessment, p view.Part, grouped bool) {
	sh := p.Sheet
	rows := p.Rows
	cols := scDetailColumns(a)
	index := func(head string) string {
		for i, c := range cols {
			if c.head == head {
				return cell.ColName(i)
			}
		}
		panic("no column " + head)
	}
	last := cell.ColName(len(cols) - 1)
	title := scStyle{font: scFontTitle, size: 14, bold: true, halign: "left"}
	heading := view.Title(a) + "明细"
	if grouped {
		heading = view.TitleOf(a, p.Group) + "明细"
	}
	b.text(sh, "A1", heading, title)
	b.merge(sh, "A1", last+"1", title)
	b.height(sh, 1, 24)
	widths := make([]float64, len(cols))
	for i, c := range cols {
		b.text(sh, scRef(cell.ColName(i), 2), c.head, scHeadStyle)
		widths[i] = float64(view.DisplayWidth(c.head))
	}
	b.height(sh, 2, 30)
	for n, row := range rows {
		r := scDetailFirst + n
		height := 18.0
		for i, c := range cols {
			v := c.value(row)
			st := scBodyStyle
			if c.wrap {
				st = scWrapStyle
			}
			if c.head == "完成情况" {
				st = scStyle{border: true, bold: true, halign: "center"}
			}
			b.cell(sh, scRef(cell.ColName(i), r), v, st)
			w := float64(view.DisplayWidth(v.String()))
			if c.width > 0 {
				height = max(height, scRowHeight(v.String(), c.width-2))
			} else if c.max > 0 && w+2 > c.max {
				height = max(height, scRowHeight(v.String(), c.max-2))
			}
			widths[i] = max(widths[i], w)
		}
		b.height(sh, r, height)
	}
	lastRow := scDetailFirst + len(rows) - 1
	if len(rows) > 0 {
		status := index("完成情况")
		b.statusFormats(sh, fmt.Sprintf("%s%d:%s%d", status, scDetailFirst, status, lastRow))
	}
	// The total row.
	tr := lastRow + 1
	bold := scStyle{border: true, bold: true}
	for i := range cols {
		b.text(sh, scRef(cell.ColName(i), tr), "", bold)
	}
	g := p.Score
	b.text(sh, scRef("C", tr), "合计", bold)
	b.cell(sh, scRef(index("权重"), tr), view.Num(g.FullMarks, 0), bold)
	b.cell(sh, scRef(index("得分"), tr), view.Num(g.Total, 2), bold)
	total := fmt.Sprintf("得分率%s%%，等级%s", view.Fixed(g.Percent, 1), g.Grade)
	if grouped {
		total = p.Group + total
	}
	if a.Veto != "" && p.Veto {
		total += "；" + a.Veto
	}
	b.text(sh, scRef(index("判定依据"), tr), total, scStyle{border: true, bold: true, wrap: true})
	b.height(sh, tr, 20)
	for i, c := range cols {
		w := widths[i] + 2
		if c.width > 0 {
			w = c.width
		} else if c.max > 0 && w > c.max {
			w = c.max
		}
		b.width(sh, cell.ColName(i), w)
	}
	if b.err != nil {
		return
	}
	b.fail(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3",
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: "D3", ActiveCell: "D3", Pane: "bottomRight"}}}))
	if len(rows) > 0 {
		b.fail(b.f.AutoFilter(sh, fmt.Sprintf("A2:%s%d", last, lastRow), nil))
	}
}

// review writes 回顾文稿: the draft review text, one paragraph a row.
func (b *scBook) review(a *eval.Assessment) {
	const sh = view.SheetReview
	const w = 110
	b.width(sh, "A", w)
	title := scStyle{font: scFontTitle, size: 14, bold: true, halign: "center"}
	b.text(sh, "A1", view.ReviewTitle(a), title)
	b.height(sh, 1, 28)
	para := scStyle{wrap: true, valign: "top", size: 12}
	r := 3
	for _, p := range view.ReviewText(a) {
		text := "　　" + p.Text()
		b.text(sh, scRef("A", r), text, para)
		b.height(sh, r, scRowHeight(text, w*11/12-2)*12/11)
		r++
	}
	r++
	note := "本稿由 attain 依据评估结果生成，数字与评分表一致；无数据的指标未写入，请结合实际修改。"
	b.text(sh, scRef("A", r), note, scStyle{size: 9, color: "7F7F7F", wrap: true})
}

var scMethodName = map[rules.ScoreMethod]string{
	rules.Ratio:      "按完成率",
	rules.PassFail:   "达标计分",
	rules.Points:     "加减分",
	rules.RankPoints: "按位次",
	rules.Efficacy:   "功效系数法",
}

// scMethodListed is the most indicators of a further group (重点工作任务)
// the explanation of a scoring method names; more are counted.
const scMethodListed = 8

// problems writes 数据问题: every problem found in the input, or a line
// saying none was found.
func (b *scBook) problems(a *eval.Assessment) {
	const sh = view.SheetProblems
	for col, w := range map[string]float64{"A": 6, "B": 30, "C": 8, "D": 22, "E": 56, "F": 40} {
		b.width(sh, col, w)
	}
	b.text(sh, "A1", "数据问题", scStyle{font: scFontTitle, size: 14, bold: true})
	b.merge(sh, "A1", "F1", scStyle{font: scFontTitle, size: 14, bold: true})
	for i, h := range []string{"序号", "位置", "级别", "指标", "问题", "提示"} {
		b.text(sh, scRef(cell.ColName(i), 2), h, scHeadStyle)
	}
	if len(a.Problems) == 0 {
		b.text(sh, "A3", "未发现数据问题", scBodyStyle)
		b.merge(sh, "A3", "F3", scBodyStyle)
		return
	}
	for i, d := range a.Problems {
		r := 3 + i
		level := "错误"
		if d.Severity == rules.Warning {
			level = "警告"
		}
		name := d.Indicator
		if ind := a.Ruleset.Indicator(d.Indicator); ind != nil {
			name = ind.Name
		}
		b.cell(sh, scRef("A", r), view.Num(decimal.NewFromInt(int64(i+1)), 0), scBodyStyle)
		b.text(sh, scRef("B", r), cmp.Or(d.Pos.String(), view.NoValue), scWrapStyle)
		b.text(sh, scRef("C", r), level, scBodyStyle)
		b.text(sh, scRef("D", r), cmp.Or(name, view.NoValue), scWrapStyle)
		b.text(sh, scRef("E", r), d.Summary, scWrapStyle)
		b.text(sh, scRef("F", r), cmp.Or(d.Hint, view.NoValue), scWrapStyle)
		b.height(sh, r, max(scRowHeight(d.Summary, 54), scRowHeight(d.Hint, 38), scRowHeight(d.Pos.String(), 28)))
	}
}
