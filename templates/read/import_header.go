package read

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// This file recognises the texts of a bureau's table: the name of an
// indicator in its row ("1、地区生产总值（亿元）"), the headers of the
// columns ("1-12月 | 比上年增长%"), and units (亿元, 万元, 万人, %).

// importFoldName folds an indicator name as written in a bureau's table to
// the key it is matched by: rules.NormalizeName (full-width letters and
// digits, spaces, case, note marks such as *), then without bracketed
// notes ("（亿元）", "(%)", "【预计】"), leading numbering ("1、", "（一）",
// "一、", "2.", "①"), the words "其中：" and "#", and trailing colons. It is
// idempotent: folding a folded name changes nothing.
func importFoldName(s string) string {
	for range 8 {
		t := importFoldOnce(s)
		if t == s {
			return t
		}
		s = t
	}
	return s
}

var (
	// importNumbering is a leading list number: 1、 1. 1． (1) (一) 一、 ① 第一
	importNumbering = regexp.MustCompile(`^(?:[0-9]{1,3}[、.．:：]|[一二三四五六七八九十]{1,3}[、.．:：]|第[一二三四五六七八九十0-9]{1,3}[、.．:：]?|[①-⑳]|[ⅰ-ⅿⅠ-Ⅻ][、.．]?)`)
	importLeadWords = []string{"其中:", "其中：", "其中", "#", "-", "—", "·", "•", "、", ".", ":", "：", "_"}
)

func importFoldOnce(s string) string {
	s = rules.NormalizeName(importStripBrackets(rules.NormalizeName(s)))
	for {
		t := importNumbering.ReplaceAllString(s, "")
		for _, w := range importLeadWords {
			t = strings.TrimPrefix(t, w)
		}
		t = strings.TrimRight(t, ":：、.,，;；")
		if t == s {
			return s
		}
		s = t
	}
}

// importOpen and importClose are the brackets a note may be written in,
// after NormalizeName (which turns full-width （） into ()).
const (
	importOpen  = "([{【〔［｛〈《「"
	importClose = ")]}】〕］｝〉》」"
)

