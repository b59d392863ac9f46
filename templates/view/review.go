package view

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ReviewParagraph is one paragraph of the draft 工作回顾 (the review of the
// evaluated year in next year's work report) or, for a part of the year,
// of the draft 进展情况: the opening count, then one paragraph per category
// in the order 总量, 结构, 效益, 民生 for the headline group, then one
// paragraph for each further group (重点工作任务), its tasks by category.
type ReviewParagraph struct {
	// Category is the category the paragraph reviews; empty for the
	// opening and for a group's paragraph.
	Category rules.Category
	// Group is the indicator group a group's paragraph reviews
	// (重点工作任务); empty for the others.
	Group string
	// Lead opens the paragraph ("总量指标方面，"); empty for the opening.
	Lead string
	// Sentences are the clauses, without their closing punctuation.
	Sentences []ReviewSentence
}

// ReviewSentence is one clause: on one indicator, on several that share
// a verdict ("…，均按期完成"), or a count.
type ReviewSentence struct {
	// Indicator is the id of the one indicator the clause is about; empty
	// for a count and for a clause on several.
	Indicator string
	// Indicators are the ids of every indicator the clause states, in the
	// order it states them.
	Indicators []string
	Status     eval.Status
	Text       string
	// Stop ends a sentence after the clause: "。" follows it, not "；".
	Stop bool
}

// Text is the paragraph as it is printed: the lead, the clauses joined by
// "；", or by "。" where a clause ends a sentence, and a closing "。".
func (p ReviewParagraph) Text() string {
	var b strings.Builder
	b.WriteString(p.Lead)
	for i, s := range p.Sentences {
		b.WriteString(s.Text)
		if s.Stop || i == len(p.Sentences)-1 {
			b.WriteString("。")
		} else {
			b.WriteString("；")
		}
	}
	return b.String()
}

// ReviewTitle is the heading of the draft; for a part of the year it
// names the months its body reviews: 红旗区2019年1-6月目标任务完成情况.
func ReviewTitle(a *eval.Assessment) string {
	if a.Period.IsYear() {
		return TitleOf(a, scGroupWord(a)) + "（工作回顾草稿）"
	}
	return TitleOf(a, scGroupWord(a)) + "（进展情况草稿）"
}

// ReviewText drafts the review paragraphs in the register of a work
// report: every indicator with a figure is stated with it, and with what
// the figure shows against its target; indicators without data get no
// sentence and are counted once. The headline group is reviewed indicator
// by indicator, category by category; each further group (重点工作任务)
// in one paragraph, category by category, the tasks that share a verdict
// stated together, at most five to a sentence. For a part of the year
// the text speaks of 序时进度: cumulative targets against the share of
// the year elapsed, rates against the year's target, year-end targets
// counted and left to the year's end. Every figure is the scorecard's
// (Row), except completion, which is written to one decimal.
func ReviewText(a *eval.Assessment) []ReviewParagraph {
	rv := newReviewer(a)
	parts := Parts(a)
	head := parts[0]
	word := scGroupWord(a)
	if len(parts) > 1 {
		word = head.Group
	}
	opening := rv.opening(head.Rows, word)
	paras := []ReviewParagraph{{Sentences: []ReviewSentence{{Text: opening}}}}
	for _, c := range scReviewCategories(head.Rows) {
		p := ReviewParagraph{Category: c, Lead: scCategoryLead(c)}
		for _, row := range head.Rows {
			if row.Ind.Category != c {
				continue
			}
			if text, ok := rv.clause(row); ok {
				p.Sentences = append(p.Sentences, ReviewSentence{Indicator: row.Ind.ID,
					Indicators: []string{row.Ind.ID}, Status: row.R.Status, Text: text})
			}
		}
		if len(p.Sentences) > 0 {
			scReviewStops(p.Sentences)
			paras = append(paras, p)
		}
	}
	for _, p := range parts[1:] {
		paras = append(paras, rv.groupParagraph(p))
	}
	return paras
}

// scReviewCategories lists the categories of rows: the four of a work
// report first, then any other in the order met.
func scReviewCategories(rows []Row) []rules.Category {
	cats := append([]rules.Category(nil), scCategories...)
	seen := map[rules.Category]bool{}
	for _, c := range cats {
		seen[c] = true
	}
	for _, row := range rows {
		if !seen[row.Ind.Category] {
			cats = append(cats, row.Ind.Category)
			seen[row.Ind.Category] = true
		}
	}
	return cats
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

// opening counts the verdicts of the headline rows: "2019年，红旗区纳入
// 评估的12项主要预期目标中，…"; for a part of the year "2019年1-6月（时序
// 进度50%），…".
func (rv *reviewer) opening(rows []Row, word string) string {
	a := rv.a
	when := fmt.Sprintf("%d年", a.Year)
	if !rv.year {
		when += a.Period.Label() + "（时序进度" + Fixed(rv.elapsed, 0) + "%）"
	}
	return fmt.Sprintf("%s，%s纳入评估的%d项%s中，%s", when, a.Entity, len(rows), word, rv.countClause(rows))
}

// countClause says how many were met, exceeded, nearly met, missed, not
// yet due and without data: "9项完成（其中超额完成2项），1项基本完成，
// 1项未完成，另有1项暂无数据". For a part of the year: how many reached
// 序时进度 and how many fell behind it, and how many are judged at the
// year's end.
func (rv *reviewer) countClause(rows []Row) string {
	n := map[eval.Status]int{}
	yearEnd, multi := 0, 0
	for _, row := range rows {
		switch {
		case row.R.Status != eval.InProgress:
			n[row.R.Status]++
		case rv.yearEndOnly(row):
			yearEnd++
		default:
			multi++
		}
	}
	met, below := n[eval.Met]+n[eval.Exceeded], n[eval.NearlyMet]+n[eval.Missed]
	var parts []string
	add := func(c int, format string) {
		if c > 0 {
			parts = append(parts, fmt.Sprintf(format, c))
		}
	}
	if rv.year {
		if met > 0 && n[eval.Exceeded] > 0 {
			parts = append(parts, fmt.Sprintf("%d项完成（其中超额完成%d项）", met, n[eval.Exceeded]))
		} else {
			add(met, "%d项完成")
		}
		add(n[eval.NearlyMet], "%d项基本完成")
		add(n[eval.Missed], "%d项未完成")
	} else {
		if met > 0 && n[eval.Exceeded] > 0 {
			parts = append(parts, fmt.Sprintf("%d项达到序时进度（其中%d项超过序时进度）", met, n[eval.Exceeded]))
		} else {
			add(met, "%d项达到序时进度")
		}
		add(below, "%d项低于序时进度")
	}
	add(multi, "%d项为多年目标、尚未到期")
	add(yearEnd, "%d项为年终考核指标、年底评价")
	s := strings.Join(parts, "，")
	if c := n[eval.NoData]; c > 0 {
		if s != "" {
			s += "，另有"
		}
		s += fmt.Sprintf("%d项暂无数据", c)
	}
	if !rv.year && met > 0 && below == 0 {
		s += "，总体" + rv.paceWord()
	}
	return s
}

// ReviewNote closes the draft: where its figures come from.
const ReviewNote = "本稿由 attain 依据评估结果生成，数字取自评分表，完成率保留一位小数；无数据的指标未写入，请结合实际修改。"

// WriteReview writes the draft 工作回顾 as Markdown ("md") or plain text
// ("txt").
func WriteReview(w io.Writer, a *eval.Assessment, format string) error {
	bw := bufio.NewWriter(w)
	paras := ReviewText(a)
	note := ReviewNote
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
