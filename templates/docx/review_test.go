package docx_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/docx"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/view"
)

// reviewDocument is the review text of the shipped example as a 公文:
// the title, the headline targets under 一、 with one （一） heading per
// category, the further groups under 二、, the drafting note and the
// office's signature.
func reviewDocument(t *testing.T) docx.Document {
	t.Helper()
	name := filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	rs := rules.Default()
	acts, diags, _ := read.Read(filepath.Base(name), data, rs, read.ImportOptions{})
	if diags.HasErrors() {
		t.Fatalf("reading the example: %v", diags)
	}
	a := eval.Evaluate(rs, acts)
	d := docx.Document{
		Title:      view.ReviewTitle(a),
		Properties: docx.Properties{Created: time.Date(2020, 1, 10, 9, 0, 0, 0, time.UTC)},
		Blocks:     []docx.Block{{Kind: docx.Heading1, Text: "一、主要预期目标完成情况"}},
	}
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八"}
	sub, groups := 0, false
	for _, p := range view.ReviewText(a) {
		switch {
		case p.Group != "" && !groups:
			groups = true
			d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading1, Text: "二、重点工作任务完成情况"})
		case p.Category != "" && sub < len(numerals):
			d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading2,
				Text: "（" + numerals[sub] + "）" + string(p.Category) + "指标"})
			sub++
		}
		d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Paragraph, Text: p.Text()})
	}
	d.Blocks = append(d.Blocks,
		docx.Block{Kind: docx.Note, Text: "（本稿由 attain 依据评估结果生成，数字取自评分表，完成率保留一位小数。）"},
		docx.Block{Kind: docx.Signature, Text: "红旗区人民政府办公室\n2020年1月10日"})
	return d
}

// standInFonts writes a fontconfig file that stands Noto CJK in for the
// Chinese office fonts the test machine lacks, so that the render shows
// the typography a reader with them sees: the title in a bold song face,
// 一、 headings in a bold sans (黑体), the body in a song face (for 仿宋).
// Without it LibreOffice sets every font in Noto Sans CJK regular.
func standInFonts(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">` + "\n" +
		`<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>` + "\n")
	for _, f := range []struct{ name, standIn, weight string }{
		{"方正小标宋简体", "Noto Serif CJK SC", "bold"}, {"仿宋_GB2312", "Noto Serif CJK SC", ""},
		{"楷体_GB2312", "Noto Serif CJK SC", ""}, {"黑体", "Noto Sans CJK SC", "bold"}, {"宋体", "Noto Serif CJK SC", ""},
	} {
		b.WriteString(`<match target="pattern"><test name="family"><string>` + f.name + `</string></test>` +
			`<edit name="family" mode="assign" binding="strong"><string>` + f.standIn + `</string></edit>`)
		if f.weight != "" {
			b.WriteString(`<edit name="weight" mode="assign" binding="strong"><const>` + f.weight + `</const></edit>`)
		}
		b.WriteString("</match>\n")
	}
	b.WriteString("</fontconfig>\n")
	file := filepath.Join(t.TempDir(), "fonts.conf")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestReviewRender writes the example's review as a 公文, has LibreOffice
// print it and renders the pages to PNG, for a person to look at: into
// ATTAIN_DOCX_RENDER_DIR when it is set, else a temporary directory.
func TestReviewRender(t *testing.T) {
	soffice := docx.RequireOffice(t)
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip(err)
	}
	d := reviewDocument(t)
	dir := os.Getenv("ATTAIN_DOCX_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "review.docx")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FONTCONFIG_FILE", standInFonts(t))
	docx.ToPDF(t, soffice, dir, file)
	pdf := filepath.Join(dir, "review.pdf")
	pages, w, h := docx.PDFPages(t, pdf)
	if w < 594.5 || w > 596 || h < 841 || h > 843 {
		t.Errorf("page %.2f × %.2f pt, want A4", w, h)
	}
	if pages < 2 {
		t.Errorf("%d pages: the example's review runs to more than one", pages)
	}
	docx.CheckPageNumbers(t, pdf)
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, b := range d.Blocks {
		// The start of each block, its lines joined: LibreOffice breaks
		// the lines, and pdftotext may not keep every space.
		want := []rune(strings.Join(strings.Fields(b.Text), ""))
		if head := string(want[:min(len(want), 30)]); !strings.Contains(text, head) {
			t.Errorf("the PDF lacks %q", head)
		}
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "70", pdf, filepath.Join(dir, "review")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "review-*.png"))
	if len(pngs) != pages {
		t.Errorf("%d PNG pages for %d PDF pages", len(pngs), pages)
	}
	t.Logf("%d pages rendered: %s", pages, strings.Join(pngs, " "))
}
