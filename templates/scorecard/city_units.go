package scorecard

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
)

// A city scorecard is written as its units are judged, one at a time, so
// that it holds what 排名 and 总览 need of each unit (its total, grade and
// rank, the status and rank of each indicator: a few hundred bytes) and
// never all the units' results (some 36 KB a unit at 50 indicators). The
// 明细 rows of a unit are made as soon as it is judged (work, on every
// core) and kept in a CitySpill (each, one unit at a time); once every
// unit is judged, they are written out in rank order.
//
// 明细 lists what was reported: a unit's indicators with figures, or with
// a verdict to show. An indicator no unit has figures for is one line at
// the end of 明细 (and one problem, from the reader), not a row per unit;
// a multi-year goal not yet due that a unit reported no progress for
// (进行中 without figures) is one line too. 排名 keeps every unit and every
// indicator.

// cityUnit is what a city scorecard keeps of one judged unit.
type cityUnit struct {
	// a is the assessment without Results and Groups, set once every
	// unit is judged.
	a *eval.Assessment
	// full is the whole assessment of a unit with a 明细 sheet of its own
	// (up to cityDetailSheetsMax units).
	full *eval.Assessment
	// cells are the status and peer rank of each result (cityMark), at
	// the city indicator idx gives; idx is shared by units alike.
	cells []uint32
	idx   []int32
	width int  // the widest status and rank on 排名
	own   bool // judged by targets of its own
	// blanks are the results without figures judged 无数据: their rows
	// are left out once no unit turns out to have figures for them.
	blanks []int32
	span   citySpan // its 明细 rows in the spill
}

// cityMark packs a status and a peer rank into a cell of cityUnit.cells.
func cityMark(r *eval.Result) uint32 {
	return uint32(slices.Index(eval.Statuses, r.Status)+1) | uint32(min(r.PeerRank, 1<<28-1))<<4
}

func cityMarkStatus(c uint32) eval.Status {
	if k := int(c&15) - 1; k >= 0 && k < len(eval.Statuses) {
		return eval.Statuses[k]
	}
	return ""
}

func cityMarkRank(c uint32) int { return int(c >> 4) }

// cityAppendMark appends cityStatusText of a mark: "完成 (2)".
func cityAppendMark(b []byte, c uint32) []byte {
	b = append(b, cityMarkStatus(c)...)
	if r := cityMarkRank(c); r > 0 {
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, ')')
	}
	return b
}

// cityReported says whether a result shows anything the unit reported: a
// judged figure, a level, a rank, 是/否 or a date, a cell read, or a figure
// left out as implausible. A result without is blank: the unit reported
// nothing for the indicator.
func cityReported(r *eval.Result) bool {
	return r.Value.Valid || r.Level.Valid || r.Rank > 0 || r.Done != nil || r.Date != "" || r.Source.IsValid() ||
		r.Derived || strings.HasPrefix(r.Explanation, "数据存疑")
}

// cityBlank says whether the row of r may be left out of 明细: nothing
// reported, and no verdict of its own — 无数据 (left out when no unit has
// figures) or 进行中 (always left out: a goal not yet due).
func cityBlank(r *eval.Result) bool {
	return (r.Status == eval.NoData || r.Status == eval.InProgress) && !cityReported(r)
}

// cityWork is what work makes of one judged unit, for each.
type cityWork struct {
	full     *eval.Assessment
	results  []eval.Result // the unit's results, until each has taken what it needs
	cells    []uint32
	reported []bool  // per result: cityReported
	left     []int32 // results whose rows are left out
	blanks   []int32 // blank 无数据 rows made, left out at the end if no unit reported them
	width    int
	own      bool
	rows     []byte         // the 明细 rows made, their styles numbered as in keys
	keys     []cityStyleKey // the styles of rows
	nrows    int
}

