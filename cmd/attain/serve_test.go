package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/web"
)

// attainRun runs the command line in the current folder.
func attainRun(args ...string) (code int, stdout []byte, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"attain"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.Bytes(), errb.String()
}

// webPost sends a form to the server's handler: fields by name, and files
// (the parts file, rules and duties) read from the current folder.
func webPost(t *testing.T, h http.Handler, path string, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range sortedKeys(fields) {
		v := fields[k]
		if k == "file" || k == "rules" || k == "duties" {
			data, err := os.ReadFile(v)
			if err != nil {
				t.Fatal(err)
			}
			w, _ := mw.CreateFormFile(k, v)
			w.Write(data)
			continue
		}
		mw.WriteField(k, v)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080"+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestServeAnswersAsEvaluate holds the web API to the command line: for the
// same file, rules and options, POST /api/evaluate answers the bytes of
// `attain evaluate --format json|csv`, /api/report those of `attain
// report`, /api/scorecard the workbook of `--out`, and a refused input the
// command's message, line for line.
func TestServeAnswersAsEvaluate(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(name, from string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	corpus := filepath.Join("..", "..", "templates", "read", "testdata", "corpus")
	copyFile("hongqi-2019-actuals.xlsx", filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx"))
	copyFile("hongqi-2019-duties.xlsx", filepath.Join("..", "..", "examples", "hongqi-2019-duties.xlsx"))
	for _, name := range []string{"bureau-merged.xlsx", "csv-gb18030.csv", "not-a-number.xlsx", "old-format.xls", "duplicate-rows.xlsx"} {
		copyFile(name, filepath.Join(corpus, name))
	}
	syn := fixture.SyntheticRuleset(50)
	yaml, err := rules.Marshal(syn)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := rules.Parse("synthetic-50.yaml", yaml)
	var book bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&book, rs, 8, 50, 2019); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("synthetic-50.yaml", yaml)
	write("units-8.xlsx", book.Bytes())
	write("bad.yaml", []byte("ruleset: x\nentity: 红旗区\nyear: 2019\nindicators:\n  - id: a\n    nmae: 甲\n"))
	write("no-tasks.txt", []byte("红旗区2019年政府工作报告\n\n今年的工作要点如下。\n"))
	t.Chdir(dir)

	s, err := web.New(web.Config{Addr: "127.0.0.1:8080", Now: func() time.Time { return fixture.Evaluated },
		Version: versionString()})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	tests := []struct {
		name   string
		args   []string
		path   string
		fields map[string]string
	}{
		{"template", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx"}},
		{"template as CSV", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--format", "csv"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx", "format": "csv"}},
		{"template in Q3", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--format", "json", "--period", "Q3"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx", "period": "Q3"}},
		{"bureau table", []string{"evaluate", "--in", "bureau-merged.xlsx", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "bureau-merged.xlsx"}},
		{"GB18030 CSV", []string{"evaluate", "--in", "csv-gb18030.csv", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "csv-gb18030.csv"}},
		{"city", []string{"evaluate", "--units", "--in", "units-8.xlsx", "--rules", "synthetic-50.yaml", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "units-8.xlsx", "rules": "synthetic-50.yaml", "units": "1"}},
		{"city recognised, H1", []string{"evaluate", "--units", "--in", "units-8.xlsx", "--rules", "synthetic-50.yaml",
			"--format", "json", "--period", "H1"},
			"/api/evaluate", map[string]string{"file": "units-8.xlsx", "rules": "synthetic-50.yaml", "units": "auto", "period": "H1"}},
		{"city as CSV", []string{"evaluate", "--units", "--in", "units-8.xlsx", "--rules", "synthetic-50.yaml", "--format", "csv"},
			"/api/evaluate", map[string]string{"file": "units-8.xlsx", "rules": "synthetic-50.yaml", "units": "1", "format": "csv"}},
		{"review, md", []string{"report", "--in", "hongqi-2019-actuals.xlsx"},
			"/api/report", map[string]string{"file": "hongqi-2019-actuals.xlsx"}},
		{"review, txt", []string{"report", "--in", "bureau-merged.xlsx", "--format", "txt"},
			"/api/report", map[string]string{"file": "bureau-merged.xlsx", "format": "txt"}},
		{"review of H1", []string{"report", "--in", "hongqi-2019-actuals.xlsx", "--period", "H1"},
			"/api/report", map[string]string{"file": "hongqi-2019-actuals.xlsx", "period": "H1"}},
		{"text in a number cell", []string{"evaluate", "--in", "not-a-number.xlsx", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "not-a-number.xlsx"}},
		{"an old .xls", []string{"evaluate", "--in", "old-format.xls", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "old-format.xls"}},
		{"duplicate rows", []string{"evaluate", "--in", "duplicate-rows.xlsx", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "duplicate-rows.xlsx"}},
		{"a bad rule file", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--rules", "bad.yaml", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx", "rules": "bad.yaml"}},
	}
	tests = append(tests, dutiesAndDocumentCases()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := attainRun(tt.args...)
			rec := webPost(t, h, tt.path, tt.fields)
			if code == exitOK {
				if rec.Code != http.StatusOK {
					t.Fatalf("the command succeeded, the server answered %d: %s", rec.Code, rec.Body)
				}
				if rec.Header().Get("Content-Type") == docxType {
					docxSaysText(t, rec.Body.Bytes(), string(stdout), tt.path == "/api/bulletin")
					return
				}
				if !bytes.Equal(rec.Body.Bytes(), stdout) {
					t.Errorf("answers differ (%d bytes from the server, %d from the command)\nserver:  %.300s\ncommand: %.300s",
						rec.Body.Len(), len(stdout), rec.Body, stdout)
				}
				return
			}
			if code != exitData {
				t.Fatalf("the command exited %d: %s", code, stderr)
			}
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("the command failed, the server answered %d: %s", rec.Code, rec.Body)
			}
			var e struct {
				Error    string `json:"error"`
				Problems []struct {
					Position string `json:"position"`
				} `json:"problems"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				lines = append(lines, strings.TrimPrefix(l, "attain: "))
			}
			if e.Error != strings.Join(lines, "\n") {
				t.Errorf("messages differ\nserver:  %s\ncommand: %s", e.Error, strings.Join(lines, "\n"))
			}
			if len(e.Problems) == 0 {
				t.Errorf("no positioned problems: %s", rec.Body)
			}
			for _, p := range e.Problems {
				if !strings.Contains(stderr, p.Position) {
					t.Errorf("the server places a problem at %q, which the command does not name", p.Position)
				}
			}
		})
	}

	// The scorecard: the workbook of --out, part for part.
	for _, tt := range []struct {
		name   string
		args   []string
		fields map[string]string
	}{
		{"unit", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--out", "card.xlsx", "--date", "2020-01-15"},
			map[string]string{"file": "hongqi-2019-actuals.xlsx", "date": "2020-01-15"}},
		{"city", []string{"evaluate", "--units", "--in", "units-8.xlsx", "--rules", "synthetic-50.yaml", "--out", "card.xlsx",
			"--date", "2020-01-15"}, map[string]string{"file": "units-8.xlsx", "rules": "synthetic-50.yaml", "units": "1",
			"date": "2020-01-15"}},
		{"unit with a 分解表", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--duties", "hongqi-2019-duties.xlsx",
			"--out", "card.xlsx", "--date", "2020-01-15"},
			map[string]string{"file": "hongqi-2019-actuals.xlsx", "duties": "hongqi-2019-duties.xlsx", "date": "2020-01-15"}},
	} {
		t.Run("scorecard of a "+tt.name, func(t *testing.T) {
			if code, _, stderr := attainRun(tt.args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want, err := os.ReadFile("card.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			rec := webPost(t, h, "/api/scorecard", tt.fields)
			if rec.Code != http.StatusOK {
				t.Fatalf("%d: %s", rec.Code, rec.Body)
			}
			if d := packageDiff(t, rec.Body.Bytes(), want); d != "" {
				t.Errorf("the server's scorecard differs from the command's: %s", d)
			}
		})
	}
}

// dutiesAndDocumentCases are the cases of TestServeAnswersAsEvaluate for a
// 分解表 and the documents. A .docx answer is read back by python-docx and
// compared, paragraph for paragraph, with the command's text.
func dutiesAndDocumentCases() []struct {
	name   string
	args   []string
	path   string
	fields map[string]string
} {
	return []struct {
		name   string
		args   []string
		path   string
		fields map[string]string
	}{
		{"a 分解表", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--duties", "hongqi-2019-duties.xlsx", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx", "duties": "hongqi-2019-duties.xlsx"}},
		{"a 分解表 in H1", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--duties", "hongqi-2019-duties.xlsx",
			"--format", "json", "--period", "H1"}, "/api/evaluate",
			map[string]string{"file": "hongqi-2019-actuals.xlsx", "duties": "hongqi-2019-duties.xlsx", "period": "H1", "units": "auto"}},
		{"a 分解表 without tasks", []string{"evaluate", "--in", "hongqi-2019-actuals.xlsx", "--duties", "no-tasks.txt", "--format", "json"},
			"/api/evaluate", map[string]string{"file": "hongqi-2019-actuals.xlsx", "duties": "no-tasks.txt"}},
		{"bulletin, txt", []string{"bulletin", "--in", "hongqi-2019-actuals.xlsx", "--duties", "hongqi-2019-duties.xlsx",
			"--period", "H1", "--date", "2019-07-10", "--format", "txt"}, "/api/bulletin", map[string]string{"file": "hongqi-2019-actuals.xlsx",
			"duties": "hongqi-2019-duties.xlsx", "period": "H1", "date": "2019-07-10", "format": "txt"}},
		{"review, docx", []string{"report", "--in", "hongqi-2019-actuals.xlsx", "--format", "txt"},
			"/api/report", map[string]string{"file": "hongqi-2019-actuals.xlsx", "format": "docx"}},
		{"review of H1, docx", []string{"report", "--in", "hongqi-2019-actuals.xlsx", "--period", "H1", "--format", "txt"},
			"/api/report", map[string]string{"file": "hongqi-2019-actuals.xlsx", "period": "H1", "format": "docx"}},
		{"bulletin, docx", []string{"bulletin", "--in", "hongqi-2019-actuals.xlsx", "--duties", "hongqi-2019-duties.xlsx",
			"--period", "H1", "--date", "2019-07-10", "--format", "txt"}, "/api/bulletin", map[string]string{"file": "hongqi-2019-actuals.xlsx",
			"duties": "hongqi-2019-duties.xlsx", "period": "H1", "date": "2019-07-10"}},
	}
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// docxSaysText reads a .docx with python-docx (paragraphsScript) and holds
// its paragraphs to the non-empty lines of text, as TestDocumentsReadBack
// does: the title in one line, a signature one paragraph per line, the
// headings skipped unless the text has them.
func docxSaysText(t *testing.T, data []byte, text string, headings bool) {
	t.Helper()
	requireDocxReader(t)
	path := filepath.Join(t.TempDir(), "answer.docx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	js, err := exec.Command(debianPython, "-c", paragraphsScript, path).Output()
	if err != nil {
		t.Fatalf("python-docx: %v", err)
	}
	var paras []struct{ Text, Style string }
	if err := json.Unmarshal(js, &paras); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paras {
		switch {
		case strings.HasPrefix(p.Style, "Heading") && !headings:
		case p.Style == "Title":
			got = append(got, strings.ReplaceAll(p.Text, "\n", ""))
		default:
			got = append(got, strings.Split(p.Text, "\n")...)
		}
	}
	want := plainLines(text)
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(want) < 5 {
		t.Errorf("the server's .docx reads (%d paragraphs)\n%s\n--- the command's text (%d lines)\n%s", len(got),
			strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
}

// packageDiff names the first part in which two xlsx files differ, or "".
// [Content_Types].xml is compared as a set: excelize writes it from a map.
func packageDiff(t *testing.T, a, b []byte) string {
	parts := func(data []byte) map[string]string {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(rc)
			rc.Close()
			text := string(body)
			if f.Name == "[Content_Types].xml" {
				items := strings.SplitAfter(text, ">")
				sort.Strings(items)
				text = strings.Join(items, "")
			}
			out[f.Name] = text
		}
		return out
	}
	pa, pb := parts(a), parts(b)
	if len(pa) != len(pb) {
		return "different parts"
	}
	for name, text := range pa {
		if pb[name] != text {
			return name
		}
	}
	return ""
}

func TestServeCommand(t *testing.T) {
	urls := make(chan string, 1)
	serveReady = func(u string) { urls <- u }
	defer func() { serveReady = nil }()
	var opened []string
	openBrowser = func(goos, url string) error { opened = append(opened, goos+" "+url); return nil }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard}
	go func() {
		done <- e.runServe(ctx, serveOptions{addr: "127.0.0.1:0", open: true}, false)
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "政府工作报告目标完成情况评估") {
		t.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve ended with %v", err)
	}
	if !strings.Contains(out.String(), "请在浏览器中打开 "+url) || len(opened) != 1 || !strings.HasSuffix(opened[0], url) {
		t.Errorf("printed %q, opened %q", out.String(), opened)
	}
}

func TestServeOffLoopbackPrintsToken(t *testing.T) {
	urls := make(chan string, 1)
	serveReady = func(u string) { urls <- u }
	defer func() { serveReady = nil }()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard}
	go func() { done <- e.runServe(ctx, serveOptions{addr: "0.0.0.0:0"}, false) }()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	}
	cancel()
	<-done
	if !strings.Contains(url, "/?token=") || !strings.Contains(out.String(), "其他电脑请用") {
		t.Errorf("url %q, printed %q", url, out.String())
	}
	// Without the token, nothing is served.
	_ = url
}

func TestServeUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"serve", "--addr", "nonsense"}, exitUsage, "--addr 的值无效"},
		{[]string{"serve", "extra"}, exitUsage, "serve 不接受"},
		{[]string{"serve", "--rules", "missing.yaml"}, exitData, "missing.yaml"},
	} {
		code, _, stderr := attainRun(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.err) {
			t.Errorf("attain %s: exit %d, %q; want %d and %q", strings.Join(tt.args, " "), code, stderr, tt.code, tt.err)
		}
	}
}

func TestLaunchArgs(t *testing.T) {
	for _, tt := range []struct {
		goos string
		args []string
		want string
	}{
		{"windows", []string{`C:\attain.exe`}, `C:\attain.exe serve --open --launched`},
		{"windows", []string{`attain.exe`, "evaluate"}, `attain.exe evaluate`},
		{"linux", []string{"attain"}, "attain"},
		{"darwin", []string{"attain"}, "attain"},
	} {
		if got := strings.Join(launchArgs(tt.goos, tt.args), " "); got != tt.want {
			t.Errorf("launchArgs(%s, %q) = %q, want %q", tt.goos, tt.args, got, tt.want)
		}
	}
	for goos, want := range map[string]string{"windows": "rundll32 url.dll,FileProtocolHandler http://x/",
		"darwin": "open http://x/", "linux": "xdg-open http://x/"} {
		name, args := browserCommand(goos, "http://x/")
		if got := strings.Join(append([]string{name}, args...), " "); got != want {
			t.Errorf("browserCommand(%s) = %q", goos, got)
		}
	}
}
