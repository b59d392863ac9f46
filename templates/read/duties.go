package read

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file reads a 任务分解表, the table a 政府办公室 issues after the work
// report is adopted: per task, its words (quoting the report), the unit
// that leads it (牵头单位), the units that share it (责任单位, 配合单位), the
// leaders answerable (责任领导) and the deadline (完成时限). Tables differ
// from city to city, so columns are found by their headers:
//
//	task      工作任务, 目标任务, 目  标  任  务, 重点工作, 目标名称, 2022年预期目标 …
//	          (a second such column, 预期目标 beside 目标名称, is read with the first)
//	lead      牵头单位, 牵头部门, 主责单位
//	units     责任单位, 责任部门: with a lead column, more partners; without
//	          one, the first unit listed leads (杭州 2020 says so in its notice)
//	partners  配合单位, 协办单位, 协同单位, 参与单位
//	leaders   责任领导, 牵头领导, 分管领导, 联系领导
//	due       完成时限, 完成时间, 时间节点
//
// Rows above the header (a merged title, a note) are skipped; a row with
// one text and no units is a section (一、主要预期目标, （一）…), whose
// inline 责任领导 apply to its tasks. Labels inside a task's text
// （（牵头单位：…；完成时限：…））are read as the columns are. A text file
// that has no such header is read as a numbered list (duties_text.go).
// Rows are matched to indicators by the words they quote (duties_match.go).

// Duties is a 任务分解表 as read.
type Duties struct {
	File string
	// Format says how the file was read: 工作簿, CSV or 文本清单.
	Format string
	// Rows are the task rows, in order; section rows are not listed.
	Rows []DutyRow
	// ByID is what the table says of each indicator it covers, from the
	// first row that covers it.
	ByID map[string]rules.Duty
	// Matched and Unmatched count the task rows that cover an indicator
	// of the ruleset, or none.
	Matched, Unmatched int
	// Unassigned lists the indicators left without a lead, in ruleset
	// order.
	Unassigned []string
}

// DutyRow is one task of the table.
type DutyRow struct {
	// Pos is the task's cell, or its line in a text file.
	Pos rules.Pos
	// LeadPos is the cell of the lead (the units' cell without a lead
	// column); the task's position otherwise.
	LeadPos rules.Pos
	// Section is the heading the task stands under.
	Section  string
	Task     string
	Lead     string
	Partners []string
	Leaders  []string
	Due      string
	// IDs are the indicators the row covers.
	IDs []string
	// text is what the row is matched by: the task and its target columns.
	text string
}

// ReadDuties reads a 任务分解表 (.xlsx, .csv, or text pasted into a .txt)
// and matches its rows to the indicators of rs. A row that covers no
// indicator and an indicator left without a lead (by the table and by
// the ruleset) are warnings at their cell or line; a file that cannot be
// read, or has no task, is an error.
func ReadDuties(name string, data []byte, rs *rules.Ruleset) (out Duties, ds rules.Diagnostics) {
	defer func() {
		if importRecoverPanics {
			if p := recover(); p != nil {
				out = Duties{File: name}
				ds = rules.Diagnostics{{Pos: rules.Pos{File: name}, Summary: "无法读取分解表：文件结构异常",
					Hint: "在 Excel 或 WPS 中打开后另存为 .xlsx 再读取"}}
			}
		}
	}()
	return readDuties(name, data, rs, tableLimits)
}

func readDuties(name string, data []byte, rs *rules.Ruleset, lim limits) (Duties, rules.Diagnostics) {
	var ds rules.Diagnostics
	out := Duties{File: name, ByID: map[string]rules.Duty{}}
	in := openInput(name, data, "", lim, forAny, &ds)
	var rows []DutyRow
	switch in.kind {
	case kindXLSX:
		out.Format = "工作簿"
		rows = dutiesFromBook(in, &ds)
	case kindCSV:
		rows, out.Format = dutiesFromText(in, &ds)
	default:
		return out, ds
	}
	if ds.HasErrors() {
		return out, ds
	}
	if len(rows) == 0 {
		ds.Errorf(rules.Pos{File: name}, "分解表应有“工作任务”（或目标任务、目标名称）和“牵头单位”或“责任单位”的表头；"+
			"文本清单应为编号的条目，如“1. 任务（牵头单位：…；责任单位：…）”", "分解表中没有找到任何任务")
		return out, ds
	}
	out.Rows = rows
	if rs != nil {
		dutiesMatch(&out, rs, &ds)
	}
	ds.Sort()
	return out, ds
}

// dutiesFromBook reads the first sheet (visible ones first) that has a
// 分解表 header.
func dutiesFromBook(in *input, ds *rules.Diagnostics) []DutyRow {
	wb := newBookGrids(in.book, in.name, in.lim)
	var sheets, hidden []string
	for _, s := range wb.sheetNames() {
		if wb.sheetHidden(s) {
			hidden = append(hidden, s)
		} else {
			sheets = append(sheets, s)
		}
	}
	for _, s := range append(sheets, hidden...) {
		g, err := wb.grid(s)
		if err != nil {
			ds.Add(scanProblem(in.name, err, in.lim, forAny))
			return nil
		}
		if rows, ok := dutiesFromGrid(g, ds); ok {
			return rows
		}
	}
	return nil
}

