package eval

import (
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestCitySummary(t *testing.T) {
	rs := rules.Default()
	unit := func(name string, rank int, total, grade, veto string, counts ...StatusCount) *Assessment {
		return &Assessment{Entity: name, Ruleset: rs, Rank: rank, Total: decimal.RequireFromString(total),
			Grade: grade, Veto: veto, Counts: counts}
	}
	tests := []struct {
		name  string
		units []*Assessment
		want  CitySummary
	}{
		{"no units", nil, CitySummary{}},
		{"mean rounded, ranked best first, input order kept", []*Assessment{
			unit("乙", 2, "80.005", "良好", "", StatusCount{Met, 2}, StatusCount{Missed, 1}),
			unit("甲", 1, "90", "优秀", "", StatusCount{Exceeded, 1}, StatusCount{Met, 2}),
			unit("丙", 3, "0", "不合格", "安全生产未完成", StatusCount{InProgress, 1}),
		}, CitySummary{Units: 3, Vetoed: 1, MeanTotal: decimal.RequireFromString("56.67"),
			MaxTotal: decimal.RequireFromString("90"), MinTotal: decimal.Zero,
			Statuses: []StatusCount{{Exceeded, 1}, {Met, 4}, {NearlyMet, 0}, {Missed, 1}, {NoData, 0}, {InProgress, 1}},
			Grades: []GradeUnits{{"优秀", []string{"甲"}}, {"良好", []string{"乙"}}, {"合格", nil},
				{"不合格", []string{"丙"}}}}},
		{"进行中 left out at zero", []*Assessment{unit("甲", 1, "50", "不合格", "", StatusCount{Met, 1})},
			CitySummary{Units: 1, MeanTotal: decimal.RequireFromString("50"), MaxTotal: decimal.RequireFromString("50"),
				MinTotal: decimal.RequireFromString("50"),
				Statuses: []StatusCount{{Exceeded, 0}, {Met, 1}, {NearlyMet, 0}, {Missed, 0}, {NoData, 0}},
				Grades:   []GradeUnits{{"优秀", nil}, {"良好", nil}, {"合格", nil}, {"不合格", []string{"甲"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := (&City{Units: tt.units}).Summary()
			if d := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); d != "" {
				t.Errorf("summary (-want +got):\n%s", d)
			}
		})
	}
}
