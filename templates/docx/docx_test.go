package docx

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleDocument has one block of every kind, text XML must escape, and
// characters it may not carry.
func sampleDocument() Document {
	return Document{
		Title:    "红旗区2019年上半年\n重点工作任务督查通报",
		Subtitle: "（2019年7月15日）",
		Blocks: []Block{
			{Heading1, "一、总体情况"},
			{Paragraph, "2019年1-6月，纳入督查的44项任务中，35项达到序时进度。"},
			{Heading2, "（一）总量指标"},
			{Paragraph, "“两改”完成投资103.6亿元 & <签约> 项目42个，'跨境' \"贸易\"\t额21.35亿元。"},
			{Paragraph, "控制\x00字符\x0b与\ufffe非法\xff字节\r\n换行\r回车"},
			{Note, "注：完成率保留一位小数。"},
			{Signature, "红旗区人民政府督查室\n2019年7月15日"},
		},
		Properties: Properties{Created: time.Date(2019, 7, 15, 16, 0, 0, 0, time.FixedZone("CST", 8*3600))},
	}
}

// wantParagraphs is what sampleDocument's paragraphs carry: style id and
// text, in order.
var wantParagraphs = []struct{ style, text string }{
	{"Title", "红旗区2019年上半年\n重点工作任务督查通报"},
	{"Subtitle", "（2019年7月15日）"},
	{"Heading1", "一、总体情况"},
	{"BodyText", "2019年1-6月，纳入督查的44项任务中，35项达到序时进度。"},
	{"Heading2", "（一）总量指标"},
	{"BodyText", "“两改”完成投资103.6亿元 & <签约> 项目42个，'跨境' \"贸易\"\t额21.35亿元。"},
	{"BodyText", "控制字符与非法字节\n换行\n回车"},
	{"Note", "注：完成率保留一位小数。"},
	{"Signature", "红旗区人民政府督查室\n2019年7月15日"},
}

func TestPackageParts(t *testing.T) {
	parts, names := unzipDocx(t, sampleDocument())
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
		"word/fontTable.xml", "word/footer1.xml", "word/footer2.xml"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("parts %q, want %q", names, want)
	}
	overrides := map[string]string{}
	for _, o := range parts["[Content_Types].xml"].all("Override") {
		overrides[o.attr("PartName")] = o.attr("ContentType")
	}
	for _, name := range want[2:] {
		if name == "word/_rels/document.xml.rels" {
			continue
		}
		if overrides["/"+name] == "" {
			t.Errorf("[Content_Types].xml has no override for %s", name)
		}
	}
	if !strings.HasSuffix(overrides["/word/document.xml"], "document.main+xml") {
		t.Errorf("document.xml content type %q", overrides["/word/document.xml"])
	}
	targets := map[string]bool{}
	for _, r := range parts["_rels/.rels"].all("Relationship") {
		targets[r.attr("Target")] = true
	}
	for _, p := range []string{"word/document.xml", "docProps/core.xml", "docProps/app.xml"} {
		if !targets[p] {
			t.Errorf("_rels/.rels does not point at %s", p)
		}
	}
	core := parts["docProps/core.xml"]
	if got := core.child("title").Text; got != "红旗区2019年上半年重点工作任务督查通报" {
		t.Errorf("core title %q", got)
	}
	if got := core.child("creator").Text; got != "attain" {
		t.Errorf("core creator %q", got)
	}
	if got := core.child("created").Text; got != "2019-07-15T08:00:00Z" {
		t.Errorf("core created %q, want the time passed in, in UTC", got)
	}
}

// docRels maps the relationship ids of document.xml to their targets.
func docRels(parts map[string]node) map[string]string {
	rels := map[string]string{}
	for _, r := range parts["word/_rels/document.xml.rels"].all("Relationship") {
		rels[r.attr("Id")] = r.attr("Target")
	}
	return rels
}

