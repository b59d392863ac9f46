package web

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
)

// h1Example is the illustrative 1-6月 figures as a filled template.
func h1Example(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rules.Default(), "红旗区", fixture.H1Values2019(), fixture.ExampleBanner); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDutiesPage(t *testing.T) {
	_, ts := testServer(t, Config{})
	ex, duties := readFile(t, example), readFile(t, exampleDuties)
	resp, body := post(t, ts.URL+"/", fileField("file", "hongqi-2019-actuals.xlsx", ex),
		fileField("duties", "hongqi-2019-duties.xlsx", duties), textField("units", "auto"))
	page := string(body)
	if resp.StatusCode != 200 {
		t.Fatalf("POST / with a 分解表: %d", resp.StatusCode)
	}
	for _, want := range []string{`id="departments"`, `href="#departments"`, "21 个部门", "4 个有未完成的指标",
		"分解表 hongqi-2019-duties.xlsx（工作簿）: 42项任务，40项对应56项指标，2项未对应；56项指标均有牵头单位",
		"<code>hongqi-2019-duties.xlsx: 分解表!B20</code> 警告：分解表B20的任务“完成东孟河乡镇水质自动站建设”没有对应规则集中的指标",
		"<code>hongqi-2019-duties.xlsx: 分解表!B39</code>", "牵头：区发改委<", "统称（不计为部门）：各街道（配合15项）",
		`<span class="chip st-missed">科技创新投入</span>`, `id="dl-review"`, `name="duties"`} {
		if !strings.Contains(page, want) {
			t.Errorf("POST / with a 分解表 lacks %q", want)
		}
	}
	// The departments as eval.Departments orders them: those behind first.
	order := regexp.MustCompile(`<tr class="dept-(\w+)" data-dept="([^"]+)">`).FindAllStringSubmatch(page, -1)
	v := eval.Departments(ledAssessment(t, ex, eval.Year))
	if len(order) != len(v.Departments) {
		t.Fatalf("%d department rows, want %d", len(order), len(v.Departments))
	}
	for i, d := range v.Departments {
		class := map[bool]string{true: "behind", false: "lead"}[d.Behind > 0]
		if len(d.Lead) == 0 {
			class = "partner"
		}
		if order[i][2] != d.Name || order[i][1] != class {
			t.Errorf("row %d is %s (%s), want %s (%s)", i+1, order[i][2], order[i][1], d.Name, class)
		}
	}
	if strings.Contains(page, "dl-bulletin") || strings.Contains(page, "data-progress") {
		t.Errorf("a whole year's page offers the bulletin or progress words")
	}

	// Over 1-6月: the progress words on the rows, the bulletin offered.
	_, body = post(t, ts.URL+"/", fileField("file", "h1.xlsx", h1Example(t)),
		fileField("duties", "hongqi-2019-duties.xlsx", duties), textField("period", "H1"))
	page = string(body)
	for _, want := range []string{`data-progress="欠进度"`, `data-progress="超进度"`, `id="dl-bulletin"`, "序时进度 50%",
		"有欠进度的指标", `<th class="num">欠进度</th>`, "进度：完成全年目标的"} {
		if !strings.Contains(page, want) {
			t.Errorf("POST / over 1-6月 lacks %q", want)
		}
	}
	for _, word := range []string{"已完成", "超进度", "达进度", "欠进度", "未到期"} {
		if n := strings.Count(page, `data-progress="`+word+`"`); n == 0 && word != "已完成" {
			t.Errorf("no row is %s", word)
		}
	}

	// A 分解表 that does not read: its problems, on the page.
	resp, body = post(t, ts.URL+"/", fileField("file", "hongqi-2019-actuals.xlsx", ex),
		fileField("duties", "说明.txt", []byte("今年的工作要点如下。\n")))
	if resp.StatusCode != 422 || !strings.Contains(string(body), "无法读取分解表 说明.txt：共 1 个问题") ||
		!strings.Contains(string(body), "<code>说明.txt</code>") {
		t.Errorf("POST / with a bad 分解表: %d", resp.StatusCode)
	}
}
