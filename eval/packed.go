package eval

import (
	"encoding/binary"
	"strconv"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// A city of 12,000 units × 50 indicators reads 600,000 Actuals. As
// structs each costs some 600 bytes (the struct, a source list of up to
// three 80-byte positions, three big.Int figures, a map entry): 360 MB
// before anything is judged. Packed, an Actual is a record of 10 to 40
// bytes: the figures as integer coefficients and exponents, the positions
// as the column and row of a cell, the strings (ids, file and sheet names,
// dates) held once in a PackTable shared by every unit. Unpack gives back
// the Actuals field for field (TestPackActualsRoundTrip).

// PackTable holds the strings of packed actuals once for every unit
// packed with it. Packing adds to it, so Pack must not run concurrently
// with anything else on the table; Unpack only reads it, and any number
// of Unpacks may run at once.
type PackTable struct {
	strs  []string
	index map[string]uint32
}

// NewPackTable returns an empty table.
func NewPackTable() *PackTable {
	return &PackTable{index: map[string]uint32{}}
}

func (t *PackTable) id(s string) uint32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.index[s] = i
	return i
}

// PackedActuals is one unit's Actuals, packed by PackTable.Pack.
type PackedActuals struct {
	Entity   string
	Year     int
	File     string
	Problems rules.Diagnostics
	n        int // values
	data     []byte
	extra    []string // rare strings of this unit only: long coefficients, odd cell names
	table    *PackTable
}

// Len is the number of indicators with an Actual.
func (p *PackedActuals) Len() int {
	if p == nil {
		return 0
	}
	return p.n
}

// The flags of a packed Actual.
const (
	packIDDiffers = 1 << iota // Actual.ID is not its key in Values
	packLevel
	packPrev
	packGrowth
	packRank
	packDone
	packDoneTrue
	packDate
)

// The flags of a packed position.
const (
	posSameSheet = 1 << iota // File and Sheet as the previous position
	posLineCol               // Line or Col set
	posCellA1                // Cell is a plain A1 reference: column and row follow
	posCellText              // Cell is anything else: an extra string follows
	posRowDelta              // the row follows as the difference from the previous one
)

// packFields numbers the fields a bureau reports; any other
// (packOtherField) is a string. A position's first byte holds the number
// of its field above its posFlagBits flags.
var packFields = []Field{FieldLevel, FieldPrevLevel, FieldGrowth, FieldRank, FieldDone, FieldDate}

const (
	posFlagBits    = 5
	packOtherField = 6 // < 1<<(8-posFlagBits), > len(packFields)-1
)

// Pack packs a. The Actuals may be dropped afterwards: nothing of a is
// kept but its strings (shared) and Problems.
func (t *PackTable) Pack(a Actuals) *PackedActuals {
	p := &PackedActuals{Entity: a.Entity, Year: a.Year, File: a.File, Problems: a.Problems, n: len(a.Values), table: t}
	w := packWriter{t: t, p: p, buf: make([]byte, 0, 24*len(a.Values))}
	for key, act := range a.Values {
		w.actual(key, act)
	}
	p.data = w.buf
	if cap(p.data) > len(p.data)+16 {
		p.data = append([]byte(nil), p.data...) // give back the slack: held for every unit
	}
	return p
}

type packWriter struct {
	t       *PackTable
	p       *PackedActuals
	buf     []byte
	prev    rules.Pos // the previous position written, for posSameSheet
	prevRow int       // its row, when a plain A1 reference (posRowDelta)
}

