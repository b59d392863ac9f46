package eval

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
	two     = decimal.NewFromInt(2)
	forty   = decimal.NewFromInt(40)
	sixty   = decimal.NewFromInt(60)
	// defaultRankStep is what rank_points takes off per place below first.
	defaultRankStep = decimal.RequireFromString("0.05")
)

// divPrecision is the number of decimals kept by intermediate divisions,
// far beyond any published precision, so that the one rounding at the
// published precision decides.
const divPrecision = 20

// Options change how an evaluation is made.
type Options struct {
	// Period is the part of the year the actuals cover; zero means the
	// whole year.
	Period Period
	// Peers carries this unit's standing among its peer units, for ranks,
	// 前列 targets and peer-based scoring (see EvaluateUnits).
	Peers *Peers
	// Progress, when set, is told how far EvaluateUnits has got: done of
	// total steps, two per unit (its figures, then its judgement). It is
	// called from the evaluation's goroutines, one call at a time, every
	// few dozen units and once at the end.
	Progress func(done, total int)
	// Release has EvaluateUnitsStream let go of each unit's packed
	// actuals (units[i].Actuals = nil) once the unit is judged, so that a
	// city's figures leave memory as its judgements are handed on: at
	// 12,000 units × 50 indicators they are half of what it holds.
	Release bool
}

// Evaluate judges every indicator of rs against a whole year's actuals.
func Evaluate(rs *rules.Ruleset, in Actuals) *Assessment {
	return EvaluateWith(rs, in, Options{})
}

// EvaluateWith judges every indicator of rs against the actuals.
func EvaluateWith(rs *rules.Ruleset, in Actuals, opts Options) *Assessment {
	return evaluate(rs, in, opts, nil, nil)
}

// screening is what screen makes of a unit's actuals.
type screening struct {
	in      Actuals           // without the figures left out
	suspect map[string]string // why, per indicator id
	flagged rules.Diagnostics
}

func screenActuals(rs *rules.Ruleset, in Actuals) *screening {
	var sc screening
	sc.in, sc.suspect, sc.flagged = screen(rs, in)
	return &sc
}

// evaluate is EvaluateWith on actuals already screened by screenActuals
// (sc), or to be screened (sc nil), with the pro-rated indicators made by
// proRatedIndicators, if any.
func evaluate(rs *rules.Ruleset, in Actuals, opts Options, sc *screening, prorated map[*rules.Indicator]*rules.Indicator) *Assessment {
	if opts.Period.Months == 0 {
		opts.Period = Year
	}
	a := &Assessment{Ruleset: rs, Entity: in.Entity, Year: in.Year, Period: opts.Period, input: in.File}
	if a.Entity == "" {
		a.Entity = rs.Entity
	}
	if a.Year == 0 {
		a.Year = rs.Year
	}
	a.Problems = append(a.Problems, in.Problems...)
	if sc == nil {
		sc = screenActuals(rs, in)
	}
	in, suspect := sc.in, sc.suspect
	a.Problems = append(a.Problems, sc.flagged...)
	a.Problems = append(a.Problems, periodLook(rs, in, opts.Period)...)
	judged, yearEnd := forPeriod(rs, opts.Period, prorated)
	n := len(judged.Indicators)
	j := judge{rs: judged, in: in, done: make(map[string]*Result, n), a: a, suspect: suspect,
		peers: opts.Peers, yearEnd: yearEnd, period: opts.Period, annual: rs}
	if n > 0 {
		a.Results = make([]Result, n)
	}
	for k := range judged.Indicators {
		// Each indicator is judged into its place in a.Results, once; an
		// id listed twice gets the result of its first listing.
		if r := j.result(k); r != &a.Results[k] {
			a.Results[k] = *r
		}
	}
	a.total()
	a.Problems.Sort()
	return a
}

type judge struct {
	rs   *rules.Ruleset
	in   Actuals
	a    *Assessment
	done map[string]*Result
	busy []string // in_step references being resolved, to stop cycles
	// suspect holds, per indicator, why a reported figure was not used.
	suspect map[string]string
	peers   *Peers
	// yearEnd holds the indicators judged only at year end, when the
	// period is shorter than the year.
	yearEnd map[string]bool
	period  Period
	annual  *rules.Ruleset // the ruleset before pro-rating
}

