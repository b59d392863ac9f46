package seeds

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/rules"
)

// Options set what the text may not say. Zero values are guessed from the
// text: the year the targets are for (year.go: "2019年经济社会发展预期目标",
// "今年…主要预期目标" with the date line under the title), the entity from
// "在红旗区第十四届人民代表大会" or "红旗区人民政府区长".
type Options struct {
	Entity string
	Year   int
}

// Draft is a ruleset drafted from a report, with what was found where.
type Draft struct {
	Ruleset *rules.Ruleset
	// Targets are the targets in the order of the report, one per indicator
	// of the ruleset and with the same ids.
	Targets []Found
	// Name is the name the report was read under.
	Name string
	// Todo lists what a person must still decide about the ruleset as a
	// whole: its year, when the report does not say it (TodoYear).
	Todo []string
}

// Found is one measurable target found in a report. Numbers are decimal
// text exactly as written (folded to ASCII digits), never floats.
type Found struct {
	ID string `json:"id"`
	// Name is a short Chinese name taken from the clause's subject.
	Name string `json:"name"`
	// Sentence is the clause the target stands in, exactly as in the
	// report: a substring of the input.
	Sentence string `json:"sentence"`
	// Line and Col locate Sentence: 1-based, the column counted in runes.
	Line int `json:"line"`
	Col  int `json:"col"`
	// Offset is the byte offset of Sentence in the input.
	Offset int `json:"offset"`
	// Section is the heading path: "三、2019年工作安排 / （二）…".
	Section  string `json:"section,omitempty"`
	Group    string `json:"group"`
	Category string `json:"category"`
	Measure  string `json:"measure"`
	// Operator is the target kind: at_least, approx, range, by_date …
	Operator string `json:"operator"`
	Value    string `json:"value,omitempty"`
	Low      string `json:"low,omitempty"`
	High     string `json:"high,omitempty"`
	Unit     string `json:"unit"`
	Polarity string `json:"polarity"`
	With     string `json:"with,omitempty"`
	N        int    `json:"n,omitempty"`
	Due      string `json:"due,omitempty"`
	Years    int    `json:"years,omitempty"`
	// Text is the target's own wording: 同比增长8.5%左右, 1万人以上.
	Text string `json:"text"`
	// Effort is the effort word of the clause: 力争, 确保 …
	Effort string   `json:"effort,omitempty"`
	Todo   []string `json:"todo,omitempty"`
}

// GroupTasks is the group of the measurable tasks of the 工作安排 section.
const GroupTasks = rules.GroupTasks

// role is what a top-level section of a report does.
type role int

const (
	rolePreamble role = iota // before the first section
	roleReview               // 一、2018年工作回顾: past results, skipped
	roleHeadline             // 二、2019年总体要求: the headline targets
	roleTasks                // 三、2019年工作安排: the tasks
)

// sectionRole reads a top-level heading.
func sectionRole(title string, year int) role {
	if hasWord(title, "回顾", "过去", "总结", "成绩") {
		return roleReview
	}
	if m := yearRe.FindStringSubmatch(title); m != nil && year > 0 {
		if y, _ := strconv.Atoi(m[1]); y < year {
			return roleReview
		}
	}
	if hasWord(title, "预期目标", "主要目标", "总体要求", "总体思路", "政策取向", "发展目标") {
		return roleHeadline
	}
	return roleTasks
}

var (
	entityGuesses = []*regexp.Regexp{
		regexp.MustCompile(`在(\p{Han}{2,12}?)第[一二三四五六七八九十]+届人民代表大会`),
		regexp.MustCompile(`(\p{Han}{2,10}?)人民政府(?:代)?(?:省长|市长|区长|县长|州长|旗长|盟长|主席)`),
		regexp.MustCompile(`第[一二三四五六七八九十]+届(全国)人民代表大会`),
	}
)

func guessEntity(s string) string {
	for _, re := range entityGuesses {
		if m := re.FindStringSubmatch(s); m != nil {
			return m[1]
		}
	}
	return ""
}

