package seeds

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// target is one target read from a clause, before it becomes an indicator.
type target struct {
	quote    span // the clause or part of it the target stands in
	name     string
	measure  rules.Measure
	kind     rules.TargetKind
	value    string // decimal text as written (folded), for the kinds with one number
	low      string
	high     string
	unit     string
	polarity rules.Polarity
	n        int
	due      string
	years    int
	inStep   bool
	decline  bool // the figure is a decline (降幅)
	text     string
	effort   string
	todo     []string
}

// clauseCtx is what the analysis of one clause may see.
type clauseCtx struct {
	t        *text
	c        span // the clause
	sentence span
	prev     span   // the clause before, in the same sentence (empty if none)
	topic    string // the lead-in before a colon: 中德产业园
	lead     string // a quoted name in the paragraph's lead sentence: 两改
	year     int
}

// cl is a clause prepared for matching: folded runes with quoted names and
// noise blanked out, and the same as a string.
type cl struct {
	*clauseCtx
	rs     []rune // folded, masked
	orig   []rune // as written
	s      string // string(rs)
	effort string // the clause's effort word
}

const blankRune = '□'

func newCl(ctx *clauseCtx) *cl {
	t, c := ctx.t, ctx.c
	rs := make([]rune, c.e-c.s)
	for i := range rs {
		rs[i] = t.r[c.s+i]
		if t.quoted[c.s+i] || t.noise[c.s+i] {
			rs[i] = blankRune
		}
	}
	k := &cl{clauseCtx: ctx, rs: rs, orig: t.orig[c.s:c.e], s: string(rs)}
	for _, w := range effortWords {
		if strings.Contains(k.s, w) {
			k.effort = w
			break
		}
	}
	return k
}

// find returns the rune spans (relative to the clause) of a regexp's
// leftmost match and its first group.
func (k *cl) find(re *regexp.Regexp) (m span, g span, ok bool) {
	loc := re.FindStringSubmatchIndex(k.s)
	if loc == nil {
		return span{}, span{}, false
	}
	m = span{k.idx(loc[0]), k.idx(loc[1])}
	if len(loc) > 3 && loc[2] >= 0 {
		g = span{k.idx(loc[2]), k.idx(loc[3])}
	}
	return m, g, true
}

func (k *cl) idx(b int) int { return utf8.RuneCountInString(k.s[:b]) }

func (k *cl) origStr(sp span) string { return string(k.orig[sp.s:sp.e]) }

// abs turns a clause-relative span into a text span.
func (k *cl) abs(sp span) span { return span{k.c.s + sp.s, k.c.s + sp.e} }

// value is a figure found in a clause, with what surrounds it.
type value struct {
	num     number
	low     *number // the low end of a range; num is then the high end
	unit    string  // with the multiplier: 亿元, 万人, %
	opStart int     // start of the operator word before the figure
	op      string
	verb    string // a verb of growth or decline before a bound: 增长不低于
	bound   string // 以上, 以内, 左右 …
	end     int    // end of the figure with its unit and bound
	noun    bool   // a noun follows: 12个示范小区
}

// analyze reads the targets of a clause.
func analyze(ctx *clauseCtx) []target {
	k := newCl(ctx)
	if pastRe.MatchString(k.s) || k.pastYear() {
		return nil
	}
	var out []target
	var specials []span
	if m, _, ok := k.find(verdictRe); ok {
		out = append(out, k.verdict(m))
		specials = append(specials, m)
	}
	if m, g, ok := k.find(rankRe); ok {
		out = append(out, k.rank(m, g))
		specials = append(specials, m)
	}
	if m, _, ok := k.find(inStepRe); ok {
		out = append(out, k.inStep(m))
		specials = append(specials, m)
	}
	vals := k.values()
	// A figure inside a special phrase belongs to it (全省前10).
	kept := vals[:0]
	for _, v := range vals {
		inside := false
		for _, sp := range specials {
			inside = inside || v.num.start >= sp.s && v.num.start < sp.e
		}
		if !inside {
			kept = append(kept, v)
		}
	}
	vals = kept
	if ms, ok := k.milestone(len(vals) > 0); ok {
		return append(out, ms)
	}
	if len(vals) > 0 {
		return append(out, k.figures(vals)...)
	}
	if len(out) == 0 {
		if m, _, ok := k.find(positiveRe); ok {
			out = append(out, k.positive(m, false))
		} else if m, _, ok := k.find(declineRe); ok {
			out = append(out, k.positive(m, true))
		}
	}
	return out
}

