package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// This file tells what kind of file a reader was given and opens it, once,
// or says in Chinese why it cannot be read and what to do. Every reader
// goes through openInput: a workbook is read by the stream scanner
// (xlsxscan) and by nothing else; excelize only decrypts a workbook that
// has an open password, to bytes the scanner then reads.

// openFor says what a reader accepts.
type openFor int

const (
	// forAny: a workbook or a CSV file (Read, ImportActuals).
	forAny openFor = iota
	// forWorkbook: a workbook only (ReadActuals, ReadUnits, ReadTargets).
	forWorkbook
)

// saveAs is the advice for a file that is not what the reader accepts.
func (p openFor) saveAs() string {
	if p == forAny {
		return importSaveAs
	}
	return "在 Excel 或 WPS 中打开，另存为“Excel 工作簿(*.xlsx)”后再导入"
}

// importSaveAs is the advice for any file that is not an .xlsx or a CSV.
const importSaveAs = "在 Excel 或 WPS 中打开，另存为“Excel 工作簿(*.xlsx)”或“CSV”后再导入"

// importKind is what a file was found to be.
type importKind int

const (
	kindBad importKind = iota // refused with a diagnostic
	kindXLSX
	kindCSV
)

// input is a file sniffed and opened once: a workbook's book, or the
// bytes of a CSV file.
type input struct {
	name string
	kind importKind
	book *xlsxscan.Book
	data []byte
	lim  limits
}

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

// openInput decides how to read a file and opens it within lim, adding an
// error diagnostic to ds when it cannot be read (the input's kind is then
// kindBad).
func openInput(name string, data []byte, password string, lim limits, p openFor, ds *rules.Diagnostics) *input {
	in := &input{name: name, data: data, lim: lim}
	file := rules.Pos{File: name}
	wanted := "确认选对了文件：需要 .xlsx 工作簿"
	if p == forAny {
		wanted = "确认选对了文件：需要统计部门的 .xlsx 工作簿或 CSV 文件"
	}
	for _, m := range importMagic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			ds.Errorf(file, wanted, "这是%s，不是电子表格（可能是改了扩展名）", m.what)
			return in
		}
	}
	switch Sniff(data) {
	case FormatEmpty:
		ds.Errorf(file, "确认选对了文件；如果是刚复制或下载的，重新复制或下载一次", "文件是空的（0 字节）")
	case FormatXLS:
		ds.Errorf(file, p.saveAs(), "这是 .xls（Excel 97-2003）格式的工作簿或其他旧版 Office 文件，不是 .xlsx")
	case FormatEncrypted:
		if password == "" {
			ds.Errorf(file, "需要 --password 给出打开密码；或在 Excel/WPS 中取消密码（文件—信息—保护工作簿—用密码进行加密，清空密码）后另存",
				"工作簿设置了打开密码（已加密），无法读取")
			return in
		}
		dec, err := excelize.Decrypt(data, &excelize.Options{Password: password})
		switch {
		// A wrong password decrypts to bytes that are no zip package.
		case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrWorkbookFileFormat),
			err == nil && Sniff(dec) != FormatXLSX:
			ds.Errorf(file, "核对打开密码（区分大小写、全角半角）", "打开密码不正确，无法解密工作簿")
		case err != nil:
			ds.Errorf(file, "文件可能已损坏或不完整；"+p.saveAs(), "无法解密工作簿（%s）", importShortErr(err))
		default:
			in.openBook(dec, p, ds)
		}
	case FormatODS:
		ds.Errorf(file, p.saveAs(), "这是 OpenDocument 表格（.ods），不是 .xlsx")
	case FormatXLSX:
		in.openBook(data, p, ds)
	case FormatText:
		if p != forAny {
			ds.Errorf(file, p.saveAs(), "这是文本文件（可能是 CSV），不是 .xlsx 工作簿")
			return in
		}
		in.kind = importCheckText(name, data, lim, ds)
	default:
		what := "（既不是 .xlsx，也不是 .xls）"
		if p == forAny {
			what = "（既不是 .xlsx，也不是 CSV 文本）"
		}
		ds.Errorf(file, wanted, "不是电子表格文件%s", what)
	}
	return in
}

