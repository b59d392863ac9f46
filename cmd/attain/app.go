package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/urfave/cli/v2"
)

// Exit codes, part of the contract (README).
const (
	exitOK    = 0 // done
	exitData  = 1 // the input or the rules are wrong, or a file operation failed
	exitUsage = 2 // wrong usage (a usageError)
)

// dataError marks a failure caused by the user's files, not by the command
// line: it exits 1, like every error that is not a usageError. diags, when
// set, are printed one per line.
type dataError struct {
	msg   string
	diags rules.Diagnostics
}

func (e *dataError) Error() string {
	if len(e.diags) == 0 {
		return e.msg
	}
	if e.msg == "" {
		return e.diags.Collapse().Error()
	}
	return e.msg + "\n" + e.diags.Collapse().Error()
}

func dataErrorf(format string, args ...any) error {
	return &dataError{msg: fmt.Sprintf(format, args...)}
}

// env carries the streams, so that tests need no terminal.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// args is the command line without the program name, to name a flag
	// as the user typed it; cmd is the command being run, once known.
	args []string
	cmd  *cli.Command
}

// run is the whole program; it returns the exit code. The code says what
// happened: 2 for an error recognised as wrong usage, 1 for any other.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &recorder{w: stdout}
	e := &env{stdin: stdin, stdout: out, stderr: stderr}
	if len(args) > 1 {
		e.args = args[1:]
	}
	app := e.app()
	err := app.Run(reorder(app, args))
	var ue *usageError
	switch {
	case out.err != nil:
		// A result that could not be printed fails the run, even where the
		// renderer dropped the error.
		fmt.Fprintln(stderr, "attain: 写入标准输出失败："+osReason(out.err))
		return exitData
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "attain: "+safeText(e.usageLine(ue)))
		return exitUsage
	}
	fmt.Fprintln(stderr, "attain: "+strings.ReplaceAll(safeText(err.Error()), "\n", "\nattain: "))
	return exitData
}

// usageLine is a usage error's one line, ending with where to read more.
func (e *env) usageLine(ue *usageError) string {
	help := "attain"
	var flags []cli.Flag
	if e.cmd != nil {
		help, flags = e.cmd.HelpName, e.cmd.Flags
	}
	return ue.text(e.args, flags) + " 运行 " + help + " --help 查看用法"
}

func (e *env) app() *cli.App {
	app := &cli.App{
		Name:  "attain",
		Usage: "judge year-end results against the targets of a government work report (政府工作报告目标完成情况评估)",
		Description: "attain reads the actual year-end figures from a workbook, compares them with the targets of\n" +
			"a ruleset (by default the 2019 work report of 红旗区) using exact decimal maths, and writes a\n" +
			"scored Excel assessment. Exit codes: 0 done, 1 the input or rules are wrong or a file could not\n" +
			"be written, 2 wrong usage.",
		Version:         versionString(),
		Reader:          e.stdin,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		// Errors are returned to run, which chooses the exit code; cli must
		// not call os.Exit itself.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return parseError(err, c.App.Flags)
		},
		Commands: []*cli.Command{
			e.templateCommand(),
			e.evaluateCommand(),
			e.rulesCommand(),
			e.reportCommand(),
			e.bulletinCommand(),
			e.extractCommand(),
			e.serveCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return unknownCommand("", c.Args().First(), c.App.Commands)
			}
			return cli.ShowAppHelp(c)
		},
	}
	e.strict(app.Commands)
	return app
}

// noArgs rejects positional arguments, which urfave/cli would otherwise
// swallow together with any flag written after them.
func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("%s 不接受 %s（参数写成 --名称 值）。", commandName(c), quoted(c.Args().Slice()))
	}
	return nil
}

// commandName is the command being run as typed after "attain":
// "evaluate", "rules check".
func commandName(c *cli.Context) string {
	return strings.TrimPrefix(c.Command.HelpName, c.App.HelpName+" ")
}

// quoted lists args quoted, one space apart.
func quoted(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = strconv.Quote(a)
	}
	return strings.Join(q, " ")
}

var rulesFlag = &cli.StringFlag{
	Name:    "rules",
	Aliases: []string{"r"},
	Usage:   "ruleset YAML file (规则集); default: the embedded " + rules.DefaultID,
}
