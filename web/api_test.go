package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/scorecard"
	"github.com/attain-tool/attain/templates/view"
)

var corpus = filepath.Join("..", "templates", "read", "testdata", "corpus")

// testServer is a server behind httptest, reached as 127.0.0.1:PORT.
func testServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return fixture.Evaluated }
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	_, port, _ := strings.Cut(strings.TrimPrefix(ts.URL, "http://"), ":")
	s.hosts.port = port
	return s, ts
}

// post sends a multipart form and returns the answer with its body read.
func post(t *testing.T, url string, parts ...part) (*http.Response, []byte) {
	t.Helper()
	body, ctype := multipartBody(t, parts...)
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func errorOf(t *testing.T, body []byte) errorBody {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an error JSON: %v: %s", err, body)
	}
	return e
}

// cityFixture is a generated city workbook of n units and its ruleset, as
// cmd/mkfixtures -units writes them.
func cityFixture(t testing.TB, n int) (book, yaml []byte, rs *rules.Ruleset) {
	t.Helper()
	syn := fixture.SyntheticRuleset(50)
	yaml, err := rules.Marshal(syn)
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := rules.Parse("synthetic-50.yaml", yaml)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, rs, n, 50, 2019); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), yaml, rs
}

func TestEvaluateAnswers(t *testing.T) {
	_, ts := testServer(t, Config{})
	ex := readFile(t, example)
	book, yaml, syn := cityFixture(t, 5)
	city := func(units []eval.Unit, diags rules.Diagnostics, p eval.Period) *eval.City {
		c := eval.EvaluateUnits(units, eval.Options{Period: p})
		c.Problems = append(c.Problems, diags...)
		return c
	}
	unitsOf := func() ([]eval.Unit, rules.Diagnostics) {
		return read.ReadUnits("units-5.xlsx", book, syn, read.UnitsOptions{})
	}
	tests := []struct {
		name  string
		parts []part
		want  func(t *testing.T) []byte
		mode  string
	}{
		{"example as JSON", []part{fileField("file", "hongqi-2019-actuals.xlsx", ex)},
			func(t *testing.T) []byte {
				return expectedJSON(t, "hongqi-2019-actuals.xlsx", ex, rules.Default(), eval.Year)
			}, "unit"},
		{"example in H1", []part{fileField("file", "hongqi-2019-actuals.xlsx", ex), textField("period", "H1")},
			func(t *testing.T) []byte {
				h1, _ := eval.ParsePeriod("H1")
				return expectedJSON(t, "hongqi-2019-actuals.xlsx", ex, rules.Default(), h1)
			}, "unit"},
		{"example as CSV", []part{fileField("file", "hongqi-2019-actuals.xlsx", ex), textField("format", "csv")},
			func(t *testing.T) []byte {
				acts, _, _ := read.Read("hongqi-2019-actuals.xlsx", ex, rules.Default(), read.ImportOptions{})
				var b bytes.Buffer
				view.WriteCSV(&b, eval.Evaluate(rules.Default(), acts))
				return b.Bytes()
			}, "unit"},
		{"bureau table", []part{fileField("file", "bureau-merged.xlsx", readFile(t, filepath.Join(corpus, "bureau-merged.xlsx")))},
			func(t *testing.T) []byte {
				return expectedJSON(t, "bureau-merged.xlsx", readFile(t, filepath.Join(corpus, "bureau-merged.xlsx")), rules.Default(), eval.Year)
			}, "unit"},
		{"city with units=1", []part{fileField("file", "units-5.xlsx", book), fileField("rules", "synthetic-50.yaml", yaml),
			textField("units", "1")},
			func(t *testing.T) []byte {
				u, d := unitsOf()
				var b bytes.Buffer
				view.WriteCityJSON(&b, city(u, d, eval.Year))
				return b.Bytes()
			}, "city"},
		{"city recognised", []part{fileField("file", "units-5.xlsx", book), fileField("rules", "synthetic-50.yaml", yaml),
			textField("units", "auto"), textField("period", "Q3")},
			func(t *testing.T) []byte {
				u, d := unitsOf()
				q3, _ := eval.ParsePeriod("Q3")
				var b bytes.Buffer
				view.WriteCityJSON(&b, city(u, d, q3))
				return b.Bytes()
			}, "city"},
		{"city as CSV", []part{fileField("file", "units-5.xlsx", book), fileField("rules", "synthetic-50.yaml", yaml),
			textField("units", "1"), textField("format", "csv")},
			func(t *testing.T) []byte {
				u, d := unitsOf()
				var b bytes.Buffer
				view.WriteCityCSV(&b, city(u, d, eval.Year))
				return b.Bytes()
			}, "city"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+"/api/evaluate", tt.parts...)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if want := tt.want(t); !bytes.Equal(body, want) {
				t.Errorf("answer differs from the library's (%d vs %d bytes)\n got: %.300s\nwant: %.300s", len(body), len(want), body, want)
			}
			if got := resp.Header.Get("X-Attain-Mode"); got != tt.mode {
				t.Errorf("X-Attain-Mode = %q, want %q", got, tt.mode)
			}
		})
	}
}

