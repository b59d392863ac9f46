package view

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ReviewParagraph is one paragraph of the draft 工作回顾 (the review of the
// evaluated year in next year's work report): the opening count, then one
// paragraph per category in the order 总量, 结构, 效益, 民生 for the headline
// group, then one paragraph for each further group (重点工作任务).
type ReviewParagraph struct {
	// Category is the category the paragraph reviews; empty for the
	// opening and for a group's paragraph.
	Category rules.Category
	// Group is the indicator group a group's paragraph reviews
	// (重点工作任务); empty for the others.
	Group string
	// Lead opens the paragraph ("总量指标方面，"); empty for the opening.
	Lead string
	// Sentences are the clauses, one per indicator with data, without the
	// closing punctuation.
	Sentences []ReviewSentence
}

// ReviewSentence is the clause on one indicator.
type ReviewSentence struct {
	Indicator string // the indicator id; empty for the opening count
	Status    eval.Status
	Text      string
}

// Text is the paragraph as it is printed: the lead, the clauses joined by
// "；" and a closing "。".
func (p ReviewParagraph) Text() string {
	parts := make([]string, len(p.Sentences))
	for i, s := range p.Sentences {
		parts[i] = s.Text
	}
	return p.Lead + strings.Join(parts, "；") + "。"
}

// ReviewTitle is the heading of the draft.
func ReviewTitle(a *eval.Assessment) string {
	return fmt.Sprintf("%s%d年%s完成情况（工作回顾草稿）", a.Entity, a.Year, scGroupWord(a))
}

// ReviewText drafts the 工作回顾 paragraphs for the evaluated year: what
// was exceeded, met, nearly met and missed, in the register of a work
// report. The headline group is reviewed indicator by indicator, category
// by category; each further group (重点工作任务) in one paragraph: its count,
// what was exceeded, every dated milestone (on time, late, not done), and
// each task missed, nearly met or in progress. Indicators without data get
// no sentence. Every figure is written by the function that writes it on
// the scorecard, so the two agree digit for digit.
func ReviewText(a *eval.Assessment) []ReviewParagraph {
	parts := Parts(a)
	head := parts[0]
	rows := head.Rows
	opening := scReviewOpening(a)
	if len(parts) > 1 {
		opening = scReviewOpeningOf(a, head.Score.Counts, len(head.Rows), head.Group)
	}
	paras := []ReviewParagraph{{Sentences: []ReviewSentence{{Text: opening}}}}
	var cats []rules.Category
	seen := map[rules.Category]bool{}
	for _, c := range scCategories {
		cats = append(cats, c)
		seen[c] = true
	}
	for _, row := range rows {
		if !seen[row.Ind.Category] {
			cats = append(cats, row.Ind.Category)
			seen[row.Ind.Category] = true
		}
	}
	for _, c := range cats {
		p := ReviewParagraph{Category: c, Lead: scCategoryLead(c)}
		for _, row := range rows {
			if row.Ind.Category != c || row.R.Status == eval.NoData {
				continue
			}
			p.Sentences = append(p.Sentences, ReviewSentence{Indicator: row.Ind.ID, Status: row.R.Status,
				Text: scReviewSentence(a, row)})
		}
		if len(p.Sentences) > 0 {
			paras = append(paras, p)
		}
	}
	for _, p := range parts[1:] {
		paras = append(paras, scGroupParagraph(a, p))
	}
	return paras
}

// scReviewListed is the most names a group's paragraph lists for its
// exceeded targets; the heaviest come first.
const scReviewListed = 5

// scGroupParagraph reviews a further group (重点工作任务) in one paragraph.
func scGroupParagraph(a *eval.Assessment, p Part) ReviewParagraph {
	para := ReviewParagraph{Group: p.Group, Lead: p.Group + "方面，"}
	add := func(id string, st eval.Status, text string) {
		para.Sentences = append(para.Sentences, ReviewSentence{Indicator: id, Status: st, Text: text})
	}
	word := "项"
	if p.Group == rules.GroupTasks {
		word = "项任务"
	}
	add("", "", fmt.Sprintf("纳入评估的%d%s中，%s", len(p.Rows), word, scCountClause(p.Score.Counts)))
	var exceeded []Row
	for _, r := range p.Rows {
		if r.R.Status == eval.Exceeded && r.Ind.Target.Kind != rules.ByDate {
			exceeded = append(exceeded, r)
		}
	}
	if len(exceeded) > 0 {
		sort.SliceStable(exceeded, func(i, j int) bool { return exceeded[i].Ind.Weight.GreaterThan(exceeded[j].Ind.Weight) })
		var names []string
		for _, r := range exceeded[:min(len(exceeded), scReviewListed)] {
			names = append(names, r.Ind.Name)
		}
		text := strings.Join(names, "、")
		if len(exceeded) > scReviewListed {
			text += fmt.Sprintf("等%d项超额完成", len(exceeded))
		} else {
			text += "超额完成"
		}
		add("", eval.Exceeded, text)
	}
	// Milestones on time, late or not done; then what missed, nearly met
	// or is in progress, in the group's order.
	for _, r := range p.Rows {
		if r.Ind.Target.Kind == rules.ByDate && r.R.Status != eval.NoData {
			add(r.Ind.ID, r.R.Status, scReviewSentence(a, r))
		}
	}
	for _, st := range []eval.Status{eval.Missed, eval.NearlyMet, eval.InProgress} {
		for _, r := range p.Rows {
			if r.R.Status == st && r.Ind.Target.Kind != rules.ByDate {
				add(r.Ind.ID, r.R.Status, scReviewSentence(a, r))
			}
		}
	}
	return para
}

func scCategoryLead(c rules.Category) string {
	switch c {
	case "":
		return "其他指标方面，"
	case rules.CatVolume, rules.CatStructure, rules.CatBenefit, rules.CatLivelihood:
		return string(c) + "指标方面，"
	}
	return string(c) + "方面，"
}

// scGroupWord names what was assessed: the indicators' common group
// (主要预期目标), or 目标任务.
func scGroupWord(a *eval.Assessment) string {
	group := ""
	for i, r := range a.Results {
		if i == 0 {
			group = r.Indicator.Group
		} else if r.Indicator.Group != group {
			return "目标任务"
		}
	}
	if group == "" {
		return "目标任务"
	}
	return group
}

// scReviewOpening counts the verdicts: "2019年，纳入评估的12项主要预期目标中，…".
func scReviewOpening(a *eval.Assessment) string {
	return scReviewOpeningOf(a, a.Counts, len(a.Results), scGroupWord(a))
}

// scReviewOpeningOf counts the verdicts of n indicators named by word.
func scReviewOpeningOf(a *eval.Assessment, counts []eval.StatusCount, n int, word string) string {
	period := ""
	if !a.Period.IsYear() {
		period = a.Period.Label()
	}
	return fmt.Sprintf("%d年%s，%s纳入评估的%d项%s中，%s", a.Year, period, a.Entity, n, word, scCountClause(counts))
}

// scCountClause says how many were met, exceeded, nearly met, missed, in
// progress and without data: "9项完成（其中超额完成2项），1项基本完成，…".
func scCountClause(list []eval.StatusCount) string {
	counts := map[eval.Status]int{}
	for _, c := range list {
		counts[c.Status] = c.Count
	}
	var parts []string
	if n := counts[eval.Met] + counts[eval.Exceeded]; n > 0 {
		s := fmt.Sprintf("%d项完成", n)
		if counts[eval.Exceeded] > 0 {
			s += fmt.Sprintf("（其中超额完成%d项）", counts[eval.Exceeded])
		}
		parts = append(parts, s)
	}
	for _, st := range []struct {
		s    eval.Status
		verb string
	}{{eval.NearlyMet, "基本完成"}, {eval.Missed, "未完成"}, {eval.InProgress, "按进度推进"}} {
		if n := counts[st.s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d项%s", n, st.verb))
		}
	}
	if n := counts[eval.NoData]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d项暂无数据", n))
	}
	return strings.Join(parts, "，")
}

