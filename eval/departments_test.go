package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// deptRuleset is five level targets of 100, weight 10 each, with leads and
// partners as a 分解表 gives them.
func deptRuleset() *rules.Ruleset {
	rs := &rules.Ruleset{ID: "t", Entity: "红旗区", Year: 2019, Conventions: rules.DefaultConventions()}
	add := func(id, lead string, partners ...string) {
		rs.Indicators = append(rs.Indicators, &rules.Indicator{ID: id, Name: id, Category: rules.CatVolume,
			Group: rules.GroupHeadline, Measure: rules.Level, Unit: "个", Polarity: rules.Higher,
			Target: rules.Target{Kind: rules.AtLeast, Value: decimal.NewFromInt(100)}, Weight: decimal.NewFromInt(10),
			Scoring: rules.Scoring{Method: rules.Ratio}, Lead: lead, Partners: partners})
	}
	add("a", "区商务局", "区发改委", "各街道")
	add("b", "区商务局")
	add("c", "区发改委", "区商务局")
	add("d", "区财政局", "区统计局", "区直各部门")
	add("e", "", "区统计局")
	add("f", "各街道")
	return rs
}

func deptActuals(levels map[string]string) Actuals {
	in := Actuals{Entity: "红旗区", Year: 2019, Values: map[string]*Actual{}}
	for id, v := range levels {
		in.Values[id] = &Actual{ID: id, Level: decimal.NewNullDecimal(decimal.RequireFromString(v))}
	}
	return in
}

// deptLine renders a department as one line for comparison.
func deptLine(d Department) string {
	var counts []string
	for _, c := range d.Counts {
		counts = append(counts, fmt.Sprintf("%s%d", c.Status, c.Count))
	}
	rate := "-"
	if d.Rate.Valid {
		rate = d.Rate.Decimal.String()
	}
	return fmt.Sprintf("%s lead=%s partner=%s behind=%d score=%s/%s rate=%s %s", d.Name, strings.Join(d.Lead, ","),
		strings.Join(d.Partner, ","), d.Behind, d.Score, d.Weight, rate, strings.Join(counts, ","))
}

func TestDepartments(t *testing.T) {
	tests := []struct {
		name   string
		levels map[string]string
		want   []string
	}{
		{name: "a miss puts its lead first", levels: map[string]string{"a": "120", "b": "50", "c": "100", "d": "95"},
			want: []string{
				"区商务局 lead=a,b partner=c behind=1 score=15/20 rate=75 超额完成1,未完成1",
				"区发改委 lead=c partner=a behind=0 score=10/10 rate=100 完成1",
				"区财政局 lead=d partner= behind=0 score=9.5/10 rate=95 基本完成1",
				"区统计局 lead= partner=d,e behind=0 score=0/0 rate=- ",
			}},
		{name: "more misses first, then the lower rate", levels: map[string]string{"a": "50", "b": "50", "c": "10", "d": "10"},
			want: []string{
				"区商务局 lead=a,b partner=c behind=2 score=10/20 rate=50 未完成2",
				"区发改委 lead=c partner=a behind=1 score=1/10 rate=10 未完成1",
				"区财政局 lead=d partner= behind=1 score=1/10 rate=10 未完成1",
				"区统计局 lead= partner=d,e behind=0 score=0/0 rate=- ",
			}},
		{name: "nothing reported", levels: map[string]string{},
			want: []string{
				"区商务局 lead=a,b partner=c behind=0 score=0/20 rate=0 无数据2",
				"区发改委 lead=c partner=a behind=0 score=0/10 rate=0 无数据1",
				"区财政局 lead=d partner= behind=0 score=0/10 rate=0 无数据1",
				"区统计局 lead= partner=d,e behind=0 score=0/0 rate=- ",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Departments(Evaluate(deptRuleset(), deptActuals(tt.levels)))
			var got []string
			for _, d := range v.Departments {
				got = append(got, deptLine(d))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("departments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if fmt.Sprint(v.Collectives) != "[{各街道 [f] [a]} {区直各部门 [] [d]}]" {
				t.Errorf("collectives %v", v.Collectives)
			}
			if fmt.Sprint(v.Unassigned) != "[e]" {
				t.Errorf("unassigned %v", v.Unassigned)
			}
		})
	}
}

// TestDepartmentsNone: a ruleset without leads has no departments.
func TestDepartmentsNone(t *testing.T) {
	rs := deptRuleset()
	for _, ind := range rs.Indicators {
		ind.Lead, ind.Partners = "", nil
	}
	v := Departments(Evaluate(rs, deptActuals(nil)))
	if len(v.Departments) != 0 || len(v.Collectives) != 0 || len(v.Unassigned) != 6 {
		t.Errorf("%+v", v)
	}
}

// TestDepartmentsInYear: during the year the progress words are counted,
// and a lead indicator 欠进度 puts its department first.
func TestDepartmentsInYear(t *testing.T) {
	a := EvaluateWith(deptRuleset(), deptActuals(map[string]string{"a": "60", "b": "55", "c": "20"}),
		Options{Period: Period{Code: "H1", Months: 6}})
	v := Departments(a)
	var got []string
	for _, d := range v.Departments[:3] {
		got = append(got, deptLine(d))
	}
	want := []string{
		"区发改委 lead=c partner=a behind=1 score=4/10 rate=40 欠进度1",
		"区商务局 lead=a,b partner=c behind=0 score=20/20 rate=100 超进度2",
		"区财政局 lead=d partner= behind=0 score=0/10 rate=0 无数据1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("departments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