func TestSection(t *testing.T) {
	parts, _ := unzipDocx(t, sampleDocument())
	sect := parts["word/document.xml"].path("body", "sectPr")
	checks := []struct{ elem, attr, want string }{
		{"pgSz", "w", "11906"}, {"pgSz", "h", "16838"},
		{"pgMar", "top", "2098"}, {"pgMar", "bottom", "1984"}, {"pgMar", "left", "1587"}, {"pgMar", "right", "1474"},
		{"docGrid", "type", "lines"}, {"docGrid", "linePitch", "579"},
	}
	for _, c := range checks {
		if got := sect.child(c.elem).attr(c.attr); got != c.want {
			t.Errorf("sectPr %s/@%s = %q, want %q", c.elem, c.attr, got, c.want)
		}
	}
	rels := docRels(parts)
	footers := map[string]string{}
	for _, f := range sect.all("footerReference") {
		footers[f.attr("type")] = rels[f.attr("id")]
	}
	if footers["default"] != "footer1.xml" || footers["even"] != "footer2.xml" {
		t.Errorf("footers %v, want default (odd pages) footer1.xml, even footer2.xml", footers)
	}
	settings := parts["word/settings.xml"]
	if len(settings.all("evenAndOddHeaders")) != 1 {
		t.Error("settings.xml lacks w:evenAndOddHeaders: even pages would show the odd footer")
	}
	for name, want := range map[string]struct{ jc, indent string }{
		"word/footer1.xml": {"right", "right"}, "word/footer2.xml": {"left", "left"},
	} {
		p := parts[name].child("p")
		if got := p.path("pPr", "jc").attr("val"); got != want.jc {
			t.Errorf("%s aligned %q, want %q", name, got, want.jc)
		}
		if got := p.path("pPr", "ind").attr(want.indent); got != "280" {
			t.Errorf("%s indent %s = %q, want one 4号 character (280)", name, want.indent, got)
		}
		var kinds []string
		for _, f := range p.all("fldChar") {
			kinds = append(kinds, f.attr("fldCharType"))
		}
		instr := p.all("instrText")
		if strings.Join(kinds, " ") != "begin separate end" || len(instr) != 1 || strings.TrimSpace(instr[0].Text) != "PAGE" {
			t.Errorf("%s: field characters %v, instructions %v; want one PAGE field", name, kinds, instr)
		}
		if text := p.runText(); !strings.HasPrefix(text, "— ") || !strings.HasSuffix(text, " —") {
			t.Errorf("%s reads %q, want — N —", name, text)
		}
	}
}

func TestStyles(t *testing.T) {
	parts, _ := unzipDocx(t, sampleDocument())
	byID := map[string]node{}
	for _, s := range parts["word/styles.xml"].all("style") {
		byID[s.attr("styleId")] = s
	}
	tests := []struct {
		id, font, size, kern, jc string
		firstLineChars           string
	}{
		{"Normal", "仿宋_GB2312", "32", "-5", "both", ""},
		{"Title", "方正小标宋简体", "44", "0", "center", ""},
		{"Subtitle", "楷体_GB2312", "32", "-5", "center", ""},
		{"BodyText", "仿宋_GB2312", "32", "-5", "", "200"},
		{"Heading1", "黑体", "32", "-5", "", "200"},
		{"Heading2", "楷体_GB2312", "32", "-5", "", "200"},
		{"Note", "仿宋_GB2312", "32", "-5", "", "200"},
		{"Signature", "仿宋_GB2312", "32", "-5", "right", ""},
		{"Footer", "宋体", "28", "0", "", ""},
	}
	declared := map[string]string{}
	for _, f := range parts["word/fontTable.xml"].all("font") {
		declared[f.attr("name")] = f.child("altName").attr("val")
	}
	for _, tt := range tests {
		s, ok := byID[tt.id]
		if !ok {
			t.Errorf("no style %s", tt.id)
			continue
		}
		fonts := s.path("rPr", "rFonts")
		for _, slot := range []string{"eastAsia", "ascii", "hAnsi"} {
			if got := fonts.attr(slot); got != tt.font {
				t.Errorf("%s rFonts/@%s = %q, want %q", tt.id, slot, got, tt.font)
			}
		}
		if declared[tt.font] == "" {
			t.Errorf("%s: font %s is not in fontTable.xml with a fallback (w:altName)", tt.id, tt.font)
		}
		if got := s.path("rPr", "sz").attr("val"); got != tt.size {
			t.Errorf("%s size %q, want %q half-points", tt.id, got, tt.size)
		}
		if got := s.path("rPr", "spacing").attr("val"); got != tt.kern {
			t.Errorf("%s character spacing %q, want %q", tt.id, got, tt.kern)
		}
		if got := s.path("pPr", "jc").attr("val"); got != tt.jc {
			t.Errorf("%s aligned %q, want %q", tt.id, got, tt.jc)
		}
		if got := s.path("pPr", "ind").attr("firstLineChars"); got != tt.firstLineChars {
			t.Errorf("%s first-line indent %q characters ×100, want %q", tt.id, got, tt.firstLineChars)
		}
	}
	spacing := byID["Normal"].path("pPr", "spacing")
	if spacing.attr("line") != "579" || spacing.attr("lineRule") != "exact" {
		t.Errorf("Normal line spacing %q %q, want exactly 579 twips", spacing.attr("line"), spacing.attr("lineRule"))
	}
	for id, lvl := range map[string]string{"Heading1": "0", "Heading2": "1"} {
		if got := byID[id].path("pPr", "outlineLvl").attr("val"); got != lvl {
			t.Errorf("%s outline level %q, want %q", id, got, lvl)
		}
	}
	fallbacks := map[string]string{"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "黑体": "SimHei", "楷体_GB2312": "楷体",
		"宋体": "SimSun", "仿宋": "FangSong", "楷体": "KaiTi"}
	for f, alt := range fallbacks {
		if declared[f] != alt {
			t.Errorf("fontTable: %s falls back to %q, want %q", f, declared[f], alt)
		}
	}
}

