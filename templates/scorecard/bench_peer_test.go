package scorecard

// BenchmarkPeer compares, in one run on the same machine, three programs
// doing the work of a city on the same input:
//
//   - attain: the attain binary (built once per run from ./cmd/attain):
//     evaluate --units --rules R --in IN --out OUT.xlsx;
//   - the floor: this test binary run again as the excelize floor
//     (bench_floor_test.go): every cell of IN read with excelize's row
//     iterator, and as many rows, cells and bytes of sheet XML as attain
//     wrote, written with excelize's StreamWriter;
//   - the peer: /usr/bin/python3 peer/peer_openpyxl.py R IN OUT.xlsx, the
//     same judging, ranks and a styled workbook with openpyxl.
//
// Each runs as a process of its own, one after the other in every
// iteration, measured by /usr/bin/time (GNU time): user + system CPU and
// peak resident memory. The ratios are of CPU, attain's over the floor's and the peer's
// over attain's, taken within each iteration; min and max are over the
// iterations:
//
//	go test ./templates/scorecard -run '^$' -bench Peer -benchtime 5x -timeout 0 -v
//
// Sub-benchmarks (-bench 'Peer/units=3000'): units=N (N units × 50
// synthetic indicators, the ruleset mkfixtures writes) for 300, 3,000,
// 12,000 and 19,000 units, and table=3000x7 (3,000 units reporting the 7
// headline indicators of the embedded ruleset) judged by those 7 (rules=7)
// or by all 56 (rules=56). The peer takes minutes at 12,000 and 19,000
// units; ATTAIN_PEER=0 leaves it out. Without python3-openpyxl the peer is
// left out, or the benchmark fails when ATTAIN_REQUIRE_OPENPYXL=1.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/read"

	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestMain runs the test binary as the excelize floor when
