package xlsxscan

import (
	"testing"

	"github.com/attain-tool/attain/templates/cell"
)

// TestRefAgreesWithCell holds the scanner's private reference writer equal
// to the cell package's, which every other room uses.
func TestRefAgreesWithCell(t *testing.T) {
	for _, row := range []int{1, 2, 1048576} {
		for col := 0; col < cell.MaxCols; col++ {
			if got, want := Ref(col, row), cell.A1(col, row); got != want {
				t.Fatalf("Ref(%d, %d) = %q, cell.A1 = %q", col, row, got, want)
			}
		}
	}
}