// headlineIDs are the stable ids of the headline targets, with the words
// that name them and the measure they need.
var headlineIDs = []struct {
	id      string
	words   *regexp.Regexp
	measure rules.Measure
	kinds   []rules.TargetKind // empty: any
}{
	{"gdp_growth", regexp.MustCompile(`生产总值|GDP|经济增长`), rules.Growth, nil},
	{"fai_growth", regexp.MustCompile(`固定资产投资`), rules.Growth, nil},
	{"retail_growth", regexp.MustCompile(`社会消费品零售`), rules.Growth, nil},
	{"trade_growth", regexp.MustCompile(`进出口`), rules.Growth, nil},
	{"industry_va_growth", regexp.MustCompile(`工业增加值`), rules.Growth, nil},
	{"rd_growth", regexp.MustCompile(`科技创新投入|研发|R&D|研究与试验发展|科技投入`), rules.Growth, nil},
	{"revenue_growth", regexp.MustCompile(`一般公共预算收入|公共财政预算收入|地方财政收入|财政总收入`), rules.Growth, nil},
	{"new_urban_jobs", regexp.MustCompile(`新增就业|新增城镇就业`), rules.Level, nil},
	{"unemployment_rate", regexp.MustCompile(`登记失业率`), rules.Level, nil},
	{"income_growth", regexp.MustCompile(`可支配收入|居民收入`), rules.Growth, nil},
	{"public_services_rank", regexp.MustCompile(`教育|医疗|社会保障`), rules.Rank, nil},
	{"binding_targets", regexp.MustCompile(`约束性指标`), rules.YesNo, nil},
}

var gdpName = regexp.MustCompile(`生产总值|经济增长`)

// categoryWords guess the category of a target outside the headline
// sentence's 主要…指标 phrases.
var categoryWords = []struct {
	cat   rules.Category
	words *regexp.Regexp
}{
	{rules.CatLivelihood, regexp.MustCompile(`就业|失业|居民|可支配收入|教育|医疗|卫生|社保|社会保障|养老|住房|保障|价格|物价|贫困|扶贫|环境|污染|排放|能耗|绿化|公园|公厕|饮水|村|小区|街巷|集贸|文化|体育|见习|社会事业|PM|优良天数|热线|约束性|安全|救助|低保|学校|医院|棚户区|生态|空气|水质`)},
	{rules.CatBenefit, regexp.MustCompile(`税收|财政|预算收入|利润|利税|效益|纳税`)},
	{rules.CatStructure, regexp.MustCompile(`工业增加值|服务业|三产|第三产业|占比|比重|科技|创新|研发|专利|高新|产值过亿|人才|备案|数字经济|城镇化率`)},
}

func guessCategory(s string) rules.Category {
	for _, c := range categoryWords {
		if c.words.MatchString(s) {
			return c.cat
		}
	}
	return rules.CatVolume
}

// Extract reads a work report as plain text and returns a draft ruleset:
// one indicator per measurable target. name is used in diagnostics and as
// the ruleset's source. Diagnostics say what could not be decided (the
// year, the entity) with the position in the report.
func Extract(name string, src []byte, opts Options) (*Draft, rules.Diagnostics) {
	t := newText(src)
	var diags rules.Diagnostics
	if !utf8.Valid(src) {
		i := 0
		for i < len(t.orig) && !(t.orig[i] == utf8.RuneError && t.off[i+1]-t.off[i] == 1) {
			i++
		}
		pos := rules.Pos{File: name, Line: 1, Col: 1}
		if i < len(t.orig) {
			pos.Line, pos.Col = t.line[i], t.col[i]
		}
		diags.Errorf(pos, "把文件转成 UTF-8 再提取，如 iconv -f GBK -t UTF-8",
			"报告不是有效的 UTF-8 文本（可能是 GBK 编码）")
	}
	whole := string(t.r)
	year := opts.Year
	if year == 0 {
		year = guessYear(whole)
		if year == 0 {
			diags.Warnf(rules.Pos{File: name, Line: 1, Col: 1}, "用 --year 指定年份，或在草稿的 year 填上四位年份",
				"无法从报告中判断年份（未找到“某年…预期目标”、“今年…预期目标”、报告日期或上一年的工作回顾），草稿的 year 待定")
		}
	}
	entity := opts.Entity
	if entity == "" {
		entity = guessEntity(whole)
		if entity == "" {
			diags.Warnf(rules.Pos{File: name, Line: 1, Col: 1}, "用 --entity 指定地区",
				"无法从报告中判断地区（未找到“在某某区第几届人民代表大会”或“某某区人民政府区长”）")
		}
	}
	x := &extractor{t: t, name: name, year: year, diags: &diags}
	x.walk()
	d := x.draft(entity)
	if year == 0 {
		d.Todo = append(d.Todo, TodoYear)
	}
	if len(d.Targets) == 0 {
		diags.Warnf(rules.Pos{File: name, Line: 1, Col: 1}, "检查文本是否是政府工作报告，或者目标是否写成了图表",
			"报告中没有找到可度量的目标")
	}
	diags.Sort()
	return d, diags
}

