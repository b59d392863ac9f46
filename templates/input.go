package templates

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// The sheets of the input template.
const (
	// InputSheet is the sheet the statistics bureau fills: the headline
	// group (主要预期目标) of the ruleset, or its only group. Every other
	// group of indicators (重点工作任务) has a sheet of its own, named after
	// the group, with the same columns (see InputSheetOf).
	InputSheet = "填报表"
	// InputGuideSheet explains every column of InputSheet.
	InputGuideSheet = "填报说明"
)

// The columns of InputSheet, in order.
const (
	ColID = iota
	ColName
	ColCategory
	ColUnit
	ColTarget
	ColPrev
	ColLevel
	ColGrowth
	ColRank
	ColDone
	ColDate
	ColSource
	ColNote
	ColCount
)

// inputColumn is one column of InputSheet. Its Title and Aliases are the
// one vocabulary of attain's names for the column: every reader matches a
// column title against them (the template's header row, a city's long
// table, the row under each unit in a table of units as columns), and
// messages name a figure by Title or by Short.
type inputColumn struct {
	Title string
	// Aliases are the other titles the column is known by, after
	// rules.NormalizeName; a reader of a row under a unit's name also takes
	// them without a trailing "(%)" or "%".
	Aliases []string
	Field   eval.Field // the figure the column holds; "" for the others
	width   float64
	help    string // what to type, for the 填报说明 sheet
}

// Names returns the column's title and aliases, the title first.
func (c inputColumn) Names() []string {
	return append([]string{c.Title}, c.Aliases...)
}

// Short is the column's name in messages: the first of its names of at
// most three characters (本年值 for 本年实际值), else its title.
func (c inputColumn) Short() string {
	for _, n := range c.Names() {
		if utf8.RuneCountInString(n) <= 3 {
			return n
		}
	}
	return c.Title
}

var Columns = [ColCount]inputColumn{
	{Title: "指标编码", Aliases: []string{"编码", "指标代码"}, width: 22,
		help: "系统识别指标用的编码，已预先填好并锁定。请勿修改、删除或调换行：导入时按指标编码找到每一行。"},
	{Title: "指标", Aliases: []string{"指标名称", "项目"}, width: 34, help: "指标名称，与政府工作报告一致，已锁定。"},
	{Title: "类别", width: 8, help: "总量、结构、效益或民生，已锁定。"},
	{Title: "单位", width: 12, help: "填报数值的单位。增速类指标显示“总量单位 / %”：本年实际值、上年实际值按前一个单位（如亿元）填写，本年增速按百分数填写。"},
	{Title: "目标", width: 24, help: "政府工作报告中的目标原文，已锁定。"},
	{Title: "上年实际值", Aliases: []string{"上年值", "上年实际", "上年"}, Field: eval.FieldPrevLevel, width: 13,
		help: "上年的总量（按“单位”列的总量单位）。报告给出了上年数的已预填并锁定；黄色空白单元格请填写上年实际值，用于由总量推算增速。"},
	{Title: "本年实际值", Aliases: []string{"本年值", "实际值", "绝对值", "总量", "数值", "累计", "本年累计", "完成值", "总额"},
		Field: eval.FieldLevel, width: 13, help: "本年的总量、人数或比率，按“单位”列的单位填写，只填数字，不带单位，如 203.5。"},
	{Title: "本年增速(%)", Aliases: []string{"增速", "本年增速", "增速(%)", "本年增长(%)", "增长", "增幅", "比上年增长", "同比增长", "同比增速", "±"},
		Field: eval.FieldGrowth, width: 13, help: "本年比上年增长的百分数：增长 8.5% 填 8.5，不要填 0.085；下降填负数，如 -1.5。"},
	{Title: "名次", Aliases: []string{"排名", "位次"}, Field: eval.FieldRank, width: 8, help: "在全市的名次，填正整数，第1名填 1。"},
	{Title: "是否完成", Field: eval.FieldDone, width: 10, help: "从下拉列表选“是”或“否”。"},
	{Title: "完成日期", Aliases: []string{"完成时间"}, Field: eval.FieldDate, width: 13,
		help: "实际完成的日期，如 2019-04-15；只知道月份的可填 2019年4月。"},
	{Title: "数据来源", width: 24, help: "数据的出处，如“区统计局统计快报”“区财政局决算”，并注明是预计数、快报数还是年报数。"},
	{Title: "备注", width: 24, help: "口径调整、数据修订等需要说明的情况。"},
}

