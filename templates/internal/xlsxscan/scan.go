package xlsxscan

// A light, read-only view of an .xlsx package that streams the cells of a
// worksheet straight out of the zip, for the multi-unit reader: a long
// table of 3,000 units × 50 indicators is 150,000 rows, and excelize's
// row iterator decodes each cell with encoding/xml's reflection, which
// takes seconds and holds the whole sheet XML in memory. This reader scans
// the few elements a worksheet's cells are made of (row, c, v, f, is, t)
// with a byte scanner, keeps only the shared strings and one bit per cell
// style (whether its number format is a percent format), and reads the
// sheet part through the zip's decompressor as it goes.
//
// Cell values are those excelize returns with RawCellValue: shared and
// inline strings resolved (with the _xHHHH_ escapes of OOXML undone),
// numbers, booleans (0/1), dates and errors as stored. A cell is given
// when it has a value or a formula, as excelize's Columns does.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// MaxRows is the last row a worksheet can have.
const MaxRows = 1 << 20

// Book is an opened package.
type Book struct {
	files  map[string]*zip.File // by lower-case name
	sheets []xlsxSheetRef
	index  map[string]int // sheet name → its first place in sheets
	sst    []string       // shared strings
	pct    []bool         // per cell style (cellXfs index): a percent number format
}

// xlsxSheetRef is a sheet of the workbook and its part.
type xlsxSheetRef struct {
	name, path string // path is "" when the sheet is no worksheet
}

// Open reads the workbook's structure, shared strings and styles;
// limit bounds the total size the package unpacks to.
func Open(data []byte, limit uint64) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &Book{files: map[string]*zip.File{}, index: map[string]int{}}
	total := uint64(0)
	for _, f := range zr.File {
		total += f.UncompressedSize64
		b.files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if total > limit {
		return nil, ErrTooBig
	}
	wbPath := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = r.target
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, fmt.Errorf("工作簿目录（%s）无法解析：%w", wbPath, err)
	}
	rels, err := b.rels(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), path.Dir(wbPath))
	if err != nil && !errors.Is(err, errXLSXNoPart) {
		return nil, fmt.Errorf("工作簿的关系部件无法解析：%w", err)
	}
	byID := map[string]xlsxRel{}
	sstPath, stylesPath := "xl/sharedstrings.xml", "xl/styles.xml"
	for _, r := range rels {
		byID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			sstPath = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPath = r.target
		}
	}
	for _, s := range wb.Sheets {
		ref := xlsxSheetRef{name: s.Name}
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if r, ok := byID[a.Value]; ok && strings.HasSuffix(r.typ, "/worksheet") {
					ref.path = r.target
				}
			}
		}
		if _, dup := b.index[ref.name]; !dup {
			b.index[ref.name] = len(b.sheets)
		}
		b.sheets = append(b.sheets, ref)
	}
	if err := b.readSST(sstPath); err != nil && !errors.Is(err, errXLSXNoPart) {
		return nil, fmt.Errorf("共享字符串表无法解析：%w", err)
	}
	if err := b.readStyles(stylesPath); err != nil && !errors.Is(err, errXLSXNoPart) {
		return nil, fmt.Errorf("样式表无法解析：%w", err)
	}
	return b, nil
}

var (
	ErrTooBig           = errors.New("解压后超过上限")
	errXLSXNoPart       = errors.New("缺少部件")
	errXLSXNotWorksheet = errors.New("不是工作表（可能是图表工作表）")
)

// part opens a part of the package by name (case does not matter).
func (b *Book) part(name string) (io.ReadCloser, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, errXLSXNoPart)
	}
	return f.Open()
}

// decode unmarshals a small XML part.
func (b *Book) decode(name string, v any) error {
	rc, err := b.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	return d.Decode(v)
}

// xlsxRel is one relationship, its target resolved to a part name.
type xlsxRel struct {
	id, typ, target string
}

