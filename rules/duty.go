package rules

import (
	"strings"
	"unicode"

	yaml "go.yaml.in/yaml/v3"
)

// Responsibility: who answers for an indicator. After a work report is
// adopted the 政府办公室 issues a 任务分解表 naming, per task, the department
// that leads it (牵头单位), those that share it (责任单位, 配合单位) and the
// officials answerable for it (责任领导). A ruleset may carry them on each
// indicator (lead, partners, leaders); a table given at run time overrides
// them.

// SplitUnits splits a cell or a label of a 任务分解表 into the names it
// lists. 、，；： and ASCII punctuation (, ; / |) and spaces separate names;
// brackets do not (区委宣传部（区文明办） is one name). Each name is kept as
// written, trimmed of spaces and of a closing 。or 等; empty names are
// dropped.
func SplitUnits(s string) []string {
	var out []string
	depth := 0
	start := 0
	flush := func(end int) {
		name := strings.TrimFunc(s[start:end], unicode.IsSpace)
		name = strings.TrimRight(name, "。.")
		if n := strings.TrimSuffix(name, "等"); n != "" && n != name && !IsCollective(name) {
			name = n
		}
		if name != "" {
			out = append(out, name)
		}
	}
	for i, r := range s {
		switch {
		case r == '(' || r == '（' || r == '[' || r == '【':
			depth++
		case r == ')' || r == '）' || r == ']' || r == '】':
			if depth > 0 {
				depth--
			}
		case depth == 0 && isUnitSeparator(r):
			flush(i)
			start = i + len(string(r))
		}
	}
	flush(len(s))
	return out
}

func isUnitSeparator(r rune) bool {
	switch r {
	case '、', '，', '；', '：', ',', ';', '/', '|', '／', '\u3000':
		return true
	}
	return unicode.IsSpace(r)
}

// collectiveSuffixes end the names that stand for a group of units rather
// than one department.
var collectiveSuffixes = []string{"有关部门", "有关单位", "相关部门", "相关单位", "成员单位", "责任单位"}

// IsCollective reports whether a name stands for a group of units (各街道,
// 区直各部门, 各乡镇, 有关单位) rather than one department. Such names are
// kept as written but not ranked as a department.
func IsCollective(name string) bool {
	if strings.Contains(name, "各") {
		return true
	}
	for _, s := range collectiveSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// duty reads the keys lead, partners and leaders of an indicator.
func (d *decoder) duty(f map[string]*yaml.Node, ind *Indicator) {
	if n := f["lead"]; n != nil {
		lead := strings.TrimSpace(d.str(n, "lead"))
		switch names := SplitUnits(lead); {
		case len(names) > 1:
			d.errorf(n, "牵头单位只写一个（分解表中列在最前的单位），其余写在 partners",
				"lead 写了 %d 个单位: %s", len(names), strings.Join(names, "、"))
		case IsCollective(lead):
			d.diags.Warnf(d.pos(n), "统称（如 各街道）不计为一个部门；写出牵头的部门，统称写在 partners",
				"牵头单位 %q 是统称", lead)
		}
		ind.Lead = lead
	}
	ind.Partners = d.units(f["partners"], "partners")
	ind.Leaders = d.units(f["leaders"], "leaders")
	seen := map[string]bool{}
	for _, p := range ind.Partners {
		switch {
		case ind.Lead != "" && p == ind.Lead:
			d.diags.Warnf(d.pos(f["partners"]), "牵头单位不必再列入 partners", "%q 既是牵头单位又列在 partners 中", p)
		case seen[p]:
			d.diags.Warnf(d.pos(f["partners"]), "删除重复的一项", "partners 中的 %q 重复", p)
		}
		seen[p] = true
	}
}

// units reads a list of names, each kept as written, or one text that
// SplitUnits splits (区统计局、区财政局).
func (d *decoder) units(n *yaml.Node, key string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return SplitUnits(d.str(n, key))
	}
	var out []string
	for _, s := range d.strings(n, key) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dutyNode adds the keys lead, partners and leaders to an indicator's YAML.
func dutyNode(m encMapping, ind *Indicator) {
	if ind.Lead != "" {
		m.add("lead", encStr(ind.Lead))
	}
	if len(ind.Partners) > 0 {
		m.add("partners", encList(ind.Partners, true))
	}
	if len(ind.Leaders) > 0 {
		m.add("leaders", encList(ind.Leaders, true))
	}
}

// Duty is who answers for one indicator as a 任务分解表 says: the lead, the
// partners and the leaders, and where the table says it.
type Duty struct {
	Lead     string
	Partners []string
	Leaders  []string
	// Pos is the cell or line of the table's row.
	Pos Pos
}

// WithDuties returns a copy of rs whose indicators take their lead,
// partners and leaders from duties, keyed by indicator id; indicators the
// table does not name keep the ruleset's. The ruleset itself is not
// changed. Where the table names another lead than the ruleset, the
// table's is taken and a warning names both.
func (rs *Ruleset) WithDuties(duties map[string]Duty) (*Ruleset, Diagnostics) {
	out := *rs
	out.Indicators = make([]*Indicator, len(rs.Indicators))
	var ds Diagnostics
	for i, ind := range rs.Indicators {
		d, ok := duties[ind.ID]
		if !ok {
			out.Indicators[i] = ind
			continue
		}
		c := *ind
		if c.Lead != "" && d.Lead != "" && c.Lead != d.Lead {
			ds.Warnf(d.Pos, "本次按分解表；如规则集有误，改正 "+ind.Pos.String()+" 的 lead",
				"%s 的牵头单位：分解表为 %s，规则集为 %s", ind.Name, d.Lead, c.Lead)
		}
		if d.Lead != "" {
			c.Lead = d.Lead
		}
		if len(d.Partners) > 0 {
			c.Partners = append([]string(nil), d.Partners...)
		}
		if len(d.Leaders) > 0 {
			c.Leaders = append([]string(nil), d.Leaders...)
		}
		out.Indicators[i] = &c
	}
	ds.Sort()
	return &out, ds
}
