package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/scorecard"
	"github.com/attain-tool/attain/templates/view"
	"github.com/urfave/cli/v2"
)

type evaluateOptions struct {
	input
	out    string
	format string
	date   string
	// explain prints which cell fed each figure.
	explain bool
	period  string
	// units reads many units at once (a city's counties), laid out as
	// layout; targets is a 单位 × 指标 table of per-unit targets;
	// unitRules are rulesets of single units (files or folders).
	units     bool
	layout    string
	targets   string
	unitRules cli.StringSlice
}

// input names the actuals and how to read them; evaluate and report share it.
type input struct {
	in       string
	rules    string
	sheets   cli.StringSlice
	password string
	mapping  string
	// columns and headerRow place the bureau's columns from the command
	// line, as a mapping file would.
	columns   cli.StringSlice
	headerRow int
	// duties is a 任务分解表 whose departments the run takes (evaluate --duties).
	duties string
}

func inputFlags(o *input) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "in", Aliases: []string{"i"}, Usage: "actual figures to judge (实际完成数): attain's template or the bureau's own table, .xlsx or .csv", Required: true, Destination: &o.in},
		withDest(rulesFlag, &o.rules),
		&cli.StringSliceFlag{Name: "sheet", Usage: "sheet to read (工作表), repeatable: --sheet A --sheet B; default: every sheet that holds indicators", Destination: &o.sheets},
		&cli.StringFlag{Name: "password", Usage: "open password of an encrypted workbook (打开密码)", Destination: &o.password},
		&cli.StringFlag{Name: "map", Usage: "mapping YAML that fixes how the bureau's table is read (列映射); see docs/import.md", Destination: &o.mapping},
		&cli.StringSliceFlag{Name: "column", Usage: "place a column of the bureau's table (列), ROLE=LETTER: name, unit, level, growth, prev_level, rank, done, date; repeatable, overrides --map", Destination: &o.columns},
		&cli.IntFlag{Name: "header-row", Usage: "row of the bureau's table header (表头行), 1-based; overrides --map", Destination: &o.headerRow},
	}
}

// mappingFromFlags builds or amends the mapping with --column and
// --header-row.
func mappingFromFlags(m *read.Mapping, o input) (*read.Mapping, error) {
	cols := o.columns.Value()
	if len(cols) == 0 && o.headerRow == 0 {
		return m, nil
	}
	if m == nil {
		m = &read.Mapping{File: "--column"}
	}
	if m.Columns == nil {
		m.Columns = map[string]string{}
	}
	for _, c := range cols {
		role, letter, ok := strings.Cut(c, "=")
		if !ok || role == "" || letter == "" {
			return nil, flagErrorf("column", "%s 的值 %q 无效（应为 用途=列，如 growth=D）。", c)
		}
		m.Columns[strings.TrimSpace(role)] = strings.ToUpper(strings.TrimSpace(letter))
	}
	if o.headerRow < 0 {
		return nil, flagErrorf("header-row", "%s 的值 %d 无效（应为从 1 起的行号）。", o.headerRow)
	}
	if o.headerRow > 0 {
		m.HeaderRows = []int{o.headerRow}
	}
	return m, nil
}

func (e *env) evaluateCommand() *cli.Command {
	var o evaluateOptions
	return &cli.Command{
		Name:  "evaluate",
		Usage: "judge a filled workbook and write the scorecard (评估完成情况)",
		Flags: append(inputFlags(&o.input),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "file to write, by its extension: .xlsx scorecard (评估表), .json, .csv, .md or .txt review (工作回顾)", Destination: &o.out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "what to print (输出格式): table, json or csv; with --out, json or csv must match its extension", Value: "table", Destination: &o.format},
			&cli.StringFlag{Name: "date", Usage: "date of the evaluation (评估日期) printed on the scorecard, YYYY-MM-DD; default: today", Destination: &o.date},
			&cli.BoolFlag{Name: "explain-import", Usage: "show which cell fed each indicator (导入说明)", Destination: &o.explain},
			&cli.StringFlag{Name: "period", Usage: "part of the year to judge (时段): year, Q1, H1, Q3, M1..M12; cumulative targets pro-rated (时序进度)", Value: "year", Destination: &o.period},
			&cli.BoolFlag{Name: "units", Usage: "evaluate every unit of the input (多单位): one sheet per unit, a long table or units as columns", Destination: &o.units},
			&cli.StringFlag{Name: "layout", Usage: "with --units, how the units are laid out (布局): auto, sheets, long or columns", Value: "auto", Destination: &o.layout},
			&cli.StringFlag{Name: "targets", Usage: "with --units, a workbook of per-unit targets (目标表), 单位 × 指标", Destination: &o.targets},
			&cli.StringFlag{Name: "duties", Usage: "任务分解表 (.xlsx, .csv or a pasted .txt list) naming each target's 牵头单位 and 责任单位: adds the view by department (责任单位)", Destination: &o.duties},
			&cli.StringSliceFlag{Name: "unit-rules", Usage: "with --units, a unit's own ruleset (单位规则集): a .yaml file or a folder of them, " +
				"each for the unit its entity names; repeatable", Destination: &o.unitRules},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return e.runEvaluate(o)
		},
	}
}

