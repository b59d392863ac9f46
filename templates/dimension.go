package templates

import (
	"github.com/attain-tool/attain/templates/cell"

	"github.com/xuri/excelize/v2"
)

// setDimensions records each sheet's used range from its cells, which
// excelize leaves at A1: openpyxl in read-only mode reads a sheet only as
// far as its range says (templates/scorecard does the same for the
// scorecards, in a room this one does not reach).
func setDimensions(f *excelize.File) error {
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		if err := f.SetSheetDimension(sheet, cell.UsedRange(len(rows), cols)); err != nil {
			return err
		}
	}
	return nil
}
