package templates

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// unitsXinxiang are the twelve county-level units of Xinxiang, the names
// of the first generated units.
var unitsXinxiang = []string{"红旗区", "卫滨区", "牧野区", "凤泉区", "卫辉市", "辉县市", "长垣市", "新乡县",
	"获嘉县", "原阳县", "延津县", "封丘县"}

// unitsGenName is the name GenerateUnitsWorkbook gives unit i (from 0): the
// twelve units of Xinxiang, then 单位0013, 单位0014 ….
func unitsGenName(i int) string {
	if i < len(unitsXinxiang) {
		return unitsXinxiang[i]
	}
	return fmt.Sprintf("单位%04d", i+1)
}

// SyntheticRuleset returns a deterministic ruleset of n indicators for
// benchmarks and tests: growth, level, lower-is-better, rank, yes/no and
// range targets in turn, scored by ratio, points, rank points, pass/fail
// and the efficacy coefficient, each of weight 2. The ninth indicator of
// every ten is a 一票否决 verdict.
func SyntheticRuleset(n int) *rules.Ruleset {
	rs := &rules.Ruleset{
		ID:          fmt.Sprintf("synthetic-%d", n),
		Title:       fmt.Sprintf("合成规则集（%d项指标）", n),
		Entity:      "合成市",
		Year:        2019,
		Source:      "attain 基准测试生成的合成规则",
		Conventions: rules.DefaultConventions(),
	}
	cats := []rules.Category{rules.CatVolume, rules.CatStructure, rules.CatBenefit, rules.CatLivelihood}
	d := decimal.RequireFromString
	for i := 0; i < n; i++ {
		ind := &rules.Indicator{
			ID:        fmt.Sprintf("ind_%03d", i+1),
			Category:  cats[i%len(cats)],
			Group:     "主要预期目标",
			Polarity:  rules.Higher,
			Weight:    decimal.NewFromInt(2),
			Precision: 1,
			Scoring:   rules.Scoring{Method: rules.Ratio},
		}
		no := fmt.Sprintf("%03d", i+1)
		switch i % 10 {
		case 0:
			ind.Name, ind.Measure, ind.Unit, ind.LevelUnit = "合成增速指标"+no, rules.Growth, "%", "亿元"
			ind.Target = rules.Target{Kind: rules.Approx, Value: d("8.5"), Text: "增长8.5%左右"}
		case 1:
			ind.Name, ind.Measure, ind.Unit, ind.LevelUnit = "合成增速指标"+no, rules.Growth, "%", "亿元"
			ind.Target = rules.Target{Kind: rules.AtLeast, Value: d("10"), Text: "增长10%以上"}
			ind.DeriveGrowth = true
			ind.Scoring = rules.Scoring{Method: rules.Points, PerPoint: decimal.NewNullDecimal(d("0.2"))}
		case 2:
			ind.Name, ind.Measure, ind.Unit, ind.LevelUnit = "合成增速指标"+no, rules.Growth, "%", "亿元"
			ind.Target = rules.Target{Kind: rules.AtLeast, Value: d("6"), Text: "增长6%"}
			ind.Scoring = rules.Scoring{Method: rules.RankPoints}
		case 3:
			ind.Name, ind.Measure, ind.Unit, ind.Precision = "合成总量指标"+no, rules.Level, "人", 0
			ind.Target = rules.Target{Kind: rules.AtLeast, Value: d("10000"), Text: "1万人以上"}
		case 4:
			ind.Name, ind.Measure, ind.Unit, ind.Polarity = "合成逆向指标"+no, rules.Level, "%", rules.Lower
			ind.Target = rules.Target{Kind: rules.AtMost, Value: d("4"), Text: "控制在4%以内"}
			ind.Scoring = rules.Scoring{Method: rules.PassFail}
		case 5:
			ind.Name, ind.Measure, ind.Unit, ind.Precision = "合成件数指标"+no, rules.Level, "件", 0
			ind.Target = rules.Target{Kind: rules.AtLeast, Value: d("500"), Text: "500件以上"}
			ind.Scoring = rules.Scoring{Method: rules.Efficacy}
		case 6:
			ind.Name, ind.Measure, ind.Unit, ind.LevelUnit = "合成增速指标"+no, rules.Growth, "%", "亿元"
			ind.Target = rules.Target{Kind: rules.Positive, Text: "保持稳定增长"}
			ind.Scoring = rules.Scoring{Method: rules.PassFail}
		case 7:
			ind.Name, ind.Measure, ind.Unit, ind.Precision = "合成名次指标"+no, rules.Rank, "名", 0
			ind.Target = rules.Target{Kind: rules.TopN, N: 3, Text: "位居全市前列"}
			ind.Scoring = rules.Scoring{Method: rules.PassFail}
		case 8:
			ind.Name, ind.Measure, ind.Unit, ind.Precision = "合成约束指标"+no, rules.YesNo, "是/否", 0
			ind.Target = rules.Target{Kind: rules.Verdict, Text: "完成市定目标"}
			ind.Scoring = rules.Scoring{Method: rules.PassFail}
			ind.Veto = true
		case 9:
			ind.Name, ind.Measure, ind.Unit, ind.LevelUnit = "合成区间指标"+no, rules.Growth, "%", "亿元"
			ind.Target = rules.Target{Kind: rules.Between, Low: d("6"), High: d("7"), Text: "增长6%-7%"}
		}
		rs.Indicators = append(rs.Indicators, ind)
	}
	return rs
}

