package scorecard

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The chart XML as the tests read it: element names without their
// namespaces, which encoding/xml matches by local name.
type (
	xChartVal struct {
		Val string `xml:"val,attr"`
	}
	xChartText struct {
		RGB    *xChartVal `xml:"p>pPr>defRPr>solidFill>srgbClr"`
		Scheme *xChartVal `xml:"p>pPr>defRPr>solidFill>schemeClr"`
	}
	xChartPoint struct {
		Idx  xChartVal `xml:"idx"`
		Fill xChartVal `xml:"spPr>solidFill>srgbClr"`
	}
	xChartSeries struct {
		Cat    string        `xml:"cat>strRef>f"`
		Val    string        `xml:"val>numRef>f"`
		Points []xChartPoint `xml:"dPt"`
		Pos    *xChartVal    `xml:"dLbls>dLblPos"`
		Label  xChartText    `xml:"dLbls>txPr"`
	}
	xChartAxis struct {
		Min  *xChartVal `xml:"scaling>min"`
		Max  *xChartVal `xml:"scaling>max"`
		Text xChartText `xml:"txPr"`
	}
	xChart struct {
		Bars []struct {
			Dir      xChartVal      `xml:"barDir"`
			Grouping xChartVal      `xml:"grouping"`
			Series   []xChartSeries `xml:"ser"`
		} `xml:"chart>plotArea>barChart"`
		Lines []struct{}   `xml:"chart>plotArea>lineChart"`
		Cat   []xChartAxis `xml:"chart>plotArea>catAx"`
		Val   []xChartAxis `xml:"chart>plotArea>valAx"`
		Title *xChartVal   `xml:"chart>title>tx>rich>p>r>rPr>solidFill>srgbClr"`
	}
)

