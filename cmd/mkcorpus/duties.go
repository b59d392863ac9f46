package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/attain-tool/attain/templates/fixture"
)

// writeDuties writes the 任务分解表 files the reader is tested on into the
// folder duties beside the corpus (templates/read/testdata/duties): the
// illustrative 2019 table as a workbook in the 杭州 style and as a numbered
// text list with inline labels. An unchanged file is not rewritten.
func writeDuties(corpus string) error {
	dir := filepath.Join(filepath.Dir(corpus), "duties")
	book, err := fixture.DutiesTable2019()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"hongqi-2019-duties.xlsx": book,
		"hongqi-2019-duties.txt":  fixture.DutiesText2019(),
	} {
		path := filepath.Join(dir, name)
		if old, err := os.ReadFile(path); err == nil && fixture.CorpusSameContent(old, data, "") {
			continue
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", path)
	}
	return nil
}
