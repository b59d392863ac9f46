// Package eval judges actual figures against a ruleset: for each indicator
// the figure rounded once at its published precision, the status, the gap,
// the completion ratio, the score and a one-line explanation in Chinese;
// then the total score and the grade.
//
// The package is pure: Evaluate(ruleset, actuals) → Assessment, with no
// I/O and no clock. Every number is a decimal.Decimal.
package eval

import (
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// Status is the verdict on one indicator.
type Status string

// The status words of the scorecard.
const (
	Exceeded  Status = "超额完成"
	Met       Status = "完成"
	NearlyMet Status = "基本完成"
	Missed    Status = "未完成"
	NoData    Status = "无数据"
	// Suspect is a reported figure left out as implausible (a negative
	// count, a level a hundred times its target): no verdict, no score,
	// until it is checked and corrected.
	Suspect    Status = "数据存疑"
	InProgress Status = "进行中" // a multi-year goal not yet due, target not yet reached
)

// Statuses lists the status words in scorecard order.
var Statuses = []Status{Exceeded, Met, NearlyMet, Missed, NoData, Suspect, InProgress}

// Field names a reported figure of an indicator, used to key its source.
type Field string

// The figures a bureau reports for an indicator.
const (
	FieldLevel     Field = "level"      // 本年实际值
	FieldPrevLevel Field = "prev_level" // 上年实际值
	FieldGrowth    Field = "growth"     // 本年增速(%)
	FieldRank      Field = "rank"       // 名次
	FieldDone      Field = "done"       // 是否完成
	FieldDate      Field = "date"       // 完成日期
)

// Actual is what was reported for one indicator. Every figure is exact, in
// the indicator's unit (Level in LevelUnit for growth indicators).
type Actual struct {
	ID        string
	Level     decimal.NullDecimal
	PrevLevel decimal.NullDecimal
	Growth    decimal.NullDecimal
	Rank      int // 0 when not reported
	Done      *bool
	Date      string // YYYY-MM-DD or YYYY-MM when a milestone was reached
	// Sources says where each figure was read.
	Sources Sources
}

// Source returns where field was read, or the zero Pos.
func (a *Actual) Source(f Field) rules.Pos {
	if a == nil {
		return rules.Pos{}
	}
	p, _ := a.Sources.Get(f)
	return p
}

// Source is where one figure of an indicator was read.
type Source struct {
	Field Field
	Pos   rules.Pos
}

// Sources lists where the figures of one indicator were read, at most one
// entry per field, in the order they were read. An indicator has one to
// three figures, so a list is smaller and faster than a map: a city of
// 3,000 units × 50 indicators keeps 150,000 of them.
type Sources []Source

// Get returns where field was read.
func (s Sources) Get(f Field) (rules.Pos, bool) {
	for _, x := range s {
		if x.Field == f {
			return x.Pos, true
		}
	}
	return rules.Pos{}, false
}

// Set records where field was read, replacing an earlier position.
func (s *Sources) Set(f Field, pos rules.Pos) {
	for i := range *s {
		if (*s)[i].Field == f {
			(*s)[i].Pos = pos
			return
		}
	}
	*s = append(*s, Source{f, pos})
}

// Actuals is the reported year-end figures of one entity.
type Actuals struct {
	Entity string
	Year   int
	File   string
	// Values by indicator id.
	Values map[string]*Actual
	// Problems found while reading (warnings only: errors stop earlier).
	Problems rules.Diagnostics
}

// Result is the verdict on one indicator.
type Result struct {
	Indicator *rules.Indicator
	// Value is the judged figure rounded once at the published precision;
	// null when there is no data.
	Value decimal.NullDecimal
	// Raw is the figure before rounding (derived growth at full precision).
	Raw decimal.NullDecimal
	// Derived is true when a growth rate was computed from levels.
	Derived bool
	// Level and PrevLevel are the reported (or baseline) levels, for display.
	Level     decimal.NullDecimal
	PrevLevel decimal.NullDecimal
	// PrevGrowth is last year's growth where known.
	PrevGrowth decimal.NullDecimal
	// Reference is the target number the gap is measured from: the value
	// of 以上/以内/左右, the near end of a range, the rate an in_step target
	// keeps pace with, 0 for 稳定增长. It is 目标值 on the scorecard.
	Reference decimal.NullDecimal
	// Bound is the number that must be reached for 完成.
	Bound  decimal.NullDecimal
	Rank   int
	Done   *bool
	Date   string
	Status Status
	// Gap is the distance to the target in the favourable direction:
	// positive means better than the target. In 个百分点 for rates (GapUnit
	// "个百分点"); for levels it is the completion ratio in % (GapUnit "%").
	Gap     decimal.NullDecimal
	GapUnit string
	// Completion is 完成率 in percent (actual / target; 2 − actual / target
	// for lower-is-better), where the target has a positive number.
	Completion  decimal.NullDecimal
	Weight      decimal.Decimal
	Score       decimal.Decimal
	Explanation string
	// Source is where the judged figure was read (the growth cell, or the
	// level cell when growth was derived).
	Source rules.Pos
	// Scored is false for goals that do not count in the total (a
	// multi-year goal before its year, a year-end target during the year).
	Scored bool
	// PeerRank is the unit's rank among its peers on this indicator (1 is
	// best; ties share a rank); 0 outside a multi-unit run.
	PeerRank int
	// Progress is the in-year supervision verdict (督查: 已完成, 超进度 …)
	// of a run over part of the year; nil for the whole year.
	Progress *Progress
}

// StatusCount is the number of indicators with one status.
type StatusCount struct {
	Status Status
	Count  int
}

// GroupScore is the score of one group of indicators (主要预期目标,
// 重点工作任务), each with its own weights.
type GroupScore struct {
	Name      string
	Total     decimal.Decimal
	FullMarks decimal.Decimal
	Percent   decimal.Decimal
	Grade     string
	Counts    []StatusCount
}

// Assessment is the judgement of one entity's year against a ruleset.
type Assessment struct {
	Ruleset *rules.Ruleset
	Entity  string
	Year    int
	Results []Result
	// Total is the sum of the scores; FullMarks the sum of the weights of
	// scored indicators; Percent = Total / FullMarks × 100, one decimal.
	Total     decimal.Decimal
	FullMarks decimal.Decimal
	Percent   decimal.Decimal
	Grade     string
	Counts    []StatusCount
	Problems  rules.Diagnostics
	// Groups scores each group on its own, in ruleset order; the fields
	// above are over all indicators.
	Groups []GroupScore
	// Period is the part of the year judged.
	Period Period
	// Veto says why the total was zeroed (一票否决), if it was.
	Veto string
	// Rank is the unit's overall rank among its peers; 0 outside a
	// multi-unit run.
	Rank int
	// input is the file the actuals were read from, for positions.
	input string
}

// Result returns the result for an indicator id, or nil.
func (a *Assessment) Result(id string) *Result {
	for i := range a.Results {
		if a.Results[i].Indicator.ID == id {
			return &a.Results[i]
		}
	}
	return nil
}
