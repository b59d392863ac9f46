package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode"
)

// Bounds on the parts of a form besides the file.
const (
	maxRulesSize = 4 << 20
	maxFieldSize = 4 << 10
	maxParts     = 32
)

// upload is a file part, held in memory.
type upload struct {
	Name string // the base name the browser sent
	Data []byte
}

// form is a request's multipart form, read whole into memory within the
// server's bounds; nothing is written to disk.
type form struct {
	File   *upload // the part "file"
	Rules  *upload // the part "rules" when it is a file
	Duties *upload // the part "duties": a 任务分解表
	fields map[string]string
}

func (f *form) get(name string) string { return f.fields[name] }

// tooLarge is a body over the limit.
type tooLarge struct{ limit int64 }

func (e tooLarge) Error() string {
	return fmt.Sprintf("上传的内容太大（上限 %s）；请只上传填报表或统计表", sizeText(e.limit))
}

// readForm reads the multipart body of r. A body whose declared length is
// over the limit is refused before a byte of it is read; one that grows
// over it while being read is cut off there (http.MaxBytesReader).
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) (*form, error) {
	limit := s.cfg.MaxUpload
	if r.ContentLength > limit {
		return nil, tooLarge{limit}
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, &InputError{Msg: "请以 multipart/form-data 表单上传（文件放在字段 file 中）"}
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &InputError{Msg: "表单无法读取：" + err.Error()}
	}
	f := &form{fields: map[string]string{}}
	for n := 0; ; n++ {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, formError(err, limit)
		}
		if n >= maxParts {
			return nil, &InputError{Msg: fmt.Sprintf("表单的字段太多（上限 %d 个）", maxParts)}
		}
		name := p.FormName()
		file := p.FileName() != ""
		bound := int64(maxFieldSize)
		switch {
		case name == "file" || name == "duties":
			bound = limit
		case name == "rules" && file:
			bound = maxRulesSize
		}
		data, err := io.ReadAll(io.LimitReader(p, bound+1))
		p.Close()
		if err != nil {
			return nil, formError(err, limit)
		}
		if int64(len(data)) > bound {
			if name == "rules" {
				return nil, &InputError{Msg: fmt.Sprintf("规则文件太大（上限 %s）", sizeText(bound))}
			}
			return nil, &InputError{Msg: fmt.Sprintf("字段 %s 太长", name)}
		}
		// A file input left empty is sent with filename="" and no bytes:
		// a field, not a file. A file sent as a plain field still counts
		// (for duties: a list pasted as text).
		switch {
		case name == "file" && (file || len(data) > 0):
			if f.File == nil {
				f.File = &upload{Name: baseName(p.FileName(), "上传文件"), Data: data}
			}
		case name == "rules" && file:
			if f.Rules == nil {
				f.Rules = &upload{Name: baseName(p.FileName(), "rules.yaml"), Data: data}
			}
		case name == "duties" && (file || len(data) > 0):
			if f.Duties == nil {
				f.Duties = &upload{Name: baseName(p.FileName(), "分解表.txt"), Data: data}
			}
		default:
			if _, seen := f.fields[name]; !seen {
				f.fields[name] = strings.TrimSpace(string(data))
			}
		}
	}
	return f, nil
}

func formError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge{limit}
	}
	return &InputError{Msg: "上传中断或表单无法读取：" + err.Error()}
}

// baseName is the last element of a name a browser sent (some send a whole
// Windows path), without control characters; def when nothing is left.
func baseName(name, def string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." {
		return def
	}
	return name
}

// sizeText is a byte count for people: 32 MiB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
