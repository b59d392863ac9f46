package scorecard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/xuri/excelize/v2"
)

// deptScorecard writes the scorecard of the fixed figures under the 2019
// 分解表.
func deptScorecard(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, fixture.DutiesAssessment(t), ScorecardOptions{InputName: "actuals.xlsx",
		Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenDepartmentsSheet: the sheet 责任单位 by cell content (print
// settings, widths, merged block headings, status formats), placed after
// the detail sheets, its header rows repeated on every printed page.
func TestGoldenDepartmentsSheet(t *testing.T) {
	data := deptScorecard(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{view.SheetOverview, view.SheetDetail, view.SheetTaskDetail, view.SheetDepartments, view.SheetReview}
	if got := f.GetSheetList(); !slices.Equal(got[:len(want)], want) {
		t.Errorf("sheets %q, want %q first", got, want)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		titles = titles || d.Name == "_xlnm.Print_Titles" && d.Scope == view.SheetDepartments && d.RefersTo == "'责任单位'!$1:$2"
	}
	if !titles {
		t.Error("责任单位 does not repeat its header rows on every page")
	}
	scGolden(t, "scorecard/departments.txt", scDumpSheet(t, f, view.SheetDepartments))
}

// TestDepartmentsSheetAbsent: without leads there is no sheet 责任单位.
func TestDepartmentsSheetAbsent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, fixture.Assessment(t), ScorecardOptions{Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if slices.Contains(f.GetSheetList(), view.SheetDepartments) {
		t.Error("a scorecard without duties has the sheet 责任单位")
	}
}

// systemPython is Debian's python3, which has python3-openpyxl (the one on
// PATH may be another without it).
const systemPython = "/usr/bin/python3"

// deptReadBack prints, as openpyxl reads the sheet 责任单位: its print
// setup, each department heading, and each lead indicator row as name,
// status and score.
const deptReadBack = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["责任单位"]
print(ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows)
for row in ws.iter_rows(min_row=3, values_only=True):
    a, b, e, g = row[0], row[1], row[4], row[6]
    if isinstance(a, str) and a[:1].isdigit():
        print("dept", a.split("　")[0])
    elif isinstance(a, (int, float)) and b:
        print("row", b, e, g)
`

// TestDepartmentsSheetOpenpyxl reads 责任单位 back with openpyxl: A4
// landscape with its header repeated, the departments with a miss first,
// each lead indicator with its status and its score as a number. Skipped
// without Debian's python3-openpyxl unless ATTAIN_REQUIRE_OPENPYXL=1.
func TestDepartmentsSheetOpenpyxl(t *testing.T) {
	if err := exec.Command(systemPython, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("ATTAIN_REQUIRE_OPENPYXL") == "1" {
			t.Fatalf("%s with openpyxl is required under ATTAIN_REQUIRE_OPENPYXL=1: %v", systemPython, err)
		}
		t.Skipf("%s with openpyxl not available: %v", systemPython, err)
	}
	name := filepath.Join(t.TempDir(), "card.xlsx")
	if err := os.WriteFile(name, deptScorecard(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(systemPython, "-c", deptReadBack, name).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if lines[0] != "landscape 9 $1:$2" {
		t.Errorf("print setup %q, want landscape A4 (9) with rows 1-2 repeated", lines[0])
	}
	v := view.Departments(fixture.DutiesAssessment(t))
	var depts []string
	rows := 0
	for _, l := range lines[1:] {
		switch {
		case strings.HasPrefix(l, "dept "):
			depts = append(depts, strings.TrimPrefix(l, "dept "))
		case strings.HasPrefix(l, "row "):
			rows++
		}
	}
	if len(depts) != len(v.Rows) {
		t.Fatalf("%d departments read back, want %d:\n%s", len(depts), len(v.Rows), out)
	}
	for i, r := range v.Rows {
		if want := strings.TrimSpace(r.D.Name); !strings.HasSuffix(depts[i], want) {
			t.Errorf("department %d reads %q, want %s", i+1, depts[i], want)
		}
	}
	if first := v.Rows[0]; first.D.Behind == 0 {
		t.Errorf("the first department %s has nothing 未完成", first.D.Name)
	}
	if rows != 56 {
		t.Errorf("%d lead indicator rows, want one per indicator (56):\n%s", rows, out)
	}
	for _, want := range []string{"row 固定资产投资 未完成 6.33", "row 地区生产总值 完成 12"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("openpyxl reads no %q:\n%s", want, out)
		}
	}
}
