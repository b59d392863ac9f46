package xlsxscan

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// MaxRows is the last row a worksheet can have; MaxCols its columns (XFD).
const (
	MaxRows = 1 << 20
	MaxCols = 1 << 14
)

// Limits bound what reading a package may cost. Every field must be set:
// templates/read states them all in one table.
type Limits struct {
	// Unzip bounds the total size the package's parts declare unpacked;
	// a part that unpacks to more than it declares is refused as damaged.
	Unzip uint64
	// Token bounds one XML token: a tag with its attributes, or a text.
	Token int
	// SharedStrings bounds the items of the shared-string table (an
	// empty <si/> counts), SharedStringBytes their text.
	SharedStrings     int
	SharedStringBytes int64
	// MergeCells bounds a sheet's merged ranges, MergeArea the cells
	// they cover together.
	MergeCells int
	MergeArea  int64
}

// Book is an opened package.
type Book struct {
	lim    Limits
	files  map[string]*zip.File // by lower-case name
	sheets []sheetRef
	index  map[string]int // sheet name → its first place in sheets
	sst    []string       // shared strings
	pct    []bool         // per cell style (cellXfs index): a percent number format
	app    string         // docProps/app.xml's Application
}

// sheetRef is a sheet of the workbook and its part.
type sheetRef struct {
	name, path string // path is "" when the sheet is no worksheet
	hidden     bool
}

// Open reads the workbook's structure, shared strings and styles within
// lim. Its errors are *Error.
func Open(data []byte, lim Limits) (*Book, error) {
	return OpenAt(bytes.NewReader(data), int64(len(data)), lim)
}

// OpenAt is Open on a package of size bytes read through r, such as an
// open file, so that a large workbook need not be held in memory while
// its sheets are streamed: only the parts being read are.
func OpenAt(r io.ReaderAt, size int64, lim Limits) (*Book, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{Kind: KindZip, Err: err}
	}
	b := &Book{lim: lim, files: map[string]*zip.File{}, index: map[string]int{}}
	total := uint64(0)
	for _, f := range zr.File {
		total += f.UncompressedSize64
		b.files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if total > lim.Unzip {
		return nil, &Error{Kind: KindLimit, Limit: LimitUnzip, N: int64(min(total, 1<<62))}
	}
	wbPath, appPath := "xl/workbook.xml", "docProps/app.xml"
	if rels, err := b.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			switch {
			case strings.HasSuffix(r.typ, "/officeDocument"):
				wbPath = r.target
			case strings.HasSuffix(r.typ, "/extended-properties"):
				appPath = r.target
			}
		}
	}
	if b.files[strings.ToLower(wbPath)] == nil {
		return nil, b.notWorkbook()
	}
	if err := b.readWorkbook(wbPath); err != nil {
		return nil, err
	}
	b.readApp(appPath)
	return b, nil
}

// notWorkbook is the error for a package without a workbook part,
// naming the main part of a Word or PowerPoint file.
func (b *Book) notWorkbook() *Error {
	e := &Error{Kind: KindNotWorkbook}
	for _, p := range []string{"word/document.xml", "ppt/presentation.xml"} {
		if b.files[p] != nil {
			e.Value = p
		}
	}
	return e
}

// readWorkbook reads the sheets of the workbook part, its relationships,
// shared strings and styles.
func (b *Book) readWorkbook(wbPath string) error {
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.decode(wbPath, &wb); err != nil {
		return asError(err, wbPath)
	}
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	rels, err := b.rels(relsPath, path.Dir(wbPath))
	if err != nil && !isNoPart(err) {
		return asError(err, relsPath)
	}
	byID := map[string]rel{}
	sstPath, stylesPath := "xl/sharedStrings.xml", "xl/styles.xml"
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
		ref := sheetRef{name: s.Name, hidden: s.State == "hidden" || s.State == "veryHidden"}
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
	if err := b.readSST(sstPath); err != nil && !isNoPart(err) {
		return asError(err, sstPath)
	}
	if err := b.readStyles(stylesPath); err != nil && !isNoPart(err) {
		return asError(err, stylesPath)
	}
	return nil
}

// errNoPart is what part returns for a part the package does not have.
var errNoPart = errors.New("no such part")

func isNoPart(err error) bool { return err == errNoPart }

// part opens a part of the package by name (case does not matter); the
// errors of its reader are marked as such (readError).
func (b *Book) part(name string) (io.ReadCloser, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, errNoPart
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &readError{err}
	}
	return partReader{rc}, nil
}

type partReader struct{ rc io.ReadCloser }

func (p partReader) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

func (p partReader) Close() error { return p.rc.Close() }

