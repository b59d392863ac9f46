package scorecard

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// cityDumpAll is every cell, style, sheet setting and part of a city
// scorecard, as the goldens keep them.
func cityDumpAll(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var all strings.Builder
	all.WriteString(scDumpWorkbook(t, f, data))
	for _, sheet := range f.GetSheetList() {
		dump := scDumpSheet(t, f, sheet)
		if i := strings.Index(dump, "cells\n"); i >= 0 {
			dump = dump[:i]
		}
		all.WriteString(dump)
		all.WriteString(cityDumpCells(t, f, sheet))
	}
	return all.String()
}

// cityBook7 is a long table of n units reporting the first k indicators
// of rs.
func cityBook7(t *testing.T, rs *rules.Ruleset, n, k int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, rs, n, k, 7); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cityBothWays writes the scorecard of a workbook judged by EvaluateUnits
// (WriteCityScorecard) and streamed (WriteCityScorecardStream).
func cityBothWays(t *testing.T, data []byte, rs *rules.Ruleset, opts read.UnitsOptions, period eval.Period) (city, stream []byte) {
	t.Helper()
	units, diags := read.ReadUnits("units.xlsx", data, rs, opts)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	c := eval.EvaluateUnits(units, eval.Options{Period: period})
	c.Problems = diags
	sc := ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}
	var a, b bytes.Buffer
	if err := WriteCityScorecard(&a, c, sc); err != nil {
		t.Fatal(err)
	}
	packed, pdiags := read.ReadUnitsPacked("units.xlsx", data, rs, opts)
	out, err := WriteCityScorecardStream(&b, packed, CityStreamOptions{Scorecard: sc, Eval: eval.Options{Period: period}, Problems: pdiags})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.City.Summary(), c.Summary(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outline summary %v, want %v", got, want)
	}
	return a.Bytes(), b.Bytes()
}

