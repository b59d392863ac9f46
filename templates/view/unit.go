package view

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/eval"
	"golang.org/x/text/width"
)

// DisplayWidth is the number of terminal (or Excel character) columns s
// takes: wide and full-width characters, Chinese among them, count 2.
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r == '\t':
			n += 4
		case r < 0x20:
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

// scPad fills s with spaces to w display columns, on the right or the left.
func scPad(s string, w int, right bool) string {
	gap := w - DisplayWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// jsonIndicator is one indicator of the JSON output. Numbers are decimal
// strings with the decimals the scorecard shows, or null.
type jsonIndicator struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	// Group is the indicator's group (主要预期目标, 重点工作任务), given when
	// the ruleset has more than one; "groups" names the only one otherwise.
	Group       string  `json:"group,omitempty"`
	Unit        string  `json:"unit"`
	TargetText  string  `json:"target_text"`
	TargetKind  string  `json:"target_kind"`
	Target      *string `json:"target"`
	PrevLevel   *string `json:"prev_level"`
	PrevGrowth  *string `json:"prev_growth"`
	Actual      *string `json:"actual"`
	ActualText  string  `json:"actual_text"`
	Status      string  `json:"status"`
	Gap         *string `json:"gap"`
	GapUnit     string  `json:"gap_unit"`
	Completion  *string `json:"completion"`
	Score       *string `json:"score"`
	Weight      string  `json:"weight"`
	Scored      bool    `json:"scored"`
	Derived     bool    `json:"derived"`
	Explanation string  `json:"explanation"`
	Source      *string `json:"source"`
	// The in-year verdict, for a run over part of the year only.
	*jsonProgress
	// Who answers for it (牵头单位, 责任单位), when named.
	jsonDuty
}

type JSONProblem struct {
	Position  string `json:"position"`
	Level     string `json:"level"`
	Summary   string `json:"summary"`
	Hint      string `json:"hint"`
	Indicator string `json:"indicator"`
}

type jsonCount struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

// jsonGroup is the score of one indicator group, on its own full marks.
type jsonGroup struct {
	Name       string      `json:"name"`
	Indicators int         `json:"indicators"`
	TotalScore string      `json:"total_score"`
	FullMarks  string      `json:"full_marks"`
	Percent    string      `json:"percent"`
	Grade      string      `json:"grade"`
	Counts     []jsonCount `json:"counts"`
}

type jsonAssessment struct {
	Entity       string          `json:"entity"`
	Year         int             `json:"year"`
	Ruleset      string          `json:"ruleset"`
	RulesetTitle string          `json:"ruleset_title"`
	Indicators   []jsonIndicator `json:"indicators"`
	TotalScore   string          `json:"total_score"`
	FullMarks    string          `json:"full_marks"`
	Percent      string          `json:"percent"`
	Grade        string          `json:"grade"`
	Counts       []jsonCount     `json:"counts"`
	// Groups scores each indicator group on its own; the fields above are
	// over all indicators.
	Groups   []jsonGroup   `json:"groups"`
	Problems []JSONProblem `json:"problems"`
	// The assessment by department, when indicators name their lead.
	*jsonDepartments
}

// jsonNum is the decimal string of a number cell, or null.
func jsonNum(c Cell) *string {
	if !c.Num {
		return nil
	}
	s := c.D.StringFixed(c.Places)
	return &s
}

func jsonStr(s string) *string {
	if s == "" || s == NoValue {
		return nil
	}
	return &s
}

