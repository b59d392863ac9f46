package main

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// Wrong usage is recognised where it happens, never assumed: a flag that
// cli cannot parse (OnUsageError), a required flag missing (checked here,
// not by cli), a value or a combination a command refuses, a command that
// does not exist. Each is a usageError: one line on stderr, nothing on
// stdout, exit 2. Every other error exits 1 (see run).

// usageError marks a wrong command line: it exits 2. flag, when set, holds
// the names of the flag at fault (the canonical one first); format's first
// verb is that flag as the user typed it, then come args.
type usageError struct {
	flag []string
	// more, when set, holds the names of a second flag the message names,
	// shown as typed after the first.
	more   []string
	format string
	args   []any
}

func (e *usageError) Error() string { return e.text(nil, nil) }

// text renders the message, naming the flag as it is written in args (the
// command line without the program name); flags supplies the aliases of
// a flag known by its canonical name only.
func (e *usageError) text(args []string, flags []cli.Flag) string {
	if e.flag == nil {
		return fmt.Sprintf(e.format, e.args...)
	}
	typed := []any{typedFlag(args, e.aliases(e.flag, flags))}
	if e.more != nil {
		typed = append(typed, typedFlag(args, e.aliases(e.more, flags)))
	}
	return fmt.Sprintf(e.format, append(typed, e.args...)...)
}

// aliases returns every name of the flag called names, looked up in flags
// when only its canonical name is known.
func (e *usageError) aliases(names []string, flags []cli.Flag) []string {
	if len(names) == 1 {
		if f := findFlag(flags, names[0]); f != nil {
			return f.Names()
		}
	}
	return names
}

func usageErrorf(format string, args ...any) error {
	return &usageError{format: format, args: args}
}

// flagErrorf is a usage error about the flag named name: format's first %s
// shows it as the user typed it ("-f" or "--format").
func flagErrorf(name, format string, args ...any) error {
	return &usageError{flag: []string{name}, format: format, args: args}
}

// typedFlag returns how the flag with these names is written in args:
// "--format", "-f", "-format" (cli accepts one dash or two); "--name" when
// it is not there.
func typedFlag(args, names []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		written, _, _ := strings.Cut(a, "=")
		if slices.Contains(names, strings.TrimLeft(written, "-")) {
			return written
		}
	}
	return dashed(names[0])
}

// dashed writes a flag name the way help shows it.
func dashed(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// The errors of Go's flag package, which cli passes on as they are.
var (
	reUnknownFlag = regexp.MustCompile(`^flag provided but not defined: -(.*)$`)
	reNoValue     = regexp.MustCompile(`^flag needs an argument: -(.*)$`)
	reBadValue    = regexp.MustCompile(`^invalid value (".*") for flag -(\S+): `)
	reBadBool     = regexp.MustCompile(`^invalid boolean value (".*") for -(\S+): `)
	reBadSyntax   = regexp.MustCompile(`^bad flag syntax: (.*)$`)
	reTwoForms    = regexp.MustCompile(`^Cannot use two forms of the same flag: (\S+) (\S+)$`)
)

// parseError turns an error of cli's flag parsing into a usageError; flags
// are the flags of the command being parsed.
func parseError(err error, flags []cli.Flag) error {
	msg := err.Error()
	if m := reUnknownFlag.FindStringSubmatch(msg); m != nil {
		if s := closest(m[1], flagNames(flags)); s != "" {
			return &usageError{flag: []string{m[1]}, format: "未知参数 %s，是不是 %s？", args: []any{dashed(s)}}
		}
		return &usageError{flag: []string{m[1]}, format: "未知参数 %s。"}
	}
	if m := reNoValue.FindStringSubmatch(msg); m != nil {
		return &usageError{flag: namesOf(flags, m[1]), format: "%s 缺少值。"}
	}
	if m := reBadBool.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[1])
		return &usageError{flag: namesOf(flags, m[2]), format: "%s 是开关，不带值（或写 =true、=false），收到 %q。", args: []any{v}}
	}
	if m := reBadValue.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[1])
		want := "无效"
		switch findFlag(flags, m[2]).(type) {
		case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Uint64Flag:
			want = "不是整数"
		case *cli.Float64Flag:
			want = "不是数字"
		}
		return &usageError{flag: namesOf(flags, m[2]), format: "%s 的值 %q " + want + "。", args: []any{v}}
	}
	if m := reTwoForms.FindStringSubmatch(msg); m != nil {
		return usageErrorf("%s 和 %s 是同一个参数，只能给一次。", dashed(m[1]), dashed(m[2]))
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return usageErrorf("参数 %s 的写法不对。", m[1])
	}
	return usageErrorf("命令行有误：%v。", err)
}

