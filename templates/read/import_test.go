package read

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

func TestImportFoldName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "地区生产总值", "地区生产总值"},
		{"unit in full-width brackets", "地区生产总值（亿元）", "地区生产总值"},
		{"numbering 1、", "1、地区生产总值", "地区生产总值"},
		{"numbering （一）", "（一）社会消费品零售总额", "社会消费品零售总额"},
		{"numbering 一、", "一、固定资产投资", "固定资产投资"},
		{"numbering ①", "①进出口总值", "进出口总值"},
		{"其中", "其中：规模以上工业增加值", "规模以上工业增加值"},
		{"trailing star", "全体居民人均可支配收入*", "全体居民人均可支配收入"},
		{"full-width star and digits", "１０、全体居民人均可支配收入＊", "全体居民人均可支配收入"},
		{"spaces inside", "地 区 生 产 总 值", "地区生产总值"},
		{"note in square brackets", "一般公共预算收入【快报】", "一般公共预算收入"},
		{"nested brackets", "城镇新增就业(人数(万人))", "城镇新增就业"},
		{"unclosed bracket", "地区生产总值（亿元", "地区生产总值"},
		{"trailing colon", "地区生产总值：", "地区生产总值"},
		{"latin letters folded", "Ｒ＆Ｄ经费内部支出", "r&d经费内部支出"},
		{"only numbering", "1、", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := importFoldName(tt.in)
			if got != tt.want {
				t.Errorf("importFoldName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := importFoldName(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestImportMatchHeader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		role headerRole
		unit string
	}{
		{"merged 1-12月 over 绝对量", "1-12月|绝对量", roleLevel, ""},
		{"merged 1-12月 over growth", "1-12月|比上年增长%", roleGrowth, "%"},
		{"本年累计 with unit", "本年累计（亿元）", roleLevel, "亿元"},
		{"上年同期", "上年同期", rolePrevLevel, ""},
		{"上年同期 over 绝对量", "上年同期|绝对量", rolePrevLevel, ""},
		{"同比±%", "同比±%", roleGrowth, "%"},
		{"增幅", "增幅(%)", roleGrowth, "%"},
		{"last year's growth is not read", "上年同期增速", roleIgnore, "%"[:0]},
		{"比上年同期增长 is growth", "比上年同期增长（%）", roleGrowth, "%"},
		{"上年 over 增速 is last year's growth", "上年|增速", roleIgnore, ""},
		{"本年 over 增速", "本年|增速", roleGrowth, ""},
		{"上年 over 绝对值", "上年|绝对值", rolePrevLevel, ""},
		{"target column", "全年目标", roleIgnore, ""},
		{"completion ratio", "完成率(%)", roleIgnore, "%"},
		{"rank", "全市位次", roleRank, ""},
		{"done", "是否完成", roleDone, ""},
		{"unit column", "计量单位", roleUnit, ""},
		{"name column", "指标名称", roleName, ""},
		{"this year", "2019年", roleLevel, ""},
		{"last year", "2018年", rolePrevLevel, ""},
		{"last year over 绝对量", "2018年|绝对量", rolePrevLevel, ""},
		{"year over growth", "2019年|增长%", roleGrowth, "%"},
		{"monthly", "本月", roleLevel, ""},
		{"only a unit", "（万元）", roleLevel, "万元"},
		{"a unit note is no header", "单位：万元、%", roleNone, "万元"},
		{"notes", "备注", roleIgnore, ""},
		{"nothing", "列1", roleNone, ""},
		{"full-width", "本年累计（亿元）　", roleLevel, "亿元"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := importMatchHeader(tt.in, 2019)
			if m.Role != tt.role || m.Unit != tt.unit {
				t.Errorf("importMatchHeader(%q) = %v %q, want %v %q", tt.in, m.Role, m.Unit, tt.role, tt.unit)
			}
		})
	}
	if a, b := importMatchHeader("本月", 2019), importMatchHeader("1-12月累计", 2019); a.Rank >= b.Rank {
		t.Errorf("a monthly column must rank below a cumulative one: %d ≥ %d", a.Rank, b.Rank)
	}
}

