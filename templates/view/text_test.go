package view

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"

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
			if got := DisplayWidth(tt.in); got != tt.want {
				t.Errorf("scDisplayWidth(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestCellFormats(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name   string
		cell   Cell
		shown  string
		numFmt string
		plain  string
	}{
		{"growth with its precision", Num(d("8"), 1), "8.0", "0.0", "8.0"},
		{"more decimals than the precision are kept", Num(d("8.25"), 1), "8.25", "0.00", "8.25"},
		{"count", Num(d("10250"), 0), "10250", "0", "10250"},
		{"signed gap", Num(d("0.1"), 1).WithSuffix("个百分点").withSign(), "+0.1个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "0.1"},
		{"negative gap", Num(d("-2.5"), 1).WithSuffix("个百分点").withSign(), "-2.5个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "-2.5"},
		{"zero gap has no sign", Num(d("0"), 1).WithSuffix("个百分点").withSign(), "0.0个百分点",
			`+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`, "0.0"},
		{"rank", Num(d("2"), 0).WithPrefix("第").WithSuffix("名"), "第2名", `"第"0"名";-"第"0"名"`, "2"},
		{"no value", Text("-"), "-", "@", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cell.String(); got != tt.shown {
				t.Errorf("String() = %q, want %q", got, tt.shown)
			}
			if got := tt.cell.NumFmt(); got != tt.numFmt {
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
	a := fixture.Assessment(t)
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
	scNoFloats(t, "", doc, map[string]bool{".year": true, ".counts[].count": true, ".groups[].counts[].count": true,
		".groups[].indicators": true})
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
		for _, k := range []string{"id", "name", "category", "group", "unit", "target_text", "target", "actual", "status",
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
		{"headline group", "gdp_growth", "group", "主要预期目标"},
		{"task group", "signed_projects", "group", "重点工作任务"},
		{"task count", "signed_projects", "actual", "42"},
		{"milestone date", "university_park_start", "actual_text", "2019-08-20"},
		{"milestone late", "university_park_start", "status", "基本完成"},
		{"milestone late half the weight", "university_park_start", "score", "1.50"},
		{"milestone has no number target", "university_park_start", "target", nil},
		{"multi-year in progress", "prefab_base_area", "status", "进行中"},
		{"multi-year not scored", "prefab_base_area", "scored", false},
		{"multi-year progress", "prefab_base_area", "completion", "26.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := byID[tt.id][tt.field]; got != tt.want {
				t.Errorf("%s.%s = %#v, want %#v", tt.id, tt.field, got, tt.want)
			}
		})
	}
	if doc["total_score"] != "185.06" || doc["full_marks"] != "198" || doc["grade"] != "优秀" {
		t.Errorf("total %v / %v grade %v", doc["total_score"], doc["full_marks"], doc["grade"])
	}
	var groups []string
	for _, e := range doc["groups"].([]any) {
		g := e.(map[string]any)
		groups = append(groups, fmt.Sprintf("%v %v %v/%v %v%% %v", g["name"], g["indicators"], g["total_score"],
			g["full_marks"], g["percent"], g["grade"]))
	}
	if got, want := strings.Join(groups, "; "), "主要预期目标 12 91.73/100 91.7% 优秀; 重点工作任务 44 93.33/98 95.2% 优秀"; got != want {
		t.Errorf("groups %s, want %s", got, want)
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
	a := fixture.Assessment(t)
	var buf bytes.Buffer
	if err := WriteTable(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"【主要预期目标】12项  得分: 91.73 / 100（得分率 91.7%）  等级: 优秀",
		"【重点工作任务】44项  得分: 93.33 / 98（得分率 95.2%）  等级: 优秀",
		"主要预期目标: 91.73 / 100（得分率 91.7%）  等级: 优秀  完成情况: 超额完成 2，完成 7，基本完成 1，未完成 1，无数据 1",
		"总分: 185.06 / 198（得分率 93.5%）  等级: 优秀", "未完成 4", "actuals.xlsx: 填报表!E9"} {
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
		for _, w := range []string{"完成情况", "超额完成", "基本完成", "未完成", "无数据", "进行中", "完成"} {
			if i := strings.Index(line, "  "+w+"  "); i >= 0 {
				word = line[:i+2]
				break
			}
		}
		if word == "" {
			continue
		}
		c := DisplayWidth(word)
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
	a := fixture.Assessment(t)
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
		{"headline group", "fai_growth", "分组", "主要预期目标"},
		{"task group", "patent_applications", "分组", "重点工作任务"},
		{"task numbered after the headline", "illegal_fundraising_task", "序号", "13"},
		{"milestone target is its deadline", "zhongde_park_phase1_start", "目标值", "2019年4月底前"},
		{"milestone actual is its date", "zhongde_park_phase1_start", "实际值", "2019-04-18"},
		{"in progress not scored", "international_college", "得分", "不计分"},
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

// TestWriteJSONOneGroup: a ruleset of one group has one entry in "groups",
// scored as the whole, and its indicators carry no "group" of their own.
func TestWriteJSONOneGroup(t *testing.T) {
	a := eval.Evaluate(rules.Default().Group(rules.GroupHeadline), fixture.Actuals())
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		TotalScore string           `json:"total_score"`
		Indicators []map[string]any `json:"indicators"`
		Groups     []struct {
			Name       string `json:"name"`
			Indicators int    `json:"indicators"`
			TotalScore string `json:"total_score"`
			FullMarks  string `json:"full_marks"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Groups) != 1 || doc.Groups[0].Name != rules.GroupHeadline || doc.Groups[0].Indicators != 12 ||
		doc.Groups[0].TotalScore != doc.TotalScore || doc.Groups[0].FullMarks != "100" {
		t.Errorf("groups %+v, total %s", doc.Groups, doc.TotalScore)
	}
	for _, ind := range doc.Indicators {
		if _, ok := ind["group"]; ok {
			t.Errorf("%v has a group of its own", ind["id"])
		}
	}
}
