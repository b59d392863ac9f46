package web

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
)

//go:embed assets
var assets embed.FS

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).ParseFS(assets, "assets/*.html"))

// static serves the stylesheet, the script and the icon from the binary.
func (s *Server) static() http.Handler {
	sub, _ := fs.Sub(assets, "assets")
	files := http.FileServer(http.FS(sub))
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead || strings.HasSuffix(r.URL.Path, ".html") ||
			r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			s.refuse(w, r, http.StatusNotFound, "没有这个文件")
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	}))
}

// page is GET / (the workbench) and POST / (the workbench with the ruleset
// checked or the file evaluated; the page's script swaps the result in,
// without it the browser shows the new page).
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		if r.URL.Path == "/favicon.ico" {
			http.Redirect(w, r, "/static/icon.svg", http.StatusMovedPermanently)
			return
		}
		s.refuse(w, r, http.StatusNotFound, "没有这个页面："+r.URL.Path)
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		q := r.URL.Query()
		c, err := s.pickRules(nil, firstOf(q.Get("rules"), q.Get("ruleset")))
		m := s.model(c, q.Get("period"), q.Get("units"))
		status := http.StatusOK
		if err != nil {
			c, _ = s.pickRules(nil, "")
			m = s.model(c, "", "")
			m.Error = &errorModel{Message: err.Error()}
			status = http.StatusBadRequest
		}
		s.render(w, status, m)
	case http.MethodPost:
		s.admitted(w, r, func(f *form) error {
			status, m := s.pageResult(f)
			s.render(w, status, m)
			return nil
		})
	default:
		w.Header().Set("Allow", "GET, POST")
		s.refuse(w, r, http.StatusMethodNotAllowed, "/ 只接受 GET 或 POST")
	}
}

func (s *Server) model(c chosenRules, period, units string) *pageModel {
	return &pageModel{Version: s.cfg.Version, Rulesets: s.rulesetOptions(c.id), Periods: periodOptions(period),
		Modes: modeOptions(units), Rules: rulesModelOf(c), Legend: legend()}
}

// pageResult checks the ruleset of a POST / and, unless only that was
// asked (action=rules), evaluates its file.
func (s *Server) pageResult(f *form) (int, *pageModel) {
	c, rerr := s.formRules(f)
	m := s.model(c, f.get("period"), f.get("units"))
	if c.rs == nil && c.file == "" {
		c, _ = s.pickRules(nil, "")
		m = s.model(c, f.get("period"), f.get("units"))
	}
	if rerr != nil {
		if c.file != "" {
			m.Error = &errorModel{Message: "规则文件 " + c.file + " 有错误，改正后再上传（见上方的问题清单）"}
		} else {
			m.Error = &errorModel{Message: rerr.Error()}
		}
		return http.StatusUnprocessableEntity, m
	}
	if f.get("action") == "rules" {
		return http.StatusOK, m
	}
	in, err := jobWith(f, c)
	if err == nil {
		var out *Outcome
		if out, err = Evaluate(in); err == nil {
			m.File = in.Name
			m.Result = &resultModel{File: in.Name, Mode: out.Mode, Detected: out.Detected, Period: in.Period.Label(),
				Duties: dutiesModelOf(out.Duties)}
			if out.City != nil {
				m.Result.City = cityModelOf(out.City)
			} else {
				m.Result.Unit = unitModelOf(out.Unit)
			}
			return http.StatusOK, m
		}
	}
	var (
		ie *InputError
		re *requestError
	)
	switch {
	case errors.As(err, &ie):
		what := "无法评估 " + in.Name
		if ie.File != "" {
			what = "无法读取分解表 " + ie.File
		}
		m.Error = &errorModel{Message: what + "：共 " + strconv.Itoa(len(ie.Diags)) + " 个问题，改正后再上传",
			Problems: problemsOf(ie.Diags), Omitted: max(0, len(ie.Diags)-maxShown)}
		if len(ie.Diags) == 0 {
			m.Error.Message = ie.Msg
		}
		return http.StatusUnprocessableEntity, m
	case errors.As(err, &re):
		m.Error = &errorModel{Message: re.msg}
		return re.status, m
	}
	m.Error = &errorModel{Message: "内部错误：" + err.Error()}
	return http.StatusInternalServerError, m
}

func (s *Server) render(w http.ResponseWriter, status int, m *pageModel) {
	var buf bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&buf, "page", m); err != nil {
		http.Error(w, "页面生成失败："+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
