package read

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/attain-tool/attain/rules"
)

// This file lets the multi-unit reader read a long table (or a table of
// units as columns) from a CSV file, as many city systems export it. The
// file is decoded as one unit's CSV is (csv.go: UTF-8 or GB18030, any line
// ends, the separator guessed) and streamed record by record: a long
// table of 150,000 rows is never held as cells. A record's row number is
// the line of the file where it starts, the lines inside a quoted field
// left out as empty rows, so that a position (file:line:field) is the one
// an editor shows.

// unitsCSV is a CSV input of the multi-unit reader, decoded.
type unitsCSV struct {
	text  string
	comma rune
}

// unitsOpenCSVText decodes a CSV file for the multi-unit reader.
func unitsOpenCSVText(data []byte) (*unitsCSV, error) {
	text, _, err := csvDecode(data)
	if err != nil {
		return nil, err
	}
	text = csvLineEnds(text)
	return &unitsCSV{text: text, comma: csvDelimiter(text)}, nil
}

// rows streams the records of the file.
func (c *unitsCSV) rows() *unitsRows {
	r := csv.NewReader(strings.NewReader(c.text))
	r.Comma = c.comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	return &unitsRows{csv: r}
}

// lines is how many lines the file has, for Progress.
func (c *unitsCSV) lines() int { return strings.Count(c.text, "\n") + 1 }

// unitsCSVError is a record of a CSV file that cannot be parsed.
type unitsCSVError struct {
	line int
	err  error
}

func (e *unitsCSVError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }

// nextCSV is next for a CSV file: the record starting on the next line,
// or an empty row for a line inside the quoted field of the record before.
func (it *unitsRows) nextCSV() ([]unitsCell, bool) {
	if it.pendNum == 0 {
		rec, err := it.csv.Read()
		switch {
		case err == io.EOF:
			return nil, false
		case err != nil:
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				it.err = &unitsCSVError{line: pe.Line, err: pe.Err}
			} else {
				it.err = &unitsCSVError{line: it.row + 1, err: err}
			}
			return nil, false
		}
		line, _ := it.csv.FieldPos(0)
		width := len(rec)
		if it.width > 0 {
			width = min(width, it.width)
		}
		it.record = it.record[:0]
		for _, f := range rec[:width] {
			c, _ := unitsCellOf(strings.TrimSpace(f), "inlineStr", false)
			it.record = append(it.record, c)
		}
		it.pendNum = line
	}
	if it.pendNum > it.row+1 { // a line inside a quoted field
		it.row++
		return nil, true
	}
	it.row, it.pendNum = it.pendNum, 0
	cells := make([]unitsCell, len(it.record))
	copy(cells, it.record)
	return cells, true
}

// csvProblem words a CSV error of the multi-unit reader; ok is false for
// any other error.
func csvProblem(file string, err error) (rules.Diagnostic, bool) {
	var ce *unitsCSVError
	if !errors.As(err, &ce) {
		return rules.Diagnostic{}, false
	}
	return rules.Diagnostic{Pos: rules.Pos{File: file, Line: ce.line},
		Summary: fmt.Sprintf("无法读取 CSV 文件：第%d行：CSV 格式错误（%v）", ce.line, ce.err),
		Hint:    "用 Excel/WPS 打开后另存为 CSV（UTF-8）或 .xlsx 再导入"}, true
}
