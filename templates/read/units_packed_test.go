package read

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestReadUnitsPacked reads workbooks of every layout, with targets and a
// long table naming units on rows far apart, with ReadUnits and with
// ReadUnitsPacked, and finds the same units, figures, positions,
// problems and diagnostics.
func TestReadUnitsPacked(t *testing.T) {
	rs := fixture.CityRules(t)
	fg := fixture.CityTestFigures()
	targets, tdiags := ReadTargets("targets.xlsx", fixture.CityTargetsBook(t, false), rs)
	if tdiags.HasErrors() {
		t.Fatal(tdiags)
	}
	// Units met again further down, a duplicate across the gap, a row
	// for an unknown indicator, a missing indicator.
	apart := fixture.NewCityBook(t, "数据")
	apart.Row("数据", 1, "单位", "指标编码", "本年增速(%)", "本年实际值", "是否完成")
	apart.Row("数据", 2, "红旗区", "gdp_growth", "8.6")
	apart.Row("数据", 3, "", "new_urban_jobs", "", "12000")
	apart.Row("数据", 4, "卫滨区", "gdp_growth", "8.1")
	apart.Row("数据", 5, "", "no_such", "1")
	apart.Row("数据", 6, "红旗区", "pm25", "", "52")
	apart.Row("数据", 7, "卫滨区", "safety", "", "", "否")
	apart.Row("数据", 8, "红旗区", "gdp_growth", "8.7")
	var gen bytes.Buffer
	synth := fixture.SyntheticRuleset(10)
	if err := fixture.GenerateUnitsWorkbook(&gen, synth, 60, 10, 5); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		rs   *rules.Ruleset
		opts UnitsOptions
	}{
		{"long", fixture.CityLongBook(t, fg), rs, UnitsOptions{}},
		{"long with targets", fixture.CityLongBook(t, fg), rs, UnitsOptions{Targets: targets}},
		{"units named apart", apart.Bytes(), rs, UnitsOptions{}},
		{"columns", unitsColumnsBook(t, fg), rs, UnitsOptions{}},
		{"sheets", unitsSheetsBook(t, fg), rs, UnitsOptions{}},
		{"generated", gen.Bytes(), synth, UnitsOptions{}},
		{"not a workbook", []byte("PK no"), rs, UnitsOptions{}},
		{"csv", []byte("单位,指标编码,本年增速(%),本年实际值\n红旗区,gdp_growth,8.6,\n卫滨区,gdp_growth,8.1,\n,new_urban_jobs,,12000\n"), rs, UnitsOptions{}},
		{"empty", nil, rs, UnitsOptions{}},
	}
	decimalsIdentical := cmp.Comparer(func(a, b decimal.Decimal) bool {
		return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, wantDiags := ReadUnits("units.xlsx", tc.data, tc.rs, tc.opts)
			packed, diags := ReadUnitsPacked("units.xlsx", tc.data, tc.rs, tc.opts)
			if d := cmp.Diff(wantDiags, diags); d != "" {
				t.Errorf("diagnostics (-ReadUnits +ReadUnitsPacked):\n%s", d)
			}
			got := make([]eval.Unit, 0, len(packed))
			if want == nil {
				got = nil
			}
			for i, p := range packed {
				rs := p.Ruleset
				if w := want[i].Ruleset; rs != w && rs.Entity != w.Entity {
					// shared where ReadUnits names the unit in a copy
					c := *rs
					c.Entity, rs = w.Entity, &c
				}
				got = append(got, eval.Unit{Name: p.Name, Ruleset: rs, Actuals: p.Actuals.Unpack()})
			}
			if d := cmp.Diff(want, got, decimalsIdentical); d != "" {
				t.Errorf("units (-ReadUnits +ReadUnitsPacked):\n%s", d)
			}
			// Read where it lies, the same units and diagnostics; a
			// workbook is never read whole at once.
			at := &piecewise{data: tc.data}
			atUnits, atDiags := ReadUnitsPackedAt("units.xlsx", at, int64(len(tc.data)), tc.rs, tc.opts)
			if d := cmp.Diff(diags, atDiags); d != "" {
				t.Errorf("diagnostics (-ReadUnitsPacked +ReadUnitsPackedAt):\n%s", d)
			}
			if len(atUnits) != len(packed) {
				t.Fatalf("ReadUnitsPackedAt: %d units, want %d", len(atUnits), len(packed))
			}
			for i := range packed {
				a, b := packed[i], atUnits[i]
				if a.Name != b.Name || a.Ruleset != b.Ruleset && !cmp.Equal(a.Ruleset, b.Ruleset) {
					t.Errorf("unit %d: %s, want %s", i, b.Name, a.Name)
				}
				if d := cmp.Diff(a.Actuals.Unpack(), b.Actuals.Unpack(), decimalsIdentical); d != "" {
					t.Errorf("unit %d (-ReadUnitsPacked +ReadUnitsPackedAt):\n%s", i, d)
				}
			}
			if Sniff(tc.data) == FormatXLSX && len(tc.data) > 16<<10 && at.largest*2 > len(tc.data) {
				t.Errorf("a read of %d bytes of a %d-byte workbook", at.largest, len(tc.data))
			}
		})
	}
}

