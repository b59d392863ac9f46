package eval

import (
	"slices"
	"sort"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// This file reads an assessment department by department, as the
// 督查室 reads it at year end: for each unit the 任务分解表 names, the
// indicators it leads (牵头) and those it shares (责任单位, 配合单位), how
// they stand, and its score over the ones it leads. It is computed from
// the assessment alone: each result's indicator carries its lead and
// partners (from the ruleset, or from a 分解表 given for the run, see
// rules.Ruleset.WithDuties).

// Department is what one unit answers for.
type Department struct {
	Name string
	// Lead and Partner are the ids of the indicators it leads and shares,
	// in ruleset order.
	Lead, Partner []string
	// Counts and PartnerCounts count the statuses of those indicators, in
	// the order of Statuses (statuses no indicator has are left out);
	// during the year, the progress words (已完成, 欠进度 …) in the order of
	// ProgressStatuses.
	Counts, PartnerCounts []StatusCount
	// Behind counts its lead indicators 未完成, or, during the year, 欠进度.
	Behind int
	// Score and Weight sum the scores and weights of its scored lead
	// indicators; Rate is Score / Weight × 100, one decimal, by the
	// ruleset's rounding, or null without weight.
	Score, Weight decimal.Decimal
	Rate          decimal.NullDecimal
}

// Collective is a name that stands for a group of units (各街道, 区直各部门):
// kept as written, never ranked as a department.
type Collective struct {
	Name          string
	Lead, Partner []string
}

// DepartmentView is an assessment by department.
type DepartmentView struct {
	// Departments lists the units with something behind first (more such
	// indicators first, then the lower rate), then the other leading
	// units by their rate, best first, then the units that only share;
	// ties in the order the units first appear.
	Departments []Department
	Collectives []Collective
	// Unassigned lists the indicators without a lead, in ruleset order.
	Unassigned []string
}

// deptStatus is the word a result is counted by: its progress during the
// year, its status at year end; behind says it puts its lead first (未完成,
// 欠进度).
func deptStatus(r *Result) (s Status, behind bool) {
	if r.Progress != nil {
		return Status(r.Progress.Status), r.Progress.Status == ProgressBehind
	}
	return r.Status, r.Status == Missed
}

// deptPlaces is the precision of a department's rate.
const deptPlaces = 1

// Departments reads a by department. It is empty when no indicator has a
// lead or partners.
func Departments(a *Assessment) DepartmentView {
	var v DepartmentView
	index := map[string]int{}
	colls := map[string]int{}
	type tallies struct{ lead, partner map[Status]int }
	var counts []tallies
	unit := func(name string) *Department {
		k, ok := index[name]
		if !ok {
			k = len(v.Departments)
			index[name] = k
			v.Departments = append(v.Departments, Department{Name: name, Score: decimal.Zero, Weight: decimal.Zero})
			counts = append(counts, tallies{map[Status]int{}, map[Status]int{}})
		}
		return &v.Departments[k]
	}
	coll := func(name string) *Collective {
		k, ok := colls[name]
		if !ok {
			k = len(v.Collectives)
			colls[name] = k
			v.Collectives = append(v.Collectives, Collective{Name: name})
		}
		return &v.Collectives[k]
	}
	for i := range a.Results {
		r := &a.Results[i]
		ind := r.Indicator
		if ind.Lead == "" {
			v.Unassigned = append(v.Unassigned, ind.ID)
		}
		if name := ind.Lead; name != "" && rules.IsCollective(name) {
			c := coll(name)
			c.Lead = append(c.Lead, ind.ID)
		} else if name != "" {
			d := unit(name)
			d.Lead = append(d.Lead, ind.ID)
			st, late := deptStatus(r)
			counts[index[name]].lead[st]++
			if late {
				d.Behind++
			}
			if r.Scored {
				d.Score, d.Weight = d.Score.Add(r.Score), d.Weight.Add(r.Weight)
			}
		}
		for _, name := range ind.Partners {
			switch {
			case name == ind.Lead:
			case rules.IsCollective(name):
				c := coll(name)
				c.Partner = deptAdd(c.Partner, ind.ID)
			default:
				d := unit(name)
				if !slices.Contains(d.Partner, ind.ID) {
					d.Partner = append(d.Partner, ind.ID)
					st, _ := deptStatus(r)
					counts[index[name]].partner[st]++
				}
			}
		}
	}
	round := rules.HalfEven
	if a.Ruleset != nil {
		round = a.Ruleset.Conventions.Rounding
	}
	for k := range v.Departments {
		d := &v.Departments[k]
		d.Counts, d.PartnerCounts = deptCounts(counts[k].lead), deptCounts(counts[k].partner)
		if d.Weight.IsPositive() {
			d.Rate = decimal.NewNullDecimal(round.Round(divRound(d.Score.Mul(hundred), d.Weight, divPrecision), deptPlaces))
		}
	}
	deptSort(v.Departments)
	return v
}

func deptAdd(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// deptCounts lists the counts in the order of Statuses, then of
// ProgressStatuses, then any other word by name.
func deptCounts(n map[Status]int) []StatusCount {
	var out []StatusCount
	seen := map[Status]bool{}
	add := func(s Status) {
		if n[s] > 0 && !seen[s] {
			out = append(out, StatusCount{Status: s, Count: n[s]})
		}
		seen[s] = true
	}
	for _, s := range Statuses {
		add(s)
	}
	for _, s := range ProgressStatuses {
		add(Status(s))
	}
	var other []Status
	for s := range n {
		if !seen[s] {
			other = append(other, s)
		}
	}
	sort.Slice(other, func(i, j int) bool { return other[i] < other[j] })
	for _, s := range other {
		add(s)
	}
	return out
}

// deptSort orders departments as DepartmentView says, stably.
func deptSort(ds []Department) {
	class := func(d *Department) int {
		switch {
		case d.Behind > 0:
			return 0
		case len(d.Lead) > 0:
			return 1
		}
		return 2
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := &ds[i], &ds[j]
		if ca, cb := class(a), class(b); ca != cb {
			return ca < cb
		}
		switch class(a) {
		case 0:
			if a.Behind != b.Behind {
				return a.Behind > b.Behind
			}
			return deptRateBefore(a.Rate, b.Rate, true)
		case 1:
			return deptRateBefore(a.Rate, b.Rate, false)
		}
		return false
	})
}

// deptRateBefore reports whether rate a sorts before b: the lower first
// when lowFirst, else the higher; a null rate after any number.
func deptRateBefore(a, b decimal.NullDecimal, lowFirst bool) bool {
	switch {
	case a.Valid != b.Valid:
		return a.Valid
	case !a.Valid:
		return false
	}
	c := cmpDec(a.Decimal, b.Decimal)
	if lowFirst {
		return c < 0
	}
	return c > 0
}
