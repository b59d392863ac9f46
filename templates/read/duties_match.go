package read

import (
	"strings"
	"unicode"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// This file matches the tasks of a 任务分解表 to the indicators of a
// ruleset. A task quotes the report, often two or three targets in one
// row (力争全年签约项目40个，总投资320亿元以上), so a row may cover several
// indicators. Texts are compared folded (rules.NormalizeName, without
// punctuation and quotation marks), and a row covers an indicator, from the
// strongest evidence down:
//
//	4  the row holds the indicator's quote (the report's words it keeps)
//	3  the row holds its name (or an alias) and its target text
//	2  the row holds its name and its target's number (8.5 in 增长8.5%左右)
//	1  the row holds its name, and the target has no number (稳步增长)
//
// An indicator is given to the rows with its strongest evidence only, so
// that a row that merely mentions 签约项目 does not take it from the row
// that quotes it.

// dutyKey is what an indicator is recognised by, folded.
type dutyKey struct {
	ind           *rules.Indicator
	quote, target string
	names         []string
	numbers       []string
}

// dutyFold folds a text for matching: rules.NormalizeName (full-width
// letters and digits, spaces, case), without punctuation, quotation marks
// and brackets; a decimal point is kept.
func dutyFold(s string) string {
	s = rules.NormalizeName(s)
	var b strings.Builder
	for _, r := range s {
		if r != '.' && r != '%' && (unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dutyKeys are the keys of every indicator of rs.
func dutyKeys(rs *rules.Ruleset) []dutyKey {
	keys := make([]dutyKey, 0, len(rs.Indicators))
	for _, ind := range rs.Indicators {
		k := dutyKey{ind: ind, target: dutyFold(ind.Target.Text)}
		if q := dutyFold(ind.Quote); len([]rune(q)) >= 4 {
			k.quote = q
		}
		for _, n := range append([]string{ind.Name}, ind.Aliases...) {
			if f := dutyFold(n); len([]rune(f)) >= 2 {
				k.names = append(k.names, f)
			}
		}
		t := ind.Target
		switch t.Kind {
		case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
			k.numbers = dutyNumbers(t.Value)
		case rules.Between:
			k.numbers = append(dutyNumbers(t.Low), dutyNumbers(t.High)...)
		}
		keys = append(keys, k)
	}
	return keys
}

// dutyNumbers are the ways the report may write a target number: 10000
// is also 1万.
func dutyNumbers(v decimal.Decimal) []string {
	out := []string{v.String()}
	if tenK := decimal.NewFromInt(10000); v.IsPositive() && v.Mod(tenK).IsZero() {
		out = append(out, v.Div(tenK).String()+"万")
	}
	return out
}

// strength is the evidence that the folded text t covers the indicator,
// 0 for none.
func (k *dutyKey) strength(t string) int {
	if k.quote != "" && strings.Contains(t, k.quote) {
		return 4
	}
	named := false
	for _, n := range k.names {
		named = named || strings.Contains(t, n)
	}
	switch {
	case !named:
		return 0
	case k.target != "" && strings.Contains(t, k.target):
		return 3
	case len(k.numbers) == 0:
		return 1
	}
	for _, n := range k.numbers {
		if dutyHasNumber(t, n) {
			return 2
		}
	}
	return 0
}

// dutyHasNumber reports whether t holds the number n on its own: 12 is
// not in 120 nor in 1.2.
func dutyHasNumber(t, n string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], n)
		if i < 0 {
			return false
		}
		i += from
		before, after := byte(0), byte(0)
		if i > 0 {
			before = t[i-1]
		}
		if j := i + len(n); j < len(t) {
			after = t[j]
		}
		if !dutyDigit(before) && !dutyDigit(after) {
			return true
		}
		from = i + 1
	}
}

func dutyDigit(c byte) bool { return c >= '0' && c <= '9' || c == '.' }

// dutiesMatch gives each row the indicators it covers, fills ByID, counts
// the rows, and warns of rows that cover nothing and of indicators left
// without a lead.
func dutiesMatch(out *Duties, rs *rules.Ruleset, ds *rules.Diagnostics) {
	keys := dutyKeys(rs)
	strength := make([][]int, len(out.Rows))
	best := make([]int, len(keys))
	for r := range out.Rows {
		t := dutyFold(out.Rows[r].text)
		strength[r] = make([]int, len(keys))
		for i := range keys {
			s := keys[i].strength(t)
			strength[r][i] = s
			best[i] = max(best[i], s)
		}
	}
	first := map[string]*DutyRow{}
	for r := range out.Rows {
		row := &out.Rows[r]
		for i, k := range keys {
			if s := strength[r][i]; s > 0 && s == best[i] {
				row.IDs = append(row.IDs, k.ind.ID)
			}
		}
		if len(row.IDs) == 0 {
			out.Unmatched++
			ds.Warnf(row.Pos, "规则集只评估可量化的目标，非量化的任务可不理会；应当评估的，在规则集中加上它（quote 写报告原话）",
				"分解表%s的任务“%s”没有对应规则集中的指标", dutyWhere(row.Pos), dutyCut(row.Task))
			continue
		}
		out.Matched++
		for _, id := range row.IDs {
			dutyAssign(out, first, row, rs.Indicator(id), ds)
		}
	}
	dutiesWithoutLead(out, rs, first, ds)
}

// dutyAssign records what row says of ind, unless an earlier row covered
// it: a different lead there is a warning naming both rows.
func dutyAssign(out *Duties, first map[string]*DutyRow, row *DutyRow, ind *rules.Indicator, ds *rules.Diagnostics) {
	if prev := first[ind.ID]; prev != nil {
		if prev.Lead != row.Lead && row.Lead != "" {
			ds.Warnf(row.Pos, "一项指标只有一个牵头单位：核对两行的任务，本次按前一行",
				"%s在分解表%s和%s都出现，牵头单位不同（%s、%s）", ind.Name, dutyWhere(prev.Pos), dutyWhere(row.Pos),
				dutyOr(prev.Lead), row.Lead)
		}
		return
	}
	first[ind.ID] = row
	out.ByID[ind.ID] = rules.Duty{Lead: row.Lead, Partners: row.Partners, Leaders: row.Leaders, Pos: row.Pos}
}

func dutyOr(s string) string {
	if s == "" {
		return "未写"
	}
	return s
}

// dutiesWithoutLead lists, and warns of, the indicators that neither the
// table nor the ruleset gives a lead.
func dutiesWithoutLead(out *Duties, rs *rules.Ruleset, first map[string]*DutyRow, ds *rules.Diagnostics) {
	for _, ind := range rs.Indicators {
		if out.ByID[ind.ID].Lead != "" || ind.Lead != "" {
			continue
		}
		out.Unassigned = append(out.Unassigned, ind.ID)
		if row := first[ind.ID]; row != nil {
			ds.Add(rules.Diagnostic{Pos: row.LeadPos, Severity: rules.Warning, Indicator: ind.ID,
				Summary: "分解表" + dutyWhere(row.LeadPos) + "没有写出“" + ind.Name + "”的牵头单位",
				Hint:    "填上牵头单位；只有“责任单位”一栏时，列在第一位的是牵头单位"})
			continue
		}
		ds.Add(rules.Diagnostic{Pos: rules.Pos{File: out.File}, Severity: rules.Warning, Indicator: ind.ID,
			Summary: "分解表中没有“" + ind.Name + "”的任务，它没有牵头单位",
			Hint:    "在分解表中加上这项任务（引用报告原话），或在规则集中给它写 lead"})
	}
}
