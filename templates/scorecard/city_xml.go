package scorecard

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/zipw"

	"github.com/xuri/excelize/v2"
)

// The long 明细 is most of a city scorecard: at 3,000 units × 50
// indicators, 150,000 rows and 100 MB of XML. excelize's StreamWriter
// spends some 2 µs a cell on it (a cell reference, an interface, an
// escaping and a regular expression for every text), as much as making
// the rows. So its rows are written as XML here, byte for byte as the
// StreamWriter writes them (TestCityXMLMatchesStreamWriter): the
// StreamWriter writes the sheet's title and header rows and everything
// around them (columns, panes, merged cells, filters, conditional formats,
// print settings), and cityZip writes the rows into the sheet's part
// where its </sheetData> is, as the workbook is written. Every other sheet
// is written by excelize alone.

// cityDirectXML says whether the rows of the long 明细 are written as XML
// (true) or through the StreamWriter (the tests compare both).
var cityDirectXML = true

// cityXML writes 明细 rows as the StreamWriter does.
type cityXML struct {
	buf  []byte
	cols []string // the letters of each column
}

func newCityXML(ncols int) *cityXML {
	x := &cityXML{}
	for i := range ncols {
		x.cols = append(x.cols, cell.ColName(i))
	}
	return x
}

// row appends row n.
func (x *cityXML) row(n int, r *citySpillRow) {
	b := append(x.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if r.height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, r.height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, c := range r.cells {
		b = append(b, `<c r="`...)
		b = append(b, x.cols[i]...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		if c.kind == cityOutNumber {
			b = append(b, "><v>"...)
			b = append(b, c.s...)
			b = append(b, "</v></c>"...)
			continue
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		b = cityAppendText(b, c.s)
		b = append(b, "</t></is></c>"...)
	}
	x.buf = append(b, "</row>"...)
}

// cityAppendText appends the rest of the <t> element of an inline string
// as excelize writes it (trimCellValue): the text cut to 32,767 UTF-16
// units, xml:space="preserve" when it begins or ends with a space, a tab
// or a line end, then the text escaped by encoding/xml with line ends kept
// and _xHHHH_ escaped as OOXML wants. Text of plain characters, the
// common case, is copied as it is.
func cityAppendText(b, s []byte) []byte {
	if len(s) > excelize.TotalCellChars {
		s = cityTruncateUTF16(s, excelize.TotalCellChars)
	}
	if len(s) > 0 && (cityXMLSpace(s[0]) || cityXMLSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if cityPlainText(s) {
		return append(b, s...)
	}
	var sb strings.Builder
	_ = xml.EscapeText(&sb, s)
	return append(b, cityBstrMarshal(strings.ReplaceAll(sb.String(), "&#xA;", "\n"))...)
}

func cityXMLSpace(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }

// cityPlainText says whether s is written unchanged: valid UTF-8 without
// control characters, U+FFFE or U+FFFF, without a character encoding/xml
// escapes and without "_x" (the start of an OOXML escape).
func cityPlainText(s []byte) bool {
	for i, c := range s {
		switch {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		case c == '_' && i+1 < len(s) && s[i+1] == 'x':
			return false
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			return false
		}
	}
	return utf8.Valid(s)
}

// cityTruncateUTF16 is excelize's truncateUTF16Units.
func cityTruncateUTF16(s []byte, length int) []byte {
	n := 0
	for i, r := range string(s) {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

var (
	cityBstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	cityBstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// cityBstrMarshal is excelize's bstrMarshal: a literal _xHHHH_ in the text
// is escaped as _x005F_xHHHH_, so that it does not read as an escaped
// character.
func cityBstrMarshal(s string) (result string) {
	matches, l, cursor := cityBstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && cityBstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if cityBstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// rows writes the n rows rows hands its emit (each with its row number)
// after the stream's own: into inject[sheet], written as XML where
// cityZip meets the part's </sheetData>, or, without cityDirectXML,
// through the StreamWriter now.
func (s *cityStream) rows(inject map[string]func(io.Writer) error, sheet string, ncols, n int,
	rows func(emit func(n int, r *citySpillRow) error) error) {
	b := s.b
	if !cityDirectXML {
		b.fail(rows(func(_ int, r *citySpillRow) error {
			cells := s.cells(ncols)
			for i, c := range r.cells {
				cells[i] = excelize.Cell{StyleID: c.style, Value: cityOutAny(cityOutVal{kind: c.kind, s: string(c.s)})}
			}
			s.put(r.height, cells...)
			return b.err
		}))
		return
	}
	s.more, s.moreCols = n, ncols
	inject[sheet] = func(w io.Writer) error {
		x := newCityXML(ncols)
		err := rows(func(n int, r *citySpillRow) error {
			x.row(n, r)
			b.tick()
			if len(x.buf) < 64<<10 {
				return nil
			}
			_, err := w.Write(x.buf)
			x.buf = x.buf[:0]
			return err
		})
		if err == nil && len(x.buf) > 0 {
			_, err = w.Write(x.buf)
		}
		return err
	}
}

// cityZip is the zip writer of a city scorecard: zipw's, writing rows into
// the parts named in inject where the StreamWriter left </sheetData>.
type cityZip struct {
	*zipw.Writer
	inject map[string]func(w io.Writer) error
	// dims are the used ranges of the streamed sheets' parts, to replace
	// their placeholder with.
	dims map[string]func() string
	open []*cityInjector // of the part being written
	done map[string]bool
}

func (z *cityZip) Create(name string) (io.Writer, error) {
	if err := z.endPart(); err != nil {
		return nil, err
	}
	w, err := z.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	if ref := z.dims[name]; ref != nil {
		dim := &cityInjector{w: w, mark: cityDimElement, drop: true, fn: func(w io.Writer) error {
			_, err := io.WriteString(w, `<dimension ref="`+ref()+`"></dimension>`)
			return err
		}}
		z.open, w = append(z.open, dim), dim
	}
	if fn := z.inject[name]; fn != nil {
		rows := &cityInjector{w: w, mark: citySheetDataEnd, fn: func(w io.Writer) error { z.done[name] = true; return fn(w) }}
		z.open, w = append(z.open, rows), rows
	}
	return w, nil
}

// endPart writes what the injectors of the last part still hold, outer
// first.
func (z *cityZip) endPart() error {
	for i := len(z.open) - 1; i >= 0; i-- {
		if err := z.open[i].flush(); err != nil {
			return err
		}
	}
	z.open = z.open[:0]
	return nil
}

func (z *cityZip) AddFS(fsys fs.FS) error {
	if err := z.endPart(); err != nil {
		return err
	}
	return z.Writer.AddFS(fsys)
}

func (z *cityZip) Close() error {
	if err := z.endPart(); err != nil {
		return err
	}
	err := z.Writer.Close()
	for name := range z.inject {
		if err == nil && !z.done[name] {
			err = fmt.Errorf("the rows of %s were not written: no </sheetData> in it", name)
		}
	}
	return err
}

// cityInjector passes a part through, calling fn where mark first
// occurs: before it, or instead of it with drop. Until then it holds back
// the last bytes, which may begin the mark; flush writes them when the
// part ends without it.
type cityInjector struct {
	w       io.Writer
	mark    []byte
	drop    bool
	fn      func(w io.Writer) error
	pending []byte
	done    bool
}

var citySheetDataEnd = []byte("</sheetData>")

func (c *cityInjector) Write(p []byte) (int, error) {
	if c.done {
		return c.w.Write(p)
	}
	c.pending = append(c.pending, p...)
	i := bytes.Index(c.pending, c.mark)
	if i < 0 {
		keep := min(len(c.pending), len(c.mark)-1)
		if _, err := c.w.Write(c.pending[:len(c.pending)-keep]); err != nil {
			return 0, err
		}
		c.pending = append(c.pending[:0], c.pending[len(c.pending)-keep:]...)
		return len(p), nil
	}
	c.done = true
	if _, err := c.w.Write(c.pending[:i]); err != nil {
		return 0, err
	}
	if err := c.fn(c.w); err != nil {
		return 0, err
	}
	if c.drop {
		i += len(c.mark)
	}
	_, err := c.w.Write(c.pending[i:])
	c.pending = nil
	return len(p), err
}

func (c *cityInjector) flush() error {
	if c.done || len(c.pending) == 0 {
		return nil
	}
	c.done = true
	_, err := c.w.Write(c.pending)
	c.pending = nil
	return err
}