func (j *judge) problem(pos rules.Pos, id, hint, format string, args ...any) {
	j.a.Problems.Add(rules.Diagnostic{Pos: pos, Severity: rules.Warning, Indicator: id,
		Summary: fmt.Sprintf(format, args...), Hint: hint})
}

func (j *judge) round(d decimal.Decimal, places int32) decimal.Decimal {
	return j.rs.Conventions.Rounding.Round(d, places)
}

// noActual stands for an indicator without reported figures.
var noActual = &Actual{}

// result judges the indicator at position k of the ruleset, once, into
// a.Results[k].
func (j *judge) result(k int) *Result {
	ind := j.rs.Indicators[k]
	if r := j.done[ind.ID]; r != nil {
		return r
	}
	act := j.in.Values[ind.ID]
	if act == nil {
		act = noActual
	}
	r := &j.a.Results[k]
	if slices.Contains(j.busy, ind.ID) {
		// An in_step target that refers to itself: its place is taken by
		// the judgement in progress.
		r = new(Result)
	}
	*r = Result{Indicator: ind, Weight: ind.Weight, Scored: true, Rank: act.Rank, Done: act.Done, Date: act.Date}
	r.PrevGrowth = ind.Baseline.Growth
	r.Level = act.Level
	r.PrevLevel = act.PrevLevel
	if !r.PrevLevel.Valid {
		r.PrevLevel = ind.Baseline.Level
	}
	if act.PrevLevel.Valid && ind.Baseline.Level.Valid && !act.PrevLevel.Decimal.Equal(ind.Baseline.Level.Decimal) {
		j.problem(act.Source(FieldPrevLevel), ind.ID, "核对是否为修订后的数据；推算增速使用填报值",
			"%s 的上年实际值填报为 %s，报告中为 %s", ind.Name, act.PrevLevel.Decimal, ind.Baseline.Level.Decimal)
	}
	if j.peers != nil {
		r.PeerRank = j.peers.Rank[ind.ID]
	}
	j.value(ind, act, r)
	if j.yearEnd[ind.ID] {
		r.Status = InProgress
		r.Scored = false
		r.Explanation = "年终考核指标，" + j.period.Label() + "不作评价"
		j.inYear(ind, act, r)
		j.done[ind.ID] = r
		return r
	}
	j.judge(ind, r)
	j.score(ind, r)
	j.progress(ind, r)
	if ind.Target.Years > 1 && j.a.Year < j.rs.Year+ind.Target.Years-1 && r.Status != Met && r.Status != Exceeded {
		// A multi-year goal before its last year: show progress, no miss.
		r.Status = InProgress
		r.Scored = false
		r.Score = decimal.Zero
		r.Explanation = j.progressText(ind, r)
	}
	j.inYear(ind, act, r)
	j.done[ind.ID] = r
	return r
}

// progressText describes a multi-year goal before its last year: how far
// it has come, not whether it was missed.
func (j *judge) progressText(ind *rules.Indicator, r *Result) string {
	s := strconv.Itoa(ind.Target.Years) + "年内目标（至" + strconv.Itoa(j.rs.Year+ind.Target.Years-1) + "年）"
	if why := j.suspect[ind.ID]; why != "" && !r.Value.Valid {
		return s + "，本年进度数据存疑，未采用: " + why + "；尚未到期，不计分"
	}
	if !r.Value.Valid {
		return s + "，未填报本年进度，尚未到期，不计分"
	}
	u := unitText(ind)
	s += "，截至本年实际" + fmtNum(r.Value.Decimal, ind.Precision) + u
	if r.Completion.Valid && r.Reference.Valid {
		s += "，完成目标（" + r.Reference.Decimal.String() + u + "）的" + r.Completion.Decimal.StringFixed(2) + "%"
	}
	return s + "，尚未到期，不计分"
}