// ATTAIN_BENCH_FLOOR names its input, and as the tests otherwise.
func TestMain(m *testing.M) {
	if in := os.Getenv("ATTAIN_BENCH_FLOOR"); in != "" {
		if err := peerFloorMain(in, os.Getenv("ATTAIN_BENCH_SHAPE"), os.Getenv("ATTAIN_BENCH_OUT")); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// peerFloorMain is the floor process: the input, the scorecard whose
// volume it writes, and where.
func peerFloorMain(in, like, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	ref, err := os.ReadFile(like)
	if err != nil {
		return err
	}
	shape, err := floorShape(ref)
	if err != nil {
		return err
	}
	ref = nil
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := floorRun(data, shape, f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// peerRun is one measured process.
type peerRun struct {
	cpu time.Duration
	rss int64 // KB
}

// peerExec runs a program under /usr/bin/time, which reports its CPU and
// peak resident memory. (A child's own rusage will not do on Linux: a
// process started from this one inherits its peak resident memory.)
func peerExec(b testing.TB, env []string, name string, args ...string) peerRun {
	b.Helper()
	report := filepath.Join(b.TempDir(), "time")
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%U %S %M", "-o", report, name}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	text, err := os.ReadFile(report)
	if err != nil {
		b.Fatal(err)
	}
	var user, sys float64
	var rss int64
	if _, err := fmt.Sscanf(string(text), "%f %f %d", &user, &sys, &rss); err != nil {
		b.Fatalf("/usr/bin/time said %q: %v", text, err)
	}
	return peerRun{cpu: time.Duration((user + sys) * float64(time.Second)), rss: rss}
}

// peerInputs are the inputs of every case, made once per run in one
// folder: the tables and the rulesets, and the attain binary.
type peerInputs struct {
	dir, attain string
}

var (
	peerOnce sync.Once
	peerIn   peerInputs
	peerErr  error
)

func peerSetup(b *testing.B) peerInputs {
	peerOnce.Do(func() {
		dir, err := os.MkdirTemp("", "attain-peer-")
		if err != nil {
			peerErr = err
			return
		}
		peerIn = peerInputs{dir: dir, attain: filepath.Join(dir, "attain")}
		build := exec.Command("go", "build", "-o", peerIn.attain, "github.com/attain-tool/attain/cmd/attain")
		if out, err := build.CombinedOutput(); err != nil {
			peerErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		def := rules.Default()
		seven := *def
		seven.ID, seven.Indicators = "hongqi-2019-headline7", def.Indicators[:7]
		for name, rs := range map[string]*rules.Ruleset{"synthetic-50.yaml": fixture.SyntheticRuleset(50),
			"headline-7.yaml": &seven, "embedded-56.yaml": def} {
			text, err := rules.Marshal(rs)
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, name), text, 0o644)
			}
			if err != nil {
				peerErr = err
				return
			}
		}
	})
	if peerErr != nil {
		b.Fatal(peerErr)
	}
	return peerIn
}

// peerTable writes (once) the long table of n units reporting the first k
// indicators of rs, as mkfixtures writes it.
func peerTable(b *testing.B, in peerInputs, name string, rs *rules.Ruleset, n, k int) string {
	p := filepath.Join(in.dir, name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	var buf bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&buf, rs, n, k, 2019); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// peerPython says whether the peer can run: /usr/bin/python3 with openpyxl
// and yaml.
func peerPython(tb testing.TB) bool {
	err := exec.Command("/usr/bin/python3", "-c", "import openpyxl, yaml").Run()
	if err != nil && os.Getenv("ATTAIN_REQUIRE_OPENPYXL") == "1" {
		tb.Fatalf("/usr/bin/python3 with openpyxl and yaml (Debian: python3-openpyxl python3-yaml): %v", err)
	}
	return err == nil
}

func BenchmarkPeer(b *testing.B) {
	def := rules.Default()
	synth := fixture.SyntheticRuleset(50)
	type peerCase struct {
		name, table, rules string
		rs                 *rules.Ruleset
		units, inds        int
	}
	var cases []peerCase
	for _, n := range []int{300, 3000, 12000, 19000} {
		cases = append(cases, peerCase{fmt.Sprintf("units=%d", n), fmt.Sprintf("units-%d.xlsx", n), "synthetic-50.yaml", synth, n, 50})
	}
	cases = append(cases, peerCase{"table=3000x7/rules=7", "head7-3000.xlsx", "headline-7.yaml", def, 3000, 7},
		peerCase{"table=3000x7/rules=56", "head7-3000.xlsx", "embedded-56.yaml", def, 3000, 7})
	python := os.Getenv("ATTAIN_PEER") != "0" && peerPython(b)
	script, err := filepath.Abs(filepath.Join("peer", "peer_openpyxl.py"))
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			in := peerSetup(b)
			table := peerTable(b, in, tc.table, tc.rs, tc.units, tc.inds)
			rulesPath := filepath.Join(in.dir, tc.rules)
			out := filepath.Join(in.dir, "out")
			var attain, floor, peer []peerRun
			var volume float64
			for i := 0; i < b.N; i++ {
				a := peerExec(b, nil, in.attain, "evaluate", "--units", "--rules", rulesPath, "--in", table,
					"--out", out+"-attain.xlsx", "--date", "2020-01-15")
				attain = append(attain, a)
				f := peerExec(b, []string{"ATTAIN_BENCH_FLOOR=" + table, "ATTAIN_BENCH_SHAPE=" + out + "-attain.xlsx",
					"ATTAIN_BENCH_OUT=" + out + "-floor.xlsx"}, os.Args[0], "-test.run=^$")
				floor = append(floor, f)
				if python {
					peer = append(peer, peerExec(b, nil, "/usr/bin/python3", script, rulesPath, table, out+"-peer.xlsx"))
				}
			}
			volume = peerVolume(b, out+"-attain.xlsx", out+"-floor.xlsx")
			peerReport(b, attain, floor, peer, volume)
		})
	}
}

// peerVolume is the floor's sheet XML over attain's.
func peerVolume(b *testing.B, attain, floor string) float64 {
	var shapes [2][]floorSheet
	for i, p := range []string{attain, floor} {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if shapes[i], err = floorShape(data); err != nil {
			b.Fatal(err)
		}
	}
	return floorVolume(shapes[0], shapes[1])
}

