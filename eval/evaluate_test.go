package eval

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.NullDecimal {
	return decimal.NewNullDecimal(decimal.RequireFromString(s))
}

func yes(b bool) *bool { return &b }

// evalOne evaluates the default ruleset with one reported indicator (and
// optionally others) and returns the result for id.
func evalOne(t *testing.T, rs *rules.Ruleset, id string, acts ...*Actual) *Result {
	t.Helper()
	in := Actuals{Values: map[string]*Actual{}}
	for _, a := range acts {
		in.Values[a.ID] = a
	}
	a := Evaluate(rs, in)
	r := a.Result(id)
	if r == nil {
		t.Fatalf("no result for %s", id)
	}
	return r
}

func TestStatus(t *testing.T) {
	rs := rules.Default()
	tests := []struct {
		name    string
		id      string
		acts    []*Actual
		status  Status
		value   string // expected judged value, "" for none
		gap     string
		explain string // a fragment of the explanation
	}{
		{name: "revenue from levels is exactly 12.0", id: "revenue_growth",
			acts:   []*Actual{{ID: "revenue_growth", Level: dec("9.1392")}},
			status: Met, value: "12", gap: "0", explain: "推算"},
		{name: "revenue growth above the floor exceeds", id: "revenue_growth",
			acts:   []*Actual{{ID: "revenue_growth", Growth: dec("12.1")}},
			status: Exceeded, value: "12.1", gap: "0.1"},
		{name: "unemployment 4.0 is within 以内", id: "unemployment_rate",
			acts:   []*Actual{{ID: "unemployment_rate", Level: dec("4.0")}},
			status: Met, value: "4", gap: "0"},
		{name: "unemployment below the ceiling is never exceeded", id: "unemployment_rate",
			acts:   []*Actual{{ID: "unemployment_rate", Level: dec("3.1")}},
			status: Met, value: "3.1", gap: "0.9"},
		{name: "unemployment 4.6 over the ceiling is missed (issue 11)", id: "unemployment_rate",
			acts:   []*Actual{{ID: "unemployment_rate", Level: dec("4.6")}},
			status: Missed, value: "4.6", gap: "-0.6"},
		{name: "unemployment 5.1 missed", id: "unemployment_rate",
			acts:   []*Actual{{ID: "unemployment_rate", Level: dec("5.1")}},
			status: Missed},
		{name: "jobs 10000 met", id: "new_urban_jobs",
			acts:   []*Actual{{ID: "new_urban_jobs", Level: dec("10000")}},
			status: Met, value: "10000", gap: "100"},
		{name: "jobs 9999 not met", id: "new_urban_jobs",
			acts:   []*Actual{{ID: "new_urban_jobs", Level: dec("9999")}},
			status: NearlyMet, value: "9999", gap: "99.99"},
		{name: "jobs 8999 missed", id: "new_urban_jobs",
			acts:   []*Actual{{ID: "new_urban_jobs", Level: dec("8999")}},
			status: Missed, gap: "89.99"},
		{name: "jobs 10001 exceeded", id: "new_urban_jobs",
			acts:   []*Actual{{ID: "new_urban_jobs", Level: dec("10001")}},
			status: Exceeded},
		{name: "gdp 8.0 inside tolerance", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Growth: dec("8.0")}},
			status: Met, value: "8", gap: "-0.5"},
		{name: "gdp 9.0 at the top edge is met", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Growth: dec("9.0")}},
			status: Met},
		{name: "gdp 9.2 exceeded", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Growth: dec("9.2")}},
			status: Exceeded, gap: "0.7"},
		{name: "gdp 7.9 nearly", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Growth: dec("7.9")}},
			status: NearlyMet, explain: "低于预期目标0.6个百分点，低于区间下限0.1个百分点"},
		{name: "gdp 6.9 missed", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Growth: dec("6.9")}},
			status: Missed},
		{name: "gdp levels only is no data", id: "gdp_growth",
			acts:   []*Actual{{ID: "gdp_growth", Level: dec("210.5")}},
			status: NoData, explain: "可比价"},
		{name: "gdp nothing reported", id: "gdp_growth",
			status: NoData},
		{name: "growth 11.95 rounds to 12.0", id: "fai_growth",
			acts:   []*Actual{{ID: "fai_growth", Growth: dec("11.95")}},
			status: Met, value: "12"},
		{name: "growth 12.05 rounds half-even to 12.0", id: "fai_growth",
			acts:   []*Actual{{ID: "fai_growth", Growth: dec("12.05")}},
			status: Met, value: "12"},
		{name: "trade growth positive met", id: "trade_growth",
			acts:   []*Actual{{ID: "trade_growth", Growth: dec("0.1")}},
			status: Met},
		{name: "trade growth zero is missed (issue 11)", id: "trade_growth",
			acts:   []*Actual{{ID: "trade_growth", Growth: dec("0")}},
			status: Missed, explain: "未实现增长"},
		{name: "trade growth from levels with reported last year", id: "trade_growth",
			acts:   []*Actual{{ID: "trade_growth", Level: dec("4.2"), PrevLevel: dec("3.9")}},
			status: Met, value: "7.7"},
		{name: "trade growth from level without last year", id: "trade_growth",
			acts:   []*Actual{{ID: "trade_growth", Level: dec("4.2")}},
			status: NoData},
		{name: "negative growth is a fall", id: "rd_growth",
			acts:   []*Actual{{ID: "rd_growth", Growth: dec("-2.5")}},
			status: Missed, explain: "下降2.5%"},
		{name: "income in step", id: "income_growth",
			acts:   []*Actual{{ID: "income_growth", Growth: dec("8.6")}, {ID: "gdp_growth", Growth: dec("8.6")}},
			status: Met, gap: "0"},
		{name: "income 0.1 behind is nearly in step", id: "income_growth",
			acts:   []*Actual{{ID: "income_growth", Growth: dec("7.0")}, {ID: "gdp_growth", Growth: dec("7.1")}},
			status: NearlyMet, gap: "-0.1"},
		{name: "income far ahead is met not exceeded", id: "income_growth",
			acts:   []*Actual{{ID: "income_growth", Growth: dec("11")}, {ID: "gdp_growth", Growth: dec("7.1")}},
			status: Met},
		{name: "income without gdp", id: "income_growth",
			acts:   []*Actual{{ID: "income_growth", Growth: dec("8")}},
			status: NoData, explain: "缺少地区生产总值增速"},
		{name: "rank 3 is 前列", id: "public_services_rank",
			acts:   []*Actual{{ID: "public_services_rank", Rank: 3}},
			status: Met},
		{name: "rank 4 is not", id: "public_services_rank",
			acts:   []*Actual{{ID: "public_services_rank", Rank: 4}},
			status: Missed},
		{name: "binding yes", id: "binding_targets",
			acts:   []*Actual{{ID: "binding_targets", Done: yes(true)}},
			status: Met},
		{name: "binding no", id: "binding_targets",
			acts:   []*Actual{{ID: "binding_targets", Done: yes(false)}},
			status: Missed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := evalOne(t, rs, tc.id, tc.acts...)
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (%s)", r.Status, tc.status, r.Explanation)
			}
			if tc.value != "" && (!r.Value.Valid || !r.Value.Decimal.Equal(decimal.RequireFromString(tc.value))) {
				t.Errorf("value = %v, want %s", r.Value, tc.value)
			}
			if tc.gap != "" && (!r.Gap.Valid || !r.Gap.Decimal.Equal(decimal.RequireFromString(tc.gap))) {
				t.Errorf("gap = %v, want %s", r.Gap, tc.gap)
			}
			if !strings.Contains(r.Explanation, tc.explain) {
				t.Errorf("explanation %q lacks %q", r.Explanation, tc.explain)
			}
			if r.Explanation == "" {
				t.Errorf("empty explanation")
			}
		})
	}
}

