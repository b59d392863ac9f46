package eval

import (
	"testing"

	"github.com/attain-tool/attain/rules"
)

func TestSources(t *testing.T) {
	at := func(cell string) rules.Pos { return rules.Pos{File: "in.xlsx", Sheet: "数据", Cell: cell} }
	tests := []struct {
		name string
		set  []Source
		get  Field
		want rules.Pos
		ok   bool
		n    int
	}{
		{name: "nothing recorded", get: FieldLevel},
		{name: "one field", set: []Source{{FieldLevel, at("E3")}}, get: FieldLevel, want: at("E3"), ok: true, n: 1},
		{name: "another field", set: []Source{{FieldLevel, at("E3")}}, get: FieldGrowth, n: 1},
		{name: "a field set twice keeps the last position",
			set: []Source{{FieldGrowth, at("G3")}, {FieldLevel, at("E3")}, {FieldGrowth, at("G9")}},
			get: FieldGrowth, want: at("G9"), ok: true, n: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &Actual{ID: "gdp_growth"}
			for _, s := range tt.set {
				a.Sources.Set(s.Field, s.Pos)
			}
			got, ok := a.Sources.Get(tt.get)
			if got != tt.want || ok != tt.ok || len(a.Sources) != tt.n {
				t.Errorf("Get(%s) = %v, %v with %d entries; want %v, %v with %d", tt.get, got, ok, len(a.Sources), tt.want, tt.ok, tt.n)
			}
			if a.Source(tt.get) != tt.want {
				t.Errorf("Source(%s) = %v", tt.get, a.Source(tt.get))
			}
		})
	}
	var none *Actual
	if none.Source(FieldLevel) != (rules.Pos{}) {
		t.Error("a nil actual has a source")
	}
}
