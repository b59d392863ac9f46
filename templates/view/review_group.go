package view

import (
	"fmt"
	"sort"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// A further group (重点工作任务) is reviewed in one paragraph: its count,
// then its tasks category by category, and within a category the tasks
// that share a verdict stated together ("…，均超额完成年度目标"), each with
// its figure. No sentence lists more than scReviewListMax of them.

// scReviewListMax is the most indicators one sentence lists.
const scReviewListMax = 5

// reviewOrder is where a clause stands among those of its category: what
// was done first, then what fell short, then what is not yet due.
type reviewOrder int

const (
	ordDone     reviewOrder = iota // during the year: the year's target already reached
	ordExceeded                    // 超额完成
	ordOnPace                      // during the year: at or above 序时进度
	ordMet                         // 完成
	ordOnTime                      // milestones on time
	ordMetOther                    // 是/否, 前列, 稳定增长, 同步 met
	ordNearly                      // 基本完成
	ordNearlyOther
	ordLate   // milestones reached late
	ordBehind // during the year: below 序时进度
	ordMissed // 未完成
	ordMissedOther
	ordOverdue  // during the year: a milestone due and not reached
	ordProgress // a multi-year goal not yet due
)

// reviewItem is what the review states of one indicator of a group.
type reviewItem struct {
	row   Row
	order reviewOrder
	fact  string // the indicator with its figure: "“两改”完成投资103.6亿元"
	// one and many close a clause on one, or on several items of the same
	// order and closing ("按期完成", "均按期完成"); empty: fact is a clause
	// of its own.
	one, many string
}

// clause is the item stated on its own.
func (it reviewItem) clause() string {
	if it.one == "" {
		return it.fact
	}
	return it.fact + "，" + it.one
}

func scShared(it reviewItem, one string) reviewItem {
	it.one, it.many = one, "均"+one
	return it
}

// closing is the verdict shared by the number targets of one status.
func (rv *reviewer) closing(row Row) string {
	if !rv.year {
		return rv.periodWord(row)
	}
	switch row.R.Status {
	case eval.Exceeded:
		return "超额完成年度目标"
	case eval.Met:
		return "完成年度目标"
	case eval.NearlyMet:
		return "基本完成年度目标"
	}
	return "未完成年度目标"
}

// item is what the review states of one indicator; false for none (no
// data, a year-end target with nothing to state during the year).
func (rv *reviewer) item(row Row) (reviewItem, bool) {
	r, ind := row.R, row.Ind
	it := reviewItem{row: row}
	switch {
	case r.Status == eval.NoData:
		return it, false
	case rv.yearEndOnly(row):
		return rv.yearEndItem(row)
	case r.Status == eval.InProgress:
		var ok bool
		it.order = ordProgress
		it.fact, ok = rv.multiYear(row)
		return it, ok
	case ind.Target.Kind == rules.ByDate:
		return rv.milestoneItem(row), true
	case rv.paced(row):
		return rv.paceItem(row), true
	case !scHasNumber(ind):
		it.fact = rv.other(row)
		switch r.Status {
		case eval.Exceeded, eval.Met:
			it.order = ordMetOther
		case eval.NearlyMet:
			it.order = ordNearlyOther
		default:
			it.order = ordMissedOther
		}
		return it, true
	}
	n := rv.number(row)
	it.fact = n.fact
	var detail []string
	if n.aim != "" {
		detail = append(detail, n.aim)
	}
	switch r.Status {
	case eval.Exceeded:
		it.order = ordExceeded
	case eval.Met:
		it.order = ordMet
	default:
		it.order = ordMissed
		if r.Status == eval.NearlyMet {
			it.order = ordNearly
		}
		if n.cmp != "" {
			detail = append(detail, n.cmp)
		}
	}
	if len(detail) > 0 {
		it.fact += "（" + strings.Join(detail, "，") + "）"
	}
	return scShared(it, rv.closing(row)), true
}

// milestoneItem states a judged milestone: reached on time, late, or not.
func (rv *reviewer) milestoneItem(row Row) reviewItem {
	r := row.R
	it := reviewItem{row: row}
	due := rv.dueText(row.Ind.Target.Due)
	plan, late := "", ""
	if due != "" {
		plan, late = "（计划"+due+"）", "（"+due+"）"
	}
	switch r.Status {
	case eval.Met, eval.Exceeded:
		it.order = ordOnTime
		it.fact = rv.milestoneDone(row)
		return scShared(it, "按期完成")
	case eval.NearlyMet:
		it.order = ordLate
		it.fact = rv.milestoneDone(row) + "，晚于计划" + late
		return it
	}
	it.order = ordMissedOther
	if r.Date != "" {
		it.fact = rv.milestoneDone(row) + "，未按期完成" + plan
	} else {
		it.fact = row.Ind.Name + "未按期完成" + plan
	}
	return it
}

// yearEndItem states, during the year, a milestone judged at the year's
// end: reached within the period (on time or late), or due within it and
// not reached by its end. Other year-end targets get no clause.
func (rv *reviewer) yearEndItem(row Row) (reviewItem, bool) {
	r, ind := row.R, row.Ind
	it := reviewItem{row: row}
	if ind.Target.Kind != rules.ByDate {
		return it, false
	}
	due := ind.Target.Due
	switch {
	case r.Date != "" && scDateKey(r.Date) <= rv.end:
		it.fact = rv.milestoneDone(row)
		if due == "" || scDateKey(r.Date) <= scDateKey(due) {
			it.order = ordOnTime
			return scShared(it, "按期完成"), true
		}
		it.order = ordLate
		it.fact += "，晚于计划（" + rv.dueText(due) + "）"
		return it, true
	case r.Date == "" && r.Done != nil && *r.Done:
		it.order = ordOnTime
		it.fact = ind.Name
		return scShared(it, "已完成"), true
	case due != "" && scDateKey(due) <= rv.end:
		it.order = ordOverdue
		it.fact = ind.Name + "计划" + rv.dueText(due) + "完成，" + rv.periodEndText() + "尚未完成"
		return it, true
	}
	return it, false
}

// paceItem states a cumulative target during the year against 序时进度.
func (rv *reviewer) paceItem(row Row) reviewItem {
	share, pace, done, behind := rv.paceParts(row)
	it := reviewItem{row: row, fact: scFact(row)}
	switch {
	case done:
		it.order = ordDone
		return scShared(it, pace)
	case behind:
		it.order = ordBehind
		it.fact += "，" + share + "，" + pace
		return it
	}
	it.order = ordOnPace
	it.fact += "（" + share + "）"
	return scShared(it, pace)
}

// groupParagraph reviews a further group (重点工作任务) in one paragraph.
func (rv *reviewer) groupParagraph(p Part) ReviewParagraph {
	para := ReviewParagraph{Group: p.Group, Lead: p.Group + "方面，"}
	word, kind := "项", "指标"
	if p.Group == rules.GroupTasks {
		word, kind = "项任务", "任务"
	}
	para.Sentences = append(para.Sentences, ReviewSentence{
		Text: fmt.Sprintf("纳入评估的%d%s中，%s", len(p.Rows), word, rv.countClause(p.Rows)), Stop: true})
	var items []reviewItem
	for _, row := range p.Rows {
		if it, ok := rv.item(row); ok {
			items = append(items, it)
		}
	}
	if len(items) <= scReviewListMax {
		para.Sentences = append(para.Sentences, scReviewClauses(items, "")...)
		return para
	}
	for _, c := range scReviewCategories(p.Rows) {
		var in []reviewItem
		for _, it := range items {
			if it.row.Ind.Category == c {
				in = append(in, it)
			}
		}
		lead := string(c) + "类" + kind + "中，"
		if c == "" {
			lead = "其他" + kind + "中，"
		}
		para.Sentences = append(para.Sentences, scReviewClauses(in, lead)...)
	}
	return para
}

// scReviewClauses writes the items of one category: those of one order
// and closing together, at most scReviewListMax to a sentence, the others
// one clause each; lead opens the first.
func scReviewClauses(items []reviewItem, lead string) []ReviewSentence {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].order != items[j].order {
			return items[i].order < items[j].order
		}
		return items[i].one < items[j].one
	})
	var out []ReviewSentence
	for i := 0; i < len(items); {
		j := i + 1
		if items[i].one == "" {
			it := items[i]
			out = append(out, ReviewSentence{Indicator: it.row.Ind.ID, Indicators: []string{it.row.Ind.ID},
				Status: it.row.R.Status, Text: it.fact})
			i = j
			continue
		}
		for j < len(items) && items[j].order == items[i].order && items[j].one == items[i].one {
			j++
		}
		start := i
		for _, size := range scBalanced(j-i, scReviewListMax) {
			out = append(out, scSharedSentence(items[start:start+size]))
			start += size
		}
		i = j
	}
	scReviewStops(out)
	if len(out) > 0 {
		out[0].Text = lead + out[0].Text
	}
	return out
}

