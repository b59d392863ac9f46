package scorecard

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// scOffice converts file with LibreOffice into outDir, in a profile of its
// own so that conversions may run side by side.
func scOffice(ctx context.Context, soffice, profile, format, outDir, file string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--convert-to", format, "--outdir", outDir, file)
	return cmd.CombinedOutput()
}

// TestScorecardLibreOffice opens the scorecard in LibreOffice, an
// independent reader: it must convert without complaint to PDF (pages
// counted per sheet) and to CSV (every sheet), and the CSV must carry the
// numbers of the assessment.
func TestScorecardLibreOffice(t *testing.T) {
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
	a := fixture.Assessment(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "scorecard.xlsx")
	var buf bytes.Buffer
	start := time.Now()
	if err := WriteScorecard(&buf, a, ScorecardOptions{InputName: "actuals.xlsx", Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	t.Logf("scorecard written in %v (%d bytes)", time.Since(start), buf.Len())
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pdfDir, csvDir := filepath.Join(dir, "pdf"), filepath.Join(dir, "csv")
	conversions := []struct {
		name, format, out string
	}{
		{"pdf", "pdf", pdfDir},
		{"csv", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", csvDir},
	}
	var wg sync.WaitGroup
	outs := make([][]byte, len(conversions))
	errs := make([]error, len(conversions))
	start = time.Now()
	for i, c := range conversions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = scOffice(ctx, soffice, filepath.Join(dir, "profile-"+c.name), c.format, c.out, file)
		}()
	}
	wg.Wait()
	t.Logf("LibreOffice conversions took %v", time.Since(start))
	for i, c := range conversions {
		if errs[i] != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", c.name, errs[i], outs[i])
		}
		if bytes.Contains(bytes.ToLower(outs[i]), []byte("error")) {
			t.Errorf("soffice --convert-to %s reported: %s", c.name, outs[i])
		}
	}

	t.Run("pdf pages", func(t *testing.T) { scCheckPDF(t, filepath.Join(pdfDir, "scorecard.pdf")) })
	t.Run("csv numbers", func(t *testing.T) { scCheckCSV(t, a, csvDir) })
}

// scCheckPDF counts the printed pages of each sheet: 总览 on one page,
// 明细 one page wide with its header repeated on every page.
func scCheckPDF(t *testing.T, pdf string) {
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	total := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if out, err := exec.Command("pdfinfo", pdf).Output(); err == nil {
		if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out); m != nil {
			total, _ = strconv.Atoi(string(m[1]))
		}
	}
	t.Logf("PDF pages: %d", total)
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Skipf("pdftotext (poppler-utils) not usable: %v; %d pages in all", err, total)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	if len(pages) != total {
		t.Errorf("pdftotext found %d pages, the PDF has %d", len(pages), total)
	}
	perSheet := map[string]int{}
	for i, p := range pages {
		first := ""
		for _, line := range strings.Split(p, "\n") {
			if strings.TrimSpace(line) != "" {
				first = strings.TrimSpace(line)
				break
			}
		}
		sheet := ""
		for _, s := range []string{view.SheetOverview, view.SheetDetail, view.SheetTaskDetail, view.SheetReview, view.SheetNotes, view.SheetProblems} {
			if strings.HasSuffix(first, s) {
				sheet = s
			}
		}
		if sheet == "" {
			t.Errorf("page %d has no sheet name in its header: %q", i+1, first)
			continue
		}
		perSheet[sheet]++
		if !strings.Contains(p, "评估日期：2020年1月15日") || !strings.Contains(p, "页，共") {
			t.Errorf("page %d (%s) lacks the footer", i+1, sheet)
		}
		if (sheet == view.SheetDetail || sheet == view.SheetTaskDetail) && !(strings.Contains(p, "序号") && strings.Contains(p, "数据来源")) {
			t.Errorf("page %d of %s lacks the first or last header column: not one page wide", i+1, sheet)
		}
	}
	t.Logf("pages per sheet: 总览 %d, 明细 %d, 任务明细 %d, 回顾文稿 %d, 口径说明 %d, 数据问题 %d", perSheet[view.SheetOverview],
		perSheet[view.SheetDetail], perSheet[view.SheetTaskDetail], perSheet[view.SheetReview], perSheet[view.SheetNotes],
		perSheet[view.SheetProblems])
	if perSheet[view.SheetOverview] != 1 {
		t.Errorf("总览 prints on %d pages, want 1", perSheet[view.SheetOverview])
	}
	if perSheet[view.SheetDetail] < 1 || perSheet[view.SheetTaskDetail] < 1 {
		t.Error("明细 or 任务明细 did not print")
	}
	if perSheet[view.SheetChartData] != 0 {
		t.Error("the hidden chart data printed")
	}
}

