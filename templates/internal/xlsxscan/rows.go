package xlsxscan

import (
	"bytes"
	"io"
	"strconv"
	"strings"
)

// A light, read-only view of a worksheet that streams its cells straight
// out of the zip: a long table of 3,000 units × 50 indicators is 150,000
// rows, and excelize's row iterator decodes each cell with encoding/xml's
// reflection, which takes seconds and holds the whole sheet XML in
// memory. This reader scans the few elements a worksheet's cells are made
// of (row, c, v, f, is, t) with a byte scanner, and the merged ranges
// after them, reading the sheet part through the zip's decompressor as it
// goes.
//
// Cell values are those excelize returns with RawCellValue: shared and
// inline strings resolved (with the _xHHHH_ escapes of OOXML undone),
// numbers, booleans (0/1), dates and errors as stored. A cell is given
// when it has a value or a formula, as excelize's Columns does.

// Cell is one cell of a streamed row.
type Cell struct {
	Col     int // 0-based
	Value   string
	Type    string // the t attribute: "", n, s, str, inlineStr, b, d, e
	Style   int
	Formula bool
	// FormulaText is the formula as written (without "="); empty for a
	// cell of a shared formula other than its first.
	FormulaText string
}

// Range is a merged range of cells: columns counted from 0, rows from 1,
// First at or above and left of Last.
type Range struct {
	FirstCol, FirstRow, LastCol, LastRow int
}

// Rows streams the rows of one worksheet, then its merged ranges.
type Rows struct {
	book        *Book
	sheet, part string
	rc          io.ReadCloser
	sc          *xmlScanner
	row         int // number of the last row returned
	done        int // number of the last row read whole
	col         int // column of the cell being read, -1 between cells
	state       int
	closed      bool // the worksheet's end tag was read
	cells       []Cell
	text        []byte
	inline      richText // the is of the cell being read
	merges      []Range
	area        int64
	err         error
}

// The states of Rows.
const (
	rowsBefore = iota // before sheetData
	rowsIn            // in sheetData
	rowsAfter         // after it: merged ranges
	rowsEnd
)

// Rows opens a sheet for streaming. A sheet that is no worksheet (a chart
// sheet) has no rows.
func (b *Book) Rows(sheet string) (*Rows, error) {
	p, err := b.sheetPath(sheet)
	if err != nil {
		return nil, err
	}
	r := &Rows{book: b, sheet: sheet, part: p, col: -1}
	if p == "" {
		r.state = rowsEnd
		return r, nil
	}
	if r.rc, err = b.part(p); err != nil {
		return nil, r.fault(err)
	}
	r.sc = newXMLScanner(r.rc, b.lim.Token)
	return r, nil
}

// Close lets go of the sheet part.
func (r *Rows) Close() {
	if r.rc != nil {
		r.rc.Close()
	}
}

// Merges returns the sheet's merged ranges, once Next has reported the
// end of the sheet.
func (r *Rows) Merges() []Range { return r.merges }

// fault is err with the sheet and the place in it.
func (r *Rows) fault(err error) *Error {
	e := asError(err, r.part)
	if isNoPart(err) {
		e = &Error{Kind: KindPart, Part: r.part, Err: err}
	}
	e.Sheet, e.Row = r.sheet, r.done
	if e.Cell == "" && r.col >= 0 && r.col < MaxCols {
		e.Cell = Ref(r.col, r.row)
	}
	return e
}

// Next returns the next row present in the sheet with its 1-based number
// and its cells (valid until the next call); ok is false at the end of
// the sheet, after its merged ranges have been read (Merges). err, an
// *Error, says where the sheet is damaged; no row follows it.
func (r *Rows) Next() (num int, cells []Cell, ok bool, err error) {
	if r.err != nil {
		return 0, nil, false, r.err
	}
	num, cells, ok, err = r.advance()
	if err != nil {
		r.state = rowsEnd
		e := r.fault(err)
		r.err = e
		return 0, nil, false, e
	}
	return num, cells, ok, nil
}

