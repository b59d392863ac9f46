package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv(slowWriteEnv) != "" {
		slowWriter()
	}
	testscript.Main(m, map[string]func(){
		"attain": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts of testdata/script. Each script starts
// with the example workbook copied into its work folder as example.xlsx.
func TestScripts(t *testing.T) {
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_0294fb1cead92004.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// A few files of the import corpus (templates/read/testdata/corpus), made by
	// cmd/mkcorpus, for the import scripts.
	corpus := map[string][]byte{}
	for _, name := range []string{"bureau-merged.xlsx", "csv-gb18030.csv", "odd-headers.xlsx",
		"odd-headers.map.yaml", "encrypted.xlsx", "zip-bomb.xlsx", "duplicate-rows.xlsx", "several-sheets.xlsx", "headline-tasks.xlsx",
		"merged-data.xlsx", "csv-cr.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "read", "testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		corpus[name] = b
	}
	// The example 任务分解表 (examples/hongqi-2019-duties.xlsx), for the
	// duties script.
	duties, err := os.ReadFile(filepath.Join("..", "..", "examples", "hongqi-2019-duties.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	corpus["duties.xlsx"] = duties
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(e *testscript.Env) error {
			if err := os.WriteFile(filepath.Join(e.WorkDir, "example.xlsx"), example, 0o444); err != nil {
				return err
			}
			for name, b := range corpus {
				if err := os.WriteFile(filepath.Join(e.WorkDir, name), b, 0o444); err != nil {
					return err
				}
			}
			return os.WriteFile(filepath.Join(e.WorkDir, "report.txt"), seed, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fill":     cmdFill,
			"writehex": cmdWriteHex,
			"genunits": cmdGenUnits,
			"exits":    cmdExits,
		},
	})
}

// cmdFill writes a filled template: fill [-entity NAME] OUT.xlsx
// id.field=value ... (field is level, prev_level, growth, rank, done or
// date); the unit is 红旗区 unless -entity names another.
func cmdFill(ts *testscript.TestScript, neg bool, args []string) {
	entity := "红旗区"
	if len(args) > 1 && args[0] == "-entity" {
		entity, args = args[1], args[2:]
	}
	if neg || len(args) < 1 {
		ts.Fatalf("usage: fill [-entity NAME] OUT.xlsx id.field=value...")
	}
	values := map[string]map[eval.Field]string{}
	for _, kv := range args[1:] {
		key, val, ok := strings.Cut(kv, "=")
		id, field, ok2 := strings.Cut(key, ".")
		if !ok || !ok2 {
			ts.Fatalf("fill: bad value %q", kv)
		}
		if values[id] == nil {
			values[id] = map[eval.Field]string{}
		}
		values[id][eval.Field(field)] = val
	}
	var buf bytes.Buffer
	ts.Check(templates.FillTemplate(&buf, rules.Default(), entity, values, "测试数据"))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}

// cmdExits runs a program and checks its exit code: exits CODE PROGRAM
// ARGS... Its stdout and stderr are then checked as after exec.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// cmdWriteHex writes bytes given in hex: writehex FILE HEX...
func cmdWriteHex(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: writehex FILE HEX...")
	}
	b, err := hex.DecodeString(strings.Join(args[1:], ""))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
}

// cmdGenUnits writes a long-table workbook of pseudo-random figures for
// the 12 indicators of the default ruleset: genunits OUT.xlsx UNITS.
func cmdGenUnits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: genunits OUT.xlsx UNITS")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	var buf bytes.Buffer
	ts.Check(fixture.GenerateUnitsWorkbook(&buf, rules.Default(), n, 12, 1))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}