// InputColumns returns the column titles of InputSheet, in order.
func InputColumns() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Title
	}
	return out
}

// ColOf returns the column of a figure field, or -1.
func ColOf(f eval.Field) int {
	for i, c := range Columns {
		if f != "" && c.Field == f {
			return i
		}
	}
	return -1
}

// InputFields returns the figures the bureau types for an indicator: the
// input cells that are unlocked and shaded in the template.
//
//	growth     本年实际值 (level, in LevelUnit), 本年增速(%), and 上年实际值
//	           when the ruleset gives no baseline level
//	level      本年实际值
//	rank       名次
//	yes_no     是否完成
//	milestone  是否完成, 完成日期
func InputFields(ind *rules.Indicator) []eval.Field {
	switch ind.Measure {
	case rules.Growth:
		if ind.Baseline.Level.Valid {
			return []eval.Field{eval.FieldLevel, eval.FieldGrowth}
		}
		return []eval.Field{eval.FieldPrevLevel, eval.FieldLevel, eval.FieldGrowth}
	case rules.Level:
		return []eval.Field{eval.FieldLevel}
	case rules.Rank:
		return []eval.Field{eval.FieldRank}
	case rules.YesNo:
		return []eval.Field{eval.FieldDone}
	case rules.Milestone:
		return []eval.Field{eval.FieldDone, eval.FieldDate}
	}
	return nil
}

// UnitOf is what the 单位 column shows.
func UnitOf(ind *rules.Indicator) string {
	if ind.Measure == rules.Growth {
		if ind.LevelUnit == "" {
			return "%"
		}
		return ind.LevelUnit + " / %"
	}
	return ind.Unit
}

// WriteTemplate writes the input workbook for rs: the sheet 填报表 with one
// row per indicator of the headline group, and a sheet of the same layout
// for every other group (重点工作任务), the targets and baselines prefilled
// and locked, the input cells shaded light yellow, unlocked and validated;
// and the sheet 填报说明 explaining each column. The sheet protection has no
// password. Printed, each input sheet repeats its column titles on every
// page and ends with the lines 填报人, 审核人 and 填报日期 (Signatures); every
// page says 第 x 页，共 y 页 in its footer.
func WriteTemplate(w io.Writer, rs *rules.Ruleset) error {
	b, err := buildInputBook(rs, "", "", true)
	if err != nil {
		return fmt.Errorf("write template: %w", err)
	}
	defer b.f.Close()
	if err := setDimensions(b.f); err != nil {
		return fmt.Errorf("write template: %w", err)
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("write template: %w", err)
	}
	return nil
}

// inputPart is one sheet of the template: the indicators of one group.
type inputPart struct {
	sheet string
	group string
	inds  []*rules.Indicator
}

// InputSheetOf is the sheet of the input template on which a group's
// indicators are filled: 填报表 for the headline group (or the ruleset's
// only group), else a sheet named after the group (重点工作任务), within
// Excel's 31 characters and without the characters it forbids.
func InputSheetOf(rs *rules.Ruleset, group string) string {
	if group == rs.MainGroup() {
		return InputSheet
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(cell.SheetNameBad, r) {
			return '_'
		}
		return r
	}, strings.Trim(group, "'"))
	if name == "" || name == InputSheet || name == InputGuideSheet {
		name = "指标组" + name
	}
	if rs := []rune(name); len(rs) > 31 {
		name = string(rs[:31])
	}
	return name
}

// inputParts splits rs into the sheets of its template, the main group
// first, then the others in ruleset order.
func inputParts(rs *rules.Ruleset) []inputPart {
	main := rs.MainGroup()
	parts := []inputPart{{sheet: InputSheet, group: main}}
	seen := map[string]int{InputSheet: 0}
	for _, g := range rs.Groups() {
		if g == main {
			continue
		}
		sheet := InputSheetOf(rs, g)
		if _, dup := seen[sheet]; dup {
			continue // two groups folded to one name share a sheet
		}
		seen[sheet] = len(parts)
		parts = append(parts, inputPart{sheet: sheet, group: g})
	}
	for _, ind := range rs.Indicators {
		i := seen[InputSheetOf(rs, ind.Group)]
		parts[i].inds = append(parts[i].inds, ind)
	}
	return parts
}