func TestModeGuess(t *testing.T) {
	// Every bureau table of the import corpus that reads as one unit is
	// taken for one unit, though the multi-unit reader would take its
	// columns (本年累计, 上年同期 …) for units.
	files, _ := filepath.Glob(filepath.Join(corpus, "*.xlsx"))
	for _, f := range append(files, example) {
		data := readFile(t, f)
		if _, diags, _ := read.Read(filepath.Base(f), data, rules.Default(), read.ImportOptions{}); diags.HasErrors() {
			continue
		}
		out, err := Evaluate(Input{Name: filepath.Base(f), Data: data, Mode: ModeAuto})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if out.Mode != ModeUnit || !out.Detected {
			t.Errorf("%s: taken for %s", filepath.Base(f), out.Mode)
		}
	}
	book, _, syn := cityFixture(t, 3)
	out, err := Evaluate(Input{Name: "units-3.xlsx", Data: book, Rules: syn, Mode: ModeAuto})
	if err != nil || out.Mode != ModeCity || len(out.City.Units) != 3 {
		t.Errorf("a city of 3 units: %+v, %v", out, err)
	}
	for _, tt := range []struct {
		name  string
		title bool
	}{{"红旗区", false}, {"卫滨区", false}, {"月湖区", false}, {"本年累计", true}, {"1-12月", true}, {"上年同期", true},
		{"增长(%)", true}, {"同比±%", true}, {"2019年", true}, {"本月", true}, {"单位0013", false}, {"一季度", true}} {
		if got := columnTitle(tt.name); got != tt.title {
			t.Errorf("columnTitle(%q) = %v", tt.name, got)
		}
	}
}