// TestFloatWouldFail documents why the maths is decimal: the same division
// in float64 lands above 12 and would read as 超额完成.
func TestFloatWouldFail(t *testing.T) {
	cur, prev := 9.1392, 8.16
	if g := (cur - prev) / prev * 100; g <= 12 {
		t.Skipf("float64 gave %v on this platform", g)
	}
	r := evalOne(t, rules.Default(), "revenue_growth", &Actual{ID: "revenue_growth", Level: dec("9.1392")})
	if !r.Raw.Decimal.Equal(decimal.NewFromInt(12)) {
		t.Fatalf("derived growth = %s, want exactly 12", r.Raw.Decimal)
	}
}

func TestRounding(t *testing.T) {
	tests := []struct {
		name     string
		rule     rules.Rounding
		in, want string
	}{
		{"11.95 half-even", rules.HalfEven, "11.95", "12.0"},
		{"11.95 half-up", rules.HalfUp, "11.95", "12.0"},
		{"12.05 half-even", rules.HalfEven, "12.05", "12.0"},
		{"12.05 half-up", rules.HalfUp, "12.05", "12.1"},
		{"12.15 half-even", rules.HalfEven, "12.15", "12.2"},
		{"-0.25 half-even", rules.HalfEven, "-0.25", "-0.2"},
		{"-0.25 half-up", rules.HalfUp, "-0.25", "-0.3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.rule.Round(decimal.RequireFromString(tc.in), 1).StringFixed(1)
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	// The rule switches the verdict of 12.05 against 增长12%.
	rs := rules.Default()
	rs.Conventions.Rounding = rules.HalfUp
	if r := evalOne(t, rs, "fai_growth", &Actual{ID: "fai_growth", Growth: dec("12.05")}); r.Status != Exceeded {
		t.Errorf("half-up 12.05: status %s, want 超额完成", r.Status)
	}
}

func TestGdpProblem(t *testing.T) {
	src := rules.Pos{File: "a.xlsx", Sheet: "填报表", Cell: "G3"}
	a := Evaluate(rules.Default().Group(rules.GroupHeadline), Actuals{Values: map[string]*Actual{
		"gdp_growth": {ID: "gdp_growth", Level: dec("210"), Sources: Sources{{FieldLevel, src}}},
	}})
	if len(a.Problems) != 1 {
		t.Fatalf("problems = %v", a.Problems)
	}
	p := a.Problems[0]
	if p.Pos != src || !strings.Contains(p.Summary, "可比价") || p.Indicator != "gdp_growth" {
		t.Errorf("problem = %+v", p)
	}
}

func TestScoring(t *testing.T) {
	rs := rules.Default()
	gdp := rs.Indicator("gdp_growth")
	tests := []struct {
		name    string
		scoring rules.Scoring
		growth  string
		want    string
	}{
		{"ratio met is full weight", rules.Scoring{Method: rules.Ratio}, "8.0", "12"},
		{"ratio nearly is proportional to the bound", rules.Scoring{Method: rules.Ratio}, "7.2", "10.8"},
		{"ratio negative growth is zero", rules.Scoring{Method: rules.Ratio}, "-1", "0"},
		{"pass fail miss", rules.Scoring{Method: rules.PassFail}, "7.9", "0"},
		{"pass fail share", rules.Scoring{Method: rules.PassFail, NearMissShare: dec("0.5")}, "7.9", "6"},
		{"points above", rules.Scoring{Method: rules.Points, Base: dec("10"), PerPoint: dec("0.3"), Max: dec("12")}, "9.0", "10.3"},
		{"points capped", rules.Scoring{Method: rules.Points, Base: dec("10"), PerPoint: dec("3"), Max: dec("12")}, "9.5", "12"},
		{"points below", rules.Scoring{Method: rules.Points, Base: dec("10"), PerPoint: dec("0.3"), Max: dec("12")}, "7.0", "9.7"},
		{"points floor", rules.Scoring{Method: rules.Points, Base: dec("10"), PerPoint: dec("5"), Min: dec("2")}, "5.0", "2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gdp.Scoring = tc.scoring
			r := evalOne(t, rs, "gdp_growth", &Actual{ID: "gdp_growth", Growth: dec(tc.growth)})
			if !r.Score.Equal(decimal.RequireFromString(tc.want)) {
				t.Errorf("score = %s, want %s (%s)", r.Score, tc.want, r.Status)
			}
		})
	}
	t.Run("lower is better ratio", func(t *testing.T) {
		r := evalOne(t, rs, "unemployment_rate", &Actual{ID: "unemployment_rate", Level: dec("4.4")})
		// 8 × (2 − 4.4/4) = 7.2
		if !r.Score.Equal(decimal.RequireFromString("7.2")) {
			t.Errorf("score = %s, want 7.2", r.Score)
		}
	})
	t.Run("lower is better past double is zero", func(t *testing.T) {
		r := evalOne(t, rs, "unemployment_rate", &Actual{ID: "unemployment_rate", Level: dec("9")})
		if !r.Score.IsZero() {
			t.Errorf("score = %s, want 0", r.Score)
		}
	})
}

func TestTotalAndGrade(t *testing.T) {
	rs := rules.Default().Group(rules.GroupHeadline)
	full := map[string]*Actual{
		"gdp_growth":           {ID: "gdp_growth", Growth: dec("8.6")},
		"fai_growth":           {ID: "fai_growth", Growth: dec("12.8")},
		"retail_growth":        {ID: "retail_growth", Growth: dec("11")},
		"trade_growth":         {ID: "trade_growth", Growth: dec("3")},
		"industry_va_growth":   {ID: "industry_va_growth", Growth: dec("10.5")},
		"rd_growth":            {ID: "rd_growth", Growth: dec("5")},
		"revenue_growth":       {ID: "revenue_growth", Level: dec("9.1392")},
		"new_urban_jobs":       {ID: "new_urban_jobs", Level: dec("10250")},
		"unemployment_rate":    {ID: "unemployment_rate", Level: dec("3.6")},
		"income_growth":        {ID: "income_growth", Growth: dec("8.9")},
		"public_services_rank": {ID: "public_services_rank", Rank: 2},
		"binding_targets":      {ID: "binding_targets", Done: yes(true)},
	}
	a := Evaluate(rs, Actuals{Values: full})
	if !a.Total.Equal(decimal.NewFromInt(100)) || a.Grade != "优秀" {
		t.Fatalf("total %s grade %s", a.Total, a.Grade)
	}
	delete(full, "gdp_growth")
	full["binding_targets"] = &Actual{ID: "binding_targets", Done: yes(false)}
	a = Evaluate(rs, Actuals{Values: full})
	// gdp (12) is no data and income cannot be judged without it (8);
	// binding (8) missed: 100 − 28 = 72.
	if !a.Total.Equal(decimal.NewFromInt(72)) || a.Grade != "合格" {
		t.Fatalf("total %s grade %s", a.Total, a.Grade)
	}
	counts := map[Status]int{}
	for _, c := range a.Counts {
		counts[c.Status] = c.Count
	}
	if counts[NoData] != 2 || counts[Missed] != 1 {
		t.Errorf("counts = %v", a.Counts)
	}
}

func TestMilestoneAndMultiYear(t *testing.T) {
	src := `ruleset: t
entity: 测试区
year: 2019
indicators:
  - id: park_start
    name: 中德产业园一期开工
    category: 总量
    group: 重点工作任务
    measure: milestone
    unit: 是/否
    target: {kind: by_date, due: 2019-04, text: 4月份开工建设}
    weight: 5
    scoring: {method: pass_fail}
  - id: base_area
    name: 装配式建筑产研示范基地
    category: 总量
    group: 重点工作任务
    measure: level
    unit: 亩
    precision: 0
    target: {kind: at_least, value: 1000, years: 5, text: 5年内建成占地1000亩}
    weight: 5
`
	rs, diags := rules.Parse("t.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tests := []struct {
		name   string
		id     string
		act    *Actual
		status Status
		scored bool
		why    string // the explanation, when given
	}{
		{"on time", "park_start", &Actual{ID: "park_start", Date: "2019-04-20"}, Met, true, ""},
		{"month given", "park_start", &Actual{ID: "park_start", Date: "2019-04"}, Met, true, ""},
		{"late", "park_start", &Actual{ID: "park_start", Date: "2019-05-02"}, NearlyMet, true, ""},
		{"not done", "park_start", &Actual{ID: "park_start", Done: yes(false)}, Missed, true, ""},
		{"multi-year in progress", "base_area", &Actual{ID: "base_area", Level: dec("300")}, InProgress, false,
			"5年内目标（至2023年），截至本年实际300亩，完成目标（1000亩）的30.00%，尚未到期，不计分"},
		{"multi-year without data", "base_area", &Actual{ID: "base_area"}, InProgress, false,
			"5年内目标（至2023年），未填报本年进度，尚未到期，不计分"},
		{"multi-year reached early", "base_area", &Actual{ID: "base_area", Level: dec("1000")}, Met, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := evalOne(t, rs, tc.id, tc.act)
			if r.Status != tc.status || r.Scored != tc.scored {
				t.Errorf("status %s scored %v, want %s %v (%s)", r.Status, r.Scored, tc.status, tc.scored, r.Explanation)
			}
			if tc.why != "" && r.Explanation != tc.why {
				t.Errorf("explanation %q, want %q", r.Explanation, tc.why)
			}
		})
	}
}

