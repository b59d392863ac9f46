package templates

import (
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// fillNumber is a number FillTemplate writes as a number cell, keeping the
// text as the raw value (so that a fixture can hold 8.5000000000000006E-2).
var fillNumber = regexp.MustCompile(`^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$`)

// FillTemplate writes the input template of rs for entity (rs.Entity when
// empty) with figures typed into it, each on its group's sheet (填报表,
// 重点工作任务), and banner (when not empty) as the first line of every input
// sheet and as a note on its cell. It makes examples and test fixtures.
//
// values maps an indicator id to its figures by field. A figure that reads
// as a plain number (12.5, -1.5, 8.5000000000000006E-2) is written as a
// number cell whose raw value is exactly that text; anything else, and
// every 是否完成 and 完成日期 figure, is written as text. Figures may go to
// any figure column, also one that is locked for the indicator (a revised
// baseline, say).
func FillTemplate(w io.Writer, rs *rules.Ruleset, entity string, values map[string]map[eval.Field]string, banner string) error {
	b, err := newInputBook(rs, entity, banner)
	if err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	defer b.f.Close()
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		row, ok := b.rows[id]
		if !ok {
			return fmt.Errorf("fill template: no indicator %q in ruleset %s", id, rs.ID)
		}
		sheet := b.sheets[id]
		for field, v := range values[id] {
			col := inputColOf(field)
			if col < 0 {
				return fmt.Errorf("fill template: %s: unknown field %q", id, field)
			}
			cell := inputCell(col, row)
			switch {
			case field != eval.FieldDone && field != eval.FieldDate && fillNumber.MatchString(v):
				err = b.f.SetCellDefault(sheet, cell, v)
			default:
				err = b.f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				return fmt.Errorf("fill template: %s %s: %w", id, field, err)
			}
		}
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	return nil
}

// ExampleBanner marks the example workbook as illustrative.
const ExampleBanner = "示例数据，仅用于演示，非官方统计数据（Illustrative figures, not official statistics）"

// ExampleValues2019 returns the illustrative figures of the example
// workbook examples/hongqi-2019-actuals.xlsx, made by cmd/mkfixtures for
// the embedded 2019 ruleset. They are invented, not official statistics,
// and chosen so that the assessment shows every verdict.
//
// 主要预期目标: 超额完成 (固定资产投资, 规上工业, 就业), 完成 (GDP, and 一般公共
// 预算收入 derived from levels at exactly 12.0%), 基本完成 (社零), 未完成 (科技
// 创新投入 falling).
//
// 重点工作任务: most met or exceeded; 基本完成 (征收房屋 at 92.3%, 服务业税收
// 贡献 0.4 个百分点 short, and 大学科技园 breaking ground in August, two months
// late); 未完成 (销售房屋, 中德产业园企业落位, 社会事业项目); 进行中 (装配式建筑
// 基地, 260 of 1000 亩 in the first of five years, and 国际合作院校, none yet
// in the first of two); 无数据 (12345热线排名, not yet published by the city).
func ExampleValues2019() map[string]map[eval.Field]string {
	return map[string]map[eval.Field]string{
		"gdp_growth":           {eval.FieldGrowth: "8.6"},
		"fai_growth":           {eval.FieldGrowth: "12.8"},
		"retail_growth":        {eval.FieldGrowth: "9.8"},
		"trade_growth":         {eval.FieldLevel: "4.2", eval.FieldPrevLevel: "3.9"},
		"industry_va_growth":   {eval.FieldGrowth: "10.5"},
		"rd_growth":            {eval.FieldGrowth: "-1.5"},
		"revenue_growth":       {eval.FieldLevel: "9.1392"},
		"new_urban_jobs":       {eval.FieldLevel: "10250"},
		"unemployment_rate":    {eval.FieldLevel: "3.6"},
		"income_growth":        {eval.FieldGrowth: "8.9"},
		"public_services_rank": {eval.FieldRank: "2"},
		"binding_targets":      {eval.FieldDone: "是"},

		"illegal_fundraising_task":   {eval.FieldDone: "是"},
		"air_quality_rank":           {eval.FieldRank: "2"},
		"renovation_investment":      {eval.FieldLevel: "103.6"},
		"renovation_started_area":    {eval.FieldLevel: "126.5"},
		"houses_expropriated_area":   {eval.FieldLevel: "92.3"},
		"houses_sold_area":           {eval.FieldLevel: "68.4"},
		"key_projects":               {eval.FieldLevel: "212"},
		"key_projects_investment":    {eval.FieldLevel: "171.2"},
		"signed_projects":            {eval.FieldLevel: "42"},
		"signed_projects_investment": {eval.FieldLevel: "335.6"},
		"talent_teams":               {eval.FieldLevel: "5"},
		"international_college":      {eval.FieldLevel: "0"},
		"park863_tenants":            {eval.FieldLevel: "12"},
		"mobile_park_firms":          {eval.FieldLevel: "16"},
		"zhongde_park_phase1_start":  {eval.FieldDone: "是", eval.FieldDate: "2019-04-18"},
		"zhongde_park_reserve_firms": {eval.FieldLevel: "41"},
		"zhongde_park_settled_firms": {eval.FieldLevel: "17"},
		"hr_park_tenants":            {eval.FieldLevel: "103"},
		"hr_park_tax":                {eval.FieldLevel: "6350"},
		"printing3d_park_firms":      {eval.FieldLevel: "15"},
		"prefab_base_area":           {eval.FieldLevel: "260"},
		"crossborder_park_tenants":   {eval.FieldLevel: "152"},
		"crossborder_park_turnover":  {eval.FieldLevel: "21.35"},
		"university_park_start":      {eval.FieldDone: "是", eval.FieldDate: "2019-08-20"},
		"firms_output_over_100m":     {eval.FieldLevel: "3"},
		"services_firm_share":        {eval.FieldLevel: "93.2"},
		"tertiary_va_share":          {eval.FieldLevel: "82.6"},
		"services_tax_share":         {eval.FieldLevel: "38.1"},
		"tax_million_buildings":      {eval.FieldLevel: "2"},
		"tech_sme_registrations":     {eval.FieldLevel: "18"},
		"patent_applications":        {eval.FieldLevel: "612"},
		"new_public_toilets":         {eval.FieldLevel: "3"},
		"upgraded_public_toilets":    {eval.FieldLevel: "4"},
		"model_communities":          {eval.FieldLevel: "12"},
		"model_streets":              {eval.FieldLevel: "8"},
		"markets_upgraded":           {eval.FieldLevel: "8"},
		"pocket_parks":               {eval.FieldLevel: "20"},
		"new_green_area":             {eval.FieldLevel: "2.35"},
		"model_green_villages":       {eval.FieldLevel: "2"},
		"safe_water_villages":        {eval.FieldLevel: "15"},
		"smart_farm_operation":       {eval.FieldDone: "是", eval.FieldDate: "2019-12-26"},
		"social_projects":            {eval.FieldLevel: "10"},
		"student_internship_bases":   {eval.FieldLevel: "4"},
	}
}
