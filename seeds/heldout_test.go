package seeds

import "testing"

// heldOutCases were written after the extractor and the cases of
// sentences_test.go, and run against it once before any change, to measure
// how it reads sentences it was not built on. That first run read 41 of the
// 47 wanted targets (87.2%) with 7 wrong ones, 2 of them in the 10
// negatives (precision 85.4%); the extractor was then fixed for what it
// missed, so these cases are no longer held out (see TestHeldOutRecall).
var heldOutCases = []sentenceCase{
	{name: "h_gdp_revenue", text: "全市地区生产总值增长7.5%左右，一般公共预算收入增长7%。", want: []string{
		"全市地区生产总值 growth approx 7.5 %", "一般公共预算收入 growth at_least 7 %"}},
	{name: "h_industry_services", text: "规模以上工业增加值增长8%左右，服务业增加值增长9%。", want: []string{
		"规模以上工业增加值 growth approx 8 %", "服务业增加值 growth at_least 9 %"}},
	{name: "h_incomes", text: "城镇居民人均可支配收入增长8.5%，农村居民人均可支配收入增长9%。", want: []string{
		"城镇居民人均可支配收入 growth at_least 8.5 %", "农村居民人均可支配收入 growth at_least 9 %"}},
	{name: "h_energy_verdict", text: "万元生产总值能耗完成省下达目标。", want: []string{"万元生产总值能耗 yes_no yes_no - 是/否"}},
	{name: "h_fai_level", text: "全年完成固定资产投资1200亿元。", want: []string{"完成固定资产投资 level at_least 1200 亿元"}},
	{name: "h_jobs_rate", text: "新增城镇就业4.5万人，城镇登记失业率控制在3.5%以内。", want: []string{
		"新增城镇就业 level at_least 4.5 万人", "城镇登记失业率 level at_most 3.5 % lower"}},
	{name: "h_retail_level_growth", text: "实现社会消费品零售总额850亿元，增长10%。", want: []string{
		"社会消费品零售总额 level at_least 850 亿元", "社会消费品零售总额（2） growth at_least 10 %"}},
	{name: "h_grain", text: "粮食总产量稳定在500万吨以上。", want: []string{"粮食总产量 level at_least 500 万吨"}},
	{name: "h_pm25_down_to", text: "全年PM2.5平均浓度下降到50微克/立方米以下。", want: []string{
		"PM2.5平均浓度 level at_most 50 微克/立方米 lower"}},
	{name: "h_good_days", text: "空气质量优良天数达到240天以上。", want: []string{"空气质量优良天数 level at_least 240 天"}},
	{name: "h_roads_parking", text: "新建改建农村公路300公里，新增公共停车位5000个。", want: []string{
		"新建改建农村公路 level at_least 300 公里", "新增公共停车位 level at_least 5000 个"}},
	{name: "h_5g", text: "年内建成5G基站3000个以上。", want: []string{"建成5G基站 level at_least 3000 个"}},
	{name: "h_breakdown", text: "全年引进亿元以上项目80个，其中10亿元以上项目10个。", want: []string{
		"引进亿元以上项目 level at_least 80 个"}},
	{name: "h_high_tech_total", text: "力争高新技术企业总数突破500家。", want: []string{"高新技术企业总数 level above 500 家"}},
	{name: "h_rd_share", text: "研发经费支出占生产总值比重提高到2.2%。", want: []string{"研发经费支出占生产总值比重 level at_least 2.2 %"}},
	{name: "h_urbanisation_points", text: "全市常住人口城镇化率提高1.5个百分点。", want: []string{
		"全市常住人口城镇化率提高 level at_least 1.5 个百分点"}},
	{name: "h_national_verdict", text: "确保完成国家下达的节能减排任务。", want: []string{"国家下达的节能减排任务 yes_no yes_no - 是/否"}},
	{name: "h_in_step_he", text: "居民收入增长和经济增长保持同步。", want: []string{"居民收入 growth positive - %"}},
	{name: "h_trade", text: "外贸进出口总额增长5%以上。", want: []string{"外贸进出口总额 growth at_least 5 %"}},
	{name: "h_fdi", text: "实际使用外资增长3%。", want: []string{"实际使用外资 growth at_least 3 %"}},
	{name: "h_surveyed_cap", text: "城镇调查失业率控制在5.5%左右。", want: []string{"城镇调查失业率 level approx 5.5 % lower"}},
	{name: "h_cpi_cap", text: "居民消费价格总水平涨幅控制在3%左右。", want: []string{"居民消费价格总水平 growth approx 3 % lower"}},
	{name: "h_count_before_noun", text: "完成10个老旧小区改造。", want: []string{"完成老旧小区改造 level at_least 10 个"}},
	{name: "h_schools", text: "新建、改扩建中小学和幼儿园15所。", want: []string{"新建、改扩建中小学和幼儿园 level at_least 15 所"}},
	{name: "h_september", text: "9月底前全面完成国有企业公司制改制。", want: []string{
		"全面完成国有企业公司制改制 milestone by_date - 日期 due=2019-09"}},
	{name: "h_year_end", text: "年底前建成投用城市智慧停车平台。", want: []string{
		"建成投用城市智慧停车平台 milestone by_date - 日期 due=2019-12"}},
	{name: "h_rank", text: "经济增速保持全省前列。", want: []string{"经济增速 rank top_n - 名"}},
	{name: "h_tourism", text: "全年接待游客增长12%，旅游总收入增长15%以上。", want: []string{
		"接待游客 growth at_least 12 %", "旅游总收入 growth at_least 15 %"}},
	{name: "h_registered_urbanisation", text: "户籍人口城镇化率达到45%。", want: []string{"户籍人口城镇化率 level at_least 45 %"}},
	{name: "h_co2", text: "单位生产总值二氧化碳排放量降低4%。", want: []string{"单位生产总值二氧化碳排放量降幅 growth at_least 4 %"}},
	{name: "h_person_times", text: "全年新增农村劳动力转移就业2万人次。", want: []string{"新增农村劳动力转移就业 level at_least 2 万人次"}},
	{name: "h_school_places", text: "新增各类学位8000个。", want: []string{"新增各类学位 level at_least 8000 个"}},
	{name: "h_green_cover", text: "建成区绿化覆盖率达到40%以上。", want: []string{"建成区绿化覆盖率 level at_least 40 %"}},
	{name: "h_waste", text: "城市生活垃圾无害化处理率达到100%。", want: []string{"城市生活垃圾无害化处理率 level at_least 100 %"}},
	{name: "h_trade_level_growth", text: "全年实现进出口总额100亿美元，同比增长6%。", want: []string{
		"进出口总额 level at_least 100 亿美元", "进出口总额（2） growth at_least 6 %"}},
	{name: "h_by_2022_clause", text: "到2022年，全市数字经济规模突破1000亿元。", want: []string{
		"全市数字经济规模 level above 1000 亿元 years=4"}},
	{name: "h_two_years_listed", text: "两年内新增上市企业5家。", want: []string{"新增上市企业 level at_least 5 家 years=2"}},
	{name: "h_points_then_level", text: "森林覆盖率提高0.5个百分点，达到31%。", want: []string{
		"森林覆盖率提高 level at_least 0.5 个百分点", "森林覆盖率 level at_least 31 %"}},
}

