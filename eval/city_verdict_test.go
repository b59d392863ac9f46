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