// rels reads a relationships part; targets are resolved against dir.
func (b *Book) rels(name, dir string) ([]xlsxRel, error) {
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decode(name, &doc); err != nil {
		return nil, err
	}
	out := make([]xlsxRel, 0, len(doc.Rels))
	for _, r := range doc.Rels {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = path.Clean(path.Join(dir, t))
		}
		out = append(out, xlsxRel{id: r.ID, typ: r.Type, target: t})
	}
	return out, nil
}

// readStyles notes which cell styles have a percent number format.
func (b *Book) readStyles(name string) error {
	var doc struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.decode(name, &doc); err != nil {
		return err
	}
	custom := map[int]bool{}
	for _, n := range doc.NumFmts {
		custom[n.ID] = FormatHasPercent(n.Code)
	}
	b.pct = make([]bool, len(doc.Xfs))
	for i, xf := range doc.Xfs {
		pct, ok := custom[xf.NumFmt]
		b.pct[i] = pct || (!ok && (xf.NumFmt == 9 || xf.NumFmt == 10))
	}
	return nil
}

// worksheetsSize is the unpacked size of the worksheet parts.
func (b *Book) WorksheetsSize() uint64 {
	size := uint64(0)
	for name, f := range b.files {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
			size += f.UncompressedSize64
		}
	}
	return size
}

// percentStyle reports whether cell style s has a percent number format.
func (b *Book) PercentStyle(s int) bool {
	return s >= 0 && s < len(b.pct) && b.pct[s]
}

// readSST reads the shared strings: the text of each si, runs joined,
// phonetic runs (rPh) left out.
func (b *Book) readSST(name string) error {
	rc, err := b.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var (
		item xlsxRichText
		inSI bool
	)
	for {
		tok, err := sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case tok.kind == xmlStart && string(tok.name) == "si":
			item.reset()
			inSI = !tok.selfClose
			if tok.selfClose {
				b.sst = append(b.sst, "")
			}
		case tok.kind == xmlEnd && string(tok.name) == "si":
			if inSI {
				b.sst = append(b.sst, item.String())
			}
			inSI = false
		case inSI:
			item.token(tok)
		}
	}
}

// xlsxRichText gathers the text of a string item (a shared string's si,
// or an inline string's is): its t elements, runs joined, phonetic runs
// (rPh) left out, the _xHHHH_ escapes undone.
type xlsxRichText struct {
	text     []byte
	inT      bool
	phonetic int // depth of rPh elements
}

func (x *xlsxRichText) reset() {
	x.text, x.inT, x.phonetic = x.text[:0], false, 0
}

// token takes a token inside the item.
func (x *xlsxRichText) token(tok xmlToken) {
	switch tok.kind {
	case xmlStart:
		switch string(tok.name) {
		case "rPh":
			x.phonetic += btoi(!tok.selfClose)
		case "t":
			x.inT = x.phonetic == 0 && !tok.selfClose
		}
	case xmlEnd:
		switch string(tok.name) {
		case "rPh":
			x.phonetic = max(x.phonetic-1, 0)
		case "t":
			x.inT = false
		}
	case xmlText:
		if x.inT {
			x.text = xmlAppendText(x.text, tok)
		}
	}
}

func (x *xlsxRichText) String() string { return xlsxUnescapeBSTR(string(x.text)) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sheetNames lists the sheets in workbook order.
func (b *Book) SheetNames() []string {
	out := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.name
	}
	return out
}

// hasSheet reports whether the workbook has a sheet of that name.
func (b *Book) HasSheet(sheet string) bool {
	_, ok := b.index[sheet]
	return ok
}

func (b *Book) sheetPath(sheet string) (string, error) {
	i, ok := b.index[sheet]
	if !ok {
		return "", fmt.Errorf("找不到工作表“%s”", sheet)
	}
	if b.sheets[i].path == "" {
		return "", fmt.Errorf("“%s”: %w", sheet, errXLSXNotWorksheet)
	}
	return b.sheets[i].path, nil
}

