package eval

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
)

// TestTopNRanksTheRightWayUp: a 前列 target on a figure that is not a
// rank ranks higher-is-better figures first unless the rule says polarity:
// lower, and the sentence names the peer group (issue 11 items 5 and i).
// Before: the fastest growth was ranked last (9.0 → 第5名 未完成, 6.0 →
// 第1名 完成), and every rank was "全市第N名".
func TestTopNRanksTheRightWayUp(t *testing.T) {
	const src = `ruleset: top
entity: 新乡市
year: 2019
indicators:
  - {id: growth, name: 工业投资增速, category: 总量, measure: growth, unit: "%",
     target: {kind: top_n, n: 3, text: 位居全市前列}, weight: 50, scoring: {method: pass_fail}}
  - {id: dust, name: 降尘量, category: 民生, measure: level, unit: 吨/平方公里, polarity: lower,
     target: {kind: top_n, n: 3, text: 位居前列}, weight: 50, scoring: {method: pass_fail}}
`
	rs, diags := rules.Parse("top.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	warned := 0
	for _, d := range diags {
		if d.Severity == rules.Warning && strings.Contains(d.Summary, "没有写 polarity") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("want one warning, for the rule without polarity: %v", diags)
	}
	figures := []struct{ name, growth, dust string }{
		{"甲", "9.0", "5"}, {"乙", "8.0", "6"}, {"丙", "7.5", "7"}, {"丁", "7.0", "8"}, {"戊", "6.0", "9"}}
	var units []Unit
	for _, f := range figures {
		units = append(units, Unit{Name: f.name, Ruleset: rs, Actuals: Actuals{Values: map[string]*Actual{
			"growth": {ID: "growth", Growth: dec(f.growth)},
			"dust":   {ID: "dust", Level: dec(f.dust)},
		}}})
	}
	c := EvaluateUnits(units, Options{})
	tests := []struct {
		unit, id string
		rank     int
		status   Status
		why      string
	}{
		{"甲", "growth", 1, Met, "5个参评单位中第1名，在前3名之内（前列按前3名计）"},
		{"丙", "growth", 3, Met, "5个参评单位中第3名，在前3名之内（前列按前3名计）"},
		{"戊", "growth", 5, Missed, "5个参评单位中第5名，未进入前3名（前列按前3名计）"},
		{"甲", "dust", 1, Met, "5个参评单位中第1名"},
		{"戊", "dust", 5, Missed, "5个参评单位中第5名"},
	}
	for _, tc := range tests {
		t.Run(tc.unit+"/"+tc.id, func(t *testing.T) {
			for _, a := range c.Units {
				if a.Entity != tc.unit {
					continue
				}
				r := a.Result(tc.id)
				if r.PeerRank != tc.rank || r.Status != tc.status || r.Explanation != tc.why && !strings.HasPrefix(r.Explanation, tc.why) {
					t.Errorf("rank %d %s %q, want %d %s %q", r.PeerRank, r.Status, r.Explanation, tc.rank, tc.status, tc.why)
				}
			}
		})
	}
}

// TestCityRankedByScoreRate: units whose full marks differ are ranked by
// score rate (issue 11 item 7), or by total where the ruleset says
// city_rank: total. Before: 89.0% ranked below 88.9%, raw totals being
// compared.
func TestCityRankedByScoreRate(t *testing.T) {
	mk := func(weight, cityRank string) *rules.Ruleset {
		src := `ruleset: r
entity: 新乡市
year: 2019
conventions: {city_rank: ` + cityRank + `}
indicators:
  - {id: jobs, name: 新增就业, category: 民生, measure: level, unit: 人, precision: 0,
     target: {kind: at_least, value: 1000}, weight: ` + weight + `, scoring: {method: ratio}}
`
		rs, diags := rules.Parse("r.yaml", []byte(src))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return rs
	}
	for _, tc := range []struct {
		by         string
		first, sec string
	}{{"percent", "甲", "乙"}, {"total", "乙", "甲"}} {
		t.Run(tc.by, func(t *testing.T) {
			units := []Unit{
				// 乙: 889 of 1000 → 97.79 of 110 = 88.9%; 甲: 890 → 89 of 100 = 89.0%.
				{Name: "乙", Ruleset: mk("110", tc.by), Actuals: Actuals{Values: map[string]*Actual{"jobs": {ID: "jobs", Level: dec("889")}}}},
				{Name: "甲", Ruleset: mk("100", tc.by), Actuals: Actuals{Values: map[string]*Actual{"jobs": {ID: "jobs", Level: dec("890")}}}},
			}
			c := EvaluateUnits(units, Options{})
			ranked := c.Ranked()
			if ranked[0].Entity != tc.first || ranked[1].Entity != tc.sec || ranked[0].Rank != 1 || ranked[1].Rank != 2 {
				t.Errorf("ranked %s (%s/%s %s%%) then %s (%s/%s %s%%), want %s first", ranked[0].Entity, ranked[0].Total,
					ranked[0].FullMarks, ranked[0].Percent, ranked[1].Entity, ranked[1].Total, ranked[1].FullMarks, ranked[1].Percent, tc.first)
			}
			s := c.Summary()
			if s.MaxTotal.String() != "97.79" || s.MinTotal.String() != "89" {
				t.Errorf("summary max %s min %s, want the highest and the lowest total", s.MaxTotal, s.MinTotal)
			}
		})
	}
}
