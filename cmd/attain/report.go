package main

import (
	"io"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/view"
	"github.com/urfave/cli/v2"
)

type reportOptions struct {
	input
	out    string
	format string
}

func (e *env) reportCommand() *cli.Command {
	var o reportOptions
	return &cli.Command{
		Name:  "report",
		Usage: "write the draft review paragraphs for the evaluated year (工作回顾文稿)",
		Flags: append(inputFlags(&o.input),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "md or txt", Value: "md", Destination: &o.format},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "file to write instead of stdout", Destination: &o.out},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return e.runReport(o)
		},
	}
}

func (e *env) runReport(o reportOptions) error {
	if o.format != "md" && o.format != "txt" {
		return flagErrorf("format", "%s 的值 %q 无效（可用 md、txt）。", o.format)
	}
	if err := checkOut(o.in, o.out); err != nil {
		return err
	}
	a, _, err := e.evaluation(o.input, eval.Year)
	if err != nil {
		return err
	}
	if o.out == "" {
		return view.WriteReview(e.stdout, a, o.format)
	}
	return writeAtomic(o.out, func(w io.Writer) error { return view.WriteReview(w, a, o.format) })
}
