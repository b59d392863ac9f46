package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/view"
)

// exampleDuties is the illustrative 分解表 shipped in examples/.
var exampleDuties = filepath.Join("..", "examples", "hongqi-2019-duties.xlsx")

// ledAssessment is the example judged with the example 分解表 over p, by
// the calls `attain evaluate --duties` makes (cmd/attain/duties.go), not
// through this package.
func ledAssessment(t testing.TB, data []byte, p eval.Period) *eval.Assessment {
	t.Helper()
	rs := rules.Default()
	d, ds := read.ReadDuties("hongqi-2019-duties.xlsx", readFile(t, exampleDuties), rs)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	led, _ := rs.WithDuties(d.ByID)
	acts, diags, _ := read.Read("hongqi-2019-actuals.xlsx", data, led, read.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return eval.EvaluateWith(led, acts, eval.Options{Period: p})
}

func TestDutiesAnswers(t *testing.T) {
	_, ts := testServer(t, Config{})
	ex, duties := readFile(t, example), readFile(t, exampleDuties)
	h1, _ := eval.ParsePeriod("H1")
	file := fileField("file", "hongqi-2019-actuals.xlsx", ex)
	dutiesPart := fileField("duties", "hongqi-2019-duties.xlsx", duties)
	date := time.Date(2019, 7, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		path  string
		parts []part
		ctype string
		want  func(t *testing.T, b *bytes.Buffer) error
	}{
		{"JSON", "/api/evaluate", []part{file, dutiesPart}, jsonType,
			func(t *testing.T, b *bytes.Buffer) error { return view.WriteJSON(b, ledAssessment(t, ex, eval.Year)) }},
		{"JSON of 1-6月, 自动识别", "/api/evaluate", []part{file, dutiesPart, textField("period", "H1"), textField("units", "auto")}, jsonType,
			func(t *testing.T, b *bytes.Buffer) error { return view.WriteJSON(b, ledAssessment(t, ex, h1)) }},
		{"pasted as a field", "/api/evaluate", []part{file, textField("duties", "1. 地区生产总值同比增长8.5%左右。（牵头单位：区发改委）\n")},
			jsonType, func(t *testing.T, b *bytes.Buffer) error {
				d, _ := read.ReadDuties("分解表.txt", []byte("1. 地区生产总值同比增长8.5%左右。（牵头单位：区发改委）\n"), rules.Default())
				led, _ := rules.Default().WithDuties(d.ByID)
				b.Write(expectedJSON(t, "hongqi-2019-actuals.xlsx", ex, led, eval.Year))
				return nil
			}},
		{"review as a 公文", "/api/report", []part{file, dutiesPart, textField("format", "docx"), textField("date", "2019-07-10")},
			docxType, func(t *testing.T, b *bytes.Buffer) error {
				return view.WriteReviewDocx(b, ledAssessment(t, ex, eval.Year), date)
			}},
		{"bulletin", "/api/bulletin", []part{file, dutiesPart, textField("period", "H1"), textField("date", "2019-07-10")},
			docxType, func(t *testing.T, b *bytes.Buffer) error {
				return view.WriteBulletin(b, ledAssessment(t, ex, h1), view.BulletinOptions{Date: date}, "docx")
			}},
		{"bulletin as text", "/api/bulletin", []part{file, dutiesPart, textField("period", "H1"), textField("date", "2019-07-10"),
			textField("format", "txt")}, "text/plain; charset=utf-8", func(t *testing.T, b *bytes.Buffer) error {
			return view.WriteBulletin(b, ledAssessment(t, ex, h1), view.BulletinOptions{Date: date}, "txt")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+tt.path, tt.parts...)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.ctype {
				t.Errorf("Content-Type %q, want %q", ct, tt.ctype)
			}
			var want bytes.Buffer
			if err := tt.want(t, &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, want.Bytes()) {
				t.Errorf("answer differs from the library's (%d vs %d bytes)\n got: %.300s\nwant: %.300s", len(body), want.Len(), body, want.Bytes())
			}
			if tt.ctype == docxType {
				zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
				if err != nil || !hasEntry(zr, "word/document.xml") {
					t.Errorf("not a .docx: %v", err)
				}
			}
		})
	}
	resp, _ := post(t, ts.URL+"/api/bulletin", file, textField("period", "Q1"))
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, "hongqi-2019-actuals-%E7%9D%A3%E6%9F%A5%E9%80%9A%E6%8A%A5.docx") {
		t.Errorf("the bulletin is named %q, want hongqi-2019-actuals-督查通报.docx", cd)
	}
}

