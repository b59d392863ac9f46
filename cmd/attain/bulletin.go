package main

import (
	"io"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/view"
	"github.com/urfave/cli/v2"
)

// attain bulletin: the in-year 督查通报 (issue 15 item 4), and the review
// as a .docx for attain report.

type bulletinOptions struct {
	input
	out       string
	format    string
	formatSet bool // --format was given, not its default
	period    string
	date      string
}

// bulletinOuts are what bulletin's --out may be.
var bulletinOuts = []outKind{{".docx", "docx"}, {".md", "md"}, {".txt", "txt"}}

func (e *env) bulletinCommand() *cli.Command {
	var o bulletinOptions
	return &cli.Command{
		Name: "bulletin",
		Usage: "write the in-year supervision bulletin (督查通报): each task 已完成, 超进度, 达进度 or 欠进度 " +
			"against 时序进度, those behind with their lead departments",
		Flags: append(inputFlags(&o.input),
			&cli.StringFlag{Name: "period", Usage: "part of the year the figures cover (时段): Q1, H1, Q3, M1..M11", Required: true, Destination: &o.period},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "file to write instead of stdout (通报): .docx (公文), .md or .txt", Destination: &o.out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "what to print (输出格式): md (Markdown) or txt (plain text); with --out, its extension decides", Value: "md", Destination: &o.format},
			&cli.StringFlag{Name: "date", Usage: "date of the bulletin (成文日期), YYYY-MM-DD; default: today", Destination: &o.date},
			&cli.StringFlag{Name: "duties", Usage: "任务分解表 naming each task's 牵头单位 and 责任单位: .xlsx, .csv or a pasted .txt list; default: the ruleset's", Destination: &o.input.duties},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			o.formatSet = c.IsSet("format")
			return e.runBulletin(o)
		},
	}
}

func (e *env) runBulletin(o bulletinOptions) error {
	if err := checkOut(o.out, append(o.inputs(), namedInput{"duties", o.duties})...); err != nil {
		return err
	}
	format, err := textFormat(o.format, o.formatSet, o.out, bulletinOuts)
	if err != nil {
		return err
	}
	o.format = format
	period, err := eval.ParsePeriod(o.period)
	if err != nil {
		return badPeriod(o.period)
	}
	if period.IsYear() {
		return flagErrorf("period", "%s %q 是全年：督查通报报告年中的进度（可用 Q1、H1、Q3、M1..M11）；全年的工作回顾用 attain report。", o.period)
	}
	date, err := evaluationDate(o.date)
	if err != nil {
		return err
	}
	a, _, err := e.evaluation(o.input, period)
	if err != nil {
		return err
	}
	opts := view.BulletinOptions{Date: date}
	write := func(w io.Writer) error { return view.WriteBulletin(w, a, opts, o.format) }
	if o.out == "" {
		return writeSafe(e.stdout, write)
	}
	return writeAtomic(o.out, write)
}

// writeReport writes the review as report's --out asks: the text (md or
// txt), or a 公文 (docx) made now.
func writeReport(w io.Writer, a *eval.Assessment, format string) error {
	if format == "docx" {
		return view.WriteReviewDocx(w, a, time.Now())
	}
	return view.WriteReview(w, a, format)
}