// value finds the judged figure: the reported one, or a growth derived from
// levels where the rule allows it.
func (j *judge) value(ind *rules.Indicator, act *Actual, r *Result) {
	var miss figureMiss
	r.Raw, r.Derived, miss = rawFigure(ind, act, r.PrevLevel)
	switch ind.Measure {
	case rules.Growth:
		switch {
		case act.Growth.Valid:
			r.Source = act.Source(FieldGrowth)
		case act.Level.Valid:
			r.Source = act.Source(FieldLevel)
		}
	case rules.Level:
		if act.Level.Valid {
			r.Source = act.Source(FieldLevel)
		}
	case rules.Rank:
		if act.Rank > 0 {
			r.Source = act.Source(FieldRank)
		}
	case rules.YesNo:
		r.Source = act.Source(FieldDone)
	case rules.Milestone:
		r.Source = act.Source(FieldDate)
		if !r.Source.IsValid() {
			r.Source = act.Source(FieldDone)
		}
	}
	switch miss {
	case missNotDerivable:
		j.problem(act.Source(FieldLevel), ind.ID, "填报统计部门公布的本年增速(%)",
			"%s 缺少本年增速：该增速按可比价（可比口径）计算，不能由现价总量推算", ind.Name)
	case missNominal:
		j.problem(act.Source(FieldLevel), ind.ID, "填报统计部门公布的本年实际增速(%)，或在规则中为该指标写出 deflator（价格涨幅，%）",
			"%s 缺少本年实际增速：由本年%s%s与上年%s%s推算的是名义增长%s%%，同步按实际增速比较，未作判定",
			ind.Name, act.Level.Decimal, ind.LevelUnit, r.PrevLevel.Decimal, ind.LevelUnit,
			fmtNum(j.round(nominalGrowth(act.Level.Decimal, r.PrevLevel.Decimal), ind.Precision), ind.Precision))
	case missNoPrevLevel:
		j.problem(act.Source(FieldLevel), ind.ID, "填报上年实际值或本年增速(%)",
			"%s 缺少本年增速，也没有可用的上年实际值，无法推算", ind.Name)
	}
	if r.Raw.Valid {
		r.Value = decimal.NewNullDecimal(j.round(r.Raw.Decimal, ind.Precision))
	}
}

// figureMiss says why a growth rate could not be derived from levels.
type figureMiss int

const (
	missNone         figureMiss = iota
	missNotDerivable            // the rule does not allow deriving it
	missNoPrevLevel             // no usable last year's level
	missNominal                 // a nominal growth where a real one is wanted (同步 without a deflator)
)

// nominalOnly reports whether a growth derived from ind's levels would be
// nominal where the target compares real rates: 同步 without a deflator.
func nominalOnly(ind *rules.Indicator) bool {
	return ind.Target.Kind == rules.InStep && !ind.Deflator.Valid
}

// nominalGrowth is (level − prev) / prev × 100, prev being positive.
func nominalGrowth(level, prev decimal.Decimal) decimal.Decimal {
	return divRound(level.Sub(prev).Mul(hundred), prev, divPrecision)
}

// realGrowth is the growth from prev to level less a price rise of
// deflator percent: (level / prev) / (1 + deflator / 100) × 100 − 100.
func realGrowth(level, prev, deflator decimal.Decimal) decimal.Decimal {
	return divRound(level.Mul(hundred).Mul(hundred), prev.Mul(hundred.Add(deflator)), divPrecision).Sub(hundred)
}

// rawFigure is the judged figure of ind before rounding, from screened
// actuals: the reported figure, or a growth derived from this year's level
// and prev (last year's level, reported or baseline) where the rule
// allows it. It is shared by the full judgement and the light first pass
// of EvaluateUnits, so that both find the same figure.
func rawFigure(ind *rules.Indicator, act *Actual, prev decimal.NullDecimal) (raw decimal.NullDecimal, derived bool, miss figureMiss) {
	switch ind.Measure {
	case rules.Growth:
		if act.Growth.Valid {
			return act.Growth, false, missNone
		}
		if !act.Level.Valid {
			return raw, false, missNone
		}
		if !ind.DeriveGrowth {
			return raw, false, missNotDerivable
		}
		if !prev.Valid || prev.Decimal.Sign() <= 0 {
			return raw, false, missNoPrevLevel
		}
		if nominalOnly(ind) {
			return raw, false, missNominal
		}
		g := nominalGrowth(act.Level.Decimal, prev.Decimal)
		if ind.Deflator.Valid {
			g = realGrowth(act.Level.Decimal, prev.Decimal, ind.Deflator.Decimal)
		}
		return decimal.NewNullDecimal(g), true, missNone
	case rules.Level:
		if act.Level.Valid {
			return act.Level, false, missNone
		}
	case rules.Rank:
		if act.Rank > 0 {
			return decimal.NewNullDecimal(decimal.NewFromInt(int64(act.Rank))), false, missNone
		}
	}
	return raw, false, missNone
}

