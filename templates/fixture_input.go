package templates

import (
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// inTestRulesYAML is a small ruleset with one indicator of every measure,
// growth with and without a baseline level.
const inTestRulesYAML = `ruleset: test-2020
title: 测试区2020年主要预期目标
entity: 测试区
year: 2020
indicators:
  - id: gdp_growth
    name: 地区生产总值
    aliases: [GDP]
    category: 总量
    measure: growth
    unit: "%"
    level_unit: 亿元
    target: {kind: at_least, value: 6, text: 增长6%}
    baseline: {level: 100}
    weight: 10
  - id: export_growth
    name: 外贸出口
    aliases: [出口总额]
    category: 总量
    measure: growth
    unit: "%"
    level_unit: 亿元
    target: {kind: positive, text: 保持稳定增长}
    derive_growth: true
    weight: 10
    scoring: {method: pass_fail}
  - id: new_jobs
    name: 城镇新增就业
    category: 民生
    measure: level
    unit: 人
    precision: 0
    target: {kind: at_least, value: 5000, text: 5000人以上}
    weight: 10
  - id: services_rank
    name: 公共服务水平
    category: 民生
    measure: rank
    unit: 名
    precision: 0
    target: {kind: top_n, text: 位于全市前列}
    weight: 10
    scoring: {method: pass_fail}
  - id: binding
    name: 约束性指标
    category: 民生
    measure: yes_no
    unit: 是/否
    precision: 0
    target: {kind: yes_no, text: 完成市定目标}
    weight: 10
    scoring: {method: pass_fail}
  - id: plant_start
    name: 新厂开工
    category: 结构
    measure: milestone
    unit: 日期
    precision: 0
    target: {kind: by_date, due: 2020-04, text: 4月份开工}
    weight: 10
    scoring: {method: pass_fail}
`

func inTestRules(t testing.TB) *rules.Ruleset {
	t.Helper()
	rs, diags := rules.Parse("test-2020.yaml", []byte(inTestRulesYAML))
	if diags.HasErrors() {
		t.Fatalf("test ruleset: %v", diags)
	}
	return rs
}

// inTestRow returns the row holding indicator id in column A.
func inTestRow(t testing.TB, f *excelize.File, id string) int {
	t.Helper()
	rows, err := f.GetRows(InputSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row for %s", id)
	return 0
}
