package seeds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const seedFile = "000_0294fb1cead92004.txt"

// seedName is the name the seed is extracted under in the tests: the path
// from the repository root, as the default ruleset's source says.
const seedName = "seeds/" + seedFile

func seedDraft(t testing.TB) (*Draft, []byte, rules.Diagnostics) {
	t.Helper()
	src, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	d, diags := Extract(seedName, src, Options{})
	return d, src, diags
}

// expected is one line of testdata/seed_expected.txt.
type expected struct {
	group, contains, kind, value, unit, id string
	line                                   int
}

func loadExpected(t testing.TB) []expected {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "seed_expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []expected
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) != 6 {
			t.Fatalf("seed_expected.txt:%d: want 6 fields, have %d", n, len(parts))
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		out = append(out, expected{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (e expected) matches(f Found) bool {
	val := f.Value
	if f.Operator == "range" {
		val = f.Low + "~" + f.High
	}
	if val == "" {
		val = "-"
	}
	return f.Group == e.group && strings.Contains(f.Sentence, e.contains) && f.Operator == e.kind &&
		val == e.value && f.Unit == e.unit && (e.id == "" || f.ID == e.id)
}

// TestSeedRecall measures what the extractor finds in the seed against the
// hand-written list: all 12 headline targets must be found; the tasks of
// section 三 are measured and must not fall below a floor.
// Run with: go test -run Recall -v ./seeds/
func TestSeedRecall(t *testing.T) {
	d, _, _ := seedDraft(t)
	exp := loadExpected(t)
	used := make([]bool, len(d.Targets))
	type tally struct{ wanted, found, matched int }
	by := map[string]*tally{rules.GroupHeadline: {}, GroupTasks: {}}
	for _, f := range d.Targets {
		if by[f.Group] == nil {
			by[f.Group] = &tally{}
		}
		by[f.Group].found++
	}
	for _, e := range exp {
		by[e.group].wanted++
		hit := false
		for i, f := range d.Targets {
			if !used[i] && e.matches(f) {
				used[i], hit = true, true
				by[e.group].matched++
				break
			}
		}
		if !hit {
			msg := "seed_expected.txt:%d: missed %s %q (%s %s %s)"
			if e.group == rules.GroupHeadline {
				t.Errorf(msg, e.line, e.group, e.contains, e.kind, e.value, e.unit)
			} else {
				t.Logf(msg, e.line, e.group, e.contains, e.kind, e.value, e.unit)
			}
		}
	}
	for i, f := range d.Targets {
		if !used[i] {
			t.Logf("not in the expected list: %s:%d:%d %s %s", seedName, f.Line, f.Col, describe(f), f.Sentence)
		}
	}
	for _, g := range []string{rules.GroupHeadline, GroupTasks} {
		c := by[g]
		t.Logf("seed %s: recall %d/%d = %.1f%%, precision %d/%d = %.1f%%",
			g, c.matched, c.wanted, pct(c.matched, c.wanted), c.matched, c.found, pct(c.matched, c.found))
	}
	if c := by[GroupTasks]; pct(c.matched, c.wanted) < 95 || pct(c.matched, c.found) < 90 {
		t.Errorf("section 三 fell below the floor (recall 95%%, precision 90%%): recall %d/%d, precision %d/%d",
			c.matched, c.wanted, c.matched, c.found)
	}
}

// TestSeedHeadlineMatchesDefault compares the drafted headline targets with
// the hand-made default ruleset of the same report, field by field: their
// ids are stable. (The section-三 tasks are matched by TestExtractFindsDefault.)
func TestSeedHeadlineMatchesDefault(t *testing.T) {
	d, _, _ := seedDraft(t)
	def := rules.Default().Group(rules.GroupHeadline)
	for _, want := range def.Indicators {
		got := d.Ruleset.Indicator(want.ID)
		if got == nil {
			t.Errorf("%s: not drafted", want.ID)
			continue
		}
		if got.Name != want.Name || got.Measure != want.Measure || got.Target.Kind != want.Target.Kind ||
			got.Polarity != want.Polarity || got.Category != want.Category || got.Target.Text != want.Target.Text ||
			got.Quote != want.Quote || got.Target.With != want.Target.With {
			t.Errorf("%s: drafted %q %s %s %s %s %q %q with=%q\n want %q %s %s %s %s %q %q with=%q", want.ID,
				got.Name, got.Measure, got.Target.Kind, got.Polarity, got.Category, got.Target.Text, got.Quote, got.Target.With,
				want.Name, want.Measure, want.Target.Kind, want.Polarity, want.Category, want.Target.Text, want.Quote, want.Target.With)
		}
		// The draft keeps the report's unit (1 万人); the default counts
		// persons (10000 人).
		gv, wv := got.Target.Value, want.Target.Value
		if got.Unit != want.Unit {
			if got.Unit != "万"+want.Unit {
				t.Errorf("%s: unit %q, want %q or 万%s", want.ID, got.Unit, want.Unit, want.Unit)
			}
			gv = gv.Shift(4)
		}
		if !gv.Equal(wv) {
			t.Errorf("%s: value %s %s, want %s %s", want.ID, got.Target.Value, got.Unit, wv, want.Unit)
		}
	}
}

func TestSeedDraft(t *testing.T) {
	d, src, diags := seedDraft(t)
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	rs := d.Ruleset
	if rs.Entity != "红旗区" || rs.Year != 2019 || rs.Source != seedName || rs.ID != "draft-2019" {
		t.Errorf("ruleset %q %q %d %q", rs.ID, rs.Entity, rs.Year, rs.Source)
	}
	if len(rs.Indicators) != len(d.Targets) {
		t.Fatalf("%d indicators, %d targets", len(rs.Indicators), len(d.Targets))
	}
	idRe := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	for i, ind := range rs.Indicators {
		f := d.Targets[i]
		checkFound(t, string(src), f)
		if f.ID != ind.ID || f.Sentence != ind.Quote {
			t.Errorf("target %d: %s %q, indicator %s %q", i, f.ID, f.Sentence, ind.ID, ind.Quote)
		}
		if !idRe.MatchString(ind.ID) {
			t.Errorf("bad id %q", ind.ID)
		}
		if !ind.Weight.IsZero() {
			t.Errorf("%s: weight %s, want 0", ind.ID, ind.Weight)
		}
		if len(ind.Todo) < 3 || ind.Todo[0] != TodoWeight || ind.Todo[1] != TodoScoring || ind.Todo[2] != TodoLead {
			t.Errorf("%s: todo %q", ind.ID, ind.Todo)
		}
		if f.Line < 29 {
			t.Errorf("%s: a target in section 一 (line %d): %q", ind.ID, f.Line, f.Sentence)
		}
		if strings.Contains(ind.Quote, "bookmark") {
			t.Errorf("%s: quote with conversion noise: %q", ind.ID, ind.Quote)
		}
		if ind.Measure == rules.Rank && ind.Target.N == 0 && !strings.Contains(strings.Join(ind.Todo, ""), "名次待定") {
			t.Errorf("%s: a 前列 target without 名次待定: %q", ind.ID, ind.Todo)
		}
	}
}

// TestSeedYAML checks the draft's YAML against its golden file (rewrite
// with -update) and reads it back with rules.Parse.
func TestSeedYAML(t *testing.T) {
	d, _, _ := seedDraft(t)
	out, err := d.YAML()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed_draft.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./seeds/ -run TestSeedYAML -update)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("draft YAML differs from %s (run with -update after checking the change)", golden)
	}

	// A draft parses cleanly: its only diagnostics are warnings about what
	// a person must still decide (todo items, weights all 0).
	_, diags := rules.Parse("seed_draft.yaml", out)
	for _, dg := range diags.Errors() {
		t.Errorf("parse error: %v", dg)
	}
	for _, dg := range diags {
		if dg.Severity == rules.Warning && !strings.Contains(dg.Summary, "待定事项") && !strings.Contains(dg.Summary, "权重之和为 0") {
			t.Errorf("parse warning: %v", dg)
		}
	}

	// With weights filled in, the draft reads back equal.
	rs := d.Ruleset
	saved := make([]decimal.Decimal, len(rs.Indicators))
	for i, ind := range rs.Indicators {
		saved[i], ind.Weight = ind.Weight, decimal.NewFromInt(1)
	}
	defer func() {
		for i, ind := range rs.Indicators {
			ind.Weight = saved[i]
		}
	}()
	weighted, err := rules.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	back, diags := rules.Parse("seed_draft.yaml", weighted)
	if diags.HasErrors() {
		t.Fatalf("weighted draft: %v", diags.Errors())
	}
	if len(back.Indicators) != len(rs.Indicators) {
		t.Fatalf("%d indicators back, want %d", len(back.Indicators), len(rs.Indicators))
	}
	for i, got := range back.Indicators {
		want := *rs.Indicators[i]
		g := *got
		g.Pos, want.Pos = rules.Pos{}, rules.Pos{}
		if a, b := render(g), render(want); a != b {
			t.Errorf("indicator %s differs after the round trip\n got %s\nwant %s", want.ID, a, b)
		}
	}
}

// render prints an indicator with its decimals as text.
func render(ind rules.Indicator) string {
	b, _ := json.Marshal(struct {
		I          rules.Indicator
		V, L, H, W string
	}{ind, ind.Target.Value.String(), ind.Target.Low.String(), ind.Target.High.String(), ind.Weight.String()})
	return string(b)
}

// TestSeedJSON checks that the JSON draft holds no float: the only JSON
// numbers are counts and positions.
func TestSeedJSON(t *testing.T) {
	d, _, _ := seedDraft(t)
	out, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	ints := map[string]bool{"year": true, "line": true, "col": true, "offset": true, "precision": true, "n": true,
		"years": true, "top_n": true}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(k, e)
			}
		case []any:
			for _, e := range x {
				walk(key, e)
			}
		case json.Number:
			if !ints[key] || strings.ContainsAny(string(x), ".eE") {
				t.Errorf("JSON number %s under %q: numbers must be decimal strings", x, key)
			}
		}
	}
	walk("", v)
	for _, s := range []string{`"value": "8.5"`, `"value": "164.4"`, `"weight": "0"`, `"entity": "红旗区"`, `"due": "2019-04"`} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("JSON lacks %s", s)
		}
	}
}

