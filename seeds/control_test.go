package seeds

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// TestControlTargetsDraftAsCeilings: a 左右 target on a control indicator
// (lower is better) is drafted as polarity lower with an approx target,
// which the rules model judges as a ceiling at value + tolerance: CPI 2%
// against 3%左右 is 完成, never 超额完成, as national reviews read it
// (issue 11). The draft's note says so.
func TestControlTargetsDraftAsCeilings(t *testing.T) {
	tests := []struct {
		name, text string
		figure     eval.Actual
		status     eval.Status
	}{
		{"CPI below its number", "居民消费价格涨幅控制在3%左右。", eval.Actual{Growth: decimal.NewNullDecimal(decimal.RequireFromString("2.0"))}, eval.Met},
		{"CPI at the band's top", "居民消费价格涨幅控制在3%左右。", eval.Actual{Growth: decimal.NewNullDecimal(decimal.RequireFromString("3.5"))}, eval.Met},
		{"CPI over it", "居民消费价格涨幅控制在3%左右。", eval.Actual{Growth: decimal.NewNullDecimal(decimal.RequireFromString("3.6"))}, eval.Missed},
		{"surveyed unemployment", "城镇调查失业率控制在5.5%左右。", eval.Actual{Level: decimal.NewNullDecimal(decimal.RequireFromString("4.8"))}, eval.Met},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, diags := Extract("t.txt", []byte("二、2019年主要预期目标\n"+tc.text), Options{Year: 2019})
			if diags.HasErrors() || d == nil || len(d.Ruleset.Indicators) != 1 {
				t.Fatalf("draft %+v, %v", d, diags)
			}
			ind := d.Ruleset.Indicators[0]
			if ind.Polarity != rules.Lower || ind.Target.Kind != rules.Approx || !strings.Contains(ind.Note, "approx_lower: ceiling") {
				t.Fatalf("drafted %s %s, note %q", ind.Polarity, ind.Target.Kind, ind.Note)
			}
			ind.Weight = decimal.NewFromInt(10)
			act := tc.figure
			act.ID = ind.ID
			r := eval.Evaluate(d.Ruleset, eval.Actuals{Values: map[string]*eval.Actual{ind.ID: &act}}).Result(ind.ID)
			if r.Status != tc.status {
				t.Errorf("status %s, want %s (%s)", r.Status, tc.status, r.Explanation)
			}
		})
	}
}
