package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/urfave/cli/v2"
)

// Exit codes, part of the contract (README).
const (
	exitOK    = 0 // done
	exitData  = 1 // the input or the rules are wrong
	exitUsage = 2 // wrong usage
)

// dataError marks a failure caused by the user's files, not by the command
// line: it exits 1. diags, when set, are printed one per line.
type dataError struct {
	msg   string
	diags rules.Diagnostics
}

func (e *dataError) Error() string {
	if len(e.diags) == 0 {
		return e.msg
	}
	if e.msg == "" {
		return e.diags.Error()
	}
	return e.msg + "\n" + e.diags.Error()
}

func dataErrorf(format string, args ...any) error {
	return &dataError{msg: fmt.Sprintf(format, args...)}
}

// usageError marks a wrong command line: it exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// env carries the streams, so that tests need no terminal.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run is the whole program; it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	app := e.app()
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var de *dataError
	if errors.As(err, &de) {
		fmt.Fprintln(stderr, "attain: "+strings.ReplaceAll(de.Error(), "\n", "\nattain: "))
		return exitData
	}
	fmt.Fprintln(stderr, "attain: "+err.Error())
	var ue *usageError
	if !errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'attain --help' for usage.")
	}
	return exitUsage
}

func (e *env) app() *cli.App {
	return &cli.App{
		Name:  "attain",
		Usage: "judge year-end results against the targets of a government work report (政府工作报告目标完成情况评估)",
		Description: "attain reads the actual year-end figures from a workbook, compares them with the targets of\n" +
			"a ruleset (by default the 2019 work report of 红旗区) using exact decimal maths, and writes a\n" +
			"scored Excel assessment. Exit codes: 0 done, 1 the input or rules are wrong, 2 wrong usage.",
		Reader:          e.stdin,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		// Errors are returned to run, which chooses the exit code; cli must
		// not call os.Exit itself.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageErrorf("%v", err)
		},
		Commands: []*cli.Command{
			e.templateCommand(),
			e.evaluateCommand(),
			e.rulesCommand(),
			e.reportCommand(),
			e.extractCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("unknown command %q", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
}

// noArgs rejects positional arguments, which urfave/cli would otherwise
// swallow together with any flag written after them.
func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("%s takes no arguments, got %q (flags go before arguments)", c.Command.Name, c.Args().Slice())
	}
	return nil
}

var rulesFlag = &cli.StringFlag{
	Name:    "rules",
	Aliases: []string{"r"},
	Usage:   "ruleset YAML file (规则集); default: the embedded " + rules.DefaultID,
}