// openInputAt is openInput on a file of size bytes read through r. A
// workbook package is opened where it lies, its parts read from r as
// they are streamed; anything else is read whole and handed to openInput.
func openInputAt(name string, r io.ReaderAt, size int64, password string, lim limits, p openFor, ds *rules.Diagnostics) *input {
	head := make([]byte, min(max(size, 0), 4096))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		ds.Errorf(rules.Pos{File: name}, "确认文件可以打开，再试一次", "读取文件出错（%s）", importShortErr(err))
		return &input{name: name, lim: lim}
	}
	if Sniff(head) != FormatXLSX {
		data := make([]byte, size)
		if _, err := io.ReadFull(io.NewSectionReader(r, 0, size), data); err != nil {
			ds.Errorf(rules.Pos{File: name}, "确认文件可以打开，再试一次", "读取文件出错（%s）", importShortErr(err))
			return &input{name: name, lim: lim}
		}
		return openInput(name, data, password, lim, p, ds)
	}
	in := &input{name: name, lim: lim}
	in.openBookAt(r, size, p, ds)
	return in
}

// openBook opens a workbook package with the stream scanner.
func (in *input) openBook(pkg []byte, p openFor, ds *rules.Diagnostics) {
	in.openBookAt(bytes.NewReader(pkg), int64(len(pkg)), p, ds)
}

// openBookAt opens the workbook package of size bytes read through r.
func (in *input) openBookAt(r io.ReaderAt, size int64, p openFor, ds *rules.Diagnostics) {
	b, err := xlsxscan.OpenAt(r, size, in.lim.scan)
	if err != nil {
		ds.Add(scanProblem(in.name, err, in.lim, p))
		return
	}
	in.book, in.kind = b, kindXLSX
}

// importCheckText refuses text files that are not CSV (an HTML page or an
// XML spreadsheet saved with an .xls name, as some statistics systems do)
// and CSV files past the limit.
func importCheckText(name string, data []byte, lim limits, ds *rules.Diagnostics) importKind {
	head := strings.ToLower(string(data[:min(len(data), 2048)]))
	head = strings.TrimLeft(head, "\ufeff \t\r\n")
	file := rules.Pos{File: name}
	switch {
	case strings.HasPrefix(head, "<?xml") && strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet"):
		ds.Errorf(file, importSaveAs, "这是“XML 电子表格 2003”格式，不是 .xlsx")
		return kindBad
	case isJSON(head):
		ds.Add(jsonProblem(name, head))
		return kindBad
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"),
		strings.Contains(head, "<table") && strings.HasPrefix(head, "<"):
		ds.Errorf(file, importSaveAs, "这是网页（HTML）文件，不是真正的 .xlsx（有些系统导出的“Excel”其实是网页）")
		return kindBad
	case len(data) > lim.csvBytes:
		ds.Add(textTooBig(name, int64(len(data)), int64(lim.csvBytes)))
		return kindBad
	}
	return kindCSV
}

// TextLimit is the largest text (CSV) file of one unit's table that Read
// takes; a caller that reads the file may stop there (TextTooBig).
var TextLimit = int64(tableLimits.csvBytes)

// IsTextInput reports whether a file that begins with head is read as text
// (CSV) rather than as a workbook: it is neither a zip nor an OLE file.
func IsTextInput(head []byte) bool {
	return !bytes.HasPrefix(head, []byte("PK")) && !bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0})
}

// TextTooBig is the refusal of a text input of size bytes, past TextLimit.
func TextTooBig(name string, size int64) rules.Diagnostic {
	return textTooBig(name, size, TextLimit)
}

func textTooBig(name string, size, limit int64) rules.Diagnostic {
	return rules.Diagnostic{Pos: rules.Pos{File: name},
		Summary: fmt.Sprintf("CSV 文件有 %s，超过上限 %s，不予读取", mib(size), mib(limit)),
		Hint:    "指标表只需一张小表：删去无关的行后另存再导入；如果文件来历不明，不要打开它"}
}

// importShortErr cuts an error message to a readable length.
func importShortErr(err error) string {
	s := err.Error()
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120]) + "…"
	}
	return s
}

// importZipDamage says whether err, met unpacking a workbook, is damage
// to the package (of its structure or its compressed data), rather than
// a failure to read the file.
func importZipDamage(err error) bool {
	var ce flate.CorruptInputError
	return err == nil || errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) ||
		errors.Is(err, zip.ErrAlgorithm) || errors.As(err, &ce) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF)
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
	return "压缩数据已损坏"
}
