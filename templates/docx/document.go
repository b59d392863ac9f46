package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// documentXML is word/document.xml: the title, the subtitle, the blocks,
// and the one section: A4, the 版心's margins, the two footers and the
// line grid.
func documentXML(d Document) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	title, subtitle := clean(d.Title), clean(d.Subtitle)
	if title != "" {
		extra := ""
		if subtitle != "" {
			extra = `<w:spacing w:after="0"/>` // the blank line comes after the subtitle
		}
		paragraph(&b, titleStyle.id, extra, title)
	}
	if subtitle != "" {
		paragraph(&b, subtitleStyle.id, "", subtitle)
	}
	for _, bl := range d.Blocks {
		paragraph(&b, styles[bl.Kind].id, "", clean(bl.Text))
	}
	b.WriteString(`<w:sectPr>` +
		`<w:footerReference w:type="default" r:id="` + footerOdd + `"/>` +
		`<w:footerReference w:type="even" r:id="` + footerEven + `"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageWidth) + `" w:h="` + strconv.Itoa(pageHeight) + `"/>` +
		`<w:pgMar w:top="` + strconv.Itoa(marginTop) + `" w:right="` + strconv.Itoa(marginRight) +
		`" w:bottom="` + strconv.Itoa(marginBottom) + `" w:left="` + strconv.Itoa(marginLeft) +
		`" w:header="` + strconv.Itoa(headerDistance) + `" w:footer="` + strconv.Itoa(footerDistance) +
		`" w:gutter="0"/>` +
		`<w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/>` +
		`<w:docGrid w:type="lines" w:linePitch="` + strconv.Itoa(linePitch) + `"/>` +
		`</w:sectPr></w:body></w:document>`)
	return b.String()
}

// paragraph writes one paragraph of style id, with extra paragraph
// properties after the style; text (already cleaned) in one run, "\n" a
// line break and "\t" a tab.
func paragraph(b *strings.Builder, id, extra, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + id + `"/>` + extra + `</w:pPr>`)
	if text != "" {
		b.WriteString(`<w:r>`)
		start := 0
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != '\n' && text[i] != '\t' {
				continue
			}
			if i > start {
				b.WriteString(`<w:t xml:space="preserve">` + escape(text[start:i]) + `</w:t>`)
			}
			if i < len(text) {
				if text[i] == '\n' {
					b.WriteString(`<w:br/>`)
				} else {
					b.WriteString(`<w:tab/>`)
				}
			}
			start = i + 1
		}
		b.WriteString(`</w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// clean makes s fit for XML 1.0: "\r\n" and "\r" become "\n"; invalid
// UTF-8, the C0 controls other than tab and newline, U+FFFE and U+FFFF are
// left out.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
		case r == '\r':
			b.WriteByte('\n')
		case r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escape escapes s (already cleaned) for XML text and attribute values.
func escape(s string) string {
	return xmlEscaper.Replace(s)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;",
	"\t", "&#x9;", "\n", "&#xA;")