// pastYear reports whether the clause names a year before the report's.
func (k *cl) pastYear() bool {
	if k.year == 0 {
		return false
	}
	for _, m := range yearRe.FindAllStringSubmatch(k.s, -1) {
		if y, _ := strconv.Atoi(m[1]); y < k.year {
			return true
		}
	}
	return false
}

func (k *cl) base(kind rules.TargetKind, measure rules.Measure, text span) target {
	return target{
		quote:    k.abs(span{0, len(k.rs)}),
		kind:     kind,
		measure:  measure,
		polarity: rules.Higher,
		text:     k.origStr(text),
		effort:   k.effort,
	}
}

// subjectBefore is the name a clause gives before position i; when there
// is none, the previous clause's.
func (k *cl) subjectBefore(i int) string {
	name := k.name(span{0, i})
	if name == "" && k.prev.e > k.prev.s {
		// The subject of the clause before: what stands before its first
		// figure or operator.
		p := newCl(&clauseCtx{t: k.t, c: k.prev, year: k.year})
		end := len(p.rs)
		for j := range p.rs {
			if isDigit(p.rs[j]) || matchAt(p.rs, j, allOps) != "" {
				end = j
				break
			}
		}
		name = p.name(span{0, end})
	}
	return name
}

func (k *cl) verdict(m span) target {
	tg := k.base(rules.Verdict, rules.YesNo, m)
	tg.unit = "是/否"
	tg.name = k.subjectBefore(m.s)
	if tg.name == "" {
		// 确保完成省下达的节能减排目标任务: what is to be completed.
		verb := m.s
		for verb < m.e && !hasAt(k.rs, verb, "完成") && !hasAt(k.rs, verb, "达到") && !hasAt(k.rs, verb, "实现") {
			verb++
		}
		tg.name = k.name(span{min(verb+2, m.e), m.e})
	}
	return tg
}

func (k *cl) rank(m, g span) target {
	tg := k.base(rules.TopN, rules.Rank, m)
	tg.unit = "名"
	tg.polarity = rules.Lower
	word := string(k.rs[g.s:g.e])
	switch {
	case word == "首位":
		tg.n = 1
	case strings.HasPrefix(word, "第") || strings.HasPrefix(word, "前"):
		tg.n = numeralValue([]rune(strings.TrimRight(word[len("第"):], "名位")))
	}
	if tg.n == 0 {
		tg.todo = append(tg.todo, fmt.Sprintf("“%s”的名次待定（默认按 conventions.top_n）", word))
	}
	tg.name = k.subjectBefore(m.s)
	return tg
}

func (k *cl) inStep(m span) target {
	tg := k.base(rules.InStep, rules.Growth, m)
	tg.unit = "%"
	tg.inStep = true
	tg.name = trimTail(k.subjectBefore(m.s), "增长", "增速", "增幅")
	return tg
}

func (k *cl) positive(m span, decline bool) target {
	tg := k.base(rules.Positive, rules.Growth, m)
	tg.unit = "%"
	tg.name = k.subjectBefore(m.s)
	if decline {
		tg.decline = true
		tg.name += "降幅"
	}
	return tg
}

