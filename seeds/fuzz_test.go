package seeds

import (
	"encoding/json"
	"os"
	"testing"
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
