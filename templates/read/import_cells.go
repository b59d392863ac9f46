package read

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/shopspring/decimal"
)

// The cells of one row of a bureau's table, read field by field: numbers
// (with their unit converted to the indicator's), ranks, 是/否 and dates,
// each problem placed at its cell.

// importRowCtx is what reading one cell of a row needs.
type importRowCtx struct {
	t        *importTable
	row      importRow
	a        *eval.Actual
	judged   map[eval.Field]bool
	rowUnit  string
	unitCell int
	multi    bool // more than one sheet is read
}

// field starts the report entry of a figure read from column c.
func (rc importRowCtx) field(f eval.Field, c int, raw string) ImportField {
	g, r, ind := rc.t.g, rc.row.r, rc.row.ind
	e := ImportField{Indicator: ind.ID, Name: ind.Name, Field: f, Pos: g.pos(r, c), Ref: g.where(r, c),
		Header: rc.t.header(c), Raw: raw}
	if rc.multi {
		e.Ref = g.Sheet + "!" + e.Ref
	}
	if rc.t.nameCol >= 0 {
		e.Label = g.text(r, rc.t.nameCol)
		var notes []string
		for _, b := range importBracketed(e.Label) {
			if _, unit := importParseUnit(b); !unit && b != "" {
				notes = append(notes, "“"+b+"”")
			}
		}
		if len(notes) > 0 {
			e.Note = "名称中的括注" + strings.Join(notes, "、") + "未参与匹配，请核对口径"
		}
	}
	return e
}

// problem adds a diagnostic about a cell: an error when the field is
// judged, else a warning (the figure is left out).
func (im *importer) problem(rc importRowCtx, f eval.Field, pos rules.Pos, hint, format string, args ...any) {
	d := rules.Diagnostic{Pos: pos, Indicator: rc.row.ind.ID, Summary: fmt.Sprintf(format, args...), Hint: hint}
	if !rc.judged[f] {
		d.Severity = rules.Warning
		d.Summary += "，此项未读取"
	}
	im.diags.Add(d)
}

// rawCell returns the text of a value cell, or reports an error value or
// a formula without a result. ok is false when there is nothing to read.
func (im *importer) rawCell(rc importRowCtx, f eval.Field, c int) (text string, cell gridCell, ok bool) {
	g, r := rc.t.g, rc.row.r
	if c < 0 {
		return "", gridCell{}, false
	}
	cell = g.figure(r, c)
	text = strings.TrimSpace(cell.Text)
	ind := rc.row.ind
	pos := g.pos(r, c)
	switch {
	case cell.Error || gridIsErrorText(text):
		im.problem(rc, f, pos, "在 Excel/WPS 中修正这个单元格的公式或填入数值；没有数据时填“-”",
			"指标“%s”的%s是错误值 %s", ind.Name, fieldWords[f], text)
		return "", cell, false
	case text == "":
		if fm, ok := g.formula(r, c); ok {
			formula := "公式"
			if fm != "" {
				formula = "公式 =" + importCut(fm, 40)
			}
			im.problem(rc, f, pos, "在 Excel/WPS 中打开并保存一次（让公式算出结果），或把公式换成数值",
				"指标“%s”的%s单元格有%s，但没有保存计算结果", ind.Name, fieldWords[f], formula)
			return "", cell, false
		}
	}
	return text, cell, true
}

