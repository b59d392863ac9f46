package xlsxscan

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Kind is what went wrong in a package.
type Kind int

// The kinds of Error.
const (
	// KindZip: the file is not a zip package, or a part does not unpack
	// (damaged, cut short, larger than it says, a wrong checksum); Err is
	// the zip or inflate error.
	KindZip Kind = iota + 1
	// KindNotWorkbook: the package holds no workbook part; Value is the
	// main part of what it holds instead (word/document.xml,
	// ppt/presentation.xml), or "".
	KindNotWorkbook
	// KindPart: the workbook, a relationships part or the styles do not
	// parse; Err says why.
	KindPart
	// KindNoSheet: the workbook has no sheet of that name (Sheet).
	KindNoSheet
	// KindTruncated: the XML ends inside an element.
	KindTruncated
	// KindSyntax: the XML is not well-formed in a way the scanner sees (a
	// tag without a name); Value is the text at fault.
	KindSyntax
	// KindEntity: a reference to an entity XML does not define (&nbsp;),
	// a bare '&', or a character reference to a character XML cannot
	// hold; Value is the reference as written.
	KindEntity
	// KindRowNumber: a row number that does not read, or one past the last
	// row a sheet can have (MaxRows); Value is the number as written.
	KindRowNumber
	// KindCellRef: a cell reference that does not read, or a column past
	// XFD; Value is the reference as written.
	KindCellRef
	// KindSharedString: a cell's shared-string index that is not in the
	// table; Value is the index as written.
	KindSharedString
	// KindLimit: a bound of Limits is passed; Limit says which and N how
	// much was found (at least).
	KindLimit
)

// Limit names one bound of Limits.
type Limit int

// The bounds of Limits, for an Error of KindLimit.
const (
	LimitUnzip Limit = iota + 1
	LimitToken
	LimitSharedStrings
	LimitSharedStringBytes
	LimitMergeCells
	LimitMergeArea
)

// Error is a problem of a package, with where it was found. It carries
// facts, not wording: templates/read words them for the user.
type Error struct {
	Kind Kind
	// Part is the part of the package (xl/worksheets/sheet1.xml), when
	// the problem is inside one.
	Part string
	// Sheet is the sheet whose part it is, "" for other parts.
	Sheet string
	// Row is, in a sheet, the number of the last row read whole before
	// the problem (0 when none was).
	Row int
	// Cell is the reference of the cell being read at the problem (B10),
	// "" between cells.
	Cell  string
	Value string
	Limit Limit
	N     int64
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("xlsxscan: ")
	switch {
	case e.Sheet != "":
		fmt.Fprintf(&b, "sheet %q (%s)", e.Sheet, e.Part)
	case e.Part != "":
		b.WriteString(e.Part)
	default:
		b.WriteString("package")
	}
	if e.Sheet != "" {
		fmt.Fprintf(&b, " after row %d", e.Row)
	}
	if e.Cell != "" {
		fmt.Fprintf(&b, " in cell %s", e.Cell)
	}
	b.WriteString(": ")
	b.WriteString(kindText[e.Kind])
	if e.Kind == KindLimit {
		fmt.Fprintf(&b, " (%s, %d)", limitText[e.Limit], e.N)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

var kindText = map[Kind]string{
	KindZip: "zip", KindNotWorkbook: "no workbook part", KindPart: "part does not parse",
	KindNoSheet: "no such sheet", KindTruncated: "XML ends inside an element", KindSyntax: "XML not well-formed",
	KindEntity: "undefined entity or invalid character reference", KindRowNumber: "invalid row number",
	KindCellRef: "invalid cell reference", KindSharedString: "shared-string index out of range",
	KindLimit: "limit passed",
}

var limitText = map[Limit]string{
	LimitUnzip: "unpacked size", LimitToken: "XML token size", LimitSharedStrings: "shared strings",
	LimitSharedStringBytes: "shared-string bytes", LimitMergeCells: "merged ranges", LimitMergeArea: "merged cells",
}

// readError marks an error of the reader under the XML scanner (the zip
// part's decompressor), so that it is not taken for broken XML.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// asError turns an error met while reading part into an *Error: one of
// the scanner's own, a problem of the unpacking, or XML that ends early.
func asError(err error, part string) *Error {
	var xe *Error
	if errors.As(err, &xe) {
		if xe.Part == "" {
			xe.Part = part
		}
		return xe
	}
	var re *readError
	var ce flate.CorruptInputError
	switch {
	case errors.As(err, &re):
		return &Error{Kind: KindZip, Part: part, Err: re.err}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm), errors.As(err, &ce):
		return &Error{Kind: KindZip, Part: part, Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{Kind: KindTruncated, Part: part}
	}
	return &Error{Kind: KindPart, Part: part, Err: err}
}
