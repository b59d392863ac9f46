package read

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// unitsFieldOrder is the order in which a row's figures are read.
var unitsFieldOrder = []eval.Field{eval.FieldPrevLevel, eval.FieldLevel, eval.FieldGrowth, eval.FieldRank,
	eval.FieldDone, eval.FieldDate}

// readLong reads a long table, streaming: one row per unit and indicator.
// A blank unit cell repeats the unit above it (a merged cell).
func (u *unitsReader) readLong(s *unitsScan) {
	it, err := u.openRows(s.sheet)
	if err != nil {
		u.sheetProblem(err)
		return
	}
	defer it.close()
	it.width = s.readWidth()
	var (
		current *unitsEntry // the unit of the row above
		lastRaw string      // its name as typed, to skip normalising it again
	)
	type fieldCol struct {
		field eval.Field
		col   int
	}
	var fields []fieldCol
	for _, f := range unitsFieldOrder {
		if col, ok := s.fields[f]; ok {
			fields = append(fields, fieldCol{f, col})
		}
	}
	it.each(func(row []unitsCell, n int) {
		u.tick()
		if n <= s.header || len(row) == 0 {
			return
		}
		unitCell := unitsAt(row, s.unitCol)
		code, name := unitsAt(row, s.idCol).raw, unitsAt(row, s.nameCol).raw
		hasFigures := false
		for _, fc := range fields {
			hasFigures = hasFigures || unitsAt(row, fc.col).raw != ""
		}
		if code == "" && name == "" {
			if unitCell.raw != "" && hasFigures {
				u.addUnknown("（空）", unitsPos(u.name, s.sheet, max(s.idCol, s.nameCol), n))
			}
			return // a blank line, a total or a note
		}
		switch {
		case unitCell.raw != "" && unitCell.raw == lastRaw && current != nil:
		case unitCell.raw != "":
			pos := unitsPos(u.name, s.sheet, s.unitCol, n)
			next := u.unit(unitCell.raw, pos)
			if u.overMaxUnits(pos) {
				it.halt()
				return
			}
			if next != current {
				u.park(current)
			}
			current, lastRaw = next, unitCell.raw
		case current == nil:
			u.diags.Warnf(unitsPos(u.name, s.sheet, s.unitCol, n), "每行填上单位名称",
				"第%d行没有单位名称，本行未导入", n)
			return
		}
		if current.rs == nil {
			return
		}
		ind := u.index(current.rs).identify(code, name)
		if ind == nil && !hasFigures {
			return // a note below the table
		}
		if ind == nil {
			text, col := name, s.nameCol
			if code != "" {
				text, col = code, s.idCol
			}
			u.addUnknown(text, unitsPos(u.name, s.sheet, col, n))
			return
		}
		if act := u.record(current, ind, s.sheet, n); act != nil {
			for _, fc := range fields {
				unitsFigure(current.name, ind, act, fc.field, unitsAt(row, fc.col),
					unitsLoc{u.name, s.sheet, fc.col, n}, &u.diags)
			}
		}
	})
	if it.err != nil {
		u.sheetProblem(it.err)
	}
}

// overMaxUnits reports, once, a table that names more units than
// opts.MaxUnits, at the cell naming the first unit too many.
func (u *unitsReader) overMaxUnits(pos rules.Pos) bool {
	limit := u.opts.MaxUnits
	if limit <= 0 || len(u.units) <= limit || u.tooMany {
		return u.tooMany
	}
	u.tooMany = true
	u.diags.Errorf(pos, "请分批评估（按地区拆分输入），或用 --out 输出 .csv 或 .json",
		"单位超过%d个，读到这里已是第%d个：评估表的排名表每个单位一行，超过 Excel 工作表的 %d 行，未继续读取", limit, len(u.units), cell.MaxRows)
	return true
}

// record starts a unit's figures for one indicator read on row, or
// reports a duplicate and returns nil.
func (u *unitsReader) record(e *unitsEntry, ind *rules.Indicator, sheet string, row int) *eval.Actual {
	if first, dup := e.seen[ind.ID]; dup {
		u.diags.Add(rules.Diagnostic{Pos: unitsPos(u.name, sheet, 0, row),
			Indicator: ind.ID, Summary: fmt.Sprintf("单位“%s”的指标 %s（%s）重复出现：第%d行和第%d行",
				e.name, ind.ID, ind.Name, first, row),
			Hint: "每个单位的每个指标只填一行；删去重复的一行"})
		return nil
	}
	e.seen[ind.ID] = row
	act := &eval.Actual{ID: ind.ID}
	e.acts.Values[ind.ID] = act
	return act
}

