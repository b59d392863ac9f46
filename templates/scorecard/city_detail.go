package scorecard

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/xuri/excelize/v2"
)

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

// The kinds of a made 明细 cell: text, or a number written as its
// digits (cityDigits).
const (
	cityOutText uint8 = iota
	cityOutNumber
)

// cityOutVal is the value of a made 明细 cell.
type cityOutVal struct {
	kind uint8
	s    string
}

// cityOut is one made cell: its value and what decides its style.
type cityOut struct {
	key cityStyleKey
	val cityOutVal
}

// cityOutOf is the value of a scorecard cell: the digits of a number, as
// excelize writes the number cellNumber hands it (the shortest digits of
// the float, which for at most 15 significant digits are the decimal's
// own, trailing zeros dropped), or text — a decimal of more digits too,
// as cityNumber writes it.
func cityOutOf(c view.Cell) cityOutVal {
	if !c.Num {
		return cityOutVal{s: c.Text}
	}
	d := c.D
	switch {
	case d.NumDigits() > cell.ExcelDigits:
		return cityOutVal{s: d.String()}
	case d.Exponent() >= 0:
		return cityOutVal{kind: cityOutNumber, s: strconv.FormatInt(d.IntPart(), 10)}
	}
	return cityOutVal{kind: cityOutNumber, s: d.String()}
}

// cityMakeRowInto fills out with the cells of one indicator of one unit
// and returns the row's height, 0 for the default: wrapped text longer
// than its column makes the row tall enough to show it, up to Excel's
// highest row.
func cityMakeRowInto(out []cityOut, cols []cityDetailCol, a *eval.Assessment, row view.Row) float64 {
	height := 0.0
	for i, c := range cols {
		v := c.value(a, row)
		if c.wrap {
			if text := v.String(); cityDisplayWidth(text) > int(c.width)-8 {
				height = max(height, cityRowHeight(text, c.width-6))
			}
		}
		out[i] = cityOut{key: cityKeyOf(i, v), val: cityOutOf(v)}
	}
	return min(height, excelize.MaxRowHeight)
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
