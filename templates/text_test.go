package templates

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"ascii", "abc", 3},
		{"chinese counts double", "完成", 4},
		{"full-width digits count double", "１２", 4},
		{"mixed", "第2名", 5},
		{"percent", "8.6%", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scDisplayWidth(tt.in); got != tt.want {
				t.Errorf("scDisplayWidth(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestCellFormats(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name   string
		cell   scCell
		shown  string
		numFmt string
		plain  string
	}{
		{"growth with its precision", scNum(d("8"), 1), "8.0", "0.0", "8.0"},
		{"more decimals than the precision are kept", scNum(d("8.25"), 1), "8.25", "0.00", "8.25"},
		{"count", scNum(d("10250"), 0), "10250", "0", "10250"},
		{"signed gap", scNum(d("0.1"), 1).withSuffix("个百分点").withSign(), "+0.1个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "0.1"},
		{"negative gap", scNum(d("-2.5"), 1).withSuffix("个百分点").withSign(), "-2.5个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "-2.5"},
		{"zero gap has no sign", scNum(d("0"), 1).withSuffix("个百分点").withSign(), "0.0个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "0.0"},
		{"rank", scNum(d("2"), 0).withPrefix("第").withSuffix("名"), "第2名", `"第"0"名";-"第"0"名"`, "2"},
		{"no value", scText("-"), "-", "@", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cell.String(); got != tt.shown {
				t.Errorf("String() = %q, want %q", got, tt.shown)
			}
			if got := tt.cell.numFmt(); got != tt.numFmt {
				t.Errorf("numFmt() = %q, want %q", got, tt.numFmt)
			}
			if got := tt.cell.plain(); got != tt.plain {
				t.Errorf("plain() = %q, want %q", got, tt.plain)
			}
		})
	}
}

// scNoFloats fails when a decoded JSON value holds a number: every figure
// must be a decimal string.
func scNoFloats(t *testing.T, path string, v any, allowed map[string]bool) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			scNoFloats(t, path+"."+k, e, allowed)
		}
	case []any:
		for _, e := range x {
			scNoFloats(t, path+"[]", e, allowed)
		}
	case json.Number:
		if !allowed[path] {
			t.Errorf("%s is a JSON number %s, want a decimal string", path, x)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	a := scFixture(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	scNoFloats(t, "", doc, map[string]bool{".year": true, ".counts[].count": true})
	for _, k := range []string{"entity", "year", "ruleset", "indicators", "total_score", "grade", "problems"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	inds := doc["indicators"].([]any)
	if len(inds) != len(a.Results) {
		t.Fatalf("%d indicators, want %d", len(inds), len(a.Results))
	}
	byID := map[string]map[string]any{}
	for _, e := range inds {
		m := e.(map[string]any)
		for _, k := range []string{"id", "name", "category", "unit", "target_text", "target", "actual", "status",
			"gap", "completion", "score", "weight", "source"} {
			if _, ok := m[k]; !ok {
				t.Errorf("indicator %v lacks %q", m["id"], k)
			}
		}
		byID[m["id"].(string)] = m
	}
	tests := []struct {
		name, id, field string
		want            any
	}{
		{"gdp actual", "gdp_growth", "actual", "8.6"},
		{"gdp target", "gdp_growth", "target", "8.5"},
		{"gdp gap", "gdp_growth", "gap", "0.1"},
		{"gdp gap unit", "gdp_growth", "gap_unit", "个百分点"},
		{"rd has no actual", "rd_growth", "actual", nil},
		{"rd status", "rd_growth", "status", "无数据"},
		{"trade has no target", "trade_growth", "target", nil},
		{"jobs completion", "new_urban_jobs", "completion", "102.50"},
		{"retail derived", "retail_growth", "derived", true},
		{"retail source", "retail_growth", "source", "由总量推算（actuals.xlsx: 填报表!E6）"},
		{"fai score", "fai_growth", "score", "6.33"},
		{"yes/no actual text", "binding_targets", "actual_text", "是"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := byID[tt.id][tt.field]; got != tt.want {
				t.Errorf("%s.%s = %#v, want %#v", tt.id, tt.field, got, tt.want)
			}
		})
	}
	if doc["total_score"] != "91.73" || doc["grade"] != "优秀" {
		t.Errorf("total %v grade %v", doc["total_score"], doc["grade"])
	}
	probs := doc["problems"].([]any)
	if len(probs) != 1 {
		t.Fatalf("problems = %v", probs)
	}
	p := probs[0].(map[string]any)
	if p["position"] != "actuals.xlsx: 填报表!E9" || p["level"] != "warning" || p["indicator"] != "rd_growth" {
		t.Errorf("problem = %v", p)
	}
}

func TestWriteTable(t *testing.T) {
	a := scFixture(t)
	var buf bytes.Buffer
	if err := WriteTable(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"总分: 91.73 / 100（得分率 91.7%）", "等级: 优秀", "未完成 1", "actuals.xlsx: 填报表!E9"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Every status word starts at the same display column as the header
	// 完成情况: columns are aligned by display width.
	lines := strings.Split(out, "\n")
	col := -1
	for _, line := range lines {
		var word string
		for _, w := range []string{"完成情况", "超额完成", "基本完成", "未完成", "无数据", "完成"} {
			if i := strings.Index(line, "  "+w+"  "); i >= 0 {
				word = line[:i+2]
				break
			}
		}
		if word == "" {
			continue
		}
		c := scDisplayWidth(word)
		if col < 0 {
			col = c
		} else if c != col {
			t.Errorf("status column at %d, want %d:\n%s", c, col, line)
		}
	}
	if col < 0 {
		t.Fatalf("no status column found:\n%s", out)
	}
}

func TestWriteCSV(t *testing.T) {
	a := scFixture(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, a); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Fatal("CSV lacks the UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(a.Results)+1 {
		t.Fatalf("%d records, want %d", len(recs), len(a.Results)+1)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	tests := []struct {
		name, id, column, want string
	}{
		{"gdp actual", "gdp_growth", "实际值", "8.6"},
		{"gdp target", "gdp_growth", "目标值", "8.5"},
		{"gdp gap", "gdp_growth", "差距", "0.1"},
		{"rd empty actual", "rd_growth", "实际值", ""},
		{"jobs completion", "new_urban_jobs", "完成率(%)", "102.50"},
		{"status", "fai_growth", "完成情况", "未完成"},
		{"score", "fai_growth", "得分", "6.33"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range recs[1:] {
				if r[col["编码"]] == tt.id {
					if got := r[col[tt.column]]; got != tt.want {
						t.Errorf("%s %s = %q, want %q", tt.id, tt.column, got, tt.want)
					}
					return
				}
			}
			t.Errorf("no record for %s", tt.id)
		})
	}
}
