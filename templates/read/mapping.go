package read

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/rules"
	"go.yaml.in/yaml/v3"
)

// Mapping tells ImportActuals where the figures are when the automatic
// match gets a bureau's table wrong. Everything in it is optional; what it
// names overrides the automatic match, the rest is still found
// automatically. The format is described in docs/import.md:
//
//	sheet: 主要指标
//	header_row: 3            # or [3, 4]
//	indicators:
//	  gdp_growth: {row: 5}   # or {name: "GDP（亿元）"}
//	columns:
//	  level: C
//	  growth: D
//	  prev_level: B
//	units: {rd_growth: 万元}
//
// A Mapping may also be built in code (from command-line flags, say);
// ImportActuals checks its column keys and letters and its indicator ids.
type Mapping struct {
	File  string
	Sheet string
	// HeaderRows are 1-based row numbers.
	HeaderRows []int
	// Indicators by id: the row (1-based) or the name cell text.
	Indicators map[string]MappingIndicator
	// Columns by what they hold: column letters ("C"). The keys are name,
	// unit, level, growth, prev_level, rank, done and date.
	Columns map[string]string
	// Units by indicator id: the unit the table's level is in.
	Units map[string]string
	// positions of keys, for diagnostics: "sheet", "columns.level",
	// "indicators.gdp_growth", "units.gdp_growth".
	positions map[string]rules.Pos
}

// MappingIndicator places one indicator.
type MappingIndicator struct {
	Row  int    // 1-based row number (CSV: record number)
	Name string // the text of its name cell
}

// mappingRoles are the column keys of a mapping.
var mappingRoles = map[string]headerRole{
	"name": roleName, "unit": roleUnit, "level": roleLevel, "growth": roleGrowth,
	"prev_level": rolePrevLevel, "rank": roleRank, "done": roleDone, "date": roleDate,
}

// pos returns the position of a key of the mapping file.
func (m *Mapping) pos(key string) rules.Pos {
	if p, ok := m.positions[key]; ok {
		return p
	}
	return rules.Pos{File: m.File}
}

