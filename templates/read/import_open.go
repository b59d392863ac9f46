package read

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// This file tells what kind of file an import was given and opens it, or
// says in Chinese why it cannot be read and what to do.

// Bounds on what a workbook may unpack to. A bureau's table of indicators
// unpacks to well under a megabyte; a workbook of monthly sheets to a few
// tens. Above the bound the file is refused before anything is inflated,
// so that a zip bomb costs neither time nor memory.
const (
	importUnzipLimit    = 64 << 20
	importUnzipXMLLimit = 64 << 20 // equal to the total: nothing is spilled to temporary files
)

// importSaveAs is the advice for any file that is not an .xlsx or a CSV.
const importSaveAs = "在 Excel 或 WPS 中打开，另存为“Excel 工作簿(*.xlsx)”或“CSV”后再导入"

// importKind is what ImportActuals found the file to be.
type importKind int

const (
	kindBad importKind = iota // refused with a diagnostic
	kindXLSX
	kindCSV
)

// importMagic are the first bytes of files people rename by mistake.
var importMagic = []struct {
	prefix string
	what   string
}{
	{"%PDF", "PDF 文档"},
	{"\x89PNG", "PNG 图片"},
	{"\xFF\xD8\xFF", "JPEG 图片"},
	{"GIF8", "GIF 图片"},
	{"{\\rtf", "RTF 文档"},
	{"Rar!", "RAR 压缩包"},
	{"7z\xBC\xAF", "7z 压缩包"},
	{"\x1F\x8B", "gzip 压缩包"},
	{"ID3", "音频文件"},
}

// importSniff decides how to read the file, adding an error diagnostic when
// it cannot be read.
func importSniff(name string, data []byte, password string, ds *rules.Diagnostics) importKind {
	file := rules.Pos{File: name}
	for _, m := range importMagic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			ds.Errorf(file, "确认选对了文件：需要统计部门的 .xlsx 工作簿或 CSV 文件",
				"这是%s，不是电子表格（可能是改了扩展名）", m.what)
			return kindBad
		}
	}
	switch Sniff(data) {
	case FormatEmpty:
		ds.Errorf(file, "确认选对了文件；如果是刚复制或下载的，重新复制或下载一次", "文件是空的（0 字节）")
		return kindBad
	case FormatXLS:
		ds.Errorf(file, "请用 Excel/WPS 打开，另存为“Excel 工作簿(*.xlsx)”后再导入",
			"这是 .xls（Excel 97-2003）格式或其他旧版 Office 文件，attain 只读 .xlsx 和 CSV")
		return kindBad
	case FormatEncrypted:
		if password == "" {
			ds.Errorf(file, "需要 --password 给出打开密码；或在 Excel/WPS 中取消密码后另存",
				"工作簿设置了打开密码（已加密），无法读取")
			return kindBad
		}
		return kindXLSX
	case FormatODS:
		ds.Errorf(file, importSaveAs, "这是 OpenDocument 表格（.ods），不是 .xlsx")
		return kindBad
	case FormatXLSX:
		return importCheckZip(name, data, ds)
	case FormatText:
		return importCheckText(name, data, ds)
	}
	ds.Errorf(file, "确认选对了文件：需要统计部门的 .xlsx 工作簿或 CSV 文件",
		"不是电子表格文件（既不是 .xlsx，也不是 CSV 文本）")
	return kindBad
}

// importCheckZip looks into a zip package before excelize does: what it
// holds (a workbook, or a Word document renamed), and how large it unpacks.
func importCheckZip(name string, data []byte, ds *rules.Diagnostics) importKind {
	file := rules.Pos{File: name}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		ds.Errorf(file, "文件可能没有下载或复制完整：重新获取原文件；"+importSaveAs,
			"文件不完整或已损坏，无法作为 .xlsx 打开（%s）", importZipReason(err))
		return kindBad
	}
	var total uint64
	workbook, word, ppt := false, false, false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		n := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		switch {
		case strings.HasPrefix(n, "xl/") && strings.HasSuffix(n, "workbook.xml"):
			workbook = true
		case n == "word/document.xml":
			word = true
		case n == "ppt/presentation.xml":
			ppt = true
		}
	}
	switch {
	case word && !workbook:
		ds.Errorf(file, "确认选对了文件：需要 .xlsx 工作簿或 CSV；Word 里的表格请复制到 Excel/WPS 表格后另存为 .xlsx",
			"这是 Word 文档（.docx），不是电子表格")
		return kindBad
	case ppt && !workbook:
		ds.Errorf(file, "确认选对了文件：需要 .xlsx 工作簿或 CSV", "这是 PowerPoint 演示文稿（.pptx），不是电子表格")
		return kindBad
	case !workbook:
		ds.Errorf(file, "确认选对了文件：需要 .xlsx 工作簿或 CSV", "这是一个 zip 压缩包，里面没有 Excel 工作簿（缺少 xl/workbook.xml）")
		return kindBad
	case total > importUnzipLimit:
		ds.Errorf(file, "指标表只需一张小表：删去无关的工作表、图片后另存再导入；如果文件来历不明，不要打开它",
			"工作簿解压后超过 %d MiB（声明大小 %d MiB），不予读取", importUnzipLimit>>20, total>>20)
		return kindBad
	}
	// Inflate every part once, up to its declared size: excelize ignores
	// a part that unpacks to more than it declares, or fails its checksum,
	// and would read it cut short without a word.
	for _, f := range zr.File {
		if err := importInflate(f); err != nil {
			ds.Errorf(file, "文件可能没有下载或复制完整：重新获取原文件；"+importSaveAs,
				"文件已损坏：其中的 %s 无法解压（%s）", importCut(f.Name, 60), importZipReason(err))
			return kindBad
		}
	}
	return kindXLSX
}

