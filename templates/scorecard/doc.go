// Package scorecard writes the xlsx scorecards: one unit's (WriteScorecard:
// 总览 with its chart, 明细 and 任务明细, 回顾文稿, 口径说明, 数据问题) and a
// city's (WriteCityScorecard from a judged City, WriteCityScorecardStream
// judging packed units as it writes: 排名, 明细 per unit or one long sheet
// of what was reported, its rows and 排名's written as XML beside
// excelize's StreamWriter and deflated by templates/internal/zipw).
// Styles, conditional status colours, charts and print setup live here;
// every figure and sentence comes from templates/view.
package scorecard
