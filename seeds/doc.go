// Package seeds holds the work reports and the extractor that turns report
// text into a draft ruleset.
//
// Extract reads a 政府工作报告 as plain text and drafts one indicator per
// measurable target: the headline targets of the 预期目标 sentence and the
// measurable tasks of the 工作安排 section. The review of the past year is
// skipped: its figures are last year's results, not targets.
//
// What the extractor reads, and how it models it:
//
//   - 增长X%, 同比增长X% → growth, at_least X; X%左右 → approx; X%以上 →
//     at_least; X%-Y%, X%~Y%, X%至Y% → range.
//   - X以上 → at_least, X以内/以下 → at_most (bounds included, 民法典
//     第1259条); 超过X, 突破X → above; 不低于X → at_least; 不超过X →
//     at_most; 达X → at_least. A bare count (签约项目40个) is a floor.
//   - 下降X%, 降低X% → a reduction target: the indicator's figure is the
//     decline itself, named …降幅, measure growth, polarity higher, at_least
//     (or approx, range) on the decline. The statistics bureau enters a fall
//     of 3.1% as 3.1. 继续下降 without a number is positive on the decline.
//     This keeps rules.Validate's rule that at_least is never lower-is-better.
//   - 保持稳定增长, 稳步增长 → positive; 与经济增长(基本)同步 → in_step with
//     gdp_growth; 位于/位居全市前列, 全市领先 → rank, top_n (the N is left
//     to the ruleset's convention and marked 待定); 完成市定目标, 确保完成市
//     政府下达任务 → yes_no; 4月份开工, 年底前投产 → milestone, by_date due
//     YYYY-MM of the report's year; 5年内, 两年内, 到2020年 → target.years.
//   - Numbers: Arabic and full-width digits, Chinese numerals (两, 十二,
//     二十) before a measure word, 万/亿 multipliers.
//
// Amounts keep the number and the unit as written: 1万人以上 is value 1,
// unit 万人; 320亿元以上 is value 320, unit 亿元; 1.3万亿斤 is 1.3 万亿斤.
// The multiplier is never folded into the value, so the figure the
// statistics bureau enters is in the report's own unit.
//
// The year is the one the targets are for (year.go): "2019年…主要预期目标是"
// is 2019, "今年…预期目标" the year of the report's date line or title, and
// the review "2018年工作回顾" the year before it. A report that says none is
// drafted with year 0, marked todo (TodoYear) as weights are, never refused.
//
// Every drafted indicator has weight 0 and todo items (权重待定, 计分方法待定,
// 牵头单位待定, and whatever else is unsure): the extractor never invents a
// weight, nor the department that leads the work (the 任务分解表 names it).
package seeds
