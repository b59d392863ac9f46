package view

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/fixture"
)

// h1Assessment is the illustrative first half of 2019 (fixture.H1Actuals)
// under the default ruleset.
func h1Assessment(t testing.TB) *eval.Assessment {
	t.Helper()
	p, err := eval.ParsePeriod("H1")
	if err != nil {
		t.Fatal(err)
	}
	return eval.EvaluateWith(rules.Default(), fixture.H1Actuals(), eval.Options{Period: p})
}

// TestGoldenPeriodJSON: a run over 1-6月 carries progress, progress_gap,
// progress_text and remaining on every indicator.
func TestGoldenPeriodJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, h1Assessment(t)); err != nil {
		t.Fatal(err)
	}
	fixture.Golden(t, filepath.Join("testdata", "golden", "assessment_h1.json"), buf.String(), *update)
}

// TestProgressJSONFields: the fields are there, with decimal strings, for
// a period run, and absent from a year's.
func TestProgressJSONFields(t *testing.T) {
	decode := func(a *eval.Assessment) []map[string]any {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, a); err != nil {
			t.Fatal(err)
		}
		var out struct{ Indicators []map[string]any }
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		return out.Indicators
	}
	byID := map[string]map[string]any{}
	for _, ind := range decode(h1Assessment(t)) {
		byID[ind["id"].(string)] = ind
		for _, k := range []string{"progress", "progress_gap", "progress_text", "remaining", "remaining_unit", "remaining_text"} {
			if _, ok := ind[k]; !ok {
				t.Errorf("%s: no %q in a period run", ind["id"], k)
			}
		}
	}
	tests := []struct {
		id, progress   string
		gap, remaining any
		text           string
	}{
		{"new_urban_jobs", "超进度", "6.3", "4370", "全年尚需完成4370人（attain 测算）"},
		{"revenue_growth", "欠进度", "-2.7", "14.6", "实现全年增长12%，其余月份（7-12月）增速须不低于14.6%（attain 测算）"},
		{"renovation_investment", "欠进度", "-3.8", "53.8", "全年尚需完成53.8亿元（attain 测算）"},
		{"smart_farm_operation", "未到期", nil, nil, ""},
		{"key_projects", "已完成", "51.0", "0", "全年目标已完成（attain 测算）"},
	}
	for _, tt := range tests {
		ind := byID[tt.id]
		if ind["progress"] != tt.progress || ind["progress_gap"] != tt.gap || ind["remaining"] != tt.remaining ||
			ind["remaining_text"] != tt.text {
			t.Errorf("%s: progress %v gap %v remaining %v %q, want %v %v %v %q", tt.id, ind["progress"],
				ind["progress_gap"], ind["remaining"], ind["remaining_text"], tt.progress, tt.gap, tt.remaining, tt.text)
		}
	}
	for _, ind := range decode(fixture.Assessment(t)) {
		for k := range ind {
			if strings.HasPrefix(k, "progress") || strings.HasPrefix(k, "remaining") {
				t.Errorf("%s: %q in a year run", ind["id"], k)
			}
		}
	}
}