// dimension returns the used range a sheet records ("A1:I150001"), or "".
func (b *Book) Dimension(sheet string) string {
	p, err := b.sheetPath(sheet)
	if err != nil {
		return ""
	}
	rc, err := b.part(p)
	if err != nil {
		return ""
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	for {
		tok, err := sc.next()
		if err != nil {
			return ""
		}
		if tok.kind != xmlStart {
			continue
		}
		switch string(tok.name) {
		case "dimension":
			v, _ := xmlAttr(tok.attrs, "ref")
			return v
		case "sheetData":
			return ""
		}
	}
}

// grid reads a whole sheet, a small one (a unit's sheet in the template's
// layout): its raw values as rows of strings, as excelize's GetRows gives
// them with RawCellValue, and its cells by A1 reference, for their type,
// style and formula.
func (b *Book) Grid(sheet string) ([][]string, map[string]Cell, error) {
	it, err := b.Rows(sheet)
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	var rows [][]string
	cells := map[string]Cell{}
	for {
		num, row, ok, err := it.Next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		for len(rows) < num-1 {
			rows = append(rows, nil)
		}
		var vals []string
		for _, c := range row {
			for len(vals) < c.Col {
				vals = append(vals, "")
			}
			vals = append(vals, c.Value)
			cells[xlsxRef(c.Col, num)] = c
		}
		rows = append(rows, vals) // rows only move forward (xlsxRows.next)
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, cells, nil
}

// Cell is one cell of a streamed row.
type Cell struct {
	Col     int // 0-based
	Value   string
	Type    string // the t attribute: "", n, s, str, inlineStr, b, d, e
	Style   int
	Formula bool
	// formulaText is the formula as written (without "="); empty for a
	// cell of a shared formula other than its first.
	FormulaText string
}

// Rows streams the rows of one worksheet.
type Rows struct {
	book   *Book
	rc     io.ReadCloser
	sc     *xmlScanner
	row    int // number of the last row returned
	state  int // 0 before sheetData, 1 in it, 2 after
	cells  []Cell
	text   []byte
	inline xlsxRichText // the is of the cell being read
}

// rows opens a sheet for streaming. A sheet that is no worksheet (a chart
// sheet) has no rows.
func (b *Book) Rows(sheet string) (*Rows, error) {
	p, err := b.sheetPath(sheet)
	r := &Rows{book: b}
	if errors.Is(err, errXLSXNotWorksheet) {
		r.state = 2
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	if r.rc, err = b.part(p); err != nil {
		return nil, err
	}
	r.sc = newXMLScanner(r.rc)
	return r, nil
}

func (r *Rows) Close() {
	if r.rc != nil {
		r.rc.Close()
	}
}

// next returns the next row present in the sheet with its 1-based number
// and its cells (valid until the next call); ok is false at the end of
// the sheet data, err set when the XML is broken.
func (r *Rows) Next() (num int, cells []Cell, ok bool, err error) {
	num, cells, ok, err = r.advance()
	if err != nil {
		r.state = 2
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("工作表的 XML 不完整（文件可能被截断）")
		}
		err = fmt.Errorf("第%d行附近：%w", max(r.row, 1), err)
	}
	return num, cells, ok, err
}

func (r *Rows) advance() (num int, cells []Cell, ok bool, err error) {
	for r.state < 2 {
		tok, err := r.sc.next()
		if err == io.EOF {
			r.state = 2
			return 0, nil, false, nil
		}
		if err != nil {
			return 0, nil, false, err
		}
		switch {
		case tok.kind == xmlStart && string(tok.name) == "sheetData":
			if tok.selfClose {
				r.state = 2
			} else {
				r.state = 1
			}
		case tok.kind == xmlEnd && string(tok.name) == "sheetData":
			r.state = 2
		case r.state == 1 && tok.kind == xmlStart && string(tok.name) == "row":
			// Rows only move forward, as in excelize: a row number that is
			// missing, 0, or not past the last row is the next row.
			num := r.row + 1
			if v, ok := xmlAttr(tok.attrs, "r"); ok {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || n < 0 {
					return 0, nil, false, fmt.Errorf("第%d行之后：行号“%s”无效", r.row, v)
				}
				num = max(n, num)
			}
			if num > MaxRows {
				return 0, nil, false, fmt.Errorf("行号 %d 超过工作表上限 %d", num, MaxRows)
			}
			r.row = num
			r.cells = r.cells[:0]
			if !tok.selfClose {
				if err := r.readRow(); err != nil {
					return 0, nil, false, err
				}
			}
			return num, r.cells, true, nil
		}
	}
	return 0, nil, false, nil
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
		case tok.kind == xmlStart && string(tok.name) == "c":
			c := Cell{Col: col + 1}
			if v, ok := xmlAttrRaw(tok.attrs, "r"); ok && len(v) > 0 {
				n, err := xlsxColumn(v)
				if err != nil {
					return err
				}
				c.Col = n
			}
			col = c.Col
			if v, ok := xmlAttrRaw(tok.attrs, "t"); ok {
				c.Type = xlsxCellType(v)
			}
			if v, ok := xmlAttrRaw(tok.attrs, "s"); ok {
				c.Style = xlsxSmallInt(v)
			}
			if !tok.selfClose {
				if err := r.readCell(&c); err != nil {
					return err
				}
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
			return fmt.Errorf("单元格 %s 的共享字符串编号“%s”无效", xlsxRef(c.Col, r.row), s)
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

// xlsxSmallInt parses a style index; anything else is style 0.
func xlsxSmallInt(v []byte) int {
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

// xlsxColumn is the 0-based column of a cell reference like "AB12".
func xlsxColumn(ref []byte) (int, error) {
	col := 0
	i := 0
	for ; i < len(ref); i++ {
		ch := ref[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			col = col*26 + int(ch-'A') + 1
		case ch >= 'a' && ch <= 'z':
			col = col*26 + int(ch-'a') + 1
		case ch == '$' && (i == 0 || col > 0): // $A$1, as excelize reads it
			continue
		default:
			goto digits
		}
		if col > 16384 {
			return 0, fmt.Errorf("单元格引用“%s”无效", ref)
		}
	}
digits:
	if col == 0 || i == len(ref) {
		return 0, fmt.Errorf("单元格引用“%s”无效", ref)
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, fmt.Errorf("单元格引用“%s”无效", ref)
		}
	}
	return col - 1, nil
}

// xlsxUnescapeBSTR undoes the _xHHHH_ escapes OOXML writes for characters
// XML cannot hold (_x000D_ is a carriage return, _x005F_ an underscore).
func xlsxUnescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				out.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String()
}

// The byte scanner. It understands start, end and empty-element tags with
// quoted attributes, text with the predefined and numeric character
// references, CDATA sections, comments, processing instructions and a
// DOCTYPE (skipped; no entity is ever defined or expanded). Namespace
// prefixes are dropped from element names. It does not check that the
// document is well-formed beyond what reading the cells needs.

const (
	xmlStart = iota + 1
	xmlEnd
	xmlText
)

// xmlToken is one token; its slices are valid until the next call.
type xmlToken struct {
	kind      int
	name      []byte // local name of a tag
	attrs     []byte // raw attributes of a start tag
	selfClose bool
	text      []byte // raw text, or the content of a CDATA section
	cdata     bool
}

// xmlScanner reads tokens out of a window over the input: a token is
// always a contiguous part of the window, which slides (and grows, for a
// token longer than it) only when the next token is read.
type xmlScanner struct {
	r     io.Reader
	buf   []byte
	mark  int   // start of the current token: the window keeps buf[mark:]
	pos   int   // next byte to read
	end   int   // end of the bytes read
	err   error // the reader's error (io.EOF at the end)
	inTag bool  // the '<' of the next tag has been read
}

// xmlMaxToken bounds a single token (a text or a tag).
const xmlMaxToken = 64 << 20

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 64<<10)}
}

