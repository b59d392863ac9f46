package scorecard

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/view"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// TestReviewDigitsMatchScorecard checks that every number of the review
// text is shown, digit for digit, somewhere on the scorecard, and that
// the 回顾文稿 sheet carries the same paragraphs.
func TestReviewDigitsMatchScorecard(t *testing.T) {
	a := fixture.Assessment(t)
	f, _ := scWriteFixture(t, a)
	shown := map[string]bool{}
	for _, sheet := range []string{view.SheetOverview, view.SheetDetail, view.SheetTaskDetail} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, v := range r {
				for _, n := range numberRe.FindAllString(v, -1) {
					shown[n] = true
				}
			}
		}
	}
	// The review states 完成率 to one decimal (DOMAIN 4b), the scorecard
	// to two: a completion of 102.50 on the scorecard is 102.5 in the text.
	for n := range shown {
		if i := strings.IndexByte(n, '.'); i >= 0 && len(n)-i-1 == 2 {
			shown[decimal.RequireFromString(n).RoundBank(1).StringFixed(1)] = true
		}
	}
	sheetText, err := f.GetCols(view.SheetReview)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(sheetText[0], "\n")
	for _, p := range view.ReviewText(a) {
		for _, n := range numberRe.FindAllString(p.Text(), -1) {
			if !shown[n] {
				t.Errorf("review number %s is not shown on 总览, 明细 or 任务明细: %s", n, p.Text())
			}
		}
		if !strings.Contains(joined, p.Text()) {
			t.Errorf("回顾文稿 lacks %q", p.Text())
		}
	}
	v, _ := f.GetCellValue(view.SheetReview, "A1")
	if v != view.ReviewTitle(a) {
		t.Errorf("回顾文稿!A1 = %q", v)
	}
}

func TestReviewMilestonesAndProgress(t *testing.T) {
	no := false
	rs := rules.Default()
	rs.Indicators = append(rs.Indicators,
		&rules.Indicator{ID: "park_start", Name: "产业园", Category: rules.CatStructure, Group: rules.GroupTasks, Measure: rules.Milestone,
			Unit: "是/否", Target: rules.Target{Kind: rules.ByDate, Due: "2019-04", Text: "4月份开工"},
			Weight: decimal.NewFromInt(2), Scoring: rules.Scoring{Method: rules.PassFail}},
		&rules.Indicator{ID: "patents", Name: "专利申请总量", Category: rules.CatStructure, Group: rules.GroupTasks, Measure: rules.Level,
			Unit: "件", Target: rules.Target{Kind: rules.AtLeast, Value: decimal.NewFromInt(500), Years: 5,
				Text: "5年内达到500件"},
			Weight: decimal.NewFromInt(2), Scoring: rules.Scoring{Method: rules.Ratio}})
	tests := []struct {
		name string
		id   string
		act  eval.Actual
		want string
	}{
		{"milestone on time", "park_start", eval.Actual{Date: "2019-03-20"}, "产业园于3月20日完成，按期完成"},
		{"milestone late", "park_start", eval.Actual{Date: "2019-06-01"}, "产业园于6月1日完成，晚于计划（4月底前）"},
		{"milestone not done", "park_start", eval.Actual{Done: &no}, "产业园未按期完成（计划4月底前）"},
		{"multi-year goal in progress", "patents", eval.Actual{Level: fixture.Dec("300")}, "专利申请总量300件，占五年目标500件的60.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fixture.Actuals()
			tt.act.ID = tt.id
			in.Values[tt.id] = &tt.act
			a := eval.Evaluate(rs, in)
			var got string
			for _, p := range view.ReviewText(a) {
				for _, s := range p.Sentences {
					if s.Indicator == tt.id {
						got = s.Text
					}
				}
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			// The scorecard takes these too.
			var buf bytes.Buffer
			if err := WriteScorecard(&buf, a, ScorecardOptions{Evaluated: fixture.Evaluated}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

var numberRe = regexp.MustCompile(`\d+(\.\d+)?`)
