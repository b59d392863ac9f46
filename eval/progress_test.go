package eval

import (
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// progressOf evaluates rs over period with the actuals given and returns
// the result for id.
func progressOf(t *testing.T, rs *rules.Ruleset, period, id string, acts ...*Actual) *Result {
	t.Helper()
	p, err := ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	in := Actuals{Year: rs.Year, Values: map[string]*Actual{}}
	for _, a := range acts {
		in.Values[a.ID] = a
	}
	r := EvaluateWith(rs, in, Options{Period: p}).Result(id)
	if r == nil {
		t.Fatalf("no result for %s", id)
	}
	return r
}

// withConventions is the default ruleset with its conventions and
// schedule changed by edit.
func withConventions(edit func(rs *rules.Ruleset)) *rules.Ruleset {
	rs := rules.Default()
	c := *rs
	c.Schedule = map[string]decimal.Decimal{}
	for k, v := range rs.Schedule {
		c.Schedule[k] = v
	}
	edit(&c)
	return &c
}

func TestProgress(t *testing.T) {
	def := rules.Default()
	strict := withConventions(func(rs *rules.Ruleset) { rs.Conventions.ProgressTolerance = decimal.Zero })
	slowStart := withConventions(func(rs *rules.Ruleset) { rs.Schedule["H1"] = decimal.RequireFromString("0.45") })
	jobs := func(level string) *Actual { return &Actual{ID: "new_urban_jobs", Level: dec(level)} }
	tests := []struct {
		name    string
		rs      *rules.Ruleset
		period  string
		id      string
		act     *Actual
		status  ProgressStatus
		gap     string // "" for null
		elapsed string
		text    string
	}{
		// A cumulative level against 序时进度 (default tolerance ±2 个百分点, edges included).
		{"level ahead at Q1", def, "Q1", "new_urban_jobs", jobs("3760"), ProgressAhead, "12.6", "25",
			"完成全年目标的37.6%，高于序时进度12.6个百分点"},
		{"level behind at Q1", def, "Q1", "new_urban_jobs", jobs("1260"), ProgressBehind, "-12.4", "25",
			"完成全年目标的12.6%，低于序时进度12.4个百分点"},
		{"level on schedule at H1", def, "H1", "new_urban_jobs", jobs("5000"), ProgressOnTrack, "0", "50",
			"完成全年目标的50.0%，与序时进度持平"},
		{"level at the upper edge at H1", def, "H1", "new_urban_jobs", jobs("5200"), ProgressOnTrack, "2", "50",
			"完成全年目标的52.0%，高于序时进度2.0个百分点"},
		{"level past the upper edge at H1", def, "H1", "new_urban_jobs", jobs("5210"), ProgressAhead, "2.1", "50",
			"完成全年目标的52.1%，高于序时进度2.1个百分点"},
		{"share rounded to one decimal stays on the edge", def, "H1", "new_urban_jobs", jobs("5204"), ProgressOnTrack,
			"2", "50", "完成全年目标的52.0%，高于序时进度2.0个百分点"},
		{"level at the lower edge at H1", def, "H1", "new_urban_jobs", jobs("4800"), ProgressOnTrack, "-2", "50",
			"完成全年目标的48.0%，低于序时进度2.0个百分点"},
		{"level past the lower edge at H1", def, "H1", "new_urban_jobs", jobs("4790"), ProgressBehind, "-2.1", "50",
			"完成全年目标的47.9%，低于序时进度2.1个百分点"},
		{"level at the lower edge at Q3", def, "Q3", "new_urban_jobs", jobs("7300"), ProgressOnTrack, "-2", "75",
			"完成全年目标的73.0%，低于序时进度2.0个百分点"},
		{"level behind at Q3", def, "Q3", "new_urban_jobs", jobs("6000"), ProgressBehind, "-15", "75",
			"完成全年目标的60.0%，低于序时进度15.0个百分点"},
		{"level ahead at Q3", def, "Q3", "new_urban_jobs", jobs("8000"), ProgressAhead, "5", "75",
			"完成全年目标的80.0%，高于序时进度5.0个百分点"},
		{"year's target reached", def, "H1", "new_urban_jobs", jobs("10250"), ProgressDone, "52.5", "50",
			"完成全年目标的102.5%，已完成全年目标"},
		{"strict: a tenth above is ahead", strict, "H1", "new_urban_jobs", jobs("5010"), ProgressAhead, "0.1", "50",
			"完成全年目标的50.1%，高于序时进度0.1个百分点"},
		{"strict: exactly on schedule", strict, "H1", "new_urban_jobs", jobs("5000"), ProgressOnTrack, "0", "50",
			"完成全年目标的50.0%，与序时进度持平"},
		{"schedule of the ruleset, not months / 12", slowStart, "H1", "new_urban_jobs", jobs("4700"), ProgressOnTrack,
			"2", "45", "完成全年目标的47.0%，高于序时进度2.0个百分点"},
		{"schedule of the ruleset: ahead of 45%", slowStart, "H1", "new_urban_jobs", jobs("4800"), ProgressAhead,
			"3", "45", "完成全年目标的48.0%，高于序时进度3.0个百分点"},
		{"no figure", def, "H1", "new_urban_jobs", nil, ProgressNoData, "", "50", "未填报本期累计值"},
		// A stock compared directly with the year's target.
		{"stock short of its target", def, "H1", "hr_park_tenants", &Actual{ID: "hr_park_tenants", Level: dec("86")},
			ProgressBehind, "", "50", "达到全年目标的86.0%（与全年目标直接比较）"},
		{"stock reached", def, "H1", "hr_park_tenants", &Actual{ID: "hr_park_tenants", Level: dec("103")},
			ProgressDone, "", "50", "达到全年目标的103.0%（与全年目标直接比较）"},
		// Rates against the year's target.
		{"growth behind its target", def, "H1", "revenue_growth", &Actual{ID: "revenue_growth", Growth: dec("11.1")},
			ProgressBehind, "-0.9", "50", "增速低于目标0.9个百分点"},
		{"growth on target", def, "H1", "gdp_growth", &Actual{ID: "gdp_growth", Growth: dec("8.6")},
			ProgressOnTrack, "0.1", "50", "增速高于目标0.1个百分点"},
		{"growth within 左右 but below", def, "H1", "gdp_growth", &Actual{ID: "gdp_growth", Growth: dec("8.2")},
			ProgressOnTrack, "-0.3", "50", "增速低于目标0.3个百分点"},
		{"growth ahead", def, "H1", "fai_growth", &Actual{ID: "fai_growth", Growth: dec("12.8")},
			ProgressAhead, "0.8", "50", "增速高于目标0.8个百分点"},
		{"ceiling kept", def, "H1", "unemployment_rate", &Actual{ID: "unemployment_rate", Level: dec("3.6")},
			ProgressOnTrack, "0.4", "50", "低于控制目标0.40个百分点"}, // published at two decimals
		{"ceiling broken", def, "H1", "unemployment_rate", &Actual{ID: "unemployment_rate", Level: dec("4.3")},
			ProgressBehind, "-0.3", "50", "高于控制目标0.30个百分点"},
		{"steady growth kept", def, "H1", "trade_growth", &Actual{ID: "trade_growth", Growth: dec("7.7")},
			ProgressOnTrack, "7.7", "50", "保持增长"},
		{"in step behind", def, "H1", "income_growth", &Actual{ID: "income_growth", Growth: dec("8.3")},
			ProgressBehind, "-0.3", "50", "增速低于地区生产总值增速0.3个百分点"},
		// Milestones at the period's end.
		{"milestone done by its deadline", def, "H1", "zhongde_park_phase1_start",
			&Actual{ID: "zhongde_park_phase1_start", Date: "2019-04-18"}, ProgressDone, "", "50",
			"要求4月底前完成，已于4月18日完成"},
		{"milestone done late, within the period", def, "H1", "zhongde_park_phase1_start",
			&Actual{ID: "zhongde_park_phase1_start", Date: "2019-05-20"}, ProgressDone, "", "50",
			"要求4月底前完成，已于5月20日完成，晚于要求"},
		{"milestone not yet due", def, "H1", "smart_farm_operation", nil, ProgressNotDue, "", "50",
			"要求12月底前完成，尚未到期"},
		{"milestone due after Q1", def, "Q1", "zhongde_park_phase1_start", nil, ProgressNotDue, "", "25",
			"要求4月底前完成，尚未到期"},
		{"milestone overdue", def, "H1", "university_park_start",
			&Actual{ID: "university_park_start", Done: yes(false)}, ProgressBehind, "", "50",
			"要求6月底前完成，截至6月底未完成"},
		{"milestone dated after the period", def, "H1", "university_park_start",
			&Actual{ID: "university_park_start", Date: "2019-08-20"}, ProgressBehind, "", "50",
			"要求6月底前完成，截至6月底未完成（填报的完成日期8月20日在本期之后）"},
		{"milestone due, nothing reported", def, "H1", "university_park_start", nil, ProgressNoData, "", "50",
			"要求6月底前完成，未填报完成情况"},
		// Year-end and multi-year targets.
		{"rank at year end", def, "H1", "public_services_rank", &Actual{ID: "public_services_rank", Rank: 2},
			ProgressNotDue, "", "50", "年终考核，年底评价"},
		{"verdict reported done", def, "H1", "binding_targets", &Actual{ID: "binding_targets", Done: yes(true)},
			ProgressDone, "", "50", "填报为已完成"},
		{"multi-year goal", def, "H1", "prefab_base_area", &Actual{ID: "prefab_base_area", Level: dec("260")},
			ProgressNotDue, "", "50", "5年内目标（至2023年），尚未到期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var acts []*Actual
			if tt.act != nil {
				acts = append(acts, tt.act)
			}
			if tt.id == "income_growth" {
				acts = append(acts, &Actual{ID: "gdp_growth", Growth: dec("8.6")})
			}
			p := progressOf(t, tt.rs, tt.period, tt.id, acts...).Progress
			if p == nil {
				t.Fatal("no progress")
			}
			if p.Status != tt.status || p.Text != tt.text {
				t.Errorf("progress %s %q, want %s %q", p.Status, p.Text, tt.status, tt.text)
			}
			if got := nullString(p.Gap); got != tt.gap {
				t.Errorf("gap %q, want %q", got, tt.gap)
			}
			if p.Elapsed.String() != tt.elapsed {
				t.Errorf("序时进度 %s, want %s", p.Elapsed, tt.elapsed)
			}
		})
	}
}

