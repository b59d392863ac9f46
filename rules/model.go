// Package rules holds the ruleset model: the indicators of a work report, their
// targets, baselines and scoring, the conventions used to judge them, and the
// YAML codec that reads rule files with positioned diagnostics. The 2019
// ruleset of 红旗区 ships embedded as the default.
//
// The package is pure: no file system, no clock. Every number is a
// decimal.Decimal read from the exact text of the rule file.
package rules

import (
	"github.com/shopspring/decimal"
)

// Category groups headline indicators as the work report does.
type Category string

// The four groups of section 二 of a work report, and the group of the
// section-三 tasks.
const (
	CatVolume     Category = "总量"
	CatStructure  Category = "结构"
	CatBenefit    Category = "效益"
	CatLivelihood Category = "民生"
)

// Polarity says which direction is better.
type Polarity string

const (
	// Higher is better (正向).
	Higher Polarity = "higher"
	// Lower is better (逆向): unemployment, energy intensity.
	Lower Polarity = "lower"
)

// Measure says what kind of figure an indicator judges.
type Measure string

const (
	// Growth is a growth rate in percent against last year.
	Growth Measure = "growth"
	// Level is an amount, a count or a rate judged as it stands.
	Level Measure = "level"
	// Rank is a place among peers, 1 being first.
	Rank Measure = "rank"
	// YesNo is a verdict handed down from elsewhere (是/否).
	YesNo Measure = "yes_no"
	// Milestone is a dated step: 4月份开工, 年底前投产. The actual is the
	// date it was reached.
	Milestone Measure = "milestone"
)

// TargetKind is the operator of a target.
type TargetKind string

// Target kinds. Bounds are inclusive unless the name says otherwise
// (民法典 第1259条: 以上, 以下, 以内 include the number).
const (
	AtLeast  TargetKind = "at_least" // 增长X%, X以上, 不低于X, 达X: actual ≥ X
	AtMost   TargetKind = "at_most"  // X以内, X以下, 不超过X: actual ≤ X
	Above    TargetKind = "above"    // 超过X, 突破X: actual > X
	Below    TargetKind = "below"    // 不满X, 低于X: actual < X
	Approx   TargetKind = "approx"   // X左右: within a tolerance of X
	Between  TargetKind = "range"    // X-Y: reaching the bound on the near side counts
	Positive TargetKind = "positive" // 保持稳定增长, 稳步增长: growth > 0
	InStep   TargetKind = "in_step"  // 与经济增长同步: at least the rate of another indicator
	TopN     TargetKind = "top_n"    // 位于全市前列: rank ≤ N
	Verdict  TargetKind = "yes_no"   // 完成市定目标: 是
	ByDate   TargetKind = "by_date"  // 4月份开工: reached no later than Due
)

// Target is what the report asks of one indicator.
type Target struct {
	Kind  TargetKind
	Value decimal.Decimal // the number of at_least, at_most, above, below, approx
	Low   decimal.Decimal // range
	High  decimal.Decimal // range
	// Tolerance overrides the ruleset's 左右 tolerance for this target.
	Tolerance decimal.NullDecimal
	// With names the indicator an in_step target keeps pace with.
	With string
	// N overrides the ruleset's 前列 rank for this target.
	N int
	// Due is the deadline of a by_date target: YYYY-MM (end of that month)
	// or YYYY-MM-DD.
	Due string
	// Years marks a multi-year goal (5年内, 两年内): the target is due Years
	// after the ruleset's year began; before then the year's progress is
	// shown and not scored as a miss.
	Years int
	// Text is the target as the report words it (目标原文).
	Text string
}

// Baseline is last year's actual as the report gives it.
type Baseline struct {
	Level  decimal.NullDecimal // last year's level, in LevelUnit
	Growth decimal.NullDecimal // last year's growth, in percent
}

// ScoreMethod is how an indicator's score is computed.
type ScoreMethod string

const (
	// PassFail gives the full weight when the target is met, else 0.
	PassFail ScoreMethod = "pass_fail"
	// Ratio gives weight × completion ratio, capped at the weight; for
	// lower-is-better indicators weight × (2 − ratio), never below 0.
	Ratio ScoreMethod = "ratio"
	// Points gives base ± points per 个百分点 (or per % of completion) of
	// the gap, between Min and Max.
	Points ScoreMethod = "points"
	// RankPoints scores by the rank among peer units: the first gets the
	// weight, each place below loses Step of it (default 5%).
	RankPoints ScoreMethod = "rank_points"
	// Efficacy is the 功效系数法: 60 + 40 × (x − 不允许值)/(满意值 − 不允许值),
	// kept within 0..100, times weight/100. The bounds are given, or taken
	// from the peer group (best and worst unit).
	Efficacy ScoreMethod = "efficacy"
)

