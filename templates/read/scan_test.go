package read

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// xlsxTestPackage builds a minimal .xlsx package of one sheet (数据) from
// the body of its worksheet element, and optional shared strings (the si
// elements) and styles (the whole styleSheet content).
func xlsxTestPackage(t testing.TB, worksheet, sst, styles string) []byte {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `styles" Target="styles.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `>` + worksheet + `</worksheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + `>` + sst + `</sst>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + ns + `>` + styles + `</styleSheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlsxOurRows reads a sheet with the stream reader into rows of raw
// values, the rows the sheet leaves out given empty, as excelize's row
// iterator gives them.
func xlsxOurRows(data []byte, sheet string) ([][]string, error) {
	b, err := xlsxscan.Open(data, 1<<30)
	if err != nil {
		return nil, err
	}
	rows, _, err := b.Grid(sheet)
	return rows, err
}

// xlsxExcelizeRows reads a sheet with excelize's row iterator, raw values.
func xlsxExcelizeRows(data []byte, sheet string) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		row, err := rows.Columns()
		if err != nil {
			return out, err
		}
		if len(row) == 0 {
			row = nil
		}
		out = append(out, row)
	}
	// excelize gives trailing rows with no value; they carry nothing
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out, rows.Error()
}

func xlsxTrimRows(rows [][]string) [][]string {
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}

func TestXLSXStreamCells(t *testing.T) {
	const pctStyles = `<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts>` +
		`<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/></cellXfs>`
	tests := []struct {
		name       string
		sheet, sst string
		styles     string
		want       [][]string
		wantErr    string
		// noExcelize: excelize reads this differently; this reader keeps rows in order
		noExcelize bool
	}{
		{name: "shared and inline strings, numbers",
			sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>本年实际值</t></is></c></row>` +
				`<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>8.5000000000000006E-2</v></c></row></sheetData>`,
			sst:  `<si><t>单位</t></si><si><t>红旗区</t></si>`,
			want: [][]string{{"单位", "本年实际值"}, {"红旗区", "8.5000000000000006E-2"}}},
		{name: "rows and cells without references, gaps kept",
			sheet: `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row></sheetData>`,
			want:  [][]string{{"1", "2"}, nil, nil, {"", "", "3", "4"}}},
		{name: "namespace prefixes",
			sheet: `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData>`,
			sst:   `<si><t>红旗区</t></si>`,
			want:  [][]string{{"", "红旗区"}}},
		{name: "rich text, phonetic runs left out, escapes undone",
			sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>一</t></r><r><rPr><b/></rPr><t xml:space="preserve">二 </t></r><rPh sb="0" eb="1"><t>yi</t></rPh></is></c><c r="C1" t="s"><v>1</v></c></row></sheetData>`,
			sst:   `<si><r><t>红</t></r><r><t>旗</t></r><rPh sb="0" eb="1"><t>hong</t></rPh></si><si><t>a_x000D_b_x005F_x000D_</t></si>`,
			want:  [][]string{{"红旗", "一二 ", "a\rb_x000D_"}}},
		{name: "character references, CDATA, comments",
			sheet: `<sheetData><!-- note > here --><row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B &lt;1&gt; &#x4E00;&#20108;</t></is></c>` +
				`<c r="B1" t="str"><f>"x"</f><v><![CDATA[<b>&amp;]]></v></c></row></sheetData>`,
			want: [][]string{{"A&B <1> 一二", "<b>&amp;"}}},
		{name: "formula without value, booleans, errors, dates",
			sheet: `<sheetData><row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="d"><v>2019-04-15T00:00:00</v></c><c r="E1" s="1"/></row></sheetData>`,
			want:  [][]string{{"", "1", "#DIV/0!", "2019-04-15T00:00:00"}}},
		{name: "greater-than sign inside an attribute",
			sheet: `<sheetPr codeName="a>b"/><dimension ref="A1:A1"/><sheetData><row r="1" spans="1:1" x14ac:dyDescent="0.25"><c r="A1" t="inlineStr" cm='1>0'><is><t>ok</t></is></c></row></sheetData>`,
			want:  [][]string{{"ok"}}},
		{name: "self-closing rows and empty sheet data",
			sheet: `<sheetData><row r="1"/><row r="2"><c r="A2"><v>5</v></c></row></sheetData>`,
			want:  [][]string{nil, {"5"}}},
		{name: "no sheet data", sheet: `<sheetData/>`, want: nil},
		{name: "dollar references", sheet: `<sheetData><row r="1"><c r="$B$1"><v>7</v></c><c r="C$1"><v>8</v></c></row></sheetData>`,
			want: [][]string{{"", "7", "8"}}},
		{name: "row numbers only move forward",
			sheet:      `<sheetData><row r="3"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row><row r="0"><c><v>3</v></c></row><row r="9"><c><v>4</v></c></row></sheetData>`,
			want:       [][]string{nil, nil, {"1"}, {"2"}, {"3"}, nil, nil, nil, {"4"}},
			noExcelize: true},
		{name: "percent styles", styles: pctStyles,
			sheet: `<sheetData><row r="1"><c r="A1" s="1"><v>0.085</v></c><c r="B1" s="2"><v>0.085</v></c><c r="C1" s="3"><v>8.5</v></c><c r="D1" s="4"><v>0.1</v></c></row></sheetData>`,
			want:  [][]string{{"0.085", "0.085", "8.5", "0.1"}}},
		{name: "shared string out of range",
			sheet:   `<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>`,
			wantErr: "第1行附近：单元格 A1 的共享字符串编号“7”无效"},
		{name: "truncated XML",
			sheet:   `<sheetData><row r="1"><c r="A1"><v>1`,
			wantErr: "第1行附近：工作表的 XML 不完整"},
		{name: "bad cell reference",
			sheet:   `<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>`,
			wantErr: "单元格引用“1A”无效"},
		{name: "row beyond the last row",
			sheet:   `<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData>`,
			wantErr: "超过工作表上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := xlsxTestPackage(t, tt.sheet, tt.sst, tt.styles)
			got, err := xlsxOurRows(data, "数据")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if strings.Contains(tt.name, "CDATA") || tt.noExcelize {
				return // encoding/xml keeps the CDATA newline rules of its own
			}
			ex, err := xlsxExcelizeRows(data, "数据")
			if err != nil {
				t.Fatalf("excelize: %v", err)
			}
			if diff := cmp.Diff(ex, xlsxTrimRows(got)); diff != "" {
				t.Errorf("differs from excelize (-excelize +ours):\n%s", diff)
			}
		})
	}
}