func TestGroupScores(t *testing.T) {
	src := `ruleset: g
entity: 测试区
year: 2019
indicators:
  - id: gdp_growth
    name: 地区生产总值
    category: 总量
    measure: growth
    unit: "%"
    target: {kind: at_least, value: 8}
    weight: 60
  - id: jobs
    name: 城镇新增就业
    category: 民生
    measure: level
    unit: 人
    target: {kind: at_least, value: 100}
    weight: 40
  - id: patents
    name: 专利申请量
    category: 结构
    group: 重点工作任务
    measure: level
    unit: 件
    target: {kind: at_least, value: 500}
    weight: 50
  - id: park
    name: 中德产业园一期开工
    category: 总量
    group: 重点工作任务
    measure: milestone
    unit: 是/否
    target: {kind: by_date, due: 2019-04}
    weight: 50
    scoring: {method: pass_fail}
`
	rs, diags := rules.Parse("g.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	a := Evaluate(rs, Actuals{Values: map[string]*Actual{
		"gdp_growth": {ID: "gdp_growth", Growth: dec("8.5")},
		"jobs":       {ID: "jobs", Level: dec("50")},
		"patents":    {ID: "patents", Level: dec("450")},
		"park":       {ID: "park", Date: "2019-06-01"},
	}})
	want := []struct{ name, total, full, grade string }{
		{rules.GroupHeadline, "80", "100", "良好"}, // 60 + 40 × 50/100
		{rules.GroupTasks, "45", "100", "不合格"},   // 50 × 450/500, late milestone 0
	}
	if len(a.Groups) != len(want) {
		t.Fatalf("groups = %+v", a.Groups)
	}
	for i, w := range want {
		g := a.Groups[i]
		if g.Name != w.name || g.Total.String() != w.total || g.FullMarks.String() != w.full || g.Grade != w.grade {
			t.Errorf("group %d = %s %s/%s %s, want %+v", i, g.Name, g.Total, g.FullMarks, g.Grade, w)
		}
	}
	if a.Total.String() != "125" || a.FullMarks.String() != "200" || a.Percent.String() != "62.5" {
		t.Errorf("overall %s/%s %s%%", a.Total, a.FullMarks, a.Percent)
	}
}