// dutyRole is what a column of a 分解表 holds.
type dutyRole int

const (
	dutyNone dutyRole = iota
	dutyNo
	dutyTask
	dutyTarget // a second task column: read with the task
	dutyLead
	dutyUnits
	dutyPartners
	dutyLeaders
	dutyDue
	dutyNote
)

// dutyHeaderRole classifies a header text (folded by rules.NormalizeName,
// so 目  标  任  务 is 目标任务).
func dutyHeaderRole(text string) dutyRole {
	h := importStripBrackets(rules.NormalizeName(text))
	has := func(words ...string) bool { return importContainsAny(h, words...) }
	switch {
	case h == "":
		return dutyNone
	case has("序号", "编号") && len([]rune(h)) <= 4:
		return dutyNo
	case has("领导"):
		return dutyLeaders
	case has("牵头", "主责单位", "主办单位"):
		return dutyLead
	case has("配合", "协办", "协同", "参与", "协助"):
		return dutyPartners
	case has("责任单位", "责任部门", "责任主体", "承办单位", "实施单位"):
		return dutyUnits
	case has("时限", "完成时间", "时间节点", "时间要求", "进度安排"):
		return dutyDue
	case has("备注", "说明"):
		return dutyNote
	case has("任务", "目标", "工作内容", "重点工作", "工作事项", "指标名称", "项目名称"):
		return dutyTask
	}
	return dutyNone
}

// dutyCols are the columns of a 分解表 by role.
type dutyCols struct {
	no, task, lead, units, partners, leaders, due int
	targets                                       []int
}

// dutyScan is how many rows from the top the header may be found in.
const dutyScan = 20

// dutyHeader finds the header row of a grid: the first row within
// dutyScan with a task column and a lead or units column. A second header
// row below it (牵头单位 | 配合单位 under a merged 责任单位) refines it.
func dutyHeader(g *grid) (row int, cols dutyCols, ok bool) {
	for r := 0; r < min(len(g.Rows), dutyScan); r++ {
		c, found := dutyHeaderCols(g, r)
		if !found {
			continue
		}
		// A second header row has the task's header merged down into it.
		below, _ := dutyHeaderCols(g, r+1)
		if t := g.cell(r+1, c.task); (below.lead >= 0 || below.partners >= 0) && (t.Merged || strings.TrimSpace(t.Text) == "") {
			if below.lead >= 0 {
				c.lead = below.lead
			}
			if below.partners >= 0 {
				c.partners = below.partners
			}
			if c.units == c.lead || c.units == c.partners {
				c.units = -1
			}
			r++
		}
		return r, c, true
	}
	return 0, dutyCols{}, false
}

// dutyHeaderCols classifies the cells of row r; found says it has a task
// column and a lead or units column.
func dutyHeaderCols(g *grid, r int) (dutyCols, bool) {
	c := dutyCols{no: -1, task: -1, lead: -1, units: -1, partners: -1, leaders: -1, due: -1}
	if r >= len(g.Rows) {
		return c, false
	}
	for col := range g.Rows[r] {
		text := g.text(r, col)
		if len([]rune(text)) > 20 {
			continue // a title or a task, not a header
		}
		first := func(p *int) {
			if *p < 0 {
				*p = col
			}
		}
		switch dutyHeaderRole(text) {
		case dutyNo:
			first(&c.no)
		case dutyTask:
			if c.task < 0 {
				c.task = col
			} else {
				c.targets = append(c.targets, col)
			}
		case dutyLead:
			first(&c.lead)
		case dutyUnits:
			first(&c.units)
		case dutyPartners:
			first(&c.partners)
		case dutyLeaders:
			first(&c.leaders)
		case dutyDue:
			first(&c.due)
		}
	}
	return c, c.task >= 0 && (c.lead >= 0 || c.units >= 0)
}

// dutiesFromGrid reads the task rows of a grid, or says it has no header.
func dutiesFromGrid(g *grid, ds *rules.Diagnostics) ([]DutyRow, bool) {
	head, cols, ok := dutyHeader(g)
	if !ok {
		return nil, false
	}
	if g.truncated() {
		ds.Warnf(g.sheetPos(), "分解表只需一张表：删去远在右侧或下方的零星单元格",
			"分解表超过 %d 行或 %d 列，其后的内容未读取", tableLimits.gridRows, tableLimits.gridCols)
	}
	var rows []DutyRow
	var sec dutySections
	for r := head + 1; r < len(g.Rows); r++ {
		if title, ok := dutySectionRow(g, r, cols); ok {
			sec.enter(title)
			continue
		}
		if row, ok := dutyGridRow(g, r, cols); ok {
			row.Section = sec.title()
			if len(row.Leaders) == 0 {
				row.Leaders = sec.leaders()
			}
			rows = append(rows, row)
		}
	}
	return rows, true
}

