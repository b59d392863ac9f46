package docx

import (
	"strconv"
	"strings"
)

// stylesXML is word/styles.xml: the defaults (3号 仿宋, exact line pitch,
// justified, no widow control, so that every page holds 22 lines), Normal,
// the title and subtitle, one style per Kind and the footer's.
func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + runProps(fontBody, bodySize) +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr>` + normalParaProps + `</w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr>` + normalParaProps + `</w:pPr><w:rPr>` + runProps(fontBody, bodySize) + `</w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">` +
		`<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	writeStyle(&b, titleStyle)
	writeStyle(&b, subtitleStyle)
	for _, s := range styles {
		writeStyle(&b, s)
	}
	// The footer is off the grid: one line of 4号 宋体 at single spacing.
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
		`<w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
		`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>` +
		`<w:rPr>` + runProps(fontPageNumber, pageNumberSize) + `</w:rPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// normalParaProps are the paragraph properties of the defaults and of
// Normal: no widow control, no space between paragraphs, the exact line
// pitch of the grid, justified.
var normalParaProps = `<w:widowControl w:val="0"/>` +
	`<w:spacing w:before="0" w:after="0" w:line="` + strconv.Itoa(linePitch) + `" w:lineRule="exact"/><w:jc w:val="both"/>`

// runProps names font in every slot of w:rFonts, so that Latin letters,
// digits and the marks Word may take as either (“”、—) are all set in it;
// the character spacing (charKern for 3号, none for other sizes) and the
// size.
func runProps(font string, size int) string {
	f := escape(font)
	sz := strconv.Itoa(size)
	kern := 0
	if size == bodySize {
		kern = charKern
	}
	return `<w:rFonts w:ascii="` + f + `" w:eastAsia="` + f + `" w:hAnsi="` + f + `" w:cs="` + f + `"/>` +
		`<w:spacing w:val="` + strconv.Itoa(kern) + `"/><w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/>`
}

// writeStyle writes one paragraph style based on Normal; its elements in
// the schema's order.
func writeStyle(b *strings.Builder, s style) {
	b.WriteString(`<w:style w:type="paragraph" w:styleId="` + s.id + `"><w:name w:val="` + escape(s.name) + `"/>`)
	b.WriteString(`<w:basedOn w:val="Normal"/>`)
	if s.outline > 0 || s.id == titleStyle.id || s.id == subtitleStyle.id {
		b.WriteString(`<w:next w:val="` + styles[Paragraph].id + `"/>`)
	}
	b.WriteString(`<w:qFormat/><w:pPr>`)
	if s.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if s.keepLines {
		b.WriteString(`<w:keepLines/>`)
	}
	if s.size != bodySize {
		b.WriteString(`<w:snapToGrid w:val="0"/>`) // see layout.go
	}
	// The whole of w:spacing, line pitch too: LibreOffice does not take
	// what a style leaves out of it from the style's base.
	b.WriteString(`<w:spacing w:before="` + strconv.Itoa(s.before) + `" w:after="` + strconv.Itoa(s.after) +
		`" w:line="` + strconv.Itoa(linePitch) + `" w:lineRule="exact"/>`)
	switch {
	case s.indent:
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="` + strconv.Itoa(twoChars) + `"/>`)
	case s.right4:
		b.WriteString(`<w:ind w:rightChars="400" w:right="` + strconv.Itoa(fourChars) + `"/>`)
	}
	if s.jc != "" {
		b.WriteString(`<w:jc w:val="` + s.jc + `"/>`)
	}
	if s.outline > 0 {
		b.WriteString(`<w:outlineLvl w:val="` + strconv.Itoa(s.outline-1) + `"/>`)
	}
	b.WriteString(`</w:pPr><w:rPr>` + runProps(s.font, s.size) + `</w:rPr></w:style>`)
}
