package read

import (
	"slices"
	"strings"

	"github.com/attain-tool/attain/templates"

	"github.com/attain-tool/attain/rules"
)

// This file refuses, with a message that says what they are, the files
// attain writes itself when they come back as input: its scorecard, its
// JSON output, and a blank template without figures. Each would otherwise
// be read as a table of figures and judged (a scorecard fed back in is
// "93.33/98 优秀"), or judged 无数据 throughout.

// resultHint is the advice for an output of attain given as input.
const resultHint = "评估要用填报的数据：用 attain template 生成的填报模板（填好后），或统计部门的指标表"

// scorecardSheets are the sheets of attain's scorecards (one unit's and a
// city's) beside 总览: a workbook with 总览 and one of them, and without
// the template's 填报表, is a scorecard.
var scorecardSheets = []string{"明细", "任务明细", "口径说明", "数据问题", "回顾文稿", "图表数据", "排名"}

// isScorecard reports whether a workbook of these sheets, saved by app, is
// one of attain's scorecards.
func isScorecard(sheets []string, app string) bool {
	has := map[string]bool{}
	for _, s := range sheets {
		has[s] = true
	}
	if has[templates.InputSheet] || !has["总览"] {
		return false
	}
	if app == "attain" {
		return true
	}
	for _, s := range scorecardSheets {
		if has[s] {
			return true
		}
	}
	return false
}

// scorecardProblem is the refusal of a scorecard.
func scorecardProblem(name string) rules.Diagnostic {
	return rules.Diagnostic{Pos: rules.Pos{File: name}, Hint: resultHint,
		Summary: "这是 attain 写出的评估表，不是填报的数据：评估表（总览、明细、口径说明……）是评估的结果，不能再拿来评估"}
}

// isAttainJSON reports whether a text file's first bytes (lowered, the
// byte order mark and spaces trimmed) are attain's JSON output: one
// unit's assessment or a city's.
func isAttainJSON(head string) bool {
	if !strings.HasPrefix(head, "{") {
		return false
	}
	unit := strings.Contains(head, `"indicators"`) && (strings.Contains(head, `"ruleset"`) || strings.Contains(head, `"total_score"`))
	city := strings.Contains(head, `"units"`) && strings.Contains(head, `"problems"`)
	return unit || city
}

// jsonProblem is the refusal of a JSON file: attain's output, or another.
func jsonProblem(name, head string) rules.Diagnostic {
	d := rules.Diagnostic{Pos: rules.Pos{File: name}, Hint: resultHint,
		Summary: "这是 attain 的 JSON 输出（评估结果），不是填报的数据：评估结果不能再拿来评估"}
	if !isAttainJSON(head) {
		d.Summary, d.Hint = "这是 JSON 文件，不是 CSV 或 .xlsx 表格", importSaveAs
	}
	return d
}

// isJSON reports whether a text file's first bytes look like JSON: an
// object or an array.
func isJSON(head string) bool {
	return strings.HasPrefix(head, "{") || strings.HasPrefix(head, "[{") || strings.HasPrefix(head, "[\n") ||
		strings.HasPrefix(head, "[ ") || strings.HasPrefix(head, "[]")
}

// BlankTemplate is the summary of the refusal of a blank template, for a
// caller that may replace one (attain template --out).
const BlankTemplate = "这是空白填报模板，还没有填报任何数据"

// IsBlankTemplate reports whether ds refuse a blank template, and nothing
// else.
func IsBlankTemplate(ds rules.Diagnostics) bool {
	errs := ds.Errors()
	return len(errs) == 1 && strings.HasPrefix(errs[0].Summary, BlankTemplate)
}

// blankProblem refuses a template read without errors in which not one
// cell of a figure the bureau types (templates.InputFields) holds
// anything: the prefilled, locked baselines are no one's figures.
func blankProblem(name string, rs *rules.Ruleset) rules.Diagnostic {
	var sheets []string
	for _, g := range rs.Groups() {
		if s := "“" + templates.InputSheetOf(rs, g) + "”"; !slices.Contains(sheets, s) {
			sheets = append(sheets, s)
		}
	}
	return rules.Diagnostic{Pos: rules.Pos{File: name},
		Summary: BlankTemplate + "：在" + strings.Join(sheets, "、") + "工作表的黄色单元格填报后再评估",
		Hint:    "用 Excel 或 WPS 打开，填报本年实际值、本年增速等黄色单元格，保存后再评估"}
}
