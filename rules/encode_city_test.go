package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestMarshalCityFields round-trips the fields of multi-unit rulesets.
func TestMarshalCityFields(t *testing.T) {
	src := `ruleset: city
entity: 新乡市
year: 2019
schedule: {Q1: 0.2, H1: 0.45}
conventions: {plausible_growth: 150, plausible_ratio: 5}
indicators:
  - id: jobs
    name: 城镇新增就业
    category: 民生
    measure: level
    unit: 人
    target: {kind: at_least, value: 10000}
    weight: 30
    period: cumulative
    scoring: {method: efficacy, satisfactory: 12000, allowable: 8000}
  - id: safety
    name: 安全生产
    category: 民生
    measure: yes_no
    unit: 是/否
    target: {kind: yes_no}
    weight: 10
    veto: true
    scoring: {method: pass_fail}
  - id: gdp
    name: 地区生产总值
    category: 总量
    measure: growth
    unit: "%"
    target: {kind: approx, value: 8}
    weight: 10
    scoring: {method: rank_points, step: 0.1}
`
	a, diags := Parse("city.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	b, diags := Parse("city.yaml", out)
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, out)
	}
	opt := cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })
	ignore := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Pos" }, cmp.Ignore())
	if d := cmp.Diff(a, b, opt, ignore); d != "" {
		t.Errorf("round trip differs:\n%s", d)
	}
}
