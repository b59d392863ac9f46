package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// urfave/cli v2 stops reading flags at the first positional argument: in
// "attain rules check FILE --rules x.yaml" it would take --rules and
// x.yaml for two more files. reorder moves every flag, with its value, to
// before the positional arguments, to the command of the line that
// defines it (the nearest from the end: "rules check --rules x.yaml FILE"
// becomes "rules --rules x.yaml check FILE", since --rules is a flag of
// rules), so that flags may be written before or after the arguments.
//
// A flag's value stays with it: a flag that takes a value and is written
// without "=" takes the next word, whatever it looks like. "--" ends the
// flags: what follows it stays an argument and keeps its "--". A line
// whose command is not known is left as it is, for cli to name the
// command; so is a flag no command of the line defines, which stays where
// cli reports it.

// cmdLevel is one command of the line being reordered: the app itself,
// a command, a subcommand.
type cmdLevel struct {
	word  string // as typed; "" for the app
	flags []cli.Flag
	subs  []*cli.Command
	out   []string // the flags given to it, with their values
}

// reorder returns args (the program name first) with the flags before the
// positional arguments; app is the application, not yet run.
func reorder(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	levels := []*cmdLevel{{flags: app.Flags, subs: app.Commands}}
	var pos []string
	dashes := false
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		cur := levels[len(levels)-1]
		switch {
		case a == "--":
			pos, dashes = append(pos, rest[i+1:]...), true
			i = len(rest)
		case len(a) > 1 && a[0] == '-':
			at, takes := flagLevel(levels, a)
			group := []string{a}
			if takes && !strings.Contains(a, "=") && i+1 < len(rest) {
				group = append(group, rest[i+1])
				i++
			}
			levels[at].out = append(levels[at].out, group...)
		case len(pos) == 0 && len(cur.subs) > 0:
			c := findCommand(cur.subs, a)
			if c == nil {
				return args // an unknown command: cli names it
			}
			levels = append(levels, &cmdLevel{word: a, flags: c.Flags, subs: c.Subcommands})
		default:
			pos = append(pos, a)
		}
	}
	out := []string{args[0]}
	for _, l := range levels {
		if l.word != "" {
			out = append(out, l.word)
		}
		out = append(out, l.out...)
	}
	if dashes || slices.ContainsFunc(pos, func(p string) bool { return len(p) > 1 && p[0] == '-' }) {
		out = append(out, "--")
	}
	return append(out, pos...)
}

// flagLevel returns the index of the level a flag word (-f, --out=x)
// belongs to, the nearest to the end that defines it (the last when none
// does), and whether the flag takes a value. help is every command's, and
// version the app's: cli adds them when it runs.
func flagLevel(levels []*cmdLevel, word string) (int, bool) {
	name, _, _ := strings.Cut(strings.TrimLeft(word, "-"), "=")
	last := len(levels) - 1
	if name == "help" || name == "h" {
		return last, false
	}
	for i := last; i >= 0; i-- {
		if f := findFlag(levels[i].flags, name); f != nil {
			v, ok := f.(interface{ TakesValue() bool })
			return i, ok && v.TakesValue()
		}
	}
	if name == "version" || name == "v" {
		return 0, false
	}
	return last, false
}

// findCommand returns the command of cmds called name (or an alias).
func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if slices.Contains(c.Names(), name) {
			return c
		}
	}
	return nil
}
