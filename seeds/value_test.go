package seeds

import (
	"strings"
	"testing"
)

// The cases below pin what each step of cl.value reads today; the
// sentence tables judge the extractor as a whole.

// clauseOf prepares s as one clause of a 2019 report.
func clauseOf(s string) *cl {
	t := newText([]byte(s))
	return newCl(&clauseCtx{t: t, c: span{0, len(t.r)}, year: 2019})
}

// runeAt is the rune index in k of the first occurrence of sub in its
// folded text.
func runeAt(t *testing.T, k *cl, sub string) int {
	t.Helper()
	b := strings.Index(k.s, sub)
	if b < 0 {
		t.Fatalf("%q not in %q", sub, k.s)
	}
	return k.idx(b)
}

// numberAt scans the number at the first occurrence of digits.
func numberAt(t *testing.T, k *cl, digits string) number {
	t.Helper()
	n, ok := scanNumber(k.rs, k.orig, runeAt(t, k, digits))
	if !ok {
		t.Fatalf("no number at %q in %q", digits, k.s)
	}
	return n
}

// rest is the clause from rune i on, folded (a full-width comma is ",").
func rest(k *cl, i int) string { return string(k.rs[i:]) }

func TestPartOfName(t *testing.T) {
	tests := []struct {
		name, clause, at string
		want             bool
	}{
		{"a growth rate", "地区生产总值增长8.5%", "8.5", false},
		{"after letters", "提升PM2.5监测能力", "2.5", true},
		{"before a letter", "推广5G应用", "5", true},
		{"before a dot", "推进3.0版本", "3", false}, // 3.0 is one number
		{"an ordinal", "第三批", "三", true},
		{"a year range", "2019-2020年", "2020", true},
		{"a lone 一", "一是加快", "一", true},
		{"a Chinese numeral", "新建两座", "两", false},
		{"一 with a multiplier", "新增一万人", "一", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			if got := k.partOfName(numberAt(t, k, tc.at)); got != tc.want {
				t.Errorf("partOfName = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestUnitAfter(t *testing.T) {
	tests := []struct {
		name, clause, at string
		unit, rest       string
		ok               bool
	}{
		{"percent", "增长8.5%左右", "8.5", "%", "左右", true},
		{"a multiplier and a unit", "新增城镇就业1万人以上", "1", "万人", "以上", true},
		{"hundred million yuan", "完成投资320亿元以上", "320", "亿元", "以上", true},
		{"a multiplier alone", "税收收入3亿", "3", "亿", "", true},
		{"points", "提高1.5个百分点", "1.5", "个百分点", "", true},
		{"a noun that starts like a unit", "建成863人才公寓", "863", "", "人才公寓", true},
		{"no unit", "控制在45以下", "45", "", "以下", true},
		{"an estimate", "引进项目20余个", "20", "", "余个", false},
		{"an estimate after a multiplier", "投资1000多万", "1000", "", "多万", false},
		{"an estimate after the unit", "新增10万余人", "10", "万", "余人", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			unit, end, ok := k.unitAfter(numberAt(t, k, tc.at))
			if unit != tc.unit || rest(k, end) != tc.rest || ok != tc.ok {
				t.Errorf("unitAfter = %q, rest %q, %v; want %q, %q, %v", unit, rest(k, end), ok, tc.unit, tc.rest, tc.ok)
			}
		})
	}
}

func TestRangeTo(t *testing.T) {
	tests := []struct {
		name, clause, at string
		hi, unit, rest   string // when ok
		ok               bool
	}{
		{"hyphen", "增长6%-6.5%", "6", "6.5", "%", "", true},
		{"zhi", "增长6%至6.5%以上", "6", "6.5", "%", "以上", true},
		{"bare low end", "增长7-7.5%", "7", "7.5", "%", "", true},
		{"tilde with multipliers", "新增就业1万~1.2万人", "1", "1.2", "万人", "", true},
		{"no dash", "增长6%，", "6", "", "", "", false},
		{"a year range has no unit", "2019-2020年", "2019", "", "", "", false},
		{"multipliers differ", "新增就业5-10万人", "5", "", "", "", false},
		{"units differ", "增长6%—7个", "6", "", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			n := numberAt(t, k, tc.at)
			unit, p, _ := k.unitAfter(n)
			hi, hiUnit, end, ok := k.rangeTo(n, unit, p)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if ok && (hi.text != tc.hi || hiUnit != tc.unit || rest(k, end) != tc.rest) {
				t.Errorf("rangeTo = %s %q, rest %q; want %s %q, %q", hi.text, hiUnit, rest(k, end), tc.hi, tc.unit, tc.rest)
			}
			if !ok && end != p {
				t.Errorf("end = %d, want %d where the unit ends", end, p)
			}
		})
	}
}

func TestBoundAt(t *testing.T) {
	tests := []struct {
		name, clause, at string
		bound, rest      string
		noun, ok         bool
	}{
		{"at least", "增长10%以上", "10", "以上", "", false, true},
		{"within", "失业率控制在4.5%以内，", "4.5", "以内", ",", false, true},
		{"about", "增长7%左右", "7", "左右", "", false, true},
		{"none", "增长8%，", "8", "", ",", false, true},
		{"before a connector", "增长10%以上和质量提升", "10", "以上", "和质量提升", false, true},
		{"a count of the noun", "新增十家以上省级示范园区", "十", "以上", "省级示范园区", true, true},
		{"an amount that qualifies the noun", "引进10亿元以上重大项目", "10", "以上", "重大项目", false, false},
		{"before 的", "新增5家以上的企业", "5", "以上", "的企业", false, false},
		{"before a quoted name", "引进100亿元以上“龙头”项目", "100", "以上", "□□□□项目", false, false},
		{"below, before a noun", "引进5家以下企业", "5", "以下", "企业", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			n := numberAt(t, k, tc.at)
			unit, p, _ := k.unitAfter(n)
			v := value{num: n, unit: unit}
			end, ok := k.boundAt(&v, p)
			if v.bound != tc.bound || rest(k, end) != tc.rest || v.noun != tc.noun || ok != tc.ok {
				t.Errorf("boundAt = %q, rest %q, noun %v, %v; want %q, %q, %v, %v",
					v.bound, rest(k, end), v.noun, ok, tc.bound, tc.rest, tc.noun, tc.ok)
			}
		})
	}
}

// figureIn is a value for the figure text fig in clause k (its digits
// first), with the unit and bound given, ending where fig ends.
func figureIn(t *testing.T, k *cl, digits, fig, unit, bound string) value {
	t.Helper()
	v := value{num: numberAt(t, k, digits), unit: unit, bound: bound}
	v.end = runeAt(t, k, fig) + len([]rune(fig))
	return v
}

func TestFollowedBy(t *testing.T) {
	tests := []struct {
		name, clause, digits, fig, unit, bound string
		noun, ok                               bool
	}{
		{"end of clause", "增长8%", "8", "8%", "%", "", false, true},
		{"a comma", "增长8%，", "8", "8%", "%", "", false, true},
		{"a counted noun", "建设12个示范小区", "12", "12个", "个", "", true, true},
		{"a letter", "建成5G基站", "5", "5", "", "", true, true},
		{"a qualifier", "投资100亿元的项目", "100", "100亿元", "亿元", "", false, false},
		{"a bare number before a word", "建成3号楼", "3", "3", "", "", false, false},
		{"a bound decided before", "增长10%以上企业", "10", "10%以上", "%", "以上", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			v := figureIn(t, k, tc.digits, tc.fig, tc.unit, tc.bound)
			ok := k.followedBy(&v)
			if v.noun != tc.noun || ok != tc.ok {
				t.Errorf("followedBy: noun %v, %v; want %v, %v", v.noun, ok, tc.noun, tc.ok)
			}
		})
	}
}

