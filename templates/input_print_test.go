package templates_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/xuri/excelize/v2"
)

// TestWriteTemplatePrint reads the blank template back: every input sheet
// repeats its header row on every printed page (_xlnm.Print_Titles), every
// sheet numbers its pages in the footer, and the signature lines stand
// below the last indicator, outside the figure columns.
func TestWriteTemplatePrint(t *testing.T) {
	rs := rules.Default()
	f := inTestOpen(t, rs)
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for _, g := range rs.Groups() {
		sheet := templates.InputSheetOf(rs, g)
		header := 3 // below the title and the meta line
		if want := fmt.Sprintf("'%s'!$%d:$%d", sheet, header, header); titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
		row := header + len(rs.Group(g).Indicators) + 2
		for _, s := range templates.Signatures {
			if got := inTestValueOn(t, f, sheet, cell.A1(s.Col, row)); got != s.Text {
				t.Errorf("%s!%s = %q, want %q", sheet, cell.A1(s.Col, row), got, s.Text)
			}
			if s.Col >= templates.ColPrev && s.Col <= templates.ColDate {
				t.Errorf("%s: a signature in the figure column %s", s.Text, templates.Columns[s.Col].Title)
			}
		}
		if got := inTestValueOn(t, f, sheet, cell.A1(templates.ColID, row-1)); got != "" {
			t.Errorf("%s: row %d above the signatures holds %q", sheet, row-1, got)
		}
	}
	for _, sheet := range f.GetSheetList() {
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil || hf.OddFooter != "&C第 &P 页，共 &N 页" {
			t.Errorf("%s: header and footer %+v, %v; want page x of y in the footer", sheet, hf, err)
		}
	}
	// The filled template (FillTemplate) has none: its cells are the
	// example's.
	if strings.Contains(inTestSheetText(t, rs), "填报人") {
		t.Error("FillTemplate wrote the signature lines")
	}
}

// inTestSheetText is the text of the input sheet of a filled template.
func inTestSheetText(t *testing.T, rs *rules.Ruleset) string {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, rs.Entity, nil, "测试"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(templates.InputSheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " ") + "\n")
	}
	return b.String()
}

// TestWriteTemplatePDF prints the blank template with LibreOffice: every
// page of an input sheet carries the header row, the footer 第 x 页，共 y
// 页, and the last page of each input sheet the signature lines.
func TestWriteTemplatePDF(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ATTAIN_REQUIRE_SOFFICE") == "1" {
			t.Fatal("soffice not found and ATTAIN_REQUIRE_SOFFICE=1")
		}
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "template.xlsx")
	var buf bytes.Buffer
	if err := templates.WriteTemplate(&buf, rules.Default()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "template.pdf"), "-").Output()
	if err != nil {
		t.Skipf("pdftotext (poppler-utils) not usable: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	footer := regexp.MustCompile(`第 (\d+) 页，共 (\d+) 页`)
	header := regexp.MustCompile(`指标编码\s+指标\s+类别\s+单位\s+目标\s+上年实际值\s+本年实际值`)
	signed, input := 0, 0
	for i, p := range pages {
		m := footer.FindStringSubmatch(p)
		if m == nil || m[1] != fmt.Sprint(i+1) || m[2] != fmt.Sprint(len(pages)) {
			t.Errorf("page %d: footer %q, want 第 %d 页，共 %d 页", i+1, m, i+1, len(pages))
		}
		if strings.Contains(p, "一、总体要求") || strings.Contains(p, "二、各列填写方法") {
			continue // the guide
		}
		input++
		if !header.MatchString(p) {
			t.Errorf("page %d has no header row:\n%.300s", i+1, p)
		}
		if strings.Contains(p, "填报人：") && strings.Contains(p, "审核人：") && strings.Contains(p, "填报日期：") {
			signed++
		}
	}
	if want := len(rules.Default().Groups()); signed != want {
		t.Errorf("%d pages with the signature lines, want %d (one per input sheet)", signed, want)
	}
	if input <= len(rules.Default().Groups()) {
		t.Errorf("%d pages of input sheets: none continues a sheet, so none shows the header repeated", input)
	}
}
