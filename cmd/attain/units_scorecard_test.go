package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
)

// TestCityLimits refuses a city scorecard Excel cannot hold, with a
// message that says how much and what to do.
func TestCityLimits(t *testing.T) {
	wide := &rules.Ruleset{}
	for i := range 16379 {
		wide.Indicators = append(wide.Indicators, &rules.Indicator{ID: fmt.Sprint("i", i)})
	}
	err := cityColumnsFit(wide, nil)
	if err == nil || !strings.Contains(err.Error(), "共需16385列，超过 Excel 工作表的 16384 列") {
		t.Errorf("columns: %v", err)
	}
	if err := cityColumnsFit(&rules.Ruleset{Indicators: wide.Indicators[:100]}, map[string]*rules.Ruleset{"x": wide}); err == nil {
		t.Error("a unit's own ruleset counts too")
	}
	if err := cityColumnsFit(rules.Default(), nil); err != nil {
		t.Error(err)
	}
	err = cityRowsFit("in.xlsx", 1<<20)
	if err == nil || !strings.Contains(err.Error(), "共需1048579行，超过 Excel 工作表的 1048576 行；请分批评估") {
		t.Errorf("rows: %v", err)
	}
	if err := cityRowsFit("in.xlsx", 1<<20-3); err != nil {
		t.Error(err)
	}
}
