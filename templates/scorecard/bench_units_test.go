package scorecard

// Benchmarks of a whole city at scale, in this process, run by
//
//	go test ./templates/scorecard -run '^$' -bench 'City|Floor' -benchtime 3x -benchmem
//
// BenchmarkCity/units=N reads a generated long table of N units × 50
// indicators (ReadUnitsPacked), judges it and writes the city scorecard
// (WriteCityScorecardStream, its 明细 rows in a temporary file), as
// evaluate --units --out FILE.xlsx does. BenchmarkFloor/units=N does what
// excelize alone must do for the same volume (bench_floor_test.go): read
// every cell of the same workbook with the row iterator, and write with
// the StreamWriter as many rows, cells and bytes of sheet XML as the
// scorecard holds. BenchmarkCity also runs the floor after each
// iteration, untimed, and reports its time as a ratio (x-floor), so that
// the ratio is measured in the same run on the same machine. The
// comparison of the attain binary with the floor and an openpyxl peer, as
// processes, is BenchmarkPeer (bench_peer_test.go).
//
// Extra metrics: cpu-ms/op (user + system CPU of the process), the wall
// time of each phase, peak-heap-MB (heap objects, live and not yet
// collected, sampled every millisecond) and peak-mem-MB (memory the Go
// runtime holds from the OS, the closest to resident memory; it is
// returned to the OS before each iteration so that runs do not inherit
// each other's peaks).

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// benchSizes are the unit counts benchmarked, with 50 indicators each:
// a city, a province, a country.
var benchSizes = []int{12, 150, 3000}

const benchIndicators = 50

var (
	benchOnce  sync.Mutex
	benchBooks = map[int][]byte{}
)

// benchBook returns the generated workbook of n units, made once.
func benchBook(b testing.TB, n int) []byte {
	benchOnce.Lock()
	defer benchOnce.Unlock()
	if data, ok := benchBooks[n]; ok {
		return data
	}
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, fixture.SyntheticRuleset(benchIndicators), n, benchIndicators, 2019); err != nil {
		b.Fatal(err)
	}
	benchBooks[n] = buf.Bytes()
	return buf.Bytes()
}

// benchPeak samples the memory of the process until stopped.
type benchPeak struct {
	stop, done chan struct{}
	heap, mem  uint64
}

func benchWatch() *benchPeak {
	p := &benchPeak{stop: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	go func() {
		defer close(p.done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			p.heap = max(p.heap, samples[0].Value.Uint64())
			p.mem = max(p.mem, samples[1].Value.Uint64()-samples[2].Value.Uint64())
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *benchPeak) end() {
	close(p.stop)
	<-p.done
}

// benchCity is one run: read, then judge and write as one (the units are
// judged as the scorecard is written). It returns the time of each.
func benchCity(b testing.TB, data []byte, rs *rules.Ruleset, w io.Writer) (readT, write time.Duration) {
	start := time.Now()
	units, diags := read.ReadUnitsPacked("city.xlsx", data, rs, read.UnitsOptions{})
	if diags.HasErrors() {
		b.Fatal(diags.Errors())
	}
	readT = time.Since(start)
	start = time.Now()
	spill, err := os.CreateTemp(b.TempDir(), "spill")
	if err != nil {
		b.Fatal(err)
	}
	defer spill.Close()
	_, err = WriteCityScorecardStream(w, units, CityStreamOptions{Problems: diags, Spill: spill,
		Scorecard: ScorecardOptions{InputName: "city.xlsx", Evaluated: cityTestDate}})
	if err != nil {
		b.Fatal(err)
	}
	return readT, time.Since(start)
}

var (
	benchShapeMu sync.Mutex
	benchShapes  = map[int][]floorSheet{}
)

// benchShape is the volume of the scorecard of n units, sheet by sheet,
// which the floor writes: measured once.
func benchShape(b testing.TB, n int, rs *rules.Ruleset) []floorSheet {
	benchShapeMu.Lock()
	defer benchShapeMu.Unlock()
	if s, ok := benchShapes[n]; ok {
		return s
	}
	var buf bytes.Buffer
	benchCity(b, benchBook(b, n), rs, &buf)
	s, err := floorShape(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	benchShapes[n] = s
	return s
}

// benchFloor runs the floor for a scorecard of that shape.
func benchFloor(b testing.TB, data []byte, shape []floorSheet) {
	if err := floorRun(data, shape, io.Discard); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkCity(b *testing.B) {
	rs := fixture.SyntheticRuleset(benchIndicators)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			b.Setenv("TMPDIR", b.TempDir()) // the StreamWriter's spill files
			data := benchBook(b, n)
			shape := benchShape(b, n, rs)
			var read, write, floor time.Duration
			var cpu, floorCPU time.Duration
			var heap, mem uint64
			debug.FreeOSMemory()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				peak := benchWatch()
				c0 := benchCPU()
				r, w := benchCity(b, data, rs, io.Discard)
				cpu += benchCPU() - c0
				peak.end()
				read, write = read+r, write+w
				heap, mem = max(heap, peak.heap), max(mem, peak.mem)

				b.StopTimer()
				debug.FreeOSMemory()
				start, c0 := time.Now(), benchCPU()
				benchFloor(b, data, shape)
				floor += time.Since(start)
				floorCPU += benchCPU() - c0
				debug.FreeOSMemory()
				b.StartTimer()
			}
			per := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
			b.ReportMetric(per(read), "read-ms/op")
			b.ReportMetric(per(write), "eval+write-ms/op")
			b.ReportMetric(per(cpu), "cpu-ms/op")
			b.ReportMetric(float64(read+write)/float64(floor), "x-floor")
			if floorCPU > 0 {
				b.ReportMetric(float64(cpu)/float64(floorCPU), "x-floor-cpu")
			}
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(mem)/(1<<20), "peak-mem-MB")
		})
	}
}

