package seeds

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// text is a report split into runes, with the position of every rune in
// the original bytes, so that each quote is a substring of the input and
// each position is a line and a column in runes.
type text struct {
	src    []byte
	orig   []rune // as written
	r      []rune // folded: full-width forms to ASCII, rune for rune
	off    []int  // byte offset of rune i; off[len(r)] == len(src)
	line   []int  // 1-based line of rune i
	col    []int  // 1-based column of rune i, in runes
	noise  []bool // conversion noise ([bookmark: _GoBack]): never quoted
	quoted []bool // inside quotation marks, marks included: names, not figures
	lines  []span // each line without its terminator
}

// span is a half-open range of rune indices.
type span struct{ s, e int }

func newText(src []byte) *text {
	t := &text{src: src}
	line, col := 1, 1
	lineStart := 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		t.orig = append(t.orig, r)
		t.r = append(t.r, normRune(r))
		t.off = append(t.off, i)
		t.line = append(t.line, line)
		t.col = append(t.col, col)
		i += size
		col++
		n := len(t.r) - 1
		if r == '\n' || r == '\r' && !(i < len(src) && src[i] == '\n') {
			end := n
			if r == '\n' && n > lineStart && t.orig[n-1] == '\r' {
				end = n - 1
			}
			t.lines = append(t.lines, span{lineStart, end})
			lineStart = n + 1
			line++
			col = 1
		}
	}
	t.off = append(t.off, len(src))
	if lineStart < len(t.r) {
		t.lines = append(t.lines, span{lineStart, len(t.r)})
	}
	t.noise = make([]bool, len(t.r))
	t.quoted = make([]bool, len(t.r))
	for _, l := range t.lines {
		t.markNoise(l)
		t.markQuotes(l)
	}
	return t
}

// str is the folded text of a span.
func (t *text) str(sp span) string { return string(t.r[sp.s:sp.e]) }

// origStr is the text of a span as written.
func (t *text) origStr(sp span) string { return string(t.orig[sp.s:sp.e]) }

// quote is the exact bytes of a span in the input.
func (t *text) quote(sp span) string { return string(t.src[t.off[sp.s]:t.off[sp.e]]) }

// markNoise marks the markers a document converter leaves in the text:
// [bookmark: _GoBack], [bookmark: _Hlk2492427], [image: …], [comment: …].
func (t *text) markNoise(l span) {
	for i := l.s; i < l.e; i++ {
		if t.r[i] != '[' {
			continue
		}
		j := i + 1
		for j < l.e && j-i < 12 && (t.r[j] >= 'a' && t.r[j] <= 'z' || t.r[j] >= 'A' && t.r[j] <= 'Z') {
			j++
		}
		word := strings.ToLower(string(t.r[i+1 : j]))
		if j >= l.e || t.r[j] != ':' || !noiseWords[word] {
			continue
		}
		for k := j; k < l.e && k-i < 200; k++ {
			if t.r[k] == ']' {
				for m := i; m <= k; m++ {
					t.noise[m] = true
				}
				i = k
				break
			}
		}
	}
}

var noiseWords = map[string]bool{"bookmark": true, "image": true, "comment": true, "footnote": true, "endnote": true}