func TestRefusals(t *testing.T) {
	_, ts := testServer(t, Config{})
	ex := readFile(t, example)
	badRules := []byte("ruleset: x\nentity: 红旗区\nyear: 2019\nindicators:\n  - id: a\n    nmae: 甲\n")
	tests := []struct {
		name     string
		path     string
		parts    []part
		status   int
		error    string   // in the message
		position []string // the problems' positions, in order
	}{
		{"no file", "/api/evaluate", []part{textField("period", "year")}, 400, "请选择要评估的文件", nil},
		{"empty file input", "/api/evaluate", []part{fileField("file", "-", nil), fileField("rules", "-", nil)}, 400, "请选择要评估的文件", nil},
		{"bad period", "/api/evaluate", []part{fileField("file", "a.xlsx", ex), textField("period", "Q5")}, 400,
			`period 的值 "Q5" 无效`, nil},
		{"bad units", "/api/evaluate", []part{fileField("file", "a.xlsx", ex), textField("units", "maybe")}, 400,
			`units 的值 "maybe" 无效`, nil},
		{"bad format", "/api/evaluate", []part{fileField("file", "a.xlsx", ex), textField("format", "xml")}, 400,
			`format 的值 "xml" 无效`, nil},
		{"text in a number cell", "/api/evaluate", []part{fileField("file", "not-a-number.xlsx",
			readFile(t, filepath.Join(corpus, "not-a-number.xlsx")))}, 422, "不是数字",
			[]string{"not-a-number.xlsx: Sheet1!E2"}},
		{"an old .xls", "/api/scorecard", []part{fileField("file", "old-format.xls",
			readFile(t, filepath.Join(corpus, "old-format.xls")))}, 422, ".xlsx", []string{"old-format.xls"}},
		{"an empty file", "/api/evaluate", []part{fileField("file", "empty.xlsx", []byte{})}, 422, "empty.xlsx", nil},
		{"a path as the name", "/api/evaluate", []part{fileField("file", `C:\Users\统计局\not-a-number.xlsx`,
			readFile(t, filepath.Join(corpus, "not-a-number.xlsx")))}, 422, "", []string{"not-a-number.xlsx: Sheet1!E2"}},
		{"rules with an unknown key", "/api/evaluate", []part{fileField("file", "a.xlsx", ex),
			fileField("rules", "my.yaml", badRules)}, 422, "my.yaml:6:5", []string{"my.yaml:6:5"}},
		{"unknown embedded ruleset", "/api/evaluate", []part{fileField("file", "a.xlsx", ex), textField("rules", "nope-2019")},
			422, `没有内置规则集 "nope-2019"`, nil},
		{"report of a city", "/api/report", []part{fileField("file", "a.xlsx", ex), textField("units", "1")}, 400,
			"回顾文稿为一个单位撰写", nil},
		{"bad date", "/api/scorecard", []part{fileField("file", "a.xlsx", ex), textField("date", "15/01/2020")}, 400,
			`date 的值 "15/01/2020" 无效`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+tt.path, tt.parts...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != jsonType {
				t.Errorf("Content-Type %q", ct)
			}
			e := errorOf(t, body)
			if !strings.Contains(e.Error, tt.error) {
				t.Errorf("error %q does not say %q", e.Error, tt.error)
			}
			var got []string
			for _, p := range e.Problems {
				got = append(got, p.Position)
			}
			for _, pos := range tt.position {
				if !slices.Contains(got, pos) {
					t.Errorf("no problem at %q among %q", pos, got)
				}
			}
			for _, p := range e.Problems {
				if p.Summary == "" || p.Level == "" {
					t.Errorf("problem without words: %+v", p)
				}
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	s, ts := testServer(t, Config{MaxUpload: 64 << 10})
	big := bytes.Repeat([]byte("0"), 200<<10)

	// Declared too large: refused before the body is read.
	body, ctype := multipartBody(t, fileField("file", "big.xlsx", big))
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/evaluate", body)
	req.Header.Set("Content-Type", ctype)
	resp, b := do(t, req)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(errorOf(t, b).Error, "上限 64 KiB") {
		t.Errorf("declared: %d %s", resp.StatusCode, b)
	}

	// Sent without a length: cut off at the limit.
	body, ctype = multipartBody(t, fileField("file", "big.xlsx", big))
	req, _ = http.NewRequest(http.MethodPost, ts.URL+"/api/evaluate", io.MultiReader(body))
	req.ContentLength = -1
	req.Header.Set("Content-Type", ctype)
	resp, b = do(t, req)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: %d %s", resp.StatusCode, b)
	}

	// The page answers the same, and the server goes on serving.
	body, ctype = multipartBody(t, fileField("file", "big.xlsx", big))
	req, _ = http.NewRequest(http.MethodPost, ts.URL+"/", body)
	req.Header.Set("Content-Type", ctype)
	if resp, _ = do(t, req); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("page: %d", resp.StatusCode)
	}
	resp, b = post(t, ts.URL+"/api/evaluate", fileField("file", "hongqi-2019-actuals.xlsx", readFile(t, example)))
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after refusals: %d %s", resp.StatusCode, b)
	}
	// The handler gives its share back just after the answer is sent.
	free := int64(0)
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		s.gate.mu.Lock()
		free = s.gate.memory
		s.gate.mu.Unlock()
		if free == s.cfg.MaxMemory {
			break
		}
	}
	if free != s.cfg.MaxMemory {
		t.Errorf("the gate holds %d bytes after the requests ended", s.cfg.MaxMemory-free)
	}
}

