package scorecard

import (
	"fmt"
	"io"
	"strconv"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/internal/zipw"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// cityMaxRows is the most rows of a sheet (Excel's, cell.MaxRows; smaller
// in tests). A long 明细 of more rows goes on in 明细(2), 明细(3) ….
var cityMaxRows = cell.MaxRows

// CityStreamOptions are the settings of WriteCityScorecardStream.
type CityStreamOptions struct {
	Scorecard ScorecardOptions
	// Eval are the options of the judgement (eval.EvaluateUnitsStream):
	// the period, and Progress for the units judged (Scorecard.Progress
	// then tells the rows written once every unit is judged).
	Eval eval.Options
	// Problems are the problems of the run (the reader's), listed in
	// 数据问题 with the units'.
	Problems rules.Diagnostics
	// Spill keeps the 明细 rows of the units judged until all are; nil
	// keeps them in memory.
	Spill CitySpill
}

// CityOutline is what a streamed city scorecard kept of its units.
type CityOutline struct {
	// City has every unit's assessment, in input order, without its
	// Results and Groups (its Counts, totals, grade, veto, problems and
	// rank are there), and the run's problems.
	City *eval.City
	// Indicators is the number of indicators of the first unit.
	Indicators int
}

// WriteCityScorecard writes the judgement of many units as an .xlsx
// workbook: 总览 (the period, counts and a chart of the units' totals), 排名
// (units × indicators, each cell the status and the unit's rank on the
// indicator, sorted by total), the 明细 of what each unit reported (a
// sheet per unit for up to 30 units, otherwise one long sheet with
// filters, continued on 明细(2) … past Excel's rows), 口径说明 and 数据问题.
// An indicator no unit reported is one line of 明细, not a row per unit.
// The large sheets are written with excelize's StreamWriter, the rows of
// the long 明细 as XML (city_xml.go).
func WriteCityScorecard(w io.Writer, c *eval.City, opts ScorecardOptions) error {
	if c == nil || len(c.Units) == 0 {
		return fmt.Errorf("city scorecard: no units to write")
	}
	for _, a := range c.Units {
		if a == nil || a.Ruleset == nil {
			return fmt.Errorf("city scorecard: a unit has no assessment")
		}
	}
	if opts.Evaluated.IsZero() {
		// The date comes from the caller: no clock below cmd/.
		return fmt.Errorf("city scorecard: no evaluation date (ScorecardOptions.Evaluated)")
	}
	cw := newCityWriter(len(c.Units), opts, nil)
	defer cw.b.f.Close()
	lights := make([]*eval.Assessment, len(c.Units))
	for i, a := range c.Units {
		if err := cw.each(i, cw.work(a)); err != nil {
			return err
		}
		l := *a
		l.Results, l.Groups = nil, nil
		lights[i] = &l
	}
	return cw.finish(w, c.Period, lights, c.Problems)
}

// WriteCityScorecardStream judges units (eval.EvaluateUnitsStream) and
// writes their city scorecard as WriteCityScorecard would have written it
// for eval.EvaluateUnits' City, holding a few hundred bytes a unit rather
// than every result: the 明细 rows of each unit go to opts.Spill as it is
// judged, and are written in rank order once all are.
func WriteCityScorecardStream(w io.Writer, units []eval.PackedUnit, opts CityStreamOptions) (*CityOutline, error) {
	if len(units) == 0 {
		return nil, fmt.Errorf("city scorecard: no units to write")
	}
	for _, u := range units {
		if u.Ruleset == nil {
			return nil, fmt.Errorf("city scorecard: a unit has no ruleset")
		}
	}
	if opts.Scorecard.Evaluated.IsZero() {
		return nil, fmt.Errorf("city scorecard: no evaluation date (ScorecardOptions.Evaluated)")
	}
	cw := newCityWriter(len(units), opts.Scorecard, opts.Spill)
	defer cw.b.f.Close()
	// Rows of indicators no unit has figures for are not even made.
	cw.known = map[string]bool{}
	for _, u := range units {
		u.Actuals.EachReported(func(id string) { cw.known[id] = true })
	}
	cs, err := eval.EvaluateUnitsStream(units, opts.Eval, func(_ int, a *eval.Assessment) *cityWork { return cw.work(a) }, cw.each)
	if err != nil {
		return nil, err
	}
	if err := cw.finish(w, cs.Period, cs.Units, opts.Problems); err != nil {
		return nil, err
	}
	out := &CityOutline{City: cw.b.c}
	if len(cw.units) > 0 {
		out.Indicators = len(cw.units[0].cells)
	}
	return out, nil
}

// cityWriter keeps what a city scorecard needs of each unit as the units
// are judged (work, each: city_units.go), and writes it once all are
// (finish).
type cityWriter struct {
	b       *cityBook
	perUnit bool // a 明细 sheet per unit, full assessments kept
	// known are the indicators some unit has figures for, when known
	// before judging: a blank row of another is left out at once.
	known    map[string]bool
	units    []*cityUnit // in input order
	kept     []cityUnit  // what units point to, in one block
	cells    cityCells
	inds     []*rules.Indicator
	indIndex map[string]int
	lastIdx  []int32
	reported []bool // per city indicator: some unit reported it (cityReported)
	gaps     []cityGap
	styles   *cityStyles // of the long 明细
	spill    citySpillWriter
}

func newCityWriter(n int, opts ScorecardOptions, spill CitySpill) *cityWriter {
	f := excelize.NewFile()
	b := &cityBook{scBook: &scBook{f: f, styles: map[scStyle]int{}}, opts: opts, dxf: map[eval.Status]int{}}
	if spill == nil {
		spill = &cityMemSpill{}
	}
	cw := &cityWriter{b: b, perUnit: n <= cityDetailSheetsMax, units: make([]*cityUnit, n), kept: make([]cityUnit, n),
		indIndex: map[string]int{}, spill: citySpillWriter{w: spill}}
	b.cw = cw
	cw.styles = newCityStyles(b, cityLongCols)
	b.fail(f.SetDefaultFont(scFontBody))
	return cw
}

func newCityStyles(b *cityBook, cols []cityDetailCol) *cityStyles {
	s := &cityStyles{b: b, base: make([]scStyle, len(cols)), ids: map[cityStyleKey]int{}}
	for i, c := range cols {
		s.base[i] = cityDetailStyle(c)
	}
	return s
}

// finish writes the workbook once every unit is judged: lights are the
// units' assessments without their results, ranked, in input order.
func (cw *cityWriter) finish(w io.Writer, period eval.Period, lights []*eval.Assessment, problems rules.Diagnostics) error {
	b := cw.b
	c := &eval.City{Units: lights, Period: period, Problems: problems}
	unitOf := make(map[*eval.Assessment]*cityUnit, len(cw.units))
	for i, cu := range cw.units {
		cu.a = lights[i]
		if cu.full != nil {
			cu.full.Rank = lights[i].Rank
		}
		unitOf[cu.a] = cu
	}
	cw.settle()
	b.c, b.ranked, b.inds = c, c.Ranked(), cw.inds
	b.units = make([]*cityUnit, len(b.ranked))
	for i, a := range b.ranked {
		b.units[i] = unitOf[a]
	}
	b.probs = view.CityProblems(c)
	var details []string
	var plan []cityDetailPart
	var lines []*citySpillRow
	if cw.perUnit {
		details = b.detailSheets()
	} else {
		lines = cw.lines()
		plan = cw.plan(len(lines))
		for _, p := range plan {
			details = append(details, p.name)
		}
	}
	b.rowsTotal = 4 + len(c.Units) + len(b.probs) + len(lines)
	for _, cu := range cw.units {
		b.rowsTotal += cu.span.shown
	}
	sheets := append([]string{citySheetOverview, citySheetRanking}, details...)
	sheets = append(sheets, citySheetNotes, citySheetProblems)
	b.fail(b.f.SetSheetName("Sheet1", sheets[0]))
	for _, s := range sheets[1:] {
		_, err := b.f.NewSheet(s)
		b.fail(err)
	}
	b.overview()
	inject := map[string]func(io.Writer) error{}
	b.ranking(inject)
	if cw.perUnit {
		for i, cu := range b.units {
			b.unitDetail(details[i], cu)
		}
	} else {
		for i := range plan {
			cw.longDetail(&plan[i], lines, inject)
		}
	}
	b.notes()
	b.problems()
	b.properties()
	// 总览 is the first sheet and so the active one. SetActiveSheet must
	// not be called: it would parse the streamed sheets back into memory.
	if b.err != nil {
		return fmt.Errorf("city scorecard: %w", b.err)
	}
	if err := cw.write(w, inject); err != nil {
		return fmt.Errorf("city scorecard: %w", err)
	}
	if b.opts.Progress != nil {
		b.opts.Progress(b.rowsTotal, b.rowsTotal)
	}
	return nil
}

// write writes the workbook to w, straight through the zip writer: excelize
// would gather the whole file in memory first.
func (cw *cityWriter) write(w io.Writer, inject map[string]func(io.Writer) error) error {
	names := map[string]string{}
	for id, name := range cw.b.f.GetSheetMap() {
		names[name] = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	}
	byPart := map[string]func(io.Writer) error{}
	for sheet, fn := range inject {
		part, ok := names[sheet]
		if !ok {
			return fmt.Errorf("no part for sheet %s", sheet)
		}
		byPart[part] = fn
	}
	streamed := map[string]bool{}
	dims := map[string]func() string{}
	for sheet, s := range cw.b.streams {
		streamed[sheet] = true
		dims[names[sheet]] = s.dimension
	}
	if err := setDimensions(cw.b.f, streamed); err != nil {
		return err
	}
	cw.b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return &cityZip{Writer: zipw.New(w), inject: byPart, dims: dims, done: map[string]bool{}}
	})
	return cw.b.f.Write(io.Discard)
}