func nullString(n decimal.NullDecimal) string {
	if !n.Valid {
		return ""
	}
	return n.Decimal.String()
}

func TestRemaining(t *testing.T) {
	def := rules.Default()
	tests := []struct {
		name   string
		period string
		id     string
		act    *Actual
		value  string // "" for null
		unit   string
		text   string
	}{
		{"amount still to do", "H1", "new_urban_jobs", &Actual{ID: "new_urban_jobs", Level: dec("3760")},
			"6240", "人", "全年尚需完成6240人（attain 测算）"},
		{"amount of a level with decimals", "Q3", "key_projects_investment",
			&Actual{ID: "key_projects_investment", Level: dec("120.5")}, "43.9", "亿元", "全年尚需完成43.9亿元（attain 测算）"},
		{"nothing left once done", "H1", "new_urban_jobs", &Actual{ID: "new_urban_jobs", Level: dec("10250")},
			"0", "人", "全年目标已完成（attain 测算）"},
		// ((1 + 12%) × 8.16 − 4.0) ÷ (8.16 − 3.7) − 1 = 15.2287…%
		{"growth the rest of the year needs", "H1", "revenue_growth",
			&Actual{ID: "revenue_growth", Level: dec("4.0"), PrevLevel: dec("3.7")}, "15.2", "%",
			"实现全年增长12%，其余月份（7-12月）增速须不低于15.2%（attain 测算）"},
		// ((1 + 11%) × 108.4 − 52.3) ÷ (108.4 − 48.9) − 1 = 14.326…%, 11左右 read as 11
		{"growth needed for a 左右 target at Q3", "Q3", "retail_growth",
			&Actual{ID: "retail_growth", Growth: dec("7.0"), Level: dec("52.3"), PrevLevel: dec("48.9")}, "14.3", "%",
			"实现全年增长11%，其余月份（10-12月）增速须不低于14.3%（attain 测算）"},
		{"comparable prices", "H1", "gdp_growth", &Actual{ID: "gdp_growth", Growth: dec("7.6"), Level: dec("90"),
			PrevLevel: dec("85")}, "", "", "该增速按可比价（可比口径）计算，不能由现价总量测算其余月份所需增速"},
		{"no levels", "H1", "retail_growth", &Actual{ID: "retail_growth", Growth: dec("9.8")}, "", "",
			"测算其余月份所需增速须填报本年累计值和上年同期值"},
		{"no full-year level", "H1", "trade_growth", &Actual{ID: "trade_growth", Level: dec("2.1"), PrevLevel: dec("2")},
			"", "", "测算其余月份所需增速须有上年全年值（规则集 baseline.level 未给出）"},
		{"last year's full year given for its first half", "H1", "revenue_growth",
			&Actual{ID: "revenue_growth", Level: dec("4.35"), PrevLevel: dec("8.16")}, "", "",
			"填报的上年实际值（8.16亿元）即上年全年值，不是上年同期值：测算其余月份所需增速须填报上年同期值"},
		{"last year's first half above its full year", "H1", "revenue_growth",
			&Actual{ID: "revenue_growth", Level: dec("4.35"), PrevLevel: dec("8.5")}, "", "",
			"上年全年值（8.16亿元）不大于上年同期值（8.5亿元），不能测算其余月份所需增速"},
		{"a share is not pro-rated", "H1", "tertiary_va_share", &Actual{ID: "tertiary_va_share", Level: dec("81")},
			"", "", "比率类目标与全年目标直接比较，不测算剩余量"},
		{"what is left of a stock", "H1", "hr_park_tenants", &Actual{ID: "hr_park_tenants", Level: dec("86")},
			"14", "家", "距全年目标尚差14家（attain 测算）"},
		{"what is left of a multi-year goal", "H1", "prefab_base_area", &Actual{ID: "prefab_base_area", Level: dec("260")},
			"740", "亩", "距5年内目标（至2023年）尚差740亩（attain 测算）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := progressOf(t, def, tt.period, tt.id, tt.act).Progress
			if p == nil {
				t.Fatal("no progress")
			}
			if got := nullString(p.Remaining); got != tt.value || p.RemainingText != tt.text {
				t.Errorf("remaining %q %q, want %q %q", got, p.RemainingText, tt.value, tt.text)
			}
			if p.Remaining.Valid && p.RemainingUnit != tt.unit {
				t.Errorf("remaining unit %q, want %q", p.RemainingUnit, tt.unit)
			}
		})
	}
}

