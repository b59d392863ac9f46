package main

import (
	"fmt"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
)

// rulesWithDuties is the ruleset --rules names, its leads and partners
// taken from the 任务分解表 --duties names, if any: read as a workbook, a
// CSV file or a pasted text list, its rows matched to the indicators by
// the words they quote. The table's warnings (a row that covers no
// indicator, an indicator left without a lead, a lead other than the
// ruleset's) and one line of how its rows matched go to stderr; a table
// that cannot be read stops the run.
func (e *env) rulesWithDuties(o input) (*rules.Ruleset, error) {
	rs, err := loadRules(o.rules)
	if err != nil || o.duties == "" {
		return rs, err
	}
	data, err := readTable(o.duties)
	if err != nil {
		return nil, err
	}
	duties, ds := read.ReadDuties(o.duties, data, rs)
	if ds.HasErrors() {
		return nil, &dataError{diags: ds}
	}
	led, more := rs.WithDuties(duties.ByID)
	printWarnings(e.stderr, append(ds, more...))
	fmt.Fprintln(e.stderr, safeText(dutiesSummary(duties, len(rs.Indicators))))
	return led, nil
}

// dutiesSummary is the line that says how a 分解表 matched: "attain: 分解表
// d.xlsx（工作簿）: 42项任务，40项对应56项指标，2项未对应；56项指标均有牵头单位".
func dutiesSummary(d read.Duties, indicators int) string {
	s := fmt.Sprintf("attain: 分解表 %s（%s）: %d项任务，%d项对应%d项指标，%d项未对应；", d.File, d.Format,
		len(d.Rows), d.Matched, len(d.ByID), d.Unmatched)
	if len(d.Unassigned) == 0 {
		return s + fmt.Sprintf("%d项指标均有牵头单位", indicators)
	}
	return s + fmt.Sprintf("%d项指标没有牵头单位", len(d.Unassigned))
}
