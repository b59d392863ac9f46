package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/read"
	"github.com/urfave/cli/v2"
)

type templateOptions struct {
	out   string
	rules string
	force bool
}

func (e *env) templateCommand() *cli.Command {
	var o templateOptions
	return &cli.Command{
		Name:  "template",
		Usage: "write the input workbook the statistics bureau fills (填报表)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "workbook to write (填报表, .xlsx); a blank template there is replaced, a filled one kept", Required: true, Destination: &o.out},
			withDest(rulesFlag, &o.rules),
			&cli.BoolFlag{Name: "force", Usage: "replace --out even when it holds figures or is not attain's template (覆盖)", Destination: &o.force},
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
	if err := checkOut(o.out, namedInput{"rules", o.rules}); err != nil {
		return err
	}
	if _, err := outFormat(o.out, templateOuts, ""); err != nil {
		return err
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	if !o.force {
		if err := keepFilled(o.out, rs); err != nil {
			return err
		}
	}
	return writeAtomic(o.out, func(w io.Writer) error { return templates.WriteTemplate(w, rs) })
}

// keepFilled refuses to replace a workbook that holds figures: a template
// someone has filled in, or a table of their own. A blank template of rs
// (its prefilled baselines are no one's figures) may be replaced, and an
// empty file; a file that does not read as a workbook of figures at all is
// not attain's to replace either. --force skips the check.
func keepFilled(path string, rs *rules.Ruleset) error {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return nil // nothing to lose; writeAtomic refuses what is not a file
	}
	data, err := readInput(path)
	if err != nil {
		return err
	}
	var blank bytes.Buffer
	if err := templates.WriteTemplate(&blank, rs); err != nil {
		return err
	}
	type figure struct {
		id    string
		field eval.Field
	}
	prefilled := map[figure]string{} // what a blank template holds
	blankActs, _, _ := read.Read(path, blank.Bytes(), rs, read.ImportOptions{})
	for _, a := range blankActs.Values {
		for _, src := range a.Sources {
			prefilled[figure{a.ID, src.Field}] = figureText(a, src.Field)
		}
	}
	acts, diags, _ := read.Read(path, data, rs, read.ImportOptions{})
	for _, ind := range rs.Indicators {
		a := acts.Values[ind.ID]
		if a == nil {
			continue
		}
		for _, src := range a.Sources {
			if v, ok := prefilled[figure{ind.ID, src.Field}]; ok && v == figureText(a, src.Field) {
				continue
			}
			return dataErrorf("%s 已填有数据（如 %s），不覆盖；要新的空白模板请另起文件名，确实不要了再加 --force",
				path, src.Pos)
		}
	}
	if diags.HasErrors() && !read.IsBlankTemplate(diags) {
		return dataErrorf("%s 已存在，读不出是 attain 的空白填报表（%s），不覆盖；请另起文件名，确实不要了再加 --force",
			path, diags.Errors()[0].Summary)
	}
	return nil
}

// figureText is one figure of a, as text to compare.
func figureText(a *eval.Actual, f eval.Field) string {
	switch f {
	case eval.FieldLevel:
		return a.Level.Decimal.String()
	case eval.FieldPrevLevel:
		return a.PrevLevel.Decimal.String()
	case eval.FieldGrowth:
		return a.Growth.Decimal.String()
	case eval.FieldRank:
		return strconv.Itoa(a.Rank)
	case eval.FieldDone:
		return fmt.Sprint(a.Done != nil && *a.Done)
	}
	return a.Date
}

// withDest copies a shared flag definition and binds it to dst.
func withDest(f *cli.StringFlag, dst *string) *cli.StringFlag {
	g := *f
	g.Destination = dst
	return &g
}