// milestone reads a dated step: 4月份开工建设, 年底前投产运营. A month
// with its verb makes the clause a milestone even when it has figures (一期
// 5万平方米4月份开工); 年底前, 年内, 上半年 only when it has none (年底前
// 储备40家企业 is a count).
func (k *cl) milestone(hasFigures bool) (target, bool) {
	var date span
	due := ""
	if loc := monthRe.FindStringSubmatchIndex(k.s); loc != nil {
		month, _ := strconv.Atoi(k.s[loc[4]:loc[5]])
		year := k.year
		if loc[2] >= 0 {
			year, _ = strconv.Atoi(k.s[loc[2]:loc[3]])
		}
		if month >= 1 && month <= 12 && year > 0 {
			due = fmt.Sprintf("%04d-%02d", year, month)
			if loc[6] >= 0 {
				if day, _ := strconv.Atoi(k.s[loc[6]:loc[7]]); day >= 1 && day <= 31 {
					due += fmt.Sprintf("-%02d", day)
				}
			}
			date = span{k.idx(loc[0]), k.idx(loc[1])}
		}
	}
	if due == "" && !hasFigures && k.year > 0 {
		if loc := yearEndRe.FindStringSubmatchIndex(k.s); loc != nil {
			w := k.s[loc[0]:loc[1]]
			month := 12
			switch {
			case strings.Contains(w, "上半年"):
				month = 6
			case loc[2] >= 0:
				q := numeralValue([]rune(k.s[loc[2]:loc[3]]))
				month = 3 * q
			}
			if month >= 1 && month <= 12 {
				due = fmt.Sprintf("%04d-%02d", k.year, month)
				date = span{k.idx(loc[0]), k.idx(loc[1])}
			}
		}
	}
	if due == "" {
		return target{}, false
	}
	verb := milestoneRe.FindStringIndex(k.s[runeOff(k.s, date.e):])
	if verb == nil {
		return target{}, false
	}
	tg := k.base(rules.ByDate, rules.Milestone, span{date.s, len(k.rs)})
	tg.unit = "日期"
	tg.due = due
	// The name is the clause without its date and effort words.
	before := k.name(span{0, date.s})
	after := k.origStr(span{date.e, len(k.rs)})
	tg.name = strings.TrimSpace(before + after)
	tg.text = strings.TrimSpace(tg.text)
	return tg, true
}

// runeOff is the byte offset of rune index i in s.
func runeOff(s string, i int) int {
	for b := range s {
		if i == 0 {
			return b
		}
		i--
	}
	return len(s)
}

// values finds the figures of a clause that can be targets.
func (k *cl) values() []value {
	var out []value
	rs := k.rs
	from := 0 // where the text before the next figure starts
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !isDigit(r) && !isHanNumeral(r) {
			continue
		}
		if isHanNumeral(r) && i > 0 && isHanNumeral(rs[i-1]) {
			continue
		}
		n, ok := scanNumber(rs, k.orig, i)
		if !ok {
			continue
		}
		if v, ok := k.value(n, from); ok {
			out = append(out, v)
			i = v.end - 1
			from = v.end
		} else {
			i = n.end - 1
		}
	}
	return out
}

// value decides whether the number n is a target figure, and reads its
// unit, range, bound and operator. Each step reads on from where the one
// before stopped, and any of them may find that n is not a figure.
func (k *cl) value(n number, from int) (value, bool) {
	v := value{num: n}
	if k.partOfName(n) {
		return v, false
	}
	unit, p, ok := k.unitAfter(n)
	if !ok {
		return v, false
	}
	if hi, hiUnit, end, ok := k.rangeTo(n, unit, p); ok {
		lo := n
		v.low = &lo
		v.num = hi
		unit, p = hiUnit, end
	}
	v.unit = unit
	if v.end, ok = k.boundAt(&v, p); !ok {
		return v, false
	}
	if !k.followedBy(&v) || !k.operator(&v) {
		return v, false
	}
	return v, k.strong(v, n, from)
}

// partOfName reports whether n is part of a name or an ordinal rather
// than a figure: PM2.5, 3D, 第三, 一是; and 一 alone, which is in too many
// set phrases.
func (k *cl) partOfName(n number) bool {
	rs := k.rs
	prev := rune(0)
	if n.start > 0 {
		prev = rs[n.start-1]
	}
	if prev == '第' || isASCIILetter(prev) || prev == '.' || prev == '-' && !n.han || isDigit(prev) {
		return true
	}
	if n.end < len(rs) && (isASCIILetter(rs[n.end]) || rs[n.end] == '.') {
		return true
	}
	return n.han && n.text == "一" && n.mult == ""
}

