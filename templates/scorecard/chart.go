package scorecard

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The charts follow three rules, so that a printed chart tells what the
// cells tell. Every indicator (every unit) has its column, one series
// whose points each take the colour of their own status (grade), so that
// a colour never depends on a position. The value axis starts at 0 and
// every figure charted is 0 or more; a zero is a column of no height with
// its label. Text is black: the axis labels, and the value labels, which
// sit outside the end of their column on the white of the chart.
//
// excelize colours the points of a pie only, and draws a bar chart's
// series in one fill; scAddChart adds the colour of each point (c:dPt) to
// the chart XML excelize has made, before the workbook is written.

// scChartText is the colour of every text of a chart.
const scChartText = "000000"

// scChartEdge outlines every column, so that a light one (灰, 绿) keeps
// its edge when printed in black and white.
const scChartEdge = "595959"

// scChartPlaces is the count of decimals of a charted 得分率.
const scChartPlaces = 1

// scChartFont is the font of the axes and value labels.
var scChartFont = excelize.Font{Family: scFontBody, Size: 9, Color: scChartText}

// scChartTitleFont is the font of a chart's title.
var scChartTitleFont = excelize.Font{Family: scFontTitle, Size: 11, Bold: true, Color: scChartText}

// scChartPath is where excelize stores chart n (from 1) of a workbook.
func scChartPath(n int) string { return fmt.Sprintf("xl/charts/chart%d.xml", n) }

// scAddChart adds ch to sheet at ref, and gives the points of its first
// series the fills, one a point in order.
func scAddChart(f *excelize.File, sheet, ref string, ch *excelize.Chart, fills []string) error {
	n := 0
	f.Pkg.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), "xl/charts/chart") {
			n++
		}
		return true
	})
	if err := f.AddChart(sheet, ref, ch); err != nil {
		return err
	}
	return scPointFills(f, scChartPath(n+1), fills)
}

// The namespaces excelize writes a chart in: the chart's as the default,
// DrawingML's as a.
const (
	scChartNS   = `xmlns="http://schemas.openxmlformats.org/drawingml/2006/chart"`
	scDrawingNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
)

// scPointFills writes a c:dPt for every fill into the first series of the
// chart stored at path: after c:invertIfNegative and before c:dLbls, as
// the schema orders a bar series (CT_BarSer).
func scPointFills(f *excelize.File, path string, fills []string) error {
	v, ok := f.Pkg.Load(path)
	x, _ := v.([]byte)
	if !ok || !bytes.Contains(x, []byte(scChartNS)) || !bytes.Contains(x, []byte(scDrawingNS)) {
		return fmt.Errorf("chart %s: not the chart XML excelize writes", path)
	}
	ser := bytes.Index(x, []byte("<ser>"))
	anchor := []byte("</invertIfNegative>")
	at, end := -1, -1
	if ser >= 0 {
		at, end = bytes.Index(x[ser:], anchor), bytes.Index(x[ser:], []byte("</ser>"))
	}
	if at < 0 || at > end {
		return fmt.Errorf("chart %s: no bar series to colour", path)
	}
	pos := ser + at + len(anchor)
	var b bytes.Buffer
	b.Grow(len(x) + 200*len(fills))
	b.Write(x[:pos])
	for i, fill := range fills {
		fmt.Fprintf(&b, `<dPt><idx val="%d"></idx><invertIfNegative val="0"></invertIfNegative>`+
			`<bubble3D val="0"></bubble3D><spPr><a:solidFill><a:srgbClr val="%s"></a:srgbClr></a:solidFill>`+
			`<a:ln w="6350"><a:solidFill><a:srgbClr val="%s"></a:srgbClr></a:solidFill></a:ln></spPr></dPt>`,
			i, fill, scChartEdge)
	}
	b.Write(x[pos:])
	f.Pkg.Store(path, b.Bytes())
	return nil
}

// scChartValue is the height of an indicator's column: its score as a
// share of its weight (得分率, in percent), which every scored indicator
// has, a missed or unreported one too (0). An indicator not scored (a
// multi-year goal in progress) or of no weight shows its completion (完成率,
// the progress of a multi-year goal), if it has one, else 0. Never below 0.
func scChartValue(r *eval.Result) decimal.Decimal {
	hundred := decimal.NewFromInt(100)
	v := decimal.Zero
	switch {
	case r.Scored && r.Weight.IsPositive():
		v = r.Score.Mul(hundred).DivRound(r.Weight, scChartPlaces)
	case r.Completion.Valid:
		v = r.Completion.Decimal.Round(scChartPlaces)
	}
	return decimal.Max(v, decimal.Zero)
}