// scReadCSV reads one sheet exported by LibreOffice.
func scReadCSV(t *testing.T, dir, sheet string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "scorecard-"+sheet+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// scSameNumber compares a number as LibreOffice wrote it with a decimal.
func scSameNumber(got string, want decimal.Decimal) bool {
	d, err := decimal.NewFromString(got)
	return err == nil && d.Equal(want)
}

// scCheckCSV compares the numbers LibreOffice read with the assessment:
// every indicator on 明细 or 任务明细, and the scores on 总览.
func scCheckCSV(t *testing.T, a *eval.Assessment, dir string) {
	checked := 0
	for _, sheet := range []string{view.SheetDetail, view.SheetTaskDetail} {
		checked += scCheckDetailCSV(t, a, dir, sheet)
	}
	if checked != len(a.Results) {
		t.Errorf("checked %d indicators of %d", checked, len(a.Results))
	}
	ov := scReadCSV(t, dir, view.SheetOverview)
	if len(ov) < 5 || !scSameNumber(ov[4][0], a.Total) || !scSameNumber(ov[4][1], a.FullMarks) ||
		!scSameNumber(ov[4][2], a.Percent) || ov[4][3] != a.Grade {
		t.Errorf("总览 row 5 read back %v, want %s %s %s %s", ov[4], a.Total, a.FullMarks, a.Percent, a.Grade)
	}
	for i, g := range a.Groups {
		row := 8 + i // the group table under its heading and header
		if len(ov) <= row || ov[row][0] != g.Name || !scSameNumber(ov[row][1], g.Total) ||
			!scSameNumber(ov[row][2], g.FullMarks) || ov[row][4] != g.Grade {
			t.Errorf("总览 row %d read back %v, want %s %s %s %s", row+1, ov[min(row, len(ov)-1)], g.Name, g.Total,
				g.FullMarks, g.Grade)
		}
	}
	for _, sheet := range []string{view.SheetReview, view.SheetNotes, view.SheetProblems} {
		if recs := scReadCSV(t, dir, sheet); len(recs) < 2 {
			t.Errorf("%s CSV has %d rows", sheet, len(recs))
		}
	}
}

// scCheckDetailCSV compares one detail sheet read back by LibreOffice with
// the assessment and returns the count of indicators checked.
func scCheckDetailCSV(t *testing.T, a *eval.Assessment, dir, sheet string) int {
	recs := scReadCSV(t, dir, sheet)
	if len(recs) < 2 {
		t.Fatalf("%s CSV has %d rows", sheet, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[1] {
		col[h] = i
	}
	checked := 0
	for _, rec := range recs[2:] {
		if len(rec) <= col["数据来源"] {
			continue
		}
		r := a.Result(scIDByName(a, rec[col["指标"]]))
		if r == nil {
			continue
		}
		checked++
		name := r.Indicator.Name
		if r.Value.Valid && r.Indicator.Measure != "yes_no" {
			if !scSameNumber(rec[col["实际值"]], r.Value.Decimal) {
				t.Errorf("%s 实际值 read back %q, want %s", name, rec[col["实际值"]], r.Value.Decimal)
			}
		}
		if r.Completion.Valid && !scSameNumber(rec[col["完成率(%)"]], r.Completion.Decimal) {
			t.Errorf("%s 完成率 read back %q, want %s", name, rec[col["完成率(%)"]], r.Completion.Decimal)
		}
		if r.Gap.Valid && !scSameNumber(rec[col["差距"]], r.Gap.Decimal) {
			t.Errorf("%s 差距 read back %q, want %s", name, rec[col["差距"]], r.Gap.Decimal)
		}
		if r.Scored && !scSameNumber(rec[col["得分"]], r.Score) {
			t.Errorf("%s 得分 read back %q, want %s", name, rec[col["得分"]], r.Score)
		}
		if r.Scored && !scSameNumber(rec[col["权重"]], r.Weight) || !r.Scored && rec[col["权重"]] != "-" {
			t.Errorf("%s 权重 read back %q, want %s", name, rec[col["权重"]], r.Weight)
		}
		if rec[col["完成情况"]] != string(r.Status) {
			t.Errorf("%s 完成情况 read back %q, want %s", name, rec[col["完成情况"]], r.Status)
		}
	}
	return checked
}

func scIDByName(a *eval.Assessment, name string) string {
	for _, r := range a.Results {
		if r.Indicator.Name == name {
			return r.Indicator.ID
		}
	}
	return ""
}

// cityPDFPages converts a city scorecard to PDF with LibreOffice and
// returns the text of every page (pdftotext -layout) by sheet, named by
// the footer's &A at the right of a page's last line.
func cityPDFPages(t *testing.T, soffice string, data []byte, drop ...string) map[string][]string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "city.xlsx")
	if len(drop) > 0 {
		// Sheets of no interest to the test are dropped, so that the
		// conversion stays fast.
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range drop {
			if err := f.DeleteSheet(s); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SaveAs(file); err != nil {
			t.Fatal(err)
		}
		f.Close()
	} else if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if out, err := scOffice(ctx, soffice, filepath.Join(dir, "profile"), "pdf", dir, file); err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "city.pdf"), "-").Output()
	if err != nil {
		t.Skipf("pdftotext (poppler-utils) not usable: %v", err)
	}
	pages := map[string][]string{}
	for i, p := range strings.Split(strings.TrimRight(string(out), "\f"), "\f") {
		lines := strings.Fields(p)
		if len(lines) == 0 {
			t.Errorf("page %d is empty", i+1)
			continue
		}
		sheet := lines[len(lines)-1]
		pages[sheet] = append(pages[sheet], p)
	}
	return pages
}

