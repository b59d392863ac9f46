package main

import (
	"fmt"
	"io"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/urfave/cli/v2"
)

type evaluateOptions struct {
	in       string
	out      string
	format   string
	rules    string
	sheet    string
	password string
	date     string
}

func (e *env) evaluateCommand() *cli.Command {
	var o evaluateOptions
	return &cli.Command{
		Name:  "evaluate",
		Usage: "judge a filled workbook and write the scorecard (评估完成情况)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "in", Aliases: []string{"i"}, Usage: "filled workbook of actual figures (.xlsx) (实际完成数)", Required: true, Destination: &o.in},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "scorecard workbook to write (.xlsx) (评估表)", Destination: &o.out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "what to print: table, json or csv", Value: "table", Destination: &o.format},
			withDest(rulesFlag, &o.rules),
			&cli.StringFlag{Name: "sheet", Usage: "sheet to read (工作表); default: the one that matches best", Destination: &o.sheet},
			&cli.StringFlag{Name: "password", Usage: "password of an encrypted workbook", Destination: &o.password},
			&cli.StringFlag{Name: "date", Usage: "date of evaluation printed on the scorecard, YYYY-MM-DD (default: today)", Destination: &o.date},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return e.runEvaluate(o)
		},
	}
}

// evaluation is what evaluate and report share: the ruleset, the input read
// and the assessment.
func (e *env) evaluation(in, rulesPath, sheet, password string) (*eval.Assessment, error) {
	rs, err := loadRules(rulesPath)
	if err != nil {
		return nil, err
	}
	data, err := readInput(in)
	if err != nil {
		return nil, err
	}
	acts, diags := templates.ReadActuals(in, data, rs, templates.ReadOptions{Sheet: sheet, Password: password})
	if diags.HasErrors() {
		return nil, &dataError{diags: diags}
	}
	return eval.Evaluate(rs, acts), nil
}

func evaluationDate(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageErrorf("--date %q: want YYYY-MM-DD", s)
	}
	return d, nil
}

func (e *env) runEvaluate(o evaluateOptions) error {
	var render func(io.Writer, *eval.Assessment) error
	switch o.format {
	case "table", "":
		render = templates.WriteTable
	case "json":
		render = templates.WriteJSON
	case "csv":
		render = templates.WriteCSV
	default:
		return usageErrorf("--format %q: want table, json or csv", o.format)
	}
	date, err := evaluationDate(o.date)
	if err != nil {
		return err
	}
	if o.out != "" && sameFile(o.in, o.out) {
		return usageErrorf("--out %s is the input file; attain never overwrites its input", o.out)
	}
	a, err := e.evaluation(o.in, o.rules, o.sheet, o.password)
	if err != nil {
		return err
	}
	if o.out != "" {
		opts := templates.ScorecardOptions{InputName: o.in, Evaluated: date}
		if err := writeAtomic(o.out, func(w io.Writer) error { return templates.WriteScorecard(w, a, opts) }); err != nil {
			return err
		}
	}
	if o.format != "table" && o.format != "" {
		printWarnings(e.stderr, a.Problems)
	}
	return render(e.stdout, a)
}

func printWarnings(w io.Writer, ds rules.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, "attain: "+d.Error())
	}
}
