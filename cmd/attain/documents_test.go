package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
)

// The documents attain report --out x.docx and attain bulletin --out
// x.docx write, read back by independent readers: python-docx (Debian's
// python3-docx, at /usr/bin/python3, not whatever python3 comes first on
// PATH) and LibreOffice. Each is skipped when its reader is missing,
// unless ATTAIN_REQUIRE_DOCX=1 or ATTAIN_REQUIRE_SOFFICE=1 (CI sets both).

const debianPython = "/usr/bin/python3"

// paragraphsScript prints every paragraph of the .docx named by argv[1]
// as JSON: its text (a line break read as "\n") and its style's name.
const paragraphsScript = `
import json, sys
import docx
d = docx.Document(sys.argv[1])
json.dump([{"text": p.text, "style": p.style.name} for p in d.paragraphs], sys.stdout, ensure_ascii=False)
`

func requireDocxReader(t *testing.T) {
	t.Helper()
	if err := exec.Command(debianPython, "-c", "import docx").Run(); err != nil {
		if os.Getenv("ATTAIN_REQUIRE_DOCX") == "1" {
			t.Fatalf("python-docx not usable with %s (%v) and ATTAIN_REQUIRE_DOCX=1: apt-get install python3-docx", debianPython, err)
		}
		t.Skipf("python-docx not usable with %s: %v", debianPython, err)
	}
}

// documentRuns are the runs of the documents test: each writes the text
// (txt) and the .docx of one document into dir; headings says whether the
// text carries the document's headings too (the bulletin's does; the
// review's text is the paragraphs between them).
func documentRuns(t *testing.T, dir string) []struct {
	name      string
	txt, docx []string
	headings  bool
} {
	t.Helper()
	example := filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx")
	h1 := filepath.Join(dir, "h1.xlsx")
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rules.Default(), "红旗区", fixture.H1Values2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(h1, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	return []struct {
		name      string
		txt, docx []string
		headings  bool
	}{
		{"review of the year", []string{"report", "--in", example, "--out", out("review.txt")},
			[]string{"report", "--in", example, "--out", out("review.docx")}, false},
		{"review of 1-6月", []string{"report", "--in", h1, "--period", "H1", "--out", out("review-h1.txt")},
			[]string{"report", "--in", h1, "--period", "H1", "--out", out("review-h1.docx")}, false},
		{"bulletin of 1-6月", []string{"bulletin", "--in", h1, "--period", "H1", "--date", "2019-07-10", "--out", out("bulletin-h1.txt")},
			[]string{"bulletin", "--in", h1, "--period", "H1", "--date", "2019-07-10", "--out", out("bulletin-h1.docx")}, true},
		{"bulletin of the example at 1-6月", []string{"bulletin", "--in", example, "--period", "H1", "--date", "2019-07-10",
			"--out", out("bulletin-example.txt")},
			[]string{"bulletin", "--in", example, "--period", "H1", "--date", "2019-07-10", "--out", out("bulletin-example.docx")}, true},
	}
}

func runAttain(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"attain"}, args...), strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("attain %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
}

// plainLines are the non-empty lines of a text output without their
// indent: one per paragraph (a signature one per line of it).
func plainLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimPrefix(l, "　　"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// sentences splits lines into sentences, at 。 and ；.
func sentences(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, s := range regexp.MustCompile(`[^。；]+[。；]?`).FindAllString(l, -1) {
			out = append(out, s)
		}
	}
	return out
}

// TestDocumentsReadBack: python-docx reads in each .docx the text output,
// sentence for sentence and digit for digit: the same paragraphs, in the
// same order, headings apart where the text has none.
func TestDocumentsReadBack(t *testing.T) {
	requireDocxReader(t)
	dir := t.TempDir()
	for _, r := range documentRuns(t, dir) {
		t.Run(r.name, func(t *testing.T) {
			runAttain(t, r.txt...)
			runAttain(t, r.docx...)
			text, err := os.ReadFile(r.txt[len(r.txt)-1])
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd := exec.Command(debianPython, "-c", paragraphsScript, r.docx[len(r.docx)-1])
			cmd.Stderr = &stderr
			js, err := cmd.Output()
			if err != nil {
				t.Fatalf("python-docx: %v\n%s", err, stderr.String())
			}
			var paras []struct{ Text, Style string }
			if err := json.Unmarshal(js, &paras); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range paras {
				switch {
				case strings.HasPrefix(p.Style, "Heading") && !r.headings:
					continue
				case p.Style == "Title":
					// The title is broken into lines; the text has it in one.
					got = append(got, strings.ReplaceAll(p.Text, "\n", ""))
					continue
				}
				got = append(got, strings.Split(p.Text, "\n")...)
			}
			want := plainLines(string(text))
			gs, ws := sentences(got), sentences(want)
			for i := 0; i < max(len(gs), len(ws)); i++ {
				g, w := "", ""
				if i < len(gs) {
					g = gs[i]
				}
				if i < len(ws) {
					w = ws[i]
				}
				if g != w {
					t.Fatalf("sentence %d: the .docx reads\n%q\nthe text says\n%q", i+1, g, w)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("paragraphs differ:\n%s\n---\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(ws) < 5 {
				t.Errorf("only %d sentences compared", len(ws))
			}
		})
	}
}

// TestDocumentsOpenInLibreOffice: LibreOffice converts every document to
// PDF without complaint, and the PDF carries its title.
func TestDocumentsOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err == nil {
		_, err = exec.LookPath("pdftotext")
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
	dir := t.TempDir()
	var files []string
	for _, r := range documentRuns(t, dir) {
		runAttain(t, r.docx...)
		files = append(files, r.docx[len(r.docx)-1])
	}
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
	titles := map[string]string{"review.docx": "红旗区2019年目标任务完成情况", "review-h1.docx": "红旗区2019年1-6月目标任务完成情况",
		"bulletin-h1.docx":      "关于2019年上半年政府工作报告重点任务推进情况的通报",
		"bulletin-example.docx": "关于2019年上半年政府工作报告重点任务推进情况的通报"}
	for _, f := range files {
		pdf := strings.TrimSuffix(f, ".docx") + ".pdf"
		text, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(pdf), err)
			continue
		}
		flat := strings.Join(strings.Fields(string(text)), "")
		if want := titles[filepath.Base(f)]; !strings.Contains(flat, want) {
			t.Errorf("%s lacks its title %q", filepath.Base(pdf), want)
		}
	}
}