// Scoring configures the score of one indicator.
type Scoring struct {
	Method   ScoreMethod
	Base     decimal.NullDecimal // points: score when the target is just met (default: the weight)
	PerPoint decimal.NullDecimal // points: added or taken per 个百分点 (or per % of completion)
	Max      decimal.NullDecimal // points: cap (default: the weight)
	Min      decimal.NullDecimal // points: floor (default: 0)
	// NearMissShare is the share of the weight a 基本完成 earns under
	// pass_fail (default 0).
	NearMissShare decimal.NullDecimal
	// Step is the share of the weight lost per place under rank_points
	// (default 0.05).
	Step decimal.NullDecimal
	// Satisfactory (满意值) and Allowable (不允许值) bound the efficacy
	// coefficient; null means: from the peer group.
	Satisfactory decimal.NullDecimal
	Allowable    decimal.NullDecimal
}

// PeriodKind says how an indicator is judged before the year is over.
type PeriodKind string

const (
	// Cumulative targets are pro-rated by the share of the year elapsed
	// (新增就业 10000 → 5000 by H1).
	Cumulative PeriodKind = "cumulative"
	// RateTarget targets are compared directly (growth rates, shares).
	RateTarget PeriodKind = "rate"
	// YearEnd targets are judged only on the year's figures.
	YearEnd PeriodKind = "year_end"
)

// Indicator is one measurable commitment of a work report.
type Indicator struct {
	ID       string
	Name     string
	Aliases  []string
	Category Category
	Group    string // 主要预期目标 or 重点工作任务
	Measure  Measure
	// Unit of the judged figure: "%" for growth and rates, or the unit of
	// the level (亿元, 人, 家 …).
	Unit string
	// LevelUnit is the unit of the level from which a growth rate is
	// derived (亿元 for GDP growth); empty when there is none.
	LevelUnit string
	// Precision is the number of decimals the figure is published with.
	Precision int32
	Polarity  Polarity
	Target    Target
	Baseline  Baseline
	// DeriveGrowth allows the growth rate to be computed from this year's
	// and last year's levels when the rate is missing. Not for indicators
	// at comparable prices (GDP, 规上工业增加值).
	DeriveGrowth bool
	// Deflator is the price rise, in percent, that turns a growth derived
	// from nominal levels into a real one: (1 + g) ÷ (1 + deflator) − 1.
	// Without it a derived growth is nominal, and an in_step target, which
	// compares real rates, is not judged on it.
	Deflator decimal.NullDecimal
	Weight   decimal.Decimal
	Scoring  Scoring
	// Quote is the sentence of the report the target comes from.
	Quote string
	// Note explains a choice made when the rule was drawn up.
	Note string
	// Lead is the department that leads the work (牵头单位), as the
	// 任务分解表 names it; empty when none is named yet.
	Lead string
	// Partners are the departments that share it (责任单位, 配合单位), in
	// the order the table lists them, names kept as written.
	Partners []string
	// Leaders are the officials answerable for it (责任领导), as written.
	Leaders []string
	// Veto marks a 一票否决 indicator: missing it zeroes the total.
	Veto bool
	// Period says how the indicator is judged during the year; empty
	// means by its measure (see PeriodKindOf).
	Period PeriodKind
	// Todo lists what a person must still decide in a drafted rule (the
	// weight, the scoring); a ruleset with open items is a draft.
	Todo []string
	// Pos is where the indicator is declared in its rule file.
	Pos Pos
}

// PeriodKindOf is how ind is judged during the year: its own Period, or
// by its measure (levels in % and growth compared directly, other levels
// pro-rated, ranks, verdicts and milestones at year end).
func (ind *Indicator) PeriodKindOf() PeriodKind {
	if ind.Period != "" {
		return ind.Period
	}
	switch {
	case ind.Measure == Growth, ind.Measure == Level && ind.Unit == "%":
		return RateTarget
	case ind.Measure == Level:
		return Cumulative
	}
	return YearEnd
}

// LowerIsBetter reports whether a smaller figure is the better one: a
// rank always (第1名 is best, whatever the polarity says); a 保持稳定增长 or
// 同步 target never, as both ask for growth; else the polarity.
func (ind *Indicator) LowerIsBetter() bool {
	switch {
	case ind.Measure == Rank:
		return true
	case ind.Target.Kind == Positive, ind.Target.Kind == InStep:
		return false
	}
	return ind.Polarity == Lower
}

