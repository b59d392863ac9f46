package eval

import (
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestPackActualsRoundTrip packs and unpacks the actuals of generated
// units and of odd ones, and finds every field as it was.
func TestPackActualsRoundTrip(t *testing.T) {
	var sets [][]Actuals
	for _, units := range [][]Unit{synthUnits(synthRuleset(t), 40, 3), synthUnits(rules.Default(), 10, 4)} {
		var as []Actuals
		for _, u := range units {
			as = append(as, u.Actuals)
		}
		sets = append(sets, as)
	}
	long := decimal.RequireFromString("123456789012345678901234.5678")
	odd := Actuals{Entity: "怪单位", Year: 2019, File: "a.xlsx",
		Problems: rules.Diagnostics{{Summary: "一个问题", Severity: rules.Warning}},
		Values: map[string]*Actual{
			"x": {ID: "not_x", Level: decimal.NewNullDecimal(long), Growth: decimal.NewNullDecimal(long.Neg()),
				PrevLevel: decimal.NewNullDecimal(decimal.RequireFromString("0.000")), Rank: -3, Done: yes(false),
				Date: "2019-04", Sources: Sources{
					{Field: FieldLevel, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "XFD1048576"}},
					{Field: "other", Pos: rules.Pos{File: "r.yaml", Line: 4, Col: 7}},
					{Field: FieldDate, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "R1C1"}},
					{Field: FieldDone, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "A01"}},
					{Field: FieldRank, Pos: rules.Pos{File: "a.xlsx", Sheet: "其他", Cell: "a1"}},
					{Field: FieldGrowth, Pos: rules.Pos{}},
				}},
			"y": {ID: "y", Done: yes(true), Growth: decimal.NewNullDecimal(decimal.New(-85, -1)), Sources: Sources{
				{Field: FieldGrowth, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "C900"}},
				{Field: FieldDone, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "B7"}},
				{Field: FieldLevel, Pos: rules.Pos{File: "a.xlsx", Sheet: "数据", Cell: "AA70000"}},
				{Field: FieldPrevLevel, Pos: rules.Pos{File: "b.xlsx", Sheet: "数据", Cell: "A2"}},
			}},
			"z": {},
		}}
	sets = append(sets, []Actuals{odd, {}, {Entity: "空", Values: map[string]*Actual{}}})
	table := NewPackTable()
	for _, set := range sets {
		var packed []*PackedActuals
		for _, a := range set {
			packed = append(packed, table.Pack(a))
		}
		for i, p := range packed {
			got := p.Unpack()
			want := set[i]
			if want.Values == nil && len(got.Values) == 0 {
				got.Values = nil
			}
			if diff := cmp.Diff(want, got, cityCmp...); diff != "" {
				t.Errorf("unit %d: unpacked differs (-want +got):\n%s", i, diff)
			}
			if p.Len() != len(want.Values) {
				t.Errorf("unit %d: Len %d, want %d", i, p.Len(), len(want.Values))
			}
		}
	}
}

func TestPackA1(t *testing.T) {
	for _, s := range []string{"A1", "Z9", "AA10", "AZ123", "XFD1048576", "ZZZ999999999"} {
		col, row, ok := packParseA1(s)
		if !ok || packColName(col)+itoa(row) != s {
			t.Errorf("%q: %d %d %v", s, col, row, ok)
		}
	}
	for _, s := range []string{"", "A", "1", "A0", "a1", "AAAA1", "A1B", "A-1", "A1234567890", "$A$1"} {
		if _, _, ok := packParseA1(s); ok {
			t.Errorf("%q read as a plain reference", s)
		}
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

// BenchmarkPackedActuals unpacks the actuals of 3,000 units of 50
// indicators, as EvaluateUnitsStream does twice:
//
//	go test ./eval -run '^$' -bench PackedActuals -benchmem
func BenchmarkPackedActuals(b *testing.B) {
	units := synthUnits(benchRuleset(b, 50), 3000, 1)
	table := NewPackTable()
	packed := make([]*PackedActuals, len(units))
	size := 0
	for i, u := range units {
		packed[i] = table.Pack(u.Actuals)
		size += len(packed[i].data)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range packed {
			p.Unpack()
		}
	}
	b.ReportMetric(float64(size)/float64(len(units)), "bytes/unit")
}

// TestPackedEachReported finds the keys of the actuals with figures.
func TestPackedEachReported(t *testing.T) {
	table := NewPackTable()
	for _, u := range synthUnits(synthRuleset(t), 30, 6) {
		a := u.Actuals
		a.Values["empty"] = &Actual{ID: "empty", Sources: Sources{{Field: FieldLevel, Pos: rules.Pos{File: "x", Line: 2}}}}
		a.Values["prev"] = &Actual{ID: "other", PrevLevel: decimal.NewNullDecimal(decimal.RequireFromString("1e30"))}
		want := map[string]bool{}
		for id, act := range a.Values {
			if act.Level.Valid || act.PrevLevel.Valid || act.Growth.Valid || act.Rank != 0 || act.Done != nil || act.Date != "" {
				want[id] = true
			}
		}
		got := map[string]bool{}
		table.Pack(a).EachReported(func(id string) { got[id] = true })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", u.Name, diff)
		}
	}
}
