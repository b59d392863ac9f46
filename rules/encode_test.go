package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// canon renders a ruleset with every decimal as its text, leaving out the
// positions and the file name, so that two rulesets read from different
// files compare equal when they say the same.
func canon(rs *Ruleset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %q %q %d %q\n%+v\n", rs.ID, rs.Title, rs.Entity, rs.Year, rs.Source, rs.Conventions)
	for _, ind := range rs.Indicators {
		c := *ind
		c.Pos = Pos{}
		fmt.Fprintf(&b, "%+v\n", c)
	}
	return b.String()
}

func TestMarshalRoundTripDefault(t *testing.T) {
	rs := Default()
	out, err := Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	back, diags := Parse("roundtrip.yaml", out)
	if len(diags) > 0 {
		t.Fatalf("parse of marshalled default:\n%v\n--- yaml ---\n%s", diags, out)
	}
	if got, want := canon(back), canon(rs); got != want {
		t.Errorf("round trip differs\n got: %s\nwant: %s\n--- yaml ---\n%s", got, want, out)
	}
	for _, s := range []string{"value: 8.5", "level: 193.2", "value: 10000", "unit: '%'", "near_miss_ratio: 0.9"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nullDec(s string) decimal.NullDecimal { return decimal.NullDecimal{Decimal: dec(s), Valid: true} }

// tricky is a ruleset with every target kind and with strings and numbers
// that a careless writer would get wrong.
func tricky() *Ruleset {
	conv := DefaultConventions()
	conv.Rounding = HalfUp
	conv.ApproxTolerance = dec("0.25")
	conv.TopN = 5
	conv.PositiveNearMiss, conv.CeilingNearMiss, conv.StrictNearMiss = true, true, true
	conv.NearMissFrom, conv.ApproxLower = NearMissFromBand, ApproxBand
	conv.LateMilestone, conv.CityRank = LateNever, RankByTotal
	conv.PlausibleTargetRatio = dec("1000")
	rs := &Ruleset{ID: "draft-2019", Title: "yes", Entity: "某某区", Year: 2019, Source: "seeds/x.txt", Conventions: conv}
	add := func(ind Indicator) {
		if ind.Category == "" {
			ind.Category = CatVolume
		}
		if ind.Group == "" {
			ind.Group = "重点工作任务"
		}
		if ind.Polarity == "" {
			ind.Polarity = Higher
		}
		if ind.Scoring.Method == "" {
			ind.Scoring.Method = PassFail
		}
		if ind.Weight.IsZero() {
			ind.Weight = dec("1")
		}
		rs.Indicators = append(rs.Indicators, &ind)
	}
	add(Indicator{ID: "gdp_growth", Name: "地区生产总值", Aliases: []string{"GDP", "8.5", "true"}, Measure: Growth, Unit: "%",
		LevelUnit: "亿元", Precision: 1, Target: Target{Kind: Approx, Value: dec("8.50"), Tolerance: nullDec("0.3"), Text: "增长8.5%左右"},
		Baseline: Baseline{Level: nullDec("193.2"), Growth: nullDec("-0.4")}, Weight: dec("12.5"),
		Scoring: Scoring{Method: Points, Base: nullDec("15"), PerPoint: nullDec("0.3"), Max: nullDec("18"), Min: nullDec("0")}})
	add(Indicator{ID: "t_range", Name: "国内生产总值", Measure: Growth, Unit: "%", Precision: 1,
		Target: Target{Kind: Between, Low: dec("6"), High: dec("6.5"), Text: "6%-6.5%"}, Scoring: Scoring{Method: Ratio}})
	add(Indicator{ID: "t_most", Name: "失业率", Measure: Level, Unit: "%", Precision: 1, Polarity: Lower,
		Target: Target{Kind: AtMost, Value: dec("4.5")}, Note: "第一行\n第二行: 有冒号\n- 像列表"})
	add(Indicator{ID: "t_above", Name: "交易额", Measure: Level, Unit: "亿元", Precision: 2,
		Target: Target{Kind: Above, Value: dec("1234567890.123456789")}})
	add(Indicator{ID: "t_below", Name: "事故", Measure: Level, Unit: "起", Polarity: Lower,
		Target: Target{Kind: Below, Value: dec("0.00001")}})
	add(Indicator{ID: "t_least", Name: "签约项目", Measure: Level, Unit: "个", Target: Target{Kind: AtLeast, Value: dec("40"), Years: 2},
		Quote: "力争全年签约项目40个", Lead: "区商务局", Partners: []string{"区发改委", "各街道", "yes", "区委宣传部（区文明办）"},
		Leaders: []string{"王副区长"}, Todo: []string{"权重待定", "计分方法待定", "- 不是列表", "#不是注释", "null"}})
	add(Indicator{ID: "t_pos", Name: "进出口", Measure: Growth, Unit: "%", Precision: 1, Target: Target{Kind: Positive, Text: "保持稳定增长"}})
	add(Indicator{ID: "t_step", Name: "居民收入", Measure: Growth, Unit: "%", Precision: 1,
		Target: Target{Kind: InStep, With: "gdp_growth"}, Scoring: Scoring{Method: PassFail, NearMissShare: nullDec("0.5")}})
	add(Indicator{ID: "t_rank", Name: "排名", Measure: Rank, Unit: "名", Polarity: Lower, Target: Target{Kind: TopN, N: 2}})
	add(Indicator{ID: "t_yes", Name: "约束性指标", Measure: YesNo, Unit: "是/否", Target: Target{Kind: Verdict, Text: "完成, 市定{目标}: [是] #1"}})
	add(Indicator{ID: "t_date", Name: "开工", Measure: Milestone, Unit: "日期", Target: Target{Kind: ByDate, Due: "2019-04"}})
	add(Indicator{ID: "t_real", Name: "居民可支配收入", Measure: Growth, Unit: "%", Precision: 1, LevelUnit: "元", DeriveGrowth: true,
		Deflator: nullDec("2.90"), Target: Target{Kind: InStep, With: "gdp_growth"}})
	add(Indicator{ID: "t_derive", Name: "收入", Measure: Growth, Unit: "%", Precision: 2, LevelUnit: "万元", DeriveGrowth: true,
		Target: Target{Kind: AtLeast, Value: dec("3.62")}, Scoring: Scoring{Method: Ratio}, Weight: dec("0.5")})
	return rs
}

func TestMarshalRoundTripTricky(t *testing.T) {
	rs := tricky()
	if ds := Validate(rs); ds.HasErrors() {
		t.Fatalf("test ruleset is invalid: %v", ds)
	}
	out, err := MarshalOptions{
		Header:   "草稿\n第二行",
		Comments: map[string]string{"t_least": "原文第44行第20列"},
	}.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	back, diags := Parse("tricky.yaml", out)
	if diags.HasErrors() {
		t.Fatalf("parse:\n%v\n--- yaml ---\n%s", diags, out)
	}
	if got, want := canon(back), canon(rs); got != want {
		t.Errorf("round trip differs\n got: %s\nwant: %s\n--- yaml ---\n%s", got, want, out)
	}
	for _, s := range []string{"# 草稿\n# 第二行\n", "  # 原文第44行第20列\n  - id: t_least", "value: 1234567890.123456789",
		"value: 0.00001", "value: 8.5", "low: 6", "due: 2019-04", `title: "yes"`} {
		if !strings.Contains(string(out), s) {
			t.Errorf("output lacks %q\n%s", s, out)
		}
	}
}

func TestMarshalNil(t *testing.T) {
	if _, err := Marshal(nil); err == nil {
		t.Error("Marshal(nil) gave no error")
	}
}
