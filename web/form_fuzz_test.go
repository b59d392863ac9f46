package web

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"testing"
)

// FuzzReadForm feeds the form reader any body: it must not panic, must keep
// every part within its bound, and must refuse only with the errors the
// handlers answer (413 or 400/422), never an internal one.
//
//	go test ./web -run '^$' -fuzz FuzzReadForm -fuzztime 5m
func FuzzReadForm(f *testing.F) {
	seed := func(parts ...part) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.SetBoundary("XyZ")
		for _, p := range parts {
			if p.name != "" {
				w, _ := mw.CreateFormFile(p.field, p.name)
				w.Write(p.data)
			} else {
				mw.WriteField(p.field, string(p.data))
			}
		}
		mw.Close()
		f.Add(buf.Bytes())
	}
	seed(fileField("file", "a.xlsx", []byte("PK\x03\x04")), textField("period", "H1"), textField("units", "auto"))
	seed(fileField("file", `C:\x\表.csv`, []byte("指标,本年\n")), fileField("rules", "r.yaml", []byte("ruleset: x\n")))
	seed(textField("file", "inline"), textField("file", "twice"))
	seed(fileField("file", "a.csv", []byte("指标,本年\n")), fileField("duties", "分解表.txt", []byte("1. 任务（牵头单位：区发改委）\n")))
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc"))
	f.Add([]byte{})
	const limit = 4 << 10
	f.Fuzz(func(t *testing.T, body []byte) {
		s := &Server{cfg: Config{MaxUpload: limit}}
		req := httptest.NewRequest("POST", "/api/evaluate", bytes.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=XyZ")
		fm, err := s.readForm(httptest.NewRecorder(), req)
		if err != nil {
			var tl tooLarge
			var ie *InputError
			if !errors.As(err, &tl) && !errors.As(err, &ie) {
				t.Fatalf("error of another kind: %T %v", err, err)
			}
			return
		}
		if fm.File != nil && (len(fm.File.Data) > limit || fm.File.Name == "") {
			t.Fatalf("file part %q of %d bytes", fm.File.Name, len(fm.File.Data))
		}
		if fm.Duties != nil && (len(fm.Duties.Data) > limit || fm.Duties.Name == "") {
			t.Fatalf("duties part %q of %d bytes", fm.Duties.Name, len(fm.Duties.Data))
		}
		if fm.Rules != nil && len(fm.Rules.Data) > maxRulesSize {
			t.Fatalf("rules of %d bytes", len(fm.Rules.Data))
		}
		if len(fm.fields) > maxParts {
			t.Fatalf("%d fields", len(fm.fields))
		}
		for k, v := range fm.fields {
			if len(v) > maxFieldSize {
				t.Fatalf("field %s of %d bytes", k, len(v))
			}
		}
	})
}
