package templates

import (
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// NumberRe is a number FillTemplate writes as a number cell, keeping the
// text as the raw value (so that a fixture can hold 8.5000000000000006E-2).
var NumberRe = regexp.MustCompile(`^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$`)

// FillTemplate writes the input template of rs for entity (rs.Entity when
// empty) with figures typed into it, each on its group's sheet (填报表,
// 重点工作任务), and banner (when not empty) as the first line of every input
// sheet and as a note on its cell. It makes examples and test fixtures.
//
// values maps an indicator id to its figures by field. A figure that reads
// as a plain number (12.5, -1.5, 8.5000000000000006E-2) is written as a
// number cell whose raw value is exactly that text; anything else, and
// every 是否完成 and 完成日期 figure, is written as text. Figures may go to
// any figure column, also one that is locked for the indicator (a revised
// baseline, say).
func FillTemplate(w io.Writer, rs *rules.Ruleset, entity string, values map[string]map[eval.Field]string, banner string) error {
	b, err := newInputBook(rs, entity, banner)
	if err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	defer b.f.Close()
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		row, ok := b.rows[id]
		if !ok {
			return fmt.Errorf("fill template: no indicator %q in ruleset %s", id, rs.ID)
		}
		sheet := b.sheets[id]
		for field, v := range values[id] {
			col := ColOf(field)
			if col < 0 {
				return fmt.Errorf("fill template: %s: unknown field %q", id, field)
			}
			cell := cell.A1(col, row)
			switch {
			case field != eval.FieldDone && field != eval.FieldDate && NumberRe.MatchString(v):
				err = b.f.SetCellDefault(sheet, cell, v)
			default:
				err = b.f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				return fmt.Errorf("fill template: %s %s: %w", id, field, err)
			}
		}
	}
	if err := setDimensions(b.f); err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	return nil
}
