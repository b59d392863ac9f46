package docx

import (
	"strconv"
	"strings"
	"time"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = `http://schemas.openxmlformats.org/wordprocessingml/2006/main`
	nsR       = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	relBase   = nsR + "/"
	ctBase    = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

const contentTypesXML = xmlHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="` + ctBase + `document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="` + ctBase + `styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="` + ctBase + `settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="` + ctBase + `fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="` + ctBase + `footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="` + ctBase + `footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRelsXML = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// The relationships of document.xml; footerOdd and footerEven are the ids
// sectPr refers to.
const (
	footerOdd       = "rId4"
	footerEven      = "rId5"
	documentRelsXML = xmlHeader +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relBase + `styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="` + relBase + `settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="` + relBase + `fontTable" Target="fontTable.xml"/>` +
		`<Relationship Id="` + footerOdd + `" Type="` + relBase + `footer" Target="footer1.xml"/>` +
		`<Relationship Id="` + footerEven + `" Type="` + relBase + `footer" Target="footer2.xml"/>` +
		`</Relationships>`
)

// settingsXML turns on separate footers for odd and even pages, keeps
// punctuation at full width (each mark one character, as the 22 × 28
// count assumes), lays text out as East Asian text (useFELayout) and asks
// for the layout of Word 2013 and later (compatibilityMode 15), so that
// Word does not fall back to an older line layout. The elements are in
// the schema's order, which Word checks.
const settingsXML = xmlHeader +
	`<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:useFELayout/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>` +
	`</w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
	`</w:settings>`

const appXML = xmlHeader +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
	`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>attain</Application><DocSecurity>0</DocSecurity></Properties>`

// coreXML is docProps/core.xml: title, creator and, when given, the
// creation time (also the modification time), in UTC.
func coreXML(d Document) string {
	p := d.Properties
	title := p.Title
	if title == "" {
		title = strings.Join(strings.Split(clean(d.Title), "\n"), "")
	}
	creator := p.Creator
	if creator == "" {
		creator = "attain"
	}
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties ` +
		`xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>" + escape(title) + "</dc:title>")
	b.WriteString("<dc:creator>" + escape(creator) + "</dc:creator>")
	b.WriteString("<cp:lastModifiedBy>" + escape(creator) + "</cp:lastModifiedBy>")
	if !p.Created.IsZero() {
		at := p.Created.UTC().Format(time.RFC3339)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

// fontTableXML declares every font the styles name, each with its
// fallback.
func fontTableXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, f := range fonts {
		b.WriteString(`<w:font w:name="` + escape(f.name) + `">`)
		b.WriteString(`<w:altName w:val="` + escape(f.alt) + `"/>`)
		b.WriteString(`<w:panose1 w:val="` + f.panose + `"/><w:charset w:val="86"/>`)
		b.WriteString(`<w:family w:val="` + f.family + `"/><w:pitch w:val="` + f.pitch + `"/>`)
		b.WriteString(`</w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

// footerXML is the footer of odd pages ("— 1 —" on the right, one
// character in) or of even pages (on the left): 4号 宋体, the number a
// PAGE field, its cached result the first page of that parity.
func footerXML(odd bool) string {
	jc, ind, cached := "left", `w:left="`, "2"
	if odd {
		jc, ind, cached = "right", `w:right="`, "1"
	}
	return xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/>` +
		`<w:ind ` + ind + strconv.Itoa(pageNumberSize*10) + `"/><w:jc w:val="` + jc + `"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>` + cached + `</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r>` +
		`</w:p></w:ftr>`
}