func (r *Rows) advance() (num int, cells []Cell, ok bool, err error) {
	for r.state < rowsEnd {
		tok, err := r.sc.next()
		if err == io.EOF {
			r.state = rowsEnd
			if !r.closed {
				return 0, nil, false, io.ErrUnexpectedEOF
			}
			return 0, nil, false, nil
		}
		if err != nil {
			return 0, nil, false, err
		}
		switch {
		case tok.kind == xmlEnd && string(tok.name) == "worksheet":
			if r.state == rowsIn { // sheetData never closed
				return 0, nil, false, &Error{Kind: KindSyntax, Value: "</worksheet>"}
			}
			r.closed = true
		case tok.kind == xmlStart && string(tok.name) == "sheetData" && r.state == rowsBefore:
			r.state = rowsIn
			if tok.selfClose {
				r.state = rowsAfter
			}
		case tok.kind == xmlEnd && string(tok.name) == "sheetData":
			r.state = rowsAfter
		case r.state == rowsIn && tok.kind == xmlStart && string(tok.name) == "row":
			return r.startRow(tok)
		case r.state == rowsAfter && tok.kind == xmlStart && string(tok.name) == "mergeCell":
			if err := r.merge(xmlAttrString(tok.attrs, "ref")); err != nil {
				return 0, nil, false, err
			}
		}
	}
	return 0, nil, false, nil
}

// startRow reads a row from its start tag. Rows only move forward, as in
// excelize: a row number that is missing, 0, or not past the last row is
// the next row.
func (r *Rows) startRow(tok xmlToken) (num int, cells []Cell, ok bool, err error) {
	num = r.row + 1
	if v, ok := xmlAttrRaw(tok.attrs, "r"); ok {
		n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || n < 0 {
			return 0, nil, false, &Error{Kind: KindRowNumber, Value: string(v)}
		}
		num = max(n, num)
	}
	if num > MaxRows {
		return 0, nil, false, &Error{Kind: KindRowNumber, Value: strconv.Itoa(num)}
	}
	r.row = num
	r.cells = r.cells[:0]
	if !tok.selfClose {
		if err := r.readRow(); err != nil {
			return 0, nil, false, err
		}
	}
	r.done = num
	return num, r.cells, true, nil
}

// merge takes one merged range, within the limits.
func (r *Rows) merge(ref string) error {
	first, last, _ := strings.Cut(ref, ":")
	if last == "" {
		last = first
	}
	c1, r1, ok1 := parseRef([]byte(first))
	c2, r2, ok2 := parseRef([]byte(last))
	if !ok1 || !ok2 {
		return &Error{Kind: KindCellRef, Value: ref}
	}
	m := Range{FirstCol: min(c1, c2), FirstRow: min(r1, r2), LastCol: max(c1, c2), LastRow: max(r1, r2)}
	if len(r.merges) >= r.book.lim.MergeCells {
		return &Error{Kind: KindLimit, Limit: LimitMergeCells, N: int64(len(r.merges)) + 1}
	}
	r.area += int64(m.LastCol-m.FirstCol+1) * int64(m.LastRow-m.FirstRow+1)
	if r.area > r.book.lim.MergeArea {
		return &Error{Kind: KindLimit, Limit: LimitMergeArea, N: r.area}
	}
	r.merges = append(r.merges, m)
	return nil
}

// readRow reads the cells of a row up to its end tag.
func (r *Rows) readRow() error {
	col := -1
	for {
		tok, err := r.sc.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch {
		case tok.kind == xmlEnd && string(tok.name) == "row":
			return nil
		case unclosed(tok, "row"):
			return &Error{Kind: KindSyntax, Value: tagText(tok)}
		case tok.kind == xmlStart && string(tok.name) == "c":
			c := Cell{Col: col + 1}
			if v, ok := xmlAttrRaw(tok.attrs, "r"); ok && len(v) > 0 {
				n, err := parseColumn(v)
				if err != nil {
					return err
				}
				c.Col = n
			}
			if c.Col >= MaxCols {
				return &Error{Kind: KindCellRef, Value: Ref(c.Col, r.row)}
			}
			col = c.Col
			if v, ok := xmlAttrRaw(tok.attrs, "t"); ok {
				c.Type = cellType(v)
			}
			if v, ok := xmlAttrRaw(tok.attrs, "s"); ok {
				c.Style = smallInt(v)
			}
			if !tok.selfClose {
				r.col = c.Col
				if err := r.readCell(&c); err != nil {
					return err
				}
				r.col = -1
			}
			if c.Value != "" || c.Formula {
				r.cells = append(r.cells, c)
			}
		}
	}
}