// inputBook is the template being built.
type inputBook struct {
	f      *excelize.File
	rs     *rules.Ruleset
	entity string
	parts  []inputPart
	sheet  string         // the sheet being written
	header int            // row of the column titles (the same on every sheet)
	rows   map[string]int // row of each indicator id
	sheets map[string]string
	style  inputStyles
	signed bool  // signature lines below the table (Signatures)
	err    error // the first failure of an excelize call
}

type inputStyles struct {
	banner, title, meta, header             int
	fixed, fixedWrap, fixedNum              int
	input, inputWhole, inputText, inputDate int
	na, sign                                int
}

// keep records the first error of an excelize call.
func (b *inputBook) keep(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *inputBook) set(col, row int, v any, style int) {
	cell := cell.A1(col, row)
	switch v := v.(type) {
	case nil:
	case string:
		b.keep(b.f.SetCellStr(b.sheet, cell, v))
	case int:
		b.keep(b.f.SetCellInt(b.sheet, cell, int64(v)))
	default:
		b.keep(b.f.SetCellValue(b.sheet, cell, v))
	}
	b.keep(b.f.SetCellStyle(b.sheet, cell, cell, style))
}

// newInputBook builds the template to be filled by code (FillTemplate);
// banner, when given, is the first row of every input sheet.
func newInputBook(rs *rules.Ruleset, entity, banner string) (*inputBook, error) {
	return buildInputBook(rs, entity, banner, false)
}

// buildInputBook builds the template; signed adds the signature lines at
// the foot of every input sheet, for the blank template people fill and
// print.
func buildInputBook(rs *rules.Ruleset, entity, banner string, signed bool) (*inputBook, error) {
	if rs == nil {
		return nil, fmt.Errorf("no ruleset")
	}
	if entity == "" {
		entity = rs.Entity
	}
	f := excelize.NewFile()
	b := &inputBook{f: f, rs: rs, entity: entity, parts: inputParts(rs), rows: map[string]int{},
		sheets: map[string]string{}, signed: signed}
	b.styles()
	title := rs.Title
	if title == "" {
		title = fmt.Sprintf("%s%d年主要预期目标", entity, rs.Year)
	}
	for i, p := range b.parts {
		if i == 0 {
			b.keep(f.SetSheetName(f.GetSheetName(0), p.sheet))
		} else {
			_, err := f.NewSheet(p.sheet)
			b.keep(err)
		}
		b.sheet = p.sheet
		b.writeSheet(p, banner, title)
	}
	b.sheet = InputSheet
	b.guide()
	b.keep(f.SetDocProps(&excelize.DocProperties{
		Title:       fmt.Sprintf("%s %d年 完成情况填报表", entity, rs.Year),
		Subject:     title,
		Creator:     "attain",
		Description: "由 attain 生成的实际完成情况填报表；填好后用 attain evaluate 评估。",
		Keywords:    "政府工作报告;主要预期目标;完成情况;" + rs.ID,
		Identifier:  rs.ID,
		Language:    "zh-CN",
	}))
	f.SetActiveSheet(0)
	if b.err != nil {
		f.Close()
		return nil, b.err
	}
	return b, nil
}

