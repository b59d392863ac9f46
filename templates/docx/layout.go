package docx

// The page of GB/T 9704-2012, in twips (1/20 pt; 1 mm = 1440/25.4 twips).
const (
	pageWidth      = 11906 // 210 mm
	pageHeight     = 16838 // 297 mm
	marginTop      = 2098  // 37 mm
	marginBottom   = 1984  // 35 mm
	marginLeft     = 1587  // 28 mm
	marginRight    = 1474  // 26 mm: the 版心 is 8845 × 12756 twips, 156 × 225 mm
	headerDistance = 851   // 15 mm; there is no header
	// footerDistance puts the page number's 一字线 about 7 mm below the
	// 版心: the footer line (14 pt) sits 25 mm above the page's foot.
	footerDistance = 1417
)

// 22 lines of 28 characters in the 版心.
//
// Lines: a line grid (w:docGrid w:type="lines") of 579 twips, 225 mm / 22
// = 28.95 pt, and the same exact line spacing on every style of the body,
// so that no font's line height changes the count: 22 lines take 12738 of
// the 12756 twips. Styles of another size than 3号 (the title, the footer)
// are off the grid (w:snapToGrid w:val="0"): on it, LibreOffice gives a
// line of 2号 two grid lines whatever its spacing.
//
// Characters: 28 characters of 3号 (16 pt) are 448 pt, wider than the
// 版心's 442.25 pt; GB/T 9704 counts on a little compression. Word's
// character grid (w:type="linesAndChars", w:charSpace="-842") does it in
// Word and WPS, but LibreOffice cannot narrow a grid cell below the glyph
// (it gives each character two cells, 14 to the line), so the body's
// characters are kerned by −0.25 pt instead (w:spacing w:val="-5"): 28 of
// 15.75 pt take 441 pt in every reader, 29 would take 456.75.
const (
	linePitch = 579
	charKern  = -5 // twentieths of a point, on the 16 pt styles
	gridLines = 22
	gridChars = 28
	// charAdvance is one character of the body as laid out, in twips.
	charAdvance = 20*bodySize/2 + charKern
	// twoChars and fourChars are the indents of the body's first line
	// and of the signature.
	twoChars  = 2 * charAdvance
	fourChars = 4 * charAdvance
)

// Font sizes in half-points, as w:sz takes them.
const (
	titleSize      = 44 // 2号, 22 pt
	bodySize       = 32 // 3号, 16 pt
	pageNumberSize = 28 // 4号, 14 pt
)

// font is one font of the font table: its name as Word lists it, the
// font to use where it is missing (w:altName) and the panose and pitch
// of that font, so that Word and WPS substitute it; charset 86 is GB2312.
type font struct {
	name, alt, panose, family, pitch string
}

// The fonts of the styles and their fallbacks.
const (
	fontTitle      = "方正小标宋简体"
	fontBody       = "仿宋_GB2312"
	fontHeading1   = "黑体"
	fontHeading2   = "楷体_GB2312"
	fontPageNumber = "宋体"
)

var fonts = []font{
	{fontTitle, "宋体", "02010600030101010101", "auto", "variable"},
	{fontBody, "仿宋", "02010609060101010101", "modern", "fixed"},
	{fontHeading1, "SimHei", "02010609060101010101", "modern", "fixed"},
	{fontHeading2, "楷体", "02010609060101010101", "modern", "fixed"},
	{"宋体", "SimSun", "02010600030101010101", "auto", "variable"},
	{"仿宋", "FangSong", "02010609060101010101", "modern", "fixed"},
	{"楷体", "KaiTi", "02010609060101010101", "modern", "fixed"},
}

// style is one paragraph style of styles.xml.
type style struct {
	goName   string // the Kind's name in Go; empty for styles of no Kind
	id, name string // w:styleId and w:name (Word's built-in names where one fits)
	font     string
	size     int    // half-points
	jc       string // w:jc; empty inherits Normal's "both"
	indent   bool   // first line indented two characters
	right4   bool   // indented four characters from the right
	before   int    // twips of space before
	after    int    // twips of space after
	outline  int    // outline level + 1; 0 for body text
	keepNext bool
	// keepLines keeps the paragraph on one page: a signature's 机关 and
	// date go together.
	keepLines bool
}

// styles holds the style of each Kind, by Kind.
var styles = [kindCount]style{
	Paragraph: {goName: "Paragraph", id: "BodyText", name: "Body Text", font: fontBody, size: bodySize, indent: true},
	Heading1: {goName: "Heading1", id: "Heading1", name: "heading 1", font: fontHeading1, size: bodySize, indent: true,
		outline: 1, keepNext: true},
	Heading2: {goName: "Heading2", id: "Heading2", name: "heading 2", font: fontHeading2, size: bodySize, indent: true,
		outline: 2, keepNext: true},
	Note: {goName: "Note", id: "Note", name: "附注", font: fontBody, size: bodySize, indent: true, before: linePitch},
	Signature: {goName: "Signature", id: "Signature", name: "Signature", font: fontBody, size: bodySize, jc: "right",
		right4: true, before: linePitch, keepLines: true},
}

// The styles of the lines above the blocks: the title, and the line
// under it. The last of them is followed by one blank line.
var (
	titleStyle    = style{id: "Title", name: "Title", font: fontTitle, size: titleSize, jc: "center", after: linePitch}
	subtitleStyle = style{id: "Subtitle", name: "Subtitle", font: fontHeading2, size: bodySize, jc: "center",
		after: linePitch}
)