// unitsGenColumns are the columns of a generated long table.
var unitsGenColumns = []string{"单位", "指标编码", "指标", "上年实际值", "本年实际值", "本年增速(%)", "名次", "是否完成", "完成日期"}

// GenerateUnitsWorkbook writes a long table (sheet 数据) of units ×
// indicators with deterministic pseudo-random figures around each target
// (about 1 in 100 left blank), written with excelize's StreamWriter. It
// uses the first indicators of rs, or, when rs is nil or has fewer,
// SyntheticRuleset(indicators); indicators ≤ 0 means all of rs. The same
// seed gives the same bytes.
func GenerateUnitsWorkbook(w io.Writer, rs *rules.Ruleset, units, indicators int, seed int64) error {
	if rs == nil || indicators > len(rs.Indicators) {
		rs = SyntheticRuleset(indicators)
	}
	inds := rs.Indicators
	if indicators > 0 {
		inds = inds[:indicators]
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "数据"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	last, _ := excelize.CoordinatesToCellName(len(unitsGenColumns), units*len(inds)+1)
	if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	for i, wd := range []float64{12, 14, 22, 12, 12, 12, 8, 10, 12} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return fmt.Errorf("generate units: %w", err)
		}
	}
	head := make([]any, len(unitsGenColumns))
	for i, h := range unitsGenColumns {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	row := 2
	vals := make([]any, len(unitsGenColumns))
	for u := 0; u < units; u++ {
		name := unitsGenName(u)
		for _, ind := range inds {
			for i := range vals {
				vals[i] = nil
			}
			vals[0], vals[1], vals[2] = name, ind.ID, ind.Name
			if rng.IntN(100) > 0 {
				unitsGenFigures(rng, ind, vals)
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, vals); err != nil {
				return fmt.Errorf("generate units: %w", err)
			}
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("generate units: %w", err)
	}
	return nil
}

// unitsGenFigures fills the figure columns of one row, near the target.
func unitsGenFigures(rng *rand.Rand, ind *rules.Indicator, vals []any) {
	tenth := func(n int64) decimal.Decimal { return decimal.New(n, -1) }
	bound := ind.Target.Value
	if ind.Target.Kind == rules.Between {
		bound = ind.Target.Low
	}
	switch ind.Measure {
	case rules.Growth:
		if bound.IsZero() {
			bound = decimal.NewFromInt(8)
		}
		// growth within ±3 points of the bound, in tenths
		g := bound.Mul(decimal.NewFromInt(10)).IntPart() + int64(rng.IntN(61)) - 30
		growth := tenth(g)
		vals[5] = genNumber(growth)
		if !ind.Baseline.Level.Valid {
			prev := tenth(int64(500 + rng.IntN(4500)))
			level := prev.Mul(decimal.NewFromInt(1000+g)).DivRound(decimal.NewFromInt(1000), 6).Round(1)
			vals[3], vals[4] = genNumber(prev), genNumber(level)
		}
	case rules.Level:
		if bound.IsZero() {
			bound = decimal.NewFromInt(100)
		}
		// within 80% to 120% of the target, at the published precision
		v := bound.Mul(decimal.NewFromInt(int64(80+rng.IntN(41)))).DivRound(decimal.NewFromInt(100), 6).Round(ind.Precision)
		vals[4] = genNumber(v)
	case rules.Rank:
		vals[6] = int64(1 + rng.IntN(12))
	case rules.YesNo:
		vals[7] = "是"
		if rng.IntN(100) < 1 {
			vals[7] = "否"
		}
	case rules.Milestone:
		vals[7] = "是"
		vals[8] = fmt.Sprintf("2019-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
	}
}

// genNumber is a figure as the StreamWriter takes it: an integer, or the
// nearest float of the decimal (test data only: attain itself writes its
// figures through the scorecard's exact path).
func genNumber(d decimal.Decimal) any {
	if d.Exponent() >= 0 && d.NumDigits() <= 15 {
		return d.IntPart()
	}
	f, _ := d.Float64()
	return f
}