// writeSheet writes one input sheet: the title lines, the header and a row
// per indicator of the part.
func (b *inputBook) writeSheet(p inputPart, banner, title string) {
	f, rs, sh := b.f, b.rs, p.sheet
	last := cell.ColName(ColCount - 1)
	row := 1
	line := func(text string, style int, height float64) {
		b.set(0, row, text, style)
		b.keep(f.MergeCell(sh, cell.A1(0, row), last+strconv.Itoa(row)))
		b.keep(f.SetRowHeight(sh, row, height))
		row++
	}
	if banner != "" {
		line(banner, b.style.banner, 22)
		b.keep(f.AddComment(sh, excelize.Comment{Cell: "A1", Author: "attain", Text: banner}))
	}
	what := title
	if len(b.parts) > 1 {
		what = p.group
	}
	line(fmt.Sprintf("%s %d年 完成情况填报表（%s）", b.entity, rs.Year, what), b.style.title, 26)
	meta := fmt.Sprintf("填报单位：%s　　年度：%d　　规则集：%s　　黄色单元格为填报项，灰色为不适用项，填写方法见“%s”工作表",
		b.entity, rs.Year, rs.ID, InputGuideSheet)
	if len(b.parts) > 1 {
		var others []string
		for _, o := range b.parts {
			if o.sheet != sh {
				others = append(others, fmt.Sprintf("%s在“%s”工作表", o.group, o.sheet))
			}
		}
		meta += "；" + strings.Join(others, "、") + "填报"
	}
	line(meta, b.style.meta, 18)
	b.header = row
	for i, c := range Columns {
		b.set(i, row, c.Title, b.style.header)
		b.keep(f.SetColWidth(sh, cell.ColName(i), cell.ColName(i), c.width))
	}
	b.keep(f.SetRowHeight(sh, row, 30))
	inputs := map[int][]string{} // input cells by column, for validation
	for _, ind := range p.inds {
		row++
		b.rows[ind.ID] = row
		b.sheets[ind.ID] = sh
		b.set(ColID, row, ind.ID, b.style.fixed)
		b.set(ColName, row, ind.Name, b.style.fixedWrap)
		b.set(ColCategory, row, string(ind.Category), b.style.fixed)
		b.set(ColUnit, row, UnitOf(ind), b.style.fixed)
		b.set(ColTarget, row, ind.Target.Text, b.style.fixedWrap)
		open := map[eval.Field]bool{}
		for _, fl := range InputFields(ind) {
			open[fl] = true
		}
		for col := ColPrev; col <= ColDate; col++ {
			field := Columns[col].Field
			switch {
			case open[field]:
				style := b.style.input
				switch field {
				case eval.FieldRank:
					style = b.style.inputWhole
				case eval.FieldDone:
					style = b.style.inputText
				case eval.FieldDate:
					style = b.style.inputDate
				}
				b.set(col, row, nil, style)
				inputs[col] = append(inputs[col], cell.A1(col, row))
			case field == eval.FieldPrevLevel && ind.Baseline.Level.Valid:
				b.keep(f.SetCellDefault(sh, cell.A1(col, row), ind.Baseline.Level.Decimal.String()))
				b.set(col, row, nil, b.style.fixedNum)
			default:
				b.set(col, row, nil, b.style.na)
			}
		}
		b.set(ColSource, row, nil, b.style.inputText)
		b.set(ColNote, row, nil, b.style.inputText)
		b.keep(f.SetRowHeight(sh, row, 30))
	}
	// The codes are ASCII: widen the code column to the longest one.
	idWidth := Columns[ColID].width
	for _, ind := range p.inds {
		idWidth = max(idWidth, float64(len(ind.ID)+2))
	}
	b.keep(f.SetColWidth(sh, cell.ColName(ColID), cell.ColName(ColID), idWidth))
	b.validations(inputs)
	if b.signed {
		b.signatures(row + 2)
	}
	// Printed, every page repeats the column titles.
	b.keep(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sh, "'", "''"), b.header, b.header)}))
	b.keep(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: ColName + 1, YSplit: b.header,
		TopLeftCell: cell.A1(ColName+1, b.header+1), ActivePane: "bottomRight"}))
	b.keep(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
		FormatCells: true, FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: true,
	}))
	b.page(sh, "landscape")
}

// Signatures are the lines at the foot of an input sheet that the
// bureau's forms carry, each in a column that holds no figure (the reader
// skips such a row as a note): 填报人 under 指标编码, 审核人 under 目标,
// 填报日期 under 数据来源.
var Signatures = []struct {
	Col  int
	Text string
}{
	{ColID, "填报人：____________"},
	{ColTarget, "审核人：____________"},
	{ColSource, "填报日期：____________"},
}

// signatures writes the signature lines on row.
func (b *inputBook) signatures(row int) {
	for _, s := range Signatures {
		b.set(s.Col, row, s.Text, b.style.sign)
	}
	b.keep(b.f.SetRowHeight(b.sheet, row, 28))
}

