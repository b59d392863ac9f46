// Command mkfixtures writes the example workbooks kept under examples/, so
// that no binary in the repository is edited by hand:
//
//	go run ./cmd/mkfixtures -examples examples
//
// examples/hongqi-2019-actuals.xlsx is the 2019 input template of 红旗区
// filled with ILLUSTRATIVE figures (templates.ExampleValues2019), marked as
// such in a banner and a cell note. They are not official statistics. A test
// in package templates regenerates the file and compares it cell by cell
// with the committed one, so a stale example fails.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
)

func main() {
	examples := flag.String("examples", "", "write the example workbooks into this folder")
	flag.Parse()
	if *examples == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/mkfixtures -examples DIR")
		os.Exit(2)
	}
	if err := writeExamples(*examples); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

// writeExamples writes every example workbook into dir.
func writeExamples(dir string) error {
	var buf bytes.Buffer
	err := templates.FillTemplate(&buf, rules.Default(), "", templates.ExampleValues2019(), templates.ExampleBanner)
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "hongqi-2019-actuals.xlsx"), buf.Bytes())
}

// writeFile writes data to a temporary file beside name and renames it into
// place, so that a failed run leaves the old file whole.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	fmt.Println("wrote", name)
	return nil
}