// fmtNum writes a figure with the indicator's published decimals.
func fmtNum(d decimal.Decimal, places int32) string {
	return d.StringFixed(places)
}

func unitText(ind *rules.Indicator) string {
	if ind.Unit == "%" || ind.Unit == "名" || ind.Unit == "是/否" {
		if ind.Unit == "%" {
			return "%"
		}
		return ""
	}
	return ind.Unit
}

// targetReference is the number of a target that gaps are measured from:
// the value, or the near end of a range.
func targetReference(ind *rules.Indicator) decimal.Decimal {
	t := ind.Target
	if t.Kind == rules.Between {
		if ind.Polarity == rules.Lower {
			return t.High
		}
		return t.Low
	}
	return t.Value
}

// attainment is actual / bound, or 2 − actual / bound for lower-is-better.
func attainment(v, bound decimal.Decimal, lower bool) decimal.Decimal {
	ratio := divRound(v, bound, divPrecision)
	if lower {
		return two.Sub(ratio)
	}
	return ratio
}

// reference resolves the rate an in_step target keeps pace with.
func (j *judge) reference(ind *rules.Indicator, r *Result) decimal.NullDecimal {
	refK := j.position(ind.Target.With)
	refInd := j.rs.Indicators[refK]
	for _, b := range j.busy {
		if b == refInd.ID {
			r.Status = NoData
			r.Explanation = "同步目标循环引用"
			return decimal.NullDecimal{}
		}
	}
	j.busy = append(j.busy, ind.ID)
	ref := j.result(refK)
	j.busy = j.busy[:len(j.busy)-1]
	if !ref.Value.Valid {
		r.Status = NoData
		r.Explanation = "缺少" + refInd.Name + "增速，无法判断是否同步"
		return decimal.NullDecimal{}
	}
	r.Reference = ref.Value
	return ref.Value
}

// position is the position of the first indicator with the id, as
// rules.Ruleset.Indicator finds it, or -1.
func (j *judge) position(id string) int {
	for k, ind := range j.rs.Indicators {
		if ind.ID == id {
			return k
		}
	}
	return -1
}

// milestone judges a dated step: on time; late within the assessed year
// (基本完成, unless the ruleset's late_milestone says never); late after
// the assessed year, or not done (未完成).
func (j *judge) milestone(ind *rules.Indicator, r *Result) {
	due := ind.Target.Due
	yearEnd := dateKey(strconv.Itoa(j.a.Year) + "-12") // its last day, as a month is read
	switch {
	case r.Date != "" && dateKey(r.Date) <= dateKey(due):
		r.Status = Met
		r.Explanation = r.Date + " 完成，按期（要求 " + dueText(due) + " 前）"
	case r.Date != "" && dateKey(r.Date) > yearEnd:
		r.Status = Missed
		r.Explanation = r.Date + " 完成，晚于要求的 " + dueText(due) + "，且在考核年度（" + strconv.Itoa(j.a.Year) + "年）之后，未完成"
	case r.Date != "" && j.rs.Conventions.LateMilestone == rules.LateNever:
		r.Status = Missed
		r.Explanation = r.Date + " 完成，晚于要求的 " + dueText(due) + "，未完成"
	case r.Date != "":
		r.Status = NearlyMet
		r.Explanation = r.Date + " 完成，晚于要求的 " + dueText(due)
	case r.Done != nil && *r.Done:
		r.Status = Met
		r.Explanation = "填报为已完成，未填完成日期（要求 " + dueText(due) + " 前）"
	case r.Done != nil:
		r.Status = Missed
		r.Explanation = "填报为未完成（要求 " + dueText(due) + " 前）"
	default:
		r.Status = NoData
		r.Explanation = "未填报完成情况"
	}
}

// dateKey makes YYYY-MM and YYYY-MM-DD comparable: a month means its end.
func dateKey(s string) string {
	if len(s) == len("2019-04") {
		return s + "-99"
	}
	return s
}

