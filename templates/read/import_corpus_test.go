package read

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"go.yaml.in/yaml/v3"
)

const corpusDir = "testdata/corpus"

// TestCorpusFresh regenerates the corpus into a temporary folder and
// compares it with the committed one: workbooks by cell content, other
// files byte for byte. Run `go run ./cmd/mkcorpus` when it fails.
func TestCorpusFresh(t *testing.T) {
	files, err := fixture.CorpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exp, err := fixture.CorpusExpected()
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, fixture.CorpusFile{Name: "expected.yaml", Data: exp})
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			committed, err := os.ReadFile(filepath.Join(corpusDir, f.Name))
			if err != nil {
				t.Fatalf("%v (run go run ./cmd/mkcorpus)", err)
			}
			if f.Data == nil {
				return // written by LibreOffice: not reproducible byte for byte
			}
			fresh := filepath.Join(dir, f.Name)
			if err := os.WriteFile(fresh, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(fresh)
			if err != nil {
				t.Fatal(err)
			}
			if fixture.CorpusSameContent(data, committed, f.Password) {
				return
			}
			t.Errorf("%s is stale: run go run ./cmd/mkcorpus and commit the corpus", f.Name)
		})
	}
}

// corpusRuleset is the embedded 2019 ruleset.
func corpusRuleset(t testing.TB) *rules.Ruleset {
	t.Helper()
	return rules.Default()
}

// corpusFigures turns actuals into id → field → decimal string.
func corpusFigures(acts eval.Actuals) map[string]map[string]string {
	out := map[string]map[string]string{}
	set := func(id, f, v string) {
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][f] = v
	}
	for id, a := range acts.Values {
		if a.Level.Valid {
			set(id, "level", a.Level.Decimal.String())
		}
		if a.PrevLevel.Valid {
			set(id, "prev_level", a.PrevLevel.Decimal.String())
		}
		if a.Growth.Valid {
			set(id, "growth", a.Growth.Decimal.String())
		}
		if a.Rank > 0 {
			set(id, "rank", fmt.Sprint(a.Rank))
		}
		if a.Done != nil {
			set(id, "done", map[bool]string{true: "是", false: "否"}[*a.Done])
		}
		if a.Date != "" {
			set(id, "date", a.Date)
		}
	}
	return out
}

// corpusRun reads one case of the corpus from dir, through the front door
// (Read), as attain evaluate does.
func corpusRun(t *testing.T, dir string, c fixture.CorpusCase) (eval.Actuals, rules.Diagnostics, *ImportReport) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, c.File))
	if err != nil {
		t.Fatal(err)
	}
	opts := ImportOptions{Sheet: c.Sheet, Sheets: c.Sheets, Password: c.Password}
	if c.Mapping != "" {
		src, err := os.ReadFile(filepath.Join(dir, c.Mapping))
		if err != nil {
			t.Fatal(err)
		}
		m, ds := ParseMapping(c.Mapping, src)
		if ds.HasErrors() {
			return eval.Actuals{}, ds, &ImportReport{}
		}
		opts.Mapping = m
	}
	return Read(c.File, data, corpusRuleset(t), opts)
}

// corpusCheck checks a reading against its case; it returns "" when the
// reading is right.
func corpusCheck(c fixture.CorpusCase, acts eval.Actuals, ds rules.Diagnostics) string {
	for _, d := range ds {
		if !d.Pos.IsValid() || d.Pos.File == "" {
			return fmt.Sprintf("diagnostic without a position: %v", d)
		}
	}
	if c.Error != "" {
		for _, d := range ds.Errors() {
			if strings.Contains(d.Error(), c.Error) && (c.ErrorAt == "" || d.Pos.String() == c.ErrorAt) {
				return ""
			}
		}
		return fmt.Sprintf("want error %q at %q, got:\n%v", c.Error, c.ErrorAt, ds.Error())
	}
	if ds.HasErrors() {
		return fmt.Sprintf("unexpected errors:\n%v", ds.Errors().Error())
	}
	if got := corpusFigures(acts); !reflect.DeepEqual(got, c.Values) {
		return fmt.Sprintf("figures differ:\n got %v\nwant %v", corpusSorted(got), corpusSorted(c.Values))
	}
	for key, want := range c.Sources {
		id, f, _ := strings.Cut(key, ".")
		a := acts.Values[id]
		if got := a.Source(eval.Field(f)).String(); got != want {
			return fmt.Sprintf("source of %s: got %q, want %q", key, got, want)
		}
	}
	if c.Warning != "" {
		found := false
		for _, d := range acts.Problems {
			found = found || strings.Contains(d.Summary, c.Warning)
		}
		if !found {
			return fmt.Sprintf("want warning %q, got %v", c.Warning, acts.Problems.Error())
		}
	}
	return ""
}

func corpusSorted(m map[string]map[string]string) string {
	var keys []string
	for id, fs := range m {
		for f, v := range fs {
			keys = append(keys, id+"."+f+"="+v)
		}
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}

// TestCorpus reads every committed corpus file and checks its expected
// reading or message (testdata/corpus/expected.yaml).
func TestCorpus(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(corpusDir, "expected.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []fixture.CorpusCase
	if err := yaml.Unmarshal(src, &cases); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	read, failed := 0, 0
	for _, c := range cases {
		files[c.File] = true
		t.Run(c.Name, func(t *testing.T) {
			acts, ds, rep := corpusRun(t, corpusDir, c)
			if msg := corpusCheck(c, acts, ds); msg != "" {
				var b bytes.Buffer
				if rep != nil {
					rep.Write(&b)
				}
				t.Errorf("%s: %s\n%s", c.File, msg, b.String())
				return
			}
			if c.Error != "" {
				failed++
			} else {
				read++
			}
		})
	}
	t.Logf("corpus: %d files, %d readings: %d read correctly, %d failed with the expected message",
		len(files), len(cases), read, failed)
}

// TestCorpusLibreOffice converts corpus workbooks with the LibreOffice
// installed here and reads them again: a file saved by LibreOffice must
// read as the original does.
func TestCorpusLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ATTAIN_REQUIRE_SOFFICE") == "1" {
			t.Fatal("soffice not found and ATTAIN_REQUIRE_SOFFICE=1")
		}
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("slow: runs LibreOffice")
	}
	dir := t.TempDir()
	names := []string{"bureau-merged.xlsx", "percent-format.xlsx", "wps-text-numbers.xlsx"}
	var src []string
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(corpusDir, n))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "in-"+n)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		src = append(src, p)
	}
	out := filepath.Join(dir, "out")
	profile := filepath.Join(dir, "profile")
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless",
		"--convert-to", "xlsx", "--outdir", out}, src...)
	if msg, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, n := range names {
		conv := "in-" + strings.TrimSuffix(n, filepath.Ext(n)) + ".xlsx"
		t.Run(n, func(t *testing.T) {
			c := fixture.CorpusCase{File: conv, Values: fixture.CorpusWant()}
			acts, ds, rep := corpusRun(t, out, c)
			if msg := corpusCheck(c, acts, ds); msg != "" {
				var b bytes.Buffer
				rep.Write(&b)
				t.Errorf("%s: %s\n%s", conv, msg, b.String())
			}
		})
	}
}
