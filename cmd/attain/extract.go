package main

import (
	"bytes"
	"io"

	"github.com/attain-tool/attain/seeds"
	"github.com/urfave/cli/v2"
)

type extractOptions struct {
	in     string
	out    string
	format string
	entity string
	year   int
}

func (e *env) extractCommand() *cli.Command {
	var o extractOptions
	return &cli.Command{
		Name:  "extract",
		Usage: "draft a ruleset from the text of a work report (从政府工作报告提取目标)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "in", Aliases: []string{"i"}, Usage: "the report as plain UTF-8 text (.txt)", Required: true, Destination: &o.in},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "draft ruleset to write (.yaml); default: print it", Destination: &o.out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "yaml or json", Value: "yaml", Destination: &o.format},
			&cli.StringFlag{Name: "entity", Usage: "the government the report is of (default: guessed from the text)", Destination: &o.entity},
			&cli.IntFlag{Name: "year", Usage: "the year the targets are for (default: guessed from the text)", Destination: &o.year},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return e.runExtract(o)
		},
	}
}

func (e *env) runExtract(o extractOptions) error {
	if o.format != "yaml" && o.format != "json" {
		return flagErrorf("format", "%s 的值 %q 无效（可用 yaml、json）。", o.format)
	}
	if err := checkOut(o.in, o.out); err != nil {
		return err
	}
	src, err := readInput(o.in)
	if err != nil {
		return err
	}
	draft, diags := seeds.Extract(o.in, src, seeds.Options{Entity: o.entity, Year: o.year})
	if diags.HasErrors() {
		return &dataError{diags: diags}
	}
	printWarnings(e.stderr, diags)
	var text []byte
	if o.format == "json" {
		text, err = draft.JSON()
	} else {
		text, err = draft.YAML()
	}
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = e.stdout.Write(text)
		return err
	}
	return writeAtomic(o.out, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(text))
		return err
	})
}
