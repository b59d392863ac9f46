package scorecard

import (
	"bytes"
	"io"
	"strconv"

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
// placeholder replaced once its rows are counted (cityDimensions).

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
		if err := f.SetSheetDimension(sheet, dimensionRef(len(rows), cols)); err != nil {
			return err
		}
	}
	return nil
}

// dimensionRef is the range of rows × cols cells from A1: "A1" for none.
func dimensionRef(rows, cols int) string {
	if rows <= 1 && cols <= 1 {
		return "A1"
	}
	return "A1:" + cell.ColName(max(cols, 1)-1) + strconv.Itoa(max(rows, 1))
}

// cityDimPlaceholder is the range a streamed sheet starts with, as excelize
// encodes it; cityDimensions replaces it.
const cityDimPlaceholder = "A1:XFD1048576"

var cityDimElement = []byte(`<dimension ref="` + cityDimPlaceholder + `"></dimension>`)

// cityDimWriter passes a sheet's part through, its placeholder range
// replaced by ref (asked for once the part is being written, when its rows
// are counted).
type cityDimWriter struct {
	w       io.Writer
	ref     func() string
	pending []byte
	done    bool
}

func (d *cityDimWriter) Write(p []byte) (int, error) {
	if d.done {
		return d.w.Write(p)
	}
	d.pending = append(d.pending, p...)
	i := bytes.Index(d.pending, cityDimElement)
	if i < 0 {
		if len(d.pending) < 64<<10 {
			return len(p), nil // the range comes in the first bytes
		}
		d.done = true // none: pass it all through
		_, err := d.w.Write(d.pending)
		d.pending = nil
		return len(p), err
	}
	d.done = true
	var b bytes.Buffer
	b.Write(d.pending[:i])
	b.WriteString(`<dimension ref="` + d.ref() + `"></dimension>`)
	b.Write(d.pending[i+len(cityDimElement):])
	d.pending = nil
	_, err := d.w.Write(b.Bytes())
	return len(p), err
}

// flush writes what is still held, had the range not been found.
func (d *cityDimWriter) flush() error {
	if d.done || len(d.pending) == 0 {
		return nil
	}
	d.done = true
	_, err := d.w.Write(d.pending)
	d.pending = nil
	return err
}