func dueText(due string) string {
	if y, m, ok := strings.Cut(due, "-"); ok && len(due) == 7 {
		return y + "年" + strings.TrimPrefix(m, "0") + "月底"
	}
	return due
}

// score applies the indicator's scoring method.
func (j *judge) score(ind *rules.Indicator, r *Result) {
	w := ind.Weight
	s := ind.Scoring
	r.Score = decimal.Zero
	if r.Status == NoData || r.Status == Suspect {
		return
	}
	met := r.Status == Met || r.Status == Exceeded
	switch s.Method {
	case rules.PassFail:
		switch {
		case met:
			r.Score = w
		case r.Status == NearlyMet && s.NearMissShare.Valid:
			r.Score = w.Mul(s.NearMissShare.Decimal)
		}
	case rules.Ratio:
		if met {
			r.Score = w
			break
		}
		if !r.Bound.Valid || !r.Bound.Decimal.IsPositive() || !r.Value.Valid {
			break // nothing to divide by: a miss scores 0
		}
		att := attainment(r.Value.Decimal, r.Bound.Decimal, ind.LowerIsBetter())
		r.Score = w.Mul(clamp(att, decimal.Zero, one))
	case rules.Points:
		base := orDefault(s.Base, w)
		max := orDefault(s.Max, w)
		min := orDefault(s.Min, decimal.Zero)
		if !r.Value.Valid || !r.Bound.Valid {
			r.Score = min
			if met {
				r.Score = base
			}
			break
		}
		var over decimal.Decimal // 个百分点, or % of completion, beyond the bound
		if ind.IsRate() {
			over = r.Value.Decimal.Sub(r.Bound.Decimal)
			if ind.LowerIsBetter() {
				over = over.Neg()
			}
		} else if r.Bound.Decimal.IsPositive() {
			over = attainment(r.Value.Decimal, r.Bound.Decimal, ind.LowerIsBetter()).Sub(one).Mul(hundred)
		}
		r.Score = clamp(base.Add(s.PerPoint.Decimal.Mul(over)), min, max)
	case rules.RankPoints:
		rank := r.Rank
		if rank == 0 {
			rank = r.PeerRank
		}
		if rank == 0 {
			break
		}
		step := orDefault(s.Step, defaultRankStep)
		r.Score = w.Mul(clamp(one.Sub(step.Mul(decimal.NewFromInt(int64(rank-1)))), decimal.Zero, one))
	case rules.Efficacy:
		r.Score = j.efficacy(ind, r)
	}
	r.Score = j.round(r.Score, 2)
	if !met && w.IsPositive() && cmpDec(r.Score, w) >= 0 {
		// Status and score never disagree: below 完成 is never full marks,
		// whatever the method (突破X at X itself, the first of the peers).
		r.Score = decimal.Max(w.Sub(scoreStep), decimal.Zero)
	}
}

// scoreStep is the smallest step of a score, which is kept to 0.01.
var scoreStep = decimal.New(1, -2)

// clamp is decimal.Max(lo, decimal.Min(hi, d)): on a tie it keeps hi,
// then lo, as those do.
func clamp(d, lo, hi decimal.Decimal) decimal.Decimal {
	m := hi
	if cmpDec(d, m) < 0 {
		m = d
	}
	if cmpDec(m, lo) > 0 {
		return m
	}
	return lo
}

func orDefault(n decimal.NullDecimal, d decimal.Decimal) decimal.Decimal {
	if n.Valid {
		return n.Decimal
	}
	return d
}

