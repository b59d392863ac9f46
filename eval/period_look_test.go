package eval

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

func TestPeriodLook(t *testing.T) {
	rs := rules.Default()
	// at gives every cumulative level indicator a figure of frac × its
	// year's target.
	at := func(frac string) Actuals {
		in := Actuals{File: "in.xlsx", Values: map[string]*Actual{}}
		f := decimal.RequireFromString(frac)
		for _, ind := range rs.Indicators {
			if ind.PeriodKindOf() == rules.Cumulative && ind.Target.Value.IsPositive() {
				in.Values[ind.ID] = &Actual{ID: ind.ID, Level: decimal.NewNullDecimal(ind.Target.Value.Mul(f))}
			}
		}
		return in
	}
	q1, _ := ParsePeriod("Q1")
	h1, _ := ParsePeriod("H1")
	q3, _ := ParsePeriod("Q3")
	tests := []struct {
		name string
		in   Actuals
		p    Period
		want string
	}{
		{"year-end figures judged as 1-3月", at("1.02"), q1, "1-3月的累计数看起来是全年数"},
		{"year-end figures judged as 1-6月", at("1.0"), h1, "1-6月的累计数看起来是全年数"},
		{"a strong first half is news, not a mistake", at("0.6"), h1, ""},
		{"1-9月 at full year is not flagged", at("1.02"), q3, ""},
		{"1-6月 figures judged as the year", at("0.5"), Year, "看起来是年内累计数"},
		{"a weak year is not flagged", at("0.8"), Year, ""},
		{"no figures", Actuals{File: "in.xlsx"}, q1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := periodLook(rs, tt.in, tt.p)
			got := ds.Error()
			if tt.want == "" {
				if len(ds) > 0 {
					t.Errorf("unexpected: %s", got)
				}
				return
			}
			if len(ds) != 1 || ds[0].Severity != rules.Warning || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want one warning with %q", got, tt.want)
			}
		})
	}
}