// readCell reads a cell's content up to its end tag and resolves its value.
func (r *Rows) readCell(c *Cell) error {
	const (
		outside = iota
		inV
		inF
	)
	var (
		where       = outside
		v, f        []byte
		hasIS, inIS bool
	)
	for {
		tok, err := r.sc.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch {
		case unclosed(tok, "c"):
			return &Error{Kind: KindSyntax, Value: tagText(tok)}
		case inIS && tok.kind == xmlEnd && string(tok.name) == "is":
			inIS = false
		case inIS:
			r.inline.token(tok)
		case tok.kind == xmlStart:
			switch string(tok.name) {
			case "v":
				if !tok.selfClose {
					where, v = inV, r.text[:0]
				}
			case "f":
				c.Formula = true
				if !tok.selfClose {
					where = inF
				}
			case "is":
				inIS, hasIS = !tok.selfClose, true
				r.inline.reset()
			}
		case tok.kind == xmlEnd:
			switch string(tok.name) {
			case "c":
				if len(f) > 0 {
					c.FormulaText = string(f)
				}
				return r.resolve(c, v, hasIS)
			case "v", "f":
				where = outside
			}
		case tok.kind == xmlText:
			switch where {
			case inV:
				v = xmlAppendText(v, tok)
				r.text = v
			case inF:
				f = xmlAppendText(f, tok)
			}
		}
	}
}

// resolve sets a cell's value from its v and is content, as excelize's
// raw values are.
func (r *Rows) resolve(c *Cell, v []byte, hasIS bool) error {
	switch c.Type {
	case "s":
		s := strings.TrimSpace(string(v))
		if s == "" {
			return nil
		}
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(r.book.sst) {
			return &Error{Kind: KindSharedString, Value: s}
		}
		c.Value = r.book.sst[i]
	case "inlineStr":
		if hasIS {
			c.Value = r.inline.String()
		} else {
			c.Value = string(v)
		}
	default:
		c.Value = string(v)
	}
	return nil
}

// unclosed reports whether tok shows that an element named elem (a row or
// a cell) was never closed: a row or cell starting inside it, or an
// element around it ending.
func unclosed(tok xmlToken, elem string) bool {
	name := string(tok.name)
	switch tok.kind {
	case xmlStart:
		return name == "row" || elem == "c" && name == "c"
	case xmlEnd:
		return name == "sheetData" || name == "worksheet" || elem == "c" && name == "row"
	}
	return false
}

// tagText is a tag as written, for an error.
func tagText(tok xmlToken) string {
	if tok.kind == xmlEnd {
		return "</" + string(tok.name) + ">"
	}
	return "<" + string(tok.name) + ">"
}

// smallInt parses a style index; anything else is style 0.
func smallInt(v []byte) int {
	v = bytes.TrimSpace(v)
	n := 0
	for _, ch := range v {
		if ch < '0' || ch > '9' || n > 1<<24 {
			return 0
		}
		n = n*10 + int(ch-'0')
	}
	return n
}

// parseColumn is the 0-based column of a cell reference like "AB12"; an
// error of KindCellRef when it does not read.
func parseColumn(ref []byte) (int, error) {
	col, _, ok := parseRef(ref)
	if !ok {
		return 0, &Error{Kind: KindCellRef, Value: strings.ToValidUTF8(string(ref[:min(len(ref), 20)]), "")}
	}
	return col, nil
}

// parseRef reads a cell reference (AB12, $A$1, as excelize reads them):
// its 0-based column, at most XFD, and its row, from 1 (at most eight
// digits; not checked against MaxRows).
func parseRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref); i++ {
		ch := ref[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			col = col*26 + int(ch-'A') + 1
		case ch >= 'a' && ch <= 'z':
			col = col*26 + int(ch-'a') + 1
		case ch == '$' && (i == 0 || col > 0):
			continue
		default:
			goto digits
		}
		if col > MaxCols {
			return 0, 0, false
		}
	}
digits:
	if col == 0 || i == len(ref) || len(ref)-i > 8 {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(ref[i]-'0')
	}
	return col - 1, row, row >= 1
}

// cellType interns a cell's t attribute.
func cellType(v []byte) string {
	switch string(v) {
	case "":
		return ""
	case "n":
		return "n"
	case "s":
		return "s"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "d":
		return "d"
	case "e":
		return "e"
	}
	return string(v)
}

// Ref is the A1 reference of column col, counted from 0, and row row,
// counted from 1. The scanner keeps its own copy so that it needs only
// the standard library; a test holds it equal to the cell package's.
func Ref(col, row int) string {
	var b [3]byte
	i := len(b)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row)
}
