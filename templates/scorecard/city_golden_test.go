package scorecard

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/xuri/excelize/v2"
)

// cityDumpStyle describes a cell style in full: number format, font,
// alignment, fill and borders. Two cells written with the same scStyle
// get the same description whatever excelize's style ids are.
func cityDumpStyle(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if st.CustomNumFmt != nil {
		fmt.Fprintf(&b, "fmt=%q ", *st.CustomNumFmt)
	} else if st.NumFmt != 0 {
		fmt.Fprintf(&b, "numfmt=%d ", st.NumFmt)
	}
	if ft := st.Font; ft != nil {
		fmt.Fprintf(&b, "font=%s/%g", ft.Family, ft.Size)
		if ft.Bold {
			b.WriteString("/bold")
		}
		if ft.Color != "" {
			b.WriteString("/" + ft.Color)
		}
		if ft.Charset != nil {
			fmt.Fprintf(&b, "/cs%d", *ft.Charset)
		}
		b.WriteString(" ")
	}
	if al := st.Alignment; al != nil {
		fmt.Fprintf(&b, "align=%s/%s", al.Horizontal, al.Vertical)
		if al.WrapText {
			b.WriteString("/wrap")
		}
		if al.ShrinkToFit {
			b.WriteString("/shrink")
		}
		b.WriteString(" ")
	}
	if len(st.Fill.Color) > 0 {
		fmt.Fprintf(&b, "fill=%v ", st.Fill.Color)
	}
	for _, bd := range st.Border {
		fmt.Fprintf(&b, "%s:%s:%d ", bd.Type, bd.Color, bd.Style)
	}
	return strings.TrimSpace(b.String())
}

// cityDumpCells lists every cell of a sheet, empty text cells included,
// with its raw value, type and full style, and every row's height. The
// styles are numbered by first use, so that the dump does not depend on
// the order in which the writer created them.
func cityDumpCells(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	var b, cells strings.Builder
	styles := map[string]int{}
	var order []string
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	r := 0
	for rows.Next() {
		r++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		ht, err := f.GetRowHeight(sheet, r)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&cells, "row %d ht=%g\n", r, ht)
		for ci := range cols {
			ref := scRef(cell.ColName(ci), r)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			id, err := f.GetCellStyle(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			desc := cityDumpStyle(t, f, id)
			n, ok := styles[desc]
			if !ok {
				n = len(order) + 1
				styles[desc] = n
				order = append(order, desc)
			}
			kind := "s"
			if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
				kind = "n"
			}
			fmt.Fprintf(&cells, "%s %s %q #%d\n", ref, kind, cols[ci], n)
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "sheet %s\n", sheet)
	for i, s := range order {
		fmt.Fprintf(&b, "style #%d %s\n", i+1, s)
	}
	b.WriteString(cells.String())
	return b.String()
}

// TestCityScorecardGolden keeps every cell of two city scorecards, the
// value, whether it is a number or text, and its style: the five test
// units (a 明细 sheet each) and 40 generated units of 10 indicators (one
// long 明细), so that a faster writer cannot change what is written. The
// sheet settings, merges and conditional formats are kept by scDumpSheet.
func TestCityScorecardGolden(t *testing.T) {
	tests := []struct {
		name string
		city func(t *testing.T) *eval.City
	}{
		{"five", func(t *testing.T) *eval.City { return cityFixture(t, "year") }},
		{"forty", func(t *testing.T) *eval.City { return cityGenerated(t, 40, 10) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.city(t)
			var buf bytes.Buffer
			if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var all strings.Builder
			all.WriteString(scDumpWorkbook(t, f, buf.Bytes()))
			for _, sheet := range f.GetSheetList() {
				dump := scDumpSheet(t, f, sheet)
				// The cells are listed in full below.
				if i := strings.Index(dump, "cells\n"); i >= 0 {
					dump = dump[:i]
				}
				all.WriteString(dump)
				all.WriteString(cityDumpCells(t, f, sheet))
			}
			scGolden(t, "city/"+tc.name+".txt", all.String())
		})
	}
}
