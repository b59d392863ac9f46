package web

import (
	"archive/zip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/attain-tool/attain/eval"
)

// The browser test's part on the 分解表: the department view on the page,
// the review and the 督查通报 downloaded as .docx, the progress words of a
// run over 1-6月. Screenshots of the department view and of the progress
// words at desktop and phone widths go to ATTAIN_ARTIFACTS
// (duties.png, departments-desktop.png, departments-phone.png, overview-h1.png,
// departments-h1.png, progress-desktop.png, progress-phone.png).

type deptSeen struct {
	Name, Class, Behind string
}

// departments uploads the example 分解表 beside the example, then the
// 1-6月 figures over H1, and leaves the page without them.
func (b *browserRun) departments() {
	t, tctx := b.t, b.ctx
	ex := readFile(t, example)
	b.do(chromedp.EmulateViewport(1280, 900),
		chromedp.SetUploadFiles(`input[name=duties]`, []string{mustAbs(t, exampleDuties)}),
		chromedp.WaitVisible("#departments"))
	b.deptRows(ledAssessment(t, ex, eval.Year), "未完成")
	statusColours(t, tctx, "#depts .chip")
	info, err := chromedp.Run(tctx, chromedp.Text("#duties-info"))
	if err != nil || !strings.Contains(info, "42项任务，40项对应56项指标") ||
		!strings.Contains(info, "hongqi-2019-duties.xlsx: 分解表!B20") || !strings.Contains(info, "hongqi-2019-duties.xlsx: 分解表!B39") {
		t.Errorf("the 分解表's summary and warnings on the page: %q (%v)", info, err)
	}
	b.elementShot("#duties-info", "duties.png")
	b.elementShot("#departments", "departments-desktop.png")
	review := b.download("#dl-review", "hongqi-2019-actuals-回顾文稿.docx")
	checkDocx(t, review, "红旗区2019年目标任务完成情况")
	b.phone()
	b.elementShot("#departments", "departments-phone.png")

	// The 1-6月 figures over H1: 欠进度 puts a department first, each row
	// carries its progress word, and the bulletin can be downloaded.
	h1 := filepath.Join(t.TempDir(), "hongqi-2019-h1.xlsx")
	if err := os.WriteFile(h1, h1Example(t), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.EmulateViewport(1280, 900), chromedp.SetUploadFiles(`input[name=file]`, []string{h1}))
	b.poll(`document.querySelector('.result-head') && document.querySelector('.result-head').textContent.includes('hongqi-2019-h1.xlsx')`)
	b.do(chromedp.Evaluate[chromedp.Void](
		`(s => { s.value = 'H1'; s.dispatchEvent(new Event('change')); })(document.querySelector('select[name=period]'))`))
	b.poll(`document.querySelector('table.detail [data-progress]') !== null && document.querySelector('#dl-bulletin') !== null`)
	a := ledAssessment(t, h1Example(t), mustPeriod(t, "H1"))
	b.deptRows(a, "欠进度")
	words, err := chromedp.Run(tctx, chromedp.Evaluate[map[string]int](`(() => {
		const n = {};
		document.querySelectorAll('table.detail [data-progress]').forEach(el => { n[el.dataset.progress] = (n[el.dataset.progress] || 0) + 1; });
		return n;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for i := range a.Results {
		want[string(a.Results[i].Progress.Status)]++
	}
	for w, n := range want {
		if words[w] != n {
			t.Errorf("the rows show %s %d times, want %d (all: %v)", w, words[w], n, words)
		}
	}
	if words["欠进度"] == 0 || words["超进度"] == 0 || words["未到期"] == 0 {
		t.Errorf("progress words on the rows: %v", words)
	}
	statusColours(t, tctx, "table.detail .status.word")
	b.elementShot("#overview", "overview-h1.png")
	b.elementShot("#departments", "departments-h1.png")
	b.elementShot("#part-1", "progress-desktop.png")
	bulletin := b.download("#dl-bulletin", "hongqi-2019-h1-督查通报.docx")
	checkDocx(t, bulletin, "关于2019年上半年政府工作报告重点任务推进情况的通报")
	b.phone()
	b.elementShot("#part-1", "progress-phone.png")

	// Without the 分解表 and over the year again, for the parts that follow.
	b.do(chromedp.EmulateViewport(1280, 900), chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelector('input[name=duties]').value = '';
		document.querySelector('select[name=period]').value = 'year';
	})()`))
}

// deptRows checks the 责任单位 table against eval.Departments of a: the
// same departments in the same order, those behind marked and their
// indicators named.
func (b *browserRun) deptRows(a *eval.Assessment, behindWord string) {
	t := b.t
	t.Helper()
	rows, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]deptSeen](`[...document.querySelectorAll('#depts tbody tr')].map(r =>
		({Name: r.dataset.dept, Class: r.className, Behind: r.querySelector('td.behind').textContent}))`))
	if err != nil {
		t.Fatal(err)
	}
	v := eval.Departments(a)
	if len(rows) != len(v.Departments) {
		t.Fatalf("the 责任单位 table has %d rows, want %d", len(rows), len(v.Departments))
	}
	for i, d := range v.Departments {
		if rows[i].Name != d.Name || (d.Behind > 0) != (rows[i].Class == "dept-behind") || (d.Behind > 0) != (rows[i].Behind != "") {
			t.Errorf("row %d: %+v, want %s with %d %s", i+1, rows[i], d.Name, d.Behind, behindWord)
		}
	}
	head, err := chromedp.Run(b.ctx, chromedp.Text("#depts thead"))
	if err != nil || !strings.Contains(head, behindWord+"的指标") {
		t.Errorf("the 责任单位 header %q (%v) does not name %s", head, err, behindWord)
	}
}

func (b *browserRun) poll(cond string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](cond)); err != nil {
		b.t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// elementShot saves a screenshot of the element sel, measured in the
// page and captured beyond the viewport.
func (b *browserRun) elementShot(sel, name string) {
	b.t.Helper()
	r, err := chromedp.Run(b.ctx, chromedp.Evaluate[page.Viewport](fmt.Sprintf(`(() => {
		window.scrollTo({top: 0, left: 0, behavior: 'instant'});
		const e = document.querySelector(%q).getBoundingClientRect();
		return {x: Math.round(e.left + window.scrollX), y: Math.round(e.top + window.scrollY), width: Math.round(e.width),
			height: Math.round(e.height), scale: 1};
	})()`, sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	res, err := chromedp.Call(b.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: ptr(true), Clip: &r})
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.art, name), res.Data, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// checkDocx holds a download to a .docx: a zip with word/document.xml,
// whose first paragraph python-docx reads as beginning with title (when python-docx is
// installed; cmd/attain's serve test compares every paragraph).
func checkDocx(t *testing.T, path, title string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a zip: %v", filepath.Base(path), err)
	}
	defer zr.Close()
	if !hasEntry(&zr.Reader, "word/document.xml") {
		t.Errorf("%s has no word/document.xml", filepath.Base(path))
	}
	if exec.Command(systemPython, "-c", "import docx").Run() != nil {
		return
	}
	out, err := exec.Command(systemPython, "-c", "import sys, docx; print(docx.Document(sys.argv[1]).paragraphs[0].text.replace('\\n', ''))",
		path).Output()
	if got := strings.TrimSpace(string(out)); err != nil || !strings.HasPrefix(got, title) {
		t.Errorf("python-docx reads the title of %s as %q (%v), want %q…", filepath.Base(path), got, err, title)
	}
}

func mustPeriod(t *testing.T, code string) eval.Period {
	p, err := eval.ParsePeriod(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