func TestOperator(t *testing.T) {
	tests := []struct {
		name, clause, digits, unit string
		noun                       bool
		low                        string // the digits of a range's low end
		op, verb, lead             string // lead: from opStart to the figure
		ok                         bool
	}{
		{"growth", "地区生产总值增长8%", "8", "%", false, "", "增长", "", "增长", true},
		{"a bound with its verb", "研发经费投入增长不低于15%", "15", "%", false, "", "不低于", "增长", "增长不低于", true},
		{"a hold with its verb", "增速保持在7%以上", "7", "%", false, "", "保持在", "增速", "增速保持在", true},
		{"a sign skipped", "外贸进出口总额同比增长＋５％", "5", "%", false, "", "同比增长", "", "同比增长+", true},
		{"the low end of a range", "增长6%-6.5%", "6.5", "%", false, "6", "增长", "", "增长", true},
		{"points are a growth", "城镇化率提高1.5个百分点", "1.5", "个百分点", false, "", "提高", "", "提高", true},
		{"the verb of a count", "整治提升8个集贸市场", "8", "个", true, "", "", "", "", true},
		{"a level to reach", "固定资产投资达到1200亿元", "1200", "亿元", false, "", "达到", "", "达到", true},
		{"none", "全市88.1%", "88.1", "%", false, "", "", "", "", true},
		{"a state", "占比为60%", "60", "%", false, "", "", "", "", false},
		{"a share", "工业占30%", "30", "%", false, "", "", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			v := value{num: numberAt(t, k, tc.digits), unit: tc.unit, noun: tc.noun}
			first := v.num.start
			if tc.low != "" {
				lo := numberAt(t, k, tc.low)
				v.low = &lo
				first = lo.start
			}
			ok := k.operator(&v)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if lead := string(k.rs[v.opStart:first]); ok && (v.op != tc.op || v.verb != tc.verb || lead != tc.lead) {
				t.Errorf("operator = %q, verb %q, lead %q; want %q, %q, %q", v.op, v.verb, lead, tc.op, tc.verb, tc.lead)
			}
		})
	}
}

