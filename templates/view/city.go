package view

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// cityJSONIndicator is one indicator of one unit: the fields of the
// single-unit JSON and the unit's rank on the indicator (null when it has
// no figure to rank).
type cityJSONIndicator struct {
	jsonIndicator
	Rank *int `json:"rank"`
}

type CityJSONUnit struct {
	Unit       string              `json:"unit"`
	Indicators []cityJSONIndicator `json:"indicators"`
	TotalScore string              `json:"total_score"`
	Grade      string              `json:"grade"`
	Rank       int                 `json:"rank"`
	// Veto says why the total was zeroed (一票否决); omitted when it was not.
	Veto string `json:"veto,omitempty"`
}

// CityJSONProblem is a problem with the unit it concerns ("" for the run).
type CityJSONProblem struct {
	JSONProblem
	Unit string `json:"unit"`
}

// jsonIndicatorOf is one indicator as the JSON of one unit or of many
// writes it (the group is set by the caller, when there are groups).
func jsonIndicatorOf(row Row) jsonIndicator {
	r := row.R
	ji := jsonIndicator{
		ID:          row.Ind.ID,
		Name:        row.Ind.Name,
		Category:    string(row.Ind.Category),
		Unit:        row.Ind.Unit,
		TargetText:  row.Ind.Target.Text,
		TargetKind:  string(row.Ind.Target.Kind),
		Target:      jsonNum(row.Target),
		PrevLevel:   jsonNum(row.PrevLevel),
		PrevGrowth:  jsonNum(row.PrevGrowth),
		Actual:      jsonNum(row.Actual),
		ActualText:  row.Actual.String(),
		Status:      string(r.Status),
		Gap:         jsonNum(row.Gap),
		GapUnit:     r.GapUnit,
		Completion:  jsonNum(row.Completion),
		Score:       jsonNum(row.Score),
		Weight:      Fixed(r.Weight, 0), // the rule's weight; "scored" says whether it counts
		Scored:      r.Scored,
		Derived:     r.Derived,
		Explanation: r.Explanation,
		Source:      jsonStr(row.Source),
	}
	if ji.ActualText == NoValue {
		ji.ActualText = ""
	}
	ji.jsonProgress = progressJSON(row)
	ji.jsonDuty = dutyJSON(row.Ind)
	return ji
}

// WriteCityJSON writes the judgement of many units as
// {"units":[{"unit","indicators":[{…,"rank"}],"total_score","grade","rank"}],"problems":[…]}:
// units in input order, each indicator with the fields of the single-unit
// JSON (WriteJSON) and its rank among the units; numbers as decimal
// strings, never JSON floats. Problems carry the unit they concern.
//
// The units are encoded one at a time, so that 3,000 units do not have to
// be held as one JSON document in memory; the bytes are those of encoding
// the whole at once with a two-space indent.
func WriteCityJSON(w io.Writer, c *eval.City) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	// item writes one element of a top-level array.
	item := func(i int, v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return nil
	}
	end := func(n int) {
		if n > 0 {
			bw.WriteString("\n  ")
		}
		bw.WriteByte(']')
	}
	bw.WriteString("{\n  \"units\": [")
	for i, a := range c.Units {
		if err := item(i, CityJSONUnitOf(a)); err != nil {
			return err
		}
	}
	end(len(c.Units))
	summary, err := json.MarshalIndent(CityJSONSummaryOf(c.Summary()), "  ", "  ")
	if err != nil {
		return err
	}
	bw.WriteString(",\n  \"summary\": ")
	bw.Write(summary)
	bw.WriteString(",\n  \"problems\": [")
	probs := CityProblems(c)
	for i, p := range probs {
		d := p.D
		if err := item(i, CityJSONProblem{Unit: p.Unit, JSONProblem: JSONProblem{Position: d.Pos.String(),
			Level: d.Level(), Summary: d.Summary, Hint: d.Hint, Indicator: d.Indicator}}); err != nil {
			return err
		}
	}
	end(len(probs))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// CityJSONSummary is the "summary" of the JSON of a city run.
type CityJSONSummary struct {
	Units     int             `json:"units"`
	Vetoed    int             `json:"vetoed"`
	MeanTotal string          `json:"mean_total"`
	MaxTotal  string          `json:"max_total"`
	MinTotal  string          `json:"min_total"`
	Statuses  []jsonCount     `json:"statuses"`
	Grades    []CityJSONGrade `json:"grades"`
}

type CityJSONGrade struct {
	Grade string   `json:"grade"`
	Count int      `json:"count"`
	Units []string `json:"units"`
}

