package main

import (
	"io"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/view"
	"github.com/urfave/cli/v2"
)

type reportOptions struct {
	input
	out       string
	format    string
	formatSet bool // --format was given, not its default
	period    string
}

func (e *env) reportCommand() *cli.Command {
	var o reportOptions
	return &cli.Command{
		Name:  "report",
		Usage: "write the draft review paragraphs for the evaluated year (工作回顾文稿)",
		Flags: append(inputFlags(&o.input),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "what to print (输出格式): md (Markdown) or txt (plain text); with --out, its extension decides", Value: "md", Destination: &o.format},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "file to write instead of stdout (文稿): .md, .txt or .docx (公文)", Destination: &o.out},
			&cli.StringFlag{Name: "period", Usage: "part of the year the text reviews (时段): year, Q1, H1, Q3, M1..M12; in-year text speaks of 时序进度", Value: "year", Destination: &o.period},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			o.formatSet = c.IsSet("format")
			return e.runReport(o)
		},
	}
}

func (e *env) runReport(o reportOptions) error {
	if err := checkOut(o.out, o.inputs()...); err != nil {
		return err
	}
	format, err := textFormat(o.format, o.formatSet, o.out, reportOuts)
	if err != nil {
		return err
	}
	o.format = format
	period, err := eval.ParsePeriod(o.period)
	if err != nil {
		return badPeriod(o.period)
	}
	a, _, err := e.evaluation(o.input, period)
	if err != nil {
		return err
	}
	if o.out == "" {
		return writeSafe(e.stdout, func(w io.Writer) error { return view.WriteReview(w, a, o.format) })
	}
	return writeAtomic(o.out, func(w io.Writer) error { return writeReport(w, a, o.format) })
}

// inputs are the files evaluate and report read, by the flag that names
// them.
func (o input) inputs() []namedInput {
	return []namedInput{{"in", o.in}, {"rules", o.rules}, {"map", o.mapping}}
}

// textFormat is what a text command (report, bulletin) writes: --format
// (md or txt), or with --out the format of its extension, which a --format
// given must agree with.
func textFormat(format string, formatSet bool, out string, kinds []outKind) (string, error) {
	if format != "md" && format != "txt" {
		return "", flagErrorf("format", "%s 的值 %q 无效（可用 md、txt）。", format)
	}
	if out == "" {
		return format, nil
	}
	outFmt, err := outFormat(out, kinds, "")
	if err != nil {
		return "", err
	}
	if err := agree(format, formatSet, out, outFmt); err != nil {
		return "", err
	}
	return outFmt, nil
}
