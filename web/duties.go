package web

import (
	"fmt"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
)

// Duties is a 任务分解表 as a run took it: the table read, and what the
// command line prints of it on stderr — its warnings and the line that
// says how its rows matched.
type Duties struct {
	Table read.Duties
	// Warnings are the table's (a row that covers no indicator, an
	// indicator left without a lead) and those of applying it to the
	// ruleset (a lead other than the ruleset's), each at its cell or line.
	Warnings rules.Diagnostics
	// Summary is DutiesSummary of the table.
	Summary string
}

// WithDuties reads the 任务分解表 data, named name (.xlsx, .csv or a pasted
// .txt list), with read.ReadDuties against rs and returns rs with each
// indicator's lead, partners and leaders taken from it
// (rules.Ruleset.WithDuties): what `attain evaluate --duties FILE` and
// `attain bulletin --duties FILE` do after reading the file. A table that
// cannot be read is an *InputError holding its errors, with File set.
func WithDuties(rs *rules.Ruleset, name string, data []byte) (*rules.Ruleset, *Duties, error) {
	if rs == nil {
		rs = rules.Default()
	}
	table, ds := read.ReadDuties(name, data, rs)
	if ds.HasErrors() {
		return nil, nil, &InputError{Diags: ds, File: name}
	}
	led, more := rs.WithDuties(table.ByID)
	return led, &Duties{Table: table, Warnings: append(ds, more...),
		Summary: DutiesSummary(table, len(rs.Indicators))}, nil
}

// DutiesSummary is the line that says how a 分解表 matched, as the command
// line prints it after "attain: ": "分解表 d.xlsx（工作簿）: 42项任务，40项对应
// 56项指标，2项未对应；56项指标均有牵头单位". indicators is the ruleset's
// count.
func DutiesSummary(d read.Duties, indicators int) string {
	s := fmt.Sprintf("分解表 %s（%s）: %d项任务，%d项对应%d项指标，%d项未对应；", d.File, d.Format,
		len(d.Rows), d.Matched, len(d.ByID), d.Unmatched)
	if len(d.Unassigned) == 0 {
		return s + fmt.Sprintf("%d项指标均有牵头单位", indicators)
	}
	return s + fmt.Sprintf("%d项指标没有牵头单位", len(d.Unassigned))
}