// TestCityScorecardPrintPages prints city scorecards with LibreOffice and
// counts their pages. 150 units of 50 indicators (as mkfixtures -units 150
// makes): 排名 printed 54 pages at 100%, 9 bands of 4 indicators and one
// of 说明 alone, every band after the first under a title cut at column
// B; it now prints 15 (5 pages wide, 3 down, at about 50%), each with the
// whole title and the header. 总览 takes 3 pages, the chart of totals and
// its table on one (it took 4, the chart cut across two). 40 units of 6
// indicators: 排名 on one page; 明细 is one table, its header on every
// page.
func TestCityScorecardPrintPages(t *testing.T) {
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
	write := func(c *eval.City) []byte {
		var buf bytes.Buffer
		if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	big := cityGenerated(t, 150, 50)
	small := cityGenerated(t, 40, 6)
	var wg sync.WaitGroup
	var bigPages, smallPages map[string][]string
	wg.Add(2)
	go func() { defer wg.Done(); bigPages = cityPDFPages(t, soffice, write(big), citySheetDetail) }()
	go func() { defer wg.Done(); smallPages = cityPDFPages(t, soffice, write(small)) }()
	wg.Wait()
	if t.Failed() {
		return
	}
	title := view.CityTitle(big) + "排名"
	const rankMax, overviewMax = 15, 3
	t.Logf("150 units × 50 indicators: 总览 %d pages, 排名 %d", len(bigPages[citySheetOverview]), len(bigPages[citySheetRanking]))
	if n := len(bigPages[citySheetRanking]); n == 0 || n > rankMax {
		t.Errorf("排名 of 150 units × 50 indicators prints %d pages, want 1 to %d", n, rankMax)
	}
	if n := len(bigPages[citySheetOverview]); n == 0 || n > overviewMax {
		t.Errorf("总览 prints %d pages, want 1 to %d", n, overviewMax)
	}
	var cut []int
	for i, p := range bigPages[citySheetRanking] {
		if !strings.Contains(p, title) || !strings.Contains(p, "名次") || !strings.Contains(p, "等级") {
			cut = append(cut, i+1)
		}
	}
	if len(cut) > 0 {
		t.Errorf("%d pages of 排名 lack the whole title %q or the header: %v", len(cut), title, cut)
	}
	t.Logf("40 units × 6 indicators: 排名 %d pages, 明细 %d", len(smallPages[citySheetRanking]), len(smallPages[citySheetDetail]))
	if n := len(smallPages[citySheetRanking]); n != 1 {
		t.Errorf("排名 of 40 units × 6 indicators prints %d pages, want 1", n)
	}
	if len(smallPages[citySheetDetail]) < 2 {
		t.Errorf("明细 of 240 rows prints %d pages", len(smallPages[citySheetDetail]))
	}
	cut = nil
	for i, p := range smallPages[citySheetDetail] {
		if !strings.Contains(p, "判定依据") || !strings.Contains(p, "数据来源") {
			cut = append(cut, i+1)
		}
	}
	if len(cut) > 0 {
		t.Errorf("%d pages of 明细 lack the header, or 明细 is not one page wide: %v", len(cut), cut)
	}
}