type extractor struct {
	t     *text
	name  string
	year  int
	diags *rules.Diagnostics

	role     role
	secNum   int
	sec, sub string // heading titles, as written
	found    []found
}

// found is a target with its place in the report.
type found struct {
	target
	section  string
	secNum   int
	group    string
	category rules.Category
	guessed  bool // the category is a guess
}

// walk reads the report line by line: headings set the section, other lines
// are paragraphs of sentences of clauses.
func (x *extractor) walk() {
	t := x.t
	for _, l := range t.lines {
		body := l
		if h, ok := t.parseHeading(l); ok {
			switch h.level {
			case 1:
				x.role = sectionRole(h.title, x.year)
				x.secNum = h.num
				x.sec = x.headingText(l, h)
				x.sub = ""
			case 2:
				x.sub = x.headingText(l, h)
			}
			body = h.body
		}
		if x.role == roleReview {
			continue
		}
		x.paragraph(body)
	}
}

// headingText is a heading line as written, without its body.
func (x *extractor) headingText(l span, h heading) string {
	end := l.e
	if h.body.s > l.s && h.body.s <= l.e && h.body.e > h.body.s {
		end = h.body.s - 1
	}
	return strings.TrimSpace(x.t.origStr(x.t.trim(span{l.s, end})))
}

func (x *extractor) sectionPath() string {
	if x.sub != "" && x.sec != "" {
		return x.sec + " / " + x.sub
	}
	return x.sec + x.sub
}

func (x *extractor) paragraph(body span) {
	t := x.t
	sents := t.sentences(body)
	if len(sents) == 0 {
		return
	}
	// A short first sentence names the paragraph: 打好“两改”攻坚战.
	lead := ""
	if first := sents[0]; first.e-first.s <= 20 {
		for i := first.s; i < first.e; i++ {
			if t.quoted[i] {
				j := i
				for j < first.e && t.quoted[j] {
					j++
				}
				if j-i > 2 {
					lead = t.origStr(span{i + 1, j - 1})
				}
				break
			}
		}
	}
	category := rules.Category("")
	for _, sent := range sents {
		cls := t.clauses(sent)
		if len(cls) > 0 && pastLead.MatchString(t.str(cls[0].span)) {
			continue
		}
		if x.year > 0 {
			if m := yearRe.FindStringSubmatch(t.str(sent)); m != nil && strings.HasPrefix(t.str(sent), m[0]) {
				if y, _ := strconv.Atoi(m[1]); y < x.year {
					continue // 2018年，全区…: a sentence about the past
				}
			}
		}
		if len(cls) > 0 && describeLead.MatchString(t.str(cls[0].span)) {
			continue // 我市地处中原腹地，总面积…: a description
		}
		headline := x.role == roleHeadline || headlineRe.MatchString(t.str(sent))
		topic := ""
		breakdown := ""
		sentYears := 0 // 到2022年，…: a span that stands in its own clause
		for i, c := range cls {
			cs := t.str(c.span)
			if m := categoryRe.FindStringSubmatch(cs); m != nil {
				category = rules.Category(m[1])
			}
			if c.colon && i == 0 && c.e-c.s <= 20 {
				topic = t.origStr(c.span)
			}
			var prev span
			if i > 0 {
				prev = cls[i-1].span
			}
			ctx := &clauseCtx{t: t, c: c.span, sentence: sent, prev: prev, topic: topic, lead: lead, year: x.year}
			tgs := analyze(ctx)
			cy := years(cs, x.year)
			if len(tgs) == 0 && cy > 0 {
				sentYears = cy
			}
			if cy == 0 {
				cy = sentYears
			}
			// 其中省重点2项，市重点7项: a breakdown of the figure before.
			if strings.HasPrefix(cs, "其中") {
				if len(tgs) > 0 {
					breakdown = tgs[0].unit
				}
				continue
			}
			if breakdown != "" && len(tgs) == 1 && tgs[0].unit == breakdown && len([]rune(tgs[0].name)) <= 4 {
				continue
			}
			breakdown = ""
			clauseCat := rules.Category("")
			if len(tgs) > 0 {
				clauseCat = guessCategory(cs)
			}
			for _, tg := range tgs {
				x.add(tg, ctx, headline, category, clauseCat, cy)
			}
		}
	}
}

var describeLead = regexp.MustCompile(`地处|现辖|总面积`)

