package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/view"
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
				Usage:     "check ruleset files (FILE.yaml, or the one --rules names) and list every problem with file:line:col",
				ArgsUsage: "FILE.yaml...",
				Action: func(c *cli.Context) error {
					files := c.Args().Slice()
					if path != "" && !slices.ContainsFunc(files, func(f string) bool { return sameFile(f, path) }) {
						files = append(files, path)
					}
					if len(files) == 0 {
						return usageErrorf("%s 要一个 FILE.yaml（或 --rules FILE.yaml）。", commandName(c))
					}
					return e.rulesCheck(files)
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
	rows := [][]string{{"id", "category", "name", "target", "weight"}}
	for _, ind := range rs.Indicators {
		rows = append(rows, []string{ind.ID, string(ind.Category), ind.Name, ind.Target.Text, ind.Weight.String()})
	}
	return writeSafe(e.stdout, func(w io.Writer) error {
		fmt.Fprintf(w, "%s  %s %d  %s\n", rs.ID, rs.Entity, rs.Year, rs.Title)
		return writeColumns(w, rows)
	})
}

// writeColumns writes rows as columns two spaces apart, aligned by display
// width: a Chinese character takes two columns of a terminal, as
// view.DisplayWidth counts, where tabwriter would count one.
func writeColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], view.DisplayWidth(c))
		}
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-view.DisplayWidth(c)+2))
			}
		}
		fmt.Fprintln(bw, b.String())
	}
	return bw.Flush()
}

// rulesCheck checks each file; every problem of every file is listed,
// and the run fails when one file has an error.
func (e *env) rulesCheck(files []string) error {
	var bad []error
	for _, file := range files {
		src, err := readFile(file, "规则文件 ")
		if err != nil {
			bad = append(bad, err)
			continue
		}
		rs, diags := rules.Parse(file, src)
		if diags.HasErrors() {
			bad = append(bad, &dataError{diags: diags})
			continue
		}
		printWarnings(e.stderr, diags)
		line := fmt.Sprintf("%s: 规则集 %s 有效，%d 个指标，总权重 %s", file, rs.ID, len(rs.Indicators), rs.TotalWeight())
		fmt.Fprintln(e.stdout, safeText(line))
	}
	if len(bad) == 0 {
		return nil
	}
	msgs := make([]string, len(bad))
	for i, err := range bad {
		msgs[i] = err.Error()
	}
	return &dataError{msg: strings.Join(msgs, "\n")}
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
	sw := &safeWriter{w: e.stdout} // names and quotes are the ruleset author's text
	w := io.Writer(sw)
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
	return sw.Flush()
}