// scSharedSentence states items that share a closing in one sentence.
func scSharedSentence(items []reviewItem) ReviewSentence {
	s := ReviewSentence{Status: items[0].row.R.Status, Stop: true}
	facts := make([]string, len(items))
	for i, it := range items {
		facts[i] = it.fact
		s.Indicators = append(s.Indicators, it.row.Ind.ID)
	}
	if len(items) == 1 {
		s.Indicator = items[0].row.Ind.ID
		s.Text = items[0].clause()
		return s
	}
	s.Text = strings.Join(facts, "，") + "，" + items[0].many
	return s
}

// scReviewStops ends a sentence after at most scReviewListMax clauses
// of a run joined by "；", and after the last.
func scReviewStops(s []ReviewSentence) {
	for i := 0; i < len(s); {
		if s[i].Stop {
			i++
			continue
		}
		j := i
		for j < len(s) && !s[j].Stop {
			j++
		}
		end := i
		for _, size := range scBalanced(j-i, scReviewListMax) {
			end += size
			s[end-1].Stop = true
		}
		i = j
	}
}

// scBalanced splits n into the fewest parts of at most max, as even as
// they can be: 9 is 5 + 4, 6 is 3 + 3.
func scBalanced(n, max int) []int {
	if n <= 0 {
		return nil
	}
	k := (n + max - 1) / max
	sizes := make([]int, k)
	for i := range sizes {
		sizes[i] = n / k
		if i < n%k {
			sizes[i]++
		}
	}
	return sizes
}
