package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/attain-tool/attain/rules"
	"github.com/urfave/cli/v2"
)

func (e *env) rulesCommand() *cli.Command {
	var path string
	return &cli.Command{
		Name:  "rules",
		Usage: "list, check or show rulesets (规则集)",
		Flags: []cli.Flag{withDest(rulesFlag, &path)},
		Subcommands: []*cli.Command{
			{
				Name:      "list",
				Usage:     "list the indicators of a ruleset",
				ArgsUsage: " ",
				Action: func(c *cli.Context) error {
					if err := noArgs(c); err != nil {
						return err
					}
					return e.rulesList(path)
				},
			},
			{
				Name:      "check",
				Usage:     "check a ruleset file and list every problem with file:line:col",
				ArgsUsage: "FILE.yaml",
				Action: func(c *cli.Context) error {
					file, err := oneArg(c, "FILE.yaml")
					if err != nil {
						return err
					}
					return e.rulesCheck(file)
				},
			},
			{
				Name:      "show",
				Usage:     "show one indicator of a ruleset",
				ArgsUsage: "ID",
				Action: func(c *cli.Context) error {
					id, err := oneArg(c, "ID")
					if err != nil {
						return err
					}
					return e.rulesShow(path, id)
				},
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return unknownCommand("rules", c.Args().First(), c.Command.Subcommands)
			}
			return e.rulesList(path)
		},
	}
}

// oneArg takes exactly one positional argument and refuses flags written
// after it, which urfave/cli v2 would silently treat as arguments.
func oneArg(c *cli.Context, name string) (string, error) {
	args := c.Args().Slice()
	if len(args) != 1 {
		return "", usageErrorf("%s 要一个 %s，收到 %d 个。", commandName(c), name, len(args))
	}
	if strings.HasPrefix(args[0], "-") {
		return "", usageErrorf("%s：%s 是参数，要写在 %s 前面。", commandName(c), args[0], name)
	}
	return args[0], nil
}

func (e *env) rulesList(path string) error {
	rs, err := loadRules(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s  %s %d  %s\n", rs.ID, rs.Entity, rs.Year, rs.Title)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tcategory\tname\ttarget\tweight")
	for _, ind := range rs.Indicators {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ind.ID, ind.Category, ind.Name, ind.Target.Text, ind.Weight)
	}
	return tw.Flush()
}

func (e *env) rulesCheck(file string) error {
	src, err := readInput(file)
	if err != nil {
		return err
	}
	rs, diags := rules.Parse(file, src)
	if diags.HasErrors() {
		return &dataError{diags: diags}
	}
	printWarnings(e.stderr, diags)
	fmt.Fprintf(e.stdout, "%s: 规则集 %s 有效，%d 个指标，总权重 %s\n", file, rs.ID, len(rs.Indicators), rs.TotalWeight())
	return nil
}

func (e *env) rulesShow(path, id string) error {
	rs, err := loadRules(path)
	if err != nil {
		return err
	}
	ind := rs.Indicator(id)
	if ind == nil {
		var ids []string
		for _, i := range rs.Indicators {
			ids = append(ids, i.ID)
		}
		return dataErrorf("规则集 %s 中没有指标 %q（可用: %s）", rs.ID, id, strings.Join(ids, ", "))
	}
	w := e.stdout
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-14s %s\n", k+":", v)
		}
	}
	line("id", ind.ID)
	line("name", ind.Name)
	line("aliases", strings.Join(ind.Aliases, ", "))
	line("category", string(ind.Category))
	line("group", ind.Group)
	line("measure", string(ind.Measure))
	line("unit", ind.Unit)
	line("level_unit", ind.LevelUnit)
	line("precision", fmt.Sprint(ind.Precision))
	line("polarity", string(ind.Polarity))
	line("target", fmt.Sprintf("%s (%s)", ind.Target.Text, ind.Target.Kind))
	if ind.Target.Kind != rules.Positive && ind.Target.Kind != rules.Verdict && ind.Target.Kind != rules.ByDate && ind.Target.Kind != rules.InStep {
		line("bound", rs.Bound(ind).String())
	}
	if ind.Baseline.Level.Valid {
		line("baseline", ind.Baseline.Level.Decimal.String()+" "+ind.LevelUnit)
	}
	if ind.Baseline.Growth.Valid {
		line("baseline_growth", ind.Baseline.Growth.Decimal.String()+"%")
	}
	line("derive_growth", fmt.Sprint(ind.DeriveGrowth))
	line("weight", ind.Weight.String())
	line("scoring", string(ind.Scoring.Method))
	line("quote", ind.Quote)
	line("note", ind.Note)
	line("declared at", ind.Pos.String())
	return nil
}
