package scorecard

import (
	"fmt"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/view"
	"github.com/shopspring/decimal"
)

// The 口径说明 lines of the conventions a verdict rests on (rules.
// Conventions), each worded from the ruleset's own setting, so that the
// scorecard states what was applied.

// scNearMissNote says when a figure short of its target is 基本完成.
func scNearMissNote(c rules.Conventions) string {
	s := fmt.Sprintf("比率类指标未达到目标但差距不超过%s个百分点；总量类指标达到目标数的%s%%及以上", c.NearMissPoints,
		c.NearMissRatio.Mul(decimal.NewFromInt(100)))
	if c.NearMissFrom == rules.NearMissFromBand {
		s += "。“左右”目标的差距自容差下沿起算（容差与基本完成叠加）"
	} else {
		s += "。“左右”目标的差距自目标数起算，不与容差叠加（8.5%左右：7.5%为基本完成，7.4%为未完成）"
	}
	var none []string
	if !c.CeilingNearMiss {
		none = append(none, "“以内”“以下”“不超过”等上限目标（超出即为未完成）")
	}
	if !c.StrictNearMiss {
		none = append(none, "“超过”“突破”“低于”目标（恰为目标数即为未完成）")
	}
	if !c.PositiveNearMiss {
		none = append(none, "稳定增长目标（增速为0或下降即为未完成）")
	}
	for i, n := range none {
		if i == 0 {
			s += "。不设基本完成的："
		} else {
			s += "；"
		}
		s += n
	}
	return s
}

// scSteadyNote says how 保持稳定增长 is judged.
func scSteadyNote(c rules.Conventions) string {
	if c.PositiveNearMiss {
		return fmt.Sprintf("“保持稳定增长”“稳步增长”按增速大于0判定；增速在0以下%s个百分点以内的为基本完成", c.NearMissPoints)
	}
	return "“保持稳定增长”“稳步增长”按增速大于0判定；增速为0或下降的为未完成（下降不是增长；贵阳市考核办法：增长类目标负增长得0分）"
}

// scMilestoneNote says how a dated step is judged.
func scMilestoneNote(c rules.Conventions) string {
	late := "晚于节点但在考核年度内完成为基本完成，"
	if c.LateMilestone == rules.LateNever {
		late = "晚于节点完成为未完成，"
	}
	return "“4月份开工”“年底前投产”等按节点所在月份的月底计：不晚于节点完成为完成，" + late +
		"考核年度之后完成、未完成或填报为否为未完成；只填“是”未填日期的按完成计"
}

// scTargetNote says what 目标值 and 差距 are measured from.
const scTargetNote = "报告中的目标数：“以上”“以内”“左右”“超过”目标为所述数值，区间目标为近端，同步目标为参照增速，前列为名次上限；" +
	"差距、完成率和判定依据都自此数起算。稳定增长、是否类目标无目标值，记“-”"

// scVerdictNotes are the further conventions of the verdicts of a.
func scVerdictNotes(a *eval.Assessment) [][2]string {
	c := a.Ruleset.Conventions
	lower := "逆向指标（越低越好，如居民消费价格涨幅、调查失业率）的“X左右”按上限计：不超过X加容差即为完成，低于X不计超额完成（全国政府工作报告回顾居民消费价格涨幅的读法）"
	if c.ApproxLower == rules.ApproxBand {
		lower = "逆向指标（越低越好）的“X左右”按区间计：不超过X加容差即为完成，低于X减容差为超额完成"
	}
	return [][2]string{
		{"逆向指标的“左右”", lower},
		{"同步的口径", "同步比较实际增速（统计部门公布的可比价增速）；只填报总量时，由现价总量推算的是名义增速，不作判定，须填报实际增速" +
			"（规则为指标给出 deflator 价格涨幅的，按其扣除价格因素后推算）"},
		{"数据存疑", fmt.Sprintf("填报值明显不合理的不采用，记为数据存疑、不得分，权重仍计入满分，须核实更正后重新评估：负的总量，"+
			"0至100以外的比率，增速超过%s%%或低于−100%%，总量为上年的%s倍以上（或1/%s以下），没有上年值时为目标的%s倍以上（或1/%s以下，"+
			"多为单位填错，如万元填成亿元）", c.PlausibleGrowth, c.PlausibleRatio, c.PlausibleRatio, c.PlausibleTargetRatio, c.PlausibleTargetRatio)},
		{"完成情况与得分", "完成、超额完成按计分方法得分；基本完成、未完成、无数据、数据存疑不得满分：按计分方法算得满分的，记为满分减0.01分"},
		{"修约与判定", "修约前后分处目标两侧（如失业率4.004%修约为4.00%）的，按修约后的数值判定，并在数据问题中列出修约前后的数值"},
	}
}

// scGroupNote says how a group's full marks are made: the weights of its
// indicators, less those that do not count this year.
func scGroupNote(a *eval.Assessment, g string) string {
	full := a.Ruleset.Group(g).TotalWeight()
	for _, gs := range a.Groups {
		if gs.Name == g && !gs.FullMarks.Equal(full) {
			return fmt.Sprintf("%s（满分%s：权重合计%s，其中本年不计分的%s分不计入）", g, view.Fixed(gs.FullMarks, 0), full,
				full.Sub(gs.FullMarks))
		}
	}
	return fmt.Sprintf("%s（权重合计%s）", g, full)
}

// cityRankNote says how the units' totals are ranked.
func cityRankNote(rs *rules.Ruleset) string {
	if rs.Conventions.CityRank == rules.RankByTotal {
		return "总分排名按总分比较（city_rank: total；各单位满分不同时总分不可直接比较）。"
	}
	return "总分排名按得分率（总分÷满分）比较，各单位满分不同（如某组未评估、多年目标不计分）时仍可比较；并列同样处理。"
}
