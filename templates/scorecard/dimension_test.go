package scorecard

import (
	"bytes"
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
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.book(t)
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			streamed, python := fixture.ReadOnlyRows(t, data)
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if n := streamed[sheet]; python && n != len(rows) {
					t.Errorf("%s: openpyxl (read-only) reads %d rows, there are %d", sheet, n, len(rows))
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
				want := cell.UsedRange(len(rows), cols)
				last, ok := strings.CutPrefix(got, "A1:")
				lastCol, lastRow, okA1 := cell.ParseA1(last)
				if got != want && (!ok || !okA1 || lastRow != len(rows) || lastCol < cols-1) {
					t.Errorf("%s: range %s, its cells fill %s", sheet, got, want)
				}
			}
		})
	}
}
