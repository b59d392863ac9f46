package view

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/fixture"
	"github.com/shopspring/decimal"
)

// TestWeightsShownAddUpToFullMarks: a goal that does not count this year
// shows 权重 "-" beside 不计分, so that the weights of each group add up to
// its full marks and 合计 (issue 11 item 6). Before: 重点工作任务 showed
// full marks 98 while its 权重 column added up to 100.
func TestWeightsShownAddUpToFullMarks(t *testing.T) {
	a := fixture.Assessment(t)
	for _, p := range Parts(a) {
		t.Run(p.Group, func(t *testing.T) {
			sum := decimal.Zero
			for _, row := range p.Rows {
				switch {
				case row.R.Scored && !row.Weight.Num:
					t.Errorf("%s counts but shows 权重 %q", row.Ind.Name, row.Weight)
				case !row.R.Scored && (row.Weight.String() != NoValue || row.Score.String() != "不计分"):
					t.Errorf("%s does not count but shows 权重 %q 得分 %q", row.Ind.Name, row.Weight, row.Score)
				case row.Weight.Num:
					sum = sum.Add(row.Weight.D)
				}
			}
			if !sum.Equal(p.Score.FullMarks) {
				t.Errorf("weights shown add up to %s, full marks %s", sum, p.Score.FullMarks)
			}
		})
	}
	var tasks Part
	for _, p := range Parts(a) {
		if p.Group == rules.GroupTasks {
			tasks = p
		}
	}
	if tasks.Score.FullMarks.String() != "98" {
		t.Errorf("重点工作任务 full marks %s, want 98 (two multi-year goals of weight 1 do not count in 2019)", tasks.Score.FullMarks)
	}
	// The JSON keeps the rule's weight; "scored" says it does not count.
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Indicators []struct {
			ID     string `json:"id"`
			Weight string `json:"weight"`
			Scored bool   `json:"scored"`
			Status string `json:"status"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, ji := range doc.Indicators {
		if ji.ID == "prefab_base_area" && (ji.Weight != "1" || ji.Scored || ji.Status != string(eval.InProgress)) {
			t.Errorf("prefab_base_area in JSON: %+v", ji)
		}
	}
}
