package read

import (
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/rules"
)

// This file words, in Chinese, what the stream scanner found wrong with a
// workbook (an *xlsxscan.Error) and what the grid refused (a gridError):
// where (file, sheet, the row after which the sheet is damaged, the cell),
// what, and what to do.

// gridError is a sheet whose grid would pass the limit on grid cells.
type gridError struct {
	sheet string
	row   int // the row at which the budget ran out
	limit int
}

func (e *gridError) Error() string {
	return fmt.Sprintf("sheet %q: more than %d grid cells at row %d", e.sheet, e.limit, e.row)
}

// mib writes a size in MiB, or in KiB below one.
func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// damagedHint is the advice for a sheet or part that is damaged.
const damagedHint = "文件已损坏或由其他软件生成得不规范：在 Excel 或 WPS 中打开（必要时让它修复），另存为 .xlsx 后再导入；不要只读取前面的部分"

// bigHint is the advice for a workbook past a limit.
const bigHint = "指标表只需一张小表：删去无关的工作表、行列、图片后另存再导入；如果文件来历不明，不要打开它"

// scanProblem words an error of the stream scanner, or of the grid, as a
// diagnostic positioned at the file, the sheet and the cell.
func scanProblem(name string, err error, lim limits, p openFor) rules.Diagnostic {
	file := rules.Pos{File: name}
	var ge *gridError
	if errors.As(err, &ge) {
		return rules.Diagnostic{Pos: rules.Pos{File: name, Sheet: ge.sheet}, Hint: bigHint + "（特别是远在右侧或下方的零星单元格）",
			Summary: fmt.Sprintf("工作表“%s”过大：读到第%d行时，各行从 A 列算到最后一个单元格已超过 %d 个单元格，不予读取", ge.sheet, ge.row, ge.limit)}
	}
	var e *xlsxscan.Error
	if !errors.As(err, &e) {
		return rules.Diagnostic{Pos: file, Hint: "文件可能已损坏或不完整；" + p.saveAs(), Summary: fmt.Sprintf("无法读取工作簿（%s）", importShortErr(err))}
	}
	pos := rules.Pos{File: name, Sheet: e.Sheet, Cell: e.Cell}
	where := scanWhere(e)
	d := rules.Diagnostic{Pos: pos, Hint: damagedHint}
	switch e.Kind {
	case xlsxscan.KindZip:
		d.Pos = file // the part named in the message, not a cell
		d.Hint = "文件可能没有下载或复制完整：重新获取原文件；" + p.saveAs()
		if !importZipDamage(e.Err) { // the file could not be read (a disk, a network share)
			d.Summary, d.Hint = fmt.Sprintf("读取文件出错（%s）", importShortErr(e.Err)), "确认文件可以打开，再试一次"
			break
		}
		if e.Part == "" {
			d.Summary = fmt.Sprintf("文件不完整或已损坏，无法作为 .xlsx 打开（%s）", importZipReason(e.Err))
		} else {
			d.Summary = fmt.Sprintf("文件已损坏：其中的 %s 无法解压（%s）", importCut(e.Part, 60), importZipReason(e.Err))
		}
	case xlsxscan.KindNotWorkbook:
		d.Pos, d.Hint = file, "确认选对了文件：需要 .xlsx 工作簿"
		switch e.Value {
		case "word/document.xml":
			d.Hint += "；Word 里的表格请复制到 Excel/WPS 表格后另存为 .xlsx"
			d.Summary = "这是 Word 文档（.docx），不是电子表格"
		case "ppt/presentation.xml":
			d.Summary = "这是 PowerPoint 演示文稿（.pptx），不是电子表格"
		default:
			d.Summary = "这是一个 zip 压缩包，里面没有 Excel 工作簿（缺少 xl/workbook.xml）"
		}
	case xlsxscan.KindPart:
		d.Hint = "文件可能已损坏或不完整；" + p.saveAs()
		d.Summary = fmt.Sprintf("工作簿已损坏：%s无法解析", where)
		var se *xml.SyntaxError
		if errors.As(e.Err, &se) {
			d.Summary = fmt.Sprintf("工作簿已损坏：%s第 %d 行无法解析", where, se.Line)
		}
	case xlsxscan.KindLimit:
		d = limitProblem(name, e, lim)
	default:
		d.Summary = where + damageWords(e)
	}
	return d
}