// decode unmarshals a small XML part, then reads it to its end, so that
// a part that is damaged or larger than it says is found.
func (b *Book) decode(name string, v any) error {
	rc, err := b.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	if err := d.Decode(v); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, rc)
	return err
}

// rel is one relationship, its target resolved to a part name.
type rel struct {
	id, typ, target string
}

// rels reads a relationships part; targets are resolved against dir.
func (b *Book) rels(name, dir string) ([]rel, error) {
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
	out := make([]rel, 0, len(doc.Rels))
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
		out = append(out, rel{id: r.ID, typ: r.Type, target: t})
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

// readApp notes the program that saved the workbook; a missing or broken
// app.xml only leaves it unknown.
func (b *Book) readApp(name string) {
	var doc struct {
		Application string `xml:"Application"`
	}
	if b.decode(name, &doc) == nil {
		b.app = strings.TrimSpace(doc.Application)
	}
}

// Application is the program that saved the workbook, as docProps/app.xml
// names it ("Microsoft Excel", "WPS 表格"), or "".
func (b *Book) Application() string { return b.app }

// readSST reads the shared strings within the limits: the text of each
// si, runs joined, phonetic runs (rPh) left out.
func (b *Book) readSST(name string) error {
	rc, err := b.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc, b.lim.Token)
	var (
		item   richText
		inSI   bool
		closed bool // the sst end tag was read
		bytes  int64
	)
	add := func(s string) error {
		if len(b.sst) >= b.lim.SharedStrings {
			return &Error{Kind: KindLimit, Limit: LimitSharedStrings, N: int64(len(b.sst)) + 1}
		}
		if bytes += int64(len(s)); bytes > b.lim.SharedStringBytes {
			return &Error{Kind: KindLimit, Limit: LimitSharedStringBytes, N: bytes}
		}
		b.sst = append(b.sst, s)
		return nil
	}
	for {
		tok, err := sc.next()
		if err == io.EOF && !closed {
			return io.ErrUnexpectedEOF
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case tok.kind == xmlStart && string(tok.name) == "sst":
			// Sized once from the count it declares, within the limit:
			// growing a slice of a million strings by appending would
			// allocate five times its size.
			if n, err := strconv.Atoi(xmlAttrString(tok.attrs, "uniqueCount")); err == nil && n > 0 {
				b.sst = make([]string, 0, min(n, b.lim.SharedStrings))
			}
		case tok.kind == xmlStart && string(tok.name) == "si":
			item.reset()
			inSI = !tok.selfClose
			if tok.selfClose {
				if err := add(""); err != nil {
					return err
				}
			}
		case tok.kind == xmlEnd && string(tok.name) == "sst":
			if inSI {
				return &Error{Kind: KindSyntax, Value: "</sst>"}
			}
			closed = true
		case tok.kind == xmlEnd && string(tok.name) == "si":
			if inSI {
				if err := add(item.String()); err != nil {
					return err
				}
			}
			inSI = false
		case inSI:
			item.token(tok)
		}
	}
}

// WorksheetsSize is the unpacked size of the worksheet parts.
func (b *Book) WorksheetsSize() uint64 {
	size := uint64(0)
	for name, f := range b.files {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
			size += f.UncompressedSize64
		}
	}
	return size
}

// PercentStyle reports whether cell style s has a percent number format.
func (b *Book) PercentStyle(s int) bool {
	return s >= 0 && s < len(b.pct) && b.pct[s]
}

// SheetNames lists the sheets in workbook order.
func (b *Book) SheetNames() []string {
	out := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.name
	}
	return out
}

// HasSheet reports whether the workbook has a sheet of that name.
func (b *Book) HasSheet(sheet string) bool {
	_, ok := b.index[sheet]
	return ok
}

// SheetHidden reports whether the workbook hides the sheet (hidden or
// veryHidden).
func (b *Book) SheetHidden(sheet string) bool {
	i, ok := b.index[sheet]
	return ok && b.sheets[i].hidden
}

// sheetPath is the part of a sheet; "" for a sheet that is no worksheet
// (a chart sheet).
func (b *Book) sheetPath(sheet string) (string, error) {
	i, ok := b.index[sheet]
	if !ok {
		return "", &Error{Kind: KindNoSheet, Sheet: sheet}
	}
	return b.sheets[i].path, nil
}

// Dimension returns the used range a sheet records ("A1:I150001"), or "".
func (b *Book) Dimension(sheet string) string {
	p, err := b.sheetPath(sheet)
	if err != nil || p == "" {
		return ""
	}
	rc, err := b.part(p)
	if err != nil {
		return ""
	}
	defer rc.Close()
	sc := newXMLScanner(rc, b.lim.Token)
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
			return xmlAttrString(tok.attrs, "ref")
		case "sheetData":
			return ""
		}
	}
}
