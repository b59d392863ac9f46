package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/scorecard"
	"github.com/attain-tool/attain/templates/view"
)

const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	jsonType = "application/json; charset=utf-8"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.page)
	mux.Handle("/static/", s.static())
	mux.HandleFunc("/api/template", s.template)
	mux.HandleFunc("/api/evaluate", s.post(s.evaluate))
	mux.HandleFunc("/api/scorecard", s.post(s.scorecard))
	mux.HandleFunc("/api/report", s.post(s.report))
	mux.HandleFunc("/api/bulletin", s.post(s.bulletin))
	return mux
}

// requestError is a request that is wrong as such (a missing file, a bad
// field): 400, or the status it names.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON of every refusal: a sentence and the positioned
// problems, in the shape of the evaluate JSON's "problems".
type errorBody struct {
	Error    string             `json:"error"`
	Problems []view.JSONProblem `json:"problems"`
}

// fail answers err: 413 for a body over the limit, 422 for input the
// readers refused (the problems positioned as the command line positions
// them), 400 for a wrong request.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var (
		tl tooLarge
		ie *InputError
		re *requestError
	)
	switch {
	case errors.As(err, &tl):
		s.answerError(w, r, http.StatusRequestEntityTooLarge, tl.Error(), nil)
	case errors.As(err, &ie):
		s.answerError(w, r, http.StatusUnprocessableEntity, ie.Error(), ie.Diags)
	case errors.As(err, &re):
		s.answerError(w, r, re.status, re.msg, nil)
	default:
		s.answerError(w, r, http.StatusInternalServerError, "内部错误："+err.Error(), nil)
	}
}

func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.answerError(w, r, status, msg, nil)
}

// answerError writes the JSON refusal, or for a browser that navigated
// here (a form sent without the page's script) a short page.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, status int, msg string, diags rules.Diagnostics) {
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		var buf bytes.Buffer
		m := &pageModel{Version: s.cfg.Version, Error: &errorModel{Message: msg, Problems: problemsOf(diags),
			Omitted: max(0, len(diags)-maxShown)}}
		if err := pageTemplate.ExecuteTemplate(&buf, "error", m); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			w.Write(buf.Bytes())
			return
		}
	}
	body := errorBody{Error: msg, Problems: []view.JSONProblem{}}
	for _, d := range diags {
		body.Problems = append(body.Problems, view.JSONProblem{Position: d.Pos.String(), Level: d.Level(),
			Summary: d.Summary, Hint: d.Hint, Indicator: d.Indicator})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(body)
	w.Header().Set("Content-Type", jsonType)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// busy is the answer when the queue is full: come back shortly.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "2")
	s.answerError(w, r, http.StatusServiceUnavailable, "服务器正忙：同时进行的评估已满，请稍后几秒再试", nil)
}

// admitted runs fn for a request admitted by the gate, its form read; the
// evaluation itself waits for a slot (work) inside fn.
func (s *Server) admitted(w http.ResponseWriter, r *http.Request, fn func(*form) error) {
	size := r.ContentLength
	if size < 0 || size > s.cfg.MaxUpload {
		size = s.cfg.MaxUpload
	}
	if !s.gate.enter(size) {
		s.busy(w, r)
		return
	}
	defer s.gate.leave(size)
	f, err := s.readForm(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.gate.work(r.Context(), s.cfg.Wait) {
		s.busy(w, r)
		return
	}
	defer s.gate.done()
	if err := fn(f); err != nil {
		s.fail(w, r, err)
	}
}

// post makes an API handler of a POST with a form.
func (s *Server) post(fn func(http.ResponseWriter, *http.Request, *form) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			s.refuse(w, r, http.StatusMethodNotAllowed, r.URL.Path+" 只接受 POST（multipart/form-data，文件放在字段 file 中）")
			return
		}
		s.admitted(w, r, func(f *form) error { return fn(w, r, f) })
	}
}

// job is a form's evaluation input, its fields read as the command line's
// flags are.
func (s *Server) job(f *form) (Input, error) {
	c, err := s.formRules(f)
	if err != nil {
		return Input{}, err
	}
	return jobWith(f, c)
}

func (s *Server) formRules(f *form) (chosenRules, error) {
	return s.pickRules(f.Rules, firstOf(f.get("rules"), f.get("ruleset")))
}

func jobWith(f *form, c chosenRules) (Input, error) {
	if f.File == nil {
		return Input{}, badRequest("请选择要评估的文件（字段 file）：填好的填报表、统计局的报表（.xlsx 或 .csv）或多单位工作簿")
	}
	period, err := periodOf(f.get("period"))
	if err != nil {
		return Input{}, err
	}
	mode, err := ParseMode(f.get("units"))
	if err != nil {
		return Input{}, badRequest("%s", err.Error())
	}
	in := Input{Name: f.File.Name, Data: f.File.Data, Rules: c.rs, Period: period, Mode: mode,
		Sheet: f.get("sheet"), Password: f.get("password")}
	if f.Duties != nil {
		in.DutiesName, in.DutiesData = f.Duties.Name, f.Duties.Data
	}
	return in, nil
}