func TestDownloads(t *testing.T) {
	_, ts := testServer(t, Config{Version: "v9.9.9"})
	ex := readFile(t, example)
	acts, _, _ := read.Read("hongqi-2019-actuals.xlsx", ex, rules.Default(), read.ImportOptions{})
	a := eval.Evaluate(rules.Default(), acts)

	resp, body := post(t, ts.URL+"/api/scorecard", fileField("file", "hongqi-2019-actuals.xlsx", ex))
	var want bytes.Buffer
	if err := scorecard.WriteScorecard(&want, a, scorecard.ScorecardOptions{InputName: "hongqi-2019-actuals.xlsx",
		Evaluated: fixture.Evaluated, Version: "v9.9.9"}); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != xlsxType || !samePackage(t, body, want.Bytes()) {
		t.Errorf("scorecard: %d %s, %d bytes, want the library's %d", resp.StatusCode, resp.Header.Get("Content-Type"),
			len(body), want.Len())
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename*=utf-8''hongqi-2019-actuals-%E8%AF%84%E4%BC%B0%E8%A1%A8.xlsx` {
		t.Errorf("Content-Disposition %q", cd)
	}

	for _, format := range []string{"md", "txt"} {
		resp, body = post(t, ts.URL+"/api/report", fileField("file", "hongqi-2019-actuals.xlsx", ex), textField("format", format))
		want.Reset()
		view.WriteReview(&want, a, format)
		if resp.StatusCode != 200 || !bytes.Equal(body, want.Bytes()) {
			t.Errorf("report %s: %d, %.200s", format, resp.StatusCode, body)
		}
	}

	// The template, of the embedded ruleset and of an uploaded one.
	want.Reset()
	templates.WriteTemplate(&want, rules.Default())
	resp, body = do(t, mustRequest(t, http.MethodGet, ts.URL+"/api/template"))
	if resp.StatusCode != 200 || !samePackage(t, body, want.Bytes()) {
		t.Errorf("template: %d, %d bytes, want %d", resp.StatusCode, len(body), want.Len())
	}
	_, yaml, syn := cityFixture(t, 1)
	want.Reset()
	templates.WriteTemplate(&want, syn)
	resp, body = post(t, ts.URL+"/api/template", fileField("rules", "synthetic-50.yaml", yaml))
	if resp.StatusCode != 200 || !samePackage(t, body, want.Bytes()) {
		t.Errorf("template of an upload: %d, %.200s", resp.StatusCode, body)
	}
	resp, body = do(t, mustRequest(t, http.MethodGet, ts.URL+"/api/template?rules=nope"))
	if resp.StatusCode != 422 || !strings.Contains(errorOf(t, body).Error, "没有内置规则集") {
		t.Errorf("template of an unknown ruleset: %d %s", resp.StatusCode, body)
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestMethodsAndPaths(t *testing.T) {
	_, ts := testServer(t, Config{})
	for _, tt := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200}, {"GET", "/static/style.css", 200}, {"GET", "/static/app.js", 200}, {"GET", "/static/icon.svg", 200},
		{"GET", "/api/evaluate", 405}, {"PUT", "/api/template", 405}, {"DELETE", "/", 405},
		{"GET", "/nope", 404}, {"GET", "/static/page.html", 404}, {"GET", "/static/", 404},
		{"GET", "/favicon.ico", 200},
	} {
		resp, body := do(t, mustRequest(t, tt.method, ts.URL+tt.path))
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: %d, want %d: %.100s", tt.method, tt.path, resp.StatusCode, tt.status, body)
		}
	}
}

func TestPage(t *testing.T) {
	_, ts := testServer(t, Config{Version: "v-test"})
	resp, body := do(t, mustRequest(t, http.MethodGet, ts.URL+"/"))
	page := string(body)
	for _, want := range []string{`lang="zh-CN"`, "规则集", `href="/api/template"`, "共 56 项指标", `name="file"`,
		`value="H1"`, "v-test", `src="/static/app.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("GET / lacks %q", want)
		}
	}
	for _, bad := range []string{"http://", "https://", "<script>", "style="} {
		if strings.Contains(page, bad) && bad != "http://" || bad == "http://" && strings.Contains(strings.ReplaceAll(page,
			`xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("GET / holds %q: nothing may come from the network or be inline", bad)
		}
	}
	if resp.StatusCode != 200 {
		t.Errorf("GET /: %d", resp.StatusCode)
	}

	// The page with a result: the figures of the scorecard, the chart, the
	// sources.
	resp, body = post(t, ts.URL+"/", fileField("file", "hongqi-2019-actuals.xlsx", readFile(t, example)), textField("units", "auto"))
	page = string(body)
	for _, want := range []string{`id="total-score">186.80<`, "优秀", `<svg class="chart wide"`, "st-exceeded", "st-missed",
		"hongqi-2019-actuals.xlsx: 填报表!H5", "增长8.6%，目标8.5%左右", "任务明细", "数据问题", "自动识别", "回顾文稿"} {
		if !strings.Contains(page, want) {
			t.Errorf("POST / lacks %q", want)
		}
	}

	// A rule file with problems: each at line:col.
	bad := []byte("ruleset: x\nentity: 红旗区\nyear: 2019\nindicators:\n  - id: a\n    nmae: 甲\n")
	resp, body = post(t, ts.URL+"/", fileField("rules", "my.yaml", bad), textField("action", "rules"))
	if resp.StatusCode != 422 || !strings.Contains(string(body), "<code>my.yaml:6:5</code>") {
		t.Errorf("POST / with a bad rule file: %d %s", resp.StatusCode, body)
	}
	// A good one: its indicators and its template by the form.
	_, yaml, _ := cityFixture(t, 1)
	resp, body = post(t, ts.URL+"/", fileField("rules", "synthetic-50.yaml", yaml), textField("action", "rules"))
	if resp.StatusCode != 200 || !strings.Contains(string(body), "共 50 项指标") || !strings.Contains(string(body), `formaction="/api/template"`) {
		t.Errorf("POST / with a rule file: %d", resp.StatusCode)
	}

	// A city, recognised, with its ranking.
	book, yaml, _ := cityFixture(t, 6)
	resp, body = post(t, ts.URL+"/", fileField("file", "units-6.xlsx", book), fileField("rules", "synthetic-50.yaml", yaml),
		textField("units", "auto"))
	page = string(body)
	for _, want := range []string{`id="rank"`, `id="unit-count">6<`, `多个单位<span class="screen-only">（自动识别`, `id="rank-filter"`} {
		if !strings.Contains(page, want) {
			t.Errorf("POST / of a city lacks %q", want)
		}
	}

	// An input the reader refuses: the page lists its problems.
	resp, body = post(t, ts.URL+"/", fileField("file", "not-a-number.xlsx", readFile(t, filepath.Join(corpus, "not-a-number.xlsx"))))
	if resp.StatusCode != 422 || !strings.Contains(string(body), "<code>not-a-number.xlsx: Sheet1!E2</code>") {
		t.Errorf("POST / of a bad file: %d", resp.StatusCode)
	}
}
