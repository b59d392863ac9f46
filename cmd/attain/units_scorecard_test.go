package main

import (
	"fmt"
	"os"
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

// TestCityTooManyUnits refuses, while reading, a table of more units than
// 排名 holds when a scorecard is asked for (exit 1, the cell of the first
// unit too many, no file written), and reads it whole for JSON.
func TestCityTooManyUnits(t *testing.T) {
	defer func(n int) { cityMaxUnits = n }(cityMaxUnits)
	cityMaxUnits = 4
	t.Chdir(t.TempDir())
	var b strings.Builder
	b.WriteString("单位,指标编码,本年增速(%)\n")
	for i := range 6 {
		fmt.Fprintf(&b, "单位%d,gdp_growth,8.%d\n", i+1, i)
	}
	if err := os.WriteFile("city.csv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := attainRun("evaluate", "--units", "--in", "city.csv", "--out", "city.xlsx")
	if code != 1 || !strings.Contains(stderr, "city.csv:6:1") || !strings.Contains(stderr, "单位超过4个，读到这里已是第5个") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "所有单位都没有") {
		t.Errorf("a table not read whole is said to lack indicators:\n%s", stderr)
	}
	if _, err := os.Stat("city.xlsx"); !os.IsNotExist(err) {
		t.Errorf("city.xlsx written: %v", err)
	}
	if code, _, stderr := attainRun("evaluate", "--units", "--in", "city.csv", "--out", "city.json"); code != 0 {
		t.Errorf("JSON: exit %d:\n%s", code, stderr)
	}
}
