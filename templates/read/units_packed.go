package read

import (
	"io"
	"slices"

	"github.com/attain-tool/attain/templates/cell"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// ReadUnitsPacked is ReadUnits with every unit's actuals packed
// (eval.PackTable), for eval.EvaluateUnitsStream: a long table of 12,000
// units × 50 indicators is held as some 20 bytes a figure instead of 600.
// Each unit of a long table is packed as soon as the next row names
// another unit, and unpacked again in the rare table that names it again
// further down; the units of the other layouts are packed once read. The
// units, their figures, positions and problems, and the diagnostics are
// those of ReadUnits (TestReadUnitsPacked), but for a unit whose targets
// are all the shared ones: it shares the ruleset, where ReadUnits gives
// it a copy that names it as its entity.
func ReadUnitsPacked(name string, data []byte, rs *rules.Ruleset, opts UnitsOptions) (units []eval.PackedUnit, diags rules.Diagnostics) {
	return readUnitsPacked(name, unitsSource{data: data}, rs, opts)
}

// ReadUnitsPackedAt is ReadUnitsPacked on a file of size bytes read
// through r (an open file): a workbook is read where it lies, each sheet
// streamed out of it, so that the file is not held in memory beside the
// units' figures (16 MB at 12,000 units × 50 indicators, more than the
// figures packed). Any other input (a CSV file, an encrypted workbook) is
// read whole first, as ReadUnitsPacked reads it.
func ReadUnitsPackedAt(name string, r io.ReaderAt, size int64, rs *rules.Ruleset, opts UnitsOptions) ([]eval.PackedUnit, rules.Diagnostics) {
	return readUnitsPacked(name, unitsSource{at: r, size: size}, rs, opts)
}

func readUnitsPacked(name string, src unitsSource, rs *rules.Ruleset, opts UnitsOptions) (units []eval.PackedUnit, diags rules.Diagnostics) {
	defer func() {
		if p := recover(); p != nil {
			units = nil
			diags = rules.Diagnostics{{Pos: rules.Pos{File: name}, Summary: "无法读取工作簿：文件结构异常",
				Hint: "在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"}}
		}
	}()
	table := eval.NewPackTable()
	plain, diags, entries := readUnitsPacking(name, src, rs, opts, table)
	units = make([]eval.PackedUnit, len(plain))
	u := &unitsReader{pack: table}
	for i, pu := range plain {
		e := entries[i]
		// assemble gave the unit its problems; a unit read last, or
		// made by assemble, is not packed yet.
		e.acts.Problems = pu.Actuals.Problems
		u.park(e)
		e.parked.Problems = pu.Actuals.Problems
		units[i] = eval.PackedUnit{Name: pu.Name, Ruleset: cityShared(pu.Ruleset, e.rs), Actuals: e.parked}
		e.parked, e.has, e.bare = nil, nil, nil
	}
	return units, diags
}

// cityShared is the ruleset a unit is judged by: the one it was given
// (shared, or its own) when the targets table changed none of its
// indicators, rather than the copy Ruleset.WithTargets made to name the
// unit as its entity (some 700 bytes a unit); the unit's assessment is
// named by the unit all the same.
func cityShared(judged, given *rules.Ruleset) *rules.Ruleset {
	if given == nil || !slices.Equal(judged.Indicators, given.Indicators) {
		return judged
	}
	return given
}

// park packs the figures of e once its rows are read; nil, a unit already
// packed and any unit when the reader does not pack are left alone.
func (u *unitsReader) park(e *unitsEntry) {
	if e == nil || e.parked != nil || u.pack == nil {
		return
	}
	if e.rs != nil {
		e.has = make([]uint64, (len(e.rs.Indicators)+63)/64)
		for k, ind := range e.rs.Indicators {
			row, ok := e.seen[ind.ID]
			if !ok {
				continue
			}
			e.has[k/64] |= 1 << (k % 64)
			if a := e.acts.Values[ind.ID]; a == nil || len(a.Sources) == 0 || unitsRowOf(a) != row {
				e.bare = append(e.bare, [2]int32{int32(k), int32(row)})
			}
		}
	}
	e.parked = u.pack.Pack(e.acts)
	e.acts.Values, e.seen = nil, nil
}

// unitsRowOf is the row of an Actual's first source cell, 0 for none.
func unitsRowOf(a *eval.Actual) int {
	_, row, ok := cell.ParseA1(a.Sources[0].Pos.Cell)
	if !ok {
		return 0
	}
	return row
}

// resume unpacks the figures of a unit named again after others.
func (u *unitsReader) resume(e *unitsEntry) {
	if e.parked == nil {
		return
	}
	e.acts = e.parked.Unpack()
	e.seen = make(map[string]int, e.parked.Len())
	if e.rs != nil {
		for k, ind := range e.rs.Indicators {
			if e.has[k/64]&(1<<(k%64)) == 0 {
				continue
			}
			if a := e.acts.Values[ind.ID]; a != nil && len(a.Sources) > 0 {
				e.seen[ind.ID] = unitsRowOf(a)
			}
		}
		for _, b := range e.bare {
			e.seen[e.rs.Indicators[b[0]].ID] = int(b[1])
		}
	}
	e.parked, e.has, e.bare = nil, nil, nil
}

// has says whether e has a row for id, the indicator at position k of its
// ruleset.
func (e *unitsEntry) hasAt(k int, id string) bool {
	if e.parked != nil {
		return e.has[k/64]&(1<<(k%64)) != 0
	}
	return e.acts.Values[id] != nil
}

// empty says whether e has no rows at all.
func (e *unitsEntry) empty() bool {
	if e.parked != nil {
		return e.parked.Len() == 0
	}
	return len(e.acts.Values) == 0
}