// TestCityStreamMatchesCity finds the streamed scorecard cell for cell,
// style for style, the scorecard of the whole City, for units with
// sheets of their own and a long 明细, whole years and periods, and
// tables that report some of the ruleset's indicators only.
func TestCityStreamMatchesCity(t *testing.T) {
	rs := fixture.CityRules(t)
	targets, diags := read.ReadTargets("targets.xlsx", fixture.CityTargetsBook(t, false), rs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	synth := fixture.SyntheticRuleset(10)
	def := rules.Default()
	h1, _ := eval.ParsePeriod("H1")
	tests := []struct {
		name   string
		data   []byte
		rs     *rules.Ruleset
		opts   read.UnitsOptions
		period eval.Period
	}{
		{"five units with targets", fixture.CityLongBook(t, fixture.CityTestFigures()), rs, read.UnitsOptions{Targets: targets}, eval.Year},
		{"40 units", cityBook7(t, synth, 40, 10), synth, read.UnitsOptions{}, eval.Year},
		{"40 units, 1-6月", cityBook7(t, synth, 40, 10), synth, read.UnitsOptions{}, h1},
		{"40 units reporting 7 of 10", cityBook7(t, synth, 40, 7), synth, read.UnitsOptions{}, eval.Year},
		{"35 units, 7 of the embedded ruleset", cityBook7(t, def, 35, 7), def, read.UnitsOptions{}, eval.Year},
		{"35 units, 7 of the embedded ruleset, 1-6月", cityBook7(t, def, 35, 7), def, read.UnitsOptions{}, h1},
		{"6 units, 7 of the embedded ruleset", cityBook7(t, def, 6, 7), def, read.UnitsOptions{}, eval.Year},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			city, stream := cityBothWays(t, tc.data, tc.rs, tc.opts, tc.period)
			want, got := cityDumpAll(t, city), cityDumpAll(t, stream)
			if got != want {
				wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
				for i := range min(len(wl), len(gl)) {
					if wl[i] != gl[i] {
						t.Fatalf("streamed scorecard differs at line %d:\n got: %s\nwant: %s", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("streamed scorecard has %d lines, want %d", len(gl), len(wl))
			}
		})
	}
}

// cityTricky are texts every escape of excelize's applies to.
var cityTricky = []string{"", " 前后有空格 ", "\t制表", "换\n行", "回车\r", "A&B<C>\"D\"'E'", "_x0041_ 与 _x005F_x0041_",
	"_x005F_", "控制\x01字符\x1f", "非法\xff字节", "\uFFFE\uFFFF", "emoji 😀 𠀀", "&#xA;", strings.Repeat("长", 33000),
	strings.Repeat("😀", 17000)}

// cityTrickyCity is 40 generated units whose names and explanations are
// the tricky texts.
func cityTrickyCity(t *testing.T) *eval.City {
	c := cityGenerated(t, 40, 6)
	for i, a := range c.Units {
		a.Entity = fmt.Sprintf("单位%d%s", i, cityTricky[i%len(cityTricky)])
		for k := range a.Results {
			if k%2 == 0 {
				a.Results[k].Explanation = cityTricky[(i+k)%len(cityTricky)]
			}
		}
	}
	return c
}

// cityPart is one part of a workbook, read from its zip.
func cityPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// TestCityXMLMatchesStreamWriter writes 排名 and the long 明细 of 40 units,
// names and explanations of every kind of text, as XML and through
// excelize's StreamWriter, and finds the sheets' XML the same byte for
// byte, and the workbooks the same cell for cell.
func TestCityXMLMatchesStreamWriter(t *testing.T) {
	c := cityTrickyCity(t)
	write := func(direct bool) []byte {
		cityDirectXML = direct
		defer func() { cityDirectXML = true }()
		var buf bytes.Buffer
		if err := WriteCityScorecard(&buf, c, ScorecardOptions{InputName: "units.xlsx", Evaluated: cityTestDate}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	xmlBook, swBook := write(true), write(false)
	f, err := excelize.OpenReader(bytes.NewReader(xmlBook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for id, name := range f.GetSheetMap() {
		if name != citySheetDetail && name != citySheetRanking {
			continue
		}
		part := fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		x, s := cityPart(t, xmlBook, part), cityPart(t, swBook, part)
		if !bytes.Equal(x, s) {
			i := 0
			for i < min(len(x), len(s)) && x[i] == s[i] {
				i++
			}
			from := max(i-200, 0)
			t.Fatalf("%s XML differs at byte %d of %d/%d:\n    xml: %q\nstreamw: %q", name, i, len(x), len(s),
				x[from:min(i+200, len(x))], s[from:min(i+200, len(s))])
		}
	}
	if cityDumpAll(t, xmlBook) != cityDumpAll(t, swBook) {
		t.Error("the workbooks differ cell by cell")
	}
}

// TestCityDetailLeavesOut judges 40 units (a long 明细) and 6 units (a
// sheet each) of a table reporting 7 of the embedded ruleset's 56
// indicators: 明细 has a row for each reported figure (and for a unit
// that left out a figure the others reported), then one line for each
// indicator no unit reported; 排名 keeps every indicator.
func TestCityDetailLeavesOut(t *testing.T) {
	def := rules.Default()
	for _, n := range []int{40, 6} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			units, diags := read.ReadUnits("units.xlsx", cityBook7(t, def, n, 7), def, read.UnitsOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			c := eval.EvaluateUnits(units, eval.Options{})
			f := cityOpen(t, c)
			rank, _ := f.GetRows(citySheetRanking)
			if got := len(rank[2]); got != 5+len(def.Indicators)+1 {
				t.Errorf("排名 has %d columns, want every indicator", got)
			}
			if n > cityDetailSheetsMax {
				rows, _ := f.GetRows(citySheetDetail)
				var units, lines []string
				for _, r := range rows[2:] {
					if strings.HasPrefix(r[0], "全部单位") {
						lines = append(lines, r[1])
						if !strings.Contains(r[8], "各单位均未填报") {
							t.Errorf("line %v", r)
						}
					} else {
						units = append(units, r[1])
					}
				}
				if len(units) != n*7 || len(lines) != len(def.Indicators)-7 {
					t.Errorf("明细: %d unit rows, %d lines; want %d, %d", len(units), len(lines), n*7, len(def.Indicators)-7)
				}
				if !slices.Contains(lines, def.Indicators[55].Name) || slices.Contains(lines, def.Indicators[0].Name) {
					t.Errorf("lines %v", lines)
				}
				return
			}
			name := c.Ranked()[0].Entity
			rows, _ := f.GetRows(citySheetName(name))
			if got := len(rows) - 2 - 2; got != 7 { // less the note and the total
				t.Errorf("%s: %d indicator rows, want 7", name, got)
			}
			if note := rows[len(rows)-2]; note[2] != "未逐项列出" || !strings.Contains(note[13], def.Indicators[55].Name) {
				t.Errorf("note row %v", note)
			}
		})
	}
}

// TestCityDetailSplit continues a long 明细 past the sheet's rows on
// 明细(2) …, each unit's rows on one sheet, the lines on the last.
func TestCityDetailSplit(t *testing.T) {
	defer func(n int) { cityMaxRows = n }(cityMaxRows)
	cityMaxRows = 60
	def := rules.Default()
	units, diags := read.ReadUnits("units.xlsx", cityBook7(t, def, 40, 7), def, read.UnitsOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := eval.EvaluateUnits(units, eval.Options{})
	f := cityOpen(t, c)
	var names []string
	total := 0
	perUnit := map[string]int{}
	sheetOf := map[string]string{}
	for _, sh := range f.GetSheetList() {
		if !strings.HasPrefix(sh, citySheetDetail) {
			continue
		}
		names = append(names, sh)
		rows, _ := f.GetRows(sh)
		if len(rows) > cityMaxRows {
			t.Errorf("%s has %d rows", sh, len(rows))
		}
		if !strings.Contains(rows[0][0], "部分，共") {
			t.Errorf("%s title %q", sh, rows[0][0])
		}
		for _, r := range rows[2:] {
			total++
			perUnit[r[0]]++
			if s, ok := sheetOf[r[0]]; ok && s != sh && !strings.HasPrefix(r[0], "全部单位") {
				t.Errorf("%s on %s and %s", r[0], s, sh)
			}
			sheetOf[r[0]] = sh
		}
	}
	want := 40*7 + len(def.Indicators) - 7
	if total != want || len(names) < 6 || names[1] != "明细(2)" {
		t.Errorf("%d rows on %v, want %d", total, names, want)
	}
	if sheetOf["全部单位"] != names[len(names)-1] {
		t.Errorf("the lines are on %s", sheetOf["全部单位"])
	}
}
