package read

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/attain-tool/attain/rules"
)

// This file reads a 任务分解表 published as text (a .txt, or text pasted
// from a web page or a Word document), and the inline labels that tables
// and lists both use. The grammar of a list, line by line:
//
//	heading   一、… | （一）… | 第一部分…        a section; level 1, 2, 1
//	item      1. … | 1、… | （1）… | ①…        a task, continued on the lines
//	                                          below it up to a blank line,
//	                                          a heading or the next item
//	labelled  a line with labels and no number: a task of its own
//	other     a title or a note above the first item: skipped
//
// Labels stand in brackets, （…）, (…), […], 【…】, or run from the first
// label to the end of the text; several are separated by ；, ；or ，:
//
//	（责任领导：张三；牵头单位：区发改委；责任单位：区统计局、各街道；完成时限：2019年12月底）
//	[责任单位：区商务局、区发改委]
//
// A heading's labels (its 责任领导) apply to its tasks that name none.
// Without a 牵头单位 label, the first unit of 责任单位 leads.

// dutyHeadingRe is a section heading's number: 一、 （一） 第一部分.
var dutyHeadingRe = regexp.MustCompile(`^(?:([一二三四五六七八九十]{1,3})[、.．]|[（(]([一二三四五六七八九十]{1,3})[）)]|第[一二三四五六七八九十]{1,3}[部分章节篇])`)

// dutyHeadingLevel is 1 for 一、 and 第一部分, 2 for （一）, 0 when s is not
// a heading.
func dutyHeadingLevel(s string) int {
	m := dutyHeadingRe.FindStringSubmatch(strings.TrimSpace(s))
	switch {
	case m == nil:
		return 0
	case m[2] != "":
		return 2
	}
	return 1
}

// dutyItemRe is a task's number: 1. 1、 1） （1） ①.
var dutyItemRe = regexp.MustCompile(`^(?:[0-9]{1,3}\s*[、.．)）]|[（(][0-9]{1,3}[）)]|[①-⑳])\s*`)

// dutyItem returns the text of an item line without its number; ok is
// false when the line is not numbered (1.5万人 is a number, not item 1).
func dutyItem(line string) (string, bool) {
	loc := dutyItemRe.FindStringIndex(line)
	if loc == nil {
		return "", false
	}
	rest := line[loc[1]:]
	if r := []rune(rest); len(r) > 0 && unicode.IsDigit(r[0]) && strings.ContainsAny(line[:loc[1]], ".．") {
		return "", false
	}
	return rest, true
}

// dutyLabelWords are the label words, longest first at a position.
var dutyLabelWords = []struct {
	word string
	role dutyRole
}{
	{"牵头责任单位", dutyLead}, {"牵头区领导", dutyLeaders}, {"责任区领导", dutyLeaders},
	{"责任领导", dutyLeaders}, {"牵头领导", dutyLeaders}, {"分管领导", dutyLeaders}, {"联系领导", dutyLeaders},
	{"包抓领导", dutyLeaders}, {"牵头单位", dutyLead}, {"牵头部门", dutyLead}, {"主责单位", dutyLead},
	{"配合单位", dutyPartners}, {"配合部门", dutyPartners}, {"协办单位", dutyPartners}, {"协同单位", dutyPartners},
	{"参与单位", dutyPartners}, {"协助单位", dutyPartners}, {"责任单位", dutyUnits}, {"责任部门", dutyUnits},
	{"承办单位", dutyUnits}, {"完成时限", dutyDue}, {"完成时间", dutyDue}, {"时间节点", dutyDue},
	{"牵头", dutyLead}, {"领导", dutyLeaders}, {"时限", dutyDue},
}

// dutyLabelRunes are dutyLabelWords as runes, and the runes a label may
// start with.
var dutyLabelRunes, dutyLabelFirst = func() ([][]rune, map[rune]bool) {
	out, first := make([][]rune, len(dutyLabelWords)), map[rune]bool{}
	for i, w := range dutyLabelWords {
		out[i] = []rune(w.word)
		first[out[i][0]] = true
	}
	return out, first
}()