func TestExtractOptions(t *testing.T) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := Extract(seedName, src, Options{Entity: "某区", Year: 2020})
	if d.Ruleset.Entity != "某区" || d.Ruleset.Year != 2020 {
		t.Errorf("options not applied: %q %d", d.Ruleset.Entity, d.Ruleset.Year)
	}
	for _, f := range d.Targets {
		if f.Due != "" && !strings.HasPrefix(f.Due, "2020-") {
			t.Errorf("%s: due %s in a 2020 ruleset", f.ID, f.Due)
		}
	}
	// Without a year the draft is written, its year to be decided
	// (TestExtractNoYear).
	d, diags := Extract("empty.txt", []byte("各位代表：\n现在，我代表区人民政府向大会报告工作。\n"), Options{})
	if diags.HasErrors() || d.Ruleset.Year != 0 || len(d.Todo) != 1 {
		t.Errorf("a report without a year: year %d, todo %q, %v", d.Ruleset.Year, d.Todo, diags)
	}
}

// TestNoiseAndHeadings checks that conversion noise and mixed heading
// numbering neither become targets nor enter quotes, and that sections
// are tracked.
func TestNoiseAndHeadings(t *testing.T) {
	text := "某某区2019年政府工作报告\r\n" +
		"一、2018年工作回顾\r\n" +
		"（1） 经济运行\r\n" +
		"地区生产总值同比增长8%；签约项目38个。\r\n" +
		"二、2019年总体要求\r\n" +
		"2019年经济社会发展预期目标：主要民生指标方面，城镇新增就业1万人以上。\r\n" +
		"三、2019年工作安排\r\n" +
		"[bookmark: _GoBack]（二）以“3511工程”为抓手\r\n" +
		"[bookmark: _Hlk2492427]着力提升城市功能品质。新建公厕3座[bookmark: _Hlk1]、提升改造4座。\r\n" +
		"（6） 利民惠民\r\n" +
		"新增4家大学生见习基地。"
	d, diags := Extract("noise.txt", []byte(text), Options{Entity: "某某区"})
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, f := range d.Targets {
		checkFound(t, text, f)
		got = append(got, f.ID+" "+f.Group+" "+f.Category+" "+f.Section+" | "+f.Sentence)
	}
	want := []string{
		"new_urban_jobs 主要预期目标 民生 二、2019年总体要求 | 城镇新增就业1万人以上",
		"t3_01 重点工作任务 民生 三、2019年工作安排 / （二）以“3511工程”为抓手 | 新建公厕3座",
		"t3_02 重点工作任务 总量 三、2019年工作安排 / （二）以“3511工程”为抓手 | 提升改造4座",
		"t3_03 重点工作任务 民生 三、2019年工作安排 / （6） 利民惠民 | 新增4家大学生见习基地",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