// scanWhere names the place of a scanner error: the sheet and the row
// after which it is damaged, or the part.
func scanWhere(e *xlsxscan.Error) string {
	switch {
	case e.Sheet != "" && e.Row == 0:
		return fmt.Sprintf("工作表“%s”从开头起已损坏：", e.Sheet)
	case e.Sheet != "":
		return fmt.Sprintf("工作表“%s”在第%d行之后已损坏：", e.Sheet, e.Row)
	case e.Part != "" && partIsSST(e.Part):
		return "工作簿的共享字符串表（" + e.Part + "）已损坏："
	case e.Part != "":
		return "工作簿的 " + e.Part + " "
	}
	return ""
}

func partIsSST(part string) bool { return strings.EqualFold(path.Base(part), "sharedStrings.xml") }

// damageWords says what is wrong in a damaged part.
func damageWords(e *xlsxscan.Error) string {
	in := ""
	if e.Cell != "" {
		in = "单元格 " + e.Cell + " "
	}
	switch e.Kind {
	case xlsxscan.KindTruncated:
		return "XML 提前结束（文件可能被截断），其后的内容无法读取"
	case xlsxscan.KindSyntax:
		return fmt.Sprintf("XML 格式错误（%s），其后的内容无法读取", importCut(e.Value, 20))
	case xlsxscan.KindEntity:
		if e.Value == "&" || len(e.Value) > 0 && e.Value[len(e.Value)-1] != ';' {
			return fmt.Sprintf("%s含有未转义的“&”（%s），其后的内容无法读取", in, importCut(e.Value, 12))
		}
		return fmt.Sprintf("%s含有 XML 未定义的实体“%s”（网页的写法，Excel 不会这样保存），其后的内容无法读取", in, importCut(e.Value, 12))
	case xlsxscan.KindRowNumber:
		return fmt.Sprintf("行号“%s”无效（工作表最多 %d 行），其后的内容无法读取", importCut(e.Value, 12), xlsxscan.MaxRows)
	case xlsxscan.KindCellRef:
		return fmt.Sprintf("单元格引用“%s”无效（工作表最多到 XFD 列），其后的内容无法读取", importCut(e.Value, 20))
	case xlsxscan.KindSharedString:
		return fmt.Sprintf("%s的共享字符串编号“%s”无效，其后的内容无法读取", in, importCut(e.Value, 12))
	case xlsxscan.KindNoSheet:
		return "找不到工作表“" + e.Sheet + "”"
	}
	return e.Error()
}

// limitProblem words a limit of the table in limits.go that a workbook
// passes.
func limitProblem(name string, e *xlsxscan.Error, lim limits) rules.Diagnostic {
	d := rules.Diagnostic{Pos: rules.Pos{File: name, Sheet: e.Sheet, Cell: e.Cell}, Hint: bigHint}
	sheet := "工作簿"
	if e.Sheet != "" {
		sheet = "工作表“" + e.Sheet + "”"
	}
	s := lim.scan
	switch e.Limit {
	case xlsxscan.LimitUnzip:
		d.Summary = fmt.Sprintf("工作簿解压后超过 %d MiB（声明大小 %d MiB），不予读取", s.Unzip>>20, e.N>>20)
	case xlsxscan.LimitToken:
		d.Summary = fmt.Sprintf("%s中有一段超过 %s 的 XML（一个标签或一段文字），不予读取", sheet, mib(int64(s.Token)))
	case xlsxscan.LimitSharedStrings:
		d.Hint = "正常的指标表只有几百个不同的文字；这个文件可能由程序生成或已损坏：在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
		d.Summary = fmt.Sprintf("工作簿的共享字符串表超过 %d 项（包括空项），不予读取", s.SharedStrings)
	case xlsxscan.LimitSharedStringBytes:
		d.Summary = fmt.Sprintf("工作簿的共享字符串表的文字超过 %s，不予读取", mib(s.SharedStringBytes))
	case xlsxscan.LimitMergeCells:
		d.Summary = fmt.Sprintf("%s的合并单元格超过 %d 处，不予读取", sheet, s.MergeCells)
	case xlsxscan.LimitMergeArea:
		d.Summary = fmt.Sprintf("%s的合并单元格共覆盖超过 %d 个单元格，不予读取", sheet, s.MergeArea)
	default:
		d.Summary = fmt.Sprintf("%s超过读取上限，不予读取", sheet)
	}
	return d
}