// scChartHeading is the heading of 总览's chart: what its columns and
// colours say.
func scChartHeading(parts []view.Part) string {
	what := "各指标"
	if len(parts) > 1 {
		what = parts[0].Group + "各指标"
	}
	s := what + "得分率（%，得分÷权重；柱色为完成情况，颜色说明见上表"
	for _, r := range parts[0].Rows {
		if !r.R.Scored {
			s += "；不计分的多年目标为完成进度"
			break
		}
	}
	return s + "）"
}

// scChartTop is the top of a value axis whose highest figure is top:
// a multiple of 20, with room above for the label, 120 at least.
func scChartTop(top decimal.Decimal) float64 {
	t := top.Add(decimal.NewFromInt(15)).Ceil().IntPart()
	return float64(max((t+19)/20*20, 120)) // a chart style number, not a figure
}

// chart draws a column per indicator of the headline group (rows): its
// 得分率 (scChartValue), coloured by its status. The data sit on the
// hidden sheet 图表数据: indicator, 得分率, status.
func (b *scBook) chart(rows []view.Row, at int) {
	const sh = view.SheetChartData
	quoted := "'" + sh + "'!"
	for i, h := range []string{"指标", "得分率(%)", "完成情况"} {
		b.text(sh, scRef(cell.ColName(i), 1), h, scStyle{bold: true})
	}
	b.width(sh, "A", 30)
	b.width(sh, "B", 12)
	if len(rows) == 0 {
		b.text(view.SheetOverview, scRef("A", at), "没有可列入图表的指标", scStyle{})
		return
	}
	fills := make([]string, len(rows))
	top := decimal.Zero
	for i, r := range rows {
		v := scChartValue(r.R)
		b.text(sh, scRef("A", i+2), r.Ind.Name, scStyle{})
		b.cell(sh, scRef("B", i+2), view.Num(v, scChartPlaces), scStyle{})
		b.text(sh, scRef("C", i+2), string(r.R.Status), scStyle{})
		fills[i] = scStatusColours[r.R.Status].fill
		top = decimal.Max(top, v)
	}
	last := len(rows) + 1
	gap := uint(60)
	zero, axisTop := 0.0, scChartTop(top)
	col := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:              quoted + "$B$1",
			Categories:        fmt.Sprintf("%s$A$2:$A$%d", quoted, last),
			Values:            fmt.Sprintf("%s$B$2:$B$%d", quoted, last),
			Fill:              excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{scChartEdge}},
			DataLabel:         excelize.ChartDataLabel{Font: scChartFont},
			DataLabelPosition: excelize.ChartDataLabelsPositionOutsideEnd,
		}},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4, PrintObject: scTrue(), Locked: scTrue()},
		Dimension: excelize.ChartDimension{Width: 1000, Height: 340},
		Legend:    excelize.ChartLegend{Position: "none"},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "得分率（%）", Font: &scChartTitleFont}}},
		XAxis:     excelize.ChartAxis{Font: scChartFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: scChartFont, Minimum: &zero, Maximum: &axisTop,
			MajorUnit: 20, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
		GapWidth:   &gap,
		VaryColors: scFalse(),
	}
	if b.err == nil {
		b.fail(scAddChart(b.f, view.SheetOverview, scRef("A", at), col, fills))
	}
	// Leave the rows under the chart empty and of a known height, so
	// that the printout keeps the chart on the page.
	for r := at; r < at+scChartRows; r++ {
		b.height(view.SheetOverview, r, 18)
	}
}

// scChartRows is the count of 18-point rows the chart covers.
const scChartRows = 15