// WriteJSON writes the assessment as JSON: every number a decimal string
// with the decimals the scorecard shows (or null), never a JSON float.
// "groups" scores every indicator group on its own (the headline group
// first), beside the totals over all indicators; when there is more than
// one group, each indicator names its "group".
func WriteJSON(w io.Writer, a *eval.Assessment) error {
	out := jsonAssessment{
		Entity:     a.Entity,
		Year:       a.Year,
		Indicators: []jsonIndicator{},
		TotalScore: Fixed(a.Total, 2),
		FullMarks:  Fixed(a.FullMarks, 0),
		Percent:    Fixed(a.Percent, 1),
		Grade:      a.Grade,
		Counts:     []jsonCount{},
		Groups:     []jsonGroup{},
		Problems:   []JSONProblem{},
	}
	if a.Ruleset != nil {
		out.Ruleset = a.Ruleset.ID
		out.RulesetTitle = a.Ruleset.Title
	}
	grouped := len(a.Groups) > 1
	for _, row := range scRows(a) {
		ji := jsonIndicatorOf(row)
		if grouped {
			ji.Group = row.Ind.Group
		}
		out.Indicators = append(out.Indicators, ji)
	}
	for _, c := range a.Counts {
		out.Counts = append(out.Counts, jsonCount{Status: string(c.Status), Count: c.Count})
	}
	if len(a.Results) > 0 {
		for _, p := range Parts(a) {
			g := jsonGroup{Name: p.Group, Indicators: len(p.Rows), TotalScore: Fixed(p.Score.Total, 2),
				FullMarks: Fixed(p.Score.FullMarks, 0), Percent: Fixed(p.Score.Percent, 1), Grade: p.Score.Grade,
				Counts: []jsonCount{}}
			for _, c := range p.Score.Counts {
				g.Counts = append(g.Counts, jsonCount{Status: string(c.Status), Count: c.Count})
			}
			out.Groups = append(out.Groups, g)
		}
	}
	out.jsonDepartments = departmentsJSON(a)
	for _, d := range a.Problems {
		out.Problems = append(out.Problems, JSONProblem{Position: d.Pos.String(), Level: d.Level(),
			Summary: d.Summary, Hint: d.Hint, Indicator: d.Indicator})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// scTextHeader is the header of the table and CSV renderings.
var scTextHeader = []string{"序号", "类别", "指标", "目标原文", "目标值", "实际值", "单位", "差距", "完成率(%)", "完成情况", "权重", "得分"}

// scTextRecord is one indicator as a row of the table.
func scTextRecord(row Row) []string {
	return []string{strconv.Itoa(row.No), string(row.Ind.Category), row.Ind.Name, row.Ind.Target.Text,
		row.Target.String(), row.Actual.String(), row.Unit, row.Gap.String(), row.Completion.String(),
		string(row.R.Status), row.Weight.String(), row.Score.String()}
}

// scRightAligned marks the numeric columns of the table.
var scRightAligned = map[int]bool{0: true, 4: true, 5: true, 7: true, 8: true, 10: true, 11: true}

// WriteTable writes the assessment as a plain-text table for a terminal,
// columns aligned by display width, one block per indicator group (the
// headline group first, numbered within the group), then the score of each
// group, the total, grade, counts and problems.
func WriteTable(w io.Writer, a *eval.Assessment) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, Title(a))
	if a.Ruleset != nil {
		fmt.Fprintf(bw, "规则集: %s（%s）\n", a.Ruleset.Title, a.Ruleset.ID)
	}
	parts := Parts(a)
	grouped := len(parts) > 1
	// One set of widths for every block, so that the blocks line up.
	blocks := make([][][]string, len(parts))
	widths := make([]int, len(scTextHeader))
	for i, p := range parts {
		blocks[i] = [][]string{scTextHeader}
		for _, row := range p.Rows {
			blocks[i] = append(blocks[i], scTextRecord(row))
		}
		for _, rec := range blocks[i] {
			for c, s := range rec {
				widths[c] = max(widths[c], DisplayWidth(s))
			}
		}
	}
	total := 2 * (len(widths) - 1)
	for _, wd := range widths {
		total += wd
	}
	for i, p := range parts {
		fmt.Fprintln(bw)
		if grouped {
			g := p.Score
			fmt.Fprintf(bw, "【%s】%d项  得分: %s / %s（得分率 %s%%）  等级: %s\n", p.Group, len(p.Rows),
				Fixed(g.Total, 2), Fixed(g.FullMarks, 0), Fixed(g.Percent, 1), g.Grade)
		}
		for n, rec := range blocks[i] {
			var b strings.Builder
			for c, s := range rec {
				if c > 0 {
					b.WriteString("  ")
				}
				b.WriteString(scPad(s, widths[c], n > 0 && scRightAligned[c]))
			}
			fmt.Fprintln(bw, strings.TrimRight(b.String(), " "))
			if n == 0 {
				fmt.Fprintln(bw, strings.Repeat("-", total))
			}
		}
	}
	writeDepartments(bw, a)
	fmt.Fprintln(bw)
	if grouped {
		for _, p := range parts {
			g := p.Score
			fmt.Fprintf(bw, "%s: %s / %s（得分率 %s%%）  等级: %s  完成情况: %s\n", p.Group, Fixed(g.Total, 2),
				Fixed(g.FullMarks, 0), Fixed(g.Percent, 1), g.Grade, CountsOf(g.Counts))
		}
	}
	fmt.Fprintf(bw, "总分: %s / %s（得分率 %s%%）  等级: %s\n", Fixed(a.Total, 2), Fixed(a.FullMarks, 0),
		Fixed(a.Percent, 1), a.Grade)
	fmt.Fprintln(bw, "完成情况: "+CountsText(a))
	missing := 0
	for _, r := range a.Results {
		if r.Status == eval.NoData {
			missing++
		}
	}
	switch {
	case len(a.Problems) == 0 && missing > 0:
		// "No problem" would read as a whole reading when figures are missing.
		fmt.Fprintf(bw, "数据问题: 未发现数据问题；另有%d项指标无数据，未评估（见上表“无数据”）\n", missing)
	case len(a.Problems) == 0:
		fmt.Fprintln(bw, "数据问题: 未发现数据问题")
	default:
		fmt.Fprintf(bw, "数据问题（%d）:\n", len(a.Problems))
		for _, d := range a.Problems.Collapse() {
			fmt.Fprintln(bw, "  "+d.Error())
		}
	}
	return bw.Flush()
}

