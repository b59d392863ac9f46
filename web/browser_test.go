package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/view"
)

// The browser test drives Debian's Chromium over the DevTools protocol
// (chromedp: no Node, no driver binary): it opens the page from the
// address attain serve prints, uploads the shipped example, checks the
// score and the status colours on the page, downloads the scorecard and
// reads it back with openpyxl, and saves screenshots at desktop and phone
// widths. It skips without Chromium unless ATTAIN_REQUIRE_BROWSER=1.

const chromiumPath = "/usr/bin/chromium"

// systemPython is Debian's python3, which has python3-openpyxl (the one on
// PATH may be another).
const systemPython = "/usr/bin/python3"

func needTool(t *testing.T, path, what string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("ATTAIN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s (%s) is required under ATTAIN_REQUIRE_BROWSER=1: %v", what, path, err)
		}
		t.Skipf("%s not installed (%s)", what, path)
	}
}

// artifacts is where screenshots and downloads go: $ATTAIN_ARTIFACTS, or
// the test's temporary folder.
func artifacts(t *testing.T) string {
	dir := os.Getenv("ATTAIN_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readBack opens a scorecard with openpyxl and prints its sheet names and
// the figure under 总分 on 总览.
const readBack = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("|".join(wb.sheetnames))
rows = list(wb["总览"].iter_rows(values_only=True))
for i, r in enumerate(rows):
    if r and r[0] == "总分":
        print(repr(rows[i + 1][0]), rows[i + 1][3])
        break
`

func TestBrowser(t *testing.T) {
	needTool(t, chromiumPath, "Chromium")
	needTool(t, systemPython, "python3 with openpyxl")
	art := artifacts(t)
	token := "browser-test-token"
	_, base := serve(t, Config{Token: token, Version: "test"})

	downloads := filepath.Join(art, "downloads")
	if err := os.MkdirAll(downloads, 0o755); err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first run starts the browser and must not carry a timeout.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 50*time.Second)
	defer cancelT()
	b := &browserRun{t: t, ctx: tctx, base: base, art: art, downloads: downloads,
		want: totalOf(t, expectedJSON(t, filepath.Base(example), readFile(t, example), rules.Default(), eval.Year))}
	if _, err := chromedp.CallBrowser(tctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	b.open(token)
	b.unit()
	b.departments()
	b.city()
	b.drop()
	t.Logf("artefacts in %s", art)
}

// browserRun is one browser session against a server: each method a part
// of the test, in order, on the same page.
type browserRun struct {
	t                    *testing.T
	ctx                  context.Context
	base, art, downloads string
	want                 string // the example's total
}

func (b *browserRun) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// settle waits until the page has stopped scrolling: the script scrolls
// smoothly to a new result, and a click aimed while the page moves lands
// on another element.
func (b *browserRun) settle() {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`new Promise(done => {
		let last = -1, still = 0;
		const tick = () => {
			still = window.scrollY === last ? still + 1 : 0;
			last = window.scrollY;
			if (still >= 5) { done(); } else { requestAnimationFrame(tick); }
		};
		requestAnimationFrame(tick);
	})`, chromedp.EvalAwaitPromise))
}

// open lands on the page from the address attain serve prints, which sets
// the cookie.
func (b *browserRun) open(token string) {
	t, tctx := b.t, b.ctx
	start := time.Now()
	b.do(chromedp.Navigate(b.base+"/?token="+token), chromedp.WaitVisible("#drop"))
	loc, err := chromedp.Run(tctx, chromedp.Location())
	if err != nil || loc != b.base+"/" {
		t.Errorf("after the token address the page is at %q (%v), want %s/", loc, err, b.base)
	}
	fcp, err := chromedp.Run(tctx, chromedp.Poll[float64](
		`(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("first-contentful-paint: %v", err)
	}
	t.Logf("first contentful paint: %.0f ms after navigation start (page ready %v after Navigate)", fcp, time.Since(start).Round(time.Millisecond))
}

// unit uploads the example: the total, the status colours, the chart, the
// scorecard read back by openpyxl, a phone's width, the print.
func (b *browserRun) unit() {
	t, tctx, art := b.t, b.ctx, b.art
	judged := judgedHeadline(t)
	// Choosing the file evaluates it at once (the page's script).
	b.do(chromedp.SetUploadFiles(`input[name=file]`, []string{mustAbs(t, example)}), chromedp.WaitVisible("#total-score"))
	total, err := chromedp.Run(tctx, chromedp.Text("#total-score"))
	if err != nil || total != b.want {
		t.Errorf("total score on the page = %q (%v), want %s", total, err, b.want)
	}
	seen := statusColours(t, tctx, "table.detail .status:not(.word)")
	n := 0
	for _, s := range seen {
		n += s.N
	}
	if n != 56 || len(seen) < 5 {
		t.Errorf("the detail tables show %d statuses in %d colours, want 56 in at least 5: %v", n, len(seen), seen)
	}
	bars, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('svg.chart.wide rect').length`))
	if err != nil || bars != judged {
		t.Errorf("the chart has %d bars (%v), want %d (the headline indicators with a completion)", bars, err, judged)
	}
	shot(t, tctx, filepath.Join(art, "desktop.png"))

	// The scorecard download, read back by another program.
	card := b.download("#dl-scorecard", "hongqi-2019-actuals-评估表.xlsx")
	out, err := exec.Command(systemPython, "-c", readBack, card).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl could not read the scorecard: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "总览|明细|任务明细") {
		t.Fatalf("openpyxl read %q", out)
	}
	if fields := strings.Fields(lines[1]); len(fields) != 2 || !sameNumber(fields[0], b.want) || fields[1] != "优秀" {
		t.Errorf("openpyxl reads 总分 and 等级 as %q, want %s 优秀", lines[1], b.want)
	}

	// A phone.
	b.phone()
	shot(t, tctx, filepath.Join(art, "phone.png"))

	// Printed from the browser: the result only.
	b.do(chromedp.EmulateViewport(1280, 900))
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(art, "print.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// phone turns the page to a phone's width and checks it does not scroll
// sideways.
func (b *browserRun) phone() {
	b.t.Helper()
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil || width > 390 {
		b.t.Errorf("on a phone the page is %d px wide (%v), want no sideways scrolling at 390", width, err)
	}
}

type statusSeen struct {
	Class, Background string
	N                 int
}

var wantColour = map[string]string{"st-exceeded": "rgb(30, 123, 52)", "st-met": "rgb(169, 208, 142)",
	"st-nearly": "rgb(255, 192, 0)", "st-missed": "rgb(224, 102, 102)", "st-nodata": "rgb(191, 191, 191)",
	"st-progress": "rgb(157, 195, 230)"}

// statusColours counts the elements sel finds by their st- class and
// checks each class is shown in the scorecard's colour.
func statusColours(t *testing.T, ctx context.Context, sel string) []statusSeen {
	t.Helper()
	seen, err := chromedp.Run(ctx, chromedp.Evaluate[[]statusSeen](fmt.Sprintf(`(() => {
		const out = {};
		document.querySelectorAll(%q).forEach(el => {
			const c = [...el.classList].find(c => c.startsWith('st-'));
			out[c] = out[c] || {Class: c, Background: getComputedStyle(el).backgroundColor, N: 0};
			out[c].N++;
		});
		return Object.values(out);
	})()`, sel)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range seen {
		if w, ok := wantColour[s.Class]; !ok || s.Background != w {
			t.Errorf("%s: status %s is shown in %s, want %s", sel, s.Class, s.Background, w)
		}
	}
	return seen
}

// download clicks sel and waits for the file name to land in the
// downloads folder; it returns its path.
func (b *browserRun) download(sel, name string) string {
	b.t.Helper()
	path := filepath.Join(b.downloads, name)
	os.Remove(path)
	b.settle()
	b.do(chromedp.Click(sel))
	for {
		if st, err := os.Stat(path); err == nil && st.Size() > 0 {
			return path
		}
		select {
		case <-b.ctx.Done():
			matches, _ := filepath.Glob(filepath.Join(b.downloads, "*"))
			b.t.Fatalf("%s did not download %s (the folder holds %q)", sel, name, matches)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// city uploads a city of 150 units with its own ruleset: recognised,
// ranked, filtered, sorted.
func (b *browserRun) city() {
	t, tctx, art := b.t, b.ctx, b.art
	book, yaml, _ := cityFixture(t, 150)
	dir := t.TempDir()
	cityBook, cityRules := filepath.Join(dir, "units-150.xlsx"), filepath.Join(dir, "synthetic-50.yaml")
	if err := os.WriteFile(cityBook, book, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cityRules, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.SetUploadFiles(`input[name=rules]`, []string{cityRules}))
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](
		`document.querySelector('#rules-info').textContent.includes('共 50 项指标')`)); err != nil {
		t.Fatalf("the uploaded ruleset is not shown: %v", err)
	}
	b.do(chromedp.SetUploadFiles(`input[name=file]`, []string{cityBook}), chromedp.WaitVisible("#rank"))
	rows, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('#rank tbody tr').length`))
	if err != nil || rows != 150 {
		t.Errorf("the ranking has %d rows (%v), want 150", rows, err)
	}
	b.do(chromedp.SendKeys("#rank-filter", "红旗"))
	shown, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#rank tbody tr')].filter(r => !r.hidden).map(r => r.dataset.unit)`))
	if err != nil || len(shown) != 1 || shown[0] != "红旗区" {
		t.Errorf("filtered by 红旗: %q (%v)", shown, err)
	}
	b.do(chromedp.Evaluate[chromedp.Void](
		`(f => { f.value = ''; f.dispatchEvent(new Event('input')); })(document.getElementById('rank-filter'))`))
	// A click on 总分 sorts by it, lowest first: the totals rise down the
	// table.
	b.settle()
	b.do(chromedp.Click(`#rank th:nth-child(3)`))
	if sort, err := chromedp.Run(tctx, chromedp.AttributeValue(`#rank th:nth-child(3)`, "aria-sort")); err != nil ||
		sort.Value != "ascending" {
		t.Errorf("总分 sorted %q (%v)", sort.Value, err)
	}
	col, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#rank tbody tr')].map(r => r.cells[2].textContent)`))
	if err != nil || len(col) != 150 {
		t.Fatalf("totals %d (%v)", len(col), err)
	}
	for i := 1; i < len(col); i++ {
		if decimal.RequireFromString(col[i]).LessThan(decimal.RequireFromString(col[i-1])) {
			t.Errorf("sorted ascending, row %d has %s after %s", i+1, col[i], col[i-1])
			break
		}
	}
	shot(t, tctx, filepath.Join(art, "city-desktop.png"))
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	shot(t, tctx, filepath.Join(art, "city-phone.png"))
}