// TestYearRunUnchanged: a whole year's run carries no progress.
func TestYearRunUnchanged(t *testing.T) {
	rs := rules.Default()
	in := Actuals{Values: map[string]*Actual{
		"new_urban_jobs":            {ID: "new_urban_jobs", Level: dec("10250")},
		"revenue_growth":            {ID: "revenue_growth", Growth: dec("11.1")},
		"zhongde_park_phase1_start": {ID: "zhongde_park_phase1_start", Date: "2019-04-18"},
	}}
	for _, opts := range []Options{{}, {Period: Year}} {
		a := EvaluateWith(rs, in, opts)
		for _, r := range a.Results {
			if r.Progress != nil {
				t.Errorf("%s: a year run has progress %+v", r.Indicator.ID, *r.Progress)
			}
		}
	}
}

// TestProgressInCity: units judged together during the year get the same
// progress as one unit alone.
func TestProgressInCity(t *testing.T) {
	rs := rules.Default()
	mk := func(level string) Actuals {
		return Actuals{Entity: "甲", Year: 2019, Values: map[string]*Actual{"new_urban_jobs": {ID: "new_urban_jobs",
			Level: dec(level)}}}
	}
	units := []Unit{{Name: "甲", Ruleset: rs, Actuals: mk("4790")}, {Name: "乙", Ruleset: rs, Actuals: mk("5210")}}
	half, _ := ParsePeriod("H1")
	c := EvaluateUnits(units, Options{Period: half})
	want := []ProgressStatus{ProgressBehind, ProgressAhead}
	for i, a := range c.Units {
		p := a.Result("new_urban_jobs").Progress
		if p == nil || p.Status != want[i] {
			t.Errorf("unit %d: progress %+v, want %s", i+1, p, want[i])
		}
	}
}
