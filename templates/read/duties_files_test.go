package read

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/rules"
)

// dutiesDir holds the 分解表 files written by cmd/mkcorpus.
var dutiesDir = filepath.Join("testdata", "duties")

// TestDutiesFiles: the committed 分解表 files are what the fixture makes
// (regenerate with go run ./cmd/mkcorpus), and read from disk they give
// every indicator of the default ruleset its lead, with the two tasks the
// ruleset does not judge the only rows unmatched.
func TestDutiesFiles(t *testing.T) {
	book, err := fixture.DutiesTable2019()
	if err != nil {
		t.Fatal(err)
	}
	rs := rules.Default()
	for name, fresh := range map[string][]byte{
		"hongqi-2019-duties.xlsx": book,
		"hongqi-2019-duties.txt":  fixture.DutiesText2019(),
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dutiesDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !fixture.CorpusSameContent(data, fresh, "") {
				t.Errorf("%s is stale: run go run ./cmd/mkcorpus", name)
			}
			d, ds := ReadDuties(name, data, rs)
			if ds.HasErrors() || len(d.ByID) != len(rs.Indicators) || d.Unmatched != 2 || len(d.Unassigned) != 0 {
				t.Errorf("%d of %d indicators, %d rows unmatched, %v without lead: %v", len(d.ByID), len(rs.Indicators),
					d.Unmatched, d.Unassigned, ds)
			}
		})
	}
}
