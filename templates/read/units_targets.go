package read

import (
	"strings"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/rules"
)

// unitsTargetTitles are the titles of the target column of a long
// targets table (单位, 指标, 目标).
var unitsTargetTitles = map[string]bool{
	"目标": true, "目标值": true, "本单位目标": true, "年度目标": true, "全年目标": true, "目标任务": true,
	"预期目标": true,
}

// unitsTargetSheets are the sheet names tried first for a targets table.
var unitsTargetSheets = []string{"目标", "目标表", "目标值", "分解目标", "目标分解"}

// ReadTargets reads a targets table: the target numbers each unit has
// instead of the ruleset's, keyed by unit name (as typed) and indicator
// id, ready for UnitsOptions.Targets and Ruleset.WithTargets.
//
// The table is either wide (a row per unit: 单位 and a column per
// indicator, titled by its name, an alias or its id) or long (单位, 指标
// or 指标编码, 目标). It is looked for in a sheet named 目标 or 目标表 first,
// then in every sheet. A cell holds a number ("8.5", "8.5%", a
// percent-formatted 0.085) or a range ("6-6.5"); placeholders and empty
// cells keep the ruleset's target. The numbers are checked when they are
// applied (Ruleset.WithTargets, called by ReadUnits).
func ReadTargets(name string, data []byte, rs *rules.Ruleset) (targets map[string]map[string]rules.TargetOverride, diags rules.Diagnostics) {
	defer func() {
		if p := recover(); p != nil {
			targets = nil
			diags = rules.Diagnostics{{Pos: rules.Pos{File: name}, Summary: "无法读取目标表：文件结构异常",
				Hint: "在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"}}
		}
	}()
	return readTargets(name, data, rs)
}

// readTargets is ReadTargets without the recovery from a panic in
// excelize, for the fuzz target.
func readTargets(name string, data []byte, rs *rules.Ruleset) (map[string]map[string]rules.TargetOverride, rules.Diagnostics) {
	u := &unitsReader{name: name, rs: rs, indexes: map[*rules.Ruleset]*unitsIndex{}}
	if rs == nil {
		u.diags.Errorf(rules.Pos{File: name}, "", "没有规则集，无法识别目标表中的指标")
		return nil, u.diags
	}
	if u.book = unitsOpen(name, data, "", &u.diags); u.book == nil {
		return nil, u.diags
	}
	sheets := u.book.SheetNames()
	var order []string
	for _, want := range unitsTargetSheets {
		for _, s := range sheets {
			if s == want {
				order = append(order, s)
			}
		}
	}
	for _, s := range sheets {
		if !unitsContains(order, s) {
			order = append(order, s)
		}
	}
	for _, s := range order {
		if t, ok := u.readTargetSheet(s); ok {
			u.diags.Sort()
			return t, u.diags
		}
	}
	u.diags.Errorf(rules.Pos{File: name},
		"目标表每行一个单位：首列标题“单位”，其余列标题为指标名称或编码；或三列“单位”“指标”“目标”",
		"找不到目标表：没有一张工作表的表头含“单位”和指标名称（或“单位”“指标”“目标”三列）")
	return nil, u.diags
}

func unitsContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readTargetSheet reads one sheet as a targets table; false when the
// sheet has no targets header.
func (u *unitsReader) readTargetSheet(sheet string) (map[string]map[string]rules.TargetOverride, bool) {
	it, err := unitsOpenRows(u.book, sheet)
	if err != nil {
		return nil, false
	}
	defer it.close()
	ix := u.index(u.rs)
	header := 0
	var (
		unitCol, idCol, nameCol, targetCol = -1, -1, -1, -1
		indCols                            = map[int]string{} // column → indicator id
	)
	out := map[string]map[string]rules.TargetOverride{}
	rowOf := map[string]int{} // unit key → first row, for duplicates
	display := map[string]string{}
	var current string // unit of the row above, for merged cells in the long form
	for {
		row, ok := it.next()
		if !ok {
			break
		}
		n := it.row
		if header == 0 {
			if n > readHeaderScan {
				return nil, false
			}
			if u.targetHeader(sheet, n, row, ix, &unitCol, &idCol, &nameCol, &targetCol, indCols) {
				header = n
				// no column right of the last one the header names is read
				it.width = max(unitCol, idCol, nameCol, targetCol) + 1
				for c := range indCols {
					it.width = max(it.width, c+1)
				}
			}
			continue
		}
		unitRaw := strings.TrimSpace(unitsAt(row, unitCol).raw)
		long := targetCol >= 0
		if unitRaw == "" && long {
			unitRaw = current
		}
		if unitRaw == "" {
			continue
		}
		key := unitsKey(unitRaw)
		if !long {
			if first, dup := rowOf[key]; dup {
				u.diags.Errorf(unitsPos(u.name, sheet, unitCol, n), "每个单位只填一行",
					"单位“%s”在目标表中重复出现：第%d行和第%d行", unitRaw, first, n)
				continue
			}
		}
		if _, seen := rowOf[key]; !seen {
			rowOf[key] = n
			display[key] = unitRaw
		}
		current = unitRaw
		unitName := display[key]
		if out[unitName] == nil {
			out[unitName] = map[string]rules.TargetOverride{}
		}
		set := func(id string, c unitsCell, col int) {
			text, ok := unitsTargetText(c)
			if !ok {
				return
			}
			pos := unitsPos(u.name, sheet, col, n)
			if prev, dup := out[unitName][id]; dup {
				u.diags.Errorf(pos, "每个单位的每个指标只填一个目标",
					"单位“%s”的指标 %s 在目标表中重复出现（另见 %s）", unitName, id, prev.Pos)
				return
			}
			out[unitName][id] = rules.TargetOverride{Text: text, Pos: pos}
		}
		if long {
			code, name := unitsAt(row, idCol).raw, unitsAt(row, nameCol).raw
			if code == "" && name == "" {
				continue
			}
			ind := ix.identify(code, name)
			if ind == nil {
				text, col := name, nameCol
				if code != "" {
					text, col = code, idCol
				}
				u.diags.Warnf(unitsPos(u.name, sheet, col, n), "核对指标名称或编码是否与规则集一致",
					"目标表中的指标“%s”不在规则集 %s 中，本行未导入", text, u.rs.ID)
				continue
			}
			set(ind.ID, unitsAt(row, targetCol), targetCol)
			continue
		}
		for col, id := range indCols {
			set(id, unitsAt(row, col), col)
		}
	}
	if it.err != nil {
		// The targets read so far are not all there are: stop the run.
		u.sheetProblem(it.err)
		return nil, true
	}
	if header == 0 {
		return nil, false
	}
	return out, true
}

// targetHeader recognises the header of a targets table and maps its
// columns; it warns about indicator columns it cannot place.
func (u *unitsReader) targetHeader(sheet string, n int, row []unitsCell, ix *unitsIndex,
	unitCol, idCol, nameCol, targetCol *int, indCols map[int]string) bool {
	unit, id, name, target := -1, -1, -1, -1
	inds := map[int]string{}
	var unknown []int
	for c, cell := range row {
		k := rules.NormalizeName(cell.raw)
		switch {
		case k == "":
		case unitsEntityTitles[k] || k == "单位":
			if unit < 0 {
				unit = c
			}
		case unitsIDTitles[k]:
			id = c
		case unitsNameTitles[k]:
			name = c
		case unitsTargetTitles[k]:
			target = c
		default:
			if ind := ix.identify(cell.raw, cell.raw); ind != nil {
				inds[c] = ind.ID
			} else if !unitsOtherTitles[k] {
				unknown = append(unknown, c)
			}
		}
	}
	if unit < 0 {
		return false
	}
	switch {
	case (id >= 0 || name >= 0) && target >= 0:
		*unitCol, *idCol, *nameCol, *targetCol = unit, id, name, target
		return true
	case len(inds) > 0:
		*unitCol = unit
		for c, id := range inds {
			indCols[c] = id
		}
		for _, c := range unknown {
			u.diags.Warnf(unitsPos(u.name, sheet, c, n), "列标题写指标名称或指标编码，与规则集一致",
				"目标表的列“%s”不是规则集 %s 中的指标，该列未导入", row[c].raw, u.rs.ID)
		}
		return true
	}
	return false
}

// unitsTargetText is the text of a target cell for WithTargets: a number
// read exactly (a percent-formatted 0.085 becomes 8.5), a range as typed;
// false for an empty cell or a placeholder.
func unitsTargetText(c unitsCell) (string, bool) {
	if c.raw == "" {
		return "", false
	}
	v, err := cell.ParseCellNumber(c.raw, c.pct)
	switch {
	case err == nil && !v.Valid:
		return "", false
	case err == nil:
		return v.Decimal.String(), true
	}
	return cell.Fold(c.raw), true
}