// scReadChart parses chart n of a written workbook.
func scReadChart(t *testing.T, data []byte, n int) *xChart {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	zf, err := zr.Open(scChartPath(n))
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	x, err := io.ReadAll(zf)
	if err != nil {
		t.Fatal(err)
	}
	var c xChart
	if err := xml.Unmarshal(x, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// scCheckChartText checks that a text of a chart is black, not a theme
// colour (excelize's default axis text is tx1 lightened by 85%).
func scCheckChartText(t *testing.T, what string, x xChartText) {
	t.Helper()
	if x.Scheme != nil || x.RGB == nil || x.RGB.Val != scChartText {
		t.Errorf("%s text colour %+v %+v, want %s", what, x.RGB, x.Scheme, scChartText)
	}
}

// scCheckOneSeries checks what both charts share: one bar series of n
// points coloured fills, labels outside the bars' end in black, black
// axes, a value axis from 0.
func scCheckOneSeries(t *testing.T, c *xChart, dir string, fills []string) xChartSeries {
	t.Helper()
	if len(c.Bars) != 1 || len(c.Lines) != 0 || len(c.Bars[0].Series) != 1 {
		t.Fatalf("%d bar charts, %d line charts: want one bar chart of one series", len(c.Bars), len(c.Lines))
	}
	bar := c.Bars[0]
	if bar.Dir.Val != dir || bar.Grouping.Val != "clustered" {
		t.Errorf("bars %s %s, want %s clustered", bar.Dir.Val, bar.Grouping.Val, dir)
	}
	ser := bar.Series[0]
	if len(ser.Points) != len(fills) {
		t.Fatalf("%d coloured points, want %d (one a bar)", len(ser.Points), len(fills))
	}
	for i, p := range ser.Points {
		if p.Idx.Val != fmt.Sprint(i) || p.Fill.Val != fills[i] {
			t.Errorf("point %s fill %s, want point %d %s", p.Idx.Val, p.Fill.Val, i, fills[i])
		}
	}
	if ser.Pos == nil || ser.Pos.Val != "outEnd" {
		t.Errorf("value labels at %+v, want outEnd (on the white of the chart)", ser.Pos)
	}
	scCheckChartText(t, "value label", ser.Label)
	if c.Title == nil || c.Title.Val != scChartText {
		t.Errorf("title colour %+v, want %s", c.Title, scChartText)
	}
	if len(c.Cat) != 1 || len(c.Val) != 1 {
		t.Fatalf("%d category and %d value axes", len(c.Cat), len(c.Val))
	}
	scCheckChartText(t, "category axis", c.Cat[0].Text)
	scCheckChartText(t, "value axis", c.Val[0].Text)
	if m := c.Val[0].Min; m == nil || m.Val != "0" {
		t.Errorf("value axis starts at %+v, want 0", m)
	}
	return ser
}

// TestScorecardChartTruth checks the chart of 总览: every headline
// indicator has its column, the missed and the unreported one too, each
// coloured by its own status, at a height of 0 or more.
func TestScorecardChartTruth(t *testing.T) {
	a := fixture.Assessment(t)
	var buf bytes.Buffer
	if err := WriteScorecard(&buf, a, ScorecardOptions{Evaluated: fixture.Evaluated}); err != nil {
		t.Fatal(err)
	}
	rows := view.Parts(a)[0].Rows
	fills := make([]string, len(rows))
	seen := map[eval.Status]bool{}
	for i, r := range rows {
		fills[i] = scStatusColours[r.R.Status].fill
		seen[r.R.Status] = true
	}
	if !seen[eval.Missed] || !seen[eval.NoData] || !seen[eval.Met] {
		t.Fatalf("the fixture lacks a missed, an unreported or a met indicator: %v", seen)
	}
	ser := scCheckOneSeries(t, scReadChart(t, buf.Bytes(), 1), "col", fills)
	last := len(rows) + 1
	if want := fmt.Sprintf("'%s'!$B$2:$B$%d", view.SheetChartData, last); ser.Val != want {
		t.Errorf("values %s, want %s", ser.Val, want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, r := range rows {
		name, _ := f.GetCellValue(view.SheetChartData, scRef("A", i+2))
		raw, _ := f.GetCellValue(view.SheetChartData, scRef("B", i+2), excelize.Options{RawCellValue: true})
		status, _ := f.GetCellValue(view.SheetChartData, scRef("C", i+2))
		v, err := decimal.NewFromString(raw)
		if name != r.Ind.Name || err != nil || v.IsNegative() || status != string(r.R.Status) {
			t.Errorf("图表数据 row %d: %q %q %q, want %s ≥ 0 %s", i+2, name, raw, status, r.Ind.Name, r.R.Status)
			continue
		}
		// The column is the score as a share of the weight.
		want := r.R.Score.Mul(decimal.NewFromInt(100)).DivRound(r.R.Weight, scChartPlaces)
		if !v.Equal(want) {
			t.Errorf("%s charted at %s, want 得分率 %s", r.Ind.Name, v, want)
		}
	}
}

func TestScorecardChartValue(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name string
		r    eval.Result
		want string
	}{
		{"full marks", eval.Result{Scored: true, Weight: d("8"), Score: d("8")}, "100"},
		{"part", eval.Result{Scored: true, Weight: d("8"), Score: d("7.47")}, "93.4"},
		{"missed: a column of no height", eval.Result{Scored: true, Weight: d("6"), Score: d("0")}, "0"},
		{"in progress: its progress", eval.Result{Weight: d("1"),
			Completion: decimal.NewNullDecimal(d("26"))}, "26"},
		{"in progress, no figure", eval.Result{Weight: d("1")}, "0"},
		{"never below 0", eval.Result{Weight: d("1"), Completion: decimal.NewNullDecimal(d("-12.5"))}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scChartValue(&tt.r); !got.Equal(d(tt.want)) {
				t.Errorf("scChartValue = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCityGradeColour(t *testing.T) {
	four := rules.Default().Conventions.Grades
	names := func(gs []rules.Grade) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Name)
		}
		return out
	}
	if len(four) != 4 {
		t.Fatalf("default grades %v", names(four))
	}
	tests := []struct {
		grades []rules.Grade
		grade  string
		vetoed bool
		want   eval.Status
	}{
		{four, four[0].Name, false, eval.Exceeded},
		{four, four[1].Name, false, eval.Met},
		{four, four[2].Name, false, eval.NearlyMet},
		{four, four[3].Name, false, eval.Missed},
		{four, four[0].Name, true, eval.Missed},
		{four[2:], four[2].Name, false, eval.Met},
		{four[2:], four[3].Name, false, eval.Missed},
		{four[3:], four[3].Name, false, eval.Met},
	}
	for _, tt := range tests {
		got := cityGradeColour(tt.grades, tt.grade, tt.vetoed)
		if got != scStatusColours[tt.want] {
			t.Errorf("%s of %v vetoed=%v: %s, want %s", tt.grade, names(tt.grades), tt.vetoed, got.name,
				scStatusColours[tt.want].name)
		}
	}
}

// TestCityChartTruth checks the chart of a city's totals: a bar per unit,
// a vetoed unit's 0 too, coloured by its grade as 等级分布 is, on an axis
// from 0 to full marks.
func TestCityChartTruth(t *testing.T) {
	c := cityFixture(t, "year")
	var buf bytes.Buffer
	if err := WriteCityScorecard(&buf, c, ScorecardOptions{Evaluated: cityTestDate}); err != nil {
		t.Fatal(err)
	}
	ranked := c.Ranked()
	grades := ranked[0].Ruleset.Conventions.Grades
	fills := make([]string, len(ranked))
	vetoed := false
	for i, a := range ranked {
		fills[i] = cityGradeColour(grades, a.Grade, a.Veto != "").fill
		vetoed = vetoed || (a.Veto != "" && a.Total.IsZero())
	}
	if !vetoed {
		t.Fatal("the fixture has no vetoed unit")
	}
	chart := scReadChart(t, buf.Bytes(), 1)
	scCheckOneSeries(t, chart, "bar", fills)
	if m := chart.Val[0].Max; m == nil || !decimal.RequireFromString(m.Val).Equal(ranked[0].FullMarks) {
		t.Errorf("value axis ends at %+v, want full marks %s", m, ranked[0].FullMarks)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(citySheetOverview)
	found := 0
	for i, r := range rows {
		for _, g := range grades {
			if len(r) == 0 || r[0] != g.Name {
				continue
			}
			id, _ := f.GetCellStyle(citySheetOverview, scRef("A", i+1))
			st, _ := f.GetStyle(id)
			if want := cityGradeColour(grades, g.Name, false).fill; st == nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != want {
				t.Errorf("等级分布 %s not in its bars' colour %s", g.Name, want)
			}
			found++
		}
	}
	if found != len(grades) {
		t.Errorf("等级分布 shows %d grades of %d", found, len(grades))
	}
}
