package read

import (
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file holds what the multi-unit reader asks of its input beyond a
// layout's rows: the file opened (a workbook, or a CSV file of a long
// table), the sheets asked for, and the refusals of what reads as units
// but is none: one unit's table, whose column titles (本年累计, 上年同期,
// 增长(%)) would be taken for units, and a table in which not one
// indicator of the ruleset is found. Both are errors, as they are for one
// unit, rather than a ranking of units that all score 0.

// unitsSource is the input of a multi-unit reader: the bytes of the file,
// or (at not nil) the file itself, of size bytes.
type unitsSource struct {
	data []byte
	at   io.ReaderAt
	size int64
}

// open opens the input: a workbook within cityLimits, or a CSV file; it
// reports why not and returns false when it cannot.
func (u *unitsReader) open(src unitsSource) bool {
	var in *input
	if src.at != nil {
		in = openInputAt(u.name, src.at, src.size, u.opts.Password, cityLimits, forAny, &u.diags)
	} else {
		in = openInput(u.name, src.data, u.opts.Password, cityLimits, forAny, &u.diags)
	}
	switch in.kind {
	case kindXLSX:
		if isScorecard(in.book.SheetNames(), in.book.Application()) {
			u.diags.Add(scorecardProblem(u.name))
			return false
		}
		u.book = in.book
	case kindCSV:
		c, err := unitsOpenCSVText(in.data)
		if err != nil {
			u.diags.Errorf(rules.Pos{File: u.name}, "用 Excel/WPS 打开后另存为 CSV（UTF-8）或 .xlsx 再导入", "无法读取 CSV 文件：%v", err)
			return false
		}
		u.csv = c
	default:
		return false
	}
	return true
}

// openRows streams the rows of a sheet, or of the CSV file (sheet "").
func (u *unitsReader) openRows(sheet string) (*unitsRows, error) {
	if u.csv != nil {
		return u.csv.rows(), nil
	}
	return unitsOpenRows(u.book, sheet)
}

// sheetsAsked are the sheets to read: the ones asked for (named is then
// true), else every sheet of the workbook; nil when one asked for is not
// there, which is reported. A CSV file is one table, sheet "".
func (u *unitsReader) sheetsAsked() (sheets []string, named bool) {
	want := ImportOptions{Sheets: u.opts.Sheets, Sheet: u.opts.Sheet}.sheets()
	if u.csv != nil {
		if len(want) > 0 {
			u.diags.Warnf(rules.Pos{File: u.name}, "CSV 文件只有一张表，--sheet 不起作用", "指定了工作表“%s”，但输入是 CSV 文件", want[0])
		}
		return []string{""}, false
	}
	all := u.book.SheetNames()
	if len(want) == 0 {
		return all, false
	}
	for _, w := range want {
		found := false
		for _, s := range all {
			found = found || s == w
		}
		if !found {
			u.diags.Errorf(rules.Pos{File: u.name}, "工作簿中的工作表有：“"+strings.Join(all, "”、“")+"”",
				"找不到工作表“%s”", w)
			return nil, true
		}
	}
	return want, true
}

// csvLayout reports whether a layout can be read from the input: a CSV
// file holds a long table or units as columns, never a sheet per unit
// (which is refused).
func (u *unitsReader) csvLayout(layout UnitsLayout) bool {
	if u.csv == nil || layout != UnitsSheets {
		return true
	}
	u.diags.Errorf(rules.Pos{File: u.name}, "CSV 文件请用长表（列标题含“单位”“指标”和“本年实际值”等）或指标为行、单位为列；每个单位一张工作表的，请用 .xlsx",
		"CSV 文件只有一张表，不能是每个单位一张工作表的格式")
	return false
}

// scanSingle recognises one unit's table: an indicator column beside
// titles of figures (本年累计, 上年同期, 增长(%)) and no column of unit
// names. Its titles are no units: a table of units as columns names
// places there, the template's layout only its own titles.
func (u *unitsReader) scanSingle(s *unitsScan, rows [][]string, i int) bool {
	t := unitsTitles(rows[i])
	if (t.id < 0 && t.name < 0) || t.entity >= 0 {
		return false
	}
	year := 0
	if u.rs != nil {
		year = u.rs.Year
	}
	foreign := false // a figure title that is not one of the template's
	for _, c := range t.others {
		switch importMatchHeader(rows[i][c], year).Role {
		case roleLevel, roleGrowth, rolePrevLevel, roleRank, roleDone, roleDate:
			foreign = true
		}
	}
	if !foreign {
		return false
	}
	for c, text := range rows[i] {
		if c == t.id || c == t.name || strings.TrimSpace(text) == "" {
			continue
		}
		switch importMatchHeader(text, year).Role {
		case roleLevel, roleGrowth, rolePrevLevel, roleRank, roleDone, roleDate:
			s.titles = append(s.titles, strings.TrimSpace(text))
			if s.at.File == "" {
				s.at = unitsPos(u.name, s.sheet, c, i+1)
			}
		}
	}
	s.kind = unitsKindSingle
	return true
}

// refuseLayout says why no sheet of the layout was found: one unit's
// table, or no table of units at all.
func (u *unitsReader) refuseLayout(scans []*unitsScan, layout UnitsLayout) {
	if u.diags.HasErrors() {
		return // a damaged sheet, say: its error says why
	}
	for _, s := range scans {
		if s.kind != unitsKindSingle {
			continue
		}
		u.diags.Errorf(s.at, "去掉 --units，按一个单位评价这张表；多单位数据请用每个单位一张工作表、一张长表（列标题含“单位”“指标”）或指标为行、单位为列的表",
			"这是一个单位的指标表，不是多单位数据：“%s”是列标题（本年值、上年值、增速等），不是单位名称",
			strings.Join(s.titles, "”“"))
		return
	}
	u.noLayout(layout)
}

// nothingFound refuses a reading in which no unit has a row of any
// indicator of its ruleset, naming what the table holds instead; it
// reports whether it did. A reading that already failed is left alone.
func (u *unitsReader) nothingFound() bool {
	if len(u.units) == 0 || u.diags.HasErrors() {
		return false
	}
	for _, e := range u.units {
		if e.rs != nil && !e.empty() {
			return false
		}
	}
	var seen []string
	for _, k := range u.unknownOrder {
		if len(seen) == 12 {
			seen = append(seen, "…")
			break
		}
		seen = append(seen, "“"+u.unknown[k].text+"”")
	}
	hint := "核对指标名称或编码与规则集中的名称或别名（attain rules show ID）是否一致"
	if len(seen) > 0 {
		hint += "；表中的指标有：" + strings.Join(seen, "、")
	}
	id := ""
	if u.rs != nil {
		id = " " + u.rs.ID + " "
	}
	u.diags.Add(rules.Diagnostic{Pos: rules.Pos{File: u.name}, Hint: hint,
		Summary: fmt.Sprintf("%d 个单位的数据中没有找到规则集%s中的任何指标", len(u.units), id)})
	return true
}
