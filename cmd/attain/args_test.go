package main

import (
	"bytes"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

func TestReorder(t *testing.T) {
	tests := []struct {
		name string
		args string // split at spaces; "attain" is added before
		want string
	}{
		{"a flag after the argument", "rules check f.yaml --rules x.yaml", "rules --rules x.yaml check f.yaml"},
		{"a flag before the argument, of the parent", "rules check --rules x.yaml f.yaml", "rules --rules x.yaml check f.yaml"},
		{"the short name", "rules show gdp_growth -r x.yaml", "rules -r x.yaml show gdp_growth"},
		{"with =", "rules show gdp_growth --rules=x.yaml", "rules --rules=x.yaml show gdp_growth"},
		{"already in order", "evaluate --in a.xlsx --format json", "evaluate --in a.xlsx --format json"},
		{"an argument in the middle", "evaluate --in a.xlsx extra --format json", "evaluate --in a.xlsx --format json extra"},
		{"a value that looks like a flag stays with its flag", "evaluate --column -x --in a.xlsx", "evaluate --column -x --in a.xlsx"},
		{"a value that names a command", "rules --rules list list", "rules --rules list list"},
		{"a switch takes no value", "evaluate --units city.xlsx --in c.xlsx", "evaluate --units --in c.xlsx city.xlsx"},
		{"-- ends the flags", "rules check -- -a.yaml --rules r.yaml", "rules check -- -a.yaml --rules r.yaml"},
		{"-- kept before arguments", "rules --rules r.yaml check f.yaml -- -a.yaml", "rules --rules r.yaml check -- f.yaml -a.yaml"},
		{"help stays with its command", "rules check f.yaml --help", "rules check --help f.yaml"},
		{"version is the app's", "evaluate --version", "--version evaluate"},
		{"an unknown flag stays with the command", "rules check f.yaml --strict", "rules check --strict f.yaml"},
		{"an unknown command is left as it is", "evalute x --in a.xlsx", "evalute x --in a.xlsx"},
		{"an unknown subcommand is left as it is", "rules lsit --rules x", "rules lsit --rules x"},
		{"a flag missing its value at the end", "evaluate --in", "evaluate --in"},
		{"stdin as an argument", "rules check - --rules x.yaml", "rules --rules x.yaml check -"},
		{"nothing", "", ""},
	}
	app := (&env{}).app()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"attain"}, strings.Fields(tc.args)...)
			want := append([]string{"attain"}, strings.Fields(tc.want)...)
			if got := reorder(app, args); !slices.Equal(got, want) {
				t.Errorf("reorder(%q)\n got %q\nwant %q", args, got, want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	old := version
	version = "v1.4.0"
	t.Cleanup(func() { version = old })
	var stdout, stderr bytes.Buffer
	for _, flag := range []string{"--version", "-v"} {
		stdout.Reset()
		if code := run([]string{"attain", flag}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
			t.Errorf("attain %s: exit %d: %s", flag, code, stderr.String())
		}
		if stdout.String() != "attain v1.4.0\n" {
			t.Errorf("attain %s printed %q", flag, stdout.String())
		}
	}
}

func TestBuildVersion(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "9264b2b28560eae07e708ccb132c9056b1ca7661"}}
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install of a tag", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"a pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201200227-9264b2b28560"}},
			"v0.0.0-20261201200227-9264b2b28560"},
		{"a checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: rev}, "dev-9264b2b28560"},
		{"a changed checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: append(slices.Clone(rev), debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "dev-9264b2b28560+dirty"},
		{"nothing known", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := buildVersion(&tc.info); got != tc.want {
				t.Errorf("buildVersion = %q, want %q", got, tc.want)
			}
		})
	}
}
