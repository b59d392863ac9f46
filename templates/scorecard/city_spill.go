package scorecard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// CitySpill is where a city scorecard keeps the 明细 rows of the units
// judged so far, to write them in rank order once every unit is judged:
// some 300 bytes a row (45 MB at 3,000 units × 50 indicators). The
// command line hands WriteCityScorecardStream a temporary file, so that
// they are not held in memory; nil keeps them in memory.
type CitySpill interface {
	io.Writer
	io.ReaderAt
}

// citySpan is where a unit's 明细 rows are in the spill.
type citySpan struct {
	off   int64
	n     int // bytes
	rows  int // rows made
	shown int // rows written (settle)
}

// citySpillWriter appends units' rows to a CitySpill.
type citySpillWriter struct {
	w   CitySpill
	off int64
	hdr []byte
	buf []byte // read back
}

// cityMemSpill keeps the rows in memory.
type cityMemSpill struct{ b []byte }

func (m *cityMemSpill) Write(p []byte) (int, error) {
	m.b = append(m.b, p...)
	return len(p), nil
}

func (m *cityMemSpill) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(m.b)) {
		return 0, io.EOF
	}
	n := copy(p, m.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// unit writes one unit's rows (made by cityRowMaker, styles numbered by
// keys) with the workbook's style of each key before them.
func (s *citySpillWriter) unit(styles *cityStyles, keys []cityStyleKey, rows []byte, nrows int) (citySpan, error) {
	s.hdr = binary.AppendUvarint(s.hdr[:0], uint64(len(keys)))
	for _, k := range keys {
		s.hdr = binary.AppendUvarint(s.hdr, uint64(styles.id(k)))
	}
	span := citySpan{off: s.off, n: len(s.hdr) + len(rows), rows: nrows, shown: nrows}
	if _, err := s.w.Write(s.hdr); err != nil {
		return span, fmt.Errorf("city scorecard: keeping 明细 rows: %w", err)
	}
	if _, err := s.w.Write(rows); err != nil {
		return span, fmt.Errorf("city scorecard: keeping 明细 rows: %w", err)
	}
	s.off += int64(span.n)
	return span, nil
}

// read returns the bytes of a unit's rows, valid until the next read.
func (s *citySpillWriter) read(span citySpan) ([]byte, error) {
	if cap(s.buf) < span.n {
		s.buf = make([]byte, span.n)
	}
	b := s.buf[:span.n]
	if n, err := s.w.ReadAt(b, span.off); n < len(b) {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("city scorecard: reading 明细 rows back: %w", err)
	}
	return b, nil
}

// citySpillRow is one 明细 row read back.
type citySpillRow struct {
	k      int // the result it shows
	blank  bool
	height float64
	cells  []citySpillCell
}

// citySpillCell is one cell read back: its workbook style, its kind
// (cityOutText, cityOutNumber) and its text, within the bytes read.
type citySpillCell struct {
	style int
	kind  uint8
	s     []byte
}

// cityEachRow calls fn with every row of a unit's bytes; the row and its
// cells are reused from call to call.
func cityEachRow(b []byte, ncols int, fn func(r *citySpillRow) error) error {
	bad := errors.New("city scorecard: 明细 rows read back are damaged")
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	nkeys, ok := uv()
	if !ok || nkeys > uint64(len(b)) {
		return bad
	}
	ids := make([]int, nkeys)
	for i := range ids {
		v, ok := uv()
		if !ok {
			return bad
		}
		ids[i] = int(v)
	}
	row := &citySpillRow{cells: make([]citySpillCell, ncols)}
	for len(b) > 0 {
		k, ok := uv()
		if !ok || len(b) < 9 {
			return bad
		}
		row.k, row.blank = int(k), b[0]&1 != 0
		row.height = math.Float64frombits(binary.LittleEndian.Uint64(b[1:9]))
		b = b[9:]
		for i := range row.cells {
			slot, ok := uv()
			if !ok || slot >= nkeys || len(b) < 1 {
				return bad
			}
			kind := b[0]
			b = b[1:]
			n, ok := uv()
			if !ok || n > uint64(len(b)) {
				return bad
			}
			row.cells[i] = citySpillCell{style: ids[slot], kind: kind, s: b[:n]}
			b = b[n:]
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}