// cityGradeColour is the colour of a grade of the ruleset's bands, in the
// status colours: the highest band 深绿 (as 超额完成), the next 绿 (完成),
// the middle ones 琥珀 (基本完成), the lowest 红 (未完成); one band alone
// is 绿, two are 绿 and 红. A vetoed unit is 红 whatever its grade.
func cityGradeColour(grades []rules.Grade, grade string, vetoed bool) scStatusStyle {
	n := len(grades)
	i := 0
	for j, g := range grades {
		if g.Name == grade {
			i = j
		}
	}
	switch {
	case vetoed || (n > 1 && i == n-1):
		return scStatusColours[eval.Missed]
	case n > 2 && i == 0:
		return scStatusColours[eval.Exceeded]
	case n <= 2 || i == 1:
		return scStatusColours[eval.Met]
	}
	return scStatusColours[eval.NearlyMet]
}

// cityChartRow is the height in points of a row of the table of totals
// beside the chart, which the chart's height follows.
const cityChartRow = 15

// chart writes the table of totals it draws and a bar chart of it: every
// unit up to cityChartAll units, else the first cityChartTop. The chart
// stands beside the table, as tall as it, each bar coloured by the unit's
// grade (cityGradeColour), as the grades are in 等级分布.
func (b *cityBook) chart(row int) {
	const sh = citySheetOverview
	quoted := "'" + sh + "'!"
	shown := b.ranked
	head := "总分排名（柱色为等级，见“等级分布”）"
	if len(shown) > cityChartAll {
		shown = shown[:cityChartTop]
		head = fmt.Sprintf("总分排名（共%d个单位，图表只列前%d名，完整排名见“%s”工作表；柱色为等级，见“等级分布”）",
			len(b.ranked), cityChartTop, citySheetRanking)
	}
	b.text(sh, scRef("A", row), head, scSectionHead)
	row++
	b.text(sh, scRef("A", row), "名次", scHeadStyle)
	b.text(sh, scRef("B", row), "单位", scHeadStyle)
	b.text(sh, scRef("C", row), "总分", scHeadStyle)
	b.height(sh, row, cityChartRow)
	first := row + 1
	grades := b.ranked[0].Ruleset.Conventions.Grades
	fills := make([]string, len(shown))
	for i, a := range shown {
		r := first + i
		b.cell(sh, scRef("A", r), cityRankCell(a.Rank), scStyle{border: true, halign: "center"})
		b.text(sh, scRef("B", r), a.Entity, scBodyStyle)
		b.cell(sh, scRef("C", r), view.Num(a.Total, 2), scBodyStyle)
		b.height(sh, r, cityChartRow)
		fills[i] = cityGradeColour(grades, a.Grade, a.Veto != "").fill
	}
	last := first + len(shown) - 1
	gap := uint(40)
	// The axis runs from 0 to full marks, the scale every total is on.
	full := decimal.Zero
	for _, a := range shown {
		full = decimal.Max(full, a.FullMarks, a.Total)
	}
	zero, top := 0.0, full.InexactFloat64() // chart style numbers, not figures
	// 20 pixels a 15-point row: the header row and one a unit.
	height := uint(max(20*(len(shown)+1), 260))
	ch := &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:              quoted + "$C$" + fmt.Sprint(first-1),
			Categories:        fmt.Sprintf("%s$B$%d:$B$%d", quoted, first, last),
			Values:            fmt.Sprintf("%s$C$%d:$C$%d", quoted, first, last),
			Fill:              excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{scChartEdge}},
			DataLabel:         excelize.ChartDataLabel{Font: scChartFont},
			DataLabelPosition: excelize.ChartDataLabelsPositionOutsideEnd,
		}},
		Format:    excelize.GraphicOptions{OffsetX: 8, OffsetY: 0, PrintObject: cityBool(true), Locked: cityBool(true)},
		Dimension: excelize.ChartDimension{Width: cityChartWidth, Height: height},
		Legend:    excelize.ChartLegend{Position: "none"},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各单位总分", Font: &scChartTitleFont}}},
		XAxis:     excelize.ChartAxis{Font: scChartFont, ReverseOrder: true},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: scChartFont, Minimum: &zero,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}},
		GapWidth:   &gap,
		VaryColors: cityBool(false),
	}
	if full.IsPositive() {
		ch.YAxis.Maximum = &top
	}
	if b.err == nil {
		b.fail(scAddChart(b.f, sh, scRef("D", first-1), ch, fills))
	}
}

// cityChartWidth is the width in pixels of the chart of totals: columns D
// to G of 总览, less its offset.
const cityChartWidth = 580
