package read

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/cell"
	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// dutiesBook writes rows as a one-sheet workbook; merges are A1 ranges
// ("A1:E1").
func dutiesBook(t *testing.T, rows [][]string, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			if v != "" {
				if err := f.SetCellStr("Sheet1", cell.A1(c, r+1), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, m := range merges {
		from, to, _ := strings.Cut(m, ":")
		if err := f.MergeCell("Sheet1", from, to); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dutyWant is what a case expects of one indicator.
type dutyWant struct {
	lead     string
	partners string // joined by 、
	leaders  string
}

func TestReadDuties(t *testing.T) {
	rs := rules.Default()
	tests := []struct {
		name      string
		file      string
		data      func(t *testing.T) []byte
		want      map[string]dutyWant
		due       map[string]string // task row's 完成时限, by an indicator it covers
		diags     []string          // diagnostics that must be there, as position: summary
		matched   int
		unmatched int
	}{
		{name: "工作任务 with 牵头单位 and 责任单位", file: "t.csv", data: csvOf(
			"序号,工作任务,牵头单位,责任单位,完成时限",
			"1,地区生产总值同比增长8.5%左右,区发改委,区统计局、各街道,2019年12月底"),
			want:    map[string]dutyWant{"gdp_growth": {"区发改委", "区统计局、各街道", ""}},
			due:     map[string]string{"gdp_growth": "2019年12月底"},
			matched: 1},
		{name: "目标任务 with 配合单位", file: "t.csv", data: csvOf(
			"序号,目标任务,牵头单位,配合单位",
			"1,一般公共预算收入同比增长12%,区财政局,区税务局"),
			want: map[string]dutyWant{"revenue_growth": {"区财政局", "区税务局", ""}}, matched: 1},
		{name: "目  标  任  务 with spaces inside", file: "t.csv", data: csvOf(
			"序号,目  标  任  务,责任领导,牵头单位,责任单位",
			"1,固定资产投资同比增长12%,常务副区长,区发改委,区住建局"),
			want: map[string]dutyWant{"fai_growth": {"区发改委", "区住建局", "常务副区长"}}, matched: 1},
		{name: "目标名称 beside 2019年预期目标", file: "t.csv", data: csvOf(
			"序号,目标名称,2019年预期目标,牵头领导,责任单位",
			"1,地区生产总值,增长8.5%左右,区长,区发改委、区统计局",
			"2,居民人均可支配收入,与经济增长同步,分管副区长,区人社局"),
			want: map[string]dutyWant{"gdp_growth": {"区发改委", "区统计局", "区长"},
				"income_growth": {"区人社局", "", "分管副区长"}}, matched: 2},
		{name: "2022年预期目标 as the task column", file: "t.csv", data: csvOf(
			"2022年预期目标,分管领导,责任单位",
			"城镇新增就业1万人以上,分管副区长,区人社局、各街道"),
			want: map[string]dutyWant{"new_urban_jobs": {"区人社局", "各街道", "分管副区长"}}, matched: 1},
		{name: "only 责任单位: the first listed leads, a collective name is passed over", file: "t.csv", data: csvOf(
			"序号,工作任务,责任单位",
			"1,新建区管公厕3座,各街道、区城管局、区住建局"),
			want: map[string]dutyWant{"new_public_toilets": {"区城管局", "各街道、区住建局", ""}}, matched: 1},
		{name: "collective names kept as written", file: "t.csv", data: csvOf(
			"序号,工作任务,牵头单位,责任单位",
			"1,保持12345公共服务热线综合排名全市领先,区政府办,区直各部门；各乡镇,"),
			want: map[string]dutyWant{"hotline_rank": {"区政府办", "区直各部门、各乡镇", ""}}, matched: 1},
		{name: "a row covering two indicators", file: "t.csv", data: csvOf(
			"序号,工作任务,牵头单位,责任单位",
			"1,\"力争全年签约项目40个，总投资320亿元以上\",区商务局,区发改委"),
			want: map[string]dutyWant{"signed_projects": {"区商务局", "区发改委", ""},
				"signed_projects_investment": {"区商务局", "区发改委", ""}}, matched: 1},
		{name: "section rows name the leaders of their tasks", file: "t.csv", data: csvOf(
			"红旗区2019年重点工作任务分解表,,",
			"序号,工作任务,责任单位",
			"一、主要预期目标（责任领导：常务副区长）,,",
			"1,规模以上工业增加值增长10%以上,区工信局、区统计局",
			"二、重点工作任务,,",
			"（一）以“三大攻坚”为突破（分管领导：分管经济工作副区长）,,",
			"2,确保PM10、PM2.5、优良天数等考核指标位居全市前列,区生态环境分局"),
			want: map[string]dutyWant{"industry_va_growth": {"区工信局", "区统计局", "常务副区长"},
				"air_quality_rank": {"区生态环境分局", "", "分管经济工作副区长"}}, matched: 2},
		{name: "完成时限 in the task's text", file: "t.csv", data: csvOf(
			"序号,工作任务,牵头单位",
			"1,大学科技园力争6月份进入实质性动工建设（完成时限：2019年6月底）,区科技局"),
			want: map[string]dutyWant{"university_park_start": {"区科技局", "", ""}},
			due:  map[string]string{"university_park_start": "2019年6月底"}, matched: 1},
		{name: "merged title and a two-row header", file: "t.xlsx", data: func(t *testing.T) []byte {
			return dutiesBook(t, [][]string{
				{"红旗区2019年政府工作报告任务分解表"},
				{"序号", "工作任务", "责任单位", "", "完成时限"},
				{"", "", "牵头单位", "配合单位", ""},
				{"一、主要预期目标"},
				{"1", "社会消费品零售总额增长11%左右", "区商务局", "区统计局", "2019年12月"},
			}, "A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "A4:E4")
		},
			want:    map[string]dutyWant{"retail_growth": {"区商务局", "区统计局", ""}},
			due:     map[string]string{"retail_growth": "2019年12月"},
			matched: 1},
		{name: "unmatched row and a row without lead, at their cells", file: "t.xlsx", data: func(t *testing.T) []byte {
			return dutiesBook(t, [][]string{
				{"序号", "工作任务", "牵头单位", "责任单位"},
				{"1", "完成机构改革收尾工作", "区委编办", "区直各部门"},
				{"2", "进出口总值保持稳定增长", "", "区工信局"},
			})
		},
			want: map[string]dutyWant{"trade_growth": {"", "区工信局", ""}},
			diags: []string{"t.xlsx: Sheet1!B2: 分解表B2的任务“完成机构改革收尾工作”没有对应规则集中的指标",
				"t.xlsx: Sheet1!C3: 分解表C3没有写出“进出口总值”的牵头单位",
				"t.xlsx: 分解表中没有“地区生产总值”的任务，它没有牵头单位"},
			matched: 1, unmatched: 1},
		{name: "numbered list with inline labels", file: "t.txt", data: textOf(
			"红旗区2019年政府工作报告任务分解",
			"",
			"一、主要预期目标（责任领导：常务副区长）",
			"1. 地区生产总值同比增长8.5%左右。（牵头单位：区发改委；责任单位：区统计局、各街道；完成时限：2019年12月底）",
			"2、城镇新增就业1万人以上，城镇登记失业率控制在4%以内。",
			"（责任领导：分管社会事业副区长；责任单位：区人社局）",
			"（3）完成东孟河乡镇水质自动站建设[责任单位：区生态环境分局、区水利局]",
			"二、重点工作任务",
			"4. 完成专利申请量500件 [责任单位：区科技局，区市场监管局]"),
			want: map[string]dutyWant{"gdp_growth": {"区发改委", "区统计局、各街道", "常务副区长"},
				"new_urban_jobs":      {"区人社局", "", "分管社会事业副区长"},
				"unemployment_rate":   {"区人社局", "", "分管社会事业副区长"},
				"patent_applications": {"区科技局", "区市场监管局", ""}},
			due:       map[string]string{"gdp_growth": "2019年12月底"},
			diags:     []string{"t.txt:7:1: 分解表第7行的任务“完成东孟河乡镇水质自动站建设”没有对应规则集中的指标"},
			matched:   3,
			unmatched: 1},
		{name: "unnumbered lines with labels", file: "t.txt", data: textOf(
			"培育纳税百万元以上特色楼宇两座 牵头单位：区商务局 责任单位：区税务局",
			"新增4家大学生见习基地（牵头：区人社局）"),
			want: map[string]dutyWant{"tax_million_buildings": {"区商务局", "区税务局", ""},
				"student_internship_bases": {"区人社局", "", ""}}, matched: 2},
		{name: "cells pasted with tabs", file: "t.txt", data: textOf(
			"序号\t工作任务\t牵头单位\t责任单位",
			"1\t科技创新投入稳步增长\t区科技局\t区财政局、区统计局"),
			want: map[string]dutyWant{"rd_growth": {"区科技局", "区财政局、区统计局", ""}}, matched: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ds := ReadDuties(tt.file, tt.data(t), rs)
			if ds.HasErrors() {
				t.Fatalf("errors: %v", ds.Errors())
			}
			for id, w := range tt.want {
				got := d.ByID[id]
				if got.Lead != w.lead || strings.Join(got.Partners, "、") != w.partners || strings.Join(got.Leaders, "、") != w.leaders {
					t.Errorf("%s: lead %q partners %q leaders %q, want %q %q %q", id, got.Lead, got.Partners, got.Leaders,
						w.lead, w.partners, w.leaders)
				}
			}
			if len(d.ByID) != len(tt.want) {
				t.Errorf("%d indicators covered, want %d: %v", len(d.ByID), len(tt.want), d.ByID)
			}
			for id, due := range tt.due {
				if got := dutyRowOf(d, id).Due; got != due {
					t.Errorf("%s: due %q, want %q", id, got, due)
				}
			}
			for _, want := range tt.diags {
				if !dutyHasDiag(ds, want) {
					t.Errorf("no diagnostic %q in:\n%s", want, ds.Error())
				}
			}
			if d.Matched != tt.matched || d.Unmatched != tt.unmatched {
				t.Errorf("matched %d unmatched %d, want %d %d", d.Matched, d.Unmatched, tt.matched, tt.unmatched)
			}
		})
	}
}

// dutyHasDiag reports whether ds has a diagnostic at the position and with
// the summary of want ("position: summary").
func dutyHasDiag(ds rules.Diagnostics, want string) bool {
	for _, d := range ds {
		if d.Pos.String()+": "+d.Summary == want {
			return true
		}
	}
	return false
}

func dutyRowOf(d Duties, id string) DutyRow {
	for _, r := range d.Rows {
		for _, x := range r.IDs {
			if x == id {
				return r
			}
		}
	}
	return DutyRow{}
}

func csvOf(lines ...string) func(*testing.T) []byte {
	return func(*testing.T) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }
}

func textOf(lines ...string) func(*testing.T) []byte {
	return func(*testing.T) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
}

// TestReadDutiesFixture reads the illustrative 2019 分解表 as the workbook
// (杭州 style) and as the numbered list (inline labels): both say of every
// indicator what fixture.Duties2019 says, and the two tasks the ruleset
// does not judge are the only rows unmatched.
func TestReadDutiesFixture(t *testing.T) {
	rs := rules.Default()
	book, err := fixture.DutiesTable2019()
	if err != nil {
		t.Fatal(err)
	}
	want := fixture.Duties2019()
	tasks := 0
	for _, r := range fixture.DutyRows2019() {
		if r.Section == "" {
			tasks++
		}
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"hongqi-2019-duties.xlsx", book}, {"hongqi-2019-duties.txt", fixture.DutiesText2019()}} {
		t.Run(c.name, func(t *testing.T) {
			d, ds := ReadDuties(c.name, c.data, rs)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			for id, w := range want {
				got := d.ByID[id]
				got.Pos = rules.Pos{}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("%s: %+v, want %+v", id, got, w)
				}
			}
			if len(d.ByID) != len(rs.Indicators) || len(d.Unassigned) != 0 {
				t.Errorf("%d of %d indicators covered, %v without lead", len(d.ByID), len(rs.Indicators), d.Unassigned)
			}
			if d.Matched != tasks-2 || d.Unmatched != 2 || len(ds) != 2 {
				t.Errorf("matched %d unmatched %d of %d tasks; diagnostics:\n%v", d.Matched, d.Unmatched, tasks, ds)
			}
		})
	}
}

func TestReadDutiesRefused(t *testing.T) {
	rs := rules.Default()
	noHeader := func(t *testing.T) []byte {
		return dutiesBook(t, [][]string{{"指标", "本年实际值"}, {"地区生产总值", "8.6"}})
	}
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		want       string
	}{
		{"empty", "t.txt", textOf(""), "t.txt: 分解表中没有找到任何任务"},
		{"a workbook without the header", "t.xlsx", noHeader, "t.xlsx: 分解表中没有找到任何任务"},
		{"a PDF", "t.pdf", func(*testing.T) []byte { return []byte("%PDF-1.4 …") }, "t.pdf: 这是PDF 文档，不是电子表格"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := ReadDuties(tt.file, tt.data(t), rs)
			if !ds.HasErrors() || !strings.Contains(ds.Error(), tt.want) {
				t.Errorf("got %v, want an error %q", ds, tt.want)
			}
		})
	}
}
