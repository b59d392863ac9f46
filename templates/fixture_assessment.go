package templates

import (
	"testing"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

func scDec(s string) decimal.NullDecimal {
	return decimal.NewNullDecimal(decimal.RequireFromString(s))
}

// scFixtureActuals are fixed year-end figures that give every status: for
// the headline targets met, exceeded, nearly met, missed, no data, a derived
// growth, a lower-is-better rate, an in-step rate, a rank and a yes/no
// verdict; for the 重点工作任务 the example figures (ExampleValues2019), with
// milestones on time and late and multi-year goals in progress.
func scFixtureActuals() eval.Actuals {
	in := scFixtureHeadline()
	scFixtureTasks(in.Values)
	return in
}

// scFixtureTasks adds the example figures of the 重点工作任务 to values, each
// read from its cell of the sheet 重点工作任务.
func scFixtureTasks(values map[string]*eval.Actual) {
	rs := rules.Default()
	ex := ExampleValues2019()
	for i, ind := range rs.Group(rules.GroupTasks).Indicators {
		fields := ex[ind.ID]
		if len(fields) == 0 {
			continue
		}
		a := &eval.Actual{ID: ind.ID}
		for f, v := range fields {
			switch f {
			case eval.FieldLevel:
				a.Level = scDec(v)
			case eval.FieldRank:
				a.Rank = int(decimal.RequireFromString(v).IntPart())
			case eval.FieldDone:
				done := v == "是"
				a.Done = &done
			case eval.FieldDate:
				a.Date = v
			}
			a.Sources.Set(f, rules.Pos{File: "actuals.xlsx", Sheet: rules.GroupTasks, Cell: cellA1(inputColOf(f), 4+i)})
		}
		values[ind.ID] = a
	}
}

// scFixtureHeadline are the figures of the 12 headline targets.
func scFixtureHeadline() eval.Actuals {
	yes := true
	return eval.Actuals{
		Entity: "红旗区",
		Year:   2019,
		File:   "actuals.xlsx",
		Values: map[string]*eval.Actual{
			"gdp_growth": {ID: "gdp_growth", Growth: scDec("8.6"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G4")}}},
			"fai_growth": {ID: "fai_growth", Growth: scDec("9.5"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G5")}}},
			"retail_growth": {ID: "retail_growth", Level: scDec("120.6"),
				Sources: eval.Sources{{Field: eval.FieldLevel, Pos: scPos("E6")}}},
			"trade_growth": {ID: "trade_growth", Growth: scDec("5.3"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G7")}}},
			"industry_va_growth": {ID: "industry_va_growth", Growth: scDec("9.4"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G8")}}},
			"revenue_growth": {ID: "revenue_growth", Growth: scDec("12.7"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G10")}}},
			"new_urban_jobs": {ID: "new_urban_jobs", Level: scDec("10250"),
				Sources: eval.Sources{{Field: eval.FieldLevel, Pos: scPos("E11")}}},
			"unemployment_rate": {ID: "unemployment_rate", Level: scDec("3.6"),
				Sources: eval.Sources{{Field: eval.FieldLevel, Pos: scPos("E12")}}},
			"income_growth": {ID: "income_growth", Growth: scDec("8.9"),
				Sources: eval.Sources{{Field: eval.FieldGrowth, Pos: scPos("G13")}}},
			"public_services_rank": {ID: "public_services_rank", Rank: 2,
				Sources: eval.Sources{{Field: eval.FieldRank, Pos: scPos("H14")}}},
			"binding_targets": {ID: "binding_targets", Done: &yes,
				Sources: eval.Sources{{Field: eval.FieldDone, Pos: scPos("I15")}}},
		},
		Problems: rules.Diagnostics{{Pos: scPos("E9"), Severity: rules.Warning, Indicator: "rd_growth",
			Summary: "科技创新投入的本年实际值为空", Hint: "填报本年实际值或增速"}},
	}
}

// scFixture is the assessment of the fixed figures under the default
// ruleset.
func scFixture(t testing.TB) *eval.Assessment {
	t.Helper()
	return eval.Evaluate(rules.Default(), scFixtureActuals())
}

var scFixtureDate = time.Date(2020, 1, 15, 9, 30, 0, 0, time.UTC)

func scPos(cell string) rules.Pos {
	return rules.Pos{File: "actuals.xlsx", Sheet: "填报表", Cell: cell}
}
