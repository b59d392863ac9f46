// Command mkfixtures writes the example workbooks kept under examples/, so
// that no binary in the repository is edited by hand:
//
//	go run ./cmd/mkfixtures -examples examples
//
// examples/hongqi-2019-actuals.xlsx is the 2019 input template of 红旗区
// filled with ILLUSTRATIVE figures (fixture.ExampleValues2019), marked as
// such in a banner and a cell note. They are not official statistics. A test
// in package templates regenerates the file and compares it cell by cell
// with the committed one, so a stale example fails.
// examples/hongqi-2019-duties.xlsx is an ILLUSTRATIVE 任务分解表 for the same
// report (fixture.DutiesTable2019), its departments assumed; a test here
// keeps it fresh.
//
// With -units N it writes instead a generated multi-unit long table of N
// units × 50 indicators and the synthetic ruleset it is judged by, the
// input of the scale benchmark, so that the whole command can be timed:
//
//	go run ./cmd/mkfixtures -units 3000 -out /tmp/scale
//	attain evaluate --units --rules /tmp/scale/synthetic-50.yaml --in /tmp/scale/units-3000.xlsx --out city.xlsx
//
// -embedded makes the table report every indicator of the embedded ruleset
// instead (56; no ruleset is written: attain judges by it by default), and
// -csv writes it as CSV, which has no sheet's row limit: 19,000 units × 56
// indicators are 1,064,000 rows, more than one 明细 sheet holds.
//
//	go run ./cmd/mkfixtures -units 19000 -embedded -csv -out /tmp/scale
//	attain evaluate --units --in /tmp/scale/embedded-19000.csv --out city.xlsx
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
)

func main() {
	examples := flag.String("examples", "", "write the example workbooks into this folder")
	units := flag.Int("units", 0, "write a generated long table of this many units × 50 indicators, and its ruleset")
	out := flag.String("out", ".", "folder for -units")
	embedded := flag.Bool("embedded", false, "with -units: every indicator of the embedded ruleset, not 50 synthetic ones")
	asCSV := flag.Bool("csv", false, "with -units: write the table as CSV")
	flag.Parse()
	if (*examples == "") == (*units <= 0) || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/mkfixtures -examples DIR | -units N [-embedded] [-csv] [-out DIR]")
		os.Exit(2)
	}
	var err error
	if *units > 0 {
		err = writeTable(*out, *units, *embedded, *asCSV)
	} else {
		err = writeExamples(*examples)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

// writeExamples writes every example workbook into dir.
func writeExamples(dir string) error {
	var buf bytes.Buffer
	err := templates.FillTemplate(&buf, rules.Default(), "", fixture.ExampleValues2019(), fixture.ExampleBanner)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "hongqi-2019-actuals.xlsx"), buf.Bytes()); err != nil {
		return err
	}
	return writeDutiesExample(dir)
}

// scaleIndicators is the number of indicators of a generated table.
const scaleIndicators = 50

// writeTable writes the table of -units into dir: units-N.xlsx
// (fixture.GenerateUnitsWorkbook) and synthetic-50.yaml
// (fixture.SyntheticRuleset), or with embedded embedded-N.xlsx of the
// embedded ruleset's indicators, and .csv instead of .xlsx with asCSV.
func writeTable(dir string, n int, embedded, asCSV bool) error {
	rs, name, inds := fixture.SyntheticRuleset(scaleIndicators), "units", scaleIndicators
	if embedded {
		rs, name, inds = rules.Default(), "embedded", 0
	} else {
		text, err := rules.Marshal(rs)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, fmt.Sprintf("synthetic-%d.yaml", scaleIndicators)), text); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	gen, ext := fixture.GenerateUnitsWorkbook, "xlsx"
	if asCSV {
		gen, ext = fixture.GenerateUnitsCSV, "csv"
	}
	if err := gen(&buf, rs, n, inds, 2019); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, fmt.Sprintf("%s-%d.%s", name, n, ext)), buf.Bytes())
}

// writeUnits is the scale benchmark's table: writeTable of synthetic
// indicators, as .xlsx.
func writeUnits(dir string, n int) error { return writeTable(dir, n, false, false) }

// writeFile writes data to a temporary file beside name and renames it into
// place, so that a failed run leaves the old file whole.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
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
