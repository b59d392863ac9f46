package docx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requireOffice finds soffice and the poppler tools, skipping the test
// without them unless ATTAIN_REQUIRE_SOFFICE=1.
func requireOffice(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err == nil {
		for _, tool := range []string{"pdfinfo", "pdftotext"} {
			if _, err = exec.LookPath(tool); err != nil {
				break
			}
		}
	}
	if err != nil {
		if os.Getenv("ATTAIN_REQUIRE_SOFFICE") == "1" {
			t.Fatalf("%v and ATTAIN_REQUIRE_SOFFICE=1", err)
		}
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	return soffice
}

// toPDF converts files to PDF with LibreOffice in one run, in a profile
// of its own, into dir; LibreOffice must not complain.
func toPDF(t *testing.T, soffice, dir string, files ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir}, files...)
	out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("soffice reported: %s", out)
	}
}

// pdfPages is the page count and the size of the first page in points,
// as pdfinfo reports them.
func pdfPages(t *testing.T, pdf string) (pages int, width, height float64) {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out); m != nil {
		pages, _ = strconv.Atoi(string(m[1]))
	}
	if m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(out); m != nil {
		width, _ = strconv.ParseFloat(string(m[1]), 64)
		height, _ = strconv.ParseFloat(string(m[2]), 64)
	}
	return pages, width, height
}

// pageText is the text of one page of pdf.
func pageText(t *testing.T, pdf string, page int) string {
	t.Helper()
	n := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-f", n, "-l", n, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s page %d: %v", pdf, page, err)
	}
	return string(out)
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// checkPageNumbers finds each page's number ("— N —") and checks that it
// is the page's own, below the 版心, on the right of odd pages and on the
// left of even ones.
func checkPageNumbers(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	pages := bboxPage.FindAllSubmatchIndex(out, -1)
	bottom := float64(marginTop+pageHeight-marginTop-marginBottom) / 20 // the 版心's lower edge, in points
	for i, loc := range pages {
		end := len(out)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		width, _ := strconv.ParseFloat(string(out[loc[2]:loc[3]]), 64)
		found := false
		for _, w := range bboxWord.FindAllSubmatch(out[loc[1]:end], -1) {
			if string(w[5]) != strconv.Itoa(i+1) {
				continue
			}
			x0, _ := strconv.ParseFloat(string(w[1]), 64)
			y0, _ := strconv.ParseFloat(string(w[2]), 64)
			x1, _ := strconv.ParseFloat(string(w[3]), 64)
			if y0 < bottom {
				continue
			}
			found = true
			odd := (i+1)%2 == 1
			if odd && x0 < width*3/4 || !odd && x1 > width/4 {
				t.Errorf("page %d: its number spans x %.0f–%.0f of %.0f pt, want the %s", i+1, x0, x1, width,
					map[bool]string{true: "right", false: "left"}[odd])
			}
		}
		if !found {
			t.Errorf("page %d: no page number %d below the 版心 (y > %.0f pt)", i+1, i+1, bottom)
		}
	}
}

// pageCase is a document whose page breaks GB/T 9704 fixes: 22 lines of
// 28 characters to the page.
type pageCase struct {
	name  string
	doc   Document
	pages int
	// first is how many 国 page 1 holds.
	first int
}

// guo is n characters of body text.
func guo(n int) string { return strings.Repeat("国", n) }

func pageCases() []pageCase {
	const line = gridChars
	full := gridLines*line - 2 // one paragraph, its first line indented two characters
	lines := func(n, chars int) []Block {
		var bs []Block
		for range n {
			bs = append(bs, Block{Paragraph, guo(chars)})
		}
		return bs
	}
	every := func(extra int) Document {
		return Document{Title: "标题", Blocks: []Block{{Heading1, "一、标题"}, {Heading2, "（一）标题"},
			{Paragraph, guo(14*line - 2 + extra)}, {Note, "注：附注"}, {Signature, "督查室"}}}
	}
	return []pageCase{
		{"22 lines", Document{Blocks: []Block{{Paragraph, guo(full)}}}, 1, full},
		{"22 lines and a character", Document{Blocks: []Block{{Paragraph, guo(full + 1)}}}, 2, full},
		{"44 lines", Document{Blocks: []Block{{Paragraph, guo(2*gridLines*line - 2)}}}, 2, full},
		{"44 lines and a character", Document{Blocks: []Block{{Paragraph, guo(2*gridLines*line - 1)}}}, 3, full},
		{"22 paragraphs of a line", Document{Blocks: lines(22, line-2)}, 1, 22 * (line - 2)},
		{"23 paragraphs of a line", Document{Blocks: lines(23, line-2)}, 2, 22 * (line - 2)},
		{"title, blank line and 20 lines", Document{Title: "标题", Blocks: []Block{{Paragraph, guo(20*line - 2)}}}, 1, 0},
		{"title and 20 lines and a character", Document{Title: "标题", Blocks: []Block{{Paragraph, guo(20*line - 1)}}},
			2, 20*line - 2},
		{"title, subtitle, blank line, 19 lines and a character", Document{Title: "标题", Subtitle: "日期",
			Blocks: []Block{{Paragraph, guo(19*line - 1)}}}, 2, 19*line - 2},
		{"every kind on one page", every(0), 1, 0},
		{"every kind and a character", every(1), 2, 14*line - 1}, // the signature goes over
	}
}

// TestLibreOfficePages opens documents in LibreOffice, which must convert
// them without repair to A4 PDFs whose pages break where GB/T 9704 puts
// them, with each page's number on the side its parity gives.
func TestLibreOfficePages(t *testing.T) {
	soffice := requireOffice(t)
	dir := t.TempDir()
	cases := pageCases()
	var files []string
	for i, c := range cases {
		var buf bytes.Buffer
		if err := Write(&buf, c.doc); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, fmt.Sprintf("case%02d.docx", i))
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	start := time.Now()
	toPDF(t, soffice, dir, files...)
	t.Logf("%d documents converted in %v", len(files), time.Since(start))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := strings.TrimSuffix(files[i], ".docx") + ".pdf"
			pages, w, h := pdfPages(t, pdf)
			if w < 594.5 || w > 596 || h < 841 || h > 843 {
				t.Errorf("page %.2f × %.2f pt, want A4 (595 × 842)", w, h)
			}
			if pages != c.pages {
				t.Errorf("%d pages, want %d", pages, c.pages)
			}
			if c.first > 0 {
				if got := strings.Count(pageText(t, pdf, 1), "国"); got != c.first {
					t.Errorf("page 1 holds %d characters of the body, want %d", got, c.first)
				}
			}
			checkPageNumbers(t, pdf)
		})
	}
}
