package eval

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

const cityRules = `ruleset: city
entity: 新乡市
year: 2019
schedule: {Q1: 0.2}
indicators:
  - id: gdp_growth
    name: 地区生产总值
    category: 总量
    measure: growth
    unit: "%"
    target: {kind: approx, value: 8}
    weight: 40
    scoring: {method: rank_points, step: 0.1}
  - id: new_urban_jobs
    name: 城镇新增就业
    category: 民生
    measure: level
    unit: 人
    precision: 0
    target: {kind: at_least, value: 10000}
    weight: 30
    scoring: {method: efficacy}
  - id: pm25
    name: PM2.5平均浓度
    category: 民生
    measure: level
    unit: 微克/立方米
    polarity: lower
    period: rate
    target: {kind: top_n, n: 2, text: 位居全市前列}
    weight: 20
    scoring: {method: pass_fail}
  - id: safety
    name: 安全生产
    category: 民生
    measure: yes_no
    unit: 是/否
    target: {kind: yes_no, text: 不发生较大事故}
    weight: 10
    scoring: {method: pass_fail}
    veto: true
`

func cityUnits(t *testing.T) []Unit {
	t.Helper()
	rs, diags := rules.Parse("city.yaml", []byte(cityRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return cityUnitsOf(rs)
}

func TestEvaluateUnits(t *testing.T) {
	c := EvaluateUnits(cityUnits(t), Options{})
	byName := map[string]*Assessment{}
	for _, a := range c.Units {
		byName[a.Entity] = a
	}
	tests := []struct {
		unit, id string
		rank     int
		score    string
		status   Status
	}{
		{"凤泉区", "gdp_growth", 1, "40", Exceeded},
		{"红旗区", "gdp_growth", 2, "36", Exceeded},
		{"卫滨区", "gdp_growth", 2, "36", Exceeded}, // tie shares rank 2
		{"牧野区", "gdp_growth", 4, "28", Met},      // rank 3 is skipped
		{"红旗区", "new_urban_jobs", 1, "30", Exceeded},
		{"卫滨区", "new_urban_jobs", 4, "18", NearlyMet}, // worst: coefficient 60
		{"牧野区", "new_urban_jobs", 3, "22", Met},       // 60 + 40 × 1000/3000
		{"卫滨区", "pm25", 1, "20", Met},                 // lower is better
		{"红旗区", "pm25", 2, "20", Met},
		{"凤泉区", "pm25", 3, "0", Missed},
	}
	for _, tc := range tests {
		t.Run(tc.unit+"/"+tc.id, func(t *testing.T) {
			r := byName[tc.unit].Result(tc.id)
			if r.PeerRank != tc.rank || !r.Score.Equal(decimal.RequireFromString(tc.score)) || r.Status != tc.status {
				t.Errorf("rank %d score %s status %s, want %d %s %s (%s)", r.PeerRank, r.Score, r.Status,
					tc.rank, tc.score, tc.status, r.Explanation)
			}
		})
	}
	veto := byName["凤泉区"]
	if !veto.Total.IsZero() || !strings.Contains(veto.Veto, "安全生产") {
		t.Errorf("veto: total %s, %q", veto.Total, veto.Veto)
	}
	if veto.Rank != 4 || byName["红旗区"].Rank != 1 {
		t.Errorf("overall ranks: 凤泉区 %d, 红旗区 %d", veto.Rank, byName["红旗区"].Rank)
	}
	if got := c.Ranked()[0].Entity; got != "红旗区" {
		t.Errorf("first ranked %s", got)
	}
}

func TestPeriod(t *testing.T) {
	rs := rules.Default()
	tests := []struct {
		name    string
		period  string
		act     *Actual
		status  Status
		explain string
	}{
		{"H1 jobs half way", "H1", &Actual{ID: "new_urban_jobs", Level: dec("5600")}, Exceeded, "时序进度50%"},
		{"H1 jobs behind", "H1", &Actual{ID: "new_urban_jobs", Level: dec("4000")}, Missed, "落后于时序进度50%"},
		{"Q1 growth compared directly", "Q1", &Actual{ID: "gdp_growth", Growth: dec("8.2")}, Met, ""},
		{"Q3 rank is year-end only", "Q3", &Actual{ID: "public_services_rank", Rank: 1}, InProgress, "年终考核"},
		{"M12 is the year", "M12", &Actual{ID: "new_urban_jobs", Level: dec("9000")}, NearlyMet, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePeriod(tc.period)
			if err != nil {
				t.Fatal(err)
			}
			a := EvaluateWith(rs, Actuals{Values: map[string]*Actual{tc.act.ID: tc.act}}, Options{Period: p})
			r := a.Result(tc.act.ID)
			if r.Status != tc.status || !strings.Contains(r.Explanation, tc.explain) {
				t.Errorf("status %s (%s), want %s with %q", r.Status, r.Explanation, tc.status, tc.explain)
			}
		})
	}
	if _, err := ParsePeriod("Q5"); err == nil {
		t.Error("Q5 accepted")
	}
	// A ruleset schedule overrides months / 12.
	city, _ := rules.Parse("c.yaml", []byte(cityRules))
	q1, _ := ParsePeriod("Q1")
	if got := q1.Share(city); !got.Equal(decimal.RequireFromString("0.2")) {
		t.Errorf("Q1 share %s", got)
	}
}

// TestEvaluateUnitsProgress: the progress of many units is reported in
// order, one call at a time, ending at two steps per unit; the output is
// the same with or without it.
func TestEvaluateUnitsProgress(t *testing.T) {
	base := cityUnits(t)
	var units []Unit
	for i := 0; i < 50; i++ {
		u := base[i%len(base)]
		u.Name = fmt.Sprintf("单位%02d", i)
		units = append(units, u)
	}
	var (
		calls   [][2]int
		inCall  atomic.Bool
		overlap bool
	)
	report := func(done, total int) {
		if !inCall.CompareAndSwap(false, true) {
			overlap = true
		}
		calls = append(calls, [2]int{done, total})
		inCall.Store(false)
	}
	with := EvaluateUnits(units, Options{Progress: report})
	without := EvaluateUnits(units, Options{})
	if overlap {
		t.Error("Progress called concurrently")
	}
	if len(calls) < 2 || calls[len(calls)-1] != [2]int{100, 100} {
		t.Fatalf("calls %v, want several ending at 100 of 100", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] <= calls[i-1][0] || calls[i][1] != 100 {
			t.Fatalf("calls out of order: %v", calls)
		}
	}
	for i := range with.Units {
		if !with.Units[i].Total.Equal(without.Units[i].Total) || with.Units[i].Rank != without.Units[i].Rank {
			t.Fatalf("unit %d differs with progress", i)
		}
	}
}
