package read

import (
	"fmt"
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
// file:line:col, in Chinese, each with a hint; with an error the mapping is
// nil. The file is decoded from its YAML node tree, as rules.Parse decodes a
// ruleset: an unknown key is answered with the nearest known one, a key
// written twice and a value of the wrong kind are named where they are.
func ParseMapping(name string, src []byte) (*Mapping, rules.Diagnostics) {
	d := &mappingDecoder{m: &Mapping{File: name, Indicators: map[string]MappingIndicator{},
		Columns: map[string]string{}, Units: map[string]string{}, positions: map[string]rules.Pos{}}}
	if root := d.document(src); root != nil {
		d.top(root)
	}
	d.diags.Sort()
	if d.diags.HasErrors() {
		return nil, d.diags
	}
	return d.m, d.diags
}

// mappingDecoder fills a Mapping from the node tree of a mapping file.
type mappingDecoder struct {
	m     *Mapping
	diags rules.Diagnostics
}

// mappingTopKeys are the top-level keys of a mapping file, in the order a
// hint lists them; header_rows is also read, as header_row.
var mappingTopKeys = []string{"sheet", "header_row", "indicators", "columns", "units"}

// mappingRoleKeys are the column keys, in the order of docs/import.md.
var mappingRoleKeys = []string{"name", "unit", "level", "growth", "prev_level", "rank", "done", "date"}

func (d *mappingDecoder) at(n *yaml.Node) rules.Pos {
	return rules.Pos{File: d.m.File, Line: n.Line, Col: n.Column}
}

func (d *mappingDecoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.diags.Errorf(d.at(n), hint, format, args...)
}

// document parses src and returns its top-level mapping, or nil with a
// diagnostic when the file is not YAML, is empty or is not a mapping.
func (d *mappingDecoder) document(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		d.syntax(err)
		return nil
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		d.diags.Errorf(d.at(&doc), "写上 sheet、header_row、indicators、columns 或 units", "映射文件是空的")
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "映射文件的顶层是“键: 值”的列表", "映射文件的顶层应是映射（sheet:、columns: …），这里是%s", mappingKind(root))
		return nil
	}
	return root
}

// syntax reports a YAML syntax error at its line ("yaml: line 3: …"); the
// YAML library gives no column, and some errors no line.
func (d *mappingDecoder) syntax(err error) {
	p := rules.Pos{File: d.m.File}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				p.Line, p.Col, msg = n, 1, text
			}
		}
	}
	d.diags.Errorf(p, "映射文件是 YAML：键和值之间用冒号加空格，缩进用空格", "映射文件不是有效的 YAML（%s）", importCut(msg, 100))
}

// mappingEntry is one key and its value in a YAML mapping.
type mappingEntry struct{ k, v *yaml.Node }

// entries returns the pairs of mapping node n in order, reporting a key
// written twice (the first is kept). canon gives the key a spelling is
// read as; key names the key in the message.
func (d *mappingDecoder) entries(n *yaml.Node, canon func(string) string, key func(string) string) []mappingEntry {
	out := make([]mappingEntry, 0, len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		c := canon(k.Value)
		if seen[c] {
			d.errorf(k, "删除重复的一项", "%s写了两次", key(k.Value))
			continue
		}
		seen[c] = true
		out = append(out, mappingEntry{k, v})
	}
	return out
}

func sameKey(k string) string { return k }

// unknownKeyHint suggests the known key nearest to k, or lists them all.
func unknownKeyHint(k string, known []string, list string) string {
	if s := rules.Suggest(k, known); s != "" {
		return "是不是 " + s + "？"
	}
	return list
}

// mappingTopKey is the key a top-level spelling is read as: header_rows
// is header_row.
func mappingTopKey(k string) string {
	if k == "header_rows" {
		return "header_row"
	}
	return k
}

// top reads the top-level keys.
func (d *mappingDecoder) top(root *yaml.Node) {
	for _, e := range d.entries(root, mappingTopKey, func(k string) string { return "键“" + k + "”" }) {
		d.m.positions[e.k.Value] = d.at(e.k)
		switch mappingTopKey(e.k.Value) {
		case "sheet":
			if s, ok := d.scalar(e.v, "例如 sheet: 主要指标", "sheet 应是工作表的名称"); ok {
				d.m.Sheet = s
			}
		case "header_row":
			d.headerRows(e.v)
		case "indicators":
			d.indicators(e.v)
		case "columns":
			d.columns(e.v)
		case "units":
			d.units(e.v)
		default:
			d.errorf(e.k, unknownKeyHint(e.k.Value, mappingTopKeys, "可用的键："+strings.Join(mappingTopKeys, "、")),
				"不认识的键“%s”", e.k.Value)
		}
	}
}

// mappingKind names the kind of a node for a message: "这里是列表".
func mappingKind(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "映射"
	case n.Kind == yaml.SequenceNode:
		return "列表"
	case n.Kind == yaml.AliasNode:
		return "别名"
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		return "“" + importCut(n.Value, 40) + "”"
	}
	return "空值"
}

// scalar returns the text of a scalar node; another kind is reported as
// "<want>，这里是列表".
func (d *mappingDecoder) scalar(n *yaml.Node, hint, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, hint, "%s，这里是%s", want, mappingKind(n))
		return "", false
	}
	return n.Value, true
}

// mapping reports a node that is not a YAML mapping.
func (d *mappingDecoder) mapping(n *yaml.Node, hint, want string) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, hint, "%s，这里是%s", want, mappingKind(n))
		return false
	}
	return true
}

const rowHint = "行号从 1 开始，与 Excel 左侧的行号相同"

