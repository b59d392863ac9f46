package read

import (
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ImportReport says how ImportActuals read a bureau's table: the sheet it
// chose and why, the header it found, which cell fed each figure (with any
// unit conversion), the rows it did not recognise and the indicators it
// did not find. `attain evaluate --explain-import` prints it with Write.
type ImportReport struct {
	File   string
	Format string // "xlsx 工作簿（Microsoft Excel 保存）", "CSV，GB18030/GBK编码"
	// Sheet names the sheets read, joined by "、" ("" for CSV); Sheets
	// every sheet considered.
	Sheet  string
	Sheets []ImportSheet
	// HeaderRows are the header rows, 1-based; NameColumn the column of
	// indicator names ("A"), of the first sheet read.
	HeaderRows []int
	NameColumn string
	// Columns are the columns recognised by their headers, of the first
	// sheet read.
	Columns []ImportColumn
	// TableUnit is the unit of a "单位：万元" note above the table.
	TableUnit string
	// Tables are the layouts of every sheet read, in order; the first is
	// also in HeaderRows, NameColumn, Columns and TableUnit.
	Tables []ImportTable
	// Fields lists every figure read, in row order.
	Fields []ImportField
	// Unmatched are the rows with a name and figures that match no
	// indicator of the ruleset.
	Unmatched []ImportRow
	// Missing are the indicators of the ruleset not found in the table.
	Missing []ImportMissing
}

// ImportSheet is a sheet and the number of indicators it matched.
type ImportSheet struct {
	Name    string
	Matched int
	Hidden  bool
	Read    bool // the sheet was read
}

// ImportTable is the layout found on one sheet read.
type ImportTable struct {
	Sheet      string
	HeaderRows []int
	NameColumn string
	Columns    []ImportColumn
	TableUnit  string
}

// ImportColumn is a column and what its header was taken to mean.
type ImportColumn struct {
	Column string // "C"
	Header string // the header rows joined by "|"
	Role   string // 本年值, 增速, 上年值, 名次, 是否完成, 完成日期, 单位, 指标名称
	Unit   string // unit named in the header
	Mapped bool   // given by the mapping
}

// ImportField is one figure read: from which cell, under which header,
// the text found and the exact value taken, in the indicator's unit.
type ImportField struct {
	Indicator string
	Name      string
	Field     eval.Field
	Pos       rules.Pos
	Ref       string // "D7", or "第7行第4列" in a CSV file
	Header    string
	Label     string // the row's name cell as written ("2、固定资产投资（不含农户）")
	Raw       string
	Value     string // decimal string; "" when the cell holds a placeholder
	FromUnit  string // set when the figure was converted
	ToUnit    string
	Note      string
}

// addNote adds a remark to the entry.
func (f *ImportField) addNote(s string) {
	if f.Note != "" {
		f.Note += "；"
	}
	f.Note += s
}

// ImportRow is a row of the table that matched no indicator.
type ImportRow struct {
	Pos  rules.Pos
	Ref  string
	Text string
}

// ImportMissing is an indicator of the ruleset not found in the table.
type ImportMissing struct {
	ID   string
	Name string
}

// fill records the layout of a table read.
func (rep *ImportReport) fill(t *importTable) {
	lt := ImportTable{Sheet: t.g.Sheet, TableUnit: t.tableUnit}
	for _, r := range t.headerRows {
		lt.HeaderRows = append(lt.HeaderRows, r+1)
	}
	if t.nameCol >= 0 {
		lt.NameColumn = cell.ColName(t.nameCol)
	}
	lt.Columns = t.columns()
	rep.Tables = append(rep.Tables, lt)
	if len(rep.Tables) == 1 {
		rep.HeaderRows, rep.NameColumn, rep.Columns, rep.TableUnit = lt.HeaderRows, lt.NameColumn, lt.Columns, lt.TableUnit
	}
}

// columns lists the columns of a table recognised by their headers.
func (t *importTable) columns() []ImportColumn {
	var out []ImportColumn
	chosen := map[int]headerRole{}
	for role, c := range t.cols {
		if c >= 0 {
			chosen[c] = role
		}
	}
	for c := range t.headers {
		role, ok := chosen[c]
		if !ok {
			if t.headers[c] == "" || c == t.nameCol {
				continue
			}
			role = t.matches[c].Role
			if role != roleNone && role != roleIgnore {
				role = roleIgnore // a second column of a role already taken
			}
		}
		unit := ""
		if c < len(t.matches) {
			unit = t.matches[c].Unit
		}
		header := ""
		if c < len(t.headers) {
			header = t.headers[c]
		}
		out = append(out, ImportColumn{Column: cell.ColName(c), Header: header,
			Role: role.String(), Unit: unit, Mapped: t.mapped[role]})
	}
	return out
}

// unmatched records the rows below the header that carry a name and a
// figure but match no indicator.
func (rep *ImportReport) unmatched(t *importTable, im *importer) {
	g := t.g
	if t.nameCol < 0 {
		return
	}
	start := 0
	if n := len(t.headerRows); n > 0 {
		start = t.headerRows[n-1] + 1
	}
	matched := map[int]bool{}
	for _, row := range t.rows {
		matched[row.r] = true
	}
	for r := start; r < len(g.Rows); r++ {
		name := g.text(r, t.nameCol)
		if matched[r] || name == "" || g.cell(r, t.nameCol).Merged {
			continue
		}
		figures := false
		for c := range g.Rows[r] {
			if c == t.nameCol {
				continue
			}
			if v, err := cell.ParseCellNumber(g.text(r, c), false); err == nil && v.Valid {
				figures = true
				break
			}
		}
		if figures {
			rep.Unmatched = append(rep.Unmatched, ImportRow{Pos: g.pos(r, t.nameCol), Ref: g.where(r, t.nameCol), Text: name})
		}
	}
}

// Write prints the report in Chinese, for `evaluate --explain-import`.
func (rep *ImportReport) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "导入说明：%s\n", rep.File)
	if rep.Format != "" {
		fmt.Fprintf(&b, "文件格式：%s\n", rep.Format)
	}
	rep.writeSheets(&b)
	tables := rep.Tables
	if len(tables) == 0 {
		tables = []ImportTable{{HeaderRows: rep.HeaderRows, NameColumn: rep.NameColumn, Columns: rep.Columns, TableUnit: rep.TableUnit}}
	}
	for _, t := range tables {
		if len(tables) > 1 {
			fmt.Fprintf(&b, "工作表“%s”：", t.Sheet)
		}
		t.write(&b, len(rep.Fields) > 0)
	}
	if len(rep.Fields) > 0 {
		b.WriteString("各指标的取数单元格：\n")
		for _, f := range rep.Fields {
			val := f.Value
			if val == "" {
				val = "无数据"
			}
			label := ""
			if f.Label != "" && importFoldName(f.Label) != importFoldName(f.Name) {
				label = "，行名“" + f.Label + "”"
			}
			fmt.Fprintf(&b, "  %s %s（%s%s）：%s「%s」原文“%s”→ %s", f.Indicator, f.Name, fieldWords[f.Field], label, f.Ref, f.Header, f.Raw, val)
			if f.FromUnit != "" {
				fmt.Fprintf(&b, "（%s 换算为 %s）", f.FromUnit, f.ToUnit)
			}
			if f.Note != "" {
				fmt.Fprintf(&b, "（%s）", f.Note)
			}
			b.WriteString("\n")
		}
	}
	if len(rep.Unmatched) > 0 {
		b.WriteString("未识别的行（不在规则集中，未读取）：\n")
		for _, r := range rep.Unmatched {
			fmt.Fprintf(&b, "  %s %s\n", r.Ref, r.Text)
		}
	}
	if len(rep.Missing) > 0 {
		var ms []string
		for _, m := range rep.Missing {
			ms = append(ms, m.ID+" "+m.Name)
		}
		fmt.Fprintf(&b, "表中没有找到的指标（按无数据处理）：%s\n", strings.Join(ms, "、"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSheets says which sheets were read, with the indicators each
// matched, and the others.
func (rep *ImportReport) writeSheets(b *strings.Builder) {
	if rep.Sheet == "" {
		return
	}
	var read, others []string
	for _, s := range rep.Sheets {
		if s.Read || len(rep.Sheets) == 1 {
			read = append(read, fmt.Sprintf("%s（匹配 %d 个指标）", s.Name, s.Matched))
			continue
		}
		hidden := ""
		if s.Hidden {
			hidden = "，隐藏"
		}
		others = append(others, fmt.Sprintf("%s（%d 个%s）", s.Name, s.Matched, hidden))
	}
	if len(read) == 0 {
		read = []string{rep.Sheet}
	}
	fmt.Fprintf(b, "读取的工作表：%s", strings.Join(read, "、"))
	if len(others) > 0 {
		fmt.Fprintf(b, "；其他工作表：%s", strings.Join(others, "、"))
	}
	b.WriteString("\n")
}

// write prints the layout of one sheet: its header rows, name column,
// unit note and columns. figures says figures were read, so that a header
// not found is said.
func (t ImportTable) write(b *strings.Builder, figures bool) {
	if len(t.HeaderRows) > 0 {
		var rows []string
		for _, r := range t.HeaderRows {
			rows = append(rows, fmt.Sprint(r))
		}
		fmt.Fprintf(b, "表头：第 %s 行", strings.Join(rows, "、"))
	} else if figures || len(t.Columns) > 0 {
		b.WriteString("表头：未找到")
	}
	if t.NameColumn != "" {
		fmt.Fprintf(b, "；指标名称在 %s 列", t.NameColumn)
	}
	if t.TableUnit != "" {
		fmt.Fprintf(b, "；表上方注明单位：%s", t.TableUnit)
	}
	b.WriteString("\n")
	if len(t.Columns) > 0 {
		b.WriteString("列：\n")
		for _, c := range t.Columns {
			extra := ""
			if c.Unit != "" {
				extra = "，单位 " + c.Unit
			}
			if c.Mapped {
				extra += "，由映射文件指定"
			}
			fmt.Fprintf(b, "  %s 列「%s」→ %s%s\n", c.Column, c.Header, c.Role, extra)
		}
	}
}
