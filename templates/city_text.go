package templates

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

type cityJSONUnit struct {
	Unit       string              `json:"unit"`
	Indicators []cityJSONIndicator `json:"indicators"`
	TotalScore string              `json:"total_score"`
	Grade      string              `json:"grade"`
	Rank       int                 `json:"rank"`
	// Veto says why the total was zeroed (一票否决); omitted when it was not.
	Veto string `json:"veto,omitempty"`
}

// cityJSONProblem is a problem with the unit it concerns ("" for the run).
type cityJSONProblem struct {
	jsonProblem
	Unit string `json:"unit"`
}

// jsonIndicatorOf is one indicator as the JSON of one unit or of many
// writes it (the group is set by the caller, when there are groups).
func jsonIndicatorOf(row scRow) jsonIndicator {
	r := row.r
	ji := jsonIndicator{
		ID:          row.ind.ID,
		Name:        row.ind.Name,
		Category:    string(row.ind.Category),
		Unit:        row.ind.Unit,
		TargetText:  row.ind.Target.Text,
		TargetKind:  string(row.ind.Target.Kind),
		Target:      jsonNum(row.target),
		PrevLevel:   jsonNum(row.prevLevel),
		PrevGrowth:  jsonNum(row.prevGrowth),
		Actual:      jsonNum(row.actual),
		ActualText:  row.actual.String(),
		Status:      string(r.Status),
		Gap:         jsonNum(row.gap),
		GapUnit:     r.GapUnit,
		Completion:  jsonNum(row.completion),
		Score:       jsonNum(row.score),
		Weight:      row.weight.plain(),
		Scored:      r.Scored,
		Derived:     r.Derived,
		Explanation: r.Explanation,
		Source:      jsonStr(row.source),
	}
	if ji.ActualText == scNoValue {
		ji.ActualText = ""
	}
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
		if err := item(i, cityJSONUnitOf(a)); err != nil {
			return err
		}
	}
	end(len(c.Units))
	bw.WriteString(",\n  \"problems\": [")
	probs := cityProblems(c)
	for i, p := range probs {
		d := p.d
		if err := item(i, cityJSONProblem{Unit: p.unit, jsonProblem: jsonProblem{Position: d.Pos.String(),
			Level: d.Level(), Summary: d.Summary, Hint: d.Hint, Indicator: d.Indicator}}); err != nil {
			return err
		}
	}
	end(len(probs))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// cityJSONUnitOf is one unit of the JSON output.
func cityJSONUnitOf(a *eval.Assessment) cityJSONUnit {
	u := cityJSONUnit{Unit: a.Entity, Indicators: []cityJSONIndicator{}, TotalScore: scFixed(a.Total, 2),
		Grade: a.Grade, Rank: a.Rank, Veto: a.Veto}
	grouped := len(a.Groups) > 1
	for i := range a.Results {
		ji := cityJSONIndicator{jsonIndicator: jsonIndicatorOf(scMakeRow(a, i))}
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
		fmt.Fprintln(bw, cityTitle(c))
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
		rec := []string{strconv.Itoa(a.Rank), a.Entity, scFixed(a.Total, 2), scFixed(a.Percent, 1), a.Grade}
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
			widths[i] = max(widths[i], scDisplayWidth(s))
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
	probs := cityProblems(c)
	if len(probs) == 0 {
		fmt.Fprintln(bw, "数据问题: 未发现数据问题")
	} else {
		fmt.Fprintf(bw, "数据问题（%d）:\n", len(probs))
		for _, p := range probs {
			fmt.Fprintln(bw, "  "+p.d.Error())
		}
	}
	return bw.Flush()
}

// cityUsedStatuses lists the statuses in scorecard order, 进行中 only when
// some unit has it.
func cityUsedStatuses(c *eval.City) []eval.Status {
	inProgress := false
	for _, a := range c.Units {
		for _, n := range a.Counts {
			inProgress = inProgress || (n.Status == eval.InProgress && n.Count > 0)
		}
	}
	var out []eval.Status
	for _, s := range eval.Statuses {
		if s != eval.InProgress || inProgress {
			out = append(out, s)
		}
	}
	return out
}

// cityCSVHeader is the header of WriteCityCSV.
var cityCSVHeader = []string{"单位", "总分名次", "总分", "等级", "序号", "编码", "类别", "指标", "计量单位", "目标原文", "目标值",
	"实际值", "差距", "差距单位", "完成率(%)", "完成情况", "名次", "权重", "得分", "判定依据", "数据来源"}

// WriteCityCSV writes one row per unit and indicator as CSV in UTF-8 with
// a byte order mark, units in input order; numbers are decimal strings.
func WriteCityCSV(w io.Writer, c *eval.City) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(cityCSVHeader); err != nil {
		return err
	}
	for _, a := range c.Units {
		total, rank := scFixed(a.Total, 2), strconv.Itoa(a.Rank)
		for i := range a.Results {
			row := scMakeRow(a, i)
			r := row.r
			peer := ""
			if r.PeerRank > 0 {
				peer = strconv.Itoa(r.PeerRank)
			}
			if err := cw.Write([]string{a.Entity, rank, total, a.Grade, strconv.Itoa(row.no), row.ind.ID,
				string(row.ind.Category), row.ind.Name, row.ind.Unit, row.ind.Target.Text, row.target.plain(),
				row.actual.plain(), row.gap.plain(), r.GapUnit, row.completion.plain(), string(r.Status), peer,
				row.weight.plain(), row.score.plain(), r.Explanation, strings.TrimPrefix(row.source, scNoValue)}); err != nil {
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

// cityTitle is the title of the whole run: "2019年1-6月各单位主要预期目标完成情况".
func cityTitle(c *eval.City) string {
	a := c.Units[0]
	period := ""
	if !c.Period.IsYear() {
		period = c.Period.Label()
	}
	return fmt.Sprintf("%d年%s各单位主要预期目标完成情况", a.Year, period)
}

// cityProblem is a problem of a city run, with the unit it concerns.
type cityProblem struct {
	unit string
	d    rules.Diagnostic
}

// cityProblems gathers the problems of every unit and of the run, each
// once (a warning read for a unit is in both), sorted by position.
func cityProblems(c *eval.City) []cityProblem {
	seen := map[rules.Diagnostic]bool{}
	var out []cityProblem
	for _, a := range c.Units {
		for _, d := range a.Problems {
			if !seen[d] {
				seen[d] = true
				out = append(out, cityProblem{unit: a.Entity, d: d})
			}
		}
	}
	for _, d := range c.Problems {
		if !seen[d] {
			seen[d] = true
			out = append(out, cityProblem{d: d})
		}
	}
	ds := make(rules.Diagnostics, len(out))
	idx := map[rules.Diagnostic]int{}
	for i, p := range out {
		ds[i] = p.d
		idx[p.d] = i
	}
	ds.Sort()
	sorted := make([]cityProblem, len(ds))
	for i, d := range ds {
		sorted[i] = out[idx[d]]
	}
	return sorted
}
