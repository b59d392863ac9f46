package main

import (
	"fmt"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is attain's version, set when it is built for release:
//
//	go build -ldflags "-X main.version=v1.2.0" ./cmd/attain
//
// Otherwise it is taken from the build (versionString).
var version = "dev"

func init() {
	// cli's version flag and printer are package variables: set once, here.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version (版本) and exit"}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintln(c.App.Writer, "attain "+c.App.Version) }
}

// versionString is the version attain says it is: the one set with
// -ldflags, else the module's version that go install recorded
// (v1.2.0), else the commit it was built from (vcs.revision, "+dirty"
// when the work tree had changes), else "dev".
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if version != "dev" || !ok {
		return version
	}
	return buildVersion(info)
}

// buildVersion is the version recorded in info, or "dev".
func buildVersion(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "dev-" + rev + dirty
}