var closers = map[rune]rune{'“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '〈': '〉', '"': '"'}

// maxQuote is the longest quotation taken as a name: a longer one is more
// likely a stray mark than a name.
const maxQuote = 40

// markQuotes marks quoted names (“3511工程”, “六个百分百”): the figures
// inside them are parts of names, not targets.
func (t *text) markQuotes(l span) {
	for i := l.s; i < l.e; i++ {
		want, ok := closers[t.r[i]]
		if !ok {
			continue
		}
		for k := i + 1; k < l.e && k-i <= maxQuote; k++ {
			if t.r[k] == want {
				for m := i; m <= k; m++ {
					t.quoted[m] = true
				}
				i = k
				break
			}
			if t.r[k] == t.r[i] && want != t.r[i] {
				break // a second opening mark: the first was stray
			}
		}
	}
}

// blank reports whether rune i is space or noise.
func (t *text) blank(i int) bool { return t.noise[i] || unicode.IsSpace(t.r[i]) }

// trim narrows a span past spaces, noise and stray separators.
func (t *text) trim(sp span) span {
	for sp.s < sp.e && (t.blank(sp.s) || strings.ContainsRune(trimSet, t.r[sp.s])) {
		sp.s++
	}
	for sp.e > sp.s && (t.blank(sp.e-1) || strings.ContainsRune(trimSet, t.r[sp.e-1])) {
		sp.e--
	}
	return sp
}

const trimSet = "、,;:.。!?·"

// heading is a numbered heading at the start of a line.
type heading struct {
	level int    // 1: 一、 2: （一）（1） 3: 1. 1、
	num   int    // its number (三 → 3), 0 when unknown
	title string // folded
	body  span   // the rest of the line, when the heading runs on into text
}

// parseHeading reads the numbering at the start of l (after spaces and
// noise): 一、 ; （二） (6) （1）; 1. 1、. It returns the heading, or false.
func (t *text) parseHeading(l span) (heading, bool) {
	i := l.s
	for i < l.e && t.blank(i) {
		i++
	}
	var h heading
	j := i
	switch {
	case j < l.e && isHanNumeral(t.r[j]):
		for j < l.e && j-i < 3 && isHanNumeral(t.r[j]) {
			j++
		}
		if j >= l.e || t.r[j] != '、' {
			return h, false
		}
		v, ok := hanValue(t.r[i:j])
		if !ok {
			return h, false
		}
		h.level, h.num = 1, int(v)
		j++
	case j < l.e && t.r[j] == '(':
		k := j + 1
		for k < l.e && k-j <= 3 && (isHanNumeral(t.r[k]) || isDigit(t.r[k])) {
			k++
		}
		if k == j+1 || k >= l.e || t.r[k] != ')' {
			return h, false
		}
		h.level, h.num = 2, numeralValue(t.r[j+1:k])
		j = k + 1
	case j < l.e && isDigit(t.r[j]):
		k := j
		for k < l.e && k-j < 2 && isDigit(t.r[k]) {
			k++
		}
		if k+1 >= l.e || (t.r[k] != '.' && t.r[k] != '、') || isDigit(t.r[k+1]) {
			return h, false
		}
		h.level, h.num = 3, numeralValue(t.r[j:k])
		j = k + 1
	default:
		return h, false
	}
	for j < l.e && t.blank(j) {
		j++
	}
	// The title runs to the first full stop; a heading without one that is
	// long is the start of a paragraph, cut at its first comma.
	end := l.e
	for k := j; k < l.e; k++ {
		if t.r[k] == '。' || t.r[k] == '!' || t.r[k] == '?' {
			end = k
			break
		}
	}
	if end == l.e && l.e-j > 80 {
		for k := j; k < l.e; k++ {
			if (t.r[k] == ',' || t.r[k] == '，') && !t.quoted[k] {
				end = k
				break
			}
		}
	}
	h.title = strings.TrimSpace(string(t.r[j:end]))
	if end < l.e {
		h.body = span{end + 1, l.e}
	} else {
		h.body = span{l.e, l.e}
	}
	return h, true
}

func numeralValue(rs []rune) int {
	if len(rs) > 0 && isDigit(rs[0]) {
		v := 0
		for _, r := range rs {
			if !isDigit(r) {
				return 0
			}
			v = v*10 + int(r-'0')
		}
		return v
	}
	v, ok := hanValue(rs)
	if !ok {
		return 0
	}
	return int(v)
}

// sentences splits a span at 。！？ outside quotations.
func (t *text) sentences(sp span) []span {
	var out []span
	start := sp.s
	for i := sp.s; i < sp.e; i++ {
		if t.quoted[i] {
			continue
		}
		switch t.r[i] {
		case '。', '!', '?':
			out = appendSpan(out, t.trim(span{start, i}))
			start = i + 1
		}
	}
	return appendSpan(out, t.trim(span{start, sp.e}))
}

// clause is a part of a sentence between commas, semicolons or colons.
type clause struct {
	span
	colon bool // ends at a colon: the lead-in of what follows
}

// clauses splits a sentence at ， ； ： (and their ASCII forms) outside
// quotations, keeping 1,234 and 9:30 whole. Noise ends a clause too.
func (t *text) clauses(sp span) []clause {
	var out []clause
	start := sp.s
	cut := func(i int, colon bool) {
		if c := t.trim(span{start, i}); c.e > c.s {
			out = append(out, clause{c, colon})
		}
		start = i + 1
	}
	for i := sp.s; i < sp.e; i++ {
		if t.noise[i] {
			cut(i, false)
			continue
		}
		if t.quoted[i] {
			continue
		}
		r := t.r[i]
		digitsAround := i > sp.s && i+1 < sp.e && isDigit(t.r[i-1]) && isDigit(t.r[i+1])
		switch {
		case r == ',' && t.orig[i] == ',' && digitsAround && i+3 < sp.e && isDigit(t.r[i+2]) && isDigit(t.r[i+3]) &&
			(i+4 >= sp.e || !isDigit(t.r[i+4])):
			// a thousands separator
		case r == ':' && t.orig[i] == ':' && digitsAround:
			// a time of day
		case r == ',' || r == ';' || r == '，' || r == '；':
			cut(i, false)
		case r == ':':
			cut(i, true)
		}
	}
	cut(sp.e, false)
	return out
}

func appendSpan(list []span, sp span) []span {
	if sp.e > sp.s {
		return append(list, sp)
	}
	return list
}
