package seeds

import (
	"regexp"
	"strconv"
	"strings"
)

// This file finds the year a report's targets are for: the plan year.
// Clues, strongest first:
//
//   - a target sentence naming its year: "2019年经济社会发展主要预期目标是",
//     "2018年发展主要预期目标是", "2019年的主要目标" → that year;
//   - a target sentence of "今年": "今年经济社会发展的主要预期目标是" → the
//     report's own year (the date line under its title, "2019年3月31日在
//     …", or its title, "2019年政府工作报告");
//   - a heading of the year's work: "2019年工作安排", "2019年总体要求";
//   - the report's own year;
//   - the review of the past year: "2018年工作回顾", "2018年…完成" → the
//     year after it.
//
// Without any, the year is 0, and the draft says it is to be decided.

var (
	// yearPlan is a year, then (within one clause, no other number) the
	// words of targets; yearTargetWords the words themselves.
	yearPlan = regexp.MustCompile(`((?:19|20)\d{2})年([^。；;！？!?\n\d]{0,24}?)(?:预期目标|主要目标|发展目标|目标任务|奋斗目标)`)
	// yearThis is 今年 before the words of targets.
	yearThis = regexp.MustCompile(`今年[^。；;！？!?\n\d]{0,24}?(?:预期目标|主要目标|发展目标|目标任务|奋斗目标)`)
	// yearWork is a heading of the year's work.
	yearWork = regexp.MustCompile(`((?:19|20)\d{2})年(?:政府)?(?:工作安排|工作任务|总体要求|重点工作|工作重点|主要任务)`)
	// yearOwn is the report's own date or title.
	yearOwn = []*regexp.Regexp{
		regexp.MustCompile(`((?:19|20)\d{2})年\d{1,2}月\d{1,2}日`),
		regexp.MustCompile(`((?:19|20)\d{2})年(?:度)?(?:区|市|县|省)?政府工作报告`),
	}
	// yearReview is the review of a past year.
	yearReview = regexp.MustCompile(`((?:19|20)\d{2})年[^。；;！？!?\n\d]{0,30}?(?:工作回顾|回顾|完成|实现|取得)`)
)

// reviewWords, between a year and the words of targets, make a sentence
// a review ("2018年圆满完成了预期目标"), not a plan.
var reviewWords = []string{"完成", "实现", "达到", "超额", "回顾", "取得"}

// guessYear returns the plan year of a report, or 0.
func guessYear(s string) int {
	year := func(m string) int { y, _ := strconv.Atoi(m); return y }
	review := 0
	for _, m := range yearPlan.FindAllStringSubmatch(s, -1) {
		if !hasWord(m[2], reviewWords...) {
			return year(m[1])
		}
		if review == 0 {
			review = year(m[1]) + 1
		}
	}
	own := ownYear(s)
	if own > 0 && yearThis.MatchString(s) {
		return own
	}
	if m := yearWork.FindStringSubmatch(s); m != nil {
		return year(m[1])
	}
	if own > 0 {
		return own
	}
	if review > 0 {
		return review
	}
	if m := yearReview.FindStringSubmatch(s); m != nil {
		return year(m[1]) + 1
	}
	return 0
}

// ownYear is the year a report was delivered in: the date under its
// title, or its title; 0 when it says neither.
func ownYear(s string) int {
	for _, re := range yearOwn {
		if m := re.FindStringSubmatch(s); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// TodoYear asks for the year of a draft whose report does not say it.
const TodoYear = "年份待定：报告中没有找到目标所属的年份，用 --year 指定或在 year 填上四位年份"

// yearTodo marks the year of a YAML draft as to be decided, on its line.
func yearTodo(yaml []byte) []byte {
	return []byte(strings.Replace(string(yaml), "\nyear: 0\n", "\nyear: 0 # todo: "+TodoYear+"\n", 1))
}