var heldOutNegatives = []negativeCase{
	{"h_past_year", "2018年全市实现地区生产总值3000亿元。"},
	{"h_stock", "全市共有规模以上工业企业1200家，其中高新技术企业300家。"},
	{"h_area", "我市地处中原腹地，总面积8000平方公里。"},
	{"h_quoted", "坚持“两个毫不动摇”，落实“三个没有变”。"},
	{"h_closing_year", "今年是全面建成小康社会和“十三五”规划收官之年。"},
	{"h_review", "回顾过去五年，全市生产总值年均增长7.8%。"},
	{"h_reforms", "深化“放管服”改革，推行“一网通办”，实现“最多跑一次”。"},
	{"h_belt_road", "建设“一带一路”节点城市。"},
	{"h_project_name", "实施“十百千”工程。"},
	{"h_already", "全市森林覆盖率已达到30.2%。"},
}

func TestHeldOut(t *testing.T) {
	checkSentences(t, heldOutCases, heldOutNegatives)
}

// TestHeldOutRecall measures recall and precision on the held-out cases.
func TestHeldOutRecall(t *testing.T) {
	r := measureRecall(t, heldOutCases, heldOutNegatives)
	t.Logf("held-out sentences: recall %d/%d = %.1f%%, precision %d/%d = %.1f%% (%d targets found in %d negatives)",
		r.matched, r.wanted, pct(r.matched, r.wanted), r.matched, r.found, pct(r.matched, r.found), r.falsePos, len(heldOutNegatives))
}