// total sums scores, counts statuses and grades the whole and each group.
// A missed veto indicator (一票否决) zeroes the total.
//
// When a ruleset has several groups and not one figure was reported for a
// group (a template whose 重点工作任务 sheet was left empty, say), that
// group is shown as not assessed and left out of the overall total, with
// a problem saying so, rather than pulling the total down as 44 misses.
func (a *Assessment) total() {
	groups := a.Ruleset.Groups()
	multi := len(groups) > 1
	// One pass over the results tallies each group; the whole is the
	// sum of its groups (decimal sums are exact, so the order of adding
	// does not change them).
	tallies := make([]tally, len(groups))
	for i := range a.Results {
		r := &a.Results[i]
		if g := slices.Index(groups, r.Indicator.Group); g >= 0 {
			tallies[g].add(r)
		}
	}
	var counted, all tally
	skipped := 0
	if len(groups) > 0 {
		a.Groups = make([]GroupScore, 0, len(groups))
	}
	for i, g := range groups {
		t := &tallies[i]
		gs := GroupScore{Name: g}
		gs.Total, gs.FullMarks, gs.Percent, gs.Grade, gs.Counts = a.score(t)
		if multi && !t.reported {
			gs.Grade = NotAssessed
			skipped++
			a.Problems.Add(rules.Diagnostic{Pos: rules.Pos{File: a.input}, Severity: rules.Warning,
				Summary: g + "没有填报任何数据，未评估，不计入总分",
				Hint:    "如需评估" + g + "，填报该组指标后重新评估"})
		} else {
			counted.merge(t)
		}
		all.merge(t)
		a.Groups = append(a.Groups, gs)
	}
	a.Total, a.FullMarks, a.Percent, a.Grade, _ = a.score(&counted)
	_, _, _, _, a.Counts = a.score(&all)
	if all.vetoes > 0 {
		names := make([]string, 0, all.vetoes)
		for i := range a.Results {
			if r := &a.Results[i]; r.Indicator.Veto && r.Status == Missed {
				names = append(names, r.Indicator.Name)
			}
		}
		a.Veto = "一票否决: " + strings.Join(names, "、") + "未完成，总分计为0"
	}
	if multi && skipped == len(groups) {
		a.Grade = NotAssessed
	}
}

// tally is the sum of the scores and weights of a set of results, with
// the count of each status and of missed veto indicators.
type tally struct {
	total, full sum // of scored results
	n           [statusCount]int
	vetoes      int
	reported    bool // a figure was reported for one of the results
}

func (t *tally) add(r *Result) {
	if k := statusIndex(r.Status); k >= 0 {
		t.n[k]++
	}
	if r.Indicator.Veto && r.Status == Missed {
		t.vetoes++
	}
	t.reported = t.reported || r.reported()
	if r.Scored {
		t.total.add(r.Score)
		t.full.add(r.Weight)
	}
}

func (t *tally) merge(o *tally) {
	t.total.addSum(&o.total)
	t.full.addSum(&o.full)
	for k := range t.n {
		t.n[k] += o.n[k]
	}
	t.vetoes += o.vetoes
	t.reported = t.reported || o.reported
}

// reported tells whether any figure was reported for the indicator.
func (r *Result) reported() bool {
	return r.Raw.Valid || r.Level.Valid || r.Rank > 0 || r.Done != nil || r.Date != "" || r.Source.IsValid()
}

// statusCount is len(Statuses).
const statusCount = 7

// statusIndex is the position of a status word in Statuses, or -1.
func statusIndex(s Status) int {
	switch s {
	case Exceeded:
		return 0
	case Met:
		return 1
	case NearlyMet:
		return 2
	case Missed:
		return 3
	case NoData:
		return 4
	case Suspect:
		return 5
	case InProgress:
		return 6
	}
	return -1
}

// NotAssessed is the grade of a group without a single reported figure.
const NotAssessed = "未评估"

// score grades a tally: its total (zero when a veto indicator was
// missed), full marks, percent, grade and status counts.
func (a *Assessment) score(t *tally) (total, full, percent decimal.Decimal, grade string, counts []StatusCount) {
	total, full = t.total.value(), t.full.value()
	counts = make([]StatusCount, 0, len(Statuses))
	for k, s := range Statuses {
		if (s == InProgress || s == Suspect) && t.n[k] == 0 {
			continue
		}
		counts = append(counts, StatusCount{Status: s, Count: t.n[k]})
	}
	if t.vetoes > 0 {
		total = decimal.Zero
	}
	percent = decimal.Zero
	if full.IsPositive() {
		percent = a.Ruleset.Conventions.Rounding.Round(divRound(total.Mul(hundred), full, divPrecision), 1)
	}
	for _, g := range a.Ruleset.Conventions.Grades {
		if cmpDec(percent, g.Min) >= 0 {
			grade = g.Name
			break
		}
	}
	return total, full, percent, grade, counts
}