func (b *inputBook) styles() {
	f := b.f
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	middle := &excelize.Alignment{Vertical: "center"}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFCC"}}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
	font := &excelize.Font{Family: "宋体", Size: 11}
	mk := func(s *excelize.Style) int {
		if s.Font == nil {
			s.Font = font
		}
		id, err := f.NewStyle(s)
		b.keep(err)
		return id
	}
	dateFmt := "yyyy-mm-dd"
	b.style = inputStyles{
		banner: mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true, Color: "C00000"},
			Alignment: middle, Protection: locked}),
		title: mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked}),
		meta: mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "595959"},
			Alignment: middle, Protection: locked}),
		header: mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked}),
		fixed:      mk(&excelize.Style{Border: border, Alignment: middle, Protection: locked}),
		fixedWrap:  mk(&excelize.Style{Border: border, Alignment: wrap, Protection: locked}),
		fixedNum:   mk(&excelize.Style{Border: border, Alignment: middle, Protection: locked}),
		input:      mk(&excelize.Style{Border: border, Fill: yellow, Alignment: middle, Protection: unlocked}),
		inputWhole: mk(&excelize.Style{Border: border, Fill: yellow, Alignment: middle, Protection: unlocked, NumFmt: 1}),
		inputText:  mk(&excelize.Style{Border: border, Fill: yellow, Alignment: wrap, Protection: unlocked}),
		inputDate: mk(&excelize.Style{Border: border, Fill: yellow, Alignment: middle, Protection: unlocked,
			CustomNumFmt: &dateFmt}),
		na:   mk(&excelize.Style{Border: border, Fill: grey, Alignment: middle, Protection: locked}),
		sign: mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 12}, Alignment: &excelize.Alignment{Vertical: "bottom"}, Protection: locked}),
	}
}

// inputDecimalLimit bounds the numbers the decimal validation accepts.
const inputDecimalLimit = "999999999999"

func (b *inputBook) validations(inputs map[int][]string) {
	add := func(col int, set func(dv *excelize.DataValidation) error, title, msg, prompt string) {
		cells := inputs[col]
		if len(cells) == 0 {
			return
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(cells, " ")
		b.keep(set(dv))
		dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
		dv.SetInput(Columns[col].Title, prompt)
		b.keep(b.f.AddDataValidation(b.sheet, dv))
	}
	decimalRange := func(dv *excelize.DataValidation) error {
		return dv.SetRange("-"+inputDecimalLimit, inputDecimalLimit, excelize.DataValidationTypeDecimal,
			excelize.DataValidationOperatorBetween)
	}
	numMsg := "这里只能填数字，如 8.5；不要带单位、文字或“约”“左右”。没有数据请留空，不要填 0。"
	add(ColPrev, decimalRange, "请填数字", numMsg, "填上年实际值，只填数字")
	add(ColLevel, decimalRange, "请填数字", numMsg, "按“单位”列的单位填数字")
	add(ColGrowth, decimalRange, "请填数字",
		"增速填百分数的数字：增长 8.5% 填 8.5，下降填负数，如 -1.5。不要带 % 以外的文字。", "增长 8.5% 填 8.5")
	add(ColRank, func(dv *excelize.DataValidation) error {
		return dv.SetRange(1, 9999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	}, "请填名次", "名次填正整数，第1名填 1。", "在全市的名次，第1名填 1")
	add(ColDone, func(dv *excelize.DataValidation) error {
		return dv.SetDropList([]string{"是", "否"})
	}, "请选择是或否", "只能选“是”或“否”。", "从下拉列表选“是”或“否”")
	add(ColDate, func(dv *excelize.DataValidation) error {
		return dv.SetRange(cell.Serial(2000, 1, 1), cell.Serial(2099, 12, 31), excelize.DataValidationTypeDate,
			excelize.DataValidationOperatorBetween)
	}, "请填日期", "请填 2000 年至 2099 年之间的日期，如 2019-04-15。", "如 2019-04-15")
}

// PageFooter is the footer of every printed page of the template: page x
// of y.
const PageFooter = "&C第 &P 页，共 &N 页"

// page sets A4, the orientation, fitting to one page wide, and the page
// numbers in the footer.
func (b *inputBook) page(sheet, orientation string) {
	size, one, zero := 9, 1, 0
	fit := true
	b.keep(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
		FitToWidth: &one, FitToHeight: &zero}))
	b.keep(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.keep(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: PageFooter}))
}

