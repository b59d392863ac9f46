package view

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/docx"
)

// The 督查通报 (DOMAIN 4a): what the 督查室 sends after checking the work
// report's tasks during the year. It gives the overall picture (how many
// are 已完成, 超进度, 达进度, 欠进度, 未到期), names the items behind
// schedule with their lead departments (Indicator.Lead, from the ruleset
// or a 任务分解表), lists those completed, and ends with 下一步要求, left
// to the office to write.

// BulletinPlaceholder marks the section the office writes itself.
const BulletinPlaceholder = "〔此处由督查室填写〕"

// ErrBulletinYear is returned for an assessment of the whole year: a
// bulletin reports on part of it.
var ErrBulletinYear = errors.New("a bulletin reports progress during the year: evaluate a period shorter than the year")

// BulletinOptions are what a bulletin needs besides the assessment.
type BulletinOptions struct {
	// Date is the bulletin's date (成文日期), written 2019年7月10日.
	Date time.Time
	// Issuer signs the bulletin (发文机关署名); default: the entity's
	// 人民政府办公室 (红旗区人民政府办公室).
	Issuer string
}

// BulletinTitle is the bulletin's title: 关于2019年上半年政府工作报告
// 重点任务推进情况的通报.
func BulletinTitle(a *eval.Assessment) string {
	return "关于" + strconv.Itoa(a.Year) + "年" + periodWords(a.Period) + "政府工作报告重点任务推进情况的通报"
}

// periodWords names a part of the year as a bulletin does: 一季度, 上半年,
// 前三季度, else 1-4月.
func periodWords(p eval.Period) string {
	switch p.Months {
	case 3:
		return "一季度"
	case 6:
		return "上半年"
	case 9:
		return "前三季度"
	}
	return p.Label()
}

// BulletinDocument is the bulletin as a 公文: its title, four sections
// (一、总体情况, 二、欠进度事项, 三、已完成事项, 四、下一步要求, the last a
// placeholder), the issuer's signature with the date, and the convention
// behind the verdicts as its 附注. It fails for a whole year's
// assessment (ErrBulletinYear).
func BulletinDocument(a *eval.Assessment, opts BulletinOptions) (docx.Document, error) {
	if a.Period.IsYear() {
		return docx.Document{}, ErrBulletinYear
	}
	b := &bulletin{a: a, rv: newReviewer(a), parts: Parts(a)}
	title := BulletinTitle(a)
	// Two lines, each a whole phrase (GB/T 9704: 回行时要做到词意完整).
	title = strings.Replace(title, "政府工作报告", "政府工作报告\n", 1)
	d := docx.Document{Title: title, Properties: docx.Properties{Created: opts.Date}}
	d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Paragraph, Text: b.intro()},
		docx.Block{Kind: docx.Heading1, Text: "一、总体情况"},
		docx.Block{Kind: docx.Paragraph, Text: b.overview()},
		docx.Block{Kind: docx.Heading1, Text: "二、欠进度事项"})
	d.Blocks = append(d.Blocks, b.behind()...)
	d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading1, Text: "三、已完成事项"},
		docx.Block{Kind: docx.Paragraph, Text: b.completed()},
		docx.Block{Kind: docx.Heading1, Text: "四、下一步要求"},
		docx.Block{Kind: docx.Paragraph, Text: BulletinPlaceholder})
	issuer := opts.Issuer
	if issuer == "" {
		issuer = a.Entity + "人民政府办公室"
	}
	// The 附注 follows the date in brackets (GB/T 9704-2012, 7.3.6).
	d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Signature, Text: issuer + "\n" + DateText(opts.Date)},
		docx.Block{Kind: docx.Note, Text: "（" + ProgressConvention(a) + "）"})
	return d, nil
}

// WriteBulletin writes the bulletin as "docx", "md" or "txt".
func WriteBulletin(w io.Writer, a *eval.Assessment, opts BulletinOptions, format string) error {
	d, err := BulletinDocument(a, opts)
	if err != nil {
		return err
	}
	if format == "docx" {
		return docx.Write(w, d)
	}
	return WriteDocumentText(w, d, format)
}

// bulletin writes the sections of one bulletin.
type bulletin struct {
	a     *eval.Assessment
	rv    *reviewer
	parts []Part
}

// office is the 督查室 of the entity's government: 区政府督查室 for 红旗区.
func (b *bulletin) office() string {
	level, _ := utf8.DecodeLastRuneInString(b.a.Entity)
	if level == utf8.RuneError {
		return "政府督查室"
	}
	return string(level) + "政府督查室"
}

func (b *bulletin) intro() string {
	return "按照“年初建账、逐月查账、年底交账”的要求，" + b.office() + "对" + strconv.Itoa(b.a.Year) +
		"年政府工作报告确定的主要预期目标和重点工作任务" + b.rv.periodEndText() + "的推进情况进行了督查。现将有关情况通报如下。"
}

// counts is how many rows have each progress word.
func counts(rows []Row) map[eval.ProgressStatus]int {
	n := map[eval.ProgressStatus]int{}
	for _, row := range rows {
		if p := row.R.Progress; p != nil {
			n[p.Status]++
		}
	}
	return n
}