// drop drops the example on the page rather than picking it, with the
// embedded ruleset chosen back.
func (b *browserRun) drop() {
	t, tctx := b.t, b.ctx
	b.do(chromedp.EmulateViewport(1280, 900),
		chromedp.Evaluate[chromedp.Void](`(r => { r.value = ''; })(document.querySelector('input[name=rules]'))`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[value=auto]').checked = true`),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([bytes], 'dropped.xlsx'));
			document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		})()`, base64.StdEncoding.EncodeToString(readFile(t, example)))),
		chromedp.WaitVisible("#total-score"),
	)
	name, err := chromedp.Run(tctx, chromedp.Text("#file-name"))
	if total, err2 := chromedp.Run(tctx, chromedp.Text("#total-score")); err != nil || err2 != nil || name != "dropped.xlsx" || total != b.want {
		t.Errorf("after a drop the page shows %q with total %q (%v, %v)", name, total, err, err2)
	}
}

// judgedHeadline counts the headline indicators of the example with a
// completion (完成率), which the chart draws.
func judgedHeadline(t *testing.T) int {
	acts, diags, _ := read.Read("x.xlsx", readFile(t, example), rules.Default(), read.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	n := 0
	for _, r := range view.Parts(eval.Evaluate(rules.Default(), acts))[0].Rows {
		if r.Completion.Num {
			n++
		}
	}
	return n
}

func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ptr[T any](v T) *T { return &v }

// sameNumber compares openpyxl's repr of a number cell (186.8) with a
// decimal string (186.80) as decimals.
func sameNumber(py, dec string) bool {
	trim := func(s string) string {
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return trim(py) == trim(dec)
}
