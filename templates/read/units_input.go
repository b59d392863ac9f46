package read

import (
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file holds what the multi-unit reader asks of its input before it
// reads a layout: the sheets asked for.

// sheetsAsked are the sheets to read: the ones asked for (named is then
// true), else every sheet of the workbook; nil when one asked for is not
// there, which is reported.
func (u *unitsReader) sheetsAsked() (sheets []string, named bool) {
	all := u.book.SheetNames()
	want := ImportOptions{Sheets: u.opts.Sheets, Sheet: u.opts.Sheet}.sheets()
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