// guide writes the 填报说明 sheet.
func (b *inputBook) guide() {
	f, rs := b.f, b.rs
	_, err := f.NewSheet(InputGuideSheet)
	b.keep(err)
	var comparable []string
	for _, ind := range rs.Indicators {
		if ind.Measure == rules.Growth && !ind.DeriveGrowth {
			comparable = append(comparable, ind.Name)
		}
	}
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		b.keep(err)
		return id
	}
	titleStyle := style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}})
	headStyle := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	textStyle := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	put := func(cell, text string, s int) {
		b.keep(f.SetCellStr(InputGuideSheet, cell, text))
		b.keep(f.SetCellStyle(InputGuideSheet, cell, cell, s))
	}
	put("A1", fmt.Sprintf("%s %d年 完成情况填报表 填报说明", b.entity, rs.Year), titleStyle)
	general := []string{
		"黄色单元格为填报项；白色单元格为预填项，已锁定；灰色单元格表示该指标不适用此项。“" + InputSheet +
			"”工作表已保护（没有密码），确需修改预填内容时可在“审阅”中撤销工作表保护。",
		"只填数字，不要带单位、文字或“约”“左右”“以上”等字样。没有数据的单元格留空（或填“-”“无”），不要填 0：0 会被当作实际值。",
		"增速、比率按百分数的数字填写：增长 8.5% 填 8.5。单元格如设成了百分比格式，显示为 8.5% 的数会按 8.5 读取。",
		"地区生产总值、规模以上工业增加值的增速按可比价计算，固定资产投资增速按可比口径计算，不能由现价总量推算，" +
			"必须填写统计部门公布的本年增速(%)。本表中这样的指标有：" + strings.Join(comparable, "、") + "。",
		"其他增速类指标可以只填本年实际值：系统用上年实际值推算增速；报告没有给出上年数的，请同时填写上年实际值。",
		"不要插入、删除或移动列，不要改动指标编码；可以在表格下方另起一行写注释。",
		"“数据来源”请写明出处（如区统计局统计快报、区财政局决算）以及是预计数、快报数还是年报数。",
		"填好后保存为 .xlsx 格式（不要另存为 .xls，不要加密），用 attain evaluate --in 文件名.xlsx 评估。",
	}
	if len(b.parts) > 1 {
		var where []string
		for _, p := range b.parts {
			where = append(where, fmt.Sprintf("%s（%d项）在“%s”工作表", p.group, len(p.inds), p.sheet))
		}
		general = append(general, strings.Join(where, "，")+"填报；各表的列相同，填法相同，请每张表都填写，不要把行移到另一张表。")
	}
	var dated, multiYear []string
	for _, ind := range rs.Indicators {
		if ind.Measure == rules.Milestone {
			dated = append(dated, ind.Name)
		}
		if ind.Target.Years > 1 {
			multiYear = append(multiYear, ind.Name)
		}
	}
	if len(dated) > 0 {
		general = append(general, "有时间节点的任务（如“4月份开工”“年底前投产”）在“是否完成”选“是”或“否”，并在“完成日期”填实际完成（开工、投产）的日期；"+
			"按期完成记为完成，晚于节点完成记为基本完成。本表中这样的任务有："+strings.Join(dated, "、")+"。")
	}
	if len(multiYear) > 0 {
		general = append(general, "多年目标（如“5年内建成”“两年内建立”）填报截至本年末的累计完成数；目标到期前未达到的显示为“进行中”和本年进度，不计分。"+
			"本表中这样的目标有："+strings.Join(multiYear, "、")+"。")
	}
	row := 3
	put("A"+strconv.Itoa(row), "一、总体要求", headStyle)
	b.keep(f.MergeCell(InputGuideSheet, "A3", "B3"))
	// Rows of wrapped text get their height here: not every program fits
	// them when the file is opened.
	height := func(text string) {
		lines := (utf8.RuneCountInString(text) + 47) / 48
		b.keep(f.SetRowHeight(InputGuideSheet, row, float64(max(lines, 1))*16))
	}
	for i, text := range general {
		row++
		put("A"+strconv.Itoa(row), strconv.Itoa(i+1), textStyle)
		put("B"+strconv.Itoa(row), text, textStyle)
		height(text)
	}
	row += 2
	put("A"+strconv.Itoa(row), "二、各列填写方法", headStyle)
	b.keep(f.MergeCell(InputGuideSheet, "A"+strconv.Itoa(row), "B"+strconv.Itoa(row)))
	for _, c := range Columns {
		row++
		put("A"+strconv.Itoa(row), c.Title, textStyle)
		put("B"+strconv.Itoa(row), c.help, textStyle)
		height(c.help)
	}
	b.keep(f.SetColWidth(InputGuideSheet, "A", "A", 14))
	b.keep(f.SetColWidth(InputGuideSheet, "B", "B", 100))
	b.page(InputGuideSheet, "portrait")
}