// scRegion is the peer group a 前列 target names: 全市, 全省 …
func scRegion(text string) string {
	for _, r := range []string{"全国", "全省", "全市", "全县", "全区"} {
		if strings.Contains(text, r) {
			return r
		}
	}
	return "全市"
}

// scFact states the figure: "地区生产总值同比增长8.6%", "城镇新增就业10250人".
func scFact(row Row) string {
	ind := row.Ind
	v := row.Actual
	if ind.Measure == rules.Growth {
		verb := "增长"
		if v.D.IsNegative() {
			verb = "下降"
		}
		if strings.Contains(ind.Target.Text, "同比") {
			verb = "同比" + verb
		}
		return ind.Name + verb + v.digits() + "%"
	}
	return ind.Name + v.String() + row.Unit
}

// scVerdict is the closing word of a clause on a number target.
func scVerdict(s eval.Status, met string) string {
	switch s {
	case eval.Exceeded:
		return "，超额完成"
	case eval.Met:
		return met
	case eval.NearlyMet:
		return "，基本完成"
	case eval.Missed:
		return "，未完成目标"
	}
	return ""
}

// scReviewSentence writes the clause on one indicator with data.
func scReviewSentence(a *eval.Assessment, row Row) string {
	r, ind := row.R, row.Ind
	t := ind.Target
	if r.Status == eval.InProgress {
		return fmt.Sprintf("%s，为%d年内目标，正在按进度推进", scProgressFact(row), t.Years)
	}
	switch t.Kind {
	case rules.Verdict:
		if r.Status == eval.Met {
			return ind.Name + t.Text
		}
		if strings.HasPrefix(t.Text, "完成") {
			return ind.Name + "未" + t.Text
		}
		return ind.Name + "未达到“" + t.Text + "”的要求"
	case rules.ByDate:
		return scMilestoneSentence(row)
	case rules.TopN:
		region := scRegion(t.Text)
		if r.Status == eval.Met {
			return fmt.Sprintf("%s居%s%s，位于%s前列", ind.Name, region, row.Actual.String(), region)
		}
		return fmt.Sprintf("%s居%s%s，未进入%s前列（%s）", ind.Name, region, row.Actual.String(), region,
			row.Target.String())
	case rules.Positive:
		aim := strings.TrimPrefix(t.Text, "保持")
		switch r.Status {
		case eval.Met, eval.Exceeded:
			return scFact(row) + "，实现" + aim
		case eval.NearlyMet:
			return scFact(row) + "，未实现" + aim + "，基本完成"
		}
		return scFact(row) + "，未实现" + aim
	case rules.InStep:
		ref := ind.Name
		if ri := a.Ruleset.Indicator(t.With); ri != nil {
			ref = ri.Name
		}
		cmp := scCompare(row, ref+"增速")
		switch r.Status {
		case eval.Met, eval.Exceeded:
			return scFact(row) + "，" + cmp + "，实现同步"
		case eval.NearlyMet:
			return scFact(row) + "，" + cmp + "，基本同步"
		}
		return scFact(row) + "，" + cmp + "，未实现同步"
	}
	if ind.Measure == rules.Rank {
		region := scRegion(t.Text)
		s := fmt.Sprintf("%s居%s%s", ind.Name, region, row.Actual.String())
		return s + scVerdict(r.Status, "，完成目标")
	}
	if ind.Polarity == rules.Lower {
		limit := scLimit(row)
		switch r.Status {
		case eval.Met, eval.Exceeded:
			return scFact(row) + "，控制在" + limit + "以内"
		}
		over := "高于" + limit + "的控制目标"
		if ind.IsRate() && row.Gap.Num {
			over += row.Gap.digits() + "个百分点"
		}
		return scFact(row) + "，" + over + scVerdict(r.Status, "")
	}
	if ind.IsRate() {
		return scFact(row) + "，" + scCompare(row, "预期目标") + scVerdict(r.Status, "，完成目标")
	}
	if row.Completion.Num {
		return scFact(row) + "，完成目标的" + row.Completion.String() + "%" + scVerdict(r.Status, "")
	}
	return scFact(row) + scVerdict(r.Status, "，完成目标")
}

