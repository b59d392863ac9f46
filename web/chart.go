package web

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The attainment chart, drawn on the server as SVG (see the package
// comment for why). Its geometry is decimal arithmetic: a bar's length is
// its figure over the axis maximum times the plot's width, rounded to a
// tenth of a pixel, so no float is ever made of a figure.

var hundred = decimal.NewFromInt(100)

type bar struct {
	Label string          // under or beside the bar
	Value decimal.Decimal // its length
	Text  string          // the figure as shown beside it
	Class string          // its colour: st-met, grade-1 …
	Title string          // the tooltip
}

type chartSpec struct {
	Bars []bar
	// Max is the least axis maximum (the full marks); the axis always
	// starts at 0 and reaches past the longest bar and the mark.
	Max decimal.Decimal
	// Mark, when not zero, is a line across the bars (the target, 100).
	Mark      decimal.Decimal
	MarkLabel string
	// Label names the axis.
	Label string
	// Compact draws many bars as unlabelled columns (a city of 150 units).
	Compact bool
	// Narrow draws the bars for a phone's width: half the width, the same
	// text size, shorter labels.
	Narrow bool
}

// Geometry of the chart, in SVG user units (pixels at 100%).
const (
	chartWidth  = 760
	rowHeight   = 24
	barHeight   = 16
	axisTop     = 30
	compactH    = 240
	compactLeft = 44
)

// barGeometry is the width of a bar chart, of its labels and of the room
// for the figure after the longest bar.
type barGeometry struct {
	width, label, value, chars int
}

var (
	wideBars   = barGeometry{width: chartWidth, label: 176, value: 64, chars: 12}
	narrowBars = barGeometry{width: 380, label: 112, value: 50, chars: 8}
)

func px(d decimal.Decimal) string { return d.Round(1).String() }

func pxInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

// niceMax is the smallest "round" axis maximum at or above m: a multiple of
// a step of 1, 2, 2.5 or 5 times a power of ten, at most six steps.
func niceMax(m decimal.Decimal) (max, step decimal.Decimal) {
	if !m.IsPositive() {
		return hundred, decimal.NewFromInt(20)
	}
	six := decimal.NewFromInt(6)
	for exp := int32(-2); exp < 12; exp++ {
		for _, f := range []string{"1", "2", "2.5", "5"} {
			step = decimal.RequireFromString(f).Shift(exp)
			n := m.Div(step).Ceil()
			if n.LessThanOrEqual(six) {
				return n.Mul(step), step
			}
		}
	}
	return m, m
}

func barChart(spec chartSpec) template.HTML {
	if len(spec.Bars) == 0 {
		return template.HTML(`<p class="muted">没有可计算完成率的指标。</p>`)
	}
	top := spec.Max
	if spec.Mark.GreaterThan(top) {
		top = spec.Mark
	}
	for _, b := range spec.Bars {
		if b.Value.GreaterThan(top) {
			top = b.Value
		}
	}
	axis, step := niceMax(top)
	if spec.Compact {
		return compactChart(spec, axis, step)
	}
	g := wideBars
	class := "chart wide"
	if spec.Narrow {
		g, class = narrowBars, "chart narrow"
	}
	labelWidth := g.label
	x0 := pxInt(labelWidth)
	plot := pxInt(g.width - g.label - g.value)
	height := axisTop + len(spec.Bars)*rowHeight + 8
	xOf := func(v decimal.Decimal) decimal.Decimal {
		if v.IsNegative() {
			v = decimal.Zero
		}
		return x0.Add(v.Mul(plot).Div(axis))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="%s" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		class, g.width, height, esc(spec.Label))
	bottom := pxInt(height - 8)
	for v := decimal.Zero; v.LessThanOrEqual(axis); v = v.Add(step) {
		x := px(xOf(v))
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%d" x2="%s" y2="%s"/>`, x, axisTop-4, x, px(bottom))
		fmt.Fprintf(&b, `<text class="tick" x="%s" y="%d" text-anchor="middle">%s</text>`, x, axisTop-10, v.String())
	}
	for i, br := range spec.Bars {
		y := axisTop + i*rowHeight + (rowHeight-barHeight)/2
		mid := y + barHeight/2 + 4
		w := xOf(br.Value).Sub(x0)
		fmt.Fprintf(&b, `<g class="bar"><title>%s</title>`, esc(br.Title))
		fmt.Fprintf(&b, `<text class="label" x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, mid, esc(shorten(br.Label, g.chars)))
		fmt.Fprintf(&b, `<rect class="%s" x="%d" y="%d" width="%s" height="%d"/>`, esc(br.Class), labelWidth, y, px(w), barHeight)
		fmt.Fprintf(&b, `<text class="value" x="%s" y="%d">%s</text></g>`, px(x0.Add(w).Add(pxInt(4))), mid, esc(br.Text))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%s"/>`, labelWidth, axisTop-4, labelWidth, px(bottom))
	if spec.Mark.IsPositive() {
		x := px(xOf(spec.Mark))
		fmt.Fprintf(&b, `<line class="mark" x1="%s" y1="%d" x2="%s" y2="%s"/>`, x, axisTop-4, x, px(bottom))
		fmt.Fprintf(&b, `<text class="mark-label" x="%s" y="%d" text-anchor="middle">%s</text>`, x, axisTop-20, esc(spec.MarkLabel))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// compactChart draws one column per bar, in order, with the axis on the
// left; each column's tooltip names it.
func compactChart(spec chartSpec, axis, step decimal.Decimal) template.HTML {
	n := len(spec.Bars)
	plotH := pxInt(compactH - 30)
	plotW := pxInt(chartWidth - compactLeft - 8)
	colW := plotW.Div(pxInt(n))
	gap := decimal.Zero
	if colW.GreaterThan(pxInt(3)) {
		gap = colW.Div(pxInt(5))
	}
	base := pxInt(compactH - 20)
	yOf := func(v decimal.Decimal) decimal.Decimal {
		if v.IsNegative() {
			v = decimal.Zero
		}
		return base.Sub(v.Mul(plotH).Div(axis))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart compact" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, compactH, esc(spec.Label))
	for v := decimal.Zero; v.LessThanOrEqual(axis); v = v.Add(step) {
		y := px(yOf(v))
		fmt.Fprintf(&b, `<line class="grid" x1="%d" y1="%s" x2="%d" y2="%s"/>`, compactLeft, y, chartWidth-8, y)
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%s" text-anchor="end">%s</text>`, compactLeft-6, px(yOf(v).Add(pxInt(4))), v.String())
	}
	for i, br := range spec.Bars {
		x := pxInt(compactLeft).Add(colW.Mul(pxInt(i)))
		y := yOf(br.Value)
		fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`, esc(br.Class),
			px(x.Add(gap.Div(pxInt(2)))), px(y), px(colW.Sub(gap)), px(base.Sub(y)), esc(br.Title))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%s" x2="%d" y2="%s"/>`, compactLeft, px(base), chartWidth-8, px(base))
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d">第1名</text>`, compactLeft, compactH-4)
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">第%d名</text>`, chartWidth-8, compactH-4, n)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// shorten cuts s to n characters with an ellipsis; the tooltip has it whole.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
