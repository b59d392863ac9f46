package read

import (
	"bytes"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// readTestBothReaders is ReadActuals, and, for a workbook the stream
// reader opens, the same read through it (reader.book, as the multi-unit
// reader reads sheets in the template's layout): actuals, sources and
// problems must be the same.
func readTestBothReaders(t *testing.T, name string, data []byte, rs *rules.Ruleset, opts ReadOptions) (eval.Actuals, rules.Diagnostics) {
	t.Helper()
	acts, diags := ReadActuals(name, data, rs, opts)
	if Sniff(data) != FormatXLSX || rs == nil {
		return acts, diags
	}
	book, err := xlsxscan.Open(data, readUnzipLimit)
	if err != nil {
		return acts, diags // a broken package: only ReadActuals says why
	}
	r := &reader{name: name, rs: rs, opts: opts, styles: map[int]bool{}, book: book}
	r.acts = eval.Actuals{File: name, Entity: rs.Entity, Year: rs.Year, Values: map[string]*eval.Actual{}}
	r.read()
	bacts, bdiags := r.result()
	same := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() })
	if d := cmp.Diff(acts, bacts, same); d != "" {
		t.Errorf("actuals read through the stream reader differ (-excelize +stream):\n%s", d)
	}
	if d := cmp.Diff(diags, bdiags); d != "" {
		t.Errorf("diagnostics through the stream reader differ (-excelize +stream):\n%s", d)
	}
	return acts, diags
}

// TestReadThroughBookExample reads the shipped example both ways.
func TestReadThroughBookExample(t *testing.T) {
	for name, data := range readTestSeeds(t) {
		t.Run(name, func(t *testing.T) {
			readTestBothReaders(t, name+".xlsx", data, fixture.TestRules(t), ReadOptions{})
		})
	}
	t.Run("example", func(t *testing.T) {
		var buf bytes.Buffer
		if err := templates.FillTemplate(&buf, rules.Default(), "", fixture.ExampleValues2019(), fixture.ExampleBanner); err != nil {
			t.Fatal(err)
		}
		acts, _ := readTestBothReaders(t, "example.xlsx", buf.Bytes(), rules.Default(), ReadOptions{})
		if len(acts.Values) < 50 {
			t.Errorf("%d indicators read", len(acts.Values))
		}
	})
}