func importCut(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// number reads a number cell into the field, converting a level to the
// indicator's unit.
func (im *importer) number(rc importRowCtx, f eval.Field, c int, level bool) {
	text, gc, ok := im.rawCell(rc, f, c)
	if !ok {
		return
	}
	g, r, ind := rc.t.g, rc.row.r, rc.row.ind
	pos := g.pos(r, c)
	entry := rc.field(f, c, text)
	to := levelUnit(ind)
	from, fromWhere := im.fromUnit(rc, c)
	pct := gc.Percent
	if pct && level && percentOnLevel(f, from, to) {
		pct = false
		unit := to
		if from != "" {
			unit = from
		}
		im.diags.Add(percentWarning(pos, ind, "指标“"+ind.Name+"”", fieldWords[f], text, unit))
	}
	v, err := cell.ParseCellNumber(gc.Text, pct)
	if err != nil {
		im.problem(rc, f, pos, "填入数字（可带千分位或 %）；没有数据时填“-”",
			"指标“%s”的%s无法读成数字：%v", ind.Name, fieldWords[f], err)
		return
	}
	if !v.Valid {
		if text != "" {
			entry.addNote("占位符，按无数据")
			im.rep.Fields = append(im.rep.Fields, entry)
		}
		return
	}
	d := v.Decimal
	if pct {
		entry.addNote("百分比格式单元格，存储值×100")
	}
	if level {
		conv, ok := im.convert(rc, f, pos, d, from, to, fromWhere)
		if !ok {
			return
		}
		if from != "" && to != "" && from != to {
			entry.FromUnit, entry.ToUnit = from, to
		}
		d = conv
		if why := scaleProblem(ind, f, fieldWords[f], d, to); why != "" {
			im.diags.Add(scaleWarning(pos, ind, "指标“"+ind.Name+"”", why, to))
			entry.addNote("数量级不对，未采用")
			im.rep.Fields = append(im.rep.Fields, entry)
			return
		}
	}
	entry.Value = d.String()
	im.set(rc, entry, func(a *eval.Actual) {
		switch f {
		case eval.FieldLevel:
			a.Level = decimal.NewNullDecimal(d)
		case eval.FieldPrevLevel:
			a.PrevLevel = decimal.NewNullDecimal(d)
		case eval.FieldGrowth:
			a.Growth = decimal.NewNullDecimal(d)
		}
	})
}

// fromUnit is the unit a level in column c of the row is given in, and
// where that was said: the row's unit cell, brackets after its name or the
// mapping, else the column's header, else a note above the table; "" when
// none says.
func (im *importer) fromUnit(rc importRowCtx, c int) (unit, where string) {
	from, fromWhere := rc.rowUnit, "单位列"
	if rc.unitCell < 0 && from != "" {
		fromWhere = "指标名称"
		if m := im.opts.Mapping; m != nil && m.Units[rc.row.ind.ID] != "" {
			fromWhere = "映射文件"
		}
	}
	if from == "" {
		from, fromWhere = rc.t.match(c).Unit, "表头"
	}
	if from == "" {
		from, fromWhere = rc.t.tableUnit, "表上方的单位说明"
	}
	return from, fromWhere
}

// set records a figure read, as the report entry says: apply stores it in
// the actual. The same figure found on another sheet read is an error
// naming both cells, and the second is not taken.
func (im *importer) set(rc importRowCtx, entry ImportField, apply func(a *eval.Actual)) {
	f, pos := entry.Field, entry.Pos
	if first, ok := rc.a.Sources.Get(f); ok && first.Sheet != pos.Sheet {
		ind := rc.row.ind
		im.diags.Add(rules.Diagnostic{Pos: pos, Indicator: ind.ID,
			Summary: fmt.Sprintf("指标“%s”（%s）的%s在两个工作表中都有：%s!%s 和 %s!%s",
				ind.Name, ind.ID, fieldWords[f], first.Sheet, first.Cell, pos.Sheet, pos.Cell),
			Hint: "用 --sheet 指定要读取的工作表（可重复：--sheet 甲 --sheet 乙），或删去其中一处"})
		return
	}
	im.rep.Fields = append(im.rep.Fields, entry)
	apply(rc.a)
	rc.a.Sources.Set(f, pos)
}

// convert converts a level from the unit the table names to the
// indicator's; a unit it cannot interpret or convert is a diagnostic.
func (im *importer) convert(rc importRowCtx, f eval.Field, pos rules.Pos, d decimal.Decimal, from, to, fromWhere string) (decimal.Decimal, bool) {
	if from == "" || to == "" || rules.NormalizeName(from) == rules.NormalizeName(to) {
		return d, true
	}
	ind := rc.row.ind
	upos := pos
	if rc.unitCell >= 0 {
		upos = rc.t.g.pos(rc.row.r, rc.unitCell)
	}
	fu, ok := importParseUnit(from)
	if !ok {
		im.problem(rc, f, upos, "把单位写成 亿元、万元、元、万人、人、% 等，或在映射文件（--map）的 units 中指定",
			"无法识别指标“%s”的单位“%s”（来自%s）", ind.Name, from, fromWhere)
		return d, false
	}
	tu, ok := importParseUnit(to)
	if !ok {
		if fu.text == to {
			return d, true
		}
		im.problem(rc, f, upos, "核对规则集中这个指标的单位", "指标“%s”的单位“%s”无法换算为规则集的单位“%s”", ind.Name, from, to)
		return d, false
	}
	out, ok := importConvert(d, fu, tu)
	if !ok {
		im.problem(rc, f, upos, "换算成"+to+"后再填，或核对单位是否写错",
			"指标“%s”的单位“%s”（来自%s）无法换算为%s", ind.Name, from, fromWhere, to)
		return d, false
	}
	return out, true
}

// rank reads a rank: 2, 第2名, 第二, 并列第3 (cell.ParseCellRank).
func (im *importer) rank(rc importRowCtx, c int) {
	f := eval.FieldRank
	text, _, ok := im.rawCell(rc, f, c)
	if !ok {
		return
	}
	g, r, ind := rc.t.g, rc.row.r, rc.row.ind
	pos := g.pos(r, c)
	entry := rc.field(f, c, text)
	if v, err := cell.ParseCellNumber(text, false); err == nil && !v.Valid {
		if text != "" {
			entry.addNote("占位符，按无数据")
			im.rep.Fields = append(im.rep.Fields, entry)
		}
		return
	}
	// One reading of a rank cell for every reader (第2名, 第二, 并列第3 …).
	n, err := cell.ParseCellRank(text)
	if err != nil || n <= 0 {
		im.problem(rc, f, pos, "名次填正整数，如 2 或 第2名；没有数据时填“-”", "指标“%s”的名次“%s”无法读成名次", ind.Name, importCut(text, 20))
		return
	}
	entry.Value = strconv.Itoa(n)
	im.set(rc, entry, func(a *eval.Actual) { a.Rank = n })
}

// yesNo reads 是/否.
func (im *importer) yesNo(rc importRowCtx, c int) {
	f := eval.FieldDone
	text, _, ok := im.rawCell(rc, f, c)
	if !ok {
		return
	}
	g, r, ind := rc.t.g, rc.row.r, rc.row.ind
	pos := g.pos(r, c)
	v, err := cell.ParseCellYesNo(text)
	if err != nil {
		im.problem(rc, f, pos, "填“是”或“否”；没有数据时填“-”", "指标“%s”的是否完成：%v", ind.Name, err)
		return
	}
	entry := rc.field(f, c, text)
	if v == nil {
		if text != "" {
			entry.addNote("占位符，按无数据")
			im.rep.Fields = append(im.rep.Fields, entry)
		}
		return
	}
	entry.Value = map[bool]string{true: "是", false: "否"}[*v]
	im.set(rc, entry, func(a *eval.Actual) { a.Done = v })
}

// date reads a completion date.
func (im *importer) date(rc importRowCtx, c int) {
	f := eval.FieldDate
	text, gc, ok := im.rawCell(rc, f, c)
	if !ok {
		return
	}
	g, r, ind := rc.t.g, rc.row.r, rc.row.ind
	pos := g.pos(r, c)
	if gc.Number && phantomSerial(text) {
		im.diags.Add(phantomWarning(pos, ind, "指标“"+ind.Name+"”", fieldWords[f], text))
		return
	}
	v, err := cell.ParseCellDate(text, gc.Number)
	if err != nil {
		im.problem(rc, f, pos, "日期写成 2019-04-15 或 2019年4月；没有数据时填“-”", "指标“%s”的完成日期：%v", ind.Name, err)
		return
	}
	if v == "" {
		return
	}
	entry := rc.field(f, c, text)
	entry.Value = v
	im.set(rc, entry, func(a *eval.Actual) { a.Date = v })
}
