package rules

import (
	"strings"
	"testing"
)

func TestParseTargetNumber(t *testing.T) {
	tests := []struct {
		in          string
		lo, hi      string
		isRange, ok bool
	}{
		{"8.5", "8.5", "8.5", false, true},
		{"8.5%", "8.5", "8.5", false, true},
		{"＋８.５％", "8.5", "8.5", false, true},
		{"-3", "-3", "-3", false, true},
		{"6-6.5", "6", "6.5", true, true},
		{"6～6.5", "6", "6.5", true, true},
		{"6至6.5", "6", "6.5", true, true},
		{"6.5-6", "", "", true, false},
		{"约8", "", "", false, false},
		{"", "", "", false, false},
		{"10,000", "10000", "10000", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			lo, hi, isRange, ok := ParseTargetNumber(tc.in)
			if ok != tc.ok || isRange != tc.isRange {
				t.Fatalf("ok %v range %v, want %v %v", ok, isRange, tc.ok, tc.isRange)
			}
			if ok && (lo.String() != tc.lo || hi.String() != tc.hi) {
				t.Errorf("got %s..%s, want %s..%s", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}

func TestWithTargets(t *testing.T) {
	rs := Default()
	pos := Pos{File: "targets.xlsx", Sheet: "目标表", Cell: "C3"}
	u, ds := rs.WithTargets("卫滨区", map[string]TargetOverride{
		"gdp_growth":           {Text: "8", Pos: pos},
		"new_urban_jobs":       {Text: "6000", Pos: pos},
		"public_services_rank": {Text: "5", Pos: pos},
	})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if u.Entity != "卫滨区" || u.Indicator("gdp_growth").Target.Value.String() != "8" ||
		u.Indicator("new_urban_jobs").Target.Value.String() != "6000" || u.TopN(u.Indicator("public_services_rank")) != 5 {
		t.Errorf("overrides not applied")
	}
	if rs.Indicator("gdp_growth").Target.Value.String() != "8.5" {
		t.Errorf("the shared ruleset was changed")
	}
	_, ds = rs.WithTargets("", map[string]TargetOverride{
		"gdp_growth":      {Text: "约8", Pos: pos},
		"binding_targets": {Text: "1", Pos: pos},
		"no_such":         {Text: "1", Pos: pos},
	})
	got := ds.Error()
	for _, want := range []string{"targets.xlsx: 目标表!C3: 地区生产总值 的目标值 \"约8\" 不是数字", "不能在目标表中改写", "\"no_such\" 不在规则集"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}