func periodOf(s string) (eval.Period, error) {
	if s == "" {
		return eval.Year, nil
	}
	p, err := eval.ParsePeriod(s)
	if err != nil {
		return eval.Period{}, badRequest("period 的值 %q 无效（可用 year、Q1、H1、Q3、M1..M12）。", s)
	}
	return p, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// evaluate is POST /api/evaluate: the JSON (or with format=csv the CSV) of
// `attain evaluate --format json|csv`, byte for byte.
func (s *Server) evaluate(w http.ResponseWriter, r *http.Request, f *form) error {
	format := firstOf(f.get("format"), "json")
	if format != "json" && format != "csv" {
		return badRequest("format 的值 %q 无效（可用 json、csv）。", format)
	}
	in, err := s.job(f)
	if err != nil {
		return err
	}
	out, err := Evaluate(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch {
	case format == "json" && out.City != nil:
		err = view.WriteCityJSON(&buf, out.City)
	case format == "json":
		err = view.WriteJSON(&buf, out.Unit)
	case out.City != nil:
		err = view.WriteCityCSV(&buf, out.City)
	default:
		err = view.WriteCSV(&buf, out.Unit)
	}
	if err != nil {
		return err
	}
	ctype, ext := jsonType, ".json"
	if format == "csv" {
		ctype, ext = "text/csv; charset=utf-8", ".csv"
	}
	send(w, out, ctype, downloadName(in.Name, "评估结果", ext), buf.Bytes())
	return nil
}

// scorecard is POST /api/scorecard: the workbook of `attain evaluate --out
// FILE.xlsx`, dated today or by the field date (YYYY-MM-DD).
func (s *Server) scorecard(w http.ResponseWriter, r *http.Request, f *form) error {
	date, err := s.formDate(f)
	if err != nil {
		return err
	}
	in, err := s.job(f)
	if err != nil {
		return err
	}
	out, err := Evaluate(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	opts := scorecard.ScorecardOptions{InputName: in.Name, Evaluated: date, Version: s.cfg.Version}
	if out.City != nil {
		err = scorecard.WriteCityScorecard(&buf, out.City, opts)
	} else {
		err = scorecard.WriteScorecard(&buf, out.Unit, opts)
	}
	if err != nil {
		return err
	}
	send(w, out, xlsxType, downloadName(in.Name, "评估表", ".xlsx"), buf.Bytes())
	return nil
}

// template is GET /api/template[?rules=ID] or POST /api/template with the
// file part rules: the input workbook of `attain template`.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	run := func(up *upload, id string) error {
		c, err := s.pickRules(up, id)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := templates.WriteTemplate(&buf, c.rs); err != nil {
			return err
		}
		name := c.rs.ID + "-填报表.xlsx"
		send(w, nil, xlsxType, name, buf.Bytes())
		return nil
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if !s.gate.enter(0) {
			s.busy(w, r)
			return
		}
		defer s.gate.leave(0)
		if !s.gate.work(r.Context(), s.cfg.Wait) {
			s.busy(w, r)
			return
		}
		defer s.gate.done()
		if err := run(nil, firstOf(r.URL.Query().Get("rules"), r.URL.Query().Get("ruleset"))); err != nil {
			s.fail(w, r, err)
		}
	case http.MethodPost:
		s.admitted(w, r, func(f *form) error { return run(f.Rules, firstOf(f.get("rules"), f.get("ruleset"))) })
	default:
		w.Header().Set("Allow", "GET, POST")
		s.refuse(w, r, http.StatusMethodNotAllowed, "/api/template 只接受 GET 或 POST")
	}
}

// formDate is the field date (YYYY-MM-DD), or today.
func (s *Server) formDate(f *form) (time.Time, error) {
	d := f.get("date")
	if d == "" {
		return s.cfg.Now(), nil
	}
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return time.Time{}, badRequest("date 的值 %q 无效（应为 YYYY-MM-DD）。", d)
	}
	return t, nil
}

// send writes a finished answer as a download.
func send(w http.ResponseWriter, out *Outcome, ctype, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if out != nil {
		h.Set("X-Attain-Mode", string(out.Mode))
	}
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// downloadName is the name an answer is saved under: the input's name
// without its extension, what it is, the extension.
func downloadName(input, what, ext string) string {
	base := strings.TrimSuffix(input, path.Ext(input))
	if base == "" {
		return what + ext
	}
	return base + "-" + what + ext
}