func BenchmarkFloor(b *testing.B) {
	rs := fixture.SyntheticRuleset(benchIndicators)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			b.Setenv("TMPDIR", b.TempDir())
			data := benchBook(b, n)
			shape := benchShape(b, n, rs)
			var cpu time.Duration
			var heap, mem uint64
			debug.FreeOSMemory()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				peak := benchWatch()
				c0 := benchCPU()
				benchFloor(b, data, shape)
				cpu += benchCPU() - c0
				peak.end()
				heap, mem = max(heap, peak.heap), max(mem, peak.mem)
				b.StopTimer()
				debug.FreeOSMemory()
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(mem)/(1<<20), "peak-mem-MB")
		})
	}
}

// TestCityPipeline12 runs the benchmark's pipeline once for 12 units and
// checks what it wrote; the 3,000-unit run is a benchmark, or this test
// with ATTAIN_SCALE_UNITS=3000.
func TestCityPipeline12(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	n := 12
	if s := os.Getenv("ATTAIN_SCALE_UNITS"); s != "" {
		if testing.Short() {
			t.Skip("scale run skipped in -short mode")
		}
		if _, err := fmt.Sscanf(s, "%d", &n); err != nil || n < 1 {
			t.Fatalf("ATTAIN_SCALE_UNITS=%q", s)
		}
	}
	rs := fixture.SyntheticRuleset(benchIndicators)
	data := benchBook(t, n)
	peak := benchWatch()
	r, w := benchCity(t, data, rs, io.Discard)
	peak.end()
	t.Logf("%d units: read %v, evaluate and write %v; peak heap %d MB, peak memory %d MB",
		n, r, w, peak.heap>>20, peak.mem>>20)

	units, diags := read.ReadUnits("city.xlsx", data, rs, read.UnitsOptions{})
	if len(diags) > 0 || len(units) != n {
		t.Fatalf("%d units, diagnostics: %v", len(units), diags)
	}
	c := eval.EvaluateUnits(units, eval.Options{})
	var buf bytes.Buffer
	if err := WriteCityScorecard(&buf, c, ScorecardOptions{Evaluated: cityTestDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("排名")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+n || len(rows[3]) < 5+benchIndicators {
		t.Fatalf("排名: %d rows, %d columns", len(rows), len(rows[3]))
	}
	if rows[3][0] != "第1名" || rows[3][1] != c.Ranked()[0].Entity {
		t.Errorf("排名 first row %v", rows[3][:5])
	}
}
