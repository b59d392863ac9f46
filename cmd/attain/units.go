package main

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/attain-tool/attain/rules"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/scorecard"
	"github.com/attain-tool/attain/templates/view"
)

// runUnits is evaluate --units: every unit of the input, ranked.
func (e *env) runUnits(o evaluateOptions) error {
	render, err := pickFormat(o.format, view.WriteCityTable, view.WriteCityJSON, view.WriteCityCSV)
	if err != nil {
		return err
	}
	if err := notWithUnits(o); err != nil {
		return err
	}
	if err := checkOut(o.out, o.inputs()...); err != nil {
		return err
	}
	layout, err := read.ParseUnitsLayout(o.layout)
	if err != nil {
		return flagErrorf("layout", "%s 的值 %q 无效（可用 auto、sheets、long、columns）。", o.layout)
	}
	period, err := eval.ParsePeriod(o.period)
	if err != nil {
		return badPeriod(o.period)
	}
	outFmt, err := evaluateOut(o, unitsOuts, "与 --units 同用时")
	if err != nil {
		return err
	}
	date, err := evaluationDate(o.date)
	if err != nil {
		return err
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	own, err := loadUnitRules(o.unitRules.Value())
	if err != nil {
		return err
	}
	opts := read.UnitsOptions{Layout: layout, Sheets: o.sheets.Value(), Password: o.password, Rulesets: own}
	if o.targets != "" {
		src, err := readInput(o.targets)
		if err != nil {
			return err
		}
		t, diags := read.ReadTargets(o.targets, src, rs)
		if diags.HasErrors() {
			return &dataError{diags: diags}
		}
		printWarnings(e.stderr, diags)
		opts.Targets = t
	}
	if outFmt == "xlsx" {
		return e.unitsScorecard(o, rs, opts, eval.Options{Period: period},
			scorecard.ScorecardOptions{InputName: o.in, Evaluated: date, Version: versionString()}, render)
	}
	data, err := readInput(o.in)
	if err != nil {
		return err
	}
	bar := newProgress(e.stderr)
	bar.step("读取")
	opts.Progress = bar.update
	units, diags := read.ReadUnits(o.in, data, rs, opts)
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
		sc := scorecard.ScorecardOptions{InputName: o.in, Evaluated: date, Progress: bar.update, Version: versionString()}
		err := writeAtomic(o.out, func(w io.Writer) error { return writeCity(w, outFmt, city, sc) })
		bar.done()
		if err != nil {
			return err
		}
	}
	if o.format != "table" {
		printWarnings(e.stderr, city.Problems)
		if o.out != "" {
			printCitySummary(e.stderr, city, o.out)
			return nil // the result is the file --format agreed with
		}
	}
	if err := e.print(o.format, func(w io.Writer) error { return render(w, city) }); err != nil {
		return err
	}
	printCitySummary(e.stderr, city, o.out)
	return nil
}

// writeCity writes a city's assessment as format says: the scorecard,
// JSON or CSV.
func writeCity(w io.Writer, format string, city *eval.City, opts scorecard.ScorecardOptions) error {
	switch format {
	case "json":
		return view.WriteCityJSON(w, city)
	case "csv":
		return view.WriteCityCSV(w, city)
	}
	return scorecard.WriteCityScorecard(w, city, opts)
}

// unitsOnly refuses, without --units, the flags that only --units reads.
func unitsOnly(o evaluateOptions) error {
	for _, f := range []struct {
		name string
		set  bool
	}{{"targets", o.targets != ""}, {"unit-rules", len(o.unitRules.Value()) > 0}, {"layout", o.layout != "auto"}} {
		if f.set {
			return flagErrorf(f.name, "%s 只能与 --units 同用。")
		}
	}
	return nil
}

// notWithUnits refuses, with --units, the flags that read one unit's table.
func notWithUnits(o evaluateOptions) error {
	for _, f := range []struct {
		name string
		set  bool
	}{{"map", o.mapping != ""}, {"column", len(o.columns.Value()) > 0}, {"header-row", o.headerRow != 0}, {"explain-import", o.explain},
		{"duties", o.duties != ""}} {
		if f.set {
			return flagErrorf(f.name, "%s 不能与 --units 同用：它读的是一个单位的表。")
		}
	}
	return nil
}

// badPeriod is the usage error for a --period eval.ParsePeriod refused.
func badPeriod(p string) error {
	return flagErrorf("period", "%s 的值 %q 无效（可用 year、Q1、H1、Q3、M1..M12）。", p)
}

// unitRuleFiles lists the rule files --unit-rules names: each path a
// file, or a folder whose .yaml (or .yml) files are taken in name order;
// a file named twice is listed once.
func unitRuleFiles(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, p := range paths {
		files := []string{p}
		if entries, err := os.ReadDir(p); err == nil {
			files = nil
			for _, e := range entries {
				ext := strings.ToLower(filepath.Ext(e.Name()))
				if !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
					files = append(files, filepath.Join(p, e.Name()))
				}
			}
			sort.Strings(files)
			if len(files) == 0 {
				return nil, dataErrorf("文件夹 %s 中没有规则文件（.yaml）", p)
			}
		}
		for _, f := range files {
			if !seen[filepath.Clean(f)] {
				seen[filepath.Clean(f)] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// loadUnitRules reads the rulesets of single units (see unitRuleFiles). A
// ruleset applies to the unit its entity names (rules.Parse requires
// one); two for one unit are an error naming both files.
func loadUnitRules(paths []string) (map[string]*rules.Ruleset, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	files, err := unitRuleFiles(paths)
	if err != nil {
		return nil, err
	}
	out := map[string]*rules.Ruleset{}
	from := map[string]string{} // normalized unit name → file
	for _, f := range files {
		rs, err := loadRules(f) // a ruleset must have an entity
		if err != nil {
			return nil, err
		}
		name := strings.TrimSpace(rs.Entity)
		key := rules.NormalizeName(name)
		if prev, dup := from[key]; dup {
			return nil, dataErrorf("单位“%s”有两个规则文件：%s 和 %s；每个单位只用一个", name, prev, f)
		}
		from[key] = f
		out[name] = rs
	}
	return out, nil
}
