package scorecard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"

	"github.com/xuri/excelize/v2"
)

func TestCityPagesWide(t *testing.T) {
	widths := func(inds int, w float64) []float64 {
		out := append([]float64(nil), cityRankFixedWidths...)
		for range inds {
			out = append(out, w)
		}
		return append(out, cityRankNoteWidth)
	}
	tests := []struct {
		inds  int
		width float64
		want  int
	}{
		{0, cityRankNarrow, 1}, {12, cityRankNarrow, 1}, {15, cityRankNarrow, 1}, {16, cityRankNarrow, 2},
		{50, cityRankNarrow, 3}, {50, 15, 5}, {120, cityRankNarrow, 7},
	}
	for _, tt := range tests {
		got, scale := cityPagesWide(widths(tt.inds, tt.width), len(cityRankFixed))
		if got != tt.want || scale < cityPrintFloor || scale > 1 {
			t.Errorf("%d indicators %g wide print %d pages wide at %.2f, want %d at %.2f to 1", tt.inds, tt.width,
				got, scale, tt.want, cityPrintFloor)
		}
	}
	if got, _ := cityPagesWide([]float64{400}, 1); got != 1 {
		t.Errorf("a repeated column wider than a page: %d pages wide, want 1", got)
	}
}

func TestCityPagesTall(t *testing.T) {
	rows := func(n int, h float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = h
		}
		return out
	}
	tests := []struct {
		name    string
		heights []float64
		head    float64
		scale   float64
		want    int
	}{
		{"none", nil, 100, 1, 1},
		{"one page", rows(20, 15), 100, 1, 1},
		{"just over", rows(26, 15), 100, 1, 2},
		{"smaller", rows(26, 15), 100, 0.5, 1},
		{"150 rows of two lines at 0.6", rows(150, 30), 130, 0.6, 7},
	}
	for _, tt := range tests {
		if got := cityPagesTall(tt.heights, tt.head, tt.scale); got != tt.want {
			t.Errorf("%s: %d pages, want %d", tt.name, got, tt.want)
		}
	}
}

// cityPrintOf is how a sheet prints: its page layout, whether it is fit
// to the page, and its print titles.
func cityPrintOf(t *testing.T, f *excelize.File, sheet string) (excelize.PageLayoutOptions, bool, string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	titles := ""
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
			titles = d.RefersTo
		}
	}
	return pl, props.FitToPage != nil && *props.FitToPage, titles
}

func cityDefinedName(f *excelize.File, name, sheet string) string {
	for _, d := range f.GetDefinedName() {
		if d.Name == name && d.Scope == sheet {
			return d.RefersTo
		}
	}
	return ""
}

func cityIntOf(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// TestCityRankPrint checks how 排名 prints: A4 landscape fit to as few
// pages wide as keep it legible (one for a work report's dozen
// indicators), as many down as it takes, title, subtitle and header
// repeated on every page, the title within the columns every page
// repeats, so that no page cuts it.
func TestCityRankPrint(t *testing.T) {
	tests := []struct {
		name        string
		units, inds int
		wide        int
	}{
		{"a dozen indicators: one page wide", 12, 12, 1},
		{"50 indicators: five pages wide", 150, 50, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cityOpen(t, cityGenerated(t, tt.units, tt.inds))
			pl, fit, titles := cityPrintOf(t, f, citySheetRanking)
			if cityIntOf(pl.Size) != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || !fit ||
				cityIntOf(pl.FitToWidth) != tt.wide || cityIntOf(pl.FitToHeight) != 0 {
				t.Errorf("排名 prints size %d %v fit=%v %d pages wide, %d tall; want A4 landscape fit to %d wide, 0 tall",
					cityIntOf(pl.Size), pl.Orientation, fit, cityIntOf(pl.FitToWidth), cityIntOf(pl.FitToHeight), tt.wide)
			}
			ncols := len(cityRankFixed) + tt.inds + 1
			wantTitles, span := "'排名'!$1:$3", cell.ColName(ncols-1)
			if tt.wide > 1 {
				wantTitles, span = "'排名'!$A:$E,'排名'!$1:$3", "E"
				if pl.PageOrder == nil || *pl.PageOrder != "overThenDown" {
					t.Errorf("page order %v, want overThenDown", pl.PageOrder)
				}
			}
			if titles != wantTitles {
				t.Errorf("print titles %q, want %q", titles, wantTitles)
			}
			merged, _ := f.GetMergeCells(citySheetRanking)
			var ms []string
			for _, m := range merged {
				ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
			}
			if want := []string{"A1:" + span + "1", "A2:" + span + "2"}; strings.Join(ms, " ") != strings.Join(want, " ") {
				t.Errorf("title merged %v, want %v", ms, want)
			}
			wantFilter := fmt.Sprintf("'排名'!$A$3:$%s$%d", cell.ColName(ncols-1), 3+tt.units)
			if got := cityDefinedName(f, "_xlnm._FilterDatabase", citySheetRanking); got != wantFilter {
				t.Errorf("排名 filter %q, want %q", got, wantFilter)
			}
		})
	}
}

// TestCityLongDetailPrint checks the 明细 of many units: one table,
// filtered, its header frozen and repeated on every printed page, one
// page wide.
func TestCityLongDetailPrint(t *testing.T) {
	const units, inds = 150, 50
	f := cityOpen(t, cityGenerated(t, units, inds))
	if got := len(f.GetSheetList()); got != 5 {
		t.Fatalf("sheets %v, want one 明细", f.GetSheetList())
	}
	pl, fit, titles := cityPrintOf(t, f, citySheetDetail)
	if !fit || cityIntOf(pl.FitToWidth) != 1 || cityIntOf(pl.FitToHeight) != 0 || titles != "'明细'!$2:$2" {
		t.Errorf("明细 fit=%v %d wide %d tall, titles %q; want fit to 1 wide, 0 tall, titles '明细'!$2:$2",
			fit, cityIntOf(pl.FitToWidth), cityIntOf(pl.FitToHeight), titles)
	}
	want := fmt.Sprintf("'明细'!$A$2:$%s$%d", cell.ColName(len(cityLongCols)-1), 2+units*inds)
	if got := cityDefinedName(f, "_xlnm._FilterDatabase", citySheetDetail); got != want {
		t.Errorf("明细 filter %q, want %q", got, want)
	}
	panes, err := f.GetPanes(citySheetDetail)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("明细 panes %+v %v, want the two header rows frozen", panes, err)
	}
}

func TestCityStatusWidth(t *testing.T) {
	for _, st := range eval.Statuses {
		for _, rank := range []int{0, 1, 9, 10, 99, 100, 3000} {
			r := &eval.Result{Status: st, PeerRank: rank}
			if got, want := cityStatusWidth(r), cityDisplayWidth(cityStatusText(r)); got != want {
				t.Errorf("%s (%d): width %d, want %d", st, rank, got, want)
			}
		}
	}
}
