package scorecard

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/xuri/excelize/v2"
)

// update rewrites the package's golden files (testdata/golden,
// testdata/units): go test ./templates/scorecard -run 'Golden|City' -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden and testdata/units")

// scGolden compares got with the golden file name under testdata/golden,
// or rewrites it under -update.
func scGolden(t *testing.T, name, got string) {
	t.Helper()
	fixture.Golden(t, filepath.Join("testdata", "golden", filepath.FromSlash(name)), got, *update)
}

// scSheetFiles names the golden dump of each sheet.
var scSheetFiles = map[string]string{
	view.SheetOverview:   "overview.txt",
	view.SheetDetail:     "detail.txt",
	view.SheetTaskDetail: "taskdetail.txt",
	view.SheetReview:     "review.txt",
	view.SheetNotes:      "notes.txt",
	view.SheetProblems:   "problems.txt",
	view.SheetChartData:  "chartdata.txt",
}

// scDumpSheet renders one sheet as readable text: print settings, panes,
// column widths, merged ranges, conditional formats and every cell with
// its type, number format and shown value.
func scDumpSheet(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	var b strings.Builder
	visible, _ := f.GetSheetVisible(sheet)
	fmt.Fprintf(&b, "sheet %s visible=%v\n", sheet, visible)
	if pl, err := f.GetPageLayout(sheet); err == nil {
		fmt.Fprintf(&b, "page size=%s orientation=%s fitToWidth=%s fitToHeight=%s\n",
			scIntp(pl.Size), scStrp(pl.Orientation), scIntp(pl.FitToWidth), scIntp(pl.FitToHeight))
	}
	if pr, err := f.GetSheetProps(sheet); err == nil {
		fmt.Fprintf(&b, "fitToPage=%s\n", scBoolp(pr.FitToPage))
	}
	if m, err := f.GetPageMargins(sheet); err == nil {
		fmt.Fprintf(&b, "margins left=%s right=%s top=%s bottom=%s header=%s footer=%s centred=%s\n",
			scFloatp(m.Left), scFloatp(m.Right), scFloatp(m.Top), scFloatp(m.Bottom), scFloatp(m.Header),
			scFloatp(m.Footer), scBoolp(m.Horizontally))
	}
	if hf, err := f.GetHeaderFooter(sheet); err == nil && hf != nil {
		fmt.Fprintf(&b, "header %q\nfooter %q\n", hf.OddHeader, hf.OddFooter)
	}
	if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
		fmt.Fprintf(&b, "freeze x=%d y=%d topLeft=%s\n", p.XSplit, p.YSplit, p.TopLeftCell)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	maxCol := 0
	for _, r := range rows {
		maxCol = max(maxCol, len(r))
	}
	var widths []string
	for i := 0; i < maxCol; i++ {
		w, _ := f.GetColWidth(sheet, cell.ColName(i))
		widths = append(widths, fmt.Sprintf("%s=%g", cell.ColName(i), w))
	}
	fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
	merged, _ := f.GetMergeCells(sheet)
	var ms []string
	for _, m := range merged {
		ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	sort.Strings(ms)
	fmt.Fprintf(&b, "merged %s\n", strings.Join(ms, " "))
	cfs, _ := f.GetConditionalFormats(sheet)
	var refs []string
	for ref := range cfs {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		for _, c := range cfs[ref] {
			fill := ""
			if c.Format != nil {
				if st, err := f.GetConditionalStyle(*c.Format); err == nil && st != nil {
					fill = fmt.Sprintf(" fill=%v font=%s", st.Fill.Color, st.Font.Color)
				}
			}
			fmt.Fprintf(&b, "conditional %s %s %s %s%s\n", ref, c.Type, c.Criteria, c.Value, fill)
		}
	}
	b.WriteString("cells\n")
	for ri, r := range rows {
		for ci, raw := range r {
			if raw == "" {
				continue
			}
			ref := scRef(cell.ColName(ci), ri+1)
			shown, _ := f.GetCellValue(sheet, ref)
			typ, _ := f.GetCellType(sheet, ref)
			kind := "s"
			if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
				kind = "n"
			}
			format := ""
			if id, err := f.GetCellStyle(sheet, ref); err == nil {
				if st, err := f.GetStyle(id); err == nil {
					if st.CustomNumFmt != nil {
						format = *st.CustomNumFmt
					}
					if len(st.Fill.Color) > 0 {
						format += fmt.Sprintf(" fill=%v", st.Fill.Color)
					}
				}
			}
			if kind == "n" {
				fmt.Fprintf(&b, "%s n %s [%s] %q\n", ref, raw, format, shown)
			} else {
				if format = strings.TrimSpace(format); format != "" {
					format = " [" + format + "]"
				}
				fmt.Fprintf(&b, "%s s %q%s\n", ref, raw, format)
			}
		}
	}
	return b.String()
}