// unitAfter reads the unit after n, with n's multiplier (亿元, 万人, %),
// and where it ends; a multiplier alone is the unit. It is false for an
// estimate (20余家, 1000多万), which is not a bound.
func (k *cl) unitAfter(n number) (unit string, end int, ok bool) {
	rs := k.rs
	p := n.end
	if p < len(rs) && strings.ContainsRune("余多几", rs[p]) {
		return "", p, false
	}
	mult := []rune(n.mult)
	for m := len(mult); m >= 0; m-- {
		if u := matchAt(rs, p+m, units); u != "" && matchAt(rs, p+m, notUnit) == "" {
			unit = string(mult[:m]) + u
			p += m + utf8.RuneCountInString(u)
			break
		}
		if m == 0 && len(mult) > 0 {
			unit = n.mult
			p += len(mult)
		}
	}
	if p < len(rs) && strings.ContainsRune("余多", rs[p]) {
		return unit, p, false
	}
	return unit, p, true
}

// rangeTo reads the high end of a range whose low end n, with its unit,
// ends at p: 6%-6.5%, 6-6.5%, 6%至6.5%. It returns the high end, the unit
// of the range and where the range ends.
func (k *cl) rangeTo(n number, unit string, p int) (hi number, hiUnit string, end int, ok bool) {
	rs := k.rs
	if !(p < len(rs) && strings.ContainsRune(rangeDashes, rs[p]) && p+1 < len(rs) && (isDigit(rs[p+1]))) {
		return hi, "", p, false
	}
	hi, ok = scanNumber(rs, k.orig, p+1)
	if !ok || hi.mult != n.mult {
		return hi, "", p, false
	}
	q := hi.end + utf8.RuneCountInString(hi.mult)
	hu := matchAt(rs, q, units)
	if hu == "" || !(unit == "" || unit == n.mult || unit == n.mult+hu) {
		return hi, "", p, false
	}
	return hi, n.mult + hu, q + utf8.RuneCountInString(hu), true
}

// boundAt reads the bound word at p (以上, 以内, 左右 …) into v and returns
// where the figure ends. It is false when the bound makes the figure
// qualify the noun after it: 百万元以上特色楼宇, 10亿元以上重大项目; a count
// of the noun (十家以上省级示范园区) stays a figure, marked noun.
func (k *cl) boundAt(v *value, p int) (int, bool) {
	rs := k.rs
	b := matchAt(rs, p, boundSuffixes)
	if b == "" {
		return p, true
	}
	v.bound = b
	p += utf8.RuneCountInString(b)
	if (b == "以上" || b == "以下" || b == "之上") && p < len(rs) && (isHan(rs[p]) || rs[p] == blankRune) &&
		!strings.ContainsRune(connectors, rs[p]) {
		if rs[p] == '的' || !isCounter(v.unit) {
			return p, false
		}
		v.noun = true
	}
	return p, true
}

// followedBy reads what follows a figure without a bound: a noun it
// counts (12个示范小区), marked noun. It is false for a bare number before
// a word, and for a qualifier: 100亿元的项目.
func (k *cl) followedBy(v *value) bool {
	rs, p := k.rs, v.end
	if v.unit == "" && v.bound == "" && p < len(rs) && (isHan(rs[p]) || rs[p] == blankRune) {
		return false // a bare number with no unit needs an operator to be a figure
	}
	if v.bound == "" && p < len(rs) && rs[p] == '的' {
		return false
	}
	if v.bound == "" && p < len(rs) && (isHan(rs[p]) || rs[p] == blankRune || isASCIILetter(rs[p])) {
		v.noun = true
	}
	return true
}

// operator reads the operator right before the figure into v, and before
// a bound operator the verb that says what the figure measures. It is
// false when a word of state stands there instead: 为60%, 占30%, 的88.1%
// describe, they are not targets.
func (k *cl) operator(v *value) bool {
	rs := k.rs
	start := v.num.start
	if v.low != nil {
		start = v.low.start
	}
	for start > 0 && (rs[start-1] == ' ' || rs[start-1] == '+') {
		start-- // 增长＋５％
	}
	v.opStart = start
	op := endsWith(rs, start, allOps)
	if op == "" {
		return endsWith(rs, start, stateOps) == ""
	}
	v.op = op
	v.opStart = start - utf8.RuneCountInString(op)
	// 整治提升8个集贸市场: the verb of a count before its noun, not a
	// growth.
	if v.noun && v.unit != "%" && v.unit != "‰" && (inList(growthOps, op) || inList(declineOps, op)) {
		v.op, v.opStart = "", start
	}
	// 增长不低于15%, 增速保持在7%以上: the verb before the bound says
	// what the figure measures.
	if !inList(growthOps, v.op) && !inList(declineOps, v.op) && v.op != "" {
		if verb := endsWith(rs, v.opStart, concat(growthOps, declineOps)); verb != "" {
			v.verb = verb
			v.opStart -= utf8.RuneCountInString(verb)
		}
	}
	return true
}