// dutyLabelAt reports whether a label (its word, optional spaces and a
// colon) starts at rs[i], and where its value starts.
func dutyLabelAt(rs []rune, i int) (dutyRole, int, bool) {
	if i >= len(rs) || !dutyLabelFirst[rs[i]] {
		return dutyNone, 0, false
	}
	for k, w := range dutyLabelWords {
		word := dutyLabelRunes[k]
		if len(rs)-i < len(word) || !slices.Equal(rs[i:i+len(word)], word) {
			continue
		}
		j := i + len(word)
		for j < len(rs) && (rs[j] == ' ' || rs[j] == '\u3000') {
			j++
		}
		if j < len(rs) && (rs[j] == ':' || rs[j] == '：') {
			return w.role, j + 1, true
		}
	}
	return dutyNone, 0, false
}

// dutyLabelSet is what the labels of a text say.
type dutyLabelSet struct {
	lead, units, partners, leaders []string
	due                            string
	found                          bool
}

func dutyIsOpen(r rune) bool  { return strings.ContainsRune("（([【〔［", r) }
func dutyIsClose(r rune) bool { return strings.ContainsRune("）)]】〕］", r) }

// dutyLabels splits a text into its words and its labels: bracketed
// groups that begin with a label, and the run from the first label left
// outside brackets to the end.
func dutyLabels(s string) (string, dutyLabelSet) {
	var l dutyLabelSet
	rs := []rune(s)
	closing := dutyBrackets(rs)
	var rest []rune
	for i := 0; i < len(rs); i++ {
		if !dutyIsOpen(rs[i]) {
			rest = append(rest, rs[i])
			continue
		}
		end := closing[i]
		inner := rs[i+1 : end]
		k := 0
		for k < len(inner) && unicode.IsSpace(inner[k]) {
			k++
		}
		if _, _, ok := dutyLabelAt(inner, k); !ok {
			rest = append(rest, rs[i])
			continue
		}
		l.parse(inner[k:])
		i = end
	}
	depth := 0
	for i := range rest {
		switch {
		case dutyIsOpen(rest[i]):
			depth++
		case dutyIsClose(rest[i]) && depth > 0:
			depth--
		case depth == 0:
			if _, _, ok := dutyLabelAt(rest, i); ok {
				l.parse(rest[i:])
				rest = rest[:i]
				return dutyTrimTask(string(rest)), l
			}
		}
	}
	return dutyTrimTask(string(rest)), l
}

// dutyBrackets gives, for each opening bracket of rs, the index of the
// bracket that closes it, or len(rs) when none does; in one pass, so that
// a text of many open brackets costs no more than its length.
func dutyBrackets(rs []rune) map[int]int {
	out := map[int]int{}
	var stack []int
	for i, r := range rs {
		switch {
		case dutyIsOpen(r):
			stack = append(stack, i)
			out[i] = len(rs)
		case dutyIsClose(r) && len(stack) > 0:
			out[stack[len(stack)-1]] = i
			stack = stack[:len(stack)-1]
		}
	}
	return out
}

// dutyTrimTask trims a task's text of spaces and closing punctuation.
func dutyTrimTask(s string) string {
	return strings.TrimRightFunc(strings.TrimSpace(s), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("。；;，,、", r)
	})
}

// parse reads labels from the start of c: each label's value runs to the
// next label outside brackets.
func (l *dutyLabelSet) parse(c []rune) {
	type at struct {
		role       dutyRole
		start, val int
	}
	var found []at
	depth := 0
	for i := 0; i < len(c); i++ {
		switch {
		case dutyIsOpen(c[i]):
			depth++
		case dutyIsClose(c[i]) && depth > 0:
			depth--
		case depth == 0:
			if role, val, ok := dutyLabelAt(c, i); ok {
				found = append(found, at{role, i, val})
				i = val - 1
			}
		}
	}
	for k, f := range found {
		end := len(c)
		if k+1 < len(found) {
			end = found[k+1].start
		}
		v := dutyTrimTask(string(c[f.val:end]))
		v = strings.TrimRightFunc(v, func(r rune) bool { return dutyIsClose(r) })
		l.found = true
		switch f.role {
		case dutyLead:
			l.lead = append(l.lead, rules.SplitUnits(v)...)
		case dutyUnits:
			l.units = append(l.units, rules.SplitUnits(v)...)
		case dutyPartners:
			l.partners = append(l.partners, rules.SplitUnits(v)...)
		case dutyLeaders:
			l.leaders = append(l.leaders, rules.SplitUnits(v)...)
		case dutyDue:
			if l.due == "" {
				l.due = v
			}
		}
	}
}

