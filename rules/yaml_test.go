package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDefaultRuleset(t *testing.T) {
	rs := Default()
	want := []string{"gdp_growth", "fai_growth", "retail_growth", "trade_growth",
		"industry_va_growth", "rd_growth", "revenue_growth", "new_urban_jobs",
		"unemployment_rate", "income_growth", "public_services_rank", "binding_targets"}
	if len(rs.Indicators) < len(want) {
		t.Fatalf("%d indicators, want at least %d", len(rs.Indicators), len(want))
	}
	for i, id := range want {
		if rs.Indicators[i].ID != id {
			t.Errorf("indicator %d is %s, want %s", i, rs.Indicators[i].ID, id)
		}
		if g := rs.Indicators[i].Group; g != GroupHeadline {
			t.Errorf("%s is in group %q, want %s", id, g, GroupHeadline)
		}
	}
	if got := rs.Groups(); len(got) != 2 || got[0] != GroupHeadline || got[1] != GroupTasks {
		t.Errorf("groups %q, want [%s %s]", got, GroupHeadline, GroupTasks)
	}
	headline, tasks := rs.Group(GroupHeadline), rs.Group(GroupTasks)
	if len(headline.Indicators) != len(want) {
		t.Errorf("%d headline indicators, want %d", len(headline.Indicators), len(want))
	}
	for _, g := range []*Ruleset{headline, tasks} {
		if !g.TotalWeight().Equal(decimal.NewFromInt(100)) {
			t.Errorf("weights of %s sum to %s, want 100", g.Indicators[0].Group, g.TotalWeight())
		}
	}
	if len(tasks.Indicators) != 44 {
		t.Errorf("%d tasks, want the 44 measurable commitments of section 三", len(tasks.Indicators))
	}
	for _, id := range []string{"gdp_growth", "industry_va_growth", "fai_growth"} {
		if rs.Indicator(id).DeriveGrowth {
			t.Errorf("%s must not derive growth from levels", id)
		}
	}
	rev := rs.Indicator("revenue_growth")
	if !rev.Baseline.Level.Decimal.Equal(decimal.RequireFromString("8.16")) || !rev.DeriveGrowth {
		t.Errorf("revenue baseline %v derive %v", rev.Baseline.Level, rev.DeriveGrowth)
	}
	if rs.Indicator("unemployment_rate").Polarity != Lower {
		t.Errorf("unemployment must be lower-is-better")
	}
}

