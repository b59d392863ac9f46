package scorecard

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/xuri/excelize/v2"
)

// scPrint is how one sheet prints.
type scPrint struct {
	sheet string
	// titles are the rows repeated on every page ("$1:$2"), or "".
	titles string
	// tall is the number of pages the sheet may take down: 1 squeezes it
	// onto one page, 0 lets it run on.
	tall int
}

// scPrints lists how each printed sheet of a scorecard prints: 总览, the
// detail sheet of each group, 回顾文稿, 口径说明, 数据问题.
func scPrints(parts []view.Part) []scPrint {
	out := []scPrint{{sheet: view.SheetOverview, tall: 1}}
	for _, p := range parts {
		out = append(out, scPrint{sheet: p.Sheet, titles: "$1:$2"})
	}
	return append(out, scPrint{sheet: view.SheetReview}, scPrint{sheet: view.SheetNotes, titles: "$2:$2"},
		scPrint{sheet: view.SheetProblems, titles: "$2:$2"})
}

// scOverviewOnePage is the most rows 总览 may have and still be squeezed
// onto one page: the headline group alone takes about 40, both groups of a
// work report with a few misses each about 55.
const scOverviewOnePage = 60

// scHeaderMax is the longest header or footer Excel accepts, in UTF-16
// code units.
const scHeaderMax = 255

// scHeaderText escapes text for a header or footer: '&' starts a code
// there and is written '&&'.
func scHeaderText(s string) string {
	return strings.ReplaceAll(s, "&", "&&")
}

// scClip cuts s to at most n UTF-16 code units, without splitting a
// "&&" escape.
func scClip(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && len(utf16.Encode(rs)) > n-1 {
		rs = rs[:len(rs)-1]
	}
	out := string(rs)
	// An odd run of '&' at the end would escape the ellipsis.
	if trail := len(out) - len(strings.TrimRight(out, "&")); trail%2 == 1 {
		out = out[:len(out)-1]
	}
	return out + "…"
}

// scHeaderFooter builds the header (title and sheet name) and footer (date
// of evaluation and page &P of &N), each within 255 characters.
func scHeaderFooter(a *eval.Assessment, evaluated time.Time) (header, footer string) {
	const right = "&R&A"
	header = "&L" + scClip(scHeaderText(view.Title(a)), scHeaderMax-len("&L")-len(right)) + right
	footer = fmt.Sprintf("&L评估日期：%s&C第 &P 页，共 &N 页&R%s", scDate(evaluated),
		scHeaderText("attain · "+a.Ruleset.ID))
	if len(utf16.Encode([]rune(footer))) > scHeaderMax {
		footer = fmt.Sprintf("&L评估日期：%s&C第 &P 页，共 &N 页", scDate(evaluated))
	}
	return header, footer
}

// printSetup makes every visible sheet print on A4 landscape, one page
// wide, with repeated header rows, a header and a footer.
func (b *scBook) printSetup(a *eval.Assessment, opts ScorecardOptions, parts []view.Part) {
	if b.err != nil {
		return
	}
	header, footer := scHeaderFooter(a, opts.Evaluated)
	a4 := 9
	landscape := "landscape"
	one := 1
	for _, p := range append(scPrints(parts), deptPrints(a)...) {
		tall := p.tall
		if p.sheet == view.SheetOverview && b.overviewRows > scOverviewOnePage {
			tall = 0 // a long list of misses: one page wide, as many down as needed
		}
		b.fail(b.f.SetPageLayout(p.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
			FitToWidth: &one, FitToHeight: &tall}))
		b.fail(b.f.SetSheetProps(p.sheet, &excelize.SheetPropsOptions{FitToPage: scTrue()}))
		b.fail(b.f.SetPageMargins(p.sheet, scPageMargins()))
		b.fail(b.f.SetHeaderFooter(p.sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
		if p.titles != "" {
			b.fail(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
				RefersTo: "'" + p.sheet + "'!" + p.titles, Scope: p.sheet}))
		}
	}
}

// scPageMargins are the margins of every printed sheet, in inches: half
// an inch left and right, the page centred between them.
func scPageMargins() *excelize.PageLayoutMarginsOptions {
	margin := func(f float64) *float64 { return &f }
	return &excelize.PageLayoutMarginsOptions{Left: margin(0.5), Right: margin(0.5), Top: margin(0.75),
		Bottom: margin(0.75), Header: margin(0.3), Footer: margin(0.3), Horizontally: scTrue()}
}

// properties sets the document properties: the title, attain as the
// creator and application, the date of evaluation.
func (b *scBook) properties(a *eval.Assessment, opts ScorecardOptions) {
	if b.err != nil {
		return
	}
	when := opts.Evaluated.UTC().Format(time.RFC3339)
	b.fail(b.f.SetDocProps(&excelize.DocProperties{
		Title:          view.Title(a),
		Subject:        a.Ruleset.Title,
		Creator:        "attain",
		LastModifiedBy: "attain",
		Description:    fmt.Sprintf("由 attain%s 依据规则集 %s 评估%s%d年目标完成情况", versionNote(opts.Version), a.Ruleset.ID, a.Entity, a.Year),
		Keywords:       "目标完成情况;评估;政府工作报告",
		Category:       "目标考核",
		Language:       "zh-CN",
		Created:        when,
		Modified:       when,
	}))
	b.fail(b.f.SetAppProps(&excelize.AppProperties{Application: "attain", AppVersion: appVersion(opts.Version)}))
}

// versionNote is the version as the description says it: " v1.4.0".
func versionNote(v string) string {
	if v == "" {
		return ""
	}
	return " " + v
}

// appVersion is the version as docProps/app.xml holds it, which Office
// reads as XX.YYYY, the minor version in four digits: "v1.4.0" is
// "1.0004"; a version without numbers
// ("dev") is left out, and the description keeps the version as written.
func appVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	major, rest, _ := strings.Cut(v, ".")
	minor, _, _ := strings.Cut(rest, ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil || ma < 0 || mi < 0 || mi > 9999 {
		return ""
	}
	return fmt.Sprintf("%d.%04d", ma, mi)
}
