package templates

import (
	"bytes"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// unitsRules is a small city ruleset: a growth rate scored by rank points,
// a level scored by the efficacy coefficient, a lower-is-better level that
// must rank among the first two, and a 一票否决 verdict.
const unitsRules = `ruleset: city-test
title: 测试市2019年目标
entity: 测试市
year: 2019
indicators:
  - id: gdp_growth
    name: 地区生产总值
    aliases: [GDP]
    category: 总量
    measure: growth
    unit: "%"
    level_unit: 亿元
    target: {kind: approx, value: 8, text: 增长8%左右}
    weight: 40
    scoring: {method: rank_points, step: 0.1}
  - id: new_urban_jobs
    name: 城镇新增就业
    category: 民生
    measure: level
    unit: 人
    precision: 0
    target: {kind: at_least, value: 10000, text: 1万人以上}
    weight: 30
    scoring: {method: efficacy}
  - id: pm25
    name: PM2.5平均浓度
    category: 民生
    measure: level
    unit: 微克/立方米
    polarity: lower
    period: rate
    target: {kind: top_n, n: 2, text: 位居全市前列}
    weight: 20
    scoring: {method: pass_fail}
  - id: safety
    name: 安全生产
    category: 民生
    measure: yes_no
    unit: 是/否
    target: {kind: yes_no, text: 不发生较大事故}
    weight: 10
    scoring: {method: pass_fail}
    veto: true
`

func unitsTestRules(t testing.TB) *rules.Ruleset {
	t.Helper()
	rs, diags := rules.Parse("city.yaml", []byte(unitsRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return rs
}

// unitsFigures are the same figures written in every layout: unit →
// indicator id → the judged figure as typed. 红旗区 and 卫滨区 tie on GDP.
type unitsFigures struct {
	units []string
	ids   []string
	v     map[string]map[string]string
}

func unitsTestFigures() unitsFigures {
	return unitsFigures{
		units: []string{"红旗区", "卫滨区", "牧野区", "凤泉区"},
		ids:   []string{"gdp_growth", "new_urban_jobs", "pm25", "safety"},
		v: map[string]map[string]string{
			"红旗区": {"gdp_growth": "8.6", "new_urban_jobs": "12000", "pm25": "52", "safety": "是"},
			"卫滨区": {"gdp_growth": "8.6", "new_urban_jobs": "9000", "pm25": "48", "safety": "是"},
			"牧野区": {"gdp_growth": "7.9", "new_urban_jobs": "10000", "pm25": "60", "safety": "是"},
			"凤泉区": {"gdp_growth": "9.1", "new_urban_jobs": "11000", "pm25": "55", "safety": "否"},
		},
	}
}

// unitsTestColumn is the column a figure goes to in a long table.
var unitsTestColumn = map[string]string{"gdp_growth": "本年增速(%)", "new_urban_jobs": "本年实际值",
	"pm25": "本年实际值", "safety": "是否完成"}

// unitsLongBook writes the figures as one long table, columns in an
// unusual order, the unit named only on its first row (a merged cell).
func unitsLongBook(t testing.TB, fg unitsFigures) []byte {
	b := newUnitsBook(t, "数据")
	head := []string{"指标", "单位", "本年增速(%)", "是否完成", "本年实际值", "备注"}
	b.row("数据", 1, "2019年各县（市、区）主要指标完成情况")
	b.row("数据", 2, head...)
	r := 3
	for _, u := range fg.units {
		for k, id := range fg.ids {
			vals := make([]string, len(head))
			vals[0] = unitsTestRules(t).Indicator(id).Name
			if k == 0 {
				vals[1] = u
			}
			for i, h := range head {
				if h == unitsTestColumn[id] {
					vals[i] = fg.v[u][id]
				}
			}
			b.row("数据", r, vals...)
			r++
		}
	}
	b.row("数据", r+1, "注：本表由各县（市、区）统计局填报")
	return b.bytes()
}

// unitsTargetsBook writes a targets table, wide or long.
func unitsTargetsBook(t testing.TB, long bool) []byte {
	b := newUnitsBook(t, "说明")
	b.row("说明", 1, "目标表")
	b.sheet("目标")
	if long {
		b.row("目标", 1, "单位", "指标", "目标")
		b.row("目标", 2, "红旗区", "地区生产总值", "9")
		b.row("目标", 3, "", "城镇新增就业", "13000") // the unit of the row above
		b.row("目标", 4, "卫滨区", "GDP", "8.5%")
		b.row("目标", 5, "新乡县", "地区生产总值", "7")
		return b.bytes()
	}
	b.row("目标", 1, "单位", "地区生产总值", "new_urban_jobs", "备注", "人均GDP")
	b.row("目标", 2, "红旗区", "9", "13000")
	b.row("目标", 3, "卫滨区", "", "", "沿用市定目标")
	b.row("目标", 4, "新乡县", "7", "-")
	// 卫滨区's GDP target as a percent-formatted fraction.
	if err := b.f.SetCellDefault("目标", "B3", "0.085"); err != nil {
		t.Fatal(err)
	}
	style, _ := b.f.NewStyle(&excelize.Style{NumFmt: 10})
	b.f.SetCellStyle("目标", "B3", "B3", style)
	return b.bytes()
}

// unitsBook builds a fixture workbook cell by cell.
type unitsBook struct {
	t testing.TB
	f *excelize.File
}

func newUnitsBook(t testing.TB, first string) *unitsBook {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		t.Fatal(err)
	}
	return &unitsBook{t: t, f: f}
}

func (b *unitsBook) sheet(name string) {
	b.t.Helper()
	if _, err := b.f.NewSheet(name); err != nil {
		b.t.Fatal(err)
	}
}

// row writes values from column A of row r; a value that reads as a plain
// number becomes a number cell, the rest text; "" leaves the cell empty.
func (b *unitsBook) row(sheet string, r int, vals ...string) {
	b.t.Helper()
	for i, v := range vals {
		if v == "" {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, r)
		var err error
		if fillNumber.MatchString(v) {
			err = b.f.SetCellDefault(sheet, ref, v)
		} else {
			err = b.f.SetCellStr(sheet, ref, v)
		}
		if err != nil {
			b.t.Fatal(err)
		}
	}
}

func (b *unitsBook) bytes() []byte {
	b.t.Helper()
	var buf bytes.Buffer
	if err := b.f.Write(&buf); err != nil {
		b.t.Fatal(err)
	}
	b.f.Close()
	return buf.Bytes()
}