// scCompare compares a rate with its reference by the gap the scorecard
// shows: "高于预期目标0.1个百分点".
func scCompare(row Row, ref string) string {
	g := row.Gap
	switch {
	case !g.Num:
		return "目标为" + row.Ind.Target.Text
	case g.D.IsPositive():
		return "高于" + ref + g.digits() + "个百分点"
	case g.D.IsNegative():
		return "低于" + ref + g.digits() + "个百分点"
	}
	return "与" + ref + "持平"
}

// scLimit is the number a lower-is-better target keeps under: "4%".
func scLimit(row Row) string {
	t := row.Ind.Target
	v := t.Value
	if t.Kind == rules.Between {
		v = t.High
	}
	return Fixed(v, 0) + row.Unit
}

// scProgressFact states a multi-year goal's figure this year.
func scProgressFact(row Row) string {
	if row.Actual.Num {
		return scFact(row)
	}
	return row.Ind.Name
}

func scMilestoneSentence(row Row) string {
	r, ind := row.R, row.Ind
	switch r.Status {
	case eval.Met:
		if r.Date != "" {
			return fmt.Sprintf("%s于%s完成，按期完成", ind.Name, r.Date)
		}
		return ind.Name + "已完成"
	case eval.NearlyMet:
		return fmt.Sprintf("%s于%s完成，晚于计划（%s）", ind.Name, r.Date, row.Target.String())
	}
	return ind.Name + "未按期完成"
}

// WriteReview writes the draft 工作回顾 as Markdown ("md") or plain text
// ("txt").
func WriteReview(w io.Writer, a *eval.Assessment, format string) error {
	bw := bufio.NewWriter(w)
	paras := ReviewText(a)
	note := "本稿由 attain 依据评估结果生成，数字与评分表一致；无数据的指标未写入，请结合实际修改。"
	switch format {
	case "md", "markdown":
		fmt.Fprintf(bw, "# %s\n\n", ReviewTitle(a))
		for _, p := range paras {
			fmt.Fprintf(bw, "%s\n\n", p.Text())
		}
		fmt.Fprintf(bw, "> %s\n", note)
	case "txt", "text", "":
		fmt.Fprintf(bw, "%s\n\n", ReviewTitle(a))
		for _, p := range paras {
			fmt.Fprintf(bw, "　　%s\n\n", p.Text())
		}
		fmt.Fprintf(bw, "（%s）\n", note)
	default:
		return fmt.Errorf("review format %q: want md or txt", format)
	}
	return bw.Flush()
}