// fill reads more input, sliding the window to the current token first;
// false when nothing more can be read.
func (s *xmlScanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.mark > 0 {
		copy(s.buf, s.buf[s.mark:s.end])
		s.pos -= s.mark
		s.end -= s.mark
		s.mark = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= xmlMaxToken {
			s.err = errors.New("XML 记号过长")
			return false
		}
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.err = err
	}
	return n > 0 || err == nil
}

// find returns the index in buf of the first c at or after pos+off,
// reading on as needed; -1 at the end of input.
func (s *xmlScanner) find(c byte, off int) int {
	for {
		if i := bytes.IndexByte(s.buf[s.pos+off:s.end], c); i >= 0 {
			return s.pos + off + i
		}
		off = s.end - s.pos
		if !s.fill() {
			return -1
		}
	}
}

// findSeq returns the index in buf just past the first seq at or after
// pos; -1 at the end of input.
func (s *xmlScanner) findSeq(seq string) int {
	off := len(seq) - 1
	for {
		i := s.find(seq[len(seq)-1], off)
		if i < 0 {
			return -1
		}
		if i+1-len(seq) >= s.pos && string(s.buf[i+1-len(seq):i+1]) == seq {
			return i + 1
		}
		off = i + 1 - s.pos
	}
}

// ensure makes n bytes from pos available if the input has them.
func (s *xmlScanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// fail is the error at the end of input inside a token.
func (s *xmlScanner) fail() error {
	if s.err != nil && s.err != io.EOF {
		return s.err
	}
	return io.ErrUnexpectedEOF
}

func (s *xmlScanner) next() (xmlToken, error) {
	for {
		s.mark = s.pos
		if !s.inTag {
			i := s.find('<', 0)
			if i < 0 {
				rest := s.buf[s.pos:s.end]
				s.pos = s.end
				if s.err != io.EOF {
					return xmlToken{}, s.fail()
				}
				if len(bytes.TrimSpace(rest)) > 0 {
					return xmlToken{}, io.ErrUnexpectedEOF
				}
				return xmlToken{}, io.EOF
			}
			text := s.buf[s.pos:i]
			s.pos, s.inTag = i+1, true
			if len(text) > 0 {
				return xmlToken{kind: xmlText, text: text}, nil
			}
			s.mark = s.pos
		}
		s.inTag = false
		tok, skip, err := s.tag()
		if err != nil {
			return xmlToken{}, err
		}
		if !skip {
			return tok, nil
		}
	}
}

// tag reads a tag after its '<'; skip is set for comments, processing
// instructions and declarations.
func (s *xmlScanner) tag() (tok xmlToken, skip bool, err error) {
	if !s.ensure(1) {
		return tok, false, s.fail()
	}
	switch s.buf[s.pos] {
	case '?':
		i := s.findSeq("?>")
		if i < 0 {
			return tok, false, s.fail()
		}
		s.pos = i
		return tok, true, nil
	case '!':
		s.ensure(8)
		head := s.buf[s.pos:min(s.pos+8, s.end)]
		switch {
		case bytes.HasPrefix(head, []byte("!--")):
			i := s.findSeq("-->")
			if i < 0 {
				return tok, false, s.fail()
			}
			s.pos = i
			return tok, true, nil
		case bytes.Equal(head, []byte("![CDATA[")):
			start := s.pos + 8 - s.mark
			i := s.findSeq("]]>")
			if i < 0 {
				return tok, false, s.fail()
			}
			body := s.buf[s.mark+start : i-3]
			s.pos = i
			return xmlToken{kind: xmlText, text: body, cdata: true}, false, nil
		default: // <!DOCTYPE …>, with an internal subset in brackets
			depth := 0
			for {
				if !s.ensure(1) {
					return tok, false, s.fail()
				}
				b := s.buf[s.pos]
				s.pos++
				switch b {
				case '[':
					depth++
				case ']':
					depth--
				case '>':
					if depth <= 0 {
						return tok, true, nil
					}
				}
			}
		}
	}
	// The tag ends at the first '>' outside a quoted attribute value; the
	// quote state is carried from one '>' to the next, so that every byte
	// is looked at once however many '>' a value holds.
	var q byte
	scanned := 0 // bytes from pos whose quote state is in q
	i := s.find('>', 0)
	for i >= 0 {
		q = quoteState(q, s.buf[s.pos+scanned:i])
		scanned = i - s.pos
		if q == 0 {
			break
		}
		i = s.find('>', i+1-s.pos)
	}
	if i < 0 {
		return tok, false, s.fail()
	}
	raw := s.buf[s.pos:i]
	s.pos = i + 1
	if len(raw) > 0 && raw[0] == '/' {
		return xmlToken{kind: xmlEnd, name: localName(bytes.TrimSpace(raw[1:]))}, false, nil
	}
	tok.kind = xmlStart
	if n := len(raw); n > 0 && raw[n-1] == '/' {
		tok.selfClose, raw = true, raw[:n-1]
	}
	end := bytes.IndexAny(raw, " \t\r\n")
	if end < 0 {
		end = len(raw)
	}
	if end == 0 {
		return tok, false, errors.New("XML 标签缺少名称")
	}
	tok.name, tok.attrs = localName(raw[:end]), raw[end:]
	return tok, false, nil
}

// quoteState is the open quote (0 for none) after more text of a tag,
// starting from q.
func quoteState(q byte, b []byte) byte {
	for _, c := range b {
		switch {
		case q == 0 && (c == '"' || c == '\''):
			q = c
		case c == q:
			q = 0
		}
	}
	return q
}

func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// xmlAttr returns the value of the attribute named name (exactly, prefix
// included) in a start tag's raw attributes, references decoded.
func xmlAttr(attrs []byte, name string) (string, bool) {
	v, ok := xmlAttrRaw(attrs, name)
	if !ok {
		return "", false
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v), true
	}
	return string(xmlUnescape(nil, v)), true
}