// TestEmptyGroupNotAssessed: a group without one reported figure is not
// assessed and stays out of the total, with a problem saying so.
func TestEmptyGroupNotAssessed(t *testing.T) {
	rs := rules.Default()
	a := Evaluate(rs, Actuals{File: "a.xlsx", Values: map[string]*Actual{
		"gdp_growth": {ID: "gdp_growth", Growth: dec("8.6")},
	}})
	var tasks *GroupScore
	for i := range a.Groups {
		if a.Groups[i].Name == rules.GroupTasks {
			tasks = &a.Groups[i]
		}
	}
	if tasks == nil || tasks.Grade != NotAssessed {
		t.Fatalf("tasks group = %+v", tasks)
	}
	if !a.FullMarks.Equal(decimal.NewFromInt(100)) || !a.Total.Equal(decimal.NewFromInt(12)) {
		t.Errorf("overall %s/%s, want 12/100 (headline group only)", a.Total, a.FullMarks)
	}
	found := false
	for _, p := range a.Problems {
		found = found || (p.Pos.File == "a.xlsx" && strings.Contains(p.Summary, "重点工作任务没有填报任何数据"))
	}
	if !found {
		t.Errorf("no problem about the empty group: %v", a.Problems)
	}
	// One figure in the group is enough to assess it.
	a = Evaluate(rs, Actuals{Values: map[string]*Actual{
		"gdp_growth":          {ID: "gdp_growth", Growth: dec("8.6")},
		"patent_applications": {ID: "patent_applications", Level: dec("520")},
	}})
	if g := a.Groups[1]; g.Grade == NotAssessed || !a.FullMarks.GreaterThan(decimal.NewFromInt(100)) {
		t.Errorf("tasks group %+v, full marks %s", g, a.FullMarks)
	}
}
