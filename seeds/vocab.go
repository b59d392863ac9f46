package seeds

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// units are the measure words and units a target figure may carry, longest
// first. A 万/亿 in front (万平方米, 亿元) is read as a multiplier and kept
// in the unit as written.
var units = sortedLongestFirst([]string{
	"%", "‰", "个百分点", "百分点",
	"微克/立方米", "微克每立方米", "毫克/立方米", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "千瓦", "公里", "千米", "千克", "公斤", "公顷", "标准箱", "标箱",
	"美元", "元", "人次", "亩", "人", "户", "家", "个", "项", "座", "件", "所", "条", "套", "栋", "幢", "名",
	"吨", "辆", "台", "张", "处", "间", "场", "次", "斤", "米", "天", "部", "支", "只", "头", "篇", "株", "棵",
	"门", "例", "位", "份", "册", "盏", "口", "艘", "架", "列", "床", "块", "片", "宗", "批",
})

// notUnit lists words that begin with a unit character but are nouns:
// 863人才公寓 is not 863 persons.
var notUnit = []string{
	"人才", "人员", "人民", "人口", "人均", "人力", "人工", "人居", "人社", "人大", "人防", "家庭", "家园", "家政", "家具", "家电",
	"个人", "个体", "个性", "项目", "条件", "条例", "所有", "所在", "名称", "名单", "名牌", "件事", "户籍", "户外",
	"台账", "台阶", "张庄", "场所", "场景", "场馆", "次要", "部门", "部署", "部分", "门户", "门诊", "头部", "位于", "位居",
	"位列", "份额", "天然", "天数", "口岸", "块状", "片区", "米粮", "批次", "宗教", "列车", "床位", "处理", "处置", "套餐",
	"座谈", "亩均", "元素", "支持", "支柱", "支撑", "支付", "只有", "间接", "株洲", "斤两", "册子", "盏灯", "例如",
	"吨位", "架构", "车间", "所长", "名额", "次数", "户数", "家数", "天津", "天空", "户型", "美元区",
}

func sortedLongestFirst(list []string) []string {
	sort.SliceStable(list, func(i, j int) bool { return len([]rune(list[i])) > len([]rune(list[j])) })
	return list
}

// matchAt returns the first word of list that rs has at i.
func matchAt(rs []rune, i int, list []string) string {
	for _, w := range list {
		if hasAt(rs, i, w) {
			return w
		}
	}
	return ""
}

