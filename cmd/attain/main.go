// Command attain judges a district's year-end figures against the targets of
// its government work report and writes a scored Excel assessment.
//
// This package holds only the command line: flags, files and exit codes.
// The work is done by the rules, eval, templates and seeds packages.
package main

import (
	"os"
	"runtime"
)

func main() { os.Exit(run(launchArgs(runtime.GOOS, os.Args), os.Stdin, os.Stdout, os.Stderr)) }
