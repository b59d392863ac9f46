package seeds

import (
	"strings"
	"testing"
)

// TestGuessYear: the year a report's targets are for, from the strongest
// clue it has.
func TestGuessYear(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"the headline sentence", "2019年经济社会发展预期目标：地区生产总值同比增长8.5%左右。", 2019},
		{"发展 before 主要预期目标", "2018年发展主要预期目标是：地区生产总值增长8%，城镇新增就业1万人以上。", 2018},
		{"全区 and 的", "2019年全区经济社会发展的主要预期目标是：地区生产总值增长8.5%左右。", 2019},
		{"主要目标", "2021年的主要目标是：地区生产总值增长6%以上。", 2021},
		{"a review before the plan", "2018年，全区地区生产总值完成193.2亿元。2019年全区发展的主要预期目标是：增长8.5%左右。", 2019},
		{"a review of last year's targets only", "2018年圆满完成了全年预期目标任务，地区生产总值增长8%。", 2019},
		{"a review heading only", "一、2018年工作回顾\n过去的一年，全区上下攻坚克难。", 2019},
		{"今年, the date line", "——2019年3月31日在红旗区第十四届人民代表大会第四次会议上\n" +
			"一、2018年工作回顾\n今年经济社会发展的主要预期目标是：地区生产总值增长8.5%左右。", 2019},
		{"今年, the title", "红旗区2020年政府工作报告\n今年全区发展的主要预期目标是：地区生产总值增长6%。", 2020},
		{"今年, no year of its own, a review", "一、2018年工作回顾\n今年发展的主要预期目标是：增长8.5%左右。", 2019},
		{"the year's work", "一、2018年工作回顾\n三、2019年工作安排\n新建公厕3座。", 2019},
		{"the date line only", "——2019年1月10日在某区第十届人民代表大会第三次会议上\n新建公厕3座。", 2019},
		{"no year", "各位代表：\n现在，我代表区人民政府向大会报告工作。", 0},
		{"今年 without any year", "今年经济社会发展的主要预期目标是：地区生产总值增长8.5%左右。", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guessYear(tt.text); got != tt.want {
				t.Errorf("guessYear = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestExtractYear: a paragraph that says "2018年发展主要预期目标是" is read
// as 2018's targets.
func TestExtractYear(t *testing.T) {
	d, diags := Extract("p.txt", []byte("2018年发展主要预期目标是：地区生产总值增长8%，城镇新增就业1万人以上。"), Options{Entity: "某区"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if d.Ruleset.Year != 2018 || d.Ruleset.ID != "draft-2018" || len(d.Todo) != 0 {
		t.Errorf("year %d, id %q, todo %q", d.Ruleset.Year, d.Ruleset.ID, d.Todo)
	}
	if len(d.Targets) != 2 || d.Targets[0].ID != "gdp_growth" || d.Targets[1].ID != "new_urban_jobs" {
		t.Errorf("targets %+v", d.Targets)
	}
}

// TestExtractNoYear: without a year the draft is written with its year to
// be decided, as weights are: a warning, year 0 marked todo in YAML and
// JSON; nothing fails.
func TestExtractNoYear(t *testing.T) {
	d, diags := Extract("p.txt", []byte("今年经济社会发展的主要预期目标是：地区生产总值增长8.5%左右。"), Options{Entity: "某区"})
	if diags.HasErrors() {
		t.Fatalf("errors: %v", diags)
	}
	if w := diags.Error(); !strings.Contains(w, "p.txt:1:1: 警告: 无法从报告中判断年份") || !strings.Contains(w, "草稿的 year 待定") {
		t.Errorf("warning: %v", diags)
	}
	if d.Ruleset.Year != 0 || d.Ruleset.ID != "draft" || len(d.Targets) != 1 {
		t.Errorf("year %d, id %q, %d targets", d.Ruleset.Year, d.Ruleset.ID, len(d.Targets))
	}
	y, err := d.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(y), "\nyear: 0 # todo: "+TodoYear+"\n") {
		t.Errorf("YAML without the year's todo:\n%s", y)
	}
	j, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), `"todo": [`+"\n    \""+TodoYear+`"`) {
		t.Errorf("JSON without the year's todo:\n%s", j)
	}
}
