package read

import (
	"bytes"
	"testing"

	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// readTestBothReaders is ReadActuals, and, for a workbook excelize opens,
// the same read through excelize's reading of it (excelizeBook, the way
// ReadActuals read before the stream scanner): actuals, sources and
// problems must be the same.
func readTestBothReaders(t *testing.T, name string, data []byte, rs *rules.Ruleset, opts ReadOptions) (eval.Actuals, rules.Diagnostics) {
	t.Helper()
	acts, diags := ReadActuals(name, data, rs, opts)
	if s := Sniff(data); (s != FormatXLSX && s != FormatEncrypted) || rs == nil {
		return acts, diags
	}
	x, err := openExcelizeBook(name, data, opts.Password)
	if err != nil {
		return acts, diags // a broken package: only ReadActuals says why
	}
	defer x.Close()
	r := newReader(name, rs, opts, tableLimits)
	r.wb = x
	r.read()
	xacts, xdiags := r.result()
	same := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() })
	if d := cmp.Diff(xacts, acts, same); d != "" {
		t.Errorf("actuals read through the stream scanner differ (-excelize +stream):\n%s", d)
	}
	if d := cmp.Diff(xdiags, diags); d != "" {
		t.Errorf("diagnostics through the stream scanner differ (-excelize +stream):\n%s", d)
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
