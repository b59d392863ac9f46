package scorecard

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// This file writes the sheet 责任单位: the assessment read department by
// department, as the 督查室 reads it at year end. One block per unit the
// 任务分解表 names, those with something 未完成 (欠进度 during the year)
// first: a heading with its count, score and rate, a row per indicator it
// leads (status in its colour, the partners beside it), and the indicators
// it shares listed under them. The sheet is there only when indicators
// name their lead; it prints on A4 landscape, one page wide, its header
// row on every page.

// deptLast is the last column of 责任单位; deptWide is about the characters
// a row merged across the sheet holds.
const (
	deptLast = "H"
	deptWide = 135
)

// deptHeads are the columns of an indicator row, with their widths.
var deptHeads = []struct {
	head  string
	width float64
}{
	{"序号", 6}, {"指标", 30}, {"目标原文", 30}, {"实际值", 14}, {"完成情况", 10}, {"权重", 7}, {"得分", 8}, {"责任单位（配合）", 34},
}

// deptSheets is the sheet 责任单位 when a has departments, for the list of
// sheets.
func deptSheets(a *eval.Assessment) []string {
	if len(view.Departments(a).Rows) == 0 {
		return nil
	}
	return []string{view.SheetDepartments}
}

// deptPrints is how 责任单位 prints, when a has it.
func deptPrints(a *eval.Assessment) []scPrint {
	if len(view.Departments(a).Rows) == 0 {
		return nil
	}
	return []scPrint{{sheet: view.SheetDepartments, titles: "$1:$2"}}
}

var (
	deptBlockStyle = scStyle{font: scFontTitle, bold: true, fill: "DDEBF7", color: "1F3864", border: true, wrap: true}
	deptNoteStyle  = scStyle{size: 10, color: "404040", wrap: true, valign: "top"}
	deptShareStyle = scStyle{size: 10, border: true, wrap: true, valign: "top"}
)

// departments writes 责任单位, when a has departments.
func (b *scBook) departments(a *eval.Assessment) {
	v := view.Departments(a)
	if len(v.Rows) == 0 || b.err != nil {
		return
	}
	const sh = view.SheetDepartments
	title := scStyle{font: scFontTitle, size: 14, bold: true, halign: "left"}
	b.text(sh, "A1", view.TitleOf(a, "目标")+"（按责任单位）", title)
	b.merge(sh, "A1", deptLast+"1", title)
	b.height(sh, 1, 24)
	for i, h := range deptHeads {
		col := string(rune('A' + i))
		b.text(sh, col+"2", h.head, scHeadStyle)
		b.width(sh, col, h.width)
	}
	b.height(sh, 2, 22)
	row := 3
	for _, d := range v.Rows {
		row = b.deptBlock(sh, d, v.BehindWord, row) + 1
	}
	if a.Period.IsYear() {
		b.statusFormats(sh, fmt.Sprintf("E3:E%d", max(3, row)))
	} else {
		b.deptProgressFormats(sh, fmt.Sprintf("E3:E%d", max(3, row)))
	}
	b.deptNotes(sh, v, row)
	if b.err == nil {
		b.fail(b.f.SetPanes(sh, scFrozenHeader()))
	}
}

// deptBlock writes one department from row; it returns the last row used.
func (b *scBook) deptBlock(sh string, d view.DeptRow, behindWord string, row int) int {
	head := fmt.Sprintf("%d. %s　牵头%d项", d.No, d.D.Name, len(d.D.Lead))
	if len(d.D.Lead) == 0 {
		head = fmt.Sprintf("%d. %s　不牵头", d.No, d.D.Name)
	}
	if d.D.Behind > 0 {
		head += fmt.Sprintf("（%s%d项）", behindWord, d.D.Behind)
	}
	if len(d.D.Lead) > 0 {
		head += fmt.Sprintf("　得分 %s / %s，得分率 %s", d.Score, d.Weight, d.Rate)
		if d.Rate.Num {
			head += "%"
		}
		head += "　" + d.Counts
	}
	if len(d.D.Partner) > 0 {
		head += fmt.Sprintf("　配合%d项", len(d.D.Partner))
	}
	b.text(sh, scRef("A", row), head, deptBlockStyle)
	b.merge(sh, scRef("A", row), scRef(deptLast, row), deptBlockStyle)
	b.height(sh, row, scRowHeight(head, deptWide))
	for n, r := range d.Lead {
		row++
		b.deptIndicator(sh, r, n+1, row)
	}
	if len(d.Partner) > 0 {
		row++
		var items []string
		for _, r := range d.Partner {
			items = append(items, fmt.Sprintf("%s（%s，牵头：%s）", r.Ind.Name, deptStatusWord(r), deptOr(r.Ind.Lead)))
		}
		text := fmt.Sprintf("配合的指标（%d项）：%s", len(d.Partner), strings.Join(items, "；"))
		b.text(sh, scRef("A", row), text, deptShareStyle)
		b.merge(sh, scRef("A", row), scRef(deptLast, row), deptShareStyle)
		// Rendered, a long merged row wraps later than scRowHeight counts.
		b.height(sh, row, scRowHeight(text, deptWide*6/5))
	}
	return row
}

