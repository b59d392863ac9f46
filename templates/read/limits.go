package read

import "github.com/attain-tool/attain/templates/internal/xlsxscan"

// This file holds every bound on what reading one file may cost, in one
// table, so that a hostile file (a zip bomb, a cell in column XFD on every
// row, sixty megabytes of empty shared strings, a CSV of half a gigabyte)
// is refused with a Chinese message before the memory is spent, and a
// reader's cost can be stated: memory grows with the cells present, up to
// these bounds, never with a sheet's last column.
//
//	bound                        one unit's table     a city's workbook   beyond it
//	unpacked package (declared)  64 MiB               2 GiB               refused
//	one XML token (tag or text)  4 MiB                4 MiB               refused
//	shared strings               1,048,576 items      1,048,576 items     refused
//	shared-string text           32 MiB               256 MiB             refused
//	merged ranges of a sheet     65,536               65,536              refused
//	cells merged ranges cover    16,777,216           16,777,216          refused
//	grid rows × columns          20,000 × 256         20,000 × 256        cut, with a warning
//	grid cells, rows counted     2,097,152            2,097,152           refused
//	  to their last cell
//	CSV file                     16 MiB               256 MiB             refused
//
// One unit's table is the input template, a bureau's own workbook or CSV
// (Read, ReadActuals, ImportActuals); a city's workbook (or a CSV file of
// a long table) is read by ReadUnits and ReadTargets, whose long tables
// stream row by row and are
// never held as a grid (their sheets in the template's layout are, one at
// a time). The grid bounds apply to every sheet held as a grid: the cells
// of all sheets of one workbook draw on one budget of grid cells.

// limits are the bounds of one read.
type limits struct {
	scan xlsxscan.Limits
	// gridRows and gridCols bound the rows and columns a sheet's grid
	// holds; cells beyond them are left out with a warning.
	gridRows, gridCols int
	// gridCells bounds the cells the grids of one workbook hold, each row
	// counted from column A to its last cell within gridCols.
	gridCells int
	// csvBytes bounds a CSV file.
	csvBytes int
}

// tableLimits bound one unit's table: the input template, a bureau's
// workbook or CSV.
var tableLimits = limits{
	scan: xlsxscan.Limits{
		Unzip:             64 << 20,
		Token:             4 << 20,
		SharedStrings:     1 << 20,
		SharedStringBytes: 32 << 20,
		MergeCells:        1 << 16,
		MergeArea:         1 << 24,
	},
	gridRows:  20000,
	gridCols:  256,
	gridCells: 2 << 20,
	csvBytes:  16 << 20,
}

// cityLimits bound a multi-unit workbook and a targets table: a long
// table of 3,000 units × 50 indicators is about 60 MiB of sheet XML.
var cityLimits = limits{
	scan: xlsxscan.Limits{
		Unzip:             UnzipLimit,
		Token:             4 << 20,
		SharedStrings:     1 << 20,
		SharedStringBytes: 256 << 20,
		MergeCells:        1 << 16,
		MergeArea:         1 << 24,
	},
	gridRows:  20000,
	gridCols:  256,
	gridCells: 2 << 20,
	csvBytes:  256 << 20,
}

// UnzipLimit is what a multi-unit workbook may unpack to (cityLimits).
// UnzipXMLLimit is, for a test or benchmark that reads such a workbook
// with excelize for reference, the sheet XML excelize may hold in memory
// (above it, excelize spills to a temporary file).
const (
	UnzipLimit    = 2 << 30
	UnzipXMLLimit = 512 << 20
)
