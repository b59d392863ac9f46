package read

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/cell"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// csvEncoding names the encoding a CSV file was decoded from, for the
// import report.
type csvEncoding string

const (
	csvUTF8    csvEncoding = "UTF-8"
	csvUTF8BOM csvEncoding = "UTF-8（带 BOM）"
	csvGB18030 csvEncoding = "GB18030/GBK"
)

// csvDecode turns the bytes of a CSV file into UTF-8 text: valid UTF-8
// (with or without a byte order mark) is taken as it is; anything else is
// read as GB18030, which includes GBK and GB2312, the encodings Excel and
// WPS use for "CSV" on a Chinese Windows.
func csvDecode(data []byte) (string, csvEncoding, error) {
	if b, ok := bytes.CutPrefix(data, []byte("\xEF\xBB\xBF")); ok {
		if !utf8.Valid(b) {
			return "", csvUTF8BOM, errors.New("文件以 UTF-8 标记开头，但内容不是有效的 UTF-8")
		}
		return string(b), csvUTF8BOM, nil
	}
	if utf8.Valid(data) {
		return string(data), csvUTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return "", csvGB18030, errors.New("文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本")
	}
	return string(out), csvGB18030, nil
}

// csvLineEnds makes every line end a line feed: CRLF (Windows), a lone CR
// (Excel for Mac) and LF read alike, in one file mixed too. encoding/csv
// ends a record at LF only, so that a file of lone CRs would otherwise be
// one record, and a CR in a mixed file would glue two lines together. A
// line break inside a quoted field becomes a line feed as well.
func csvLineEnds(text string) string {
	if !strings.Contains(text, "\r") {
		return text
	}
	return strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
}

// csvDelimiter picks the field separator of the first lines: comma, tab,
// semicolon or the full-width comma, whichever splits them most evenly.
func csvDelimiter(text string) rune {
	lines := strings.SplitN(text, "\n", 21)
	best, bestScore := ',', -1
	for _, d := range []rune{',', '\t', ';', '，'} {
		score := 0
		for _, l := range lines {
			if n := strings.Count(l, string(d)); n > 0 {
				score += n + 1
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// gridFromCSV reads a CSV file into a grid within lim: records past the
// limit on rows and fields past the limit on columns are left out (the
// grid says where), and the fields held draw on the limit on grid cells.
// The caller has held the file's size to lim.csvBytes.
func gridFromCSV(file string, data []byte, lim limits) (*grid, csvEncoding, error) {
	text, enc, err := csvDecode(data)
	if err != nil {
		return nil, enc, err
	}
	text = csvLineEnds(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = csvDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	g := &grid{File: file, CSV: true}
	budget := lim.gridCells
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, enc, fmt.Errorf("第%d行：CSV 格式错误（%v）", pe.Line, pe.Err)
			}
			return nil, enc, err
		}
		line, _ := r.FieldPos(0)
		if len(g.Rows) >= lim.gridRows {
			g.cutRow = len(g.Rows) + 1
			break
		}
		if len(rec) > lim.gridCols {
			if g.cutCell == "" {
				g.cutCell = cell.A1(lim.gridCols, len(g.Rows)+1)
			}
			rec = rec[:lim.gridCols]
		}
		if budget -= len(rec); budget < 0 {
			return nil, enc, fmt.Errorf("第%d行：各行的字段已超过 %d 个，不予读取", line, lim.gridCells)
		}
		cells := make([]gridCell, len(rec))
		for i, f := range rec {
			cells[i] = gridCell{Text: f, Error: gridIsErrorText(f)}
		}
		g.Rows = append(g.Rows, cells)
		g.lines = append(g.lines, line)
	}
	return g, enc, nil
}
