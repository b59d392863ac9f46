package read

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/templates/internal/xlsxscan"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// xlsxTestWhole starts a worksheet given to xlsxTestPackage as the whole
// part, without the worksheet element around it: for XML cut short.
const xlsxTestWhole = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

// xlsxTestPackage builds a minimal .xlsx package of one sheet (数据) from
// the body of its worksheet element (or the whole part, when it starts
// with xlsxTestWhole), and optional shared strings (the si elements) and
// styles (the whole styleSheet content).
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
	if strings.HasPrefix(worksheet, xlsxTestWhole) {
		parts[4][1] = worksheet
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

// xlsxTestLimits are generous bounds for the scanner's own tests.
var xlsxTestLimits = xlsxscan.Limits{Unzip: 1 << 30, Token: 64 << 20, SharedStrings: 1 << 22,
	SharedStringBytes: 1 << 30, MergeCells: 1 << 20, MergeArea: 1 << 40}

// xlsxOurRows reads a sheet with the stream reader into rows of raw
// values, each up to its last cell, the rows the sheet leaves out given
// empty, as excelize's row iterator gives them.
func xlsxOurRows(data []byte, sheet string) ([][]string, error) {
	b, err := xlsxscan.Open(data, xlsxTestLimits)
	if err != nil {
		return nil, err
	}
	it, err := b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	for {
		num, cells, ok, err := it.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		for len(rows) < num-1 {
			rows = append(rows, nil)
		}
		var vals []string
		for _, c := range cells {
			for len(vals) < c.Col {
				vals = append(vals, "")
			}
			vals = append(vals, c.Value)
		}
		rows = append(rows, vals)
	}
	return xlsxTrimRows(rows), nil
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := xlsxTestPackage(t, tt.sheet, tt.sst, tt.styles)
			got, err := xlsxOurRows(data, "数据")
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
	b, err := xlsxscan.Open(xlsxTestPackage(t, `<sheetData/>`, "", styles), xlsxTestLimits)
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
	files := agreeTestFiles(t)
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
		b, err := xlsxscan.Open(data, xlsxTestLimits)
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
// cannot be read is refused with an error that names the part, worded in
// Chinese by scanProblem.
func TestXLSXBookErrors(t *testing.T) {
	const sheet = `<sheetData/>`
	zipOf := func(name, body string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create(name)
			w.Write([]byte(body))
			zw.Close()
			return buf.Bytes()
		}
	}
	pkg := func(sst, styles string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return xlsxTestPackage(t, sheet, sst, styles) }
	}
	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		lim   func(l *xlsxscan.Limits)
		kind  xlsxscan.Kind
		part  string
		words string
	}{
		{name: "no workbook part", data: zipOf("xl/worksheets/sheet1.xml", `<worksheet>`+sheet+`</worksheet>`),
			kind: xlsxscan.KindNotWorkbook, words: "里面没有 Excel 工作簿（缺少 xl/workbook.xml）"},
		{name: "a Word document", data: zipOf("word/document.xml", `<w:document/>`),
			kind: xlsxscan.KindNotWorkbook, words: "这是 Word 文档"},
		{name: "styles that do not parse", data: pkg("", `<cellXfs><xf numFmtId="百分比"/></cellXfs>`),
			kind: xlsxscan.KindPart, part: "xl/styles.xml", words: "工作簿已损坏：工作簿的 xl/styles.xml 无法解析"},
		{name: "not a zip", data: func(t *testing.T) []byte { return []byte("PK\x03\x04 broken") },
			kind: xlsxscan.KindZip, words: "文件不完整或已损坏，无法作为 .xlsx 打开"},
		{name: "too big", data: pkg("", ""), lim: func(l *xlsxscan.Limits) { l.Unzip = 100 },
			kind: xlsxscan.KindLimit, words: "工作簿解压后超过 0 MiB"},
		{name: "shared strings past the count", data: pkg(`<si><t>a</t></si><si/><si/>`, ""), lim: func(l *xlsxscan.Limits) { l.SharedStrings = 2 },
			kind: xlsxscan.KindLimit, part: "xl/sharedStrings.xml", words: "共享字符串表超过 2 项（包括空项）"},
		{name: "shared strings past the bytes", data: pkg(`<si><t>一二三</t></si>`, ""), lim: func(l *xlsxscan.Limits) { l.SharedStringBytes = 8 },
			kind: xlsxscan.KindLimit, part: "xl/sharedStrings.xml", words: "共享字符串表的文字超过"},
		{name: "an undefined entity in the shared strings", data: pkg(`<si><t>a&nbsp;</t></si>`, ""),
			kind: xlsxscan.KindEntity, part: "xl/sharedStrings.xml", words: "共享字符串表（xl/sharedStrings.xml）已损坏：含有 XML 未定义的实体“&nbsp;”"},
		{name: "shared strings never closed", data: pkg(`<si><t>a`, ""),
			kind: xlsxscan.KindSyntax, part: "xl/sharedStrings.xml", words: "XML 格式错误"},
		{name: "a token past the limit", data: pkg(`<si><t>`+strings.Repeat("长", 400)+`</t></si>`, ""), lim: func(l *xlsxscan.Limits) { l.Token = 1 << 10 },
			kind: xlsxscan.KindLimit, part: "xl/sharedStrings.xml", words: "超过 1 KiB 的 XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := xlsxTestLimits
			if tt.lim != nil {
				tt.lim(&lim)
			}
			_, err := xlsxscan.Open(tt.data(t), lim)
			var e *xlsxscan.Error
			if !errors.As(err, &e) || e.Kind != tt.kind || e.Part != tt.part {
				t.Fatalf("error %#v, want kind %d in part %q", err, tt.kind, tt.part)
			}
			d := scanProblem("in.xlsx", err, limits{scan: lim}, forAny)
			if !strings.Contains(d.Summary, tt.words) || d.Hint == "" || d.Pos.File != "in.xlsx" {
				t.Errorf("worded %v, want %q with a hint", d, tt.words)
			}
		})
	}
}

