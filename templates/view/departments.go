package view

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// This file shows an assessment department by department (eval.Departments):
// the JSON's lead and partners of each indicator and its "departments", the
// table's section 责任单位, and the rows the scorecard's sheet 责任单位 lays
// out.

// SheetDepartments is the scorecard's sheet of the department view.
const SheetDepartments = "责任单位"

// DeptRow is one department as the renderings show it.
type DeptRow struct {
	No int
	D  eval.Department
	// Score, Weight and Rate are over its scored lead indicators; Rate
	// (得分率, %) is "-" without weight.
	Score, Weight, Rate Cell
	// Counts is "超额完成 3，未完成 1" over its lead indicators.
	Counts string
	// Lead and Partner are the rows of its indicators; Behind those of its
	// lead indicators 未完成 (欠进度 during the year).
	Lead, Partner, Behind []Row
}

// DeptView is an assessment by department, ready to show.
type DeptView struct {
	Rows        []DeptRow
	Collectives []eval.Collective
	// Unassigned are the rows of the indicators without a lead.
	Unassigned []Row
	// BehindWord names what puts a department first: 未完成, or 欠进度
	// during the year.
	BehindWord string
}

// Departments prepares the department view of a; it has no rows when no
// indicator has a lead or partners.
func Departments(a *eval.Assessment) DeptView {
	v := eval.Departments(a)
	out := DeptView{Collectives: v.Collectives, BehindWord: string(eval.Missed)}
	if !a.Period.IsYear() {
		out.BehindWord = string(eval.ProgressBehind)
	}
	if len(v.Departments) == 0 {
		return out
	}
	index := make(map[string]int, len(a.Results))
	for i := range a.Results {
		if _, dup := index[a.Results[i].Indicator.ID]; !dup {
			index[a.Results[i].Indicator.ID] = i
		}
	}
	rows := func(ids []string) []Row {
		out := make([]Row, 0, len(ids))
		for _, id := range ids {
			out = append(out, MakeRow(a, index[id]))
		}
		return out
	}
	for n, d := range v.Departments {
		r := DeptRow{No: n + 1, D: d, Score: Num(d.Score, 2), Weight: Num(d.Weight, 0), Rate: scNullNum(d.Rate, 1),
			Counts: CountsOf(d.Counts), Lead: rows(d.Lead), Partner: rows(d.Partner)}
		for _, row := range r.Lead {
			if deptBehind(row.R) {
				r.Behind = append(r.Behind, row)
			}
		}
		out.Rows = append(out.Rows, r)
	}
	out.Unassigned = rows(v.Unassigned)
	return out
}

// deptBehind reports whether a result puts its lead first.
func deptBehind(r *eval.Result) bool {
	if r.Progress != nil {
		return r.Progress.Status == eval.ProgressBehind
	}
	return r.Status == eval.Missed
}

// jsonDuty is who answers for one indicator in the JSON output: present
// when the ruleset or a 分解表 names them.
type jsonDuty struct {
	Lead     string   `json:"lead,omitempty"`
	Partners []string `json:"partners,omitempty"`
	Leaders  []string `json:"leaders,omitempty"`
}

func dutyJSON(ind *rules.Indicator) jsonDuty {
	return jsonDuty{Lead: ind.Lead, Partners: ind.Partners, Leaders: ind.Leaders}
}

// jsonDepartment is one department of the JSON output: numbers are decimal
// strings, rate (得分率, %) null without weight.
type jsonDepartment struct {
	Name              string      `json:"name"`
	LeadIndicators    []string    `json:"lead_indicators"`
	PartnerIndicators []string    `json:"partner_indicators"`
	Counts            []jsonCount `json:"counts"`
	PartnerCounts     []jsonCount `json:"partner_counts"`
	Behind            int         `json:"behind"`
	Score             string      `json:"score"`
	Weight            string      `json:"weight"`
	Rate              *string     `json:"rate"`
}

// jsonCollective is a collective name (各街道) and its indicators.
type jsonCollective struct {
	Name              string   `json:"name"`
	LeadIndicators    []string `json:"lead_indicators"`
	PartnerIndicators []string `json:"partner_indicators"`
}

// jsonDepartments is the department view of the JSON output, present when
// any indicator has a lead or partners.
type jsonDepartments struct {
	Departments []jsonDepartment `json:"departments"`
	Collectives []jsonCollective `json:"collective_units"`
	Unassigned  []string         `json:"unassigned"`
}