// readColumns reads a table with a row per indicator and a column (or,
// under a second header row, columns) per unit.
func (u *unitsReader) readColumns(s *unitsScan) {
	it, err := u.openRows(s.sheet)
	if err != nil {
		u.sheetProblem(err)
		return
	}
	defer it.close()
	it.width = s.readWidth()
	entries := make([]*unitsEntry, len(s.columns))
	for i, c := range s.columns {
		entries[i] = u.unit(c.unit, unitsPos(u.name, s.sheet, c.col, s.header))
	}
	first := s.header + 1
	if s.sub {
		first++
	}
	// The columns of one unit (绝对值 and 增速) fill the same indicator on
	// the same row; another row for it is a duplicate, reported once.
	dupRow := map[*unitsEntry]int{}
	for {
		row, ok := it.next()
		if !ok {
			break
		}
		u.tick()
		n := it.row
		if n < first || len(row) == 0 {
			continue
		}
		code, name := unitsAt(row, s.idCol).raw, unitsAt(row, s.nameCol).raw
		if code == "" && name == "" {
			continue
		}
		hasFigures := false
		for _, c := range s.columns {
			hasFigures = hasFigures || unitsAt(row, c.col).raw != ""
		}
		for i, c := range s.columns {
			e := entries[i]
			if e.rs == nil {
				continue
			}
			ind := u.index(e.rs).identify(code, name)
			if ind == nil {
				if i == 0 && hasFigures {
					text, col := name, s.nameCol
					if code != "" {
						text, col = code, s.idCol
					}
					u.addUnknown(text, unitsPos(u.name, s.sheet, col, n))
				}
				continue
			}
			var act *eval.Actual
			switch row0, seen := e.seen[ind.ID]; {
			case !seen:
				act = u.record(e, ind, s.sheet, n)
			case row0 == n:
				act = e.acts.Values[ind.ID]
			default:
				if dupRow[e] != n {
					dupRow[e] = n
					u.record(e, ind, s.sheet, n) // reports the duplicate
				}
				continue
			}
			cell := unitsAt(row, c.col)
			field := c.field
			if field == "" {
				field = unitsJudgedField(ind, cell)
			}
			unitsFigure(e.name, ind, act, field, cell, unitsLoc{u.name, s.sheet, c.col, n}, &u.diags)
		}
	}
	if it.err != nil {
		u.sheetProblem(it.err)
	}
}

// readWidth is how many columns the rows of a long table or a table of
// units as columns are read with: up to the last column the scan found a
// use for (not the header's width: a note far right is no column).
func (s *unitsScan) readWidth() int {
	last := max(s.unitCol, s.idCol, s.nameCol)
	for _, c := range s.fields {
		last = max(last, c)
	}
	for _, c := range s.columns {
		last = max(last, c.col)
	}
	return last + 1
}

// readTemplate reads one sheet in the input template's layout as one
// unit, with ReadActuals' reader: the unit is named by the sheet (or, for
// 填报表, by the 填报单位 line above the header).
func (u *unitsReader) readTemplate(s *unitsScan) {
	if u.damaged[s.sheet] {
		return // the scan met the damage and said so
	}
	name := s.sheet
	rs := u.rulesetOf(unitsKey(name))
	if rs == nil {
		u.unit(name, rules.Pos{File: u.name, Sheet: s.sheet})
		return
	}
	r := newReader(u.name, rs, ReadOptions{Sheet: s.sheet}, cityLimits)
	r.wb = newBookGrids(u.book, u.name, cityLimits)
	r.read()
	u.fromTemplates = true
	if s.sheet == templates.InputSheet && strings.TrimSpace(r.acts.Entity) != "" {
		name = r.acts.Entity
	}
	rows := 0
	if dim := u.book.Dimension(s.sheet); dim != "" {
		if _, last, ok := strings.Cut(dim, ":"); ok {
			fmt.Sscanf(strings.TrimLeft(last, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "%d", &rows)
		}
	}
	for i := 0; i < max(rows, 1); i++ {
		u.tick()
	}
	pos := rules.Pos{File: u.name, Sheet: s.sheet}
	if u.byKey[unitsKey(name)] != nil {
		u.diags.Errorf(pos, "每个单位只用一张工作表", "单位“%s”有不止一张工作表", name)
		return
	}
	e := u.unit(name, pos)
	if e.rs != rs { // named by 填报单位 after a ruleset was picked by sheet
		e.rs = rs
	}
	e.acts.Values = r.acts.Values
	if r.acts.Year != 0 {
		e.acts.Year = r.acts.Year
	}
	for id := range r.acts.Values {
		e.seen[id] = 0
	}
	for _, d := range r.diags {
		if d.Severity == rules.Warning {
			u.warn(e, d)
		} else {
			u.diags.Add(d)
		}
	}
}