// work makes what the scorecard keeps of a judged unit and its 明细 rows.
// It runs on every core at once: it reads the writer's settings and
// touches nothing else.
func (cw *cityWriter) work(a *eval.Assessment) *cityWork {
	w := &cityWork{results: a.Results, cells: make([]uint32, len(a.Results)), reported: make([]bool, len(a.Results))}
	if cw.perUnit {
		w.full = a
	}
	var mk *cityRowMaker
	if !cw.perUnit {
		mk = &cityRowMaker{cols: cityLongCols, keys: map[cityStyleKey]int{}}
	}
	for k := range a.Results {
		r := &a.Results[k]
		w.cells[k] = cityMark(r)
		w.width = max(w.width, cityStatusWidth(r))
		w.own = w.own || strings.Contains(r.Indicator.Target.Text, "（本单位目标")
		w.reported[k] = cityReported(r)
		blank := !w.reported[k] && (r.Status == eval.NoData || r.Status == eval.InProgress)
		switch {
		case blank && (r.Status == eval.InProgress || cw.known != nil && !cw.known[r.Indicator.ID]):
			w.left = append(w.left, int32(k))
			continue
		case blank:
			w.blanks = append(w.blanks, int32(k))
		}
		if mk != nil {
			w.rows = mk.row(w.rows, a, k, blank)
			w.nrows++
		}
	}
	if mk != nil {
		w.keys = mk.order
	}
	return w
}

// cityGap is the rows of one indicator left out of 明细.
type cityGap struct {
	n int          // units whose row is left out
	r *eval.Result // the result of the first, as the line shows it
	// blank is the first blank 无数据 result made into a row, in case
	// no unit reports the indicator.
	blank *eval.Result
}

// each keeps what the scorecard needs of unit i: its place in 排名, its
// 明细 rows in the spill. It runs one unit at a time, in input order, and
// may touch the workbook (styles).
func (cw *cityWriter) each(i int, w *cityWork) error {
	cu := &cw.kept[i]
	*cu = cityUnit{full: w.full, cells: cw.cells.keep(w.cells), width: w.width, own: w.own, blanks: w.blanks}
	cu.idx = cw.indicators(w.results)
	for k, rep := range w.reported {
		if rep {
			cw.reported[cu.idx[k]] = true
		}
	}
	for _, k := range w.left {
		g := &cw.gaps[cu.idx[k]]
		g.n++
		if g.r == nil {
			r := w.results[k]
			g.r = &r
		}
	}
	for _, k := range w.blanks {
		if g := &cw.gaps[cu.idx[k]]; g.blank == nil {
			r := w.results[k]
			g.blank = &r
		}
	}
	if !cw.perUnit {
		span, err := cw.spill.unit(cw.styles, w.keys, w.rows, w.nrows)
		if err != nil {
			return err
		}
		cu.span = span
	}
	cw.units[i] = cu
	return nil
}

// indicators gives the city indicator of each result, adding those not
// seen before; units judged by one ruleset share the slice.
func (cw *cityWriter) indicators(results []eval.Result) []int32 {
	idx := make([]int32, len(results))
	for k := range results {
		ind := results[k].Indicator
		j, ok := cw.indIndex[ind.ID]
		if !ok {
			j = len(cw.inds)
			cw.indIndex[ind.ID] = j
			cw.inds = append(cw.inds, ind)
			cw.gaps = append(cw.gaps, cityGap{})
			cw.reported = append(cw.reported, false)
		}
		idx[k] = int32(j)
	}
	if slices.Equal(idx, cw.lastIdx) {
		return cw.lastIdx
	}
	cw.lastIdx = idx
	return idx
}

// settle decides, once every unit is judged, which blank 无数据 rows are
// left out (those of indicators no unit reported), counting them into the
// gaps, and returns how many 明细 rows each unit keeps.
func (cw *cityWriter) settle() {
	for _, cu := range cw.units {
		left := 0
		for _, k := range cu.blanks {
			j := cu.idx[k]
			if cw.reported[j] {
				continue
			}
			left++
			g := &cw.gaps[j]
			g.n++
			if g.r == nil {
				g.r = g.blank
			}
		}
		cu.span.shown = cu.span.rows - left
	}
}

// omitted says whether the row of result k of cu is left out of 明细.
func (cw *cityWriter) omitted(cu *cityUnit, k int, r *eval.Result) bool {
	if !cityBlank(r) {
		return false
	}
	return r.Status == eval.InProgress || !cw.reported[cu.idx[k]]
}

