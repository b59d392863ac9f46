package scorecard

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/xuri/excelize/v2"
)

// 排名 is a table of units × indicators. It prints on A4 landscape on as
// few pages as it fits at a print scale of cityPrintFloor or more: as few
// pages wide as keep that scale (one for a work report's dozen
// indicators; more split into bands of indicators, printed band after
// band for the same units, over then down, each page repeating the
// columns 名次 to 等级), as many down as it takes, every page repeating
// the title, the subtitle and the header. The title and subtitle sit
// within the columns repeated, wrapped, so that every page carries them
// whole. An indicator's column holds its status and rank on one line, or
// in a narrower column on two (超额完成 over (12)), whichever prints on
// fewer pages (at the larger scale when they tie).

// Geometry of a printed city sheet: A4 landscape (842 × 595 points)
// within the margins of scPageMargins.
const (
	cityPageWidth  = 842 - 2*0.5*72
	cityPageHeight = 595 - 2*0.75*72
	// cityPrintFloor is the smallest print scale 排名 is fit to: its 11
	// point text prints at 5 points or more.
	cityPrintFloor = 0.45
	// cityRowPoints is the height of a row of one line of 11-point text.
	cityRowPoints = 15
)

// cityDigitPixels is the width of a digit of the default font, in pixels,
// the unit of a column's width: 7.3 for 宋体 (SimSun) at 11 points, 9.3
// for DejaVu Sans, which LibreOffice puts in its place where SimSun is
// missing. The wider is assumed, so that 排名 stays legible in either.
const cityDigitPixels = 9.3

// cityColumnPoints is about the printed width in points, at 100%, of a
// column w characters wide: w digits and 5 pixels of margin.
func cityColumnPoints(w float64) float64 { return (w*cityDigitPixels + 5) * 0.75 }

// cityPagesWide is the fewest pages wide a sheet of columns of the widths
// prints on at a scale of cityPrintFloor or more, the first repeated
// columns printed again on every page, and the scale it then prints at.
func cityPagesWide(widths []float64, repeated int) (int, float64) {
	total, rep := 0.0, 0.0
	for i, w := range widths {
		total += cityColumnPoints(w)
		if i < repeated {
			rep += cityColumnPoints(w)
		}
	}
	page := cityPageWidth / cityPrintFloor // sheet points a page holds
	n := 1
	for total > page && page > rep && float64(n)*(page-rep) < total-rep {
		n++
	}
	return n, min(1, float64(n)*cityPageWidth/(total+float64(n-1)*rep))
}

// cityPagesTall is how many pages a sheet of rows of the heights (the
// repeated head rows of head points printed on every page) takes down at
// scale.
func cityPagesTall(heights []float64, head, scale float64) int {
	room := cityPageHeight/scale - head
	n, used := 1, 0.0
	for _, h := range heights {
		if used+h > room && used > 0 {
			n++
			used = 0
		}
		used += h
	}
	return n
}

// cityRankFixed are the first columns of 排名 and their widths: repeated
// on every page when 排名 prints more than one page wide.
var (
	cityRankFixed       = []string{"名次", "单位", "总分", "得分率(%)", "等级"}
	cityRankFixedWidths = []float64{9, 14, 9, 10, 8}
)

const (
	// cityRankNarrow is the width of an indicator's column of two lines:
	// a status on a line, its rank " (12)" wrapped under it.
	cityRankNarrow = 10
	// cityRankNoteWidth is the width of 说明, wrapped.
	cityRankNoteWidth = 28
	// cityRankTwoLines is the height of a row whose statuses wrap.
	cityRankTwoLines = 30
)

// cityRankLayout is how 排名 is laid out and prints.
type cityRankLayout struct {
	status float64   // the width of an indicator's column
	wrap   bool      // a status and its rank on two lines
	widths []float64 // every column's
	head   float64   // the header row's height
	rows   []float64 // each unit's row's height, 0 for one line
	wide   int       // pages wide
	pages  int       // pages in all, about
	scale  float64   // the print scale, about
}

// rankLayout chooses 排名's layout: one line a status, or two in a
// narrower column, whichever prints on fewer pages.
func (b *cityBook) rankLayout() cityRankLayout {
	widest := 0 // the widest status and rank
	var texts []int
	for _, cu := range b.units {
		texts = append(texts, cu.width)
		widest = max(widest, cu.width)
	}
	best := b.rankLayoutOf(float64(widest)+1, false, texts)
	if narrow := b.rankLayoutOf(cityRankNarrow, true, texts); float64(widest)+1 > cityRankNarrow &&
		(narrow.pages < best.pages || narrow.pages == best.pages && narrow.scale > best.scale) {
		best = narrow
	}
	return best
}

