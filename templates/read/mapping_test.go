package read

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
)

// TestParseMappingDiagnostics: each problem of a mapping file comes back at
// its line and column, with its summary and hint, and nothing else does.
func TestParseMappingDiagnostics(t *testing.T) {
	const (
		yamlHint  = "（提示: 映射文件是 YAML：键和值之间用冒号加空格，缩进用空格）"
		emptyHint = "（提示: 写上 sheet、header_row、indicators、columns 或 units）"
		rowHint   = "（提示: 行号从 1 开始，与 Excel 左侧的行号相同）"
		colHint   = "（提示: 列用字母表示，如 C）"
		dupHint   = "（提示: 删除重复的一项）"
	)
	tests := []struct {
		name string
		src  string
		want []string // every diagnostic, as printed
	}{
		// Not YAML, or nothing in it.
		{"not yaml", "sheet: [a\n",
			[]string{"map.yaml:1:1: 映射文件不是有效的 YAML（did not find expected ',' or ']'）" + yamlHint}},
		{"not yaml on line 2", "indicators:\n\tgdp_growth: 5\n",
			[]string{"map.yaml:2:1: 映射文件不是有效的 YAML（found character that cannot start any token）" + yamlHint}},
		{"not yaml, no line known", "\t\n",
			[]string{"map.yaml: 映射文件不是有效的 YAML（found character that cannot start any token）" + yamlHint}},
		{"empty file", "", []string{"map.yaml: 映射文件是空的" + emptyHint}},
		{"only a comment", "# 以后再写\n", []string{"map.yaml: 映射文件是空的" + emptyHint}},
		{"an empty document", "---\n", []string{"map.yaml:1:1: 映射文件是空的" + emptyHint}},

		// Unknown keys, with the nearest known one.
		{"unknown top-level key with suggestion", "sheet: a\nheaders: 3\n",
			[]string{"map.yaml:2:1: 不认识的键“headers”（提示: 是不是 header_row？）"}},
		{"unknown top-level key without suggestion", "工作表: 数据\n",
			[]string{"map.yaml:1:1: 不认识的键“工作表”（提示: 可用的键：sheet、header_row、indicators、columns、units）"}},
		{"unknown column role with suggestion", "columns:\n  levle: C\n",
			[]string{"map.yaml:2:3: 不认识的列用途“levle”（提示: 是不是 level？）"}},
		{"unknown column role without suggestion", "columns: {本年: C}\n",
			[]string{"map.yaml:1:11: 不认识的列用途“本年”（提示: 可用的键：date、done、growth、level、name、prev_level、rank、unit）"}},
		{"unknown indicator key with suggestion", "indicators:\n  gdp_growth: {rwo: 5}\n",
			[]string{"map.yaml:2:16: 不认识的键“rwo”（提示: 是不是 row？）"}},
		{"unknown indicator key without suggestion", "indicators:\n  gdp_growth: {列: C}\n",
			[]string{"map.yaml:2:16: 不认识的键“列”（提示: 指标下可写 row（行号）或 name（名称单元格的文字））"}},

		// Values that are not what the key holds.
		{"bad column letters", "columns:\n  level: 3\n  growth: ZZZZ\n", []string{
			"map.yaml:2:10: “3”不是列字母" + colHint,
			"map.yaml:3:11: “ZZZZ”不是列字母" + colHint}},
		{"bad header row", "header_row: [3, 第四行]\n",
			[]string{"map.yaml:1:17: header_row “第四行”不是行号" + rowHint}},
		{"bad indicator row", "indicators:\n  gdp_growth: {row: 0}\n  fai_growth: 1048577\n", []string{
			"map.yaml:2:21: 行号“0”不是行号" + rowHint,
			"map.yaml:3:15: 行号“1048577”不是行号" + rowHint}},
		{"bad unit", "units: {gdp_growth: 斤}\n",
			[]string{"map.yaml:1:21: 无法识别的单位“斤”（提示: 可用的单位如 亿元、万元、元、万人、人、%）"}},
		{"row and name", "indicators:\n  gdp_growth: {row: 3, name: GDP}\n",
			[]string{"map.yaml:2:3: 指标 gdp_growth 同时写了 row 和 name（提示: 只写 row 或只写 name）"}},

		// Wrong kinds, each with what was expected.
		{"wrong type: top level a list", "- a\n",
			[]string{"map.yaml:1:1: 映射文件的顶层应是映射（sheet:、columns: …），这里是列表（提示: 映射文件的顶层是“键: 值”的列表）"}},
		{"wrong type: top level a word", "数据\n",
			[]string{"map.yaml:1:1: 映射文件的顶层应是映射（sheet:、columns: …），这里是“数据”（提示: 映射文件的顶层是“键: 值”的列表）"}},
		{"wrong type: sheet", "sheet: [数据, 汇总]\n",
			[]string{"map.yaml:1:8: sheet 应是工作表的名称，这里是列表（提示: 例如 sheet: 主要指标）"}},
		{"wrong type: header_row", "header_row: {row: 3}\n",
			[]string{"map.yaml:1:13: header_row 应是行号或行号的列表，如 3 或 [3, 4]，这里是映射" + rowHint}},
		{"wrong type: indicators", "indicators: [gdp_growth]\n",
			[]string{"map.yaml:1:13: indicators 应是“指标编码: {row: 行号}”的映射，这里是列表（提示: 例如 indicators: {gdp_growth: {row: 5}}）"}},
		{"wrong type: indicators empty", "indicators:\n",
			[]string{"map.yaml:1:12: indicators 应是“指标编码: {row: 行号}”的映射，这里是空值（提示: 例如 indicators: {gdp_growth: {row: 5}}）"}},
		{"wrong type: an indicator", "indicators:\n  gdp_growth: [5]\n",
			[]string{"map.yaml:2:15: 指标 gdp_growth 应写成 {row: 行号} 或 {name: 名称}，这里是列表（提示: 例如 gdp_growth: {row: 5}）"}},
		{"wrong type: row", "indicators:\n  gdp_growth: {row: [5]}\n",
			[]string{"map.yaml:2:21: 指标 gdp_growth 的 row 应是行号，这里是列表" + rowHint}},
		{"wrong type: name", "indicators:\n  gdp_growth: {name: {a: b}}\n",
			[]string{"map.yaml:2:22: 指标 gdp_growth 的 name 应是名称单元格的文字，这里是映射（提示: 例如 {name: 地区生产总值}）"}},
		{"wrong type: an alias", "sheet: &s 数据\nindicators: {gdp_growth: {name: *s}}\n",
			[]string{"map.yaml:2:33: 指标 gdp_growth 的 name 应是名称单元格的文字，这里是别名（提示: 例如 {name: 地区生产总值}）"}},
		{"wrong type: columns", "columns: C\n",
			[]string{"map.yaml:1:10: columns 应是“用途: 列字母”的映射，这里是“C”（提示: 例如 columns: {level: C, growth: D}）"}},
		{"wrong type: a column", "columns:\n  level: [C, D]\n",
			[]string{"map.yaml:2:10: columns.level 应是列字母，这里是列表" + colHint}},
		{"wrong type: units", "units: 万元\n",
			[]string{"map.yaml:1:8: units 应是“指标编码: 单位”的映射，这里是“万元”（提示: 例如 units: {rd_growth: 万元}）"}},
		{"wrong type: a unit", "units:\n  rd_growth: {unit: 万元}\n",
			[]string{"map.yaml:2:14: units.rd_growth 应是单位，这里是映射（提示: 例如 units: {rd_growth: 万元}）"}},

		// Keys written twice, at the second.
		{"duplicate top-level key", "sheet: 数据\nsheet: 汇总\n",
			[]string{"map.yaml:2:1: 键“sheet”写了两次" + dupHint}},
		{"duplicate header_row spelled twice", "header_row: 3\nheader_rows: [3, 4]\n",
			[]string{"map.yaml:2:1: 键“header_rows”写了两次" + dupHint}},
		{"duplicate indicator", "indicators:\n  gdp_growth: 5\n  gdp_growth: {row: 6}\n",
			[]string{"map.yaml:3:3: 指标 gdp_growth 写了两次" + dupHint}},
		{"duplicate indicator key", "indicators:\n  gdp_growth: {row: 5, row: 6}\n",
			[]string{"map.yaml:2:24: 指标 gdp_growth 中的键“row”写了两次" + dupHint}},
		{"duplicate column", "columns:\n  level: C\n  level: D\n",
			[]string{"map.yaml:3:3: columns 中的键“level”写了两次" + dupHint}},
		{"duplicate unit", "units: {rd_growth: 万元, rd_growth: 亿元}\n",
			[]string{"map.yaml:1:24: units 中的键“rd_growth”写了两次" + dupHint}},

		// Several problems: all of them, in the order of the file.
		{"several", "columns:\n  levle: C\nsheet: [a]\nheaders: 1\n", []string{
			"map.yaml:2:3: 不认识的列用途“levle”（提示: 是不是 level？）",
			"map.yaml:3:8: sheet 应是工作表的名称，这里是列表（提示: 例如 sheet: 主要指标）",
			"map.yaml:4:1: 不认识的键“headers”（提示: 是不是 header_row？）"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := ParseMapping("map.yaml", []byte(tt.src))
			if m != nil {
				t.Errorf("a mapping came back with errors: %+v", m)
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestParseMappingAccepts: what a mapping file may hold, read as it was
// before the decoder was rebuilt.
func TestParseMappingAccepts(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Mapping
	}{
		{"header_rows spelling, sorted", "header_rows: [4, 3]\n", Mapping{HeaderRows: []int{3, 4}}},
		{"one header row", "header_row: 2\n", Mapping{HeaderRows: []int{2}}},
		{"numbers as text and text as numbers", "sheet: 2019\nindicators: {gdp_growth: \"5\", fai_growth: {row: 06}}\n",
			Mapping{Sheet: "2019", Indicators: map[string]MappingIndicator{"gdp_growth": {Row: 5}, "fai_growth": {Row: 6}}}},
		{"letters upper-cased", "columns: {name: a, level: xfd}\n",
			Mapping{Columns: map[string]string{"name": "A", "level": "XFD"}}},
		{"an empty name is no placement", "indicators: {gdp_growth: {name: \"\"}}\n", Mapping{}},
		{"units as written", "units: {rd_growth: 万元, new_urban_jobs: 人}\n",
			Mapping{Units: map[string]string{"rd_growth": "万元", "new_urban_jobs": "人"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := ParseMapping("map.yaml", []byte(tt.src))
			if len(ds) > 0 || m == nil {
				t.Fatalf("unexpected problems: %v", ds.Error())
			}
			if m.Sheet != tt.want.Sheet || !slices.Equal(m.HeaderRows, tt.want.HeaderRows) || !maps.Equal(m.Indicators, tt.want.Indicators) ||
				!maps.Equal(m.Columns, tt.want.Columns) || !maps.Equal(m.Units, tt.want.Units) {
				t.Errorf("got %+v\nwant %+v", *m, tt.want)
			}
		})
	}
}

// TestMappingImportDiagnostics: what only the import can tell (the ruleset
// has no such indicator; a mapping built in code names an unknown column
// key) is reported at the mapping's own line, with the nearest known name.
func TestMappingImportDiagnostics(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "csv-utf8.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string   // a mapping file; or, when empty, m
		m    *Mapping // a mapping built in code
		want []string // the diagnostics about the mapping, as printed
	}{
		{name: "unknown indicator id with suggestion", src: "indicators:\n  gdp_grwoth: {row: 3}\n",
			want: []string{"map.yaml:2:3: 规则集中没有指标 gdp_grwoth（提示: 是不是 gdp_growth？）"}},
		{name: "unknown indicator id without suggestion", src: "indicators:\n  工业: 3\n",
			want: []string{"map.yaml:2:3: 规则集中没有指标 工业（提示: 指标编码见 attain rules list）"}},
		{name: "unknown unit id with suggestion", src: "units:\n  rd_grwth: 万元\n",
			want: []string{"map.yaml:2:3: 规则集中没有指标 rd_grwth（提示: 是不是 rd_growth？）"}},
		{name: "unknown column key in code", m: &Mapping{File: "--column", Columns: map[string]string{"levl": "D"}},
			want: []string{"--column: 不认识的列用途“levl”（提示: 是不是 level？）"}},
		{name: "bad letters in code", m: &Mapping{File: "--column", Columns: map[string]string{"level": "4"}},
			want: []string{"--column: “4”不是列字母（提示: 列用字母表示，如 C）"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			if tt.src != "" {
				var ds rules.Diagnostics
				if m, ds = ParseMapping("map.yaml", []byte(tt.src)); ds.HasErrors() {
					t.Fatal(ds.Error())
				}
			}
			_, ds, _ := ImportActuals("a.csv", data, rules.Default(), ImportOptions{Mapping: m})
			var got []string
			for _, d := range ds {
				if d.Pos.File == m.File {
					got = append(got, d.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
