package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/view"
)

// summaryNames is how many indicators without data a line names before it
// counts the rest.
const summaryNames = 6

// printSummary closes a run of one unit on stderr: one line per group that
// has indicators without data, naming them, then one line with what was
// judged, what is missing, how many problems there are and where the result
// went. A run that says nothing of what it could not judge reads as whole
// when it is not.
func printSummary(w io.Writer, a *eval.Assessment, out string) {
	var order []string
	total, missing := map[string]int{}, map[string][]string{}
	for _, r := range a.Results {
		g := r.Indicator.Group
		if _, ok := total[g]; !ok {
			order = append(order, g)
		}
		total[g]++
		if r.Status == eval.NoData {
			missing[g] = append(missing[g], r.Indicator.Name)
		}
	}
	var parts []string
	none := 0
	for _, g := range order {
		name := g
		if name == "" {
			name = "指标"
		}
		parts = append(parts, fmt.Sprintf("%s%d项", name, total[g]))
		if names := missing[g]; len(names) > 0 {
			none += len(names)
			fmt.Fprintln(w, safeText(fmt.Sprintf("attain: %s %d项中%d项无数据：%s", name, total[g], len(names),
				summaryList(names))))
		}
	}
	line := fmt.Sprintf("attain: %s%d年：评估%d项指标", a.Entity, a.Year, len(a.Results))
	if len(parts) > 1 {
		line += "（" + strings.Join(parts, "、") + "）"
	}
	line += fmt.Sprintf("，%d项无数据，数据问题%d条", none, len(a.Problems))
	if out != "" {
		line += "；已写入 " + out
	}
	fmt.Fprintln(w, safeText(line))
}

// printCitySummary closes a city run on stderr.
func printCitySummary(w io.Writer, c *eval.City, out string) {
	s := c.Summary()
	line := fmt.Sprintf("attain: 评估%d个单位", s.Units)
	if len(c.Units) > 0 {
		line += fmt.Sprintf("、每个单位%d项指标", len(c.Units[0].Results))
	}
	for _, n := range s.Statuses {
		if n.Status == eval.NoData && n.Count > 0 {
			line += fmt.Sprintf("，无数据%d项次", n.Count)
		}
	}
	line += fmt.Sprintf("，数据问题%d条", len(view.CityProblems(c)))
	if out != "" {
		line += "；已写入 " + out
	}
	fmt.Fprintln(w, safeText(line))
}

// summaryList names the first few and counts the rest; a name that holds
// a list mark itself is quoted, so that the list still reads as one.
func summaryList(names []string) string {
	quoted := make([]string, 0, summaryNames)
	for i, n := range names {
		if i == summaryNames {
			break
		}
		if strings.ContainsAny(n, "、，,") {
			n = "“" + n + "”"
		}
		quoted = append(quoted, n)
	}
	if len(names) <= summaryNames {
		return strings.Join(quoted, "、")
	}
	return fmt.Sprintf("%s等%d项", strings.Join(quoted, "、"), len(names))
}
