package view

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/docx"
)

// The documents the 政府办公室 reads in Word or WPS as 公文 (templates/docx):
// the review (ReviewDocument) and the in-year 督查通报 (BulletinDocument).
// They are built here, from the same paragraphs as the text outputs, so
// that the CLI and the web write the same document and a .docx says what
// the .txt says, sentence for sentence.

// ReviewDocument is the draft review (工作回顾 or 进展情况) as a 公文: the
// title of ReviewTitle, in two lines; 一、 over the headline group, its opening count and
// a （一） heading over each category's paragraph; 二、, 三、 … over each
// further group's paragraph (重点工作任务); ReviewNote as the 附注. Every
// paragraph that is not a heading is a paragraph of WriteReview's text, in
// the same order. created is the document's creation time.
func ReviewDocument(a *eval.Assessment, created time.Time) docx.Document {
	// The title breaks before its bracket, so that no word is cut in two
	// (GB/T 9704: 回行时要做到词意完整).
	title := ReviewTitle(a)
	if i := strings.Index(title, "（"); i > 0 {
		title = title[:i] + "\n" + title[i:]
	}
	d := docx.Document{Title: title, Properties: docx.Properties{Created: created}}
	done := "完成情况"
	if !a.Period.IsYear() {
		done = "进展情况"
	}
	head := scGroupWord(a)
	if parts := Parts(a); len(parts) > 1 {
		head = parts[0].Group
	}
	d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading1, Text: "一、" + head + done})
	level1, level2 := 1, 0
	for _, p := range ReviewText(a) {
		switch {
		case p.Group != "":
			level1++
			d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading1, Text: Numeral(level1) + "、" + p.Group + done})
		case p.Category != "":
			level2++
			d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Heading2,
				Text: "（" + Numeral(level2) + "）" + categoryHeading(p.Category)})
		}
		d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Paragraph, Text: p.Text()})
	}
	d.Blocks = append(d.Blocks, docx.Block{Kind: docx.Note, Text: "（" + ReviewNote + "）"})
	return d
}

// WriteReviewDocx writes ReviewDocument as a .docx.
func WriteReviewDocx(w io.Writer, a *eval.Assessment, created time.Time) error {
	return docx.Write(w, ReviewDocument(a, created))
}

// categoryHeading names a category's heading: 总量指标, or the category
// itself.
func categoryHeading(c rules.Category) string {
	switch c {
	case rules.CatVolume, rules.CatStructure, rules.CatBenefit, rules.CatLivelihood:
		return string(c) + "指标"
	}
	return string(c)
}

// Numeral writes n (1 to 99) in Chinese numerals as headings number them:
// 一, 十, 十一, 二十三; other numbers in digits.
func Numeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 1 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	}
	tens := digits[n/10]
	if n/10 == 1 {
		tens = ""
	}
	return tens + "十" + digits[n%10]
}

// DateText writes a date as a 公文 does: 2019年7月10日.
func DateText(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// WriteDocumentText writes a document as plain text ("txt") or Markdown
// ("md"): the title in one line, then each block. In plain text a paragraph and a
// note are indented two full-width spaces, headings stand as they are and
// the signature's lines follow one another; every non-empty line but the
// title's is one paragraph of the document (a signature one line per
// line of it), in order.
func WriteDocumentText(w io.Writer, d docx.Document, format string) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "md", "markdown":
		fmt.Fprintf(bw, "# %s\n", strings.ReplaceAll(d.Title, "\n", ""))
		for _, b := range d.Blocks {
			switch b.Kind {
			case docx.Heading1:
				fmt.Fprintf(bw, "\n## %s\n", b.Text)
			case docx.Heading2:
				fmt.Fprintf(bw, "\n### %s\n", b.Text)
			case docx.Signature:
				fmt.Fprintf(bw, "\n%s\n", strings.ReplaceAll(b.Text, "\n", "  \n"))
			default:
				fmt.Fprintf(bw, "\n%s\n", b.Text)
			}
		}
	case "txt", "text", "":
		fmt.Fprintf(bw, "%s\n", strings.ReplaceAll(d.Title, "\n", ""))
		for _, b := range d.Blocks {
			switch b.Kind {
			case docx.Paragraph, docx.Note:
				fmt.Fprintf(bw, "\n　　%s\n", b.Text)
			default:
				fmt.Fprintf(bw, "\n%s\n", b.Text)
			}
		}
	default:
		return fmt.Errorf("document format %q: want md or txt", format)
	}
	return bw.Flush()
}