// xmlAttrRaw returns the raw value of an attribute, a slice of attrs.
func xmlAttrRaw(attrs []byte, name string) ([]byte, bool) {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\r' || attrs[i] == '\n') {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && attrs[i] != ' ' && attrs[i] != '\t' && attrs[i] != '\r' && attrs[i] != '\n' {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && attrs[i] != '"' && attrs[i] != '\'' {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		q := attrs[i]
		i++
		vstart := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		val := attrs[vstart:min(i, len(attrs))]
		i++
		if string(key) == name {
			return val, true
		}
	}
	return nil, false
}

// xlsxCellType interns a cell's t attribute.
func xlsxCellType(v []byte) string {
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

// xmlAppendText appends a text token's characters to dst: references
// decoded outside CDATA, line ends normalised to \n.
func xmlAppendText(dst []byte, tok xmlToken) []byte {
	text := tok.text
	if bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	if tok.cdata {
		return append(dst, text...)
	}
	return xmlUnescape(dst, text)
}

// xmlUnescape appends text to dst with character references decoded; an
// unknown or broken reference is kept as written.
func xmlUnescape(dst, text []byte) []byte {
	for {
		amp := bytes.IndexByte(text, '&')
		if amp < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:amp]...)
		text = text[amp:]
		semi := bytes.IndexByte(text, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			text = text[1:]
			continue
		}
		ref := string(text[1:semi])
		switch ref {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ref, "#x") || strings.HasPrefix(ref, "#X"):
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			case strings.HasPrefix(ref, "#"):
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			default:
				err = errors.New("unknown")
			}
			if err != nil || n > 0x10FFFF {
				dst = append(dst, '&')
				text = text[1:]
				continue
			}
			dst = append(dst, string(rune(n))...)
		}
		text = text[semi+1:]
	}
}

// FormatHasPercent reports whether a number format code scales by 100:
// a % that is not quoted or escaped.
func FormatHasPercent(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal, or a padding character
		case c == '%':
			return true
		}
	}
	return false
}

// xlsxRef is the A1 reference of column col, counted from 0, and row row,
// counted from 1. The scanner keeps its own copy so that it needs only the
// standard library; a test holds it equal to the cell package's.
func xlsxRef(col, row int) string {
	var b [3]byte
	i := len(b)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row)
}