// importInflate unpacks one part of a zip into nothing, reading at most
// one byte more than the part declares.
func importInflate(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, int64(min(f.UncompressedSize64, importUnzipLimit))+1))
	if err != nil {
		return err
	}
	if uint64(n) > f.UncompressedSize64 {
		return zip.ErrFormat
	}
	return nil
}

// importZipReason words a zip error.
func importZipReason(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "压缩包结构不对，文件可能被截断"
	case errors.Is(err, zip.ErrChecksum):
		return "校验和不符"
	case errors.Is(err, zip.ErrAlgorithm):
		return "不支持的压缩方式"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "数据提前结束"
	}
	return err.Error()
}

// importCheckText refuses text files that are not CSV: an HTML page or an
// XML spreadsheet saved with an .xls name, as some statistics systems do.
func importCheckText(name string, data []byte, ds *rules.Diagnostics) importKind {
	head := strings.ToLower(string(data[:min(len(data), 2048)]))
	head = strings.TrimLeft(head, "\ufeff \t\r\n")
	switch {
	case strings.HasPrefix(head, "<?xml") && strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet"):
		ds.Errorf(rules.Pos{File: name}, importSaveAs, "这是“XML 电子表格 2003”格式，不是 .xlsx")
		return kindBad
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"),
		strings.Contains(head, "<table") && strings.HasPrefix(head, "<"):
		ds.Errorf(rules.Pos{File: name}, importSaveAs,
			"这是网页（HTML）文件，不是真正的 .xlsx（有些系统导出的“Excel”其实是网页）")
		return kindBad
	}
	return kindCSV
}

// importOpenXLSX opens a workbook with the unzip bounds, reading raw
// values; it turns excelize's errors into Chinese diagnostics.
func importOpenXLSX(name string, data []byte, password string, ds *rules.Diagnostics) *excelize.File {
	file := rules.Pos{File: name}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		Password:          password,
		UnzipSizeLimit:    importUnzipLimit,
		UnzipXMLSizeLimit: importUnzipXMLLimit,
	})
	if err == nil {
		return f
	}
	if f != nil {
		f.Close()
	}
	encrypted := Sniff(data) == FormatEncrypted
	switch {
	case encrypted && (errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat)):
		ds.Errorf(file, "核对 --password 给出的打开密码（区分大小写、全角半角）", "打开密码不正确，无法解密工作簿")
	case password != "" && errors.Is(err, excelize.ErrWorkbookPassword):
		ds.Errorf(file, "这个工作簿没有加密时不需要 --password；"+importSaveAs, "无法打开工作簿：文件已损坏")
	case strings.Contains(err.Error(), "unzip size"):
		ds.Errorf(file, "指标表只需一张小表：删去无关的工作表、图片后另存再导入",
			"工作簿解压后超过 %d MiB，不予读取", importUnzipLimit>>20)
	default:
		ds.Errorf(file, "文件可能已损坏或不完整；"+importSaveAs, "无法打开工作簿（%s）", importShortErr(err))
	}
	return nil
}

// importShortErr cuts an error message to a readable length.
func importShortErr(err error) string {
	s := err.Error()
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120]) + "…"
	}
	return s
}

// importGuard runs fn, turning a panic in a third-party reader into an
// error diagnostic.
func importGuard(pos rules.Pos, ds *rules.Diagnostics, fn func()) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ds.Errorf(pos, importSaveAs, "读取时遇到异常的文件结构，无法读取（%s）", fmt.Sprint(p))
			ok = false
		}
	}()
	fn()
	return true
}
