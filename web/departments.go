package web

import (
	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/view"
)

// The page's department view (责任单位), the 分解表 it came from, and the
// in-year progress words: laid out from templates/view's DeptView and
// eval.Progress, as the table, the JSON and the scorecard's sheet 责任单位
// are.

// dutiesModel is the 分解表 a result took: how its rows matched and its
// warnings, each at its cell or line.
type dutiesModel struct {
	File, Format, Summary string
	Warnings              []problemModel
	Omitted               int
}

func dutiesModelOf(d *Duties) *dutiesModel {
	if d == nil {
		return nil
	}
	return &dutiesModel{File: d.Table.File, Format: d.Table.Format, Summary: d.Summary,
		Warnings: problemsOf(d.Warnings), Omitted: max(0, len(d.Warnings)-maxShown)}
}

// deptModel is the section 责任单位 of one unit's result.
type deptModel struct {
	// BehindWord is 未完成, or 欠进度 during the year.
	BehindWord  string
	Rows        []deptRowModel
	Behind      int // departments with something behind
	Collectives []string
	Unassigned  []string
}

type deptRowModel struct {
	No                     int
	Name                   string
	Lead, Partner, Behind  int
	Score, Weight, Rate    string
	Counts                 []countModel
	BehindNames, LeadNames []string
	// Class is behind, lead (leads something, nothing behind) or partner
	// (only shares).
	Class string
}

// deptModelOf is the department view of a, or nil when no indicator has a
// lead or partners.
func deptModelOf(a *eval.Assessment) *deptModel {
	v := view.Departments(a)
	if len(v.Rows) == 0 {
		return nil
	}
	m := &deptModel{BehindWord: v.BehindWord}
	names := func(rows []view.Row) []string {
		out := make([]string, 0, len(rows))
		for _, r := range rows {
			out = append(out, r.Ind.Name)
		}
		return out
	}
	for _, r := range v.Rows {
		row := deptRowModel{No: r.No, Name: r.D.Name, Lead: len(r.D.Lead), Partner: len(r.D.Partner), Behind: r.D.Behind,
			Score: r.Score.String(), Weight: r.Weight.String(), Rate: r.Rate.String(), BehindNames: names(r.Behind),
			LeadNames: names(r.Lead), Class: "lead"}
		for _, c := range r.D.Counts {
			row.Counts = append(row.Counts, countModel{Status: string(c.Status), Class: wordClass(c.Status), Count: c.Count})
		}
		switch {
		case r.D.Behind > 0:
			row.Class = "behind"
			m.Behind++
		case len(r.D.Lead) == 0:
			row.Class = "partner"
		}
		m.Rows = append(m.Rows, row)
	}
	for _, c := range v.Collectives {
		m.Collectives = append(m.Collectives, view.CollectiveText(c))
	}
	m.Unassigned = names(v.Unassigned)
	return m
}

// progressStatusOf colours each in-year word as the year's status it
// stands nearest, as the scorecard does (templates/scorecard,
// deptProgressColour): 已完成 and 超进度 as 超额完成, 达进度 as 完成, 欠进度
// as 未完成, 未到期 as 进行中.
var progressStatusOf = map[eval.ProgressStatus]eval.Status{
	eval.ProgressDone: eval.Exceeded, eval.ProgressAhead: eval.Exceeded, eval.ProgressOnTrack: eval.Met,
	eval.ProgressBehind: eval.Missed, eval.ProgressNotDue: eval.InProgress, eval.ProgressNoData: eval.NoData,
}

// wordClass is the colour of a status or of an in-year word.
func wordClass(s eval.Status) string {
	if st, ok := progressStatusOf[eval.ProgressStatus(s)]; ok {
		return classOf(st)
	}
	return classOf(s)
}

// progressCounts counts the in-year words of a's results, in the order
// of eval.ProgressStatuses; nil for a whole year.
func progressCounts(a *eval.Assessment) []countModel {
	if a.Period.IsYear() {
		return nil
	}
	n := map[eval.ProgressStatus]int{}
	for i := range a.Results {
		if p := a.Results[i].Progress; p != nil {
			n[p.Status]++
		}
	}
	var out []countModel
	for _, p := range eval.ProgressStatuses {
		if n[p] > 0 {
			out = append(out, countModel{Status: string(p), Class: wordClass(eval.Status(p)), Count: n[p]})
		}
	}
	return out
}
