package read

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file holds what the multi-unit reader reports about a table as a
// whole, once, rather than row by row: warnings about one unit, rows whose
// indicator the ruleset does not know (with the nearest name), and the
// indicators units lack.

// unitsUnknown is the rows naming one indicator the ruleset does not
// know: the text, where it first stood, and on how many rows.
type unitsUnknown struct {
	text  string
	first rules.Pos
	rows  int
}

// warn adds a warning about one unit.
func (u *unitsReader) warn(e *unitsEntry, d rules.Diagnostic) {
	d.Severity = rules.Warning
	u.diags.Add(d)
	if e != nil {
		e.problems.Add(d)
	}
}

// addUnknown counts a row whose indicator the ruleset does not know.
func (u *unitsReader) addUnknown(text string, pos rules.Pos) {
	k := rules.NormalizeName(text)
	if x := u.unknown[k]; x != nil {
		x.rows++
		return
	}
	u.unknown[k] = &unitsUnknown{text: text, first: pos, rows: 1}
	u.unknownOrder = append(u.unknownOrder, k)
}

// reportUnknown says once per name which rows were not read.
func (u *unitsReader) reportUnknown() {
	for _, k := range u.unknownOrder {
		x := u.unknown[k]
		hint := "核对指标名称或编码是否与规则集一致；规则集的别名（aliases）可以收录其他叫法"
		if s := u.suggest(x.text); s != "" {
			hint = "是不是“" + s + "”？" + hint
		}
		u.diags.Warnf(x.first, hint, "未识别的指标“%s”，共%d行未导入", x.text, x.rows)
	}
}

func (u *unitsReader) suggest(text string) string {
	rs := u.rs
	if rs == nil {
		rs = u.rulesets()[0]
	}
	var names []string
	owner := map[string]string{} // folded name or alias → indicator name
	for _, ind := range rs.Indicators {
		for _, n := range append([]string{ind.ID, ind.Name}, ind.Aliases...) {
			k := rules.NormalizeName(n)
			if _, ok := owner[k]; !ok {
				owner[k] = ind.Name
				names = append(names, k)
			}
		}
	}
	return owner[rules.Suggest(rules.NormalizeName(text), names)]
}

// reportMissing warns about indicators a unit has no row for: once for an
// indicator no unit has, once per unit for the others.
func (u *unitsReader) reportMissing() {
	if len(u.units) == 0 || u.fromTemplates || len(u.damaged) > 0 {
		return
	}
	missing := map[string]int{} // indicator id → units without it
	for _, e := range u.units {
		if e.rs == nil {
			continue
		}
		for k, ind := range e.rs.Indicators {
			if !e.hasAt(k, ind.ID) {
				missing[ind.ID]++
			}
		}
	}
	file := rules.Pos{File: u.name}
	reported := map[string]bool{}
	for _, rs := range u.rulesets() {
		for _, ind := range rs.Indicators {
			if reported[ind.ID] || missing[ind.ID] < len(u.units) || len(u.units) == 1 {
				continue
			}
			reported[ind.ID] = true
			u.diags.Add(rules.Diagnostic{Pos: file, Severity: rules.Warning, Indicator: ind.ID,
				Summary: fmt.Sprintf("所有单位都没有指标 %s（%s）的数据，按无数据处理", ind.ID, ind.Name),
				Hint:    "核对指标名称是否与规则集一致，或补充该指标的数据"})
		}
	}
	for _, e := range u.units {
		if e.rs == nil || e.empty() {
			continue // a unit with no rows at all is reported as such
		}
		var names []string
		for k, ind := range e.rs.Indicators {
			if !e.hasAt(k, ind.ID) && !reported[ind.ID] {
				names = append(names, ind.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		list := strings.Join(names, "、")
		if len(names) > 8 {
			list = strings.Join(names[:8], "、") + fmt.Sprintf(" 等%d项", len(names))
		}
		u.warn(e, rules.Diagnostic{Pos: e.first,
			Summary: fmt.Sprintf("单位“%s”缺少指标 %s 的数据，按无数据处理", e.name, list),
			Hint:    "补充这些指标的行；确实没有数据的可不填"})
	}
}