// IsRate reports whether the judged figure is in percent, so that gaps are
// in 个百分点 rather than completion ratios.
func (ind *Indicator) IsRate() bool { return ind.Unit == "%" }

// Grade is one band of the total score.
type Grade struct {
	Name string
	Min  decimal.Decimal // lowest score (as % of the full marks) of the band
}

// Rounding names a rounding rule.
type Rounding string

const (
	// HalfEven is GB/T 8170 数值修约 (四舍六入五成双).
	HalfEven Rounding = "half_even"
	// HalfUp rounds halves away from zero, as Excel's ROUND does.
	HalfUp Rounding = "half_up"
)

// Round rounds d to places decimals by the rule.
func (r Rounding) Round(d decimal.Decimal, places int32) decimal.Decimal {
	if r == HalfUp {
		return d.Round(places)
	}
	return d.RoundBank(places)
}

// Label is the rule in Chinese, for the scorecard.
func (r Rounding) Label() string {
	if r == HalfUp {
		return "四舍五入（与 Excel ROUND 相同）"
	}
	return "GB/T 8170 四舍六入五成双"
}

// Conventions are the project's choices where no written standard exists.
// Each is configurable and stated in every scorecard (口径说明).
type Conventions struct {
	Rounding Rounding
	// ApproxTolerance is the tolerance of 左右, in the indicator's unit
	// (个百分点 for rates). Default 0.5.
	ApproxTolerance decimal.Decimal
	// NearMissPoints: a rate that misses its bound by at most this many
	// 个百分点 is 基本完成. Default 1.
	NearMissPoints decimal.Decimal
	// NearMissRatio: a level reaching this share of its target is 基本完成.
	// Default 0.9.
	NearMissRatio decimal.Decimal
	// InStepTolerance: an in_step rate this many 个百分点 below its reference
	// still counts as 完成. Default 0.
	InStepTolerance decimal.Decimal
	// TopN is what 前列 means: a rank ≤ TopN. Default 3.
	TopN int
	// Grades, from the highest band down; the last band has Min 0.
	Grades []Grade
	// PlausibleGrowth: a growth rate above this many percent is flagged as
	// implausible and not used. Default 300.
	PlausibleGrowth decimal.Decimal
	// PlausibleRatio: a level more than this many times last year's (or
	// less than its inverse) is flagged as implausible and not used.
	// Default 10.
	PlausibleRatio decimal.Decimal
	// ProgressTolerance is the band around 序时进度, in 个百分点, within
	// which the share of a cumulative target done during the year is
	// 达进度 (on schedule); further above it is 超进度, further below
	// 欠进度. No written standard sets it. Default 2.
	ProgressTolerance decimal.Decimal
	// PlausibleTargetRatio: where there is no last year's level, a level
	// this many times its target (or at most its inverse) is flagged as
	// 数据存疑, most likely typed in another unit. Default 100.
	PlausibleTargetRatio decimal.Decimal
	// PositiveNearMiss: a growth of 0 or a fall within NearMissPoints of 0
	// is 基本完成 on a 保持稳定增长 target. Default false: a fall is not
	// growth (贵阳: negative growth on a growth target scores 0).
	PositiveNearMiss bool
	// CeilingNearMiss: a figure over a ceiling (以内, 以下, 不超过) by the
	// near-miss allowance is 基本完成. Default false: a broken ceiling is
	// 未完成.
	CeilingNearMiss bool
	// StrictNearMiss: a figure that falls short of a strict bound (超过,
	// 突破, 低于, 不满) by the near-miss allowance, or stops at the number
	// itself, is 基本完成. Default false: 突破20亿元 is not met at 20.
	StrictNearMiss bool
	// NearMissFrom says what the near miss of a 左右 target is measured
	// from: the stated number (NearMissFromValue, the default: the band
	// and the near miss do not stack) or the edge of the band.
	NearMissFrom NearMissFrom
	// ApproxLower says how a 左右 target on a lower-is-better indicator
	// (居民消费价格涨幅3%左右) is judged: as a ceiling at value +
	// tolerance, never 超额完成 (ApproxCeiling, the default), or as a band
	// on both sides (ApproxBand).
	ApproxLower ApproxMode
	// LateMilestone says whether a milestone done after its deadline but
	// within the assessed year is 基本完成 (LateInYear, the default) or
	// 未完成 (LateNever). Done after the year it is always 未完成.
	LateMilestone LateMilestone
	// CityRank says what units of a city run are ranked on: the score rate
	// (RankByPercent, the default), comparable when full marks differ, or
	// the total score.
	CityRank CityRank
}

// NearMissFrom names what a 左右 near miss is measured from.
type NearMissFrom string