func TestImportUnits(t *testing.T) {
	tests := []struct {
		name       string
		value      string
		from, to   string
		want       string
		convertErr bool
	}{
		{"万元 to 亿元", "2105000", "万元", "亿元", "210.5", false},
		{"元 to 亿元", "91500000", "元", "亿元", "0.915", false},
		{"亿元 to 万元", "1.56", "亿元", "万元", "15600", false},
		{"万人 to 人", "1.12", "万人", "人", "11200", false},
		{"full-width percent", "3.2", "％", "%", "3.2", false},
		{"万美元 is not 亿元", "4780", "万美元", "亿元", "", true},
		{"万人 is not 亿元", "1", "万人", "亿元", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, ok1 := importParseUnit(tt.from)
			to, ok2 := importParseUnit(tt.to)
			if !ok1 || !ok2 {
				t.Fatalf("units %q %q not parsed", tt.from, tt.to)
			}
			got, ok := importConvert(decimal.RequireFromString(tt.value), from, to)
			if ok == tt.convertErr {
				t.Fatalf("convert ok = %v", ok)
			}
			if ok && got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	for _, tt := range []struct{ in, want string }{{"亿元 / %", "亿元"}, {"元/人", "元"}, {"万元／%", "万元"}} {
		if u, ok := importParseUnit(tt.in); !ok || u.text != tt.want {
			t.Errorf("importParseUnit(%q) = %v %v, want %s", tt.in, u, ok, tt.want)
		}
	}
	for _, bad := range []string{"万块", "", "桶", "/人", "斤/%"} {
		if _, ok := importParseUnit(bad); ok {
			t.Errorf("importParseUnit(%q) should fail", bad)
		}
	}
}

func TestParseMapping(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr string // fragment, with position "file:line:col"
		check   func(t *testing.T, m *Mapping)
	}{
		{name: "full", src: "sheet: 主要指标\nheader_row: [3, 4]\nindicators:\n  gdp_growth: {row: 5}\n  retail_growth: {name: \"社零（亿元）\"}\n" +
			"columns:\n  level: c\n  growth: D\n  prev_level: B\nunits: {rd_growth: 万元}\n",
			check: func(t *testing.T, m *Mapping) {
				if m.Sheet != "主要指标" || len(m.HeaderRows) != 2 || m.HeaderRows[1] != 4 {
					t.Errorf("sheet/header: %q %v", m.Sheet, m.HeaderRows)
				}
				if m.Indicators["gdp_growth"].Row != 5 || m.Indicators["retail_growth"].Name != "社零（亿元）" {
					t.Errorf("indicators: %v", m.Indicators)
				}
				if m.Columns["level"] != "C" || m.Columns["prev_level"] != "B" || m.Units["rd_growth"] != "万元" {
					t.Errorf("columns/units: %v %v", m.Columns, m.Units)
				}
			}},
		{name: "row as a bare number", src: "indicators:\n  gdp_growth: 7\n", check: func(t *testing.T, m *Mapping) {
			if m.Indicators["gdp_growth"].Row != 7 {
				t.Errorf("row: %v", m.Indicators)
			}
		}},
		{name: "unknown key", src: "sheet: a\nheaders: 3\n", wantErr: "map.yaml:2:1: 不认识的键“headers”"},
		{name: "bad column", src: "columns:\n  level: 3\n", wantErr: "map.yaml:2:10: “3”不是列字母"},
		{name: "unknown role", src: "columns:\n  levle: C\n", wantErr: "map.yaml:2:3: 不认识的列用途“levle”"},
		{name: "bad row", src: "indicators:\n  gdp_growth: {row: 0}\n", wantErr: "map.yaml:2:21: 行号“0”不是行号"},
		{name: "row and name", src: "indicators:\n  gdp_growth: {row: 3, name: GDP}\n", wantErr: "map.yaml:2:3: 指标 gdp_growth 同时写了 row 和 name"},
		{name: "bad unit", src: "units: {gdp_growth: 斤}\n", wantErr: "map.yaml:1:21: 无法识别的单位“斤”"},
		{name: "not yaml", src: "sheet: [a\n", wantErr: "映射文件不是有效的 YAML"},
		{name: "empty", src: "", wantErr: "map.yaml: 映射文件是空的"},
		{name: "a list", src: "- a\n", wantErr: "map.yaml:1:1: 映射文件的顶层应是映射"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := ParseMapping("map.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if m != nil || !strings.Contains(ds.Error(), tt.wantErr) {
					t.Fatalf("want error %q, got %v", tt.wantErr, ds.Error())
				}
				return
			}
			if ds.HasErrors() || m == nil {
				t.Fatalf("unexpected errors: %v", ds.Error())
			}
			tt.check(t, m)
		})
	}
}