// ParseMapping reads a mapping file. Problems come back positioned at
// file:line:col, in Chinese; with an error the mapping is nil.
func ParseMapping(name string, src []byte) (*Mapping, rules.Diagnostics) {
	m := &Mapping{File: name, Indicators: map[string]MappingIndicator{}, Columns: map[string]string{},
		Units: map[string]string{}, positions: map[string]rules.Pos{}}
	var ds rules.Diagnostics
	at := func(n *yaml.Node) rules.Pos { return rules.Pos{File: name, Line: n.Line, Col: n.Column} }
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		p := rules.Pos{File: name}
		msg := err.Error()
		if mm := regexp.MustCompile(`line ([0-9]+)`).FindStringSubmatch(msg); mm != nil {
			p.Line, _ = strconv.Atoi(mm[1])
		}
		ds.Errorf(p, "映射文件是 YAML：键和值之间用冒号加空格，缩进用空格", "映射文件不是有效的 YAML（%s）", importCut(msg, 100))
		return nil, ds
	}
	if len(doc.Content) == 0 {
		ds.Errorf(rules.Pos{File: name}, "写上 sheet、header_row、indicators、columns 或 units", "映射文件是空的")
		return nil, ds
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ds.Errorf(at(root), "映射文件的顶层是“键: 值”的列表", "映射文件的顶层应是映射（sheet:、columns: …）")
		return nil, ds
	}
	scalar := func(n *yaml.Node, what string) (string, bool) {
		if n.Kind != yaml.ScalarNode {
			ds.Errorf(at(n), "", "%s应是一个值", what)
			return "", false
		}
		return n.Value, true
	}
	rowNumber := func(n *yaml.Node, what string) (int, bool) {
		s, ok := scalar(n, what)
		if !ok {
			return 0, false
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > 1048576 {
			ds.Errorf(at(n), "行号从 1 开始，与 Excel 左侧的行号相同", "%s“%s”不是行号", what, s)
			return 0, false
		}
		return v, true
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		m.positions[k.Value] = at(k)
		switch k.Value {
		case "sheet":
			if s, ok := scalar(v, "sheet"); ok {
				m.Sheet = s
			}
		case "header_row", "header_rows":
			nodes := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				nodes = v.Content
			}
			for _, n := range nodes {
				if r, ok := rowNumber(n, "header_row "); ok {
					m.HeaderRows = append(m.HeaderRows, r)
				}
			}
			sort.Ints(m.HeaderRows)
		case "indicators":
			if v.Kind != yaml.MappingNode {
				ds.Errorf(at(v), "例如 indicators: {gdp_growth: {row: 5}}", "indicators 应是“指标编码: {row: 行号}”的映射")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ik, iv := v.Content[j], v.Content[j+1]
				m.positions["indicators."+ik.Value] = at(ik)
				var mi MappingIndicator
				switch iv.Kind {
				case yaml.ScalarNode: // gdp_growth: 5
					if r, ok := rowNumber(iv, "行号"); ok {
						mi.Row = r
					}
				case yaml.MappingNode:
					for l := 0; l+1 < len(iv.Content); l += 2 {
						fk, fv := iv.Content[l], iv.Content[l+1]
						switch fk.Value {
						case "row":
							if r, ok := rowNumber(fv, "行号"); ok {
								mi.Row = r
							}
						case "name":
							if s, ok := scalar(fv, "name"); ok {
								mi.Name = s
							}
						default:
							ds.Errorf(at(fk), "指标下可写 row（行号）或 name（名称单元格的文字）", "不认识的键“%s”", fk.Value)
						}
					}
				default:
					ds.Errorf(at(iv), "例如 gdp_growth: {row: 5}", "指标 %s 应写成 {row: 行号} 或 {name: 名称}", ik.Value)
					continue
				}
				if mi.Row > 0 && mi.Name != "" {
					ds.Errorf(at(ik), "只写 row 或只写 name", "指标 %s 同时写了 row 和 name", ik.Value)
				}
				if _, dup := m.Indicators[ik.Value]; dup {
					ds.Errorf(at(ik), "", "指标 %s 写了两次", ik.Value)
				}
				if mi.Row > 0 || mi.Name != "" {
					m.Indicators[ik.Value] = mi
				}
			}
		case "columns":
			if v.Kind != yaml.MappingNode {
				ds.Errorf(at(v), "例如 columns: {level: C, growth: D}", "columns 应是“用途: 列字母”的映射")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				m.positions["columns."+ck.Value] = at(ck)
				if _, ok := mappingRoles[ck.Value]; !ok {
					ds.Errorf(at(ck), "可用的键："+mappingKeys(), "不认识的列用途“%s”", ck.Value)
					continue
				}
				s, ok := scalar(cv, "列")
				if !ok {
					continue
				}
				if cell.ColIndex(s) < 0 {
					ds.Errorf(at(cv), "列用字母表示，如 C", "“%s”不是列字母", s)
					continue
				}
				m.Columns[ck.Value] = strings.ToUpper(s)
			}
		case "units":
			if v.Kind != yaml.MappingNode {
				ds.Errorf(at(v), "例如 units: {rd_growth: 万元}", "units 应是“指标编码: 单位”的映射")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				uk, uv := v.Content[j], v.Content[j+1]
				m.positions["units."+uk.Value] = at(uk)
				s, ok := scalar(uv, "单位")
				if !ok {
					continue
				}
				if _, ok := importParseUnit(s); !ok {
					ds.Errorf(at(uv), "可用的单位如 亿元、万元、元、万人、人、%", "无法识别的单位“%s”", s)
					continue
				}
				m.Units[uk.Value] = s
			}
		default:
			ds.Errorf(at(k), "可用的键：sheet、header_row、indicators、columns、units", "不认识的键“%s”", k.Value)
		}
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return m, ds
}

func mappingKeys() string {
	keys := make([]string, 0, len(mappingRoles))
	for k := range mappingRoles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, "、")
}

// checkMapping reports what ParseMapping cannot know (the indicator ids
// the ruleset does not have), and the mistakes of a mapping built in code.
func (im *importer) checkMapping(m *Mapping) {
	keys := make([]string, 0, len(m.Columns))
	for k := range m.Columns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := mappingRoles[k]; !ok {
			im.diags.Errorf(m.pos("columns."+k), "可用的键："+mappingKeys(), "不认识的列用途“%s”", k)
		} else if cell.ColIndex(m.Columns[k]) < 0 {
			im.diags.Errorf(m.pos("columns."+k), "列用字母表示，如 C", "“%s”不是列字母", m.Columns[k])
		}
	}
	check := func(kind string, ids map[string]bool) {
		sorted := make([]string, 0, len(ids))
		for id := range ids {
			sorted = append(sorted, id)
		}
		sort.Strings(sorted)
		for _, id := range sorted {
			if im.rs.Indicator(id) != nil {
				continue
			}
			hint := "指标编码见 attain rules list"
			if s := readSuggest(id, im.rs); s != "" {
				hint = fmt.Sprintf("是不是 %s？", s)
			}
			im.diags.Errorf(m.pos(kind+"."+id), hint, "规则集中没有指标 %s", id)
		}
	}
	ids := map[string]bool{}
	for id := range m.Indicators {
		ids[id] = true
	}
	check("indicators", ids)
	ids = map[string]bool{}
	for id := range m.Units {
		ids[id] = true
	}
	check("units", ids)
}