// deptIndicator writes one lead indicator of a department at row.
func (b *scBook) deptIndicator(sh string, r view.Row, n, row int) {
	b.cell(sh, scRef("A", row), view.Num(decimalOf(n), 0), scStyle{border: true, halign: "center"})
	b.text(sh, scRef("B", row), r.Ind.Name, scWrapStyle)
	b.text(sh, scRef("C", row), r.Ind.Target.Text, scWrapStyle)
	b.cell(sh, scRef("D", row), r.Actual, scBodyStyle)
	b.text(sh, scRef("E", row), deptStatusWord(r), scStyle{border: true, bold: true, halign: "center"})
	b.cell(sh, scRef("F", row), r.Weight, scBodyStyle)
	b.cell(sh, scRef("G", row), r.Score, scStyle{border: true, halign: "right"})
	partners := strings.Join(r.Ind.Partners, "、")
	b.text(sh, scRef("H", row), partners, scWrapStyle)
	h := 18.0
	for _, c := range []struct {
		s string
		w float64
	}{{r.Ind.Name, 28}, {r.Ind.Target.Text, 28}, {partners, 32}} {
		h = max(h, scRowHeight(c.s, c.w))
	}
	b.height(sh, row, h)
}

// deptStatusWord is what the sheet says of an indicator: its progress
// during the year, its status at year end.
func deptStatusWord(r view.Row) string {
	if r.R.Progress != nil {
		return string(r.R.Progress.Status)
	}
	return string(r.R.Status)
}

func deptOr(s string) string {
	if s == "" {
		return "未明确"
	}
	return s
}

// deptNotes writes, below the blocks, the collective names, the indicators
// without a lead and how the sheet is read.
func (b *scBook) deptNotes(sh string, v view.DeptView, row int) {
	var notes []string
	if len(v.Collectives) > 0 {
		var cs []string
		for _, c := range v.Collectives {
			cs = append(cs, view.CollectiveText(c))
		}
		notes = append(notes, "统称，不计为部门："+strings.Join(cs, "、")+"。")
	}
	if len(v.Unassigned) > 0 {
		var names []string
		for _, r := range v.Unassigned {
			names = append(names, r.Ind.Name)
		}
		notes = append(notes, fmt.Sprintf("未明确牵头单位的指标（%d项）：%s。", len(names), strings.Join(names, "、")))
	}
	notes = append(notes, "说明：牵头单位与责任单位按任务分解表；得分率为各单位牵头指标的得分之和除以权重之和（不计分的多年目标不计入）；有"+
		v.BehindWord+"指标的单位排在前面，其余按得分率由高到低。")
	for _, n := range notes {
		row++
		b.text(sh, scRef("A", row), n, deptNoteStyle)
		b.merge(sh, scRef("A", row), scRef(deptLast, row), deptNoteStyle)
		b.height(sh, row, scRowHeight(n, deptWide))
	}
}

func decimalOf(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

// scFrozenHeader freezes the title and header rows.
func scFrozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}
}

// deptProgressColour colours each in-year word as the year's status it
// stands nearest: 已完成 and 超进度 as 超额完成, 达进度 as 完成, 欠进度 as
// 未完成, 未到期 as 进行中.
var deptProgressColour = map[eval.ProgressStatus]eval.Status{
	eval.ProgressDone: eval.Exceeded, eval.ProgressAhead: eval.Exceeded, eval.ProgressOnTrack: eval.Met,
	eval.ProgressBehind: eval.Missed, eval.ProgressNotDue: eval.InProgress, eval.ProgressNoData: eval.NoData,
}

// deptProgressFormats colours the in-year words of a range by conditional
// formats.
func (b *scBook) deptProgressFormats(sheet, rangeRef string) {
	if b.err != nil {
		return
	}
	var cfs []excelize.ConditionalFormatOptions
	for _, p := range eval.ProgressStatuses {
		c := scStatusColours[deptProgressColour[p]]
		id, err := b.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: c.font, Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
		})
		if err != nil {
			b.fail(err)
			return
		}
		cfs = append(cfs, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
			Value: `"` + string(p) + `"`, Format: &id, StopIfTrue: true})
	}
	b.fail(b.f.SetConditionalFormat(sheet, rangeRef, cfs))
}