// TestImportMappingUnknownID: a mapping naming an indicator the ruleset
// lacks is an error at the mapping's line, with a suggestion.
func TestImportMappingUnknownID(t *testing.T) {
	m, ds := ParseMapping("map.yaml", []byte("indicators:\n  gdp_grwoth: {row: 3}\n"))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	data, err := os.ReadFile(filepath.Join(corpusDir, "csv-utf8.csv"))
	if err != nil {
		t.Fatal(err)
	}
	_, ds, _ = ImportActuals("a.csv", data, rules.Default(), ImportOptions{Mapping: m})
	want := "map.yaml:2:3: 规则集中没有指标 gdp_grwoth（提示: 是不是 gdp_growth？）"
	if !strings.Contains(ds.Error(), want) {
		t.Errorf("want %q, got\n%v", want, ds.Error())
	}
}

func TestImportReportWrite(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "bureau-merged.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	_, ds, rep := ImportActuals("bureau-merged.xlsx", data, rules.Default(), ImportOptions{})
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	var b bytes.Buffer
	if err := rep.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"读取的工作表：主要指标（匹配 10 个指标）",
		"表头：第 3、4 行；指标名称在 A 列",
		"C 列「1-12月|绝对量」→ 本年值",
		"D 列「1-12月|比上年增长%」→ 增速",
		"gdp_growth 地区生产总值（本年值）：C5「1-12月|绝对量」原文“2105000”→ 210.5（万元 换算为 亿元）",
		"A15 11、全员劳动生产率",
		"public_services_rank",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestImportNilRuleset(t *testing.T) {
	_, ds, rep := ImportActuals("x.csv", []byte("a,b\n"), nil, ImportOptions{})
	if !ds.HasErrors() || rep == nil {
		t.Fatalf("want an error and a report, got %v", ds)
	}
}

// importFuzzSlow is how long one fuzz input may take: a hang or a bomb
// shows up as a failing input.
const importFuzzSlow = 20 * time.Second

// FuzzImportActuals: no input panics or hangs, and every diagnostic is
// positioned.
func FuzzImportActuals(f *testing.F) {
	for _, name := range []string{"csv-utf8.csv", "csv-quoted.csv", "csv-gb18030.csv", "formula-no-cache.xlsx",
		"error-cell.xlsx", "old-format.xls", "truncated.xlsx", "empty.xlsx", "document-renamed.xlsx"} {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("指标,本年,增速\n地区生产总值,210.5,8.6\n地区生产总值,1,2\n"))
	f.Add([]byte("\"a\nb\",\"\n"))
	rs := rules.Default()
	importRecoverPanics = false
	defer func() { importRecoverPanics = true }()
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			acts eval.Actuals
			ds   rules.Diagnostics
			rep  *ImportReport
		)
		done := make(chan struct{})
		go func() {
			defer close(done)
			acts, ds, rep = ImportActuals("in.xlsx", data, rs, ImportOptions{})
		}()
		select {
		case <-done:
		case <-time.After(importFuzzSlow):
			t.Fatalf("reading %d bytes took longer than %v", len(data), importFuzzSlow)
		}
		if rep == nil {
			t.Fatal("nil report")
		}
		for _, d := range ds {
			if d.Pos.File == "" {
				t.Fatalf("diagnostic without a position: %v", d)
			}
			if !utf8.ValidString(d.Error()) {
				t.Fatalf("diagnostic is not valid UTF-8: %q", d.Error())
			}
		}
		if ds.HasErrors() {
			return
		}
		for id, a := range acts.Values {
			if rs.Indicator(id) == nil {
				t.Fatalf("unknown indicator %s", id)
			}
			for _, src := range a.Sources {
				f, p := src.Field, src.Pos
				if p.File == "" {
					t.Fatalf("%s.%s: source without a position", id, f)
				}
			}
		}
		var b bytes.Buffer
		if err := rep.Write(&b); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzMatchHeader: header and name texts never panic the matcher, and
// folding is idempotent.
func FuzzMatchHeader(f *testing.F) {
	for _, s := range []string{"1-12月|比上年增长%", "本年累计（亿元）", "2019年", "（一）地区生产总值（亿元）*",
		"其中：规上工业增加值", "单位：万元、%", "((a)", "1、1、", "①②", "上年同期增速", "Ｒ＆Ｄ", "第十二名"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := importMatchHeader(s, 2019)
		if m.Role < roleNone || m.Role > roleDate {
			t.Fatalf("role out of range: %d", m.Role)
		}
		if n := importFoldName(s); importFoldName(n) != n {
			t.Fatalf("importFoldName not idempotent: %q → %q → %q", s, n, importFoldName(n))
		}
		if h := importFoldHeader(s); importFoldHeader(h) != h {
			t.Fatalf("importFoldHeader not idempotent: %q → %q → %q", s, h, importFoldHeader(h))
		}
		if u, ok := importParseUnit(s); ok {
			if u2, ok2 := importParseUnit(u.text); !ok2 || u2 != u {
				t.Fatalf("unit %q reads as %v, its text %q as %v", s, u, u.text, u2)
			}
		}
		_ = importBracketed(s)
		_, _ = cell.ParseCellRank(s)
	})
}

