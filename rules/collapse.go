package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// collapseKeep is how many diagnostics of one kind are listed before the
// rest are counted in one line.
const collapseKeep = 3

// Collapse shortens a sorted list in which one problem repeats: after the
// first few diagnostics of a kind (the same file, sheet, severity, hint and
// summary but for its numbers and cell references) the rest become one
// line that says where they are and how many there are, e.g. "第5至第
// 1,048,576行同样的问题，共1,045,630处". The order of the list is kept; a
// list without repeats comes back as it is.
func (l Diagnostics) Collapse() Diagnostics {
	type group struct {
		first       int // index in out of the counting line, or -1
		n           int
		lo, hi      int // rows (or lines) of the counted ones
		cellsByLine bool
	}
	groups := map[string]*group{}
	var out Diagnostics
	for _, d := range l {
		k := collapseKey(d)
		g := groups[k]
		if g == nil {
			g = &group{first: -1}
			groups[k] = g
		}
		g.n++
		if g.n <= collapseKeep {
			out = append(out, d)
			continue
		}
		row := d.Pos.Line
		if row == 0 {
			_, row = splitCell(d.Pos.Cell)
		}
		if g.first < 0 {
			g.first = len(out)
			g.lo, g.hi = row, row
			out = append(out, Diagnostic{Pos: Pos{File: d.Pos.File, Sheet: d.Pos.Sheet}, Severity: d.Severity,
				Hint: d.Hint})
		}
		g.lo, g.hi = min(g.lo, row), max(g.hi, row)
		extra := g.n - collapseKeep
		where := ""
		switch {
		case g.lo > 0 && g.lo == g.hi:
			where = fmt.Sprintf("第%s行", groupDigits(g.lo))
		case g.lo > 0:
			where = fmt.Sprintf("第%s至第%s行", groupDigits(g.lo), groupDigits(g.hi))
		}
		out[g.first].Summary = fmt.Sprintf("%s同样的问题，另有%s处（上面只列出前%d处），共%s处", where,
			groupDigits(extra), collapseKeep, groupDigits(g.n))
	}
	return out
}

// collapseKey is what two diagnostics of one kind share: all but the
// numbers and cell references in their text, and their cell or line.
func collapseKey(d Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%d\x00%s\x00", d.Pos.File, d.Pos.Sheet, d.Severity, maskDigits(d.Hint))
	b.WriteString(maskDigits(d.Summary))
	return b.String()
}

// maskDigits replaces every run of ASCII digits, and the letters of a cell
// reference just before one, by "#".
func maskDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			b.WriteByte('#')
			continue
		}
		if c >= 'A' && c <= 'Z' {
			j := i
			for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' && j-i < 3 {
				j++
			}
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				i = j
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// groupDigits writes n with thousands separators: 1,045,630.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