// departmentsJSON is the department view of a, or nil when it has none.
func departmentsJSON(a *eval.Assessment) *jsonDepartments {
	v := Departments(a)
	if len(v.Rows) == 0 {
		return nil
	}
	out := &jsonDepartments{Departments: []jsonDepartment{}, Collectives: []jsonCollective{}, Unassigned: []string{}}
	counts := func(cs []eval.StatusCount) []jsonCount {
		out := []jsonCount{}
		for _, c := range cs {
			out = append(out, jsonCount{Status: string(c.Status), Count: c.Count})
		}
		return out
	}
	ids := func(s []string) []string { return append([]string{}, s...) }
	for _, r := range v.Rows {
		out.Departments = append(out.Departments, jsonDepartment{Name: r.D.Name, LeadIndicators: ids(r.D.Lead),
			PartnerIndicators: ids(r.D.Partner), Counts: counts(r.D.Counts), PartnerCounts: counts(r.D.PartnerCounts),
			Behind: r.D.Behind, Score: r.Score.plain(), Weight: r.Weight.plain(), Rate: jsonNum(r.Rate)})
	}
	for _, c := range v.Collectives {
		out.Collectives = append(out.Collectives, jsonCollective{Name: c.Name, LeadIndicators: ids(c.Lead),
			PartnerIndicators: ids(c.Partner)})
	}
	for _, r := range v.Unassigned {
		out.Unassigned = append(out.Unassigned, r.Ind.ID)
	}
	return out
}

// deptTextHeader is the header of the table's section 责任单位.
func deptTextHeader(v DeptView) []string {
	return []string{"序号", "责任单位", "牵头", "配合", v.BehindWord, "得分", "权重", "得分率(%)", "完成情况", v.BehindWord + "的指标"}
}

// deptRightAligned marks the numeric columns of the section.
var deptRightAligned = map[int]bool{0: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true}

// deptNames lists the names of rows: "地区生产总值、固定资产投资".
func deptNames(rows []Row) string {
	names := make([]string, 0, len(rows))
	for _, r := range rows {
		names = append(names, r.Ind.Name)
	}
	return strings.Join(names, "、")
}

// writeDepartments writes the table's section 责任单位, when a has one:
// one line per department, the ones with something behind first, then
// the collective names and the indicators without a lead.
func writeDepartments(bw *bufio.Writer, a *eval.Assessment) {
	v := Departments(a)
	if len(v.Rows) == 0 {
		return
	}
	recs := [][]string{deptTextHeader(v)}
	for _, r := range v.Rows {
		recs = append(recs, []string{strconv.Itoa(r.No), r.D.Name, strconv.Itoa(len(r.D.Lead)),
			strconv.Itoa(len(r.D.Partner)), strconv.Itoa(r.D.Behind), r.Score.String(), r.Weight.String(),
			r.Rate.String(), r.Counts, deptNames(r.Behind)})
	}
	widths := make([]int, len(recs[0]))
	for _, rec := range recs {
		for c, s := range rec {
			widths[c] = max(widths[c], DisplayWidth(s))
		}
	}
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "【责任单位】%d个部门（得分率按牵头指标计；有%s指标的在前）\n", len(v.Rows), v.BehindWord)
	for n, rec := range recs {
		var b strings.Builder
		for c, s := range rec {
			if c > 0 {
				b.WriteString("  ")
			}
			b.WriteString(scPad(s, widths[c], n > 0 && deptRightAligned[c]))
		}
		fmt.Fprintln(bw, strings.TrimRight(b.String(), " "))
		if n == 0 {
			total := 2 * (len(widths) - 1)
			for _, w := range widths {
				total += w
			}
			fmt.Fprintln(bw, strings.Repeat("-", total))
		}
	}
	if len(v.Collectives) > 0 {
		var cs []string
		for _, c := range v.Collectives {
			cs = append(cs, CollectiveText(c))
		}
		fmt.Fprintln(bw, "统称（不计为部门）: "+strings.Join(cs, "、"))
	}
	if len(v.Unassigned) > 0 {
		fmt.Fprintf(bw, "未明确牵头单位（%d项）: %s\n", len(v.Unassigned), deptNames(v.Unassigned))
	}
}

// CollectiveText is "各街道（牵头1项，配合9项）", a count left out when 0.
func CollectiveText(c eval.Collective) string {
	var parts []string
	if len(c.Lead) > 0 {
		parts = append(parts, fmt.Sprintf("牵头%d项", len(c.Lead)))
	}
	if len(c.Partner) > 0 {
		parts = append(parts, fmt.Sprintf("配合%d项", len(c.Partner)))
	}
	return c.Name + "（" + strings.Join(parts, "，") + "）"
}
