package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/view"
)

// example is the workbook shipped in examples/.
var example = filepath.Join("..", "examples", "hongqi-2019-actuals.xlsx")

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serve starts s on a real loopback listener, as attain serve does, and
// returns its base address ("http://127.0.0.1:PORT").
func serve(t testing.TB, cfg Config) (*Server, string) {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	return s, "http://" + ln.Addr().String()
}

// part is one part of a multipart form: a file when name is set.
type part struct {
	field, name string
	data        []byte
}

func fileField(field, name string, data []byte) part {
	return part{field: field, name: name, data: data}
}

func textField(field, value string) part { return part{field: field, data: []byte(value)} }

// multipartBody encodes parts as a form.
func multipartBody(t testing.TB, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		switch {
		case p.name == "-": // a file input left empty, as a browser sends it
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="`+p.field+`"; filename=""`)
			h.Set("Content-Type", "application/octet-stream")
			w, err = mw.CreatePart(h)
		case p.name != "":
			w, err = mw.CreateFormFile(p.field, p.name)
		default:
			w, err = mw.CreateFormField(p.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// expectedJSON is the JSON `attain evaluate --format json` prints for one
// unit, made by the calls the command makes (cmd/attain/evaluate.go), not
// through this package.
func expectedJSON(t testing.TB, name string, data []byte, rs *rules.Ruleset, period eval.Period) []byte {
	t.Helper()
	acts, diags, _ := read.Read(name, data, rs, read.ImportOptions{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	var buf bytes.Buffer
	if err := view.WriteJSON(&buf, eval.EvaluateWith(rs, acts, eval.Options{Period: period})); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// totalOf is the total_score of an evaluate JSON.
func totalOf(t testing.TB, js []byte) string {
	t.Helper()
	var v struct {
		Total string `json:"total_score"`
	}
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatalf("%v: %.200s", err, js)
	}
	return v.Total
}

// samePackage reports whether two xlsx files hold the same parts, byte for
// byte, but for the order of the entries of [Content_Types].xml, which
// excelize writes from a map.
func samePackage(t testing.TB, a, b []byte) bool {
	t.Helper()
	parts := func(data []byte) map[string]string {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("not a zip: %v", err)
			return nil
		}
		out := map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
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
	if len(pa) != len(pb) || len(pa) == 0 {
		return false
	}
	for name, text := range pa {
		if pb[name] != text {
			t.Logf("part %s differs", name)
			return false
		}
	}
	return true
}