// dutySectionRow reports whether row r is a section heading: one text
// (a merged range counts once) and no units, the text numbered as a
// heading or standing outside the task column; or a heading number in
// the 序号 column beside a title.
func dutySectionRow(g *grid, r int, cols dutyCols) (string, bool) {
	var texts []string
	var at []int
	for c := range g.Rows[r] {
		if cl := g.cell(r, c); !cl.Merged && strings.TrimSpace(cl.Text) != "" {
			texts = append(texts, strings.TrimSpace(cl.Text))
			at = append(at, c)
		}
	}
	units := false
	for _, c := range []int{cols.lead, cols.units, cols.partners} {
		if cl := g.cell(r, c); c >= 0 && !cl.Merged && strings.TrimSpace(cl.Text) != "" {
			units = true
		}
	}
	switch {
	case units || len(texts) == 0:
		return "", false
	case len(texts) == 1 && (dutyHeadingLevel(texts[0]) > 0 || at[0] != cols.task):
		return texts[0], true
	case len(texts) == 2 && at[0] == cols.no && at[1] == cols.task && dutyHeadingLevel(texts[0]+"、") > 0:
		return strings.TrimRight(texts[0], "、.．") + "、" + texts[1], true
	}
	return "", false
}

// dutyGridRow reads the task of row r.
func dutyGridRow(g *grid, r int, cols dutyCols) (DutyRow, bool) {
	text := func(c int) string {
		if c < 0 {
			return ""
		}
		return g.text(r, c)
	}
	task := text(cols.task)
	if task == "" {
		return DutyRow{}, false
	}
	row := DutyRow{Pos: g.pos(r, cols.task), Due: text(cols.due)}
	rest, labels := dutyLabels(task)
	row.Task = rest
	row.text = rest
	for _, c := range cols.targets {
		row.text += " " + text(c)
	}
	row.Leaders = rules.SplitUnits(text(cols.leaders))
	noLead := cols.lead < 0
	row.Lead, row.Partners = dutyUnitsOf(rules.SplitUnits(text(cols.lead)),
		rules.SplitUnits(text(cols.units)), rules.SplitUnits(text(cols.partners)), noLead)
	switch {
	case cols.lead >= 0:
		row.LeadPos = g.pos(r, cols.lead)
	case cols.units >= 0:
		row.LeadPos = g.pos(r, cols.units)
	default:
		row.LeadPos = row.Pos
	}
	labels.fill(&row)
	return row, true
}

// dutyUnitsOf makes the lead and partners of a row from its lead, units
// and partners cells. The first name of the lead cell leads (co-leads
// after it are listed first among the partners); without a lead column
// (noLead), the first of the units that is not a collective name (各街道)
// leads.
func dutyUnitsOf(lead, units, partners []string, noLead bool) (string, []string) {
	var ps []string
	add := func(names []string) {
		for _, n := range names {
			dup := false
			for _, p := range ps {
				dup = dup || p == n
			}
			if !dup {
				ps = append(ps, n)
			}
		}
	}
	first := ""
	switch {
	case len(lead) > 0:
		first = lead[0]
		add(lead[1:])
	case noLead && len(units) > 0:
		k := 0
		for k < len(units)-1 && rules.IsCollective(units[k]) {
			k++
		}
		first = units[k]
		units = append(append([]string(nil), units[:k]...), units[k+1:]...)
	}
	add(units)
	add(partners)
	out := ps[:0]
	for _, p := range ps {
		if p != first {
			out = append(out, p)
		}
	}
	return first, out
}

// dutySections tracks the section headings above a task, by level, and
// the leaders they name.
type dutySections struct {
	titles [4]string
	named  [4][]string
}

// enter starts a section: a heading of level n ends those of level n and
// below.
func (s *dutySections) enter(title string) {
	n := dutyHeadingLevel(title)
	if n == 0 {
		n = 1
	}
	rest, l := dutyLabels(title)
	for k := n; k < len(s.titles); k++ {
		s.titles[k], s.named[k] = "", nil
	}
	s.titles[n] = strings.TrimSpace(rest)
	s.named[n] = l.leaders
}

// title is the innermost heading.
func (s *dutySections) title() string {
	for k := len(s.titles) - 1; k > 0; k-- {
		if s.titles[k] != "" {
			return s.titles[k]
		}
	}
	return ""
}

// leaders are the leaders of the innermost heading that names any.
func (s *dutySections) leaders() []string {
	for k := len(s.named) - 1; k > 0; k-- {
		if len(s.named[k]) > 0 {
			return s.named[k]
		}
	}
	return nil
}

// dutyCut shortens a task for a message.
func dutyCut(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// dutyWhere names a row for a person: "B7" in a workbook, "第7行" in text.
func dutyWhere(p rules.Pos) string {
	if p.Line > 0 {
		return fmt.Sprintf("第%d行", p.Line)
	}
	return p.Cell
}