func hasEntry(zr *zip.Reader, name string) bool {
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

func TestDutiesRefusals(t *testing.T) {
	_, ts := testServer(t, Config{MaxUpload: 1 << 20})
	ex := readFile(t, example)
	book, yaml, _ := cityFixture(t, 3)
	file := fileField("file", "a.xlsx", ex)
	duties := fileField("duties", "hongqi-2019-duties.xlsx", readFile(t, exampleDuties))
	noTasks := fileField("duties", "说明.txt", []byte("红旗区2019年政府工作报告\n\n今年的工作要点如下。\n"))
	tests := []struct {
		name     string
		path     string
		parts    []part
		status   int
		error    string
		position string
	}{
		{"a 分解表 without tasks", "/api/evaluate", []part{file, noTasks}, 422, "分解表中没有找到任何任务", "说明.txt"},
		{"a workbook that is not a 分解表", "/api/scorecard", []part{file, fileField("duties", "actuals.xlsx", ex)}, 422, "actuals.xlsx", "actuals.xlsx"},
		{"a 分解表 beside a city", "/api/evaluate", []part{fileField("file", "units-3.xlsx", book), fileField("rules", "s.yaml", yaml),
			textField("units", "1"), duties}, 400, "分解表只用于一个单位的评估", ""},
		{"a 分解表 beside a city recognised", "/api/evaluate", []part{fileField("file", "units-3.xlsx", book), fileField("rules", "s.yaml", yaml),
			textField("units", "auto"), duties}, 400, "分解表只用于一个单位的评估", ""},
		{"a 分解表 over the limit", "/api/evaluate", []part{file, fileField("duties", "big.txt", bytes.Repeat([]byte("1. 任务\n"), 1<<17))},
			413, "上限 1 MiB", ""},
		{"review as xml", "/api/report", []part{file, textField("format", "xml")}, 400, `format 的值 "xml" 无效（可用 md、txt、docx）`, ""},
		{"bulletin without a period", "/api/bulletin", []part{file}, 400, "请选择时段 period", ""},
		{"bulletin of the year", "/api/bulletin", []part{file, textField("period", "year")}, 400, `period "year" 是全年`, ""},
		{"bulletin of a bad period", "/api/bulletin", []part{file, textField("period", "H3")}, 400, `period 的值 "H3" 无效`, ""},
		{"bulletin as pdf", "/api/bulletin", []part{file, textField("period", "H1"), textField("format", "pdf")}, 400, `format 的值 "pdf" 无效`, ""},
		{"bulletin of a city", "/api/bulletin", []part{fileField("file", "units-3.xlsx", book), fileField("rules", "s.yaml", yaml),
			textField("units", "1"), textField("period", "H1")}, 400, "督查通报为一个单位撰写", ""},
		{"bulletin without a file", "/api/bulletin", []part{textField("period", "H1")}, 400, "请选择要评估的文件", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+tt.path, tt.parts...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			e := errorOf(t, body)
			if !strings.Contains(e.Error, tt.error) {
				t.Errorf("error %q does not say %q", e.Error, tt.error)
			}
			if tt.position != "" && (len(e.Problems) == 0 || e.Problems[0].Position != tt.position) {
				t.Errorf("problems %+v, want one at %q", e.Problems, tt.position)
			}
		})
	}
}