// TestImportTemplate: the input template, filled, reads through the
// importer as it does through ReadActuals.
func TestImportTemplate(t *testing.T) {
	rs := rules.Default()
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, rs.Entity, fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	want, ds := ReadActuals("t.xlsx", buf.Bytes(), rs, ReadOptions{})
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	// The importer reads one sheet; the template has one per group. Read
	// each group's sheet with that group's indicators: every figure and
	// its cell must be what ReadActuals found.
	for _, g := range rs.Groups() {
		t.Run(g, func(t *testing.T) {
			sub := rs.Group(g)
			got, ds, rep := ImportActuals("t.xlsx", buf.Bytes(), sub, ImportOptions{Sheet: templates.InputSheetOf(rs, g)})
			if ds.HasErrors() {
				t.Fatal(ds.Error())
			}
			wantSub := eval.Actuals{Values: map[string]*eval.Actual{}}
			for _, ind := range sub.Indicators {
				if a := want.Values[ind.ID]; a != nil {
					wantSub.Values[ind.ID] = a
				}
			}
			if gs, ws := corpusSorted(corpusFigures(got)), corpusSorted(corpusFigures(wantSub)); gs != ws {
				var b bytes.Buffer
				rep.Write(&b)
				t.Errorf("figures differ:\n got %s\nwant %s\n%s", gs, ws, b.String())
			}
			for id, a := range wantSub.Values {
				for _, src := range a.Sources {
					f, p := src.Field, src.Pos
					if q := got.Values[id].Source(f); q != p {
						t.Errorf("%s.%s: source %v, ReadActuals says %v", id, f, q, p)
					}
				}
			}
		})
	}
}

// TestImportMappingBeyondTable: a mapping may name columns and rows
// beyond the table; they are empty, not a crash.
func TestImportMappingBeyondTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "csv-utf8.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m, ds := ParseMapping("m.yaml", []byte("header_row: 40\ncolumns: {level: Z, growth: AA, name: A}\nindicators: {gdp_growth: {row: 500}}\n"))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	importRecoverPanics = false
	defer func() { importRecoverPanics = true }()
	acts, ds, _ := ImportActuals("a.csv", data, rules.Default(), ImportOptions{Mapping: m})
	if len(corpusFigures(acts)) != 0 {
		t.Errorf("figures from empty columns: %v", corpusFigures(acts))
	}
	for _, d := range ds {
		if strings.Contains(d.Summary, "异常") {
			t.Error(d)
		}
	}
}

// FuzzImportMapping: any mapping file parses without a panic, every
// problem positioned; a mapping that parses imports a table without one.
func FuzzImportMapping(f *testing.F) {
	for _, s := range []string{
		"sheet: 主要指标\nheader_row: [3, 4]\nindicators:\n  gdp_growth: {row: 5}\ncolumns: {level: C, growth: D}\nunits: {rd_growth: 万元}\n",
		"indicators:\n  gdp_growth: {name: 地区生产总值}\n", "columns:\n  name: XFD\n", "header_row: 1048576\n", "{", "- 1\n",
	} {
		f.Add(s)
	}
	data, err := os.ReadFile(filepath.Join(corpusDir, "csv-utf8.csv"))
	if err != nil {
		f.Fatal(err)
	}
	rs := rules.Default()
	importRecoverPanics = false
	defer func() { importRecoverPanics = true }()
	f.Fuzz(func(t *testing.T, src string) {
		m, ds := ParseMapping("m.yaml", []byte(src))
		for _, d := range ds {
			if d.Pos.File == "" {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
		if m == nil {
			if !ds.HasErrors() {
				t.Fatal("no mapping and no error")
			}
			return
		}
		_, ds, _ = ImportActuals("a.csv", data, rs, ImportOptions{Mapping: m})
		for _, d := range ds {
			if d.Pos.File == "" {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
	})
}