func TestParagraphs(t *testing.T) {
	parts, _ := unzipDocx(t, sampleDocument())
	paras := parts["word/document.xml"].child("body").all("p")
	if len(paras) != len(wantParagraphs) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(wantParagraphs))
	}
	for i, p := range paras {
		w := wantParagraphs[i]
		if got := p.path("pPr", "pStyle").attr("val"); got != w.style {
			t.Errorf("paragraph %d style %q, want %q", i+1, got, w.style)
		}
		if got := p.runText(); got != w.text {
			t.Errorf("paragraph %d text %q, want %q", i+1, got, w.text)
		}
	}
	// The title keeps its blank line for after the subtitle.
	if got := paras[0].path("pPr", "spacing").attr("after"); got != "0" {
		t.Errorf("title followed by a subtitle has space after %q, want 0", got)
	}
}

func TestNoTitle(t *testing.T) {
	parts, _ := unzipDocx(t, Document{Blocks: []Block{{Paragraph, "正文"}, {Paragraph, ""}}})
	paras := parts["word/document.xml"].child("body").all("p")
	if len(paras) != 2 || paras[0].runText() != "正文" || len(paras[1].all("r")) != 0 {
		t.Errorf("document without a title: %+v", paras)
	}
}

func TestWriteDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document gave different bytes")
	}
}

func TestUnknownKind(t *testing.T) {
	err := Write(&bytes.Buffer{}, Document{Blocks: []Block{{Paragraph, "a"}, {Kind(99), "b"}}})
	if !errors.Is(err, ErrKind) || !strings.Contains(err.Error(), "block 2") {
		t.Errorf("err = %v, want ErrKind naming block 2", err)
	}
	if got := Kind(99).String(); got != "Kind(99)" {
		t.Errorf("Kind(99) = %q", got)
	}
	if got := Heading2.String(); got != "Heading2" {
		t.Errorf("Heading2 = %q", got)
	}
}

// TestGrid checks the page arithmetic of GB/T 9704: the margins are the
// millimetres the standard gives, 22 lines and 28 characters fit the
// 版心 and a 23rd line or a 29th character does not.
func TestGrid(t *testing.T) {
	mm := map[string]struct{ twips, mm int }{
		"width": {pageWidth, 210}, "height": {pageHeight, 297}, "top": {marginTop, 37},
		"bottom": {marginBottom, 35}, "left": {marginLeft, 28}, "right": {marginRight, 26},
	}
	for name, m := range mm {
		if exact := float64(m.mm) * 1440 / 25.4; float64(m.twips) < exact-1 || float64(m.twips) > exact+1 {
			t.Errorf("%s = %d twips, %d mm is %.1f", name, m.twips, m.mm, exact)
		}
	}
	height := pageHeight - marginTop - marginBottom
	width := pageWidth - marginLeft - marginRight
	if gridLines*linePitch > height || (gridLines+1)*linePitch <= height {
		t.Errorf("%d twips high hold %d lines of %d, want %d", height, height/linePitch, linePitch, gridLines)
	}
	if gridChars*charAdvance > width || (gridChars+1)*charAdvance <= width {
		t.Errorf("%d twips wide hold %d characters of %d, want %d", width, width/charAdvance, charAdvance, gridChars)
	}
	if got := strconv.Itoa(twoChars); got != "630" {
		t.Errorf("two characters = %s twips", got)
	}
}