// What a 左右 near miss is measured from.
const (
	NearMissFromValue NearMissFrom = "value" // the stated number (8.5 of 8.5%左右)
	NearMissFromBand  NearMissFrom = "band"  // the edge of the band (8.0)
)

// ApproxMode names how a lower-is-better 左右 target is judged.
type ApproxMode string

// How a lower-is-better 左右 target is judged.
const (
	ApproxCeiling ApproxMode = "ceiling" // met at or below value + tolerance, never exceeded
	ApproxBand    ApproxMode = "band"    // met within the band, exceeded below value − tolerance
)

// LateMilestone names how a milestone done late is judged.
type LateMilestone string

// How a milestone done after its deadline is judged.
const (
	LateInYear LateMilestone = "in_year" // 基本完成 when done within the assessed year
	LateNever  LateMilestone = "never"   // always 未完成
)

// CityRank names what the units of a city run are ranked on.
type CityRank string

// What the units of a city run are ranked on.
const (
	RankByPercent CityRank = "percent" // the score rate: total ÷ full marks
	RankByTotal   CityRank = "total"   // the total score
)

// Ruleset is a work report's targets for one entity and year.
type Ruleset struct {
	ID          string
	Title       string
	Entity      string
	Year        int
	Source      string // the report the rules are drawn from
	Conventions Conventions
	Indicators  []*Indicator
	// Schedule gives, per period code (Q1, H1, Q3, M1 … M12), the share of
	// a cumulative target due by then; missing periods use months / 12.
	Schedule map[string]decimal.Decimal
	// File is the name the ruleset was read from, for diagnostics.
	File string
}

// Indicator returns the indicator with the given id, or nil.
func (rs *Ruleset) Indicator(id string) *Indicator {
	for _, ind := range rs.Indicators {
		if ind.ID == id {
			return ind
		}
	}
	return nil
}

// IsDraft reports whether any indicator still has open todo items, as a
// ruleset drafted by attain extract does.
func (rs *Ruleset) IsDraft() bool {
	for _, ind := range rs.Indicators {
		if len(ind.Todo) > 0 {
			return true
		}
	}
	return false
}

// Groups lists the indicator groups in the order they first appear.
func (rs *Ruleset) Groups() []string {
	var out []string
	seen := map[string]bool{}
	for _, ind := range rs.Indicators {
		if !seen[ind.Group] {
			seen[ind.Group] = true
			out = append(out, ind.Group)
		}
	}
	return out
}

// Group returns a copy of rs holding only the indicators of one group.
func (rs *Ruleset) Group(name string) *Ruleset {
	out := *rs
	out.Indicators = nil
	for _, ind := range rs.Indicators {
		if ind.Group == name {
			out.Indicators = append(out.Indicators, ind)
		}
	}
	return &out
}

// TotalWeight is the sum of all weights: the full marks.
func (rs *Ruleset) TotalWeight() decimal.Decimal {
	sum := decimal.Zero
	for _, ind := range rs.Indicators {
		sum = sum.Add(ind.Weight)
	}
	return sum
}

// DefaultConventions returns the defaults named in the design.
func DefaultConventions() Conventions {
	return Conventions{
		Rounding:             HalfEven,
		ApproxTolerance:      decimal.RequireFromString("0.5"),
		NearMissPoints:       decimal.NewFromInt(1),
		NearMissRatio:        decimal.RequireFromString("0.9"),
		InStepTolerance:      decimal.Zero,
		TopN:                 3,
		PlausibleGrowth:      decimal.NewFromInt(300),
		PlausibleRatio:       decimal.NewFromInt(10),
		PlausibleTargetRatio: decimal.NewFromInt(100),
		NearMissFrom:         NearMissFromValue,
		ApproxLower:          ApproxCeiling,
		LateMilestone:        LateInYear,
		CityRank:             RankByPercent,
		ProgressTolerance:    decimal.NewFromInt(2),
		Grades: []Grade{
			{Name: "优秀", Min: decimal.NewFromInt(90)},
			{Name: "良好", Min: decimal.NewFromInt(80)},
			{Name: "合格", Min: decimal.NewFromInt(60)},
			{Name: "不合格", Min: decimal.Zero},
		},
	}
}

// MainGroup is the group a run leads with: 主要预期目标 when the ruleset
// has it, else its first group. The template fills it on 填报表 and the
// scorecard shows it on 明细; the other groups come after it.
func (rs *Ruleset) MainGroup() string {
	groups := rs.Groups()
	for _, g := range groups {
		if g == GroupHeadline {
			return g
		}
	}
	if len(groups) == 0 {
		return GroupHeadline
	}
	return groups[0]
}
