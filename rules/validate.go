package rules

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// compatible lists the target kinds each measure can carry.
var compatible = map[Measure][]TargetKind{
	Growth:    {AtLeast, AtMost, Above, Below, Approx, Between, Positive, InStep, TopN},
	Level:     {AtLeast, AtMost, Above, Below, Approx, Between, TopN},
	Rank:      {TopN, AtMost},
	YesNo:     {Verdict},
	Milestone: {ByDate},
}

// Validate checks the relations between indicators that a single field
// cannot: unique ids and names, targets that fit their measure, references
// that exist. It returns every problem found.
func Validate(rs *Ruleset) Diagnostics {
	var ds Diagnostics
	file := Pos{File: rs.File}
	if len(rs.Indicators) == 0 {
		ds.Errorf(file, "在 indicators 下至少写一个指标", "规则集没有指标")
	}
	if rs.Year < 1949 || rs.Year > 2200 {
		ds.Errorf(file, "写成四位年份，如 2019", "year %d 不是合理的年份", rs.Year)
	}
	ids := map[string]*Indicator{}
	names := map[string]*Indicator{}
	for _, ind := range rs.Indicators {
		p := ind.Pos
		switch {
		case ind.ID == "":
		case !idPattern.MatchString(ind.ID):
			ds.Errorf(p, "只用小写字母、数字和下划线，如 gdp_growth", "指标编码 %q 不合规", ind.ID)
		case ids[ind.ID] != nil:
			ds.Errorf(p, "每个指标编码只能出现一次；第一次在 "+ids[ind.ID].Pos.String(), "指标编码 %q 重复", ind.ID)
		default:
			ids[ind.ID] = ind
		}
		for _, n := range append([]string{ind.Name}, ind.Aliases...) {
			key := NormalizeName(n)
			if key == "" {
				continue
			}
			if other := names[key]; other != nil && other != ind {
				ds.Errorf(p, "名称和别名用于识别导入表中的行，不能指向两个指标", "名称或别名 %q 与指标 %s 重复", n, other.ID)
				continue
			}
			names[key] = ind
		}
		validateIndicator(rs, ind, &ds)
	}
	if len(rs.Indicators) > 0 && !rs.TotalWeight().IsPositive() {
		if rs.IsDraft() {
			ds.Warnf(file, "草稿：定好权重后删除各指标的 todo", "所有指标的权重之和为 0，评估前须定好权重")
		} else {
			ds.Errorf(file, "给计分的指标写上 weight", "所有指标的权重之和为 0，无法计算总分")
		}
	}
	return ds
}

