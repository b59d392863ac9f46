package templates

import (
	"strconv"

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
		ref := "A1"
		if len(rows) > 1 || cols > 1 {
			ref += ":" + cell.ColName(max(cols, 1)-1) + strconv.Itoa(max(len(rows), 1))
		}
		if err := f.SetSheetDimension(sheet, ref); err != nil {
			return err
		}
	}
	return nil
}
