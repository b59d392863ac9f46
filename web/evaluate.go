package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
)

// Mode says whether a file holds one unit's figures or a city's units.
type Mode string

const (
	// ModeAuto looks at the file: a workbook whose units the multi-unit
	// reader finds (two or more, each with figures, named like places
	// rather than like a table's columns) is a city; anything else is
	// one unit.
	ModeAuto Mode = "auto"
	// ModeUnit is `attain evaluate` without --units.
	ModeUnit Mode = "unit"
	// ModeCity is `attain evaluate --units`.
	ModeCity Mode = "city"
)

// ParseMode reads the form field units: "", "0", "false" and "unit" are one
// unit (as the command line without --units), "1", "true", "on" and "city"
// a city, "auto" a guess from the file.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no", "unit":
		return ModeUnit, nil
	case "1", "true", "on", "yes", "city", "units":
		return ModeCity, nil
	case "auto":
		return ModeAuto, nil
	}
	return "", fmt.Errorf("units 的值 %q 无效（可用 0、1 或 auto）。", s)
}

// Input is what one evaluation reads, named as the flags of `attain
// evaluate` name it.
type Input struct {
	// Name is the file name shown in every position (--in).
	Name string
	// Data is the file's bytes.
	Data []byte
	// Rules is the ruleset (--rules, or the embedded default).
	Rules *rules.Ruleset
	// Period is --period; the zero value is the whole year.
	Period eval.Period
	// Mode is --units, or ModeAuto to look.
	Mode Mode
	// Sheet and Password are --sheet and --password.
	Sheet    string
	Password string
	// DutiesName and DutiesData are the 任务分解表 of --duties, when
	// DutiesData is set: one unit only.
	DutiesName string
	DutiesData []byte
}

// Outcome is an evaluation: one unit's assessment or a city's.
type Outcome struct {
	// Mode is ModeUnit or ModeCity: what was run.
	Mode Mode
	// Detected is set when Mode was found by looking at the file.
	Detected bool
	Unit     *eval.Assessment
	// Import says which cell fed each figure of one unit.
	Import *read.ImportReport
	City   *eval.City
	// Duties is the 任务分解表 the run took, when one was given.
	Duties *Duties
}

// InputError is input the readers refused: the file, the rules or a field.
// Msg is one line; Diags, when set, are the positioned problems, as the
// command line prints them. File names the file they are in when it is
// not the figures (the 分解表).
type InputError struct {
	Msg   string
	Diags rules.Diagnostics
	File  string
}

func (e *InputError) Error() string {
	if len(e.Diags) == 0 {
		return e.Msg
	}
	if e.Msg == "" {
		return e.Diags.Error()
	}
	return e.Msg + "\n" + e.Diags.Error()
}

// errDutiesCity refuses a 分解表 beside a city, as `attain evaluate --units
// --duties` is refused.
var errDutiesCity = &requestError{status: http.StatusBadRequest,
	msg: "分解表只用于一个单位的评估（与命令行的 --duties 一样，不能与多单位同用）；评估多单位工作簿时请去掉分解表"}

// Evaluate reads and judges one input with the calls `attain evaluate`
// makes: read.Read and eval.EvaluateWith for one unit, read.ReadUnits and
// eval.EvaluateUnits (the reader's warnings added to the city's problems)
// for a city; a 分解表 is read first, by WithDuties, as --duties is.
// Problems that stop the evaluation come back as an *InputError holding
// the reader's errors.
func Evaluate(in Input) (*Outcome, error) {
	if in.Rules == nil {
		in.Rules = rules.Default()
	}
	if in.Period.Code == "" {
		in.Period = eval.Year
	}
	mode := in.Mode
	var duties *Duties
	if in.DutiesData != nil {
		if mode == ModeCity {
			return nil, errDutiesCity
		}
		var err error
		if in.Rules, duties, err = WithDuties(in.Rules, in.DutiesName, in.DutiesData); err != nil {
			return nil, err
		}
	}
	if mode == ModeAuto || mode == "" {
		if city, ok := guessCity(in); ok {
			if duties != nil {
				return nil, errDutiesCity
			}
			return &Outcome{Mode: ModeCity, Detected: true, City: city}, nil
		}
		out, err := evaluateUnit(in)
		if out != nil {
			out.Detected, out.Duties = true, duties
		}
		return out, err
	}
	if mode == ModeCity {
		units, diags := read.ReadUnits(in.Name, in.Data, in.Rules, in.unitsOptions())
		if diags.HasErrors() {
			return nil, &InputError{Diags: diags}
		}
		return &Outcome{Mode: ModeCity, City: judgeUnits(units, diags, in.Period)}, nil
	}
	out, err := evaluateUnit(in)
	if out != nil {
		out.Duties = duties
	}
	return out, err
}

func (in Input) unitsOptions() read.UnitsOptions {
	return read.UnitsOptions{Layout: read.UnitsAuto, Sheet: in.Sheet, Password: in.Password}
}

func evaluateUnit(in Input) (*Outcome, error) {
	acts, diags, rep := read.Read(in.Name, in.Data, in.Rules, read.ImportOptions{Sheet: in.Sheet, Password: in.Password})
	if diags.HasErrors() {
		return nil, &InputError{Diags: diags}
	}
	a := eval.EvaluateWith(in.Rules, acts, eval.Options{Period: in.Period})
	return &Outcome{Mode: ModeUnit, Unit: a, Import: rep}, nil
}

// judgeUnits is the city run of `attain evaluate --units` after reading.
func judgeUnits(units []eval.Unit, diags rules.Diagnostics, p eval.Period) *eval.City {
	city := eval.EvaluateUnits(units, eval.Options{Period: p})
	city.Problems = append(city.Problems, diags...)
	return city
}

// guessCity reads a workbook as a city, as --units --layout auto would,
// and keeps the reading when it looks like one: no errors, two or more
// units with figures, and unit names most of which are not the column
// titles of a bureau's one-unit table (本年累计, 上年同期, 增长(%), 1-12月),
// which the units-as-columns layout would otherwise take for units.
func guessCity(in Input) (*eval.City, bool) {
	if read.Sniff(in.Data) != read.FormatXLSX {
		return nil, false
	}
	units, diags := read.ReadUnits(in.Name, in.Data, in.Rules, in.unitsOptions())
	if diags.HasErrors() {
		return nil, false
	}
	with, titles := 0, 0
	for _, u := range units {
		if columnTitle(u.Name) {
			titles++
		}
		if len(u.Actuals.Values) > 0 {
			with++
		}
	}
	if with < 2 || 2*titles >= len(units) {
		return nil, false
	}
	return judgeUnits(units, diags, in.Period), true
}

// periodTitle is a period as a column title names it: 1-12月, 2019年, 一季度.
var periodTitle = regexp.MustCompile(`[0-9０-９一二三四]\s*(年|月|季)`)

// columnTitle reports whether a unit name read from a header row is in fact
// the title of a figure column: a period, a percent sign or a word of
// measures. Places and departments have none of them.
func columnTitle(name string) bool {
	if strings.ContainsAny(name, "%％") || periodTitle.MatchString(name) {
		return true
	}
	for _, w := range []string{"本月", "累计", "同期", "增长", "增速", "本期", "本年", "上年", "去年", "同比", "绝对", "合计",
		"实际", "数值", "金额", "全年", "季度", "主要指标", "计划", "目标"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
