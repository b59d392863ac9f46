package scorecard

// The excelize floor: what excelize alone must do for the work of a city
// run, the yardstick of the city benchmarks. It reads every cell of the
// same input with excelize's row iterator (each cell decoded, as
// excelize's users read a workbook), and writes, with excelize's
// StreamWriter and its own zip writer, the same volume the city
// scorecard holds: sheet by sheet as many rows, as many cells (text and
// numbers alike, each with a style) and as many bytes of sheet XML, to
// within a fraction of a percent (floorVolume compares them). It does no
// judging, ranking, formatting or layout.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/attain-tool/attain/templates/read"

	"github.com/xuri/excelize/v2"
)

// floorSheet is the volume of one sheet of a workbook.
type floorSheet struct {
	Name               string
	Rows, Cells, Texts int
	Bytes              int64 // of the sheet's part
}

// floorShape measures every sheet of an .xlsx: its rows, cells, text
// cells and bytes of XML.
func floorShape(data []byte) ([]floorSheet, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	readPart := func(name string) ([]byte, error) {
		f := parts[name]
		if f == nil {
			return nil, fmt.Errorf("no part %s", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for name, v := range map[string]any{"xl/workbook.xml": &wb, "xl/_rels/workbook.xml.rels": &rels} {
		b, err := readPart(name)
		if err != nil {
			return nil, err
		}
		if err := xml.Unmarshal(b, v); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		target[r.ID] = path.Join("xl", strings.TrimPrefix(r.Target, "/xl/"))
	}
	var out []floorSheet
	for _, s := range wb.Sheets {
		b, err := readPart(target[s.RID])
		if err != nil {
			return nil, err
		}
		out = append(out, floorSheet{Name: s.Name, Rows: bytes.Count(b, []byte("<row ")), Cells: bytes.Count(b, []byte("<c ")),
			Texts: bytes.Count(b, []byte(`t="inlineStr"`)) + bytes.Count(b, []byte(`t="s"`)) + bytes.Count(b, []byte(`t="str"`)),
			Bytes: int64(len(b))})
	}
	return out, nil
}

// floorVolume is the sheet XML of b over that of a.
func floorVolume(a, b []floorSheet) float64 {
	var x, y int64
	for _, s := range a {
		x += s.Bytes
	}
	for _, s := range b {
		y += s.Bytes
	}
	return float64(y) / float64(x)
}

// floorFiller pads the text cells of the floor to the bytes of attain's:
// ideographs, as attain's texts mostly are.
const floorFiller = "完成情况判定依据数据来源目标实际值差距得分名次单位指标说明"

// floorRun reads every cell of input with excelize's row iterator and
// writes sheets of the shape given with excelize's StreamWriter to w.
func floorRun(input []byte, shape []floorSheet, w io.Writer) error {
	f, err := excelize.OpenReader(bytes.NewReader(input), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: read.UnzipLimit, UnzipXMLSizeLimit: read.UnzipXMLLimit})
	if err != nil {
		return err
	}
	seen := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return err
		}
		for rows.Next() {
			row, err := rows.Columns()
			if err != nil {
				return err
			}
			seen += len(row)
		}
		rows.Close()
	}
	f.Close()
	if seen == 0 {
		return fmt.Errorf("floor read no cells")
	}
	out := excelize.NewFile()
	defer out.Close()
	styles := make([]int, 16)
	for i := range styles {
		code := "0." + strings.Repeat("0", i%4+1)
		if styles[i], err = out.NewStyle(&excelize.Style{CustomNumFmt: &code, Border: []excelize.Border{{Type: "left", Style: 1}},
			Font: &excelize.Font{Family: "宋体", Size: float64(10 + i%3), Bold: i%2 == 0}}); err != nil {
			return err
		}
	}
	for i, s := range shape {
		name := s.Name
		if i == 0 {
			if err := out.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := out.NewSheet(name); err != nil {
			return err
		}
		if err := floorSheetOf(out, s, styles); err != nil {
			return err
		}
	}
	return out.Write(w)
}

// floorSheetOf writes one sheet of the floor: rows of the sheet's cells,
// the text cells padded so that the sheet's XML comes to its bytes.
func floorSheetOf(f *excelize.File, s floorSheet, styles []int) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	const overhead = 2200 // the XML around the rows, about
	budget := s.Bytes - overhead
	var vals []any
	for r := 1; r <= s.Rows; r++ {
		left := s.Rows - r + 1
		cells := s.Cells*r/s.Rows - s.Cells*(r-1)/s.Rows // spread evenly
		texts := s.Texts*r/s.Rows - s.Texts*(r-1)/s.Rows
		vals = vals[:0]
		size := int64(len(`<row r=""></row>`) + len(strconv.Itoa(r)))
		for c := 0; c < cells; c++ {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			st := styles[(r+c)%len(styles)]
			size += int64(len(`<c r="" s=""></c>`) + len(ref) + len(strconv.Itoa(st)))
			var v any
			if c < texts {
				text := "单位" + strconv.Itoa(r%1000)
				v = text
				size += int64(len(` t="inlineStr"<is><t></t></is>`) + len(text))
			} else {
				n := float64(r%997) + float64(c%10)/10
				v = n
				size += int64(len("<v></v>") + len(strconv.FormatFloat(n, 'f', -1, 64)))
			}
			vals = append(vals, excelize.Cell{StyleID: st, Value: v})
		}
		if pad := (budget/int64(left) - size) / 3; pad > 0 && texts > 0 {
			c := vals[0].(excelize.Cell)
			c.Value = c.Value.(string) + floorPad(int(pad))
			vals[0] = c
			size += 3 * pad
		}
		budget -= size
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// floorPad is n ideographs of floorFiller, over and over.
func floorPad(n int) string {
	runes := []rune(floorFiller)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(runes[i%len(runes)])
	}
	return b.String()
}
