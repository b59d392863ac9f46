package read

import (
	"sort"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// Read reads actual figures from any input attain accepts: the input
// template written by WriteTemplate (read as ReadActuals reads it, which
// checks its layout strictly), or a bureau's own workbook or CSV file (read
// as ImportActuals reads it, which finds rows and columns by their names).
// A mapping always means the bureau's layout. The file is sniffed and
// opened once, within tableLimits. The report says which cell fed each
// figure, for `evaluate --explain-import`.
func Read(name string, data []byte, rs *rules.Ruleset, opts ImportOptions) (acts eval.Actuals, ds rules.Diagnostics, rep *ImportReport) {
	defer func() {
		if importRecoverPanics {
			if p := recover(); p != nil {
				acts, ds = readPanicked(name, rs)
				rep = &ImportReport{File: name}
			}
		}
	}()
	return readWith(name, data, rs, opts, tableLimits)
}

// readWith is Read within lim.
func readWith(name string, data []byte, rs *rules.Ruleset, opts ImportOptions, lim limits) (eval.Actuals, rules.Diagnostics, *ImportReport) {
	var open rules.Diagnostics
	in := openInput(name, data, opts.Password, lim, forAny, &open)
	if header := readTemplateHeader(in, opts); rs != nil && opts.Mapping == nil && header > 0 {
		r := newReader(name, rs, ReadOptions{Sheets: opts.sheets(), Password: opts.Password}, lim)
		r.wb = newBookGrids(in.book, name, lim)
		r.read()
		acts, ds := r.result()
		if r.typed == 0 && !ds.HasErrors() {
			ds.Add(blankProblem(name, rs))
		}
		rep := readTemplateReport(name, rs, acts)
		rep.HeaderRows = []int{header}
		return acts, ds, rep
	}
	return importInput(name, in, open, rs, opts)
}

// readTemplateHeader returns the 1-based header row when the input is a
// workbook with attain's input sheet (or the first sheet asked for) whose header
// names 指标编码, else 0. It streams the first rows only; a sheet damaged
// there is left to the importer to report.
func readTemplateHeader(in *input, opts ImportOptions) int {
	if in.book == nil {
		return 0
	}
	sheet := templates.InputSheet
	if sheets := opts.sheets(); len(sheets) > 0 {
		sheet = sheets[0]
	}
	if !in.book.HasSheet(sheet) {
		return 0
	}
	rows, err := in.book.Rows(sheet)
	if err != nil {
		return 0
	}
	defer rows.Close()
	for {
		num, cells, ok, err := rows.Next()
		if err != nil || !ok || num > readHeaderScan {
			return 0
		}
		for _, c := range cells {
			if rules.NormalizeName(c.Value) == "指标编码" {
				return num
			}
		}
	}
}

// readTemplateReport describes, in the import report's terms, where each
// figure of a filled template came from.
func readTemplateReport(name string, rs *rules.Ruleset, acts eval.Actuals) *ImportReport {
	var sheets []string
	for _, g := range rs.Groups() {
		sheets = append(sheets, templates.InputSheetOf(rs, g))
	}
	rep := &ImportReport{File: name, Format: "attain 填报模板（" + strings.Join(sheets, "、") + "）",
		Sheet: strings.Join(sheets, "、")}
	for _, ind := range rs.Indicators {
		a := acts.Values[ind.ID]
		if a == nil || len(a.Sources) == 0 {
			rep.Missing = append(rep.Missing, ImportMissing{ID: ind.ID, Name: ind.Name})
			continue
		}
		srcs := append(eval.Sources(nil), a.Sources...)
		sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].Pos.Cell < srcs[j].Pos.Cell })
		for _, src := range srcs {
			f, pos := src.Field, src.Pos
			rep.Fields = append(rep.Fields, ImportField{Indicator: ind.ID, Name: ind.Name, Field: f, Pos: pos,
				Ref: pos.Sheet + "!" + pos.Cell, Header: fieldTitle(f), Raw: readFieldValue(a, f), Value: readFieldValue(a, f)})
		}
	}
	return rep
}

func readFieldValue(a *eval.Actual, f eval.Field) string {
	switch f {
	case eval.FieldLevel:
		return readNullString(a.Level)
	case eval.FieldPrevLevel:
		return readNullString(a.PrevLevel)
	case eval.FieldGrowth:
		return readNullString(a.Growth)
	case eval.FieldRank:
		if a.Rank > 0 {
			return strconv.Itoa(a.Rank)
		}
	case eval.FieldDone:
		if a.Done != nil {
			return map[bool]string{true: "是", false: "否"}[*a.Done]
		}
	case eval.FieldDate:
		return a.Date
	}
	return ""
}

func readNullString(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return d.Decimal.String()
}
