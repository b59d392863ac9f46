package main

import (
	"io"

	"github.com/attain-tool/attain/templates"
	"github.com/urfave/cli/v2"
)

type templateOptions struct {
	out   string
	rules string
}

func (e *env) templateCommand() *cli.Command {
	var o templateOptions
	return &cli.Command{
		Name:  "template",
		Usage: "write the input workbook the statistics bureau fills (填报表)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "workbook to write (.xlsx)", Required: true, Destination: &o.out},
			withDest(rulesFlag, &o.rules),
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return e.runTemplate(o)
		},
	}
}

func (e *env) runTemplate(o templateOptions) error {
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	return writeAtomic(o.out, func(w io.Writer) error { return templates.WriteTemplate(w, rs) })
}

// withDest copies a shared flag definition and binds it to dst.
func withDest(f *cli.StringFlag, dst *string) *cli.StringFlag {
	g := *f
	g.Destination = dst
	return &g
}