// lines are the lines of 明细 standing for the rows left out, one an
// indicator: the first such row, its unit named by how many units it
// stands for, its explanation saying so; their styles are made here,
// before the workbook is written.
func (cw *cityWriter) lines() []*citySpillRow {
	var out []*citySpillRow
	n := len(cw.units)
	cells := make([]cityOut, len(cityLongCols))
	for j := range cw.gaps {
		g := &cw.gaps[j]
		if g.n == 0 || g.r == nil {
			continue
		}
		r := *g.r
		r.Explanation = cityGapText(g, n)
		a := &eval.Assessment{Entity: "全部单位", Results: []eval.Result{r}}
		if g.n < n {
			a.Entity = "其余" + strconv.Itoa(g.n) + "个单位"
		}
		row := &citySpillRow{k: -1, height: cityMakeRowInto(cells, cityLongCols, a, view.MakeRow(a, 0))}
		for _, c := range cells {
			row.cells = append(row.cells, citySpillCell{style: cw.styles.id(c.key), kind: c.val.kind, s: []byte(c.val.s)})
		}
		out = append(out, row)
	}
	return out
}

// cityGapText explains a line standing for left-out rows.
func cityGapText(g *cityGap, units int) string {
	switch {
	case g.n == units && g.r.Status == eval.NoData:
		return "各单位均未填报，不逐个列出：" + g.r.Explanation
	case g.n == units:
		return "各单位均未填报本年进度，不逐个列出：" + g.r.Explanation
	}
	return strconv.Itoa(g.n) + "个单位未填报，不逐个列出：" + g.r.Explanation
}

// cityRowMaker makes the 明细 rows of one unit into bytes: for each row the
// result's position, whether it is blank and its height, then each cell's
// style (numbered by first use in the unit, keys in order), kind and text.
type cityRowMaker struct {
	cols  []cityDetailCol
	keys  map[cityStyleKey]int
	order []cityStyleKey
	out   []cityOut
}

func (m *cityRowMaker) row(buf []byte, a *eval.Assessment, k int, blank bool) []byte {
	if m.out == nil {
		m.out = make([]cityOut, len(m.cols))
	}
	height := cityMakeRowInto(m.out, m.cols, a, view.MakeRow(a, k))
	buf = binary.AppendUvarint(buf, uint64(k))
	flags := byte(0)
	if blank {
		flags = 1
	}
	buf = append(buf, flags)
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(height))
	for _, c := range m.out {
		slot, ok := m.keys[c.key]
		if !ok {
			slot = len(m.order)
			m.keys[c.key] = slot
			m.order = append(m.order, c.key)
		}
		buf = binary.AppendUvarint(buf, uint64(slot))
		buf = append(buf, c.val.kind)
		buf = binary.AppendUvarint(buf, uint64(len(c.val.s)))
		buf = append(buf, c.val.s...)
	}
	return buf
}

// leftNote explains, in 口径说明, the rows left out of 明细; "" when none
// is.
func (cw *cityWriter) leftNote() string {
	for _, g := range cw.gaps {
		if g.n == 0 {
			continue
		}
		where := "在明细末尾各合并为一行"
		if cw.perUnit {
			where = "在各单位明细表合计行上方的“未逐项列出”一行中注明"
		}
		return "明细只列出各单位填报了数据或有判定结果的指标；各单位均未填报的指标（以及尚未到期、未填报本年进度的多年目标）" +
			"不逐个单位列出，" + where + "，未填报的指标并列入数据问题。排名表列出全部指标"
	}
	return ""
}

// cityCells keeps the units' cells (cityUnit.cells) in blocks of some
// thousand units, copied there from the slice work made among the garbage
// of judging, which a slice kept for each unit would keep from being given
// back.
type cityCells struct{ block []uint32 }

const cityCellsBlock = 1 << 16

func (c *cityCells) keep(cells []uint32) []uint32 {
	if len(cells) > cityCellsBlock/4 {
		return cells
	}
	if cap(c.block)-len(c.block) < len(cells) {
		c.block = make([]uint32, 0, cityCellsBlock)
	}
	n := len(c.block)
	c.block = append(c.block, cells...)
	return c.block[n : n+len(cells) : n+len(cells)]
}
