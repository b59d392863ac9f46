package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/attain-tool/attain/rules"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/read"
	"github.com/attain-tool/attain/templates/scorecard"
	"github.com/attain-tool/attain/templates/view"
)

// unitsScorecard is evaluate --units --out FILE.xlsx: the units are read
// packed and judged as the scorecard is written (WriteCityScorecardStream),
// so that memory does not grow with their results; the 明细 rows wait in
// a temporary file for the ranks. The table, when --format asks for it,
// is printed from what the scorecard kept.
func (e *env) unitsScorecard(o evaluateOptions, rs *rules.Ruleset, opts read.UnitsOptions, eo eval.Options,
	sc scorecard.ScorecardOptions, render func(io.Writer, *eval.City) error) error {
	if err := cityColumnsFit(rs, opts.Rulesets); err != nil {
		return err
	}
	bar := newProgress(e.stderr)
	opts.MaxUnits = cityMaxUnits // refused as soon as the table names one more
	units, diags, err := readUnitsPacked(o.in, rs, opts, bar)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return &dataError{diags: diags}
	}
	if err := cityRowsFit(o.in, len(units)); err != nil {
		return err
	}
	debug.FreeOSMemory()
	spill, err := os.CreateTemp("", "attain-city-*.tmp")
	if err != nil {
		return &fileError{op: "创建临时文件", path: os.TempDir(), err: err}
	}
	// Unlinked at once where the system allows it, so that no interrupt
	// leaves it behind; elsewhere once closed.
	removed := os.Remove(spill.Name()) == nil
	defer func() {
		spill.Close()
		if !removed {
			os.Remove(spill.Name())
		}
	}()
	bar.step("评估")
	eo.Progress = bar.update
	eo.Release = true // units is not used again
	writing := false
	sc.Progress = func(done, total int) {
		if !writing {
			writing = true
			debug.FreeOSMemory()
			bar.done()
			bar.step("写出")
		}
		bar.update(done, total)
	}
	var out *scorecard.CityOutline
	err = writeAtomic(o.out, func(w io.Writer) error {
		var err error
		out, err = scorecard.WriteCityScorecardStream(w, units, scorecard.CityStreamOptions{Scorecard: sc, Eval: eo,
			Problems: diags, Spill: spill})
		return err
	})
	bar.done()
	if err != nil {
		return err
	}
	if o.format != "table" {
		printWarnings(e.stderr, out.City.Problems)
		printCityOutline(e.stderr, out, o.out)
		return nil // the result is the file --format agreed with
	}
	if err := e.print(o.format, func(w io.Writer) error { return render(w, out.City) }); err != nil {
		return err
	}
	printCityOutline(e.stderr, out, o.out)
	return nil
}

// readUnitsPacked reads the units of path packed, with a progress bar: a
// workbook where it lies (a 12,000-unit table is 16 MB, as much as the
// figures packed), anything else read whole.
func readUnitsPacked(path string, rs *rules.Ruleset, opts read.UnitsOptions, bar *progress) ([]eval.PackedUnit, rules.Diagnostics, error) {
	f, size, err := openWorkbook(path)
	if err != nil {
		return nil, nil, err
	}
	var data []byte
	if f == nil {
		if data, err = readInput(path); err != nil {
			return nil, nil, err
		}
	} else {
		defer f.Close()
	}
	bar.step("读取")
	opts.Progress = bar.update
	var units []eval.PackedUnit
	var diags rules.Diagnostics
	if f != nil {
		units, diags = read.ReadUnitsPackedAt(path, f, size, rs, opts)
	} else {
		units, diags = read.ReadUnitsPacked(path, data, rs, opts)
	}
	bar.done()
	return units, diags, nil
}

// cityColumnsFit refuses, before anything is read, rulesets whose 排名
// would pass Excel's columns: 名次, 单位, 总分, 得分率, 等级, an indicator a
// column, 说明.
func cityColumnsFit(rs *rules.Ruleset, own map[string]*rules.Ruleset) error {
	ids := map[string]bool{}
	for _, r := range append([]*rules.Ruleset{rs}, mapValues(own)...) {
		if r == nil {
			continue
		}
		for _, ind := range r.Indicators {
			ids[ind.ID] = true
		}
	}
	if cols := 6 + len(ids); cols > cell.MaxCols {
		return dataErrorf("规则集共有%d项指标，排名表每项指标一列，共需%d列，超过 Excel 工作表的 %d 列；"+
			"请拆分规则集分别评估，或用 --out 输出 .csv 或 .json", len(ids), cols, cell.MaxCols)
	}
	return nil
}

// cityMaxUnits is the most units a city scorecard holds: 排名 has a row
// for each below its three heading rows. A variable for tests.
var cityMaxUnits = cell.MaxRows - 3

// cityRowsFit refuses, before any unit is judged, more units than 排名
// has rows for (a title, a subtitle and a header, then a unit a row). The
// long 明细 goes on in 明细(2) … instead.
func cityRowsFit(in string, units int) error {
	if rows := units + 3; units > cityMaxUnits {
		return dataErrorf("%s 有%d个单位，排名表每个单位一行，共需%d行，超过 Excel 工作表的 %d 行；"+
			"请分批评估（按地区拆分输入），或用 --out 输出 .csv 或 .json", in, units, rows, cell.MaxRows)
	}
	return nil
}

func mapValues(m map[string]*rules.Ruleset) []*rules.Ruleset {
	out := make([]*rules.Ruleset, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// printCityOutline is printCitySummary for what a streamed scorecard kept.
func printCityOutline(w io.Writer, o *scorecard.CityOutline, out string) {
	s := o.City.Summary()
	line := fmt.Sprintf("attain: 评估%d个单位、每个单位%d项指标", s.Units, o.Indicators)
	for _, n := range s.Statuses {
		if n.Status == eval.NoData && n.Count > 0 {
			line += fmt.Sprintf("，无数据%d项次", n.Count)
		}
	}
	// As many as 数据问题 lists: the reader's and each unit's.
	line += fmt.Sprintf("，数据问题%d条", len(view.CityProblems(o.City)))
	if out != "" {
		line += "；已写入 " + out
	}
	fmt.Fprintln(w, safeText(line))
}
