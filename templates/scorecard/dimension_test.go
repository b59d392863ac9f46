package scorecard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// TestDimensions finds every sheet's recorded used range equal to the
// cells it holds, in the scorecard of one unit and in city scorecards
// with a 明细 sheet per unit, one long 明细, and 明细 continued on 明细(2):
// readers that stream a sheet (openpyxl in read-only mode) read as far as
// the range says, and excelize alone leaves it at A1.
func TestDimensions(t *testing.T) {
	city := func(n int, rows int) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			if rows > 0 {
				defer func(n int) { cityMaxRows = n }(cityMaxRows)
				cityMaxRows = rows
			}
			def := rules.Default()
			units, diags := read.ReadUnitsPacked("units.xlsx", cityBook7(t, def, n, 7), def, read.UnitsOptions{})
			var buf bytes.Buffer
			if _, err := WriteCityScorecardStream(&buf, units, CityStreamOptions{Problems: diags,
				Scorecard: ScorecardOptions{Evaluated: cityTestDate}}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	tests := []struct {
		name string
		book func(t *testing.T) []byte
	}{
		{"one unit", func(t *testing.T) []byte {
			var buf bytes.Buffer
			if err := WriteScorecard(&buf, fixture.Assessment(t), ScorecardOptions{Evaluated: fixture.Evaluated}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}},
		{"city, a sheet per unit", city(6, 0)},
		{"city, long 明细", city(40, 0)},
		{"city, 明细 continued", city(40, 60)},
		{"city judged whole", func(t *testing.T) []byte {
			def := rules.Default()
			units, _ := read.ReadUnits("units.xlsx", cityBook7(t, def, 12, 7), def, read.UnitsOptions{})
			var buf bytes.Buffer
			if err := WriteCityScorecard(&buf, eval.EvaluateUnits(units, eval.Options{}), ScorecardOptions{Evaluated: cityTestDate}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}},
	}
	python := exec.Command(systemPython, "-c", "import openpyxl").Run() == nil
	if !python && os.Getenv("ATTAIN_REQUIRE_OPENPYXL") == "1" {
		t.Fatalf("%s with openpyxl is required under ATTAIN_REQUIRE_OPENPYXL=1", systemPython)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.book(t)
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			streamed := map[string]string{} // rows openpyxl read, read-only
			if python {
				name := filepath.Join(t.TempDir(), "card.xlsx")
				if err := os.WriteFile(name, data, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(systemPython, "-c", dimReadOnly, name).CombinedOutput()
				if err != nil {
					t.Fatalf("openpyxl: %v\n%s", err, out)
				}
				for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
					sheet, n, _ := strings.Cut(l, "\t")
					streamed[sheet] = n
				}
			}
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if n := streamed[sheet]; python && n != strconv.Itoa(len(rows)) {
					t.Errorf("%s: openpyxl (read-only) reads %s rows, there are %d", sheet, n, len(rows))
				}
				cols := 0
				for _, r := range rows {
					cols = max(cols, len(r))
				}
				got, err := f.GetSheetDimension(sheet)
				if err != nil {
					t.Fatal(err)
				}
				// A streamed row may end in empty cells that carry a
				// style: the range may be wider than the text.
				want := dimensionRef(len(rows), cols)
				last, ok := strings.CutPrefix(got, "A1:")
				lastCol, lastRow, okA1 := cell.ParseA1(last)
				if got != want && (!ok || !okA1 || lastRow != len(rows) || lastCol < cols-1) {
					t.Errorf("%s: range %s, its cells fill %s", sheet, got, want)
				}
			}
		})
	}
}

// dimReadOnly prints each sheet's name and the rows openpyxl reads of it
// in read-only mode, up to the last with a value.
const dimReadOnly = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb.worksheets:
    last = 0
    for i, row in enumerate(ws.iter_rows(values_only=True), 1):
        if any(v is not None for v in row):
            last = i
    print(ws.title + "\t" + str(last))
`