func (w *packWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

func (w *packWriter) str(s string) { w.uvarint(uint64(w.t.id(s))) }

func (w *packWriter) extra(s string) {
	w.uvarint(uint64(len(w.p.extra)))
	w.p.extra = append(w.p.extra, s)
}

func (w *packWriter) actual(key string, a *Actual) {
	var flags byte
	if a.ID != key {
		flags |= packIDDiffers
	}
	for _, f := range []struct {
		d    decimal.NullDecimal
		flag byte
	}{{a.Level, packLevel}, {a.PrevLevel, packPrev}, {a.Growth, packGrowth}} {
		if f.d.Valid {
			flags |= f.flag
		}
	}
	if a.Rank != 0 {
		flags |= packRank
	}
	if a.Done != nil {
		flags |= packDone
		if *a.Done {
			flags |= packDoneTrue
		}
	}
	if a.Date != "" {
		flags |= packDate
	}
	w.str(key)
	w.buf = append(w.buf, flags)
	if flags&packIDDiffers != 0 {
		w.str(a.ID)
	}
	for _, d := range []decimal.NullDecimal{a.Level, a.PrevLevel, a.Growth} {
		if d.Valid {
			w.decimal(d.Decimal)
		}
	}
	if a.Rank != 0 {
		w.buf = binary.AppendVarint(w.buf, int64(a.Rank))
	}
	if a.Date != "" {
		w.str(a.Date)
	}
	w.uvarint(uint64(len(a.Sources)))
	for _, s := range a.Sources {
		w.source(s)
	}
}

// decimal writes d as its exponent and its coefficient: an integer when
// it has at most 18 digits, else its digits.
func (w *packWriter) decimal(d decimal.Decimal) {
	exp := int64(d.Exponent())
	if d.NumDigits() <= 18 {
		w.buf = binary.AppendVarint(w.buf, exp<<1)
		w.buf = binary.AppendVarint(w.buf, d.CoefficientInt64())
		return
	}
	w.buf = binary.AppendVarint(w.buf, exp<<1|1)
	w.extra(d.Coefficient().String())
}

func (w *packWriter) source(s Source) {
	code := byte(packOtherField)
	for i, f := range packFields {
		if f == s.Field {
			code = byte(i)
		}
	}
	pos := s.Pos
	var flags byte
	if pos.File == w.prev.File && pos.Sheet == w.prev.Sheet {
		flags |= posSameSheet
	}
	if pos.Line != 0 || pos.Col != 0 {
		flags |= posLineCol
	}
	col, row, a1 := packParseA1(pos.Cell)
	switch {
	case a1 && w.prevRow > 0 && flags&posSameSheet != 0:
		flags |= posCellA1 | posRowDelta
	case a1:
		flags |= posCellA1
	case pos.Cell != "":
		flags |= posCellText
	}
	w.buf = append(w.buf, code<<posFlagBits|flags)
	if code == packOtherField {
		w.str(string(s.Field))
	}
	if flags&posSameSheet == 0 {
		w.str(pos.File)
		w.str(pos.Sheet)
	}
	if flags&posLineCol != 0 {
		w.buf = binary.AppendVarint(w.buf, int64(pos.Line))
		w.buf = binary.AppendVarint(w.buf, int64(pos.Col))
	}
	switch {
	case flags&posRowDelta != 0:
		w.uvarint(uint64(col))
		w.buf = binary.AppendVarint(w.buf, int64(row-w.prevRow))
	case a1:
		w.uvarint(uint64(col))
		w.uvarint(uint64(row))
	case pos.Cell != "":
		w.extra(pos.Cell)
	}
	w.prev, w.prevRow = pos, 0
	if a1 {
		w.prevRow = row
	}
}

// Unpack returns the Actuals that were packed, each Actual, figure and
// position as it was; the Values map and its Actuals are new.
func (p *PackedActuals) Unpack() Actuals {
	if p == nil {
		return Actuals{}
	}
	a := Actuals{Entity: p.Entity, Year: p.Year, File: p.File, Problems: p.Problems}
	if p.table == nil { // packed from nothing
		return a
	}
	a.Values = make(map[string]*Actual, p.n)
	acts := make([]Actual, p.n)
	r := packReader{p: p}
	for i := range acts {
		key := r.actual(&acts[i])
		a.Values[key] = &acts[i]
	}
	return a
}

type packReader struct {
	p       *PackedActuals
	off     int
	prev    rules.Pos
	prevRow int
}

func (r *packReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.p.data[r.off:])
	r.off += n
	return v
}

func (r *packReader) varint() int64 {
	v, n := binary.Varint(r.p.data[r.off:])
	r.off += n
	return v
}

func (r *packReader) byte() byte {
	b := r.p.data[r.off]
	r.off++
	return b
}

func (r *packReader) str() string { return r.p.table.strs[r.uvarint()] }

func (r *packReader) extra() string { return r.p.extra[r.uvarint()] }

func (r *packReader) decimal() decimal.NullDecimal {
	head := r.varint()
	exp := int32(head >> 1)
	if head&1 == 0 {
		return decimal.NewNullDecimal(decimal.New(r.varint(), exp))
	}
	d, err := decimal.NewFromString(r.extra())
	if err != nil { // cannot happen: the digits of a coefficient
		panic("eval: packed coefficient: " + err.Error())
	}
	return decimal.NewNullDecimal(decimal.NewFromBigInt(d.Coefficient(), exp))
}