// rankLayoutOf is the layout of indicator columns status wide, wrapped or
// not, for units whose widest status and rank are texts wide.
func (b *cityBook) rankLayoutOf(status float64, wrap bool, texts []int) cityRankLayout {
	l := cityRankLayout{status: status, wrap: wrap, head: 48}
	l.widths = append(l.widths, cityRankFixedWidths...)
	for _, ind := range b.inds {
		l.widths = append(l.widths, status)
		l.head = max(l.head, cityRowHeight(ind.Name, status-1))
	}
	l.head = min(l.head, 120)
	l.widths = append(l.widths, cityRankNoteWidth)
	l.wide, l.scale = cityPagesWide(l.widths, len(cityRankFixed))
	heights := make([]float64, len(b.ranked))
	for i, a := range b.ranked {
		if wrap && float64(texts[i]) > status-1 {
			l.rows = append(l.rows, cityRankTwoLines)
		} else {
			l.rows = append(l.rows, 0)
		}
		if a.Veto != "" {
			l.rows[i] = max(l.rows[i], cityRowHeight(a.Veto, cityRankNoteWidth-2))
		}
		heights[i] = max(l.rows[i], cityRowPoints)
	}
	title, sub := b.rankTitleHeights(l)
	l.pages = l.wide * cityPagesTall(heights, title+sub+l.head, l.scale)
	return l
}

// rankTitleHeights are the heights of the title and subtitle rows of 排名:
// across the table when it prints one page wide, else within the columns
// repeated on every page, wrapped.
func (b *cityBook) rankTitleHeights(l cityRankLayout) (title, sub float64) {
	w := 0.0
	for _, x := range l.widths[:b.rankTitleSpan(l)] {
		w += x
	}
	return max(30, scTextHeight(view.CityTitle(b.c)+"排名", w, 16)), scTextHeight(b.subtitle(), w, 10)
}

// rankTitleSpan is the count of columns the title and subtitle span.
func (b *cityBook) rankTitleSpan(l cityRankLayout) int {
	if l.wide > 1 {
		return len(cityRankFixed)
	}
	return len(l.widths)
}

// ranking writes 排名: a row per unit in rank order, a column per
// indicator holding the status and the unit's rank on it. Its rows go
// into inject (written as XML when the workbook is written), or, without
// cityDirectXML, through the StreamWriter.
func (b *cityBook) ranking(inject map[string]func(io.Writer) error) {
	const sh = citySheetRanking
	l := b.rankLayout()
	cols := ""
	if l.wide > 1 {
		cols = "$A:$" + cell.ColName(len(cityRankFixed)-1)
	}
	b.print(sh, "$1:$3", cols, l.wide)
	s := b.stream(sh)
	s.widths(l.widths)
	s.freeze(2, 3)
	b.rankingHead(s, l)
	ncols := len(l.widths)
	lastRow := 3 + len(b.ranked)
	nf := len(cityRankFixed)
	if len(b.inds) > 0 {
		b.statusFormats(sh, fmt.Sprintf("%s4:%s%d", cell.ColName(nf), cell.ColName(nf+len(b.inds)-1), lastRow))
	}
	if b.err == nil {
		b.fail(b.f.AutoFilter(sh, fmt.Sprintf("A3:%s%d", cell.ColName(ncols-1), lastRow), nil))
	}
	if cityDirectXML {
		// Every style of the rows is made now: writing them while the
		// workbook is written must not touch it.
		b.fail(b.rankingRows(l, true, func(*citySpillRow) error { return nil }))
	}
	s.rows(inject, sh, ncols, len(b.ranked), func(emit func(n int, r *citySpillRow) error) error {
		n := 4
		return b.rankingRows(l, false, func(r *citySpillRow) error {
			n++
			return emit(n-1, r)
		})
	})
	s.flush()
}

// rankingHead writes the title, the subtitle and the header of 排名.
func (b *cityBook) rankingHead(s *cityStream, l cityRankLayout) {
	last := cell.ColName(b.rankTitleSpan(l) - 1)
	title := scStyle{font: scFontTitle, size: 16, bold: true, halign: "left", wrap: true}
	sub := scSubStyle
	sub.halign, sub.wrap = "left", true
	th, sh := b.rankTitleHeights(l)
	s.put(th, b.stext(view.CityTitle(b.c)+"排名", title))
	s.merge("A1", last+"1")
	s.put(sh, b.stext(b.subtitle(), sub))
	s.merge("A2", last+"2")
	head := make([]excelize.Cell, 0, len(l.widths))
	for _, h := range cityRankFixed {
		head = append(head, b.stext(h, scHeadStyle))
	}
	for _, ind := range b.inds {
		head = append(head, b.stext(ind.Name, scHeadStyle))
	}
	note := "说明"
	for _, a := range b.ranked {
		if a.Veto != "" {
			note = "说明（一票否决）"
			break
		}
	}
	head = append(head, b.stext(note, scHeadStyle))
	s.put(l.head, head...)
}