func TestXLSXStreamPercentStyles(t *testing.T) {
	styles := `<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts>` +
		`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="4"/></cellXfs>`
	b, err := xlsxscan.Open(xlsxTestPackage(t, `<sheetData/>`, "", styles), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range []bool{false, true, true, false, true, false, false} {
		if got := b.PercentStyle(s); got != want {
			t.Errorf("style %d: percent %v, want %v", s, got, want)
		}
	}
}

// TestXLSXStreamAgreesWithExcelize reads every sheet of every workbook the
// tests ship (the import corpus, the example, generated tables) with both
// readers; the raw values must be the same.
func TestXLSXStreamAgreesWithExcelize(t *testing.T) {
	files := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	paths = append(paths, filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	var gen bytes.Buffer
	if err := fixture.GenerateUnitsWorkbook(&gen, nil, 15, 10, 7); err != nil {
		t.Fatal(err)
	}
	files["generated.xlsx"] = gen.Bytes()
	compared := 0
	for name, data := range files {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil || strings.HasPrefix(name, "zip-bomb") {
			continue // a broken or encrypted file of the corpus; a bomb excelize reads as empty
		}
		sheets := f.GetSheetList()
		f.Close()
		for _, sheet := range sheets {
			ex, exErr := xlsxExcelizeRows(data, sheet)
			ours, err := xlsxOurRows(data, sheet)
			if exErr != nil {
				continue
			}
			if err != nil {
				t.Errorf("%s %s: %v", name, sheet, err)
				continue
			}
			if diff := cmp.Diff(ex, xlsxTrimRows(ours)); diff != "" {
				t.Errorf("%s %s (-excelize +ours):\n%s", name, sheet, diff)
			}
			compared++
		}
	}
	if compared < 30 {
		t.Errorf("only %d sheets compared", compared)
	}
	t.Logf("%d sheets of %d workbooks agree", compared, len(files))
}

// FuzzXLSXStream feeds arbitrary worksheet XML to the stream reader: it
// must end, with rows or an error, without a panic, and every cell it
// gives must lie inside the sheet.
func FuzzXLSXStream(f *testing.F) {
	for _, s := range []string{
		`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`,
		`<sheetData><row><c><v>1</v></c></row><row r="9"><c r="XFD9"><f>A1</f></c></row></sheetData>`,
		`<x:sheetData><x:row r="1"><x:c r="B1"><x:v>&#x4E00;&amp;</x:v></x:c></x:row></x:sheetData>`,
		`<sheetData><!-- c --><row r="2"><c r="A2" t="str"><v><![CDATA[a<b]]></v></c></row></sheetData>`,
		`<sheetData><row r="1"><c r="A1" t="s"><v>0</v><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>`,
		`<!DOCTYPE x [<!ENTITY a "b">]><sheetData><row r='1' a='>'><c r="A1"><v>&a;</v></c></row></sheetData>`,
		`<sheetData><row r="1048576"><c><v>1</v></c></row><row r="1"><c><v>2</v></c></row><row r="1048576"/></sheetData>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		data := xlsxTestPackage(t, sheet, `<si><t>单位</t></si>`, `<cellXfs><xf numFmtId="10"/></cellXfs>`)
		b, err := xlsxscan.Open(data, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		it, err := b.Rows("数据")
		if err != nil {
			t.Fatal(err)
		}
		defer it.Close()
		last := 0
		for i := 0; ; i++ {
			num, cells, ok, err := it.Next()
			if err != nil || !ok {
				break
			}
			if num < 1 || num > xlsxscan.MaxRows || num <= last {
				t.Fatalf("row %d after row %d", num, last)
			}
			last = num
			for _, c := range cells {
				if c.Col < 0 || c.Col >= 16384 {
					t.Fatalf("column %d", c.Col)
				}
			}
			if i > len(sheet) {
				t.Fatal(fmt.Sprintf("%d rows from %d bytes", i, len(sheet)))
			}
		}
		// The rows the multi-unit reader sees, gaps filled, stay within
		// the sheet's bounds however the row numbers jump.
		rows, err := unitsOpenRows(b, "数据")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.close()
		n := 0
		for _, ok := rows.next(); ok; _, ok = rows.next() {
			if n++; n > xlsxscan.MaxRows {
				t.Fatalf("more than %d rows", xlsxscan.MaxRows)
			}
		}
	})
}

// TestXLSXStreamQuotedGreaterThan: a tag whose quoted value holds many '>'
// is scanned in linear time (it once rescanned the tag at every '>': a
// value of 80,000 took 5 s, one of a megabyte would take minutes).
func TestXLSXStreamQuotedGreaterThan(t *testing.T) {
	for _, open := range []bool{false, true} {
		value := strings.Repeat(">", 400_000)
		sheet := `<sheetData><row r="1"><c r="A1" x="` + value + `"><v>1</v></c></row></sheetData>`
		if open {
			sheet = `<sheetData><row r="1"><c r="A1" x="` + value // a quote never closed
		}
		start := time.Now()
		rows, err := xlsxOurRows(xlsxTestPackage(t, sheet, "", ""), "数据")
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("open quote %v: %v to scan a 400 KB tag", open, d)
		}
		switch {
		case open && err == nil:
			t.Errorf("a quote never closed read as %v", rows)
		case !open && (err != nil || len(rows) != 1 || rows[0][0] != "1"):
			t.Errorf("rows %v, error %v", rows, err)
		}
	}
}

// TestXLSXBookErrors: a package whose workbook, styles or shared strings
// cannot be read is refused with a message that names the part.
func TestXLSXBookErrors(t *testing.T) {
	const sheet = `<sheetData/>`
	withoutWorkbook := func(t *testing.T) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		w.Write([]byte(`<worksheet>` + sheet + `</worksheet>`))
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string
	}{
		{"no workbook part", withoutWorkbook, "工作簿目录（xl/workbook.xml）无法解析：xl/workbook.xml: 缺少部件"},
		{"styles that do not parse", func(t *testing.T) []byte {
			return xlsxTestPackage(t, sheet, "", `<cellXfs><xf numFmtId="百分比"/></cellXfs>`)
		}, "样式表无法解析"},
		{"not a zip", func(t *testing.T) []byte { return []byte("PK\x03\x04 broken") }, "zip"},
		{"too big", func(t *testing.T) []byte { return xlsxTestPackage(t, sheet, "", "") }, "解压后超过上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limit := uint64(1 << 30)
			if tt.name == "too big" {
				limit = 100
			}
			_, err := xlsxscan.Open(tt.data(t), limit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}