// strong reports whether a figure read from n says enough to be a target,
// from has the text since the figure before: a unit, or an operator with
// a bound; no 占 before it without an operator (占…30% describes a share,
// 占比达93% is a target); and a Chinese numeral only right after a verb of
// doing or at the end of the clause (新建两座, 特色楼宇两座; not 五项重点工作).
func (k *cl) strong(v value, n number, from int) bool {
	rs := k.rs
	if v.unit == "" && v.op == "" {
		return false // 45以下 with no unit and no verb: too weak to be a figure
	}
	if v.op == "" {
		before := string(rs[min(from, v.opStart):v.opStart])
		if strings.Contains(before, "占") && !strings.Contains(before, "占比") && !strings.Contains(before, "占地") {
			return false
		}
	}
	if n.han {
		atEnd := v.end == len(rs)
		if v.unit == "" || !(atEnd || endsWith(rs, n.start, hanVerbs) != "") {
			return false
		}
	}
	return true
}

// figures turns the figures of a clause into targets, one per figure. When
// a clause holds several figures separated by 、, each target quotes its
// own part: 新建区管公厕3座、提升改造4座.
func (k *cl) figures(vals []value) []target {
	var out []target
	partStart := 0
	for i, v := range vals {
		partEnd := len(k.rs)
		if i+1 < len(vals) {
			for j := v.end; j < vals[i+1].opStart; j++ {
				if k.rs[j] == '、' {
					partEnd = j
					break
				}
			}
		}
		regionStart := partStart
		if i > 0 && vals[i-1].end > regionStart {
			regionStart = vals[i-1].end
		}
		tg, ok := k.figure(v, span{partStart, partEnd}, regionStart)
		if ok {
			out = append(out, tg)
		}
		if partEnd < len(k.rs) {
			partStart = partEnd + 1
		}
	}
	return out
}

func (k *cl) figure(v value, part span, regionStart int) (target, bool) {
	tg := k.base(rules.AtLeast, rules.Level, span{v.opStart, v.end})
	// A clause runs to its comma; one far longer than any sentence of a
	// report (a text without punctuation) is quoted around the figure.
	q := part
	if q.e-q.s > maxClause {
		q = span{max(part.s, v.opStart-maxClause/2), min(part.e, v.end+maxClause/2)}
	}
	tg.quote = k.abs(k.t.trimRel(k.c, q))
	tg.unit = v.unit
	op := v.op
	isRate := v.unit == "%" || v.unit == "‰"
	verb := op
	if v.verb != "" {
		verb = v.verb
	}
	switch {
	case inList(declineOps, verb) && isRate:
		tg.measure, tg.decline = rules.Growth, true
	case inList(growthOps, verb) && isRate:
		tg.measure = rules.Growth
	}
	// the kind
	switch {
	case v.low != nil:
		tg.kind = rules.Between
	case v.bound != "":
		tg.kind = rules.TargetKind(suffixKind[v.bound])
	case boundOps[op] != "":
		tg.kind = rules.TargetKind(boundOps[op])
	case inList(lowerToOps, op) || inList(capOps, op):
		tg.kind = rules.AtMost
	case inList(approxOps, op):
		tg.kind = rules.Approx
	}
	if v.low != nil {
		tg.low, tg.high = v.low.text, v.num.text
		if decimal.RequireFromString(tg.low).GreaterThan(decimal.RequireFromString(tg.high)) {
			tg.low, tg.high = tg.high, tg.low
		}
	} else {
		tg.value = v.num.text
	}
	if v.num.han {
		tg.value = v.num.value.String()
	}
	// the name; 增长10% after 实现社会消费品零售总额850亿元 takes the
	// subject of the clause before.
	name := k.name(span{regionStart, v.opStart})
	if name == "" && !v.noun && regionStart == 0 {
		name = k.subjectBefore(0)
	}
	if v.noun {
		noun := k.nounAfter(v.end, part.e)
		name += noun
	}
	if isRate && !tg.decline && growthName.MatchString(name) {
		tg.measure = rules.Growth // 经济增长速度达到7%左右
	}
	switch {
	case tg.decline:
		name += "降幅"
	case !isRate && inList(declineOps, op):
		name += strings.TrimPrefix(strings.TrimPrefix(op, "同比"), "比上年")
	case !isRate && inList(growthOps, op) && op != "增长":
		name += strings.TrimPrefix(op, "同比")
	}
	// the direction
	switch {
	case tg.decline:
	case tg.kind == rules.AtMost || tg.kind == rules.Below:
		tg.polarity = rules.Lower
	case (tg.kind == rules.Approx || tg.kind == rules.Between) &&
		(lowerWords.MatchString(name) || inList(capOps, op) || inList(lowerToOps, op)):
		tg.polarity = rules.Lower
	}
	// 总投资1875.4亿元 after a project count is what the projects cost over
	// their life, not this year's target; 总投资320亿元以上 is a target.
	if strings.HasSuffix(name, "总投资") && v.bound == "" && op == "" {
		return tg, false
	}
	tg.name = name
	return tg, true
}

