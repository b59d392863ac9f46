package templates

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// TestTemplateDimensions: every sheet of the blank and of a filled
// template records the range its cells fill, and openpyxl in read-only
// mode (when Debian's python3-openpyxl is there; required under
// ATTAIN_REQUIRE_OPENPYXL=1) reads each sheet to its last row.
func TestTemplateDimensions(t *testing.T) {
	const python = "/usr/bin/python3"
	hasPython := exec.Command(python, "-c", "import openpyxl").Run() == nil
	if !hasPython && os.Getenv("ATTAIN_REQUIRE_OPENPYXL") == "1" {
		t.Fatalf("%s with openpyxl is required under ATTAIN_REQUIRE_OPENPYXL=1", python)
	}
	rs := rules.Default()
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"blank", func(b *bytes.Buffer) error { return WriteTemplate(b, rs) }},
		{"filled", func(b *bytes.Buffer) error {
			return FillTemplate(b, rs, "红旗区", map[string]map[eval.Field]string{"gdp_growth": {eval.FieldGrowth: "8.6"}}, "")
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
			read := map[string]string{}
			if hasPython {
				name := filepath.Join(t.TempDir(), "t.xlsx")
				if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(python, "-c", `
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets:
    last = max([i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if any(v is not None for v in r)] or [0])
    print(ws.title + "\t" + str(last))
`, name).CombinedOutput()
				if err != nil {
					t.Fatalf("openpyxl: %v\n%s", err, out)
				}
				for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
					sheet, n, _ := strings.Cut(l, "\t")
					read[sheet] = n
				}
			}
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				got, err := f.GetSheetDimension(sheet)
				if err != nil || !strings.HasSuffix(got, strconv.Itoa(len(rows))) || len(rows) > 1 && !strings.HasPrefix(got, "A1:") {
					t.Errorf("%s: range %q, %d rows", sheet, got, len(rows))
				}
				if n := read[sheet]; hasPython && n != strconv.Itoa(len(rows)) {
					t.Errorf("%s: openpyxl (read-only) reads %s rows, there are %d", sheet, n, len(rows))
				}
			}
		})
	}
}