// peerReport reports the medians of CPU and memory, and min and max of
// the ratios taken within each iteration.
func peerReport(b *testing.B, attain, floor, peer []peerRun, volume float64) {
	med := func(rs []peerRun, f func(peerRun) float64) float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = f(r)
		}
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	cpu := func(r peerRun) float64 { return r.cpu.Seconds() }
	rss := func(r peerRun) float64 { return float64(r.rss) / 1024 }
	ratios := func(num, den []peerRun) (lo, hi float64) {
		for i := range num {
			x := num[i].cpu.Seconds() / den[i].cpu.Seconds()
			if i == 0 || x < lo {
				lo = x
			}
			hi = max(hi, x)
		}
		return lo, hi
	}
	b.ReportMetric(med(attain, cpu), "attain-cpu-s")
	b.ReportMetric(med(attain, rss), "attain-MB")
	b.ReportMetric(med(floor, cpu), "floor-cpu-s")
	b.ReportMetric(med(floor, rss), "floor-MB")
	lo, hi := ratios(attain, floor)
	b.ReportMetric(lo, "xfloor-min")
	b.ReportMetric(hi, "xfloor-max")
	b.ReportMetric(volume, "floor-xml/attain-xml")
	line := fmt.Sprintf("attain %.2f s %.0f MB; floor %.2f s %.0f MB; attain/floor CPU %.2f–%.2f", med(attain, cpu),
		med(attain, rss), med(floor, cpu), med(floor, rss), lo, hi)
	if len(peer) > 0 {
		b.ReportMetric(med(peer, cpu), "peer-cpu-s")
		b.ReportMetric(med(peer, rss), "peer-MB")
		lo, hi := ratios(peer, attain)
		b.ReportMetric(lo, "peer/attain-min")
		b.ReportMetric(hi, "peer/attain-max")
		line += fmt.Sprintf("; peer %.2f s %.0f MB; peer/attain CPU %.1f–%.1f", med(peer, cpu), med(peer, rss), lo, hi)
	}
	b.Logf("%s (%d runs; floor XML %.3f × attain's)", line, len(attain), volume)
}

// TestPeerAgrees runs the peer on 40 units of the 7 headline indicators
// and on 40 units of 10 synthetic ones (every kind of target and scoring
// it knows), and finds on its 排名 the ranks, totals, score rates, grades,
// statuses and ranks on each indicator attain finds: the benchmark
// compares programs doing the same work. It is skipped without
// /usr/bin/python3 and openpyxl, unless ATTAIN_REQUIRE_OPENPYXL=1.
func TestPeerAgrees(t *testing.T) {
	if testing.Short() || !peerPython(t) {
		t.Skip("no /usr/bin/python3 with openpyxl and yaml")
	}
	def := rules.Default()
	seven := *def
	seven.Indicators = def.Indicators[:7]
	synth := fixture.SyntheticRuleset(10)
	for _, tc := range []struct {
		name string
		rs   *rules.Ruleset
		inds int
	}{{"headline", &seven, 7}, {"synthetic", synth, 10}, {"embedded", def, 7}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			data := cityBook7(t, tc.rs, 40, tc.inds)
			table, rulesPath := filepath.Join(dir, "units.xlsx"), filepath.Join(dir, "rules.yaml")
			text, err := rules.Marshal(tc.rs)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(table, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(rulesPath, text, 0o644); err != nil {
				t.Fatal(err)
			}
			units, diags := read.ReadUnitsPacked("units.xlsx", data, tc.rs, read.UnitsOptions{})
			var mine bytes.Buffer
			if _, err := WriteCityScorecardStream(&mine, units, CityStreamOptions{Problems: diags,
				Scorecard: ScorecardOptions{Evaluated: cityTestDate}}); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "peer.xlsx")
			cmd := exec.Command("/usr/bin/python3", filepath.Join("peer", "peer_openpyxl.py"), rulesPath, table, out)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("peer: %v\n%s", err, msg)
			}
			theirs, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want, got := peerRanking(t, mine.Bytes(), len(tc.rs.Indicators)), peerRanking(t, theirs, len(tc.rs.Indicators))
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("the peer's 排名 (-attain +peer):\n%s", d)
			}
		})
	}
}

// peerRanking is every unit's row of 排名 as shown: 名次 to 等级 and the
// status and rank of each indicator.
func peerRanking(t *testing.T, data []byte, inds int) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(citySheetRanking)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range rows[3:] {
		out = append(out, r[:5+inds])
	}
	return out
}