// namesOf returns the names of the flag called name, or just name.
func namesOf(flags []cli.Flag, name string) []string {
	if f := findFlag(flags, name); f != nil {
		return f.Names()
	}
	return []string{name}
}

// flagNames lists the names one would suggest: no single letters.
func flagNames(flags []cli.Flag) []string {
	var names []string
	for _, f := range flags {
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue
		}
		for _, n := range f.Names() {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
	}
	return names
}

// unknownCommand is the usage error for a command that does not exist;
// parent is "" or the command it was given to ("rules").
func unknownCommand(parent, name string, cmds []*cli.Command) error {
	var names []string
	for _, c := range cmds {
		if !c.Hidden && c.Name != "help" {
			names = append(names, c.Names()...)
		}
	}
	full := strings.TrimSpace(parent + " " + name)
	if s := closest(name, names); s != "" {
		return usageErrorf("未知命令 %s，是不是 %s？", full, strings.TrimSpace(parent+" "+s))
	}
	if name == "help" {
		return usageErrorf("未知命令 %s，是不是 --help？", full)
	}
	return usageErrorf("未知命令 %s（可用: %s）。", full, strings.Join(names, "、"))
}

// closest returns the name the user most likely meant by typed, or "":
// the only name typed begins, or else the nearest within two edits (a swap
// of neighbours is one) and nearer than half typed's length.
func closest(typed string, names []string) string {
	var prefixed []string
	for _, n := range names {
		if len(typed) >= 2 && strings.HasPrefix(n, typed) {
			prefixed = append(prefixed, n)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(typed, n); d < bestD && 2*d < len([]rune(typed)) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours, each counting one.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// d[i][j] is the distance between s[:i] and t[:j].
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// strict prepares cmds and their subcommands so that each usage error is
// one line and exit 2:
//   - what cli's flag parsing refuses goes through OnUsageError;
//   - required flags are checked here, not by cli, which would print the
//     command's whole help to stdout beside the error;
//   - the command being run is remembered, for the help the line points to
//     and for the aliases of the flag it names.
func (e *env) strict(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			e.cmd = c
			return parseError(err, c.Flags)
		}
		required := takeRequired(c.Flags)
		before := c.Before
		c.Before = func(ctx *cli.Context) error {
			e.cmd = c
			var missing []string
			for _, names := range required {
				if !slices.ContainsFunc(names, ctx.IsSet) {
					missing = append(missing, dashed(names[0]))
				}
			}
			if len(missing) > 0 {
				return usageErrorf("缺少参数 %s。", strings.Join(missing, "、"))
			}
			if before != nil {
				return before(ctx)
			}
			return nil
		}
		e.strict(c.Subcommands)
	}
}

// takeRequired returns the names of the required flags and makes them
// optional for cli, so that strict checks them instead.
func takeRequired(flags []cli.Flag) [][]string {
	var required [][]string
	for _, f := range flags {
		r, ok := f.(cli.RequiredFlag)
		if !ok || !r.IsRequired() {
			continue
		}
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Required = false
		case *cli.IntFlag:
			f.Required = false
		case *cli.BoolFlag:
			f.Required = false
		case *cli.StringSliceFlag:
			f.Required = false
		default:
			panic(fmt.Sprintf("attain: required flag --%s of type %T: add the type to takeRequired", f.Names()[0], f))
		}
		required = append(required, f.Names())
	}
	return required
}