// importStripBrackets drops bracketed text, nested or not; an unclosed
// bracket drops the rest, a stray closing bracket is dropped.
func importStripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune(importOpen, r):
			depth++
		case strings.ContainsRune(importClose, r):
			if depth > 0 {
				depth--
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// importBracketed returns the texts in brackets, innermost last.
func importBracketed(s string) []string {
	var out []string
	var stack []int
	rs := []rune(rules.NormalizeName(s))
	for i, r := range rs {
		switch {
		case strings.ContainsRune(importOpen, r):
			stack = append(stack, i)
		case strings.ContainsRune(importClose, r) && len(stack) > 0:
			start := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			out = append(out, string(rs[start+1:i]))
		}
	}
	return out
}

// importGrowthSuffixes mark a row that carries a growth rate rather than a
// level: "地区生产总值增速".
var importGrowthSuffixes = []string{"增速", "增长率", "增长", "增幅", "增长速度", "同比增长", "增速(%)"}

// importIsGrowthName reports whether a folded name ends in a growth word.
func importIsGrowthName(folded string) bool {
	for _, s := range importGrowthSuffixes {
		if strings.HasSuffix(folded, s) {
			return true
		}
	}
	return false
}

// headerRole is what a column of a bureau's table holds.
type headerRole int

const (
	roleNone      headerRole = iota // not recognised
	roleIgnore                      // recognised and not read: targets, shares, notes
	roleName                        // 指标名称
	roleUnit                        // 单位
	roleLevel                       // 本年, 累计, 绝对量, 1-12月
	roleGrowth                      // 增速, 比上年增长(%), 同比±%
	rolePrevLevel                   // 上年, 上年同期
	roleRank                        // 名次, 位次, 排名
	roleDone                        // 是否完成
	roleDate                        // 完成日期
)

var roleWords = map[headerRole]string{
	roleNone: "未识别", roleIgnore: "不读取", roleName: "指标名称", roleUnit: "单位", roleLevel: "本年值",
	roleGrowth: "增速", rolePrevLevel: "上年值", roleRank: "名次", roleDone: "是否完成", roleDate: "完成日期",
}

func (r headerRole) String() string { return roleWords[r] }

// headerMatch is what a header text says about its column.
type headerMatch struct {
	Role headerRole
	// Unit is the unit the header names ("亿元" in "绝对量（亿元）"), or "".
	Unit string
	// Rank orders columns of one role: a cumulative or yearly figure (10)
	// before a monthly one (0).
	Rank int
}

// importFoldHeader folds a header text for matching: NormalizeName (which
// drops spaces and line breaks and folds full-width characters), with the
// separators used to join several header rows kept.
func importFoldHeader(s string) string {
	parts := strings.Split(s, "|")
	for i, p := range parts {
		parts[i] = rules.NormalizeName(p)
	}
	out := parts[:0]
	for _, p := range parts {
		if p != "" && (len(out) == 0 || out[len(out)-1] != p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, "|")
}

func importContainsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var importYearRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年|$|[^0-9])`)

// importMatchHeader classifies the header of a column. text is the header
// as written, several header rows joined by "|" ("1-12月|比上年增长%");
// year is the ruleset's year, so that a header "2019年" reads as this
// year's level and "2018年" as last year's.
func importMatchHeader(text string, year int) headerMatch {
	h := importFoldHeader(text)
	m := headerMatch{Unit: importHeaderUnit(h)}
	if h == "" {
		return m
	}
	m.Rank = 10
	if importContainsAny(h, "本月", "当月", "单月") {
		m.Rank = 0
	}
	bare := importStripBrackets(h)
	switch {
	case importContainsAny(h, "备注", "说明", "注释", "数据来源", "来源", "序号", "编号", "编码", "代码"):
		m.Role = roleIgnore
	case importContainsAny(h, "是否完成", "完成与否", "是否达标", "是否达到"):
		m.Role = roleDone
	case importContainsAny(h, "名次", "位次", "排名", "排位", "排序"):
		m.Role = roleRank
	case importContainsAny(h, "完成日期", "完成时间", "日期"):
		m.Role = roleDate
	case importContainsAny(h, "目标", "计划", "预期", "任务"):
		m.Role = roleIgnore
	case importContainsAny(h, "完成率", "进度", "占比", "比重", "贡献", "拉动", "百分点"):
		m.Role = roleIgnore
	case importContainsAny(h, "比上年", "比去年", "较上年", "较去年", "比上年同期", "同比", "±", "+-", "+/-", "增减", "增速", "增长", "增幅"):
		if joined := strings.ReplaceAll(h, "|", ""); importContainsAny(joined, "上年增", "去年增", "同期增速", "上年同期增") &&
			!importContainsAny(joined, "比上年", "比去年", "较上年", "较去年") {
			m.Role = roleIgnore // last year's growth
			break
		}
		m.Role = roleGrowth
	case importContainsAny(h, "上年", "去年", "同期", "上期"):
		m.Role = rolePrevLevel
	case bare == "单位" || bare == "计量单位" || bare == "单位名称" || strings.HasSuffix(bare, "|单位") || strings.HasPrefix(bare, "单位|"):
		m.Role = roleUnit
	case importContainsAny(bare, "指标名称", "指标", "项目", "名称", "主要指标"):
		m.Role = roleName
	case importContainsAny(h, "本年", "本期", "累计", "实际", "绝对", "完成", "1-12月", "1—12月", "1~12月",
		"全年", "总量", "数值", "金额", "合计", "实绩", "预计", "当年", "数量", "总额", "年末", "年度", "规模"):
		m.Role = roleLevel
	case importContainsAny(h, "本月", "当月", "12月"):
		m.Role = roleLevel
	}
	if (m.Role == roleNone || m.Role == roleLevel) && year > 0 {
		// a header naming a year: this year's level or last year's
		this, last := false, false
		for _, y := range importYearRe.FindAllStringSubmatch(bare, -1) {
			n, _ := strconv.Atoi(y[1])
			this = this || n == year
			last = last || n == year-1
		}
		switch {
		case this:
			m.Role = roleLevel
		case last && !importContainsAny(h, "本年", "本期", "当年"):
			m.Role = rolePrevLevel
		}
	}
	if m.Role == roleNone && m.Unit != "" && m.Unit != "%" {
		// a header that is only a unit: "（亿元）" under a year
		if u, ok := importParseUnit(importStripBrackets(h)); (ok && u.text == m.Unit) || importStripBrackets(h) == "" {
			m.Role = roleLevel
		}
	}
	return m
}

// importUnitRe finds "单位：亿元" in a header or a note.
var importUnitRe = regexp.MustCompile(`单位[:：]\s*([^\s,，;；、|)）]+)`)

// importHeaderUnit is the unit named by a folded header: in brackets, after
// 单位：, or a percent sign.
func importHeaderUnit(h string) string {
	if m := importUnitRe.FindStringSubmatch(h); m != nil {
		if u, ok := importParseUnit(m[1]); ok {
			return u.text
		}
	}
	for _, part := range strings.Split(h, "|") {
		bs := importBracketed(part)
		for i := len(bs) - 1; i >= 0; i-- {
			if u, ok := importParseUnit(bs[i]); ok {
				return u.text
			}
		}
		if u, ok := importParseUnit(importStripBrackets(part)); ok {
			return u.text
		}
	}
	if strings.Contains(h, "%") {
		return "%"
	}
	return ""
}

// importUnit is a unit split into a base and a power of ten: 万元 is 元
// × 10^4, 亿元 元 × 10^8, 万人 人 × 10^4. Units of one base convert exactly.
type importUnit struct {
	text string // as canonical text: "万元", "%"
	base string // "元", "人", "%"
	exp  int32
}

// importBaseUnits are the units a bureau's table measures in.
var importBaseUnits = map[string]bool{
	"元": true, "人": true, "人次": true, "户": true, "个": true, "家": true, "件": true, "座": true,
	"项": true, "名": true, "所": true, "套": true, "台": true, "辆": true, "吨": true, "亩": true,
	"公顷": true, "平方米": true, "公里": true, "千米": true, "米": true, "千瓦时": true, "度": true,
	"美元": true, "标准箱": true, "张": true, "床": true, "次": true, "篇": true, "条": true,
	"千瓦": true, "立方米": true, "间": true, "栋": true, "处": true, "位": true, "岁": true, "天": true,
}

var importUnitScale = []struct {
	prefix string
	exp    int32
}{{"百万", 6}, {"千万", 7}, {"十万", 5}, {"万", 4}, {"亿", 8}, {"千", 3}, {"百", 2}}

// importParseUnit reads a unit: "亿元", "万元", "万人", "%", "％",
// "百分比", "个百分点", "人". ok is false when s is not a unit.
func importParseUnit(s string) (importUnit, bool) {
	s = strings.TrimSpace(rules.NormalizeName(s))
	s = strings.TrimPrefix(s, "单位")
	s = strings.TrimLeft(s, ":：")
	switch s {
	case "":
		return importUnit{}, false
	case "%", "百分比", "百分数", "个百分点", "百分点", "‰":
		if s == "‰" {
			return importUnit{text: "‰", base: "%", exp: -1}, true
		}
		return importUnit{text: "%", base: "%"}, true
	}
	if importBaseUnits[s] {
		return importUnit{text: s, base: s}, true
	}
	if a, _, ok := strings.Cut(strings.ReplaceAll(s, "／", "/"), "/"); ok {
		// "亿元/%" (the level's unit, then the rate's), "元/人" (per head):
		// the first unit is the level's
		return importParseUnit(a)
	}
	for _, p := range importUnitScale {
		if rest, ok := strings.CutPrefix(s, p.prefix); ok && importBaseUnits[rest] && s != "千米" && s != "千瓦" && s != "千瓦时" {
			return importUnit{text: s, base: rest, exp: p.exp}, true
		}
	}
	return importUnit{}, false
}

// importConvert converts d from one unit to another, exactly. ok is false
// when the units measure different things (亿美元 and 亿元).
func importConvert(d decimal.Decimal, from, to importUnit) (decimal.Decimal, bool) {
	if from.base != to.base {
		return d, false
	}
	return d.Shift(from.exp - to.exp), true
}