// actual reads one Actual into a and returns its key.
func (r *packReader) actual(a *Actual) string {
	key := r.str()
	flags := r.byte()
	a.ID = key
	if flags&packIDDiffers != 0 {
		a.ID = r.str()
	}
	if flags&packLevel != 0 {
		a.Level = r.decimal()
	}
	if flags&packPrev != 0 {
		a.PrevLevel = r.decimal()
	}
	if flags&packGrowth != 0 {
		a.Growth = r.decimal()
	}
	if flags&packRank != 0 {
		a.Rank = int(r.varint())
	}
	if flags&packDone != 0 {
		v := flags&packDoneTrue != 0
		a.Done = &v
	}
	if flags&packDate != 0 {
		a.Date = r.str()
	}
	if n := int(r.uvarint()); n > 0 {
		a.Sources = make(Sources, n)
		for i := range a.Sources {
			a.Sources[i] = r.source()
		}
	}
	return key
}

func (r *packReader) source() Source {
	var s Source
	head := r.byte()
	if code := head >> posFlagBits; code == packOtherField {
		s.Field = Field(r.str())
	} else {
		s.Field = packFields[code]
	}
	flags := head & (1<<posFlagBits - 1)
	pos := rules.Pos{File: r.prev.File, Sheet: r.prev.Sheet}
	if flags&posSameSheet == 0 {
		pos.File, pos.Sheet = r.str(), r.str()
	}
	if flags&posLineCol != 0 {
		pos.Line, pos.Col = int(r.varint()), int(r.varint())
	}
	prevRow := r.prevRow
	r.prevRow = 0
	switch {
	case flags&posCellA1 != 0:
		col := int(r.uvarint())
		row := prevRow
		if flags&posRowDelta != 0 {
			row += int(r.varint())
		} else {
			row = int(r.uvarint())
		}
		pos.Cell = packColName(col) + strconv.Itoa(row)
		r.prevRow = row
	case flags&posCellText != 0:
		pos.Cell = r.extra()
	}
	s.Pos = pos
	r.prev = pos
	return s
}

// packParseA1 reads a plain A1 reference ("F123": one to three capital
// letters, then a row from 1 without leading zeros), giving its 0-based
// column; ok is false for anything else, which is kept as text.
func packParseA1(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && i < 3 && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A') + 1
		i++
	}
	if i == 0 || i == len(s) || s[i] == '0' || len(s)-i > 9 {
		return 0, 0, false
	}
	for _, c := range s[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	return col - 1, row, true
}

// packColName is the letters of a 0-based column.
func packColName(col int) string {
	var b [4]byte
	i := len(b)
	for col++; col > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:])
}

// EachReported calls fn with the key of every Actual that has a figure
// (a level, last year's level, a growth rate, a rank, 是/否 or a date),
// without unpacking anything.
func (p *PackedActuals) EachReported(fn func(id string)) {
	if p == nil || p.table == nil {
		return
	}
	r := packReader{p: p}
	for range p.n {
		key := r.str()
		flags := r.byte()
		if flags&packIDDiffers != 0 {
			r.uvarint()
		}
		for _, f := range []byte{packLevel, packPrev, packGrowth} {
			if flags&f != 0 {
				if r.varint()&1 == 0 {
					r.varint()
				} else {
					r.uvarint()
				}
			}
		}
		if flags&packRank != 0 {
			r.varint()
		}
		if flags&packDate != 0 {
			r.uvarint()
		}
		for range r.uvarint() {
			r.skipSource()
		}
		if flags&^packIDDiffers != 0 {
			fn(key)
		}
	}
}

// skipSource reads past one position.
func (r *packReader) skipSource() {
	head := r.byte()
	if head>>posFlagBits == packOtherField {
		r.uvarint()
	}
	flags := head & (1<<posFlagBits - 1)
	if flags&posSameSheet == 0 {
		r.uvarint()
		r.uvarint()
	}
	if flags&posLineCol != 0 {
		r.varint()
		r.varint()
	}
	switch {
	case flags&posCellA1 != 0:
		r.uvarint()
		r.uvarint() // a varint when posRowDelta: the same bytes to skip
	case flags&posCellText != 0:
		r.uvarint()
	}
}