func hasAt(rs []rune, i int, w string) bool {
	for _, r := range w {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// endsWith returns the longest word of list that rs[:i] ends with.
func endsWith(rs []rune, i int, list []string) string {
	for _, w := range list {
		n := len([]rune(w))
		if n <= i && hasAt(rs, i-n, w) {
			return w
		}
	}
	return ""
}

// Words before a figure that say what kind of target it is. Each list is
// sorted longest first.
var (
	growthOps  = sortedLongestFirst([]string{"同比增长", "比上年增长", "年均增长", "增长", "增速", "增幅", "上涨", "涨幅", "递增", "提高", "提升", "上升"})
	declineOps = sortedLongestFirst([]string{"同比下降", "比上年下降", "年均下降", "下降", "降低", "减少", "压减", "削减", "缩减", "降幅", "减排"})
	lowerToOps = sortedLongestFirst([]string{"降至", "降到", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至", "压减到", "压减至", "压缩到", "压缩至", "控制到", "控制至"})
	levelToOps = sortedLongestFirst([]string{"提高到", "提高至", "提升到", "提升至", "增至", "增加到", "增加至", "增长到", "增长至", "上升到", "上升至", "达到", "达", "到", "至"})
	boundOps   = map[string]string{
		"不低于": "at_least", "不少于": "at_least", "不超过": "at_most", "不高于": "at_most", "不多于": "at_most",
		"超过": "above", "突破": "above", "高于": "above", "多于": "above", "过": "above",
		"低于": "below", "少于": "below", "不足": "below",
	}
	boundOpWords = sortedLongestFirst(keys(boundOps))
	holdOps      = sortedLongestFirst([]string{"保持在", "稳定在", "维持在", "保持"})
	capOps       = sortedLongestFirst([]string{"控制在", "控制"})
	approxOps    = sortedLongestFirst([]string{"约", "近", "大约", "接近"})
	stateOps     = sortedLongestFirst([]string{"为", "是", "占", "的"})

	// allOps is every operator, longest first, to find the one right before
	// a figure.
	allOps = sortedLongestFirst(concat(growthOps, declineOps, lowerToOps, levelToOps, boundOpWords, holdOps, capOps, approxOps))

	boundSuffixes = sortedLongestFirst([]string{"以上", "之上", "以内", "之内", "以下", "左右", "上下"})
	suffixKind    = map[string]string{"以上": "at_least", "之上": "at_least", "以内": "at_most", "之内": "at_most", "以下": "at_most", "左右": "approx", "上下": "approx"}

	// rangeDashes join the two ends of a range: 6%-6.5%, 6%~6.5%, 6%至6.5%.
	rangeDashes = "-–—~至到"

	// connectors may follow a bound without making it a qualifier:
	// 增长10%以上和… is still a target, 百万元以上特色楼宇 is not.
	connectors = "和与及或并而且、"

	// hanVerbs may stand right before a Chinese numeral that is a target:
	// 新建两座, 培育三家.
	hanVerbs = sortedLongestFirst([]string{"新建", "建成", "建设", "新增", "增加", "引进", "培育", "打造", "完成", "实现", "达到", "达",
		"建立", "创建", "开工", "改造", "举办", "创成", "认定", "招引", "扶持", "推进", "实施", "解决", "培训", "新培育", "新认定",
		"新招引", "新开工", "提升", "落地", "签约", "争创", "创建成"})

	effortWords = sortedLongestFirst([]string{"力争", "确保", "争取", "努力", "全力", "力求"})

	// leadWords are dropped from the start of a name.
	leadWords = sortedLongestFirst([]string{"力争", "确保", "争取", "努力", "全力", "力求", "全年", "今年", "年内", "当年", "年底前", "年末前", "年底", "年末", "上半年", "下半年", "全面",
		"加快", "加速", "持续", "积极", "大力", "着力", "进一步", "继续", "要", "将", "共", "实现",
		"同比", "同时", "并且", "并", "以及", "和", "首先", "稳步", "切实",
		"保持", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "其中", "再"})

	// tailWords are dropped from the end of a name taken from before the
	// figure.
	tailWords = sortedLongestFirst([]string{"要", "将", "实现", "达到", "达", "保持", "同比", "比上年", "年均", "分别", "力争",
		"确保", "争取", "努力", "的", "继续", "持续", "进一步", "总体", "基本", "全年", "稳定", "累计", "再"})

	// lowerWords mark an indicator where lower is better: a 左右 or a range
	// on it is a ceiling.
	lowerWords = regexp.MustCompile(`失业率|能耗|物价|价格|涨幅|赤字|负债|杠杆|死亡|事故|发生率|污染|排放|浓度|PM|pm|密度|贫困`)
)

// counters are the measure words that count things: 十家以上省级示范园区
// is a count of parks, while 百万元以上特色楼宇 qualifies the buildings.
var counters = map[string]bool{}

func init() {
	for _, u := range []string{"人次", "人", "户", "家", "个", "项", "座", "件", "所", "条", "套", "栋", "幢", "名", "辆", "台",
		"张", "处", "间", "场", "次", "部", "支", "只", "头", "篇", "株", "棵", "门", "例", "位", "份", "册", "盏", "口", "艘",
		"架", "列", "床", "块", "片", "宗", "批"} {
		counters[u] = true
	}
}

// isCounter reports whether a unit (with its multiplier) counts things.
func isCounter(unit string) bool {
	return counters[strings.TrimLeft(unit, "十百千万亿")]
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func inList(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// Patterns on a clause, with quoted names blanked out.
var (
	// 完成市定目标, 确保完成市政府下达任务, 完成省下达的节能减排目标任务
	verdictRe = regexp.MustCompile(`(?:完成|达到|实现)了?[^,;。]{0,10}?(?:下达|市定|省定|区定|县定|既定|确定|约束性)[^,;。]{0,10}?(?:目标任务|目标|任务|指标)`)
	// 位于全市前列, 位居全省第一, 保持全国领先, 进入全省前十
	rankRe = regexp.MustCompile(`(?:位于|位居|居于|稳居|保持|进入|走在|排在|名列|位列|跻身|争创|争先进入|居)?(?:全国|全省|全市|全区|全县|全州|全盟|同类地区|同类城市|同类县区|四区|各县区|各区县)(?:同类)?(?:的)?(前列|领先|前茅|先进行列|首位|第[一二三四五六七八九十\d]+(?:名|位)?|前[一二三四五六七八九十\d]+(?:名|位)?)`)
	// 与经济增长同步, 与经济增长基本同步
	// 增速高于经济增长 is in step too: at least the rate of the economy.
	inStepRe = regexp.MustCompile(`(?:实现|保持|做到)?(?:与|同|和)(?:经济增长|经济发展|经济|GDP增长|地区生产总值增长|生产总值增长)(?:基本)?(?:保持)?同步(?:增长)?|(?:增速|增长)?(?:高于|快于|不低于)(?:经济增长|经济增速|GDP增速|地区生产总值增速)`)
	// 保持稳定增长, 稳步增长; 继续下降
	positiveRe = regexp.MustCompile(`(?:保持|实现)?(?:稳定|稳步|平稳|持续|较快|快速|稳中有升|稳中有增|合理|逐步|较大幅度)增长`)
	declineRe  = regexp.MustCompile(`(?:继续|持续|稳步|有所|进一步|逐步|明显|大幅)(?:下降|降低|减少)`)
	// dates of a milestone: 4月份, 6月底前, 2019年10月, 年底前, 上半年, 三季度
	monthRe   = regexp.MustCompile(`(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:份)?(?:(\d{1,2})日)?(?:底|末|中旬|上旬|下旬)?(?:前|之前)?`)
	yearEndRe = regexp.MustCompile(`(?:今年)?(?:年底|年末)(?:前|之前)?|年内|上半年|下半年|(?:第)?([一二三四1-4])季度(?:末|前)?`)
	// the verb a milestone reaches
	milestoneRe = regexp.MustCompile(`开工|动工|开建|投产|建成|竣工|完工|运营|投用|投入使用|开业|启用|通车|开园|交付|上线|运行|挂牌|封顶|完成|落成|开通|入驻|启动`)
	// multi-year goals: 5年内, 两年内, 用3年时间, 到2020年
	yearsRe    = regexp.MustCompile(`(?:用)?(\d{1,2}|[两二三四五六七八九十])年(?:内|之内|时间|左右)`)
	byYearRe   = regexp.MustCompile(`(?:到|至|在)((?:19|20)\d{2})年(?:底|末)?|((?:19|20)\d{2})年(?:底|末)?(?:前|之前)`)
	yearRe     = regexp.MustCompile(`((?:19|20)\d{2})年`)
	pastRe     = regexp.MustCompile(`去年|上年|过去|一年来|五年来|以来|已经|已|截至|目前|现有|预计|先后|荣获|前年|共有|地处|现辖|总面积|辖区面积`)
	pastLead   = regexp.MustCompile(`^(?:过去一年|过去五年|一年来|五年来|去年|回顾|截至|截止|目前|至今)`)
	growthName = regexp.MustCompile(`增速|增长速度|增幅|(?:^|[^然])增长率`)
	categoryRe = regexp.MustCompile(`主要(总量|结构|效益|民生)指标`)
	headlineRe = regexp.MustCompile(`预期目标|主要目标|发展目标|主要预期`)
)

// hasWord reports whether s holds one of the words.
func hasWord(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