// CountsText lists the count of each status: "超额完成 3，完成 5，…".
func CountsText(a *eval.Assessment) string {
	return CountsOf(a.Counts)
}

// CountsOf lists the count of each status of a group.
func CountsOf(counts []eval.StatusCount) string {
	parts := make([]string, 0, len(counts))
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%s %d", c.Status, c.Count))
	}
	return strings.Join(parts, "，")
}

// Title is the title of the assessment: "红旗区2019年主要预期目标完成情况评估".
func Title(a *eval.Assessment) string {
	return TitleOf(a, scGroupWord(a)) + "评估"
}

// TitleOf names what one group achieved: "红旗区2019年重点工作任务完成情况".
func TitleOf(a *eval.Assessment, group string) string {
	period := ""
	if !a.Period.IsYear() {
		period = a.Period.Label()
	}
	return fmt.Sprintf("%s%d年%s%s完成情况", a.Entity, a.Year, period, group)
}

// WriteCSV writes one row per indicator as CSV in UTF-8 with a byte order
// mark, so that Excel opens it as UTF-8. Numbers are decimal strings. 序号
// runs over all indicators; 分组 names the indicator's group. Text cells
// that a spreadsheet would take for a formula are guarded (csvText).
func WriteCSV(w io.Writer, a *eval.Assessment) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := []string{"序号", "编码", "分组", "类别", "指标", "单位", "目标原文", "目标值", "上年实际值", "上年增速(%)",
		"实际值", "差距", "差距单位", "完成率(%)", "完成情况", "权重", "得分", "判定依据", "数据来源"}
	if err := cw.Write(header); err != nil {
		return err
	}
	t := csvText
	for _, row := range scRows(a) {
		r := row.R
		actual := row.Actual.plain()
		if err := cw.Write([]string{strconv.Itoa(row.No), t(row.Ind.ID), t(row.Ind.Group), t(string(row.Ind.Category)),
			t(row.Ind.Name), t(row.Ind.Unit), t(row.Ind.Target.Text), row.Target.plain(), row.PrevLevel.plain(),
			row.PrevGrowth.plain(), actual, row.Gap.plain(), t(r.GapUnit), row.Completion.plain(), t(string(r.Status)),
			row.Weight.plain(), row.Score.plain(), t(r.Explanation), t(strings.TrimPrefix(row.Source, NoValue))}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvText guards a text cell of a CSV file against formula injection
// (OWASP, "CSV Injection"): a spreadsheet opening the file takes a cell
// that begins with =, +, - or @ for a formula, and one that begins with a
// tab or a carriage return may still be; such a cell gets a leading
// apostrophe, which keeps it text. Only text cells are guarded (names,
// target text, explanations, sources): figures never, so that -1.5 stays a
// number.
func csvText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