// trimRel trims a clause-relative span and returns it clause-relative.
func (t *text) trimRel(c span, sp span) span {
	a := t.trim(span{c.s + sp.s, c.s + sp.e})
	if a.e < a.s {
		a.e = a.s
	}
	return span{a.s - c.s, a.e - c.s}
}

// maxClause bounds the quote of a figure.
const maxClause = 200

// maxNoun bounds the noun after a count; longer text is not a name.
const maxNoun = 40

// nounAfter is the noun a count stands before: 12个示范小区 → 示范小区. A
// long one is cut at its first 的.
func (k *cl) nounAfter(from, to int) string {
	to = min(to, from+maxNoun)
	noun := []rune(strings.TrimSpace(k.origStr(span{from, to})))
	if len(noun) > 12 {
		for i, r := range noun {
			if r == '的' && i > 1 {
				noun = noun[:i]
				break
			}
		}
	}
	return strings.TrimSpace(string(noun))
}

// name is the text of a clause-relative span cleaned into a name: effort
// words, adverbs and verbs of degree dropped from both ends.
func (k *cl) name(sp span) string {
	a, b := sp.s, sp.e
	trimBlank := func() {
		for a < b && (k.rs[a] == ' ' || strings.ContainsRune(trimSet, k.rs[a])) {
			a++
		}
		for b > a && (k.rs[b-1] == ' ' || strings.ContainsRune(trimSet, k.rs[b-1])) {
			b--
		}
	}
	for changed := true; changed; {
		changed = false
		trimBlank()
		if w := matchAt(k.rs[:b], a, leadWords); w != "" && a+utf8.RuneCountInString(w) <= b {
			a += utf8.RuneCountInString(w)
			changed = true
		}
		if w := endsWith(k.rs[a:b], b-a, tailWords); w != "" && b-utf8.RuneCountInString(w) > a {
			b -= utf8.RuneCountInString(w)
			changed = true
		}
	}
	trimBlank()
	return strings.TrimSpace(k.origStr(span{a, b}))
}

// trimTail drops one of the words from the end of s.
func trimTail(s string, words ...string) string {
	for _, w := range words {
		if t, ok := strings.CutSuffix(s, w); ok && t != "" {
			return t
		}
	}
	return s
}

// years reads a multi-year goal: 5年内 → 5, 到2020年 (in a 2019 report) → 2.
func years(s string, year int) int {
	if m := yearsRe.FindStringSubmatch(s); m != nil {
		return numeralValue([]rune(m[1]))
	}
	if m := byYearRe.FindStringSubmatch(s); m != nil && year > 0 {
		y, _ := strconv.Atoi(m[1] + m[2])
		if y > year && y-year < 50 {
			return y - year + 1
		}
	}
	return 0
}