func scIntp(p *int) string {
	if p == nil {
		return "unset"
	}
	return fmt.Sprint(*p)
}

func scStrp(p *string) string {
	if p == nil {
		return "unset"
	}
	return *p
}

func scBoolp(p *bool) string {
	if p == nil {
		return "unset"
	}
	return fmt.Sprint(*p)
}

func scFloatp(p *float64) string {
	if p == nil {
		return "unset"
	}
	return fmt.Sprint(*p)
}

var (
	scChartRefRe    = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	scChartTypeRe   = regexp.MustCompile(`<(?:c:)?(barChart|lineChart|pieChart|areaChart)>`)
	scChartGroupRe  = regexp.MustCompile(`<(?:c:)?grouping val="([a-zA-Z]+)"`)
	scChartColourRe = regexp.MustCompile(`srgbClr val="([0-9A-Fa-f]{6})"`)
	scChartSerRe    = regexp.MustCompile(`<(?:c:)?ser>`)
	scChartPointRe  = regexp.MustCompile(`<(?:c:)?dPt>.*?</(?:c:)?dPt>`)
	scChartScaleRe  = regexp.MustCompile(`<(?:c:)?scaling>(.*?)</(?:c:)?scaling>`)
)

// scDumpWorkbook renders what belongs to the workbook: sheets, defined
// names, document properties, default font and the charts.
func scDumpWorkbook(t *testing.T, f *excelize.File, data []byte) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "sheets %s\n", strings.Join(f.GetSheetList(), " "))
	font, _ := f.GetDefaultFont()
	fmt.Fprintf(&b, "default font %s\n", font)
	for _, d := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined name %s scope=%s refers=%s\n", d.Name, d.Scope, d.RefersTo)
	}
	if p, err := f.GetDocProps(); err == nil {
		fmt.Fprintf(&b, "title %q\nsubject %q\ncreator %q\nlast modified by %q\ndescription %q\nkeywords %q\ncategory %q\nlanguage %q\ncreated %s\nmodified %s\n",
			p.Title, p.Subject, p.Creator, p.LastModifiedBy, p.Description, p.Keywords, p.Category, p.Language,
			p.Created, p.Modified)
	}
	if p, err := f.GetAppProps(); err == nil {
		fmt.Fprintf(&b, "application %q\n", p.Application)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		zf, _ := zr.Open(name)
		x, _ := io.ReadAll(zf)
		zf.Close()
		fmt.Fprintf(&b, "chart %s\n", name)
		for _, m := range scChartTypeRe.FindAllStringSubmatch(string(x), -1) {
			fmt.Fprintf(&b, "  type %s\n", m[1])
		}
		for _, m := range scChartGroupRe.FindAllStringSubmatch(string(x), -1) {
			fmt.Fprintf(&b, "  grouping %s\n", m[1])
		}
		for i, ser := range scChartSerRe.Split(string(x), -1) {
			if i == 0 {
				continue
			}
			var refs []string
			for _, m := range scChartRefRe.FindAllStringSubmatch(ser, -1) {
				refs = append(refs, html.UnescapeString(m[1]))
			}
			colour := ""
			if m := scChartColourRe.FindStringSubmatch(ser); m != nil {
				colour = m[1]
			}
			fmt.Fprintf(&b, "  series %d colour=%s refs=%s\n", i, colour, strings.Join(refs, " "))
			var points []string
			for _, p := range scChartPointRe.FindAllString(ser, -1) {
				if m := scChartColourRe.FindStringSubmatch(p); m != nil {
					points = append(points, m[1])
				}
			}
			if len(points) > 0 {
				fmt.Fprintf(&b, "  series %d points %s\n", i, strings.Join(points, " "))
			}
		}
		for _, m := range scChartScaleRe.FindAllStringSubmatch(string(x), -1) {
			fmt.Fprintf(&b, "  axis %s\n", m[1])
		}
	}
	return b.String()
}

func TestGoldenScorecard(t *testing.T) {
	a := fixture.Assessment(t)
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, a, ScorecardOptions{InputName: "actuals.xlsx", Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scGolden(t, "scorecard/workbook.txt", scDumpWorkbook(t, f, buf.Bytes()))
	for _, sheet := range f.GetSheetList() {
		name, ok := scSheetFiles[sheet]
		if !ok {
			t.Errorf("unexpected sheet %s", sheet)
			continue
		}
		scGolden(t, "scorecard/"+name, scDumpSheet(t, f, sheet))
	}
}