// piecewise is a file read through ReadAt, minding the largest read.
type piecewise struct {
	data    []byte
	largest int
}

func (p *piecewise) ReadAt(b []byte, off int64) (int, error) {
	p.largest = max(p.largest, len(b))
	return bytes.NewReader(p.data).ReadAt(b, off)
}

// TestReadUnitsMaxUnits stops a long table at the first unit past
// MaxUnits, with an error at the cell naming it, and reads no further (a
// row further down naming an unknown indicator is not reported); a table
// within the limit reads as without one.
func TestReadUnitsMaxUnits(t *testing.T) {
	rs := fixture.CityRules(t)
	var b strings.Builder
	b.WriteString("单位,指标编码,本年增速(%)\n")
	for i := range 10 {
		fmt.Fprintf(&b, "单位%02d,gdp_growth,8.%d\n", i+1, i)
		if i == 7 {
			fmt.Fprintf(&b, ",no_such,1\n")
		}
	}
	csvData := []byte(b.String())
	book := fixture.NewCityBook(t, "数据")
	book.Row("数据", 1, "单位", "指标编码", "本年增速(%)")
	for i := range 10 {
		book.Row("数据", i+2, fmt.Sprintf("单位%02d", i+1), "gdp_growth", fmt.Sprintf("8.%d", i))
	}
	tests := []struct {
		name, file string
		data       []byte
		max        int
		where      string // the cell of the error, "" for none
	}{
		{"csv past the limit", "units.csv", csvData, 5, "units.csv:7:1"},
		{"xlsx past the limit", "units.xlsx", book.Bytes(), 3, "units.xlsx: 数据!A5"},
		{"csv at the limit", "units.csv", csvData, 10, ""},
		{"no limit", "units.xlsx", book.Bytes(), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, read := range []func() rules.Diagnostics{
				func() rules.Diagnostics {
					_, d := ReadUnits(tc.file, tc.data, rs, UnitsOptions{MaxUnits: tc.max})
					return d
				},
				func() rules.Diagnostics {
					_, d := ReadUnitsPacked(tc.file, tc.data, rs, UnitsOptions{MaxUnits: tc.max})
					return d
				},
			} {
				diags := read()
				errs := diags.Errors()
				if tc.where == "" {
					if len(errs) > 0 {
						t.Fatalf("errors %v", errs)
					}
					continue
				}
				if len(errs) != 1 || errs[0].Pos.String() != tc.where ||
					!strings.Contains(errs[0].Summary, fmt.Sprintf("单位超过%d个，读到这里已是第%d个", tc.max, tc.max+1)) {
					t.Fatalf("errors %v, want one at %s", errs, tc.where)
				}
				for _, d := range diags {
					if strings.Contains(d.Summary, "no_such") {
						t.Errorf("read past the limit: %v", d)
					}
				}
			}
		})
	}
}

// failingAt is a file whose reads fail past off.
type failingAt struct {
	data []byte
	off  int64
}

func (f failingAt) ReadAt(b []byte, off int64) (int, error) {
	if off+int64(len(b)) > f.off {
		return 0, fmt.Errorf("input/output error")
	}
	return bytes.NewReader(f.data).ReadAt(b, off)
}

// TestReadUnitsPackedAtReadError words a file that cannot be read, at its
// start or within a workbook, as a problem of the file, not a crash.
func TestReadUnitsPackedAtReadError(t *testing.T) {
	rs := fixture.SyntheticRuleset(10)
	var gen bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&gen, rs, 60, 10, 5); err != nil {
		t.Fatal(err)
	}
	book := gen.Bytes()
	tests := []struct {
		name string
		at   failingAt
		want string
	}{
		{"at the start", failingAt{book, 0}, "读取文件出错（input/output error）"},
		{"a CSV read whole", failingAt{[]byte("单位,指标编码\n红旗区,gdp_growth\n"), 10}, "读取文件出错"},
		{"within the workbook", failingAt{book, int64(len(book)) - 64}, "读取文件出错（input/output error）"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			units, diags := ReadUnitsPackedAt("units.xlsx", tc.at, int64(len(tc.at.data)), rs, UnitsOptions{})
			errs := diags.Errors()
			if len(errs) == 0 || !strings.Contains(errs[0].Summary, tc.want) || errs[0].Pos.File != "units.xlsx" {
				t.Fatalf("%d units, errors %v; want one saying %q", len(units), errs, tc.want)
			}
		})
	}
}
