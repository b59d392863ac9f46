package docx

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// pythonDocx is Debian's python3 with python-docx (python3-docx), not
// whatever python3 comes first on PATH.
const pythonDocx = "/usr/bin/python3"

// readBackScript prints, as JSON, what python-docx reads from the file
// named by argv[1]: each paragraph's text, style name and the font of each
// run as it resolves (the run's own rFonts and size, else its style's and
// the style's base styles'), the section's page and margins in twips,
// whether odd and even pages have their own footers, and the footers'
// text and alignment.
const readBackScript = `
import json, sys
import docx
from docx.oxml.ns import qn

d = docx.Document(sys.argv[1])

def resolve(run, style):
    ea = asc = None
    size = None
    rpr = run._element.rPr
    if rpr is not None and rpr.rFonts is not None:
        ea, asc = rpr.rFonts.get(qn('w:eastAsia')), rpr.rFonts.get(qn('w:ascii'))
    if run.font.size is not None:
        size = run.font.size.pt
    s = style
    while s is not None and (ea is None or asc is None or size is None):
        srpr = s.element.rPr
        if srpr is not None and srpr.rFonts is not None:
            ea = ea or srpr.rFonts.get(qn('w:eastAsia'))
            asc = asc or srpr.rFonts.get(qn('w:ascii'))
        if size is None and s.font.size is not None:
            size = s.font.size.pt
        s = s.base_style
    return {"text": run.text, "eastAsia": ea, "ascii": asc, "size": size}

paras = []
for p in d.paragraphs:
    paras.append({"text": p.text, "style": p.style.name,
                  "runs": [resolve(r, p.style) for r in p.runs]})
s = d.sections[0]
def footer(f):
    return [{"text": p.text, "alignment": str(p.alignment if p.alignment is not None else p.style.paragraph_format.alignment)}
            for p in f.paragraphs]
out = {
    "paragraphs": paras,
    "page": [s.page_width.twips, s.page_height.twips],
    "margins": [s.top_margin.twips, s.bottom_margin.twips, s.left_margin.twips, s.right_margin.twips],
    "oddEven": d.settings.odd_and_even_pages_header_footer,
    "footer": footer(s.footer),
    "evenFooter": footer(s.even_page_footer),
    "title": d.core_properties.title,
    "creator": d.core_properties.author,
}
json.dump(out, sys.stdout, ensure_ascii=False)
`

type readBack struct {
	Paragraphs []struct {
		Text, Style string
		Runs        []struct {
			Text, EastAsia, ASCII string
			Size                  float64
		}
	}
	Page, Margins      []int
	OddEven            bool
	Footer, EvenFooter []struct{ Text, Alignment string }
	Title, Creator     string
}

// requirePythonDocx finds python-docx, skipping the test without it
// unless ATTAIN_REQUIRE_DOCX=1.
func requirePythonDocx(t *testing.T) {
	t.Helper()
	err := exec.Command(pythonDocx, "-c", "import docx").Run()
	if err == nil {
		return
	}
	if os.Getenv("ATTAIN_REQUIRE_DOCX") == "1" {
		t.Fatalf("python-docx not usable with %s (%v) and ATTAIN_REQUIRE_DOCX=1: apt-get install python3-docx", pythonDocx, err)
	}
	t.Skipf("python-docx not usable with %s: %v", pythonDocx, err)
}

// TestPythonDocxReadsBack has python-docx, an independent reader, read
// the sample document: every paragraph's text, character for character,
// its style, and each run's font and size; the page, margins and footers.
func TestPythonDocxReadsBack(t *testing.T) {
	requirePythonDocx(t)
	var buf bytes.Buffer
	if err := Write(&buf, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sample.docx")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(pythonDocx, "-c", readBackScript, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python-docx: %v\n%s", err, stderr.Bytes())
	}
	var rb readBack
	if err := json.Unmarshal(out, &rb); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checkReadBack(t, rb)
}

// pyStyles is what python-docx names each style id (Word's built-in
// names as shown, Heading 1 for "heading 1"), with the east Asian font
// and size in points its runs must resolve to.
var pyStyles = map[string]struct {
	name, font string
	size       float64
}{
	"Title":     {"Title", "方正小标宋简体", 22},
	"Subtitle":  {"Subtitle", "楷体_GB2312", 16},
	"BodyText":  {"Body Text", "仿宋_GB2312", 16},
	"Heading1":  {"Heading 1", "黑体", 16},
	"Heading2":  {"Heading 2", "楷体_GB2312", 16},
	"Note":      {"附注", "仿宋_GB2312", 16},
	"Signature": {"Signature", "仿宋_GB2312", 16},
}

func checkReadBack(t *testing.T, rb readBack) {
	t.Helper()
	if len(rb.Paragraphs) != len(wantParagraphs) {
		t.Fatalf("python-docx reads %d paragraphs, want %d", len(rb.Paragraphs), len(wantParagraphs))
	}
	for i, p := range rb.Paragraphs {
		w := wantParagraphs[i]
		st := pyStyles[w.style]
		if p.Text != w.text {
			t.Errorf("paragraph %d: python-docx reads %q, want %q", i+1, p.Text, w.text)
		}
		if p.Style != st.name {
			t.Errorf("paragraph %d: style %q, want %q", i+1, p.Style, st.name)
		}
		if len(p.Runs) == 0 {
			t.Errorf("paragraph %d has no run", i+1)
		}
		for j, r := range p.Runs {
			if r.EastAsia != st.font || r.ASCII != st.font || r.Size != st.size {
				t.Errorf("paragraph %d run %d: font %q/%q %vpt, want %q %vpt", i+1, j+1, r.EastAsia, r.ASCII, r.Size,
					st.font, st.size)
			}
		}
	}
	if len(rb.Page) != 2 || rb.Page[0] != 11906 || rb.Page[1] != 16838 {
		t.Errorf("page %v twips, want A4 11906 × 16838", rb.Page)
	}
	if want := []int{2098, 1984, 1587, 1474}; len(rb.Margins) != 4 || rb.Margins[0] != want[0] ||
		rb.Margins[1] != want[1] || rb.Margins[2] != want[2] || rb.Margins[3] != want[3] {
		t.Errorf("margins (top, bottom, left, right) %v, want %v", rb.Margins, want)
	}
	if !rb.OddEven {
		t.Error("python-docx sees no separate odd and even footers")
	}
	for _, f := range []struct {
		name   string
		got    []struct{ Text, Alignment string }
		number string
		align  string
	}{{"odd footer", rb.Footer, "1", "RIGHT"}, {"even footer", rb.EvenFooter, "2", "LEFT"}} {
		if len(f.got) != 1 || f.got[0].Text != "— "+f.number+" —" || !bytes.HasPrefix([]byte(f.got[0].Alignment), []byte(f.align)) {
			t.Errorf("%s reads %+v, want — %s — aligned %s", f.name, f.got, f.number, f.align)
		}
	}
	if rb.Title != "红旗区2019年上半年重点工作任务督查通报" || rb.Creator != "attain" {
		t.Errorf("core properties: title %q, creator %q", rb.Title, rb.Creator)
	}
}
