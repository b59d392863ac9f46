package main

import (
	"path/filepath"

	"github.com/attain-tool/attain/templates/fixture"
)

// DutiesExample is the example 任务分解表 under examples/: the 2019 report's
// tasks with ILLUSTRATIVE departments (fixture.DutiesTable2019), not an
// official document.
const DutiesExample = "hongqi-2019-duties.xlsx"

// writeDutiesExample writes the example 分解表 into dir.
func writeDutiesExample(dir string) error {
	data, err := fixture.DutiesTable2019()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, DutiesExample), data)
}
