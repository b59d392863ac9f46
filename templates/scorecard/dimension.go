package scorecard

import (
	"github.com/attain-tool/attain/templates/cell"

	"github.com/xuri/excelize/v2"
)

// Every worksheet records its used range (<dimension ref="A1:J21051"/>).
// Excel and LibreOffice look past a wrong one, but readers that stream a
// sheet trust it: openpyxl in read-only mode, the way a large workbook is
// read in Python, reads a sheet whose range says A1 as one cell. excelize
// leaves every sheet at A1 unless told, so the range is set here: from
// the cells of a sheet written whole (setDimensions), and for a streamed
// sheet, whose range the StreamWriter writes before its first row, as a
// placeholder replaced once its rows are counted (cityZip).

// setDimensions sets the used range of every sheet of f but those in
// skip, from its cells.
func setDimensions(f *excelize.File, skip map[string]bool) error {
	for _, sheet := range f.GetSheetList() {
		if skip[sheet] {
			continue
		}
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

// cityDimPlaceholder is the range a streamed sheet starts with; cityZip
// replaces the element, as excelize encodes it, with the sheet's range.
const cityDimPlaceholder = "A1:XFD1048576"

var cityDimElement = []byte(`<dimension ref="` + cityDimPlaceholder + `"></dimension>`)