func TestStrong(t *testing.T) {
	tests := []struct {
		name, clause, digits, fig, unit, op string
		from                                string // the text after the figure before, "" for the clause's start
		want                                bool
	}{
		{"a unit", "新增城镇就业1万人", "1", "1万人", "万人", "", "", true},
		{"an operator without a unit", "指数控制在103左右", "103", "103左右", "", "控制在", "", true},
		{"neither", "控制45以下", "45", "45以下", "", "", "", false},
		{"a share described", "占全省比重30%", "30", "30%", "%", "", "", false},
		{"a share after the figure before", "占全省比重，30%", "30", "30%", "%", "", ",", true},
		{"占比 is a figure", "研发占比93%", "93", "93%", "%", "", "", true},
		{"占地 is a figure", "占地面积300亩", "300", "300亩", "亩", "", "", true},
		{"占 before an operator", "占比达93%", "93", "93%", "%", "达", "", true},
		{"a Chinese numeral after a verb", "新建两座", "两", "两座", "座", "", "", true},
		{"a Chinese numeral at the end", "特色楼宇两座", "两", "两座", "座", "", "", true},
		{"a Chinese numeral inside", "五项重点工作", "五", "五项", "项", "", "", false},
		{"a Chinese numeral without a unit", "达到两", "两", "两", "", "达到", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			v := figureIn(t, k, tc.digits, tc.fig, tc.unit, "")
			v.op = tc.op
			v.opStart = v.num.start - len([]rune(tc.op))
			from := 0
			if tc.from != "" {
				from = runeAt(t, k, tc.from) + len([]rune(tc.from))
			}
			if got := k.strong(v, v.num, from); got != tc.want {
				t.Errorf("strong = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestValueSteps runs the steps together on one figure each.
func TestValueSteps(t *testing.T) {
	tests := []struct {
		name, clause, digits string
		want                 string // "op verb low~num unit bound noun", "" when not a figure
	}{
		{"approx growth", "地区生产总值增长7.5%左右", "7.5", "增长 - -~7.5 % 左右 false"},
		{"range", "增长6%-6.5%", "6", "增长 - 6~6.5 % - false"},
		{"bound with a verb", "研发经费投入增长不低于15%", "15", "不低于 增长 -~15 % - false"},
		{"count of a noun", "新增十家以上省级示范园区", "十", "- - -~十 家 以上 true"},
		{"qualifier", "引进10亿元以上重大项目", "10", ""},
		{"estimate", "引进项目20余个", "20", ""},
		{"state", "城镇化率为60%", "60", ""},
		{"name", "提升PM2.5监测能力", "2.5", ""},
	}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := clauseOf(tc.clause)
			v, ok := k.value(numberAt(t, k, tc.digits), 0)
			got := ""
			if ok {
				low := "-"
				if v.low != nil {
					low = v.low.text
				}
				got = strings.Join([]string{dash(v.op), dash(v.verb), low + "~" + v.num.text, dash(v.unit), dash(v.bound),
					map[bool]string{true: "true", false: "false"}[v.noun]}, " ")
			}
			if got != tc.want {
				t.Errorf("value = %q, want %q", got, tc.want)
			}
		})
	}
}