// add records a target. clauseCat is the category guessed from the whole
// clause, years the multi-year span of the clause or its sentence.
func (x *extractor) add(tg target, ctx *clauseCtx, headline bool, category, clauseCat rules.Category, years int) {
	f := found{target: tg, section: x.sectionPath(), secNum: x.secNum, group: GroupTasks}
	if headline {
		f.group = rules.GroupHeadline
	}
	if tg.kind != rules.ByDate && tg.kind != rules.Verdict && tg.kind != rules.TopN {
		f.years = years
	}
	// Names: without the span of a multi-year goal (5年内); a short one
	// takes the topic (中德产业园) or the paragraph's quoted name (两改) in
	// front.
	f.name = strings.TrimSpace(byYearRe.ReplaceAllString(yearsRe.ReplaceAllString(f.name, ""), ""))
	name := []rune(f.name)
	switch {
	case ctx.topic != "" && len(name) <= 12 && !strings.Contains(f.name, ctx.topic) && !headlineRe.MatchString(ctx.topic) &&
		!yearRe.MatchString(ctx.topic):
		f.name = ctx.topic + f.name
	case ctx.lead != "" && len(name) <= 4 && !strings.Contains(f.name, ctx.lead):
		f.name = ctx.lead + f.name
	}
	if f.name == "" {
		f.name = strings.TrimSpace(x.t.origStr(ctx.c))
	}
	if r := []rune(f.name); len(r) > 30 {
		f.name = string(r[:30])
	}
	if headline && category != "" {
		f.category = category
	} else {
		f.category = guessCategory(f.name + x.t.str(tg.quote))
		if f.category == rules.CatVolume {
			f.category = clauseCat
		}
		f.guessed = true
	}
	x.found = append(x.found, f)
}

// draft turns what was found into a ruleset.
func (x *extractor) draft(entity string) *Draft {
	rs := &rules.Ruleset{
		ID:          "draft",
		Entity:      entity,
		Year:        x.year,
		Source:      x.name,
		Conventions: rules.DefaultConventions(),
	}
	if x.year > 0 {
		rs.ID = fmt.Sprintf("draft-%d", x.year)
	}
	rs.Title = strings.TrimSpace(fmt.Sprintf("%s%s政府工作报告目标（草稿）", entity, yearText(x.year)))
	d := &Draft{Ruleset: rs, Name: x.name}

	// Stable ids for the headline targets first, then ids by section.
	ids := make([]string, len(x.found))
	used := map[string]bool{}
	for i, f := range x.found {
		if f.group != rules.GroupHeadline {
			continue
		}
		for _, h := range headlineIDs {
			if used[h.id] || h.measure != f.measure || !h.words.MatchString(f.name) || f.decline {
				continue
			}
			if h.id == "gdp_growth" && f.kind == rules.InStep {
				continue
			}
			ids[i] = h.id
			used[h.id] = true
			break
		}
	}
	seq := map[int]int{}
	for i, f := range x.found {
		if ids[i] != "" {
			continue
		}
		seq[f.secNum]++
		id := fmt.Sprintf("t%d_%02d", f.secNum, seq[f.secNum])
		if f.secNum == 0 {
			id = fmt.Sprintf("t_%02d", seq[0])
		}
		for used[id] {
			id += "_x"
		}
		ids[i] = id
		used[id] = true
	}
	// in_step refers to the GDP indicator.
	gdp := ""
	for i, f := range x.found {
		if ids[i] == "gdp_growth" || gdp == "" && f.measure == rules.Growth && f.kind != rules.InStep &&
			gdpName.MatchString(f.name) {
			gdp = ids[i]
		}
	}
	names := map[string]int{}
	for i := range x.found {
		f := &x.found[i]
		if f.inStep {
			if gdp == "" {
				f.kind = rules.Positive
				f.todo = append(f.todo, "报告要求与经济增长同步，但草稿中没有地区生产总值增速指标：补上后改为 in_step")
				x.diags.Warnf(x.pos(f.quote), "补上地区生产总值增速指标后改为 in_step",
					"“%s”要求与经济增长同步，但没有找到经济增长目标，暂按稳定增长处理", f.name)
			}
		}
		key := rules.NormalizeName(f.name)
		names[key]++
		if names[key] > 1 {
			f.name = fmt.Sprintf("%s（%d）", f.name, names[key])
			names[rules.NormalizeName(f.name)]++
		}
		ind, fd := x.indicator(*f, ids[i], gdp)
		rs.Indicators = append(rs.Indicators, ind)
		d.Targets = append(d.Targets, fd)
	}
	return d
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y) + "年"
}

func (x *extractor) pos(sp span) rules.Pos {
	if sp.s >= len(x.t.line) {
		return rules.Pos{File: x.name}
	}
	return rules.Pos{File: x.name, Line: x.t.line[sp.s], Col: x.t.col[sp.s]}
}
