package templates

import "github.com/attain-tool/attain/eval"

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
