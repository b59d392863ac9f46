package seeds

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that Extract never panics, that every quote is a
// substring of the input at the position given, and that the draft always
// renders as YAML and JSON. Its corpus in testdata/fuzz/FuzzExtract runs in
// plain go test.
func FuzzExtract(f *testing.F) {
	for _, c := range sentenceCases {
		f.Add([]byte(c.text))
	}
	for _, c := range negativeCases {
		f.Add([]byte(c.text))
	}
	if src, err := os.ReadFile(seedFile); err == nil {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{}, {Year: 2019, Entity: "某区"}} {
			d, _ := Extract("fuzz.txt", data, opts)
			if d == nil || d.Ruleset == nil {
				t.Fatal("nil draft")
			}
			if len(d.Targets) != len(d.Ruleset.Indicators) {
				t.Fatalf("%d targets, %d indicators", len(d.Targets), len(d.Ruleset.Indicators))
			}
			for _, fd := range d.Targets {
				checkFound(t, string(data), fd)
				if fd.Line < 1 || fd.Col < 1 {
					t.Errorf("%s: position %d:%d", fd.ID, fd.Line, fd.Col)
				}
			}
			if _, err := d.YAML(); err != nil {
				t.Errorf("YAML: %v", err)
			}
			out, err := d.JSON()
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if !json.Valid(out) {
				t.Errorf("invalid JSON")
			}
		}
	})
}

// TestLongClause checks that a text without punctuation, one clause of
// thousands of figures, is read in linear time and quoted in pieces.
func TestLongClause(t *testing.T) {
	text := strings.Repeat("新建公厕3座占比达93％以上增长8%左右", 3000)
	d, _ := Extract("long.txt", []byte(text), Options{Year: 2019})
	if len(d.Targets) == 0 {
		t.Fatal("no targets")
	}
	for _, f := range d.Targets {
		if n := utf8.RuneCountInString(f.Sentence); n > maxClause+maxNoun {
			t.Fatalf("%s: a quote of %d runes", f.ID, n)
		}
	}
}

func BenchmarkExtractSeed(b *testing.B) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Extract(seedName, src, Options{})
	}
}