func CityJSONSummaryOf(s eval.CitySummary) CityJSONSummary {
	out := CityJSONSummary{Units: s.Units, Vetoed: s.Vetoed, MeanTotal: Fixed(s.MeanTotal, 2),
		MaxTotal: Fixed(s.MaxTotal, 2), MinTotal: Fixed(s.MinTotal, 2), Statuses: []jsonCount{},
		Grades: []CityJSONGrade{}}
	for _, n := range s.Statuses {
		out.Statuses = append(out.Statuses, jsonCount{Status: string(n.Status), Count: n.Count})
	}
	for _, g := range s.Grades {
		out.Grades = append(out.Grades, CityJSONGrade{Grade: g.Grade, Count: len(g.Units), Units: append([]string{}, g.Units...)})
	}
	return out
}

// CityJSONUnitOf is one unit of the JSON output.
func CityJSONUnitOf(a *eval.Assessment) CityJSONUnit {
	u := CityJSONUnit{Unit: a.Entity, Indicators: []cityJSONIndicator{}, TotalScore: Fixed(a.Total, 2),
		Grade: a.Grade, Rank: a.Rank, Veto: a.Veto}
	grouped := len(a.Groups) > 1
	for i := range a.Results {
		ji := cityJSONIndicator{jsonIndicator: jsonIndicatorOf(MakeRow(a, i))}
		if grouped {
			ji.Group = a.Results[i].Indicator.Group
		}
		if rank := a.Results[i].PeerRank; rank > 0 {
			ji.Rank = &rank
		}
		u.Indicators = append(u.Indicators, ji)
	}
	return u
}

// WriteCityTable writes one line per unit, sorted by rank, for a
// terminal: 名次, 单位, 总分, 得分率, 等级, the count of each status, and the
// reason of a veto; then the problems.
func WriteCityTable(w io.Writer, c *eval.City) error {
	bw := bufio.NewWriter(w)
	if len(c.Units) > 0 {
		fmt.Fprintln(bw, CityTitle(c))
		rs := c.Units[0].Ruleset
		fmt.Fprintf(bw, "规则集: %s（%s）  时段: %s  单位数: %d\n\n", rs.Title, rs.ID, c.Period.Progress(rs), len(c.Units))
	}
	statuses := cityUsedStatuses(c)
	head := []string{"名次", "单位", "总分", "得分率(%)", "等级"}
	for _, s := range statuses {
		head = append(head, string(s))
	}
	veto := false
	for _, a := range c.Units {
		veto = veto || a.Veto != ""
	}
	if veto {
		head = append(head, "一票否决")
	}
	rows := [][]string{head}
	for _, a := range c.Ranked() {
		counts := map[eval.Status]int{}
		for _, n := range a.Counts {
			counts[n.Status] = n.Count
		}
		rec := []string{strconv.Itoa(a.Rank), a.Entity, Fixed(a.Total, 2), Fixed(a.Percent, 1), a.Grade}
		for _, s := range statuses {
			rec = append(rec, strconv.Itoa(counts[s]))
		}
		if veto {
			rec = append(rec, a.Veto)
		}
		rows = append(rows, rec)
	}
	right := func(i int) bool { return i == 0 || (i >= 2 && i != 4 && i < 5+len(statuses)) }
	widths := make([]int, len(head))
	for _, rec := range rows {
		for i, s := range rec {
			widths[i] = max(widths[i], DisplayWidth(s))
		}
	}
	for n, rec := range rows {
		var b strings.Builder
		for i, s := range rec {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(scPad(s, widths[i], n > 0 && right(i)))
		}
		fmt.Fprintln(bw, strings.TrimRight(b.String(), " "))
		if n == 0 {
			total := 2 * (len(widths) - 1)
			for _, wd := range widths {
				total += wd
			}
			fmt.Fprintln(bw, strings.Repeat("-", total))
		}
	}
	fmt.Fprintln(bw)
	if len(c.Units) > 0 {
		writeCitySummary(bw, c.Summary())
	}
	probs := CityProblems(c)
	if len(probs) == 0 {
		fmt.Fprintln(bw, "数据问题: 未发现数据问题")
	} else {
		fmt.Fprintf(bw, "数据问题（%d）:\n", len(probs))
		for _, p := range probs {
			fmt.Fprintln(bw, "  "+p.D.Error())
		}
	}
	return bw.Flush()
}

// writeCitySummary writes the lines that add the units up.
func writeCitySummary(w io.Writer, s eval.CitySummary) {
	fmt.Fprintf(w, "汇总: 单位数 %d  平均总分 %s  最高总分 %s  最低总分 %s  一票否决 %d\n", s.Units, Fixed(s.MeanTotal, 2),
		Fixed(s.MaxTotal, 2), Fixed(s.MinTotal, 2), s.Vetoed)
	fmt.Fprintf(w, "指标完成情况（全部单位合计）: %s\n", CountsOf(s.Statuses))
	var grades []string
	for _, g := range s.Grades {
		grades = append(grades, fmt.Sprintf("%s %d", g.Grade, len(g.Units)))
	}
	fmt.Fprintf(w, "等级分布: %s\n\n", strings.Join(grades, "，"))
}

