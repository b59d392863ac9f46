package main

import (
	"io"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates"
)

// runUnits is evaluate --units: every unit of the input, ranked.
func (e *env) runUnits(o evaluateOptions) error {
	render, err := pickFormat(o.format, templates.WriteCityTable, templates.WriteCityJSON, templates.WriteCityCSV)
	if err != nil {
		return err
	}
	if o.mapping != "" || o.explain || len(o.columns.Value()) > 0 || o.headerRow != 0 {
		return usageErrorf("--map, --column, --header-row and --explain-import read one unit's table; they do not combine with --units")
	}
	layout, err := templates.ParseUnitsLayout(o.layout)
	if err != nil {
		return usageErrorf("--layout: %v", err)
	}
	period, err := eval.ParsePeriod(o.period)
	if err != nil {
		return usageErrorf("--period: %v", err)
	}
	date, err := evaluationDate(o.date)
	if err != nil {
		return err
	}
	if err := checkOut(o.in, o.out); err != nil {
		return err
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	opts := templates.UnitsOptions{Layout: layout, Sheet: o.sheet, Password: o.password}
	if o.targets != "" {
		src, err := readInput(o.targets)
		if err != nil {
			return err
		}
		t, diags := templates.ReadTargets(o.targets, src, rs)
		if diags.HasErrors() {
			return &dataError{diags: diags}
		}
		printWarnings(e.stderr, diags)
		opts.Targets = t
	}
	data, err := readInput(o.in)
	if err != nil {
		return err
	}
	bar := newProgress(e.stderr)
	bar.step("读取")
	opts.Progress = bar.update
	units, diags := templates.ReadUnits(o.in, data, rs, opts)
	bar.done()
	if diags.HasErrors() {
		return &dataError{diags: diags}
	}
	bar.step("评估")
	city := eval.EvaluateUnits(units, eval.Options{Period: period, Progress: bar.update})
	bar.done()
	city.Problems = append(city.Problems, diags...)
	if o.out != "" {
		bar.step("写出")
		sc := templates.ScorecardOptions{InputName: o.in, Evaluated: date, Progress: bar.update}
		err := writeAtomic(o.out, func(w io.Writer) error { return templates.WriteCityScorecard(w, city, sc) })
		bar.done()
		if err != nil {
			return err
		}
	}
	if o.format != "table" && o.format != "" {
		printWarnings(e.stderr, city.Problems)
	}
	return render(e.stdout, city)
}
