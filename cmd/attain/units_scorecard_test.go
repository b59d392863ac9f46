package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
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

// TestCityClosingLineCountsUnitsProblems: the closing line counts what
// 数据问题 lists, the problems found judging each unit too (a growth of
// −150% is 数据存疑), streamed to a scorecard or not.
func TestCityClosingLineCountsUnitsProblems(t *testing.T) {
	t.Chdir(t.TempDir())
	table := "单位,指标编码,本年增速(%)\n红旗区,gdp_growth,8.6\n卫滨区,gdp_growth,-150\n牧野区,gdp_growth,7.9\n"
	if err := os.WriteFile("city.csv", []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	count := regexp.MustCompile(`数据问题(\d+)条`)
	var counts []string
	for _, args := range [][]string{{"--out", "city.xlsx"}, {"--format", "table"}} {
		code, _, stderr := attainRun(append([]string{"evaluate", "--units", "--in", "city.csv"}, args...)...)
		m := count.FindAllStringSubmatch(stderr, -1)
		if code != 0 || len(m) == 0 {
			t.Fatalf("%v: exit %d:\n%s", args, code, stderr)
		}
		counts = append(counts, m[len(m)-1][1])
	}
	// 数据问题 lists what the JSON's problems list (view.CityProblems).
	code, out, stderr := attainRun("evaluate", "--units", "--in", "city.csv", "--format", "json")
	var city struct {
		Problems []struct{ Summary string }
	}
	if err := json.Unmarshal(out, &city); code != 0 || err != nil {
		t.Fatalf("json: exit %d, %v:\n%s", code, err, stderr)
	}
	listed, suspect := len(city.Problems), false
	for _, p := range city.Problems {
		suspect = suspect || strings.Contains(p.Summary, "数据存疑")
	}
	if want := strconv.Itoa(listed); !suspect || counts[0] != want || counts[1] != want {
		t.Errorf("closing lines say 数据问题%s条 (scorecard) and %s条 (table); the problems are %d, 数据存疑 among them: %v",
			counts[0], counts[1], listed, suspect)
	}
}
