package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
)

// TestDutiesExampleFresh: the committed examples/hongqi-2019-duties.xlsx
// is what fixture.DutiesTable2019 makes (regenerate with go run
// ./cmd/mkfixtures -examples examples).
func TestDutiesExampleFresh(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join("..", "..", "examples", DutiesExample))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeDutiesExample(dir); err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(filepath.Join(dir, DutiesExample))
	if err != nil {
		t.Fatal(err)
	}
	if !fixture.CorpusSameContent(committed, fresh, "") {
		t.Errorf("examples/%s is stale: run go run ./cmd/mkfixtures -examples examples", DutiesExample)
	}
}