// detailRows hands emit the rows of one sheet of the long 明细, numbered
// from 3: the rows of its units, in rank order, read back from the spill
// (but the blank rows of indicators no unit reported), then the lines.
func (cw *cityWriter) detailRows(p *cityDetailPart, lines []*citySpillRow, emit func(n int, r *citySpillRow) error) error {
	n := 3
	for _, cu := range cw.b.units[p.from:p.to] {
		if cu.span.rows == 0 {
			continue
		}
		data, err := cw.spill.read(cu.span)
		if err != nil {
			return err
		}
		err = cityEachRow(data, len(cityLongCols), func(r *citySpillRow) error {
			if r.blank && !cw.reported[cu.idx[r.k]] {
				return nil
			}
			err := emit(n, r)
			n++
			return err
		})
		if err != nil {
			return err
		}
	}
	if p.lines {
		for _, r := range lines {
			if err := emit(n, r); err != nil {
				return err
			}
			n++
		}
	}
	return nil
}

// cityDetailPart is one sheet of the long 明细: the units (by rank) from
// and to, and the lines of left-out rows on the last.
type cityDetailPart struct {
	name     string
	from, to int
	lines    bool
	rows     int
	part, of int
}

// plan splits the long 明细 into sheets of at most cityMaxRows rows, a
// unit's rows on one sheet, the lines at the end of the last.
func (cw *cityWriter) plan(lines int) []cityDetailPart {
	room := cityMaxRows - 2 // the title and header rows
	var out []cityDetailPart
	cur := cityDetailPart{}
	for i, cu := range cw.b.units {
		if n := cu.span.shown; cur.rows+n > room && cur.rows > 0 {
			cur.to = i
			out = append(out, cur)
			cur = cityDetailPart{from: i}
		}
		cur.rows += cu.span.shown
	}
	cur.to = len(cw.b.units)
	if lines > 0 && cur.rows+lines > room && cur.rows > 0 {
		out = append(out, cur)
		cur = cityDetailPart{from: cur.to, to: cur.to}
	}
	cur.lines, cur.rows = lines > 0, cur.rows+lines
	out = append(out, cur)
	for i := range out {
		out[i].name, out[i].part, out[i].of = citySheetDetail, i+1, len(out)
		if i > 0 {
			out[i].name = fmt.Sprintf("%s(%d)", citySheetDetail, i+1)
		}
	}
	return out
}

