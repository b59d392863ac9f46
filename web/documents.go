package web

import (
	"bytes"
	"net/http"

	"github.com/attain-tool/attain/templates/view"
)

// The documents: the review (工作回顾, or 进展情况 for part of the year) as
// text or as a 公文, and the in-year 督查通报. Each is written by the
// templates/view call the command line makes, so that a .docx from the page
// says what `attain report --format txt` and `attain bulletin --out x.txt`
// say, paragraph for paragraph.

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// documentType is the Content-Type of a document format.
func documentType(format string) string {
	switch format {
	case "docx":
		return docxType
	case "txt":
		return "text/plain; charset=utf-8"
	}
	return "text/markdown; charset=utf-8"
}

// unitJob evaluates a form that must be one unit's: a city is refused with
// msg; 自动识别 reads the file as one unit, as the command does.
func (s *Server) unitJob(f *form, msg string) (Input, *Outcome, error) {
	in, err := s.job(f)
	if err != nil {
		return in, nil, err
	}
	if in.Mode == ModeCity {
		return in, nil, badRequest("%s", msg)
	}
	in.Mode = ModeUnit
	out, err := Evaluate(in)
	return in, out, err
}

// report is POST /api/report: the review of `attain report --format md|txt
// [--period P]` (md unless format=txt), byte for byte, or with format=docx
// the 公文 of `attain report --out FILE.docx`, dated by the field date or
// today; for one unit, as the command reads it.
func (s *Server) report(w http.ResponseWriter, r *http.Request, f *form) error {
	format := firstOf(f.get("format"), "md")
	if format != "md" && format != "txt" && format != "docx" {
		return badRequest("format 的值 %q 无效（可用 md、txt、docx）。", format)
	}
	date, err := s.formDate(f)
	if err != nil {
		return err
	}
	in, out, err := s.unitJob(f, "回顾文稿为一个单位撰写；多单位工作簿请下载评估表")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "docx" {
		err = view.WriteReviewDocx(&buf, out.Unit, date)
	} else {
		err = view.WriteReview(&buf, out.Unit, format)
	}
	if err != nil {
		return err
	}
	send(w, out, documentType(format), downloadName(in.Name, "回顾文稿", "."+format), buf.Bytes())
	return nil
}

// bulletin is POST /api/bulletin: the 督查通报 of `attain bulletin --period
// P [--duties FILE] [--date D]` for part of the year, a .docx (format=docx,
// the default) or its text (md, txt) byte for byte as the command prints
// it.
func (s *Server) bulletin(w http.ResponseWriter, r *http.Request, f *form) error {
	format := firstOf(f.get("format"), "docx")
	if format != "md" && format != "txt" && format != "docx" {
		return badRequest("format 的值 %q 无效（可用 docx、md、txt）。", format)
	}
	if f.get("period") == "" {
		return badRequest("督查通报报告年中的进度：请选择时段 period（Q1、H1、Q3、M1..M11）；全年的工作回顾请下载回顾文稿（/api/report）")
	}
	period, err := periodOf(f.get("period"))
	if err != nil {
		return err
	}
	if period.IsYear() {
		return badRequest("period %q 是全年：督查通报报告年中的进度（可用 Q1、H1、Q3、M1..M11）；全年的工作回顾请下载回顾文稿（/api/report）",
			f.get("period"))
	}
	date, err := s.formDate(f)
	if err != nil {
		return err
	}
	in, out, err := s.unitJob(f, "督查通报为一个单位撰写；多单位工作簿请下载评估表")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := view.WriteBulletin(&buf, out.Unit, view.BulletinOptions{Date: date}, format); err != nil {
		return err
	}
	send(w, out, documentType(format), downloadName(in.Name, "督查通报", "."+format), buf.Bytes())
	return nil
}