// rankingRows hands emit a row per unit in rank order, of the heights of
// l; dry leaves the texts of the statuses out (their style does not
// depend on them).
func (b *cityBook) rankingRows(l cityRankLayout, dry bool, emit func(r *citySpillRow) error) error {
	nf, ncols := len(cityRankFixed), len(l.widths)
	body := scStyle{border: true, halign: "center"}
	status := scStyle{border: true, halign: "center", bold: true, wrap: l.wrap}
	// Both styles align, so the text does not change them: one id each.
	noValue := b.style(b.scellStyle(view.Text(view.NoValue), body))
	statusID := b.style(b.scellStyle(view.Text(""), status))
	note := scStyle{border: true, color: "C00000", wrap: true}
	row := &citySpillRow{cells: make([]citySpillCell, ncols)}
	var text []byte
	ends := make([]int, ncols)
	put := func(i int, c view.Cell, st scStyle) {
		v := cityOutOf(c)
		text = append(text, v.s...)
		row.cells[i] = citySpillCell{style: b.style(b.scellStyle(c, st)), kind: v.kind}
		ends[i] = len(text)
	}
	for i, a := range b.ranked {
		text = text[:0]
		put(0, cityRankCell(a.Rank), scStyle{border: true, bold: true, halign: "center"})
		put(1, view.Text(a.Entity), scStyle{border: true, bold: true})
		put(2, view.Num(a.Total, 2), scBodyStyle)
		put(3, view.Num(a.Percent, 1), scBodyStyle)
		put(4, view.Text(a.Grade), body)
		for j := range b.inds {
			row.cells[nf+j] = citySpillCell{style: noValue}
			ends[nf+j] = -1 // "-", below
		}
		cu := b.units[i]
		for k := len(cu.idx) - 1; k >= 0; k-- { // the first listing of an id wins
			row.cells[nf+int(cu.idx[k])] = citySpillCell{style: statusID}
			ends[nf+int(cu.idx[k])] = -2 - k
		}
		for j := nf; j < nf+len(b.inds); j++ {
			switch {
			case ends[j] == -1:
				text = append(text, view.NoValue...)
			case !dry:
				text = cityAppendMark(text, cu.cells[-2-ends[j]])
			}
			ends[j] = len(text)
		}
		put(ncols-1, view.Text(a.Veto), note)
		from := 0
		for j := range row.cells {
			row.cells[j].s, from = text[from:ends[j]], ends[j]
		}
		row.height = l.rows[i]
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

// cityStatusWidth is cityDisplayWidth(cityStatusText(r)), without making
// the text.
func cityStatusWidth(r *eval.Result) int {
	w := 2 * utf8.RuneCountInString(string(r.Status)) // status words are ideographs
	if r.PeerRank > 0 {
		w += len(" ()")
		for n := r.PeerRank; n > 0; n /= 10 {
			w++
		}
	}
	return w
}

// scTextHeight is scRowHeight for text of size points.
func scTextHeight(s string, w, size float64) float64 {
	return math.Ceil(scRowHeight(s, w*11/size)*size/11*2) / 2 // in half points
}

// print makes a sheet print on A4 landscape, wide pages wide (1: fit to
// the width of a page), as many down as it takes, with its title rows
// (and columns) repeated; several pages wide print over, then down. A
// streamed sheet must be set up before its StreamWriter is made: the
// StreamWriter writes the sheet properties first.
func (b *cityBook) print(sheet, rows, cols string, wide int) {
	if b.err != nil {
		return
	}
	a4, landscape, tall := 9, "landscape", 0
	layout := &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}
	if wide > 1 {
		order := "overThenDown"
		layout.PageOrder = &order
	}
	b.fail(b.f.SetPageLayout(sheet, layout))
	b.fail(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: cityBool(true)}))
	b.fail(b.f.SetPageMargins(sheet, scPageMargins()))
	footer := fmt.Sprintf("&L评估日期：%s&C第 &P 页，共 &N 页&R&A", scDate(b.opts.Evaluated))
	b.fail(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}))
	var titles []string
	for _, t := range []string{cols, rows} {
		if t != "" {
			titles = append(titles, "'"+sheet+"'!"+t)
		}
	}
	if len(titles) > 0 {
		b.fail(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: strings.Join(titles, ","), Scope: sheet}))
	}
}