// longDetail writes one sheet of the long 明细, units in rank order, with
// filters on the header; its rows go into inject (written as XML when the
// workbook is written) or, without cityDirectXML, through the
// StreamWriter.
func (cw *cityWriter) longDetail(p *cityDetailPart, lines []*citySpillRow, inject map[string]func(io.Writer) error) {
	b := cw.b
	sh := p.name
	cols := cityLongCols
	b.print(sh, "$2:$2", "", 1)
	s := b.stream(sh)
	s.freeze(2, 2)
	title := view.CityTitle(b.c) + "明细"
	if p.of > 1 {
		title += fmt.Sprintf("（第%d部分，共%d部分）", p.part, p.of)
	}
	b.detailHead(s, cols, title)
	last := 2 + p.rows
	if p.rows > 0 {
		st := cell.ColName(cityColIndex(cols, "完成情况"))
		b.statusFormats(sh, fmt.Sprintf("%s3:%s%d", st, st, last))
		if b.err == nil {
			b.fail(b.f.AutoFilter(sh, fmt.Sprintf("A2:%s%d", cell.ColName(len(cols)-1), last), nil))
		}
	}
	s.rows(inject, sh, len(cols), p.rows, func(emit func(n int, r *citySpillRow) error) error {
		return cw.detailRows(p, lines, emit)
	})
	s.flush()
}