// rowNumber reads a row number as Excel shows it (1 to 1048576); what
// begins the message ("行号“0”不是行号").
func (d *mappingDecoder) rowNumber(n *yaml.Node, what, want string) (int, bool) {
	s, ok := d.scalar(n, rowHint, want)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 || v > 1048576 {
		d.errorf(n, rowHint, "%s“%s”不是行号", what, s)
		return 0, false
	}
	return v, true
}

// headerRows reads header_row: one row number or a list of them.
func (d *mappingDecoder) headerRows(v *yaml.Node) {
	nodes := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		nodes = v.Content
	}
	for _, n := range nodes {
		if r, ok := d.rowNumber(n, "header_row ", "header_row 应是行号或行号的列表，如 3 或 [3, 4]"); ok {
			d.m.HeaderRows = append(d.m.HeaderRows, r)
		}
	}
	sort.Ints(d.m.HeaderRows)
}

// indicators reads indicators: {id: {row: 5}, id: {name: 名称}, id: 5}.
// Whether the ruleset has each id is checked on import (checkMapping).
func (d *mappingDecoder) indicators(v *yaml.Node) {
	if !d.mapping(v, "例如 indicators: {gdp_growth: {row: 5}}", "indicators 应是“指标编码: {row: 行号}”的映射") {
		return
	}
	for _, e := range d.entries(v, sameKey, func(id string) string { return "指标 " + id + " " }) {
		id := e.k.Value
		d.m.positions["indicators."+id] = d.at(e.k)
		mi, ok := d.indicator(id, e.v)
		if !ok {
			continue
		}
		if mi.Row > 0 && mi.Name != "" {
			d.errorf(e.k, "只写 row 或只写 name", "指标 %s 同时写了 row 和 name", id)
		}
		if mi.Row > 0 || mi.Name != "" {
			d.m.Indicators[id] = mi
		}
	}
}

// mappingIndicatorKeys are the keys under an indicator.
var mappingIndicatorKeys = []string{"row", "name"}

// indicator reads one indicator's place: a bare row number or {row: 5}
// or {name: 名称}. It is false when the value is of the wrong kind.
func (d *mappingDecoder) indicator(id string, v *yaml.Node) (MappingIndicator, bool) {
	var mi MappingIndicator
	rowWant := "指标 " + id + " 的 row 应是行号"
	if v.Kind == yaml.ScalarNode { // gdp_growth: 5
		mi.Row, _ = d.rowNumber(v, "行号", rowWant)
		return mi, true
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "例如 gdp_growth: {row: 5}", "指标 %s 应写成 {row: 行号} 或 {name: 名称}，这里是%s", id, mappingKind(v))
		return mi, false
	}
	for _, e := range d.entries(v, sameKey, func(k string) string { return "指标 " + id + " 中的键“" + k + "”" }) {
		switch e.k.Value {
		case "row":
			mi.Row, _ = d.rowNumber(e.v, "行号", rowWant)
		case "name":
			mi.Name, _ = d.scalar(e.v, "例如 {name: 地区生产总值}", "指标 "+id+" 的 name 应是名称单元格的文字")
		default:
			d.errorf(e.k, unknownKeyHint(e.k.Value, mappingIndicatorKeys, "指标下可写 row（行号）或 name（名称单元格的文字）"),
				"不认识的键“%s”", e.k.Value)
		}
	}
	return mi, true
}

// columns reads columns: {level: C, growth: D}, the letters upper-cased.
func (d *mappingDecoder) columns(v *yaml.Node) {
	if !d.mapping(v, "例如 columns: {level: C, growth: D}", "columns 应是“用途: 列字母”的映射") {
		return
	}
	for _, e := range d.entries(v, sameKey, func(k string) string { return "columns 中的键“" + k + "”" }) {
		role := e.k.Value
		d.m.positions["columns."+role] = d.at(e.k)
		if _, ok := mappingRoles[role]; !ok {
			d.errorf(e.k, unknownRoleHint(role), "不认识的列用途“%s”", role)
			continue
		}
		s, ok := d.scalar(e.v, "列用字母表示，如 C", "columns."+role+" 应是列字母")
		if !ok {
			continue
		}
		if cell.ColIndex(s) < 0 {
			d.errorf(e.v, "列用字母表示，如 C", "“%s”不是列字母", s)
			continue
		}
		d.m.Columns[role] = strings.ToUpper(s)
	}
}

// units reads units: {rd_growth: 万元}, each a unit the importer knows.
func (d *mappingDecoder) units(v *yaml.Node) {
	if !d.mapping(v, "例如 units: {rd_growth: 万元}", "units 应是“指标编码: 单位”的映射") {
		return
	}
	for _, e := range d.entries(v, sameKey, func(k string) string { return "units 中的键“" + k + "”" }) {
		id := e.k.Value
		d.m.positions["units."+id] = d.at(e.k)
		s, ok := d.scalar(e.v, "例如 units: {rd_growth: 万元}", "units."+id+" 应是单位")
		if !ok {
			continue
		}
		if _, ok := importParseUnit(s); !ok {
			d.errorf(e.v, "可用的单位如 亿元、万元、元、万人、人、%", "无法识别的单位“%s”", s)
			continue
		}
		d.m.Units[id] = s
	}
}

func mappingKeys() string {
	keys := make([]string, 0, len(mappingRoles))
	for k := range mappingRoles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, "、")
}

// unknownRoleHint answers a column key that is not a role, in a mapping
// file and in a mapping built in code alike.
func unknownRoleHint(role string) string {
	return unknownKeyHint(role, mappingRoleKeys, "可用的键："+mappingKeys())
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
			im.diags.Errorf(m.pos("columns."+k), unknownRoleHint(k), "不认识的列用途“%s”", k)
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