// TestDefaultTasks checks the kinds of target the section-三 tasks carry:
// each task as the report words it, and a score that suits it.
func TestDefaultTasks(t *testing.T) {
	rs := Default()
	tests := []struct {
		id      string
		measure Measure
		kind    TargetKind
		value   string // "" for kinds without a number
		unit    string
		due     string
		years   int
		n       int
		method  ScoreMethod
	}{
		{id: "signed_projects", measure: Level, kind: AtLeast, value: "40", unit: "个", method: Ratio},
		{id: "signed_projects_investment", measure: Level, kind: AtLeast, value: "320", unit: "亿元", method: Ratio},
		{id: "patent_applications", measure: Level, kind: AtLeast, value: "500", unit: "件", method: Ratio},
		{id: "park863_tenants", measure: Level, kind: AtLeast, value: "10", unit: "家", method: Ratio},
		{id: "hr_park_tax", measure: Level, kind: AtLeast, value: "6000", unit: "万元", method: Ratio},
		{id: "crossborder_park_turnover", measure: Level, kind: Above, value: "20", unit: "亿元", method: Ratio},
		{id: "services_firm_share", measure: Level, kind: AtLeast, value: "93", unit: "%", method: Ratio},
		{id: "tax_million_buildings", measure: Level, kind: AtLeast, value: "2", unit: "座", method: Ratio},
		{id: "zhongde_park_phase1_start", measure: Milestone, kind: ByDate, due: "2019-04", method: PassFail},
		{id: "university_park_start", measure: Milestone, kind: ByDate, due: "2019-06", method: PassFail},
		{id: "smart_farm_operation", measure: Milestone, kind: ByDate, due: "2019-12", method: PassFail},
		{id: "air_quality_rank", measure: Rank, kind: TopN, unit: "名", method: PassFail},
		{id: "hotline_rank", measure: Rank, kind: TopN, unit: "名", n: 1, method: PassFail},
		{id: "prefab_base_area", measure: Level, kind: AtLeast, value: "1000", unit: "亩", years: 5, method: Ratio},
		{id: "international_college", measure: Level, kind: AtLeast, value: "1", unit: "所", years: 2, method: Ratio},
		{id: "illegal_fundraising_task", measure: YesNo, kind: Verdict, unit: "是/否", method: PassFail},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			ind := rs.Indicator(tc.id)
			if ind == nil {
				t.Fatalf("no indicator %s", tc.id)
			}
			tg := ind.Target
			if ind.Group != GroupTasks || ind.Measure != tc.measure || tg.Kind != tc.kind || tg.Due != tc.due ||
				tg.Years != tc.years || tg.N != tc.n || ind.Scoring.Method != tc.method {
				t.Errorf("%s %s %s due=%q years=%d n=%d %s, want %s %s %s due=%q years=%d n=%d %s", ind.Group,
					ind.Measure, tg.Kind, tg.Due, tg.Years, tg.N, ind.Scoring.Method, GroupTasks,
					tc.measure, tc.kind, tc.due, tc.years, tc.n, tc.method)
			}
			if tc.unit != "" && ind.Unit != tc.unit {
				t.Errorf("unit %q, want %q", ind.Unit, tc.unit)
			}
			if tc.value != "" && !tg.Value.Equal(decimal.RequireFromString(tc.value)) {
				t.Errorf("value %s, want %s", tg.Value, tc.value)
			}
		})
	}
	for _, ind := range rs.Group(GroupTasks).Indicators {
		if ind.Measure == Milestone && (!ind.Scoring.NearMissShare.Valid ||
			!ind.Scoring.NearMissShare.Decimal.Equal(decimal.RequireFromString("0.5"))) {
			t.Errorf("%s: a milestone done late must earn half its weight", ind.ID)
		}
		if ind.Weight.Sign() <= 0 {
			t.Errorf("%s: weight %s", ind.ID, ind.Weight)
		}
	}
}

// TestNumbersAreExact checks a number survives the YAML reader digit for digit.
func TestNumbersAreExact(t *testing.T) {
	src := strings.Replace(minimal, "value: 12", "value: 0.1000000000000000055511151231257827", 1)
	rs, diags := Parse("x.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got := rs.Indicators[0].Target.Value.String(); got != "0.1000000000000000055511151231257827" {
		t.Errorf("value read as %s", got)
	}
}

const minimal = `ruleset: x
entity: 测试区
year: 2019
indicators:
  - id: revenue_growth
    name: 一般公共预算收入
    category: 效益
    measure: growth
    unit: "%"
    target: {kind: at_least, value: 12}
    weight: 10
`

func TestParseDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each a fragment of one diagnostic line, in order
	}{
		{"syntax error", "ruleset: x\n  entity: [\n", []string{"x.yaml:"}},
		{"empty", "", []string{"规则文件是空的"}},
		{"unknown key with suggestion", strings.Replace(minimal, "weight: 10", "wieght: 10", 1),
			[]string{"x.yaml:5:5: 指标缺少必填项 weight", "x.yaml:11:5: 指标中有未知的键 \"wieght\"（提示: 是不是 weight？）"}},
		{"number as text", strings.Replace(minimal, "value: 12", "value: 12%", 1),
			[]string{"x.yaml:10:37: target.value 的值 \"12%\" 不是数字"}},
		{"bad kind", strings.Replace(minimal, "at_least", "at_lest", 1),
			[]string{"x.yaml:10:20: target.kind 的值 \"at_lest\" 无效（提示: 是不是 at_least？"}},
		{"bad category", strings.Replace(minimal, "效益", "收益", 1),
			[]string{"x.yaml:7:15: category 的值 \"收益\" 无效"}},
		{"all problems listed", strings.Replace(strings.Replace(minimal, "效益", "收益", 1), "weight: 10", "weight: -1", 1),
			[]string{"x.yaml:7:15:", "x.yaml:11:13: weight 不能为负数"}},
		{"duplicate id", minimal + `  - id: revenue_growth
    name: 财政收入
    category: 效益
    measure: growth
    unit: "%"
    target: {kind: at_least, value: 12}
    weight: 10
`, []string{"x.yaml:12:5: 指标编码 \"revenue_growth\" 重复（提示: 每个指标编码只能出现一次；第一次在 x.yaml:5:5）"}},
		{"in_step without reference", strings.Replace(minimal, "{kind: at_least, value: 12}", "{kind: in_step, with: gdp_grwth}", 1),
			[]string{"引用了不存在的指标 \"gdp_grwth\""}},
		{"ceiling must be lower", strings.Replace(minimal, "at_least", "at_most", 1) + "", nil},
		{"ratio on positive", strings.Replace(minimal, "{kind: at_least, value: 12}", "{kind: positive}", 1),
			[]string{"x.yaml:5:5: 指标 revenue_growth 的目标 positive 不能用 ratio 计分（提示: 这类目标没有可比的数值，scoring.method 写 pass_fail）"}},
		{"growth unit", strings.Replace(minimal, `unit: "%"`, "unit: 亿元", 1),
			[]string{"单位应为 %"}},
		{"range reversed", strings.Replace(minimal, "{kind: at_least, value: 12}", "{kind: range, low: 6.5, high: 6}", 1),
			[]string{"区间目标的 high (6) 小于 low (6.5)"}},
		{"bad due", strings.Replace(strings.Replace(minimal, "{kind: at_least, value: 12}", "{kind: by_date, due: 2019-13}", 1), "measure: growth", "measure: milestone", 1),
			[]string{"target.due 的值 \"2019-13\" 不是日期"}},
		{"grades without zero", strings.Replace(minimal, "year: 2019", "year: 2019\nconventions:\n  grades: [{name: 好, min: 60}]", 1),
			[]string{"grades 必须有一档从 0 分起"}},
		{"near miss share of the whole weight", strings.Replace(minimal, "weight: 10", "weight: 10\n    scoring: {method: pass_fail, near_miss_share: 1}", 1),
			[]string{"指标 revenue_growth 的 near_miss_share 1 不在 0 到 1 之间（提示: 写成 0 到 1 之间（不含 1）的比例，如 0.5：基本完成不能得满分）"}},
		{"unknown convention word", strings.Replace(minimal, "year: 2019", "year: 2019\nconventions:\n  city_rank: percnt", 1),
			[]string{"city_rank 的值 \"percnt\" 无效（提示: 是不是 percent？"}},
		{"convention not yes or no", strings.Replace(minimal, "year: 2019", "year: 2019\nconventions:\n  ceiling_near_miss: 1", 1),
			[]string{"ceiling_near_miss 应当是 true 或 false"}},
		{"plausible target ratio", strings.Replace(minimal, "year: 2019", "year: 2019\nconventions:\n  plausible_target_ratio: 1", 1),
			[]string{"plausible_target_ratio 必须大于 1"}},
		{"deflator", strings.Replace(minimal, "weight: 10", "weight: 10\n    derive_growth: true\n    level_unit: 亿元\n    deflator: -100", 1),
			[]string{"指标 revenue_growth 的 deflator 必须大于 -100"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, diags := Parse("x.yaml", []byte(tc.src))
			if tc.want == nil {
				// at_most with default polarity: the decoder picks lower.
				if diags.HasErrors() || rs.Indicators[0].Polarity != Lower {
					t.Fatalf("diags %v", diags)
				}
				return
			}
			if rs != nil {
				t.Fatalf("ruleset returned despite errors")
			}
			got := diags.Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"地区生产总值", "地区生产总值"},
		{" 地区 生产总值 ", "地区生产总值"},
		{"ＧＤＰ", "gdp"},
		{"地区生产总值\u3000", "地区生产总值"},
		{"★规上工业增加值", "规上工业增加值"},
	}
	for _, tc := range tests {
		if got := NormalizeName(tc.in); got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	src, _ := EmbeddedSource(DefaultID)
	f.Add(src)
	f.Add([]byte(minimal))
	f.Add([]byte("ruleset: [\n"))
	f.Add([]byte("indicators:\n  - target: {kind: range, low: x}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, diags := Parse("f.yaml", b)
		if rs == nil && !diags.HasErrors() {
			t.Fatal("nil ruleset without an error")
		}
		for _, d := range diags {
			if d.Pos.File != "f.yaml" || d.Summary == "" {
				t.Fatalf("unpositioned diagnostic %+v", d)
			}
		}
	})
}

// TestQuotesOccurInSeed checks that every rule of the default ruleset quotes
// words that stand in the report it is drawn from.
func TestQuotesOccurInSeed(t *testing.T) {
	rs := Default()
	seed, err := os.ReadFile(filepath.Join("..", rs.Source))
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range rs.Indicators {
		if ind.Quote == "" || !strings.Contains(string(seed), ind.Quote) {
			t.Errorf("%s quotes %q, which is not in %s", ind.ID, ind.Quote, rs.Source)
		}
	}
}

// TestDefaultPolarity: a rule without polarity takes it from what is
// measured, and rules check warns where units are ranked by a figure whose
// direction is only that default (issue 11 item 5).
func TestDefaultPolarity(t *testing.T) {
	tests := []struct {
		name, measure, unit, target, scoring string
		polarity                             Polarity
		warn                                 bool
	}{
		{"a rank", "rank", "名", "{kind: top_n}", "pass_fail", Lower, false},
		{"a rank ceiling", "rank", "名", "{kind: at_most, value: 3}", "pass_fail", Lower, false},
		{"a ceiling", "level", "%", "{kind: at_most, value: 4}", "ratio", Lower, false},
		{"a floor", "growth", "%", "{kind: at_least, value: 8}", "ratio", Higher, false},
		{"前列 on a growth rate", "growth", "%", "{kind: top_n, n: 3}", "pass_fail", Higher, true},
		{"rank points on a growth rate", "growth", "%", "{kind: at_least, value: 8}", "rank_points", Higher, true},
		{"efficacy on a level", "level", "人", "{kind: at_least, value: 100}", "efficacy", Higher, true},
		{"rank points on a rank", "rank", "名", "{kind: top_n}", "rank_points", Lower, false},
		{"rank points on 同步", "growth", "%", "{kind: in_step, with: other}", "rank_points", Higher, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "ruleset: p\nentity: 测试区\nyear: 2019\nindicators:\n" +
				"  - {id: other, name: 地区生产总值, category: 总量, measure: growth, unit: \"%\", polarity: higher, target: {kind: at_least, value: 8}, weight: 1}\n" +
				"  - {id: x, name: 指标, category: 总量, measure: " + tc.measure + ", unit: \"" + tc.unit + "\", target: " + tc.target +
				", weight: 1, scoring: {method: " + tc.scoring + "}}\n"
			rs, diags := Parse("p.yaml", []byte(src))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if got := rs.Indicator("x").Polarity; got != tc.polarity {
				t.Errorf("polarity %s, want %s", got, tc.polarity)
			}
			warned := strings.Contains(diags.Error(), "规则没有写 polarity，按越高越好排名")
			if warned != tc.warn {
				t.Errorf("warned %v, want %v: %v", warned, tc.warn, diags)
			}
			if tc.warn && !strings.Contains(diags.Error(), "p.yaml:6:") {
				t.Errorf("warning not on the rule's line: %v", diags)
			}
		})
	}
}

// TestDocsListEveryKey: docs/rules.md documents every key the decoder
// accepts (issue 11 item 10).
func TestDocsListEveryKey(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for where, keys := range map[string][]string{"ruleset": rulesetKeys, "conventions": conventionKeys,
		"grades": gradeKeys, "indicator": indicatorKeys, "baseline": baselineKeys, "target": targetKeys, "scoring": scoringKeys} {
		for _, k := range keys {
			if !strings.Contains(text, "`"+k+"`") && !regexp.MustCompile(`(?m)(^|[\s{,])`+k+`:`).MatchString(text) {
				t.Errorf("docs/rules.md does not document the %s key %s", where, k)
			}
		}
	}
}