// TestXLSXStreamDamage: a sheet damaged halfway ends its rows with an
// error that says after which row, in which cell and what; no row after
// the damage is read, and the Chinese message names the sheet and row.
func TestXLSXStreamDamage(t *testing.T) {
	const rows12 = `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`
	tests := []struct {
		name, sheet string
		lim         func(l *xlsxscan.Limits)
		kind        xlsxscan.Kind
		row         int
		cell, value string
		words       string // part of the Chinese summary
	}{
		{name: "undefined entity in a cell",
			sheet: `<sheetData>` + rows12 + `<row r="3"><c r="B3" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row><row r="4"><c r="A4"><v>4</v></c></row></sheetData>`,
			kind:  xlsxscan.KindEntity, row: 2, cell: "B3", value: "&nbsp;",
			words: "工作表“数据”在第2行之后已损坏：单元格 B3 含有 XML 未定义的实体“&nbsp;”"},
		{name: "a bare ampersand", sheet: `<sheetData>` + rows12 + `<row r="3"><c r="A3" t="inlineStr"><is><t>R&D</t></is></c></row></sheetData>`,
			kind: xlsxscan.KindEntity, row: 2, cell: "A3", value: "&D", words: "含有未转义的“&”"},
		{name: "a reference to a character XML cannot hold", sheet: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#1;</t></is></c></row></sheetData>`,
			kind: xlsxscan.KindEntity, row: 0, cell: "A1", value: "&#1;", words: "工作表“数据”从开头起已损坏"},
		{name: "an entity in an attribute", sheet: `<sheetData>` + rows12 + `<row r="3" x="&nbsp;"><c r="A3"><v>3</v></c></row></sheetData>`,
			kind: xlsxscan.KindEntity, row: 2, value: "&nbsp;", words: "在第2行之后已损坏"},
		{name: "an entity before the rows", sheet: `<sheetPr>&nbsp;</sheetPr><sheetData>` + rows12 + `</sheetData>`,
			kind: xlsxscan.KindEntity, row: 0, value: "&nbsp;", words: "从开头起已损坏"},
		{name: "shared string out of range", sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>`,
			kind: xlsxscan.KindSharedString, row: 0, cell: "A1", value: "7", words: "单元格 A1 的共享字符串编号“7”无效"},
		{name: "truncated in a cell", sheet: xlsxTestWhole + `<sheetData>` + rows12 + `<row r="3"><c r="A3"><v>1`,
			kind: xlsxscan.KindTruncated, row: 2, cell: "A3", words: "在第2行之后已损坏：XML 提前结束"},
		{name: "truncated between rows", sheet: xlsxTestWhole + `<sheetData>` + rows12,
			kind: xlsxscan.KindTruncated, row: 2, words: "在第2行之后已损坏：XML 提前结束"},
		{name: "a cell never closed before the end of the sheet", sheet: `<sheetData>` + rows12 + `<row r="3"><c r="A3"><v>1`,
			kind: xlsxscan.KindSyntax, row: 2, cell: "A3", value: "</worksheet>", words: "在第2行之后已损坏：XML 格式错误"},
		{name: "cut between rows", sheet: `<sheetData>` + rows12,
			kind: xlsxscan.KindSyntax, row: 2, value: "</worksheet>", words: "在第2行之后已损坏：XML 格式错误"},
		{name: "a row never closed", sheet: `<sheetData><row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row></sheetData>`,
			kind: xlsxscan.KindSyntax, row: 0, value: "<row>", words: "从开头起已损坏"},
		{name: "a cell never closed", sheet: `<sheetData>` + rows12 + `<row r="3"><c r="A3"><v>3</v></row></sheetData>`,
			kind: xlsxscan.KindSyntax, row: 2, cell: "A3", value: "</row>", words: "在第2行之后已损坏"},
		{name: "bad cell reference", sheet: `<sheetData>` + rows12 + `<row r="3"><c r="1A"><v>1</v></c></row></sheetData>`,
			kind: xlsxscan.KindCellRef, row: 2, value: "1A", words: "单元格引用“1A”无效"},
		{name: "a column past XFD", sheet: `<sheetData><row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row></sheetData>`,
			kind: xlsxscan.KindCellRef, row: 0, value: "XFE1", words: "单元格引用“XFE1”无效"},
		{name: "row number that does not read", sheet: `<sheetData>` + rows12 + `<row r="x3"/></sheetData>`,
			kind: xlsxscan.KindRowNumber, row: 2, value: "x3", words: "行号“x3”无效"},
		{name: "row beyond the last row", sheet: `<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData>`,
			kind: xlsxscan.KindRowNumber, row: 0, value: "1048577", words: "工作表最多 1048576 行"},
		{name: "a merged range that does not read", sheet: `<sheetData>` + rows12 + `</sheetData><mergeCells><mergeCell ref="A1:B"/></mergeCells>`,
			kind: xlsxscan.KindCellRef, row: 2, value: "A1:B", words: "单元格引用“A1:B”无效"},
		{name: "too many merged ranges", sheet: `<sheetData>` + rows12 + `</sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/><mergeCell ref="A3:B3"/></mergeCells>`,
			lim:  func(l *xlsxscan.Limits) { l.MergeCells = 2 },
			kind: xlsxscan.KindLimit, row: 2, words: "工作表“数据”的合并单元格超过 2 处"},
		{name: "merged ranges over too many cells", sheet: `<sheetData>` + rows12 + `</sheetData><mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells>`,
			lim:  func(l *xlsxscan.Limits) { l.MergeArea = 1 << 24 },
			kind: xlsxscan.KindLimit, row: 2, words: "合并单元格共覆盖超过 16777216 个单元格"},
		{name: "a token past the limit", sheet: `<sheetData>` + rows12 + `<row r="3"><c r="A3" t="inlineStr"><is><t>` + strings.Repeat("x", 5000) + `</t></is></c></row></sheetData>`,
			lim:  func(l *xlsxscan.Limits) { l.Token = 4096 },
			kind: xlsxscan.KindLimit, row: 2, cell: "A3", words: "工作表“数据”中有一段超过 4 KiB 的 XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := xlsxTestLimits
			if tt.lim != nil {
				tt.lim(&lim)
			}
			b, err := xlsxscan.Open(xlsxTestPackage(t, tt.sheet, `<si><t>单位</t></si>`, ""), lim)
			if err != nil {
				t.Fatal(err)
			}
			it, err := b.Rows("数据")
			if err != nil {
				t.Fatal(err)
			}
			defer it.Close()
			last := 0
			for {
				num, _, ok, err := it.Next()
				if err != nil {
					var e *xlsxscan.Error
					if !errors.As(err, &e) || e.Kind != tt.kind || e.Row != tt.row || e.Cell != tt.cell ||
						e.Value != tt.value || e.Sheet != "数据" || e.Part != "xl/worksheets/sheet1.xml" {
						t.Fatalf("error %#v, want kind %d after row %d at %q, value %q", err, tt.kind, tt.row, tt.cell, tt.value)
					}
					if last != tt.row {
						t.Errorf("rows read up to %d, error after row %d", last, e.Row)
					}
					d := scanProblem("in.xlsx", err, limits{scan: lim}, forAny)
					if !strings.Contains(d.Summary, tt.words) || d.Pos.Sheet != "数据" || d.Pos.Cell != tt.cell {
						t.Errorf("worded %v, want %q at 数据!%s", d, tt.words, tt.cell)
					}
					if _, _, ok, again := it.Next(); ok || again == nil {
						t.Errorf("after the error: ok %v, error %v", ok, again)
					}
					return
				}
				if !ok {
					t.Fatalf("read to the end without an error")
				}
				last = num
			}
		})
	}
}

// TestXLSXStreamMerges: the merged ranges after the rows, normalised.
func TestXLSXStreamMerges(t *testing.T) {
	sheet := `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
		`<mergeCells count="3"><mergeCell ref="A1:E1"/><mergeCell ref="$C$4:B3"/><mergeCell ref="D7"/></mergeCells><pageMargins/>`
	b, err := xlsxscan.Open(xlsxTestPackage(t, sheet, "", ""), xlsxTestLimits)
	if err != nil {
		t.Fatal(err)
	}
	it, err := b.Rows("数据")
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	for {
		_, _, ok, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
	}
	want := []xlsxscan.Range{{FirstCol: 0, FirstRow: 1, LastCol: 4, LastRow: 1},
		{FirstCol: 1, FirstRow: 3, LastCol: 2, LastRow: 4}, {FirstCol: 3, FirstRow: 7, LastCol: 3, LastRow: 7}}
	if diff := cmp.Diff(want, it.Merges()); diff != "" {
		t.Errorf("merges (-want +got):\n%s", diff)
	}
}
