package docx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"time"
)

// Document is one 公文: its title, an optional line under the title and
// its blocks, in order.
type Document struct {
	// Title is the title, centred in 2号 小标宋; "\n" breaks it into lines.
	// Empty writes no title.
	Title string
	// Subtitle is the line under the title, centred in 3号 楷体: the
	// 发文机关 or the date ("（2019年7月15日）"). Empty writes none.
	Subtitle   string
	Blocks     []Block
	Properties Properties
}

// Properties are the document's properties (docProps/core.xml and
// app.xml).
type Properties struct {
	// Title defaults to the Document's Title, its lines joined.
	Title string
	// Creator defaults to "attain".
	Creator string
	// Created is when the document was made, passed in (never read from
	// the clock); zero writes no date.
	Created time.Time
}

// Kind is what a block is, and so its style.
type Kind int

const (
	// Paragraph is body text: 3号 仿宋, first line indented two characters.
	Paragraph Kind = iota
	// Heading1 is a first-level heading (一、…): 3号 黑体, indented two
	// characters like the body.
	Heading1
	// Heading2 is a second-level heading (（一）…): 3号 楷体.
	Heading2
	// Note is a 附注 (注：… or （…）): 3号 仿宋 after a blank line, first
	// line indented two characters.
	Note
	// Signature is the 发文机关署名 and 成文日期 after a blank line, right
	// aligned four characters in from the right; "\n" separates its lines.
	Signature
	kindCount
)

// String is the kind's name in Go.
func (k Kind) String() string {
	if k >= 0 && k < kindCount {
		return styles[k].goName
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Block is one paragraph of the document. In Text, "\n" is a line break
// within the paragraph and "\t" a tab; "\r\n" and "\r" count as "\n".
// Characters XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF,
// invalid UTF-8) are left out.
type Block struct {
	Kind Kind
	Text string
}

// ErrKind is returned for a block of an unknown kind.
var ErrKind = errors.New("docx: unknown block kind")

// Write writes d as a .docx (WordprocessingML) package to w.
func Write(w io.Writer, d Document) error {
	for i, b := range d.Blocks {
		if b.Kind < 0 || b.Kind >= kindCount {
			return fmt.Errorf("block %d: %w (%d)", i+1, ErrKind, int(b.Kind))
		}
	}
	zw := zip.NewWriter(w)
	modified := d.Properties.Created
	if modified.IsZero() || modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, p := range packageParts(d) {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

// part is one file of the package.
type part struct{ name, body string }

// packageParts lists the parts of d in the order they are written, the
// content types first.
func packageParts(d Document) []part {
	return []part{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/core.xml", coreXML(d)},
		{"docProps/app.xml", appXML},
		{"word/document.xml", documentXML(d)},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML()},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML()},
		{"word/footer1.xml", footerXML(true)},
		{"word/footer2.xml", footerXML(false)},
	}
}
