package read

import (
	"bytes"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// hostileTestAlloc runs fn and returns the bytes it allocated in all
// (TotalAlloc: garbage included, so the peak of the heap stays below it).
// The package's tests do not run in parallel, so the count is fn's.
func hostileTestAlloc(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileFiles reads the hostile files of fixture/hostile.go through
// Read, the front door: each is refused with one Chinese error naming the
// sheet and the row after which it is damaged (or the limit it passes),
// or read whole with a warning, never read short without a word; and what
// reading it allocates stays under a stated bound. Before the stream
// scanner, the XFD workbooks cost 2.5 GB (700 rows) or ran out of memory
// (3,000 rows), the empty shared strings 2.6 GB.
func TestHostileFiles(t *testing.T) {
	rs := rules.Default()
	var tpl bytes.Buffer
	if err := templates.FillTemplate(&tpl, rs, "", fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	tplActs, _, _ := Read("in.xlsx", tpl.Bytes(), rs, ImportOptions{})
	tplFigures := corpusFigures(tplActs)
	csv := func(size int64) func() ([]byte, error) {
		return func() ([]byte, error) {
			var b bytes.Buffer
			err := fixture.WriteHostileCSV(&b, size)
			return b.Bytes(), err
		}
	}
	lim := func(edit func(l *limits)) limits {
		l := tableLimits
		edit(&l)
		return l
	}
	tests := []struct {
		name    string
		data    func() ([]byte, error)
		lim     limits
		err     string // a part of the one error; "" when the file reads
		at      string // its position
		warning string // a part of a warning, for a file that reads
		figures map[string]map[string]string
		alloc   uint64 // bound on the bytes allocated reading it
	}{
		{name: "bureau table, a cell in column XFD on 3,000 rows", data: func() ([]byte, error) { return fixture.HostileXFDRows(3000) },
			lim: tableLimits, warning: "表格超过 256 列，XFD1 等右侧的单元格未读取", figures: fixture.CorpusWant(), alloc: 16 << 20},
		{name: "template, a cell in column XFD on 3,000 rows of 填报表", data: func() ([]byte, error) { return fixture.HostileTemplateXFD(3000) },
			lim: tableLimits, warning: "表格超过 256 列，XFD1 等右侧的单元格未读取", figures: tplFigures, alloc: 16 << 20},
		{name: "rows within the columns whose extent passes the grid's cells", data: func() ([]byte, error) { return fixture.HostileColumnRows(3000, "IV") },
			lim: lim(func(l *limits) { l.gridCells = 100_000 }),
			err: "工作表“主要指标”过大：读到第391行时，各行从 A 列算到最后一个单元格已超过 100000 个单元格", at: "in.xlsx: 主要指标", alloc: 16 << 20},
		{name: "shared strings past the count, empty ones", data: func() ([]byte, error) { return fixture.HostileSharedStrings(1<<20 + 1000) },
			lim: tableLimits, err: "工作簿的共享字符串表超过 1048576 项（包括空项），不予读取", at: "in.xlsx", alloc: 32 << 20},
		{name: "an undefined entity mid-sheet, bureau table", data: fixture.HostileEntity, lim: tableLimits,
			err: "工作表“主要指标”在第6行之后已损坏：单元格 A7 含有 XML 未定义的实体“&nbsp;”", at: "in.xlsx: 主要指标!A7", alloc: 8 << 20},
		{name: "an undefined entity mid-sheet, template", data: fixture.HostileTemplateEntity, lim: tableLimits,
			err: "工作表“填报表”在第9行之后已损坏：单元格 Z10 含有 XML 未定义的实体“&nbsp;”", at: "in.xlsx: 填报表!Z10", alloc: 8 << 20},
		{name: "merged ranges past the count", data: func() ([]byte, error) { return fixture.HostileMerges(70_000) }, lim: tableLimits,
			err: "工作表“主要指标”的合并单元格超过 65536 处，不予读取", at: "in.xlsx: 主要指标", alloc: 32 << 20},
		{name: "one merged range over the whole sheet", data: fixture.HostileMergeArea, lim: tableLimits,
			err: "工作表“主要指标”的合并单元格共覆盖超过 16777216 个单元格，不予读取", at: "in.xlsx: 主要指标", alloc: 8 << 20},
		{name: "CSV past the limit", data: csv(100 << 10), lim: lim(func(l *limits) { l.csvBytes = 64 << 10 }),
			err: "CSV 文件有 101 KiB，超过上限 64 KiB，不予读取", at: "in.xlsx", alloc: 1 << 20},
		{name: "CSV within the limit", data: csv(60 << 10), lim: lim(func(l *limits) { l.csvBytes = 64 << 10 }),
			figures: fixture.CorpusWant(), alloc: 8 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.data()
			if err != nil {
				t.Fatal(err)
			}
			var (
				acts eval.Actuals
				ds   rules.Diagnostics
			)
			alloc := hostileTestAlloc(func() { acts, ds, _ = readWith("in.xlsx", data, rs, ImportOptions{}, tt.lim) })
			if alloc > tt.alloc {
				t.Errorf("reading %d bytes allocated %d MB, bound %d MB", len(data), alloc>>20, tt.alloc>>20)
			}
			t.Logf("%d bytes read, %.1f MB allocated", len(data), float64(alloc)/(1<<20))
			if tt.err != "" {
				errs := ds.Errors()
				if len(ds) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Summary, tt.err) || errs[0].Pos.String() != tt.at || errs[0].Hint == "" {
					t.Fatalf("diagnostics:\n%v\nwant one error %q at %s, with a hint", ds, tt.err, tt.at)
				}
				return
			}
			if ds.HasErrors() {
				t.Fatalf("errors:\n%v", ds)
			}
			if got := corpusFigures(acts); !reflect.DeepEqual(got, tt.figures) {
				t.Errorf("figures differ:\n got %v\nwant %v", corpusSorted(got), corpusSorted(tt.figures))
			}
			found := tt.warning == ""
			for _, d := range acts.Problems {
				found = found || strings.Contains(d.Summary, tt.warning)
			}
			if !found {
				t.Errorf("want a warning %q, got:\n%v", tt.warning, acts.Problems)
			}
		})
	}
}

// TestHostileUnits: the multi-unit reader, on the same stream scanner,
// names the row after which a sheet is damaged too, and reads a long
// table whose 3,001 rows each hold a cell in column XFD within bounded
// memory (it allocated 1.2 GB before its rows were cut to the columns
// read).
func TestHostileUnits(t *testing.T) {
	rs := fixture.CityRules(t)
	entity, err := fixture.HostileEntity()
	if err != nil {
		t.Fatal(err)
	}
	_, ds := ReadUnits("in.xlsx", entity, rs, UnitsOptions{})
	errs := ds.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Summary, "工作表“主要指标”在第6行之后已损坏") {
		t.Errorf("want the damage reported once:\n%v", ds)
	}
	for _, d := range ds {
		if strings.Contains(d.Summary, "所有单位都没有指标") {
			t.Errorf("a damaged sheet's missing figures reported one by one: %v", d)
		}
	}
	var long bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&long, nil, 300, 10, 1); err != nil {
		t.Fatal(err)
	}
	xfd, err := fixture.HostileWithXFD(long.Bytes(), "xl/worksheets/sheet1.xml", 3001)
	if err != nil {
		t.Fatal(err)
	}
	var units []eval.Unit
	alloc := hostileTestAlloc(func() { units, ds = ReadUnits("in.xlsx", xfd, fixture.SyntheticRuleset(10), UnitsOptions{}) })
	t.Logf("%d bytes read, %.1f MB allocated", len(xfd), float64(alloc)/(1<<20))
	if alloc > 64<<20 {
		t.Errorf("reading allocated %d MB, bound 64 MB", alloc>>20)
	}
	if ds.HasErrors() || len(units) != 300 {
		t.Errorf("%d units, diagnostics:\n%v", len(units), ds)
	}
}