func validateIndicator(rs *Ruleset, ind *Indicator, ds *Diagnostics) {
	p := ind.Pos
	t := ind.Target
	if ind.Measure == "" || t.Kind == "" {
		return
	}
	ok := false
	for _, k := range compatible[ind.Measure] {
		ok = ok || k == t.Kind
	}
	if !ok {
		var words []string
		for _, k := range compatible[ind.Measure] {
			words = append(words, string(k))
		}
		ds.Errorf(p, "measure "+string(ind.Measure)+" 可用的目标: "+strings.Join(words, ", "),
			"指标 %s 的目标类型 %s 与 measure %s 不相容", ind.ID, t.Kind, ind.Measure)
	}
	if ind.Measure == Growth && ind.Unit != "%" {
		ds.Errorf(p, "增速的单位写 \"%\"", "指标 %s 是增速，单位应为 %%，这里是 %q", ind.ID, ind.Unit)
	}
	switch t.Kind {
	case AtLeast, Above:
		if ind.Polarity == Lower {
			ds.Errorf(p, "以上/不低于 的目标越高越好，polarity 写 higher；下降类目标用 at_least 表示降幅", "指标 %s 的目标 %s 与 polarity lower 矛盾", ind.ID, t.Kind)
		}
	case AtMost, Below:
		if ind.Polarity == Higher && ind.Measure != Rank {
			ds.Errorf(p, "以内/以下 的目标越低越好，polarity 写 lower", "指标 %s 的目标 %s 与 polarity higher 矛盾", ind.ID, t.Kind)
		}
	case InStep:
		ref := rs.Indicator(t.With)
		switch {
		case ref == nil:
			hint := "写出同一规则集中另一个增速指标的编码"
			var known []string
			for _, o := range rs.Indicators {
				known = append(known, o.ID)
			}
			if s := suggest(t.With, known); s != "" {
				hint = "是不是 " + s + "？"
			}
			ds.Errorf(p, hint, "指标 %s 的同步目标引用了不存在的指标 %q", ind.ID, t.With)
		case ref == ind:
			ds.Errorf(p, "同步目标应引用另一个指标，如 gdp_growth", "指标 %s 的同步目标引用了它自己", ind.ID)
		case ref.Measure != Growth:
			ds.Errorf(p, "同步是增速与增速的比较", "指标 %s 的同步目标引用的 %s 不是增速", ind.ID, ref.ID)
		}
	}
	if ind.DeriveGrowth {
		if ind.Measure != Growth {
			ds.Errorf(p, "只有增速指标才能由总量推算", "指标 %s 不是增速，derive_growth 无意义", ind.ID)
		} else if ind.LevelUnit == "" {
			ds.Errorf(p, "写出总量的单位，如 level_unit: 亿元", "指标 %s 允许由总量推算增速，但缺少 level_unit", ind.ID)
		}
	}
	if ind.Baseline.Level.Valid && ind.LevelUnit == "" && ind.Measure == Growth {
		ds.Errorf(p, "写出上年总量的单位，如 level_unit: 亿元", "指标 %s 给出了上年总量，但缺少 level_unit", ind.ID)
	}
	if len(ind.Todo) > 0 {
		ds.Warnf(p, "决定后删除 todo", "指标 %s 尚有待定事项: %s", ind.ID, strings.Join(ind.Todo, "；"))
	}
	if (ind.Scoring.Method == RankPoints || ind.Scoring.Method == Efficacy) && (ind.Measure == YesNo || ind.Measure == Milestone) {
		ds.Errorf(p, "同组排名计分需要可比的数值或名次", "指标 %s 不能用 %s 计分", ind.ID, ind.Scoring.Method)
	}
	if share := ind.Scoring.NearMissShare; share.Valid && (share.Decimal.IsNegative() || !share.Decimal.LessThan(decimal.NewFromInt(1))) {
		ds.Errorf(p, "写成 0 到 1 之间（不含 1）的比例，如 0.5：基本完成不能得满分",
			"指标 %s 的 near_miss_share %s 不在 0 到 1 之间", ind.ID, share.Decimal)
	}
	if ind.Deflator.Valid {
		switch {
		case ind.Measure != Growth || !ind.DeriveGrowth:
			ds.Warnf(p, "deflator 只用于由总量推算的增速（derive_growth: true）", "指标 %s 的 deflator 不会被使用", ind.ID)
		case !ind.Deflator.Decimal.GreaterThan(decimal.NewFromInt(-100)):
			ds.Errorf(p, "写成价格涨幅（%），如 2.9", "指标 %s 的 deflator 必须大于 -100", ind.ID)
		}
	}
	numeric := t.Kind != Positive && t.Kind != TopN && t.Kind != Verdict && t.Kind != ByDate
	if !numeric && (ind.Scoring.Method == Ratio || ind.Scoring.Method == Points) {
		ds.Errorf(p, "这类目标没有可比的数值，scoring.method 写 pass_fail",
			"指标 %s 的目标 %s 不能用 %s 计分", ind.ID, t.Kind, ind.Scoring.Method)
	}
	if t.Kind == Approx || t.Kind == Between {
		if t.Kind == Between && t.Low.Equal(t.High) {
			ds.Warnf(p, "上下限相同的区间等于一个数值目标", "指标 %s 的区间目标上下限相同", ind.ID)
		}
	}
	if (ind.Scoring.Method == Ratio) && numeric && t.Kind != InStep && boundOf(rs, ind).Sign() <= 0 {
		ds.Errorf(p, "完成率要求目标值为正数；改用 points 或 pass_fail", "指标 %s 的目标值不为正，不能用完成率计分", ind.ID)
	}
}

// NormalizeName folds the spelling variants of an indicator name found in
// spreadsheets: full-width letters and digits, spaces, and brackets.
func NormalizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case r == 0x3000:
			continue
		}
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '*', '★', '☆', '△', '▲':
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
