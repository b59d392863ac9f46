package scorecard

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/view"
	"github.com/shopspring/decimal"
)

// The sheet 口径说明 of one unit's scorecard: the conventions its verdicts
// were reached by, each scoring method in words, the targets a unit was
// given of its own, and the grades.

// notes writes 口径说明: every convention the verdicts rest on.
func (b *scBook) notes(a *eval.Assessment, opts ScorecardOptions) {
	const sh = view.SheetNotes
	b.width(sh, "A", 22)
	b.width(sh, "B", 96)
	b.text(sh, "A1", "口径说明", scStyle{font: scFontTitle, size: 14, bold: true})
	b.merge(sh, "A1", "B1", scStyle{font: scFontTitle, size: 14, bold: true})
	b.text(sh, "A2", "项目", scHeadStyle)
	b.text(sh, "B2", "说明", scHeadStyle)
	for i, n := range scNotes(a, opts) {
		r := 3 + i
		b.text(sh, scRef("A", r), n[0], scStyle{border: true, bold: true, wrap: true, valign: "top"})
		b.text(sh, scRef("B", r), n[1], scWrapStyle)
		b.height(sh, r, scRowHeight(n[1], 94))
	}
}

// scNotes lists the conventions as (item, explanation) pairs.
func scNotes(a *eval.Assessment, opts ScorecardOptions) [][2]string {
	rs := a.Ruleset
	c := rs.Conventions
	notes := [][2]string{
		{"规则集", fmt.Sprintf("%s（%s）", rs.Title, rs.ID)},
		{"规则来源", cmp.Or(rs.Source, "未注明")},
	}
	if rs.File != "" {
		notes = append(notes, [2]string{"规则文件", rs.File})
	}
	if opts.InputName != "" {
		notes = append(notes, [2]string{"数据文件", opts.InputName})
	}
	if !a.Period.IsYear() {
		notes = append(notes, [2]string{"评估期", a.Period.Label() + "：累计性目标按时序进度折算，增速类目标直接比较，年终目标不计分"},
			[2]string{"进度判定", view.ProgressConvention(a)})
	}
	notes = append(notes,
		[2]string{"评估日期", scDate(opts.Evaluated)},
		[2]string{"修约规则", c.Rounding.Label() + "；实际值按公布的小数位数修约一次后再判定，完成率保留两位小数，得分保留两位小数"},
		[2]string{"“左右”的容差", fmt.Sprintf("±%s（比率类为个百分点）：目标X左右，达到X−%s即为完成，超过X+%s为超额完成",
			c.ApproxTolerance, c.ApproxTolerance, c.ApproxTolerance) + scOverrides(rs, false)},
		[2]string{"以上、以内", "“以上”“以内”“以下”含本数（民法典第1259条），“超过”“低于”不含本数"},
		[2]string{"基本完成", scNearMissNote(c)},
		[2]string{"同步", fmt.Sprintf("增速不低于参照指标增速（容差%s个百分点）即为同步", c.InStepTolerance)},
		[2]string{"前列", fmt.Sprintf("“位于前列”按前%d名计（名次≤%d）；没有成文规定，可在规则集中设置", c.TopN, c.TopN) +
			scOverrides(rs, true)},
		[2]string{"稳定增长", scSteadyNote(c)},
		[2]string{"等级", scGrades(c.Grades)},
		[2]string{"目标值", scTargetNote},
		[2]string{"差距", "比率类指标为实际值与目标数之差，单位为个百分点，正数表示优于目标（逆向指标以低于目标为正）；总量类指标为完成率（%）"},
		[2]string{"完成率", "实际值÷目标数×100%；逆向指标（越低越好）为(2−实际值÷目标数)×100%；目标数不为正数时不计算"},
		[2]string{"数据来源", "填报文件、工作表和单元格；“由总量推算”表示未填报增速，按本年与上年总量推算（可比价增速不推算）"},
	)
	notes = append(notes, scVerdictNotes(a)...)
	var dated, multiYear bool
	for _, ind := range rs.Indicators {
		dated = dated || ind.Target.Kind == rules.ByDate
		multiYear = multiYear || ind.Target.Years > 1
	}
	if dated {
		notes = append(notes, [2]string{"时间节点", scMilestoneNote(c)})
	}
	if multiYear {
		notes = append(notes, [2]string{"多年目标", "“5年内”“两年内”等目标在最后一年之前未达到的，显示本年累计进度，记为进行中，不计分，" +
			"其权重不计入满分；提前达到的按完成计分"})
	}
	for _, m := range []rules.ScoreMethod{rules.Ratio, rules.PassFail, rules.Points, rules.RankPoints, rules.Efficacy} {
		if s := scMethodText(rs, m); s != "" {
			notes = append(notes, [2]string{"计分：" + scMethodName[m], s})
		}
	}
	if groups := rs.Groups(); len(groups) > 1 {
		var each []string
		for _, g := range groups {
			each = append(each, scGroupNote(a, g))
		}
		notes = append(notes, [2]string{"分组计分", strings.Join(each, "、") + "各按本组权重分别计分、定等级；" +
			"综合得分为各组得分之和，满分为各组满分之和"})
	}
	notes = append(notes, [2]string{"总分", "各计分指标得分之和；满分为各计分指标权重之和；得分率=总分÷满分×100%，保留一位小数"})
	return notes
}