// fill completes a row with what its labels say, where its columns said
// nothing.
func (l dutyLabelSet) fill(row *DutyRow) {
	if row.Lead == "" && len(row.Partners) == 0 {
		row.Lead, row.Partners = dutyUnitsOf(l.lead, l.units, l.partners, len(l.lead) == 0)
	}
	if len(row.Leaders) == 0 {
		row.Leaders = l.leaders
	}
	if row.Due == "" {
		row.Due = l.due
	}
}

// dutiesFromText reads a text file: as a table (CSV, or cells pasted
// with tabs) when it has a 分解表 header, else as a numbered list.
func dutiesFromText(in *input, ds *rules.Diagnostics) ([]DutyRow, string) {
	text, enc, err := csvDecode(in.data)
	if err != nil {
		ds.Errorf(rules.Pos{File: in.name}, "另存为 UTF-8 或 GBK 编码的文本后再读取", "无法读取分解表：%s", err)
		return nil, ""
	}
	if g, _, err := gridFromCSV(in.name, in.data, in.lim); err == nil {
		if rows, ok := dutiesFromGrid(g, ds); ok {
			return rows, "CSV（" + string(enc) + "）"
		}
	}
	return dutiesFromList(in.name, text, in.lim, ds), "文本清单（" + string(enc) + "）"
}

// dutiesFromList reads a numbered list (the grammar above).
func dutiesFromList(name, src string, lim limits, ds *rules.Diagnostics) []DutyRow {
	lines := strings.Split(strings.TrimPrefix(src, "\ufeff"), "\n")
	if len(lines) > lim.gridRows {
		ds.Warnf(rules.Pos{File: name, Line: lim.gridRows + 1}, "分解表只需任务清单：删去无关的内容",
			"分解表超过 %d 行，其后的内容未读取", lim.gridRows)
		lines = lines[:lim.gridRows]
	}
	var rows []DutyRow
	var sec dutySections
	var cur *DutyRow
	curLabels := false // the current item has labels
	var text strings.Builder
	done := func() {
		if cur == nil {
			return
		}
		rest, labels := dutyLabels(text.String())
		cur.Task, cur.text = rest, rest
		labels.fill(cur)
		if len(cur.Leaders) == 0 {
			cur.Leaders = sec.leaders()
		}
		if cur.Task != "" {
			rows = append(rows, *cur)
		}
		cur = nil
	}
	start := func(n int, item string, labels bool) {
		cur = &DutyRow{Pos: rules.Pos{File: name, Line: n, Col: 1}, Section: sec.title()}
		cur.LeadPos, curLabels = cur.Pos, labels
		text.Reset()
		text.WriteString(item)
	}
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		item, numbered := dutyItem(line)
		_, labels := dutyLabels(line)
		units := len(labels.lead)+len(labels.units)+len(labels.partners) > 0
		if loc := dutyHeadingRe.FindStringIndex(line); loc != nil && units {
			// 一、任务（牵头单位：…）: a task numbered as a heading
			item, numbered = strings.TrimSpace(line[loc[1]:]), true
		}
		switch {
		case line == "":
			done()
		case dutyHeadingLevel(line) > 0 && !units:
			done()
			sec.enter(line)
		case numbered:
			done()
			start(i+1, item, labels.found)
		case labels.found && (cur == nil || curLabels):
			done()
			start(i+1, line, true)
		case cur != nil:
			text.WriteString(line)
			curLabels = curLabels || labels.found
		}
	}
	done()
	return rows
}