// cityUsedStatuses lists the statuses in scorecard order, 数据存疑 and
// 进行中 only when some unit has them.
func cityUsedStatuses(c *eval.City) []eval.Status {
	used := map[eval.Status]bool{}
	for _, a := range c.Units {
		for _, n := range a.Counts {
			used[n.Status] = used[n.Status] || n.Count > 0
		}
	}
	var out []eval.Status
	for _, s := range eval.Statuses {
		if (s != eval.InProgress && s != eval.Suspect) || used[s] {
			out = append(out, s)
		}
	}
	return out
}

// CityCSVHeader is the header of WriteCityCSV.
var CityCSVHeader = []string{"单位", "总分名次", "总分", "等级", "序号", "编码", "类别", "指标", "计量单位", "目标原文", "目标值",
	"实际值", "差距", "差距单位", "完成率(%)", "完成情况", "名次", "权重", "得分", "判定依据", "数据来源"}

// WriteCityCSV writes one row per unit and indicator as CSV in UTF-8 with
// a byte order mark, units in input order; numbers are decimal strings,
// text cells guarded as WriteCSV guards them (csvText).
func WriteCityCSV(w io.Writer, c *eval.City) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(CityCSVHeader); err != nil {
		return err
	}
	for _, a := range c.Units {
		total, rank := Fixed(a.Total, 2), strconv.Itoa(a.Rank)
		for i := range a.Results {
			row := MakeRow(a, i)
			r := row.R
			peer := ""
			if r.PeerRank > 0 {
				peer = strconv.Itoa(r.PeerRank)
			}
			t := csvText
			if err := cw.Write([]string{t(a.Entity), rank, total, t(a.Grade), strconv.Itoa(row.No), t(row.Ind.ID),
				t(string(row.Ind.Category)), t(row.Ind.Name), t(row.Ind.Unit), t(row.Ind.Target.Text), row.Target.plain(),
				row.Actual.plain(), row.Gap.plain(), t(r.GapUnit), row.Completion.plain(), t(string(r.Status)), peer,
				row.Weight.plain(), row.Score.plain(), t(r.Explanation), t(strings.TrimPrefix(row.Source, NoValue))}); err != nil {
				return err
			}
		}
	}
	if len(c.Units) > 0 {
		for _, rec := range citySummaryRecords(c.Summary()) {
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// CitySummaryUnit names the rows of the city CSV that add the units up;
// their 类别 is 汇总 and their figure stands in 实际值.
const CitySummaryUnit = "全部单位"

// citySummaryRecords are the closing rows of the city CSV: the mean, best
// and worst totals, the vetoed units, the statuses over every unit and the
// units per grade.
func citySummaryRecords(s eval.CitySummary) [][]string {
	rec := func(name, unit, value string) []string {
		r := make([]string, len(CityCSVHeader))
		r[0], r[6], r[7], r[8], r[11] = CitySummaryUnit, "汇总", name, unit, value
		return r
	}
	out := [][]string{
		rec("单位数", "个", strconv.Itoa(s.Units)),
		rec("平均总分", "分", Fixed(s.MeanTotal, 2)),
		rec("最高总分", "分", Fixed(s.MaxTotal, 2)),
		rec("最低总分", "分", Fixed(s.MinTotal, 2)),
		rec("一票否决单位数", "个", strconv.Itoa(s.Vetoed)),
	}
	for _, n := range s.Statuses {
		out = append(out, rec("指标"+string(n.Status), "个", strconv.Itoa(n.Count)))
	}
	for _, g := range s.Grades {
		out = append(out, rec("等级为"+g.Grade+"的单位", "个", strconv.Itoa(len(g.Units))))
	}
	return out
}

// CityTitle is the title of the whole run: "2019年1-6月各单位主要预期目标完成情况".
func CityTitle(c *eval.City) string {
	a := c.Units[0]
	period := ""
	if !c.Period.IsYear() {
		period = c.Period.Label()
	}
	return fmt.Sprintf("%d年%s各单位主要预期目标完成情况", a.Year, period)
}

// CityProblem is a problem of a city run, with the unit it concerns.
type CityProblem struct {
	Unit string
	D    rules.Diagnostic
}

// CityProblems gathers the problems of every unit and of the run, each
// once (a warning read for a unit is in both), sorted by position.
func CityProblems(c *eval.City) []CityProblem {
	seen := map[rules.Diagnostic]bool{}
	var out []CityProblem
	for _, a := range c.Units {
		for _, d := range a.Problems {
			if !seen[d] {
				seen[d] = true
				out = append(out, CityProblem{Unit: a.Entity, D: d})
			}
		}
	}
	for _, d := range c.Problems {
		if !seen[d] {
			seen[d] = true
			out = append(out, CityProblem{D: d})
		}
	}
	ds := make(rules.Diagnostics, len(out))
	idx := map[rules.Diagnostic]int{}
	for i, p := range out {
		ds[i] = p.D
		idx[p.D] = i
	}
	ds.Sort()
	sorted := make([]CityProblem, len(ds))
	for i, d := range ds {
		sorted[i] = out[idx[d]]
	}
	return sorted
}