// evaluation is what evaluate and report share: the ruleset, the input read
// and the assessment, with the report of where each figure came from.
func (e *env) evaluation(o input, period eval.Period) (*eval.Assessment, *read.ImportReport, error) {
	rs, err := e.rulesWithDuties(o)
	if err != nil {
		return nil, nil, err
	}
	opts := read.ImportOptions{Sheets: o.sheets.Value(), Password: o.password}
	if o.mapping != "" {
		src, err := readInput(o.mapping)
		if err != nil {
			return nil, nil, err
		}
		m, diags := read.ParseMapping(o.mapping, src)
		if diags.HasErrors() {
			return nil, nil, &dataError{diags: diags}
		}
		opts.Mapping = m
	}
	if opts.Mapping, err = mappingFromFlags(opts.Mapping, o); err != nil {
		return nil, nil, err
	}
	data, err := readTable(o.in)
	if err != nil {
		return nil, nil, err
	}
	acts, diags, rep := read.Read(o.in, data, rs, opts)
	if diags.HasErrors() {
		return nil, rep, &dataError{diags: diags}
	}
	return eval.EvaluateWith(rs, acts, eval.Options{Period: period}), rep, nil
}

func evaluationDate(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, flagErrorf("date", "%s 的值 %q 无效（应为 YYYY-MM-DD）。", s)
	}
	return d, nil
}

func (e *env) runEvaluate(o evaluateOptions) error {
	if o.units {
		return e.runUnits(o)
	}
	if err := unitsOnly(o); err != nil {
		return err
	}
	if err := checkOut(o.out, o.inputs()...); err != nil {
		return err
	}
	render, err := pickFormat(o.format, view.WriteTable, view.WriteJSON, view.WriteCSV)
	if err != nil {
		return err
	}
	outFmt, err := evaluateOut(o, evaluateOuts, "")
	if err != nil {
		return err
	}
	date, err := evaluationDate(o.date)
	if err != nil {
		return err
	}
	period, err := eval.ParsePeriod(o.period)
	if err != nil {
		return badPeriod(o.period)
	}
	a, rep, err := e.evaluation(o.input, period)
	if o.explain && rep != nil {
		// The explanation is a result of its own on stdout beside a table;
		// beside JSON or CSV it goes to stderr so stdout stays parseable.
		w := e.stdout
		if o.format != "table" {
			w = e.stderr
		}
		if werr := writeSafe(w, rep.Write); werr != nil {
			return werr
		}
	}
	if err != nil {
		return err
	}
	if o.out != "" {
		opts := scorecard.ScorecardOptions{InputName: o.in, Evaluated: date, Version: versionString()}
		if err := writeAtomic(o.out, func(w io.Writer) error { return writeAssessment(w, outFmt, a, opts) }); err != nil {
			return err
		}
	}
	if o.format != "table" {
		printWarnings(e.stderr, a.Problems)
		if o.out != "" {
			printSummary(e.stderr, a, o.out)
			return nil // the result is the file --format agreed with
		}
	}
	if err := e.print(o.format, func(w io.Writer) error { return render(w, a) }); err != nil {
		return err
	}
	printSummary(e.stderr, a, o.out)
	return nil
}

// print writes a result to stdout: a table or JSON with control characters
// escaped (in JSON an escape such as \u009b stands for the character
// itself), CSV as it is, since its cells are data.
func (e *env) print(format string, write func(io.Writer) error) error {
	if format == "csv" {
		return write(e.stdout)
	}
	return writeSafe(e.stdout, write)
}

// evaluateOut returns what --out is to hold (the format of its extension),
// or "" without --out. With --out, --format json or csv says what the file
// holds and must agree with its extension; --format table (the default)
// prints the table beside any file.
func evaluateOut(o evaluateOptions, kinds []outKind, when string) (string, error) {
	if o.out == "" {
		return "", nil
	}
	outFmt, err := outFormat(o.out, kinds, when)
	if err != nil {
		return "", err
	}
	return outFmt, agree(o.format, o.format != "table", o.out, outFmt)
}

// writeAssessment writes one unit's assessment as format says: the
// scorecard, JSON, CSV or the review text.
func writeAssessment(w io.Writer, format string, a *eval.Assessment, opts scorecard.ScorecardOptions) error {
	switch format {
	case "json":
		return view.WriteJSON(w, a)
	case "csv":
		return view.WriteCSV(w, a)
	case "md", "txt":
		return view.WriteReview(w, a, format)
	}
	return scorecard.WriteScorecard(w, a, opts)
}

// inputs are the files evaluate reads, by the flag that names them.
func (o evaluateOptions) inputs() []namedInput {
	in := append(o.input.inputs(), namedInput{"targets", o.targets}, namedInput{"duties", o.duties})
	files, err := unitRuleFiles(o.unitRules.Value())
	if err != nil {
		files = o.unitRules.Value()
	}
	for _, f := range files {
		in = append(in, namedInput{"unit-rules", f})
	}
	return in
}

// pickFormat chooses the renderer --format names.
func pickFormat[T any](format string, table, json, csv func(io.Writer, T) error) (func(io.Writer, T) error, error) {
	switch format {
	case "table":
		return table, nil
	case "json":
		return json, nil
	case "csv":
		return csv, nil
	}
	return nil, flagErrorf("format", "%s 的值 %q 无效（可用 table、json、csv）。", format)
}

func printWarnings(w io.Writer, ds rules.Diagnostics) {
	for _, d := range ds.Collapse() {
		fmt.Fprintln(w, "attain: "+safeText(d.Error()))
	}
}
