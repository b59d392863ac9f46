package templates_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/xuri/excelize/v2"
)

// TestTemplateDimensions: every sheet of the blank and of a filled
// template records the range its cells fill, and openpyxl in read-only
// mode (when Debian's python3-openpyxl is there; required under
// ATTAIN_REQUIRE_OPENPYXL=1) reads each sheet to its last row.
func TestTemplateDimensions(t *testing.T) {
	rs := rules.Default()
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"blank", func(b *bytes.Buffer) error { return templates.WriteTemplate(b, rs) }},
		{"filled", func(b *bytes.Buffer) error {
			return templates.FillTemplate(b, rs, "红旗区", map[string]map[eval.Field]string{"gdp_growth": {eval.FieldGrowth: "8.6"}}, "")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			read, hasPython := fixture.ReadOnlyRows(t, buf.Bytes())
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				got, err := f.GetSheetDimension(sheet)
				if err != nil || !strings.HasSuffix(got, strconv.Itoa(len(rows))) || len(rows) > 1 && !strings.HasPrefix(got, "A1:") {
					t.Errorf("%s: range %q, %d rows", sheet, got, len(rows))
				}
				if n := read[sheet]; hasPython && n != len(rows) {
					t.Errorf("%s: openpyxl (read-only) reads %d rows, there are %d", sheet, n, len(rows))
				}
			}
		})
	}
}
