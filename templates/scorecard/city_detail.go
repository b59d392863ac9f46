package scorecard

import (
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/xuri/excelize/v2"
)

// The rows of a 明细 sheet are made on a goroutine of their own while the
// calling goroutine hands the previous ones to the StreamWriter: at 3,000
// units the long 明细 has 150,000 rows, and making a row (its figures,
// their number formats, the height of its wrapped text) costs about as
// much as the StreamWriter's writing it. The goroutine reads only the
// assessments and computes values; everything that touches the workbook
// (styles, rows) stays on the calling goroutine, as excelize's File is
// not safe for concurrent use.

// cityBatchRows is the number of rows handed over at a time.
const cityBatchRows = 256

// cityStyleKey is what decides the style of a 明细 cell besides its column:
// whether it is a number and the number format that shows it, or whether
// it is the "-" of no value (centred where the column sets no alignment).
type cityStyleKey struct {
	col     int
	num     bool
	noValue bool
	signed  bool
	places  int32
	prefix  string
	suffix  string
}

func cityKeyOf(col int, c view.Cell) cityStyleKey {
	if c.Num {
		return cityStyleKey{col: col, num: true, signed: c.Signed, places: c.Places, prefix: c.Prefix, suffix: c.Suffix}
	}
	return cityStyleKey{col: col, noValue: c.Text == view.NoValue}
}

// cell is a cell of the key's kind, as far as scellStyle looks at it.
func (k cityStyleKey) cell() view.Cell {
	switch {
	case k.num:
		return view.Cell{Num: true, Places: k.places, Prefix: k.prefix, Suffix: k.suffix, Signed: k.signed}
	case k.noValue:
		return view.Text(view.NoValue)
	}
	return view.Text("")
}

// cityStyles gives the excelize style of each cityStyleKey, made once.
type cityStyles struct {
	b    *cityBook
	base []scStyle // the style of each column
	ids  map[cityStyleKey]int
}

func (s *cityStyles) id(k cityStyleKey) int {
	if id, ok := s.ids[k]; ok {
		return id
	}
	id := s.b.style(s.b.scellStyle(k.cell(), s.base[k.col]))
	if s.b.err == nil {
		s.ids[k] = id
	}
	return id
}

// cityDetailStyle is the style of a 明细 column before its cell's figure
// is known.
func cityDetailStyle(c cityDetailCol) scStyle {
	switch {
	case c.head == "完成情况" || c.head == "名次":
		return scStyle{border: true, halign: "center", bold: c.head == "完成情况"}
	case c.wrap:
		return scWrapStyle
	}
	return scBodyStyle
}

// cityOut is one made cell: its value and what decides its style.
type cityOut struct {
	key cityStyleKey
	val cityVal
}

// cityBatch is a run of made rows.
type cityBatch struct {
	n       int
	heights []float64
	cells   []cityOut // n rows of len(cols) cells
}

// detailRows writes a row for every result of every unit, in order.
func (b *cityBook) detailRows(s *cityStream, cols []cityDetailCol, units []*eval.Assessment) {
	styles := &cityStyles{b: b, base: make([]scStyle, len(cols)), ids: map[cityStyleKey]int{}}
	for i, c := range cols {
		styles.base[i] = cityDetailStyle(c)
	}
	ncols := len(cols)
	full := make(chan *cityBatch, 2)
	free := make(chan *cityBatch, 4)
	go func() {
		defer close(full)
		var batch *cityBatch
		for _, a := range units {
			for i := range a.Results {
				if batch == nil {
					select {
					case batch = <-free:
						batch.n = 0
					default:
						batch = &cityBatch{heights: make([]float64, cityBatchRows),
							cells: make([]cityOut, cityBatchRows*ncols)}
					}
				}
				row := view.MakeRow(a, i)
				out := batch.cells[batch.n*ncols : (batch.n+1)*ncols]
				batch.heights[batch.n] = cityMakeRow(out, cols, a, row)
				batch.n++
				if batch.n == cityBatchRows {
					full <- batch
					batch = nil
				}
			}
		}
		if batch != nil && batch.n > 0 {
			full <- batch
		}
	}()
	for batch := range full {
		for r := 0; r < batch.n; r++ {
			out := batch.cells[r*ncols : (r+1)*ncols]
			cells := s.cells(ncols)
			if b.err == nil {
				for i := range out {
					cells[i] = excelize.Cell{StyleID: styles.id(out[i].key), Value: out[i].val.any()}
				}
			}
			s.put(batch.heights[r], cells...)
		}
		clear(batch.cells) // let go of the strings
		select {
		case free <- batch:
		default:
		}
	}
}

// cityMakeRow fills out with the cells of one indicator of one unit and
// returns the row's height, 0 for the default: wrapped text longer than
// its column makes the row tall enough to show it.
func cityMakeRow(out []cityOut, cols []cityDetailCol, a *eval.Assessment, row view.Row) float64 {
	height := 0.0
	for i, c := range cols {
		v := c.value(a, row)
		if c.wrap {
			if text := v.String(); cityDisplayWidth(text) > int(c.width)-8 {
				height = max(height, cityRowHeight(text, c.width-6))
			}
		}
		out[i] = cityOut{key: cityKeyOf(i, v), val: cityValueOf(v)}
	}
	return height
}

// cityDisplayWidth is scDisplayWidth, faster for the text of a scorecard:
// ASCII and the common CJK ideographs and punctuation are counted without
// a look-up of the East Asian width table; any other rune is counted by
// DisplayWidth itself.
func cityDisplayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\t':
				n += 4
			case c < 0x20:
			default:
				n++
			}
			i++
			continue
		}
		if c >= 0xE3 && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three bytes from U+3000 up: Chinese text, decoded here.
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3000 && r <= 0x303E || r >= 0xFF01 && r <= 0xFF60 {
				n += 2
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303E, r >= 0xFF01 && r <= 0xFF60:
			n += 2 // CJK ideographs, CJK punctuation, fullwidth forms
		default:
			n += view.DisplayWidth(s[i : i+size])
		}
		i += size
	}
	return n
}

// cityRowHeight is scRowHeight counted with cityDisplayWidth.
func cityRowHeight(s string, w float64) float64 {
	lines := 0
	for {
		line, rest, found := strings.Cut(s, "\n")
		// Renderers differ in glyph width: count on 85% of the cell.
		lines += int(float64(cityDisplayWidth(line))/(w*0.85)) + 1
		if !found {
			break
		}
		s = rest
	}
	return float64(max(lines, 1))*14.5 + 4
}