// scMethodText explains a scoring method and names the indicators using it:
// those of the headline group by name, those of a further group by name
// when few, else by count.
func scMethodText(rs *rules.Ruleset, m rules.ScoreMethod) string {
	var names, shares []string
	var points []string
	main := rs.MainGroup()
	others := map[string][]string{}
	var order []string
	sharesBy := map[string][]string{} // near-miss share → names
	var shareOrder []string
	for _, ind := range rs.Indicators {
		if ind.Scoring.Method != m {
			continue
		}
		if ind.Group == main {
			names = append(names, ind.Name)
		} else {
			if others[ind.Group] == nil {
				order = append(order, ind.Group)
			}
			others[ind.Group] = append(others[ind.Group], ind.Name)
		}
		s := ind.Scoring
		if m == rules.PassFail && s.NearMissShare.Valid {
			share := s.NearMissShare.Decimal.Mul(decimal.NewFromInt(100)).String()
			if sharesBy[share] == nil {
				shareOrder = append(shareOrder, share)
			}
			sharesBy[share] = append(sharesBy[share], ind.Name)
		}
		if m == rules.Points {
			base, mx, mn := "权重", "权重", "0"
			if s.Base.Valid {
				base = s.Base.Decimal.String() + "分"
			}
			if s.Max.Valid {
				mx = s.Max.Decimal.String() + "分"
			}
			if s.Min.Valid {
				mn = s.Min.Decimal.String() + "分"
			}
			points = append(points, fmt.Sprintf("%s：达到目标得%s，每高（低）1个百分点（总量类为完成率每1%%）加（减）%s分，最高%s，最低%s",
				ind.Name, base, s.PerPoint.Decimal, mx, mn))
		}
	}
	for _, share := range shareOrder {
		shares = append(shares, fmt.Sprintf("%s基本完成得权重的%s%%", strings.Join(sharesBy[share], "、"), share))
	}
	for _, g := range order {
		list := others[g]
		if len(list) > scMethodListed {
			names = append(names, fmt.Sprintf("%s中的%d项（%s等，见各项明细）", g, len(list), list[0]))
		} else {
			names = append(names, list...)
		}
	}
	if len(names) == 0 {
		return ""
	}
	var text string
	switch m {
	case rules.Ratio:
		text = "完成（含超额完成）得满分；未完成按实际值÷完成所需数值（“左右”目标为容差下沿）×权重计分，逆向指标按(2−实际值÷完成所需数值)×权重，不超过权重，不低于0"
	case rules.PassFail:
		text = "完成（含超额完成）得满分，否则不得分"
		if len(shares) > 0 {
			text += "；" + strings.Join(shares, "；")
		}
	case rules.Points:
		text = strings.Join(points, "；")
	case rules.RankPoints:
		text = "按各单位间的位次计分：第一名得满分，每低一位减去权重的一定比例（默认5%）"
	case rules.Efficacy:
		text = "功效系数法：60+40×(实际值−不允许值)÷(满意值−不允许值)，在0至100之间，再乘以权重÷100；满意值、不允许值未给出时取各单位中的最好值和最差值"
	}
	return text + "。适用指标：" + strings.Join(names, "、")
}

// scOverrides lists the indicators with their own tolerance, or (rank) with
// their own 前列 rank.
func scOverrides(rs *rules.Ruleset, rank bool) string {
	var parts []string
	for _, ind := range rs.Indicators {
		if ind.Target.Tolerance.Valid && !rank {
			parts = append(parts, fmt.Sprintf("%s容差为±%s", ind.Name, ind.Target.Tolerance.Decimal))
		}
		if ind.Target.N > 0 && rank {
			parts = append(parts, fmt.Sprintf("%s（%s）按前%d名计", ind.Name, ind.Target.Text, ind.Target.N))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "；另：" + strings.Join(parts, "，")
}

func scGrades(gs []rules.Grade) string {
	parts := make([]string, 0, len(gs))
	for _, g := range gs {
		if g.Min.IsZero() {
			parts = append(parts, g.Name+"：得分率低于上一档")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s：得分率≥%s%%", g.Name, g.Min))
	}
	return strings.Join(parts, "；")
}