// countText states the counts: "已完成5项，超进度8项，达进度20项，欠进度
// 15项，未到期8项，另有1项未报送数据"; the first five always, 无数据 when
// there is any.
func countText(n map[eval.ProgressStatus]int) string {
	parts := make([]string, 0, 5)
	for _, s := range eval.ProgressStatuses[:5] {
		parts = append(parts, string(s)+strconv.Itoa(n[s])+"项")
	}
	s := strings.Join(parts, "，")
	if c := n[eval.ProgressNoData]; c > 0 {
		s += "，另有" + strconv.Itoa(c) + "项未报送数据"
	}
	return s
}

// overview is the overall picture: all items, then each group.
func (b *bulletin) overview() string {
	var all []Row
	for _, p := range b.parts {
		all = append(all, p.Rows...)
	}
	s := strconv.Itoa(b.a.Year) + "年" + b.a.Period.Label() + "（序时进度" + ElapsedText(b.a) + "%），纳入督查的" +
		strconv.Itoa(len(all)) + "项目标任务中，" + countText(counts(all)) + "。"
	if len(b.parts) > 1 {
		groups := make([]string, 0, len(b.parts))
		for _, p := range b.parts {
			groups = append(groups, p.Group+strconv.Itoa(len(p.Rows))+"项，"+countText(counts(p.Rows)))
		}
		s += "其中，" + strings.Join(groups, "；") + "。"
	}
	return s
}

// behind lists the items behind schedule, group by group under （一）,
// （二） headings where there is more than one group, numbered within it.
func (b *bulletin) behind() []docx.Block {
	var out []docx.Block
	sub := 0
	for _, p := range b.parts {
		var items []docx.Block
		for _, row := range p.Rows {
			if pr := row.R.Progress; pr != nil && pr.Status == eval.ProgressBehind {
				items = append(items, docx.Block{Kind: docx.Paragraph,
					Text: strconv.Itoa(len(items)+1) + "." + b.behindItem(row)})
			}
		}
		if len(items) == 0 {
			continue
		}
		if len(b.parts) > 1 {
			sub++
			out = append(out, docx.Block{Kind: docx.Heading2,
				Text: "（" + Numeral(sub) + "）" + p.Group + strconv.Itoa(len(items)) + "项"})
		}
		out = append(out, items...)
	}
	if len(out) == 0 {
		out = append(out, docx.Block{Kind: docx.Paragraph, Text: b.rv.periodEndText() + "，没有欠进度事项。"})
	}
	return out
}

// behindItem is one item behind schedule: the figure, the gap, what the
// rest of the year needs where attain can work it out, and who leads it.
func (b *bulletin) behindItem(row Row) string {
	p := row.R.Progress
	s := b.fact(row)
	if p.Text != "" {
		s += "，" + p.Text
	}
	if p.Remaining.Valid {
		s += "；" + p.RemainingText
	}
	s += "。牵头单位：" + orNotStated(row.Ind.Lead)
	if len(row.Ind.Partners) > 0 {
		s += "；责任单位：" + strings.Join(row.Ind.Partners, "、")
	}
	return s + "。"
}

func orNotStated(s string) string {
	if s == "" {
		return "未载明"
	}
	return s
}

// fact states an item's figure: "地区生产总值同比增长7.9%", "“两改”完成投资
// 46.2亿元"; a milestone, a verdict or a rank by its name.
func (b *bulletin) fact(row Row) string {
	switch {
	case row.Ind.Measure == rules.Milestone, row.Ind.Measure == rules.YesNo, row.Ind.Measure == rules.Rank,
		!row.R.Value.Valid:
		return row.Ind.Name
	}
	return scFact(row)
}

// completed lists the items done, group by group, in one paragraph.
func (b *bulletin) completed() string {
	var groups []string
	total := 0
	for _, p := range b.parts {
		var items []string
		for _, row := range p.Rows {
			if pr := row.R.Progress; pr != nil && pr.Status == eval.ProgressDone {
				items = append(items, b.doneItem(row))
			}
		}
		if len(items) == 0 {
			continue
		}
		total += len(items)
		g := strings.Join(items, "，")
		if len(b.parts) > 1 {
			g = p.Group + strconv.Itoa(len(items)) + "项：" + g
		}
		groups = append(groups, g)
	}
	if total == 0 {
		return b.rv.periodEndText() + "，尚无已完成的事项。"
	}
	return b.rv.periodEndText() + "，已完成" + strconv.Itoa(total) + "项。" + strings.Join(groups, "；") + "。"
}

// doneItem is one completed item: "实施重点建设项目212项（完成全年目标的
// 101.0%）", "中德产业园一期于4月18日开工建设".
func (b *bulletin) doneItem(row Row) string {
	p := row.R.Progress
	switch {
	case row.Ind.Measure == rules.Milestone:
		return b.rv.milestoneDone(row)
	case row.Ind.Target.Kind == rules.Verdict:
		return row.Ind.Name + row.Ind.Target.Text
	case !row.R.Value.Valid:
		return row.Ind.Name
	case p.Share.Valid:
		return scFact(row) + "（完成全年目标的" + p.Share.Decimal.StringFixed(1) + "%）"
	}
	return scFact(row)
}
