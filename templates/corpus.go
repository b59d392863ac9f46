package templates

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// This file makes the import corpus: the bureau spreadsheets, good and bad,
// that ImportActuals is tested on (templates/testdata/corpus, written by
// `go run ./cmd/mkcorpus`). Every file is made here by code, so that the
// corpus can be regenerated and checked for staleness; the files that
// LibreOffice writes are made by converting one of these with soffice.
// The figures are illustrative, not official statistics.

// CorpusFile is one file of the corpus.
type CorpusFile struct {
	Name string
	// Data is the file's bytes; nil for a file LibreOffice writes.
	Data []byte
	// From and Convert: the file is made by `soffice --headless
	// --convert-to Convert` from the corpus file From.
	From    string
	Convert string
	// Password opens an encrypted file, for comparing its cells.
	Password string
}

// CorpusCase is one reading of a corpus file and what it must give.
type CorpusCase struct {
	Name     string `yaml:"name"`
	File     string `yaml:"file"`
	Sheet    string `yaml:"sheet,omitempty"`
	Password string `yaml:"password,omitempty"`
	Mapping  string `yaml:"mapping,omitempty"` // a mapping file of the corpus
	// Values are the figures read, by indicator id and field (level,
	// prev_level, growth, rank, done, date), as decimal strings; no other
	// figure may be read.
	Values map[string]map[string]string `yaml:"values,omitempty"`
	// Sources are positions of figures, "id.field": "file: sheet!cell".
	Sources map[string]string `yaml:"sources,omitempty"`
	// Error is a fragment of the expected error and ErrorAt its position
	// (rules.Pos.String()).
	Error   string `yaml:"error,omitempty"`
	ErrorAt string `yaml:"error_at,omitempty"`
	// Warning is a fragment of an expected warning.
	Warning string `yaml:"warning,omitempty"`
}

// corpusRow is a row of a bureau table: name, unit, this year, last year,
// growth (%), as typed.
type corpusRow struct{ name, unit, level, prev, growth string }

// corpusRows is the 2019 table of a district statistics bureau, amounts
// in 万元 (illustrative figures).
var corpusRows = []corpusRow{
	{"1、地区生产总值", "万元", "2105000", "1932000", "8.6"},
	{"2、固定资产投资（不含农户）", "%", "-", "-", "12.3"},
	{"3、社会消费品零售总额", "万元", "1201000", "1084000", "10.8"},
	{"4、进出口总值", "万元", "33000", "31370", "5.2"},
	{"5、规模以上工业增加值", "%", "-", "-", "9.1"},
	{"6、R&D经费内部支出", "万元", "15600", "14200", "9.9"},
	{"7、一般公共预算收入", "万元", "91500", "81600", "12.1"},
	{"8、城镇新增就业人数", "万人", "1.12", "1.05", "6.7"},
	{"9、城镇登记失业率", "%", "3.2", "3.4", "-"},
	{"10、全体居民人均可支配收入", "元", "32150", "29660", "8.4"},
	{"11、全员劳动生产率", "元/人", "98000", "92100", "6.4"},
}

// corpusWant is what corpusRows read as, in the ruleset's units.
func corpusWant() map[string]map[string]string {
	return map[string]map[string]string{
		"gdp_growth":         {"level": "210.5", "prev_level": "193.2", "growth": "8.6"},
		"fai_growth":         {"growth": "12.3"},
		"retail_growth":      {"level": "120.1", "prev_level": "108.4", "growth": "10.8"},
		"trade_growth":       {"level": "3.3", "prev_level": "3.137", "growth": "5.2"},
		"industry_va_growth": {"growth": "9.1"},
		"rd_growth":          {"level": "15600", "prev_level": "14200", "growth": "9.9"},
		"revenue_growth":     {"level": "9.15", "prev_level": "8.16", "growth": "12.1"},
		"new_urban_jobs":     {"level": "11200", "prev_level": "10500", "growth": "6.7"},
		"unemployment_rate":  {"level": "3.2", "prev_level": "3.4"},
		"income_growth":      {"level": "32150", "prev_level": "29660", "growth": "8.4"},
	}
}

// corpusEdit returns a copy of want with changes: "id.field" → value, ""
// deletes.
func corpusEdit(want map[string]map[string]string, changes ...string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for id, fs := range want {
		out[id] = map[string]string{}
		for f, v := range fs {
			out[id][f] = v
		}
	}
	for i := 0; i+1 < len(changes); i += 2 {
		id, f, _ := strings.Cut(changes[i], ".")
		if changes[i+1] == "" {
			delete(out[id], f)
			if len(out[id]) == 0 {
				delete(out, id)
			}
			continue
		}
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][f] = changes[i+1]
	}
	return out
}

// corpusSheet is a sheet to write: rows of cell texts (a text that reads
// as a number is written as a number unless the sheet keeps text), merged
// ranges, and percent-formatted cells.
type corpusSheet struct {
	name      string
	rows      [][]string
	merges    [][2]string
	text      bool            // write every cell as text (numbers stored as text)
	percent   map[string]bool // cells with the number format 0.0%
	hidden    bool
	colWidths map[string]float64
}

// corpusIsNumber reports whether s is a plain number to store as one.
func corpusIsNumber(s string) bool {
	return fillNumber.MatchString(s)
}

// corpusBook writes sheets with excelize, as a generic spreadsheet program
// would; app names the program in docProps/app.xml.
func corpusBook(app string, sheets ...corpusSheet) ([]byte, error) {
	return corpusBookPassword(app, "", sheets...)
}

func corpusBookPassword(app, password string, sheets ...corpusSheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	var err error
	keep := func(e error) {
		if err == nil {
			err = e
		}
	}
	pct, e := f.NewStyle(&excelize.Style{NumFmt: 177, CustomNumFmt: ptr("0.0%")})
	keep(e)
	for i, s := range sheets {
		if i == 0 {
			keep(f.SetSheetName("Sheet1", s.name))
		} else {
			_, e := f.NewSheet(s.name)
			keep(e)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref := cellA1(c, r+1)
				switch {
				case !s.text && corpusIsNumber(v):
					keep(f.SetCellDefault(s.name, ref, v))
				default:
					keep(f.SetCellStr(s.name, ref, v))
				}
				if s.percent[ref] {
					keep(f.SetCellStyle(s.name, ref, ref, pct))
				}
			}
		}
		for _, m := range s.merges {
			keep(f.MergeCell(s.name, m[0], m[1]))
		}
		for col, w := range s.colWidths {
			keep(f.SetColWidth(s.name, col, col, w))
		}
	}
	for i, s := range sheets {
		if s.hidden {
			if f.GetActiveSheetIndex() == i {
				f.SetActiveSheet((i + 1) % len(sheets))
			}
			keep(f.SetSheetVisible(s.name, false))
		}
	}
	if app != "" {
		keep(f.SetAppProps(&excelize.AppProperties{Application: app, AppVersion: "11.0000"}))
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if password != "" {
		_, err = f.WriteTo(&buf, excelize.Options{Password: password})
	} else {
		_, err = f.WriteTo(&buf)
	}
	return buf.Bytes(), err
}

func ptr[T any](v T) *T { return &v }

// corpusMerged is the bureau's usual layout: a title, a unit note, two
// header rows with merged cells ("1-12月" over "绝对量 | 比上年增长%"), the
// rows, a notes row.
func corpusMerged(rows []corpusRow) corpusSheet {
	s := corpusSheet{name: "主要指标", colWidths: map[string]float64{"A": 30}}
	s.rows = [][]string{
		{"2019年红旗区主要经济指标完成情况"},
		{"", "", "", "", "单位：万元、%"},
		{"指标名称", "计量单位", "1-12月", "", "上年同期"},
		{"", "", "绝对量", "比上年增长%", ""},
	}
	for _, r := range rows {
		s.rows = append(s.rows, []string{r.name, r.unit, r.level, r.growth, r.prev})
	}
	s.rows = append(s.rows, []string{"注：地区生产总值、规模以上工业增加值增速按可比价格计算；固定资产投资为不含农户口径。"})
	s.merges = [][2]string{{"A1", "E1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "D3"}, {"E3", "E4"},
		{fmt.Sprintf("A%d", len(s.rows)), fmt.Sprintf("E%d", len(s.rows))}}
	return s
}

// corpusSimple is a one-header-row table: 指标 | 单位 | 本年累计 | 上年同期 | 增长(%).
func corpusSimple(name string, rows []corpusRow) corpusSheet {
	s := corpusSheet{name: name}
	s.rows = [][]string{{"指标", "单位", "本年累计", "上年同期", "增长(%)"}}
	for _, r := range rows {
		s.rows = append(s.rows, []string{r.name, r.unit, r.level, r.prev, r.growth})
	}
	return s
}

// corpusChange returns rows with one cell changed: row index, field
// ("level", "prev", "growth", "unit", "name"), value.
func corpusChange(rows []corpusRow, changes ...any) []corpusRow {
	out := append([]corpusRow(nil), rows...)
	for i := 0; i+2 < len(changes); i += 3 {
		r, f, v := changes[i].(int), changes[i+1].(string), changes[i+2].(string)
		switch f {
		case "level":
			out[r].level = v
		case "prev":
			out[r].prev = v
		case "growth":
			out[r].growth = v
		case "unit":
			out[r].unit = v
		case "name":
			out[r].name = v
		}
	}
	return out
}

// corpusRawCell is a cell of a hand-written worksheet: its XML inside
// <c r="…">, and its type attribute.
type corpusRawCell struct {
	t, inner string
	style    int
}

// corpusRawBook writes a minimal .xlsx package by hand, as Excel lays it
// out, for what excelize cannot write: formulas with cached results, error
// cells. rows hold raw cells; strings are inline.
func corpusRawBook(sheet string, rows [][]corpusRawCell) ([]byte, error) {
	return corpusRawBookMethod(sheet, rows, zip.Deflate)
}

func corpusRawBookMethod(sheet string, rows [][]corpusRawCell, method uint16) ([]byte, error) {
	var ws strings.Builder
	ws.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	ws.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r, row := range rows {
		fmt.Fprintf(&ws, `<row r="%d">`, r+1)
		for c, cell := range row {
			if cell.inner == "" && cell.t == "" {
				continue
			}
			fmt.Fprintf(&ws, `<c r="%s"`, cellA1(c, r+1))
			if cell.style > 0 {
				fmt.Fprintf(&ws, ` s="%d"`, cell.style)
			}
			if cell.t != "" {
				fmt.Fprintf(&ws, ` t="%s"`, cell.t)
			}
			fmt.Fprintf(&ws, `>%s</c>`, cell.inner)
		}
		ws.WriteString(`</row>`)
	}
	ws.WriteString(`</sheetData></worksheet>`)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`},
		{"docProps/app.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + html.EscapeString(sheet) + `" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`},
		{"xl/worksheets/sheet1.xml", ws.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: corpusTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	err := zw.Close()
	return buf.Bytes(), err
}

// corpusTime is the fixed time stamp of hand-made zip entries.
var corpusTime = time.Date(2020, 1, 15, 9, 0, 0, 0, time.UTC)

func rawStr(s string) corpusRawCell {
	return corpusRawCell{t: "inlineStr", inner: "<is><t>" + html.EscapeString(s) + "</t></is>"}
}
func rawNum(s string) corpusRawCell { return corpusRawCell{inner: "<v>" + s + "</v>"} }

// corpusRawRows turns bureau rows into raw cells: name, unit, level,
// growth, prev; growth cells of the first rows may be replaced.
func corpusRawRows(rows []corpusRow, growth map[int]corpusRawCell) [][]corpusRawCell {
	out := [][]corpusRawCell{
		{rawStr("2019年主要经济指标")},
		{rawStr("指标名称"), rawStr("单位"), rawStr("本年累计"), rawStr("比上年增长(%)"), rawStr("上年同期")},
	}
	cell := func(s string) corpusRawCell {
		if corpusIsNumber(s) {
			return rawNum(s)
		}
		return rawStr(s)
	}
	for i, r := range rows {
		g := cell(r.growth)
		if c, ok := growth[i]; ok {
			g = c
		}
		out = append(out, []corpusRawCell{rawStr(r.name), rawStr(r.unit), cell(r.level), g, cell(r.prev)})
	}
	return out
}

// corpusCSV is the bureau table as CSV text.
func corpusCSV(rows []corpusRow) string {
	var b strings.Builder
	b.WriteString("指标名称,单位,本年累计,上年同期,比上年增长(%)\r\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\r\n", r.name, r.unit, r.level, r.prev, r.growth)
	}
	return b.String()
}

// corpusXLS is a minimal OLE2 compound file holding a BIFF8 Workbook
// stream, as an .xls (Excel 97-2003) file starts.
func corpusXLS() []byte {
	const sector = 512
	le := binary.LittleEndian
	stream := make([]byte, 4096) // at the mini-stream cutoff: kept in regular sectors
	// BOF record: type 0x0809, length 16, BIFF8, workbook globals
	copy(stream, []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xCD, 0x07, 0xC1, 0x00, 0x01, 0x00, 0x06, 0x04, 0x00, 0x00})
	copy(stream[20:], []byte{0x0A, 0x00, 0x00, 0x00}) // EOF record
	nStream := len(stream) / sector
	out := make([]byte, sector*(3+nStream))
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)          // FAT sectors
	le.PutUint32(h[48:], 1)          // first directory sector
	le.PutUint32(h[56:], 4096)       // mini stream cutoff
	le.PutUint32(h[60:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(h[68:], 0xFFFFFFFE) // no DIFAT sectors
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(h[76:], 0) // the FAT is sector 0
	fat := out[sector : 2*sector]
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // FAT sector
	le.PutUint32(fat[4:], 0xFFFFFFFE) // directory: one sector
	for i := 0; i < nStream; i++ {
		next := uint32(3 + i)
		if i == nStream-1 {
			next = 0xFFFFFFFE
		}
		le.PutUint32(fat[4*(2+i):], next)
	}
	dir := out[2*sector : 3*sector]
	entry := func(i int, name string, typ byte, child, start uint32, size uint32) {
		e := dir[128*i : 128*(i+1)]
		n := 0
		for _, r := range name {
			le.PutUint16(e[2*n:], uint16(r))
			n++
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*(n+1)))
		}
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], 0xFFFFFFFF)
		le.PutUint32(e[72:], 0xFFFFFFFF)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	entry(0, "Root Entry", 5, 1, 0xFFFFFFFE, 0)
	entry(1, "Workbook", 2, 0xFFFFFFFF, 2, uint32(len(stream)))
	entry(2, "", 0, 0xFFFFFFFF, 0, 0)
	entry(3, "", 0, 0xFFFFFFFF, 0, 0)
	copy(out[3*sector:], stream)
	return out
}

// corpusZip writes a zip of the given entries, in order; stored entries
// are not compressed.
func corpusZip(entries ...struct {
	name, body string
	store      bool
}) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		m := zip.Deflate
		if e.store {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: m, Modified: corpusTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			return nil, err
		}
	}
	err := zw.Close()
	return buf.Bytes(), err
}

type corpusEntry = struct {
	name, body string
	store      bool
}

// corpusBomb is a workbook whose one worksheet unpacks to 80 MiB of
// spaces, a few hundred kilobytes packed.
func corpusBomb() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []corpusEntry{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, false},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`, false},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: corpusTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	// Deflate 1 MiB of spaces twice with a sync flush after each: the second
	// block compresses a MiB that follows spaces, and repeats as often as
	// needed, so that 80 MiB are packed without compressing 80 MiB.
	const mib, n = 1 << 20, 80
	chunk := bytes.Repeat([]byte(" "), mib)
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	var segs [2][]byte
	for i := range segs {
		start := packed.Len()
		if _, err := fw.Write(chunk); err != nil {
			return nil, err
		}
		if err := fw.Flush(); err != nil {
			return nil, err
		}
		segs[i] = append([]byte(nil), packed.Bytes()[start:]...)
	}
	body := append([]byte(nil), segs[0]...)
	crc := crc32.ChecksumIEEE(chunk)
	for range n - 1 {
		body = append(body, segs[1]...)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	body = append(body, 0x03, 0x00) // a final, empty block
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, Modified: corpusTime,
		CRC32: crc, CompressedSize64: uint64(len(body)), UncompressedSize64: n * mib})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	err = zw.Close()
	return buf.Bytes(), err
}

// corpusLyingBomb is a workbook whose worksheet says it unpacks to 1 KiB
// and unpacks to 8 MiB: the zip reader must stop at the declared size.
func corpusLyingBomb() ([]byte, error) {
	good, err := corpusRawBook("Sheet1", [][]corpusRawCell{{rawStr("指标名称")}})
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		return nil, err
	}
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	body := append([]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`),
		bytes.Repeat([]byte(`<row r="1"><c r="A1"><v>1</v></c></row>`), 8<<20/40)...)
	if _, err := fw.Write(body); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: corpusTime,
				CRC32: 0x12345678, CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1024})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(packed.Bytes()); err != nil {
				return nil, err
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	err = zw.Close()
	return buf.Bytes(), err
}

// CorpusFiles makes every file of the import corpus.
func CorpusFiles() ([]CorpusFile, error) {
	var files []CorpusFile
	var err error
	add := func(name string, data []byte, e error) {
		if e != nil && err == nil {
			err = fmt.Errorf("%s: %w", name, e)
		}
		files = append(files, CorpusFile{Name: name, Data: data})
	}
	book := func(name, app string, sheets ...corpusSheet) {
		b, e := corpusBook(app, sheets...)
		add(name, b, e)
	}
	rows := corpusRows

	// Realistic layouts.
	book("bureau-merged.xlsx", "Microsoft Excel", corpusMerged(rows))
	yi := make([]corpusRow, len(rows))
	for i, r := range rows {
		yi[i] = r
		if r.unit == "万元" && r.name != "6、R&D经费内部支出" {
			yi[i].unit = "亿元"
			yi[i].level = corpusShift(r.level, -4)
			yi[i].prev = corpusShift(r.prev, -4)
		}
	}
	book("bureau-yiyuan.xlsx", "Microsoft Excel", corpusSimple("Sheet1", yi))
	{
		s := corpusSheet{name: "表1"}
		s.rows = [][]string{{"红旗区2019年1-12月主要经济指标"}, {"单位：万元"}, {"项目", "本期", "上年同期", "同比±%"}}
		for _, r := range rows {
			if r.unit != "万元" {
				continue
			}
			s.rows = append(s.rows, []string{r.name, r.level, r.prev, r.growth})
		}
		book("bureau-note-unit.xlsx", "Microsoft Excel", s)
	}
	{
		s := corpusMerged(corpusChange(rows, 0, "level", "2,105,000", 0, "prev", "1,932,000", 2, "level", "1,201,000", 2, "prev", "1,084,000"))
		s.text = true
		book("wps-text-numbers.xlsx", "WPS 表格", s)
	}
	{
		s := corpusSimple("Sheet1", corpusChange(rows, 0, "growth", "８．６", 0, "name", "１、地区生产总值", 2, "growth", "10.8%", 3, "growth", "+5.2",
			6, "level", "９１５００", 9, "name", "全体居民人均可支配收入＊"))
		s.text = true
		book("fullwidth-percent-text.xlsx", "WPS 表格", s)
	}
	{
		s := corpusSimple("Sheet1", corpusChange(rows, 0, "growth", "0.086", 2, "growth", "0.108", 6, "growth", "0.121"))
		s.percent = map[string]bool{"E2": true, "E4": true, "E8": true}
		book("percent-format.xlsx", "Microsoft Excel", s)
	}
	book("placeholders.xlsx", "Microsoft Excel", corpusSimple("Sheet1",
		corpusChange(rows, 0, "growth", "-", 2, "growth", "—", 3, "growth", "/", 5, "growth", "无", 6, "prev", "…", 9, "growth", "")))
	{
		b, e := corpusRawBook("主要指标", corpusRawRows(rows, map[int]corpusRawCell{
			2: {inner: "<f>ROUND((C5/E5-1)*100,1)</f><v>10.800000000000001</v>"},
			6: {inner: "<f>C9/E9-1</f><v>0.12132352941176472</v>", style: 1},
		}))
		add("excel-formulas-cached.xlsx", b, e)
	}
	{
		b, e := corpusRawBook("主要指标", corpusRawRows(rows, map[int]corpusRawCell{0: {inner: "<f>ROUND((C3/E3-1)*100,1)</f>"}}))
		add("formula-no-cache.xlsx", b, e)
	}
	{
		b, e := corpusRawBook("主要指标", corpusRawRows(rows, map[int]corpusRawCell{0: {t: "e", inner: "<f>C3/0</f><v>#DIV/0!</v>"}}))
		add("error-cell.xlsx", b, e)
	}
	book("duplicate-rows.xlsx", "Microsoft Excel", corpusSimple("Sheet1", append(append([]corpusRow{}, rows...),
		corpusRow{"地区生产总值", "万元", "2098000", "1932000", "8.5"})))
	book("not-a-number.xlsx", "Microsoft Excel", corpusSimple("Sheet1", corpusChange(rows, 0, "growth", "约8.6")))
	book("unit-usd.xlsx", "Microsoft Excel", corpusSimple("Sheet1", corpusChange(rows, 3, "unit", "万美元", 3, "level", "4780", 3, "prev", "4620")))
	book("unit-unknown.xlsx", "Microsoft Excel", corpusSimple("Sheet1", corpusChange(rows, 6, "unit", "万块")))
	{
		part := corpusSimple("1-11月", corpusChange(rows[:5], 0, "growth", "8.4", 0, "level", "1890000"))
		book("several-sheets.xlsx", "Microsoft Excel",
			corpusSheet{name: "填表说明", rows: [][]string{{"本表由区统计局填报"}, {"地区生产总值为初步核算数"}}},
			part, corpusSimple("1-12月", rows))
	}
	{
		stale := corpusSimple("旧表", corpusChange(rows, 0, "growth", "7.0"))
		stale.hidden = true
		book("hidden-stale-sheet.xlsx", "Microsoft Excel", stale, corpusSimple("2019年", rows))
	}
	book("no-indicators.xlsx", "Microsoft Excel", corpusSheet{name: "人口", rows: [][]string{
		{"乡镇（街道）", "户籍人口", "常住人口"}, {"东街街道", "41230", "45870"}, {"西街街道", "38211", "40102"}}})
	{
		// last year's block left of this year's, each "绝对值 | 增速"
		s := corpusSheet{name: "指标"}
		s.rows = [][]string{{"指标", "单位", "上年", "", "本年", ""}, {"", "", "绝对值", "增速", "绝对值", "增速"}}
		for _, r := range rows {
			s.rows = append(s.rows, []string{r.name, r.unit, r.prev, "7.9", r.level, r.growth})
		}
		s.merges = [][2]string{{"A1", "A2"}, {"B1", "B2"}, {"C1", "D1"}, {"E1", "F1"}}
		book("year-blocks.xlsx", "Microsoft Excel", s)
	}
	{
		s := corpusSheet{name: "Sheet1"}
		s.rows = [][]string{{"指标", "单位", "2018年", "2019年"}}
		s.rows = append(s.rows,
			[]string{"地区生产总值", "亿元", "193.2", "210.5"},
			[]string{"地区生产总值增速", "%", "8.0", "8.6"},
			[]string{"一般公共预算收入", "亿元", "8.16", "9.15"},
			[]string{"一般公共预算收入增长", "%", "15.1", "12.1"},
			[]string{"城镇新增就业", "人", "10500", "11200"})
		book("growth-rows-years.xlsx", "Microsoft Excel", s)
	}
	{
		s := corpusSheet{name: "12月"}
		s.rows = [][]string{{"指标名称", "单位", "本月", "1-12月累计", "本月增速(%)", "累计增速(%)", "全年目标(%)", "全市位次"}}
		s.rows = append(s.rows,
			[]string{"地区生产总值", "亿元", "", "210.5", "", "8.6", "8.5", "3"},
			[]string{"社会消费品零售总额", "亿元", "11.2", "120.1", "9.9", "10.8", "11", "2"},
			[]string{"一般公共预算收入", "万元", "7300", "91500", "3.1", "12.1", "12", "第4"})
		book("monthly-columns.xlsx", "Microsoft Excel", s)
	}
	{
		s := corpusSheet{name: "数据"}
		s.rows = [][]string{{"序号", "列1", "列2", "列3", "列4"}}
		for i, r := range rows {
			s.rows = append(s.rows, []string{fmt.Sprint(i + 1), r.name, r.prev, r.level, r.growth})
		}
		book("odd-headers.xlsx", "Microsoft Excel", s)
		add("odd-headers.map.yaml", []byte("# 列标题无法识别时，用映射文件指定各列\nsheet: 数据\nheader_row: 1\ncolumns:\n  name: B\n  prev_level: C\n  level: D\n  growth: E\nunits:\n  gdp_growth: 万元\n  retail_growth: 万元\n  trade_growth: 万元\n  revenue_growth: 万元\n  rd_growth: 万元\n  new_urban_jobs: 万人\n"), nil)
		add("bad.map.yaml", []byte("sheet: 数据\ncolumns:\n  levle: D\n  growth: 5\nindicators:\n  gdp_grwoth: {row: 3}\n"), nil)
		add("dup-pick.map.yaml", []byte("indicators:\n  gdp_growth: {row: 13}\n"), nil)
	}
	{
		s := corpusSheet{name: "主要指标", percent: map[string]bool{}}
		s.rows = [][]string{{"指标名称", "单位", "全年目标", "是否完成", "全市排名"}}
		s.rows = append(s.rows,
			[]string{"教育医疗、社会保障水平", "名", "前列", "", "第二名"},
			[]string{"节能减排、环境保护等约束性指标", "", "完成市定目标", "√", ""})
		book("rank-yesno.xlsx", "Microsoft Excel", s)
	}

	// CSV.
	add("csv-utf8.csv", []byte(corpusCSV(rows)), nil)
	add("csv-utf8-bom.csv", []byte("\xEF\xBB\xBF"+corpusCSV(rows)), nil)
	gb, e := simplifiedchinese.GB18030.NewEncoder().String(corpusCSV(rows))
	add("csv-gb18030.csv", []byte(gb), e)
	add("csv-quoted.csv", []byte("\"指标名称\",\"单位\",\"本年\n累计\",\"上年\n同期\",\"增速\n(%)\"\n"+
		"\"地区生产总值\",\"万元\",\"2,105,000\",\"1,932,000\",\"8.6%\"\n"+
		"\"一般公共预算收入\",\"万元\",\"91,500\",\"81,600\",\"12.1\"\n"), nil)
	add("csv-error.csv", []byte(corpusCSV(corpusChange(rows, 0, "growth", "#DIV/0!"))), nil)

	// Malformed files.
	enc, e := corpusBookPassword("Microsoft Excel", "hongqi2019", corpusMerged(rows))
	files = append(files, CorpusFile{Name: "encrypted.xlsx", Data: enc, Password: "hongqi2019"})
	if e != nil && err == nil {
		err = e
	}
	add("old-format.xls", corpusXLS(), nil)
	add("report-renamed.xlsx", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), nil)
	add("chart-renamed.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"), nil)
	docx, e := corpusZip(
		corpusEntry{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, false},
		corpusEntry{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>2019年主要经济指标</w:t></w:r></w:p></w:body></w:document>`, false})
	add("document-renamed.xlsx", docx, e)
	ods, e := corpusZip(
		corpusEntry{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
		corpusEntry{"content.xml", `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`, false})
	add("opendocument.ods", ods, e)
	add("empty.xlsx", []byte{}, nil)
	// cut from a workbook packed without compression, so that the bytes
	// do not depend on a compressor
	if good, e := corpusRawBookMethod("主要指标", corpusRawRows(rows, nil), zip.Store); e == nil {
		add("truncated.xlsx", good[:len(good)*3/5], nil)
	} else {
		add("truncated.xlsx", nil, e)
	}
	bomb, e := corpusBomb()
	add("zip-bomb.xlsx", bomb, e)
	lying, e := corpusLyingBomb()
	add("zip-bomb-lying.xlsx", lying, e)
	add("html-export.xls", []byte("<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>指标名称</td><td>本年累计</td></tr><tr><td>地区生产总值</td><td>210.5</td></tr></table></body></html>\n"), nil)

	// Written by LibreOffice from the files above.
	files = append(files,
		CorpusFile{Name: "lo-bureau-merged.xlsx", From: "bureau-merged.xlsx", Convert: "xlsx"},
		CorpusFile{Name: "lo-percent-format.xlsx", From: "percent-format.xlsx", Convert: "xlsx"},
		CorpusFile{Name: "lo-excel-formulas-cached.xlsx", From: "excel-formulas-cached.xlsx", Convert: "xlsx"},
		CorpusFile{Name: "lo-bureau-merged.xls", From: "bureau-merged.xlsx", Convert: "xls"},
	)
	return files, err
}

// corpusShift moves the decimal point of a numeral typed as text.
func corpusShift(s string, places int32) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return d.Shift(places).String()
}

// CorpusCases lists the readings of the corpus and what each must give.
func CorpusCases() []CorpusCase {
	want := corpusWant()
	yi := corpusWant()
	cases := []CorpusCase{
		{Name: "merged two-row header, units in a column, 万元", File: "bureau-merged.xlsx", Values: want,
			Sources: map[string]string{"gdp_growth.growth": "bureau-merged.xlsx: 主要指标!D5", "gdp_growth.level": "bureau-merged.xlsx: 主要指标!C5",
				"gdp_growth.prev_level": "bureau-merged.xlsx: 主要指标!E5"}},
		{Name: "one header row, amounts in 亿元", File: "bureau-yiyuan.xlsx", Values: yi},
		{Name: "单位：万元 note above the table", File: "bureau-note-unit.xlsx", Values: map[string]map[string]string{
			"gdp_growth":     want["gdp_growth"],
			"retail_growth":  want["retail_growth"],
			"trade_growth":   want["trade_growth"],
			"rd_growth":      want["rd_growth"],
			"revenue_growth": want["revenue_growth"],
		}},
		{Name: "WPS file, numbers stored as text with thousands separators", File: "wps-text-numbers.xlsx", Values: want},
		{Name: "full-width digits, 12.3% strings, +5.2, trailing *", File: "fullwidth-percent-text.xlsx", Values: want},
		{Name: "growth cells in percent number format", File: "percent-format.xlsx", Values: want},
		{Name: "placeholders are no data, never 0", File: "placeholders.xlsx", Values: corpusEdit(want,
			"gdp_growth.growth", "", "retail_growth.growth", "", "trade_growth.growth", "", "rd_growth.growth", "",
			"revenue_growth.prev_level", "", "income_growth.growth", "")},
		{Name: "formulas with cached results, float noise, raw value not the shown one", File: "excel-formulas-cached.xlsx",
			Values:  corpusEdit(want, "revenue_growth.growth", "12.1323529411765"),
			Sources: map[string]string{"revenue_growth.growth": "excel-formulas-cached.xlsx: 主要指标!D9"}},
		{Name: "formula without a cached result", File: "formula-no-cache.xlsx", Error: "没有保存计算结果",
			ErrorAt: "formula-no-cache.xlsx: 主要指标!D3"},
		{Name: "error cell", File: "error-cell.xlsx", Error: "错误值 #DIV/0!", ErrorAt: "error-cell.xlsx: 主要指标!D3"},
		{Name: "the same indicator on two rows", File: "duplicate-rows.xlsx", Error: "出现在不止一行：A2 和 A13",
			ErrorAt: "duplicate-rows.xlsx: Sheet1!A13"},
		{Name: "a mapping picks one of two rows", File: "duplicate-rows.xlsx", Mapping: "dup-pick.map.yaml",
			Values: corpusEdit(want, "gdp_growth.level", "209.8", "gdp_growth.growth", "8.5")},
		{Name: "a value that is not a number", File: "not-a-number.xlsx", Error: "无法读成数字", ErrorAt: "not-a-number.xlsx: Sheet1!E2"},
		{Name: "a unit that cannot convert", File: "unit-usd.xlsx", Error: "单位“万美元”", ErrorAt: "unit-usd.xlsx: Sheet1!B5"},
		{Name: "a unit that cannot be read", File: "unit-unknown.xlsx", Error: "无法识别指标“一般公共预算收入”的单位“万块”",
			ErrorAt: "unit-unknown.xlsx: Sheet1!B8"},
		{Name: "several sheets: the best match, with a warning", File: "several-sheets.xlsx", Values: want,
			Warning: "选用了“1-12月”"},
		{Name: "several sheets: --sheet", File: "several-sheets.xlsx", Sheet: "1-11月", Values: corpusEdit(corpusWant(),
			"gdp_growth.growth", "8.4", "gdp_growth.level", "189", "rd_growth.level", "", "rd_growth.prev_level", "", "rd_growth.growth", "",
			"revenue_growth.level", "", "revenue_growth.prev_level", "", "revenue_growth.growth", "",
			"new_urban_jobs.level", "", "new_urban_jobs.prev_level", "", "new_urban_jobs.growth", "",
			"unemployment_rate.level", "", "unemployment_rate.prev_level", "",
			"income_growth.level", "", "income_growth.prev_level", "", "income_growth.growth", "")},
		{Name: "a sheet that does not exist", File: "several-sheets.xlsx", Sheet: "1-10月", Error: "没有名为“1-10月”的工作表",
			ErrorAt: "several-sheets.xlsx"},
		{Name: "a hidden sheet of stale figures is passed over", File: "hidden-stale-sheet.xlsx", Values: want},
		{Name: "no recognisable indicators", File: "no-indicators.xlsx", Error: "没有找到规则集中的任何指标", ErrorAt: "no-indicators.xlsx: 人口"},
		{Name: "growth on rows of its own, years as headers", File: "growth-rows-years.xlsx", Values: map[string]map[string]string{
			"gdp_growth":     {"level": "210.5", "prev_level": "193.2", "growth": "8.6"},
			"revenue_growth": {"level": "9.15", "prev_level": "8.16", "growth": "12.1"},
			"new_urban_jobs": {"level": "11200", "prev_level": "10500"},
		}},
		{Name: "last year's block (绝对值 | 增速) left of this year's", File: "year-blocks.xlsx", Values: want,
			Sources: map[string]string{"gdp_growth.growth": "year-blocks.xlsx: 指标!F3", "gdp_growth.prev_level": "year-blocks.xlsx: 指标!C3"}},
		{Name: "monthly and cumulative columns, a target column, ranks", File: "monthly-columns.xlsx", Values: map[string]map[string]string{
			"gdp_growth":     {"level": "210.5", "growth": "8.6", "rank": "3"},
			"retail_growth":  {"level": "120.1", "growth": "10.8", "rank": "2"},
			"revenue_growth": {"level": "9.15", "growth": "12.1", "rank": "4"},
		}},
		{Name: "headers that say nothing", File: "odd-headers.xlsx", Error: "认不出本年值或增速在哪一列", ErrorAt: "odd-headers.xlsx: 数据!B2"},
		{Name: "headers that say nothing, with a mapping", File: "odd-headers.xlsx", Mapping: "odd-headers.map.yaml", Values: want},
		{Name: "a mapping with mistakes", File: "odd-headers.xlsx", Mapping: "bad.map.yaml", Error: "不认识的列用途“levle”",
			ErrorAt: "bad.map.yaml:3:3"},
		{Name: "rank and yes/no", File: "rank-yesno.xlsx", Values: map[string]map[string]string{
			"public_services_rank": {"rank": "2"}, "binding_targets": {"done": "是"}}},
		{Name: "CSV in UTF-8", File: "csv-utf8.csv", Values: want,
			Sources: map[string]string{"gdp_growth.growth": "csv-utf8.csv:2:5"}},
		{Name: "CSV in UTF-8 with BOM", File: "csv-utf8-bom.csv", Values: want},
		{Name: "CSV in GB18030", File: "csv-gb18030.csv", Values: want},
		{Name: "CSV with quoted fields across lines", File: "csv-quoted.csv", Values: map[string]map[string]string{
			"gdp_growth":     {"level": "210.5", "prev_level": "193.2", "growth": "8.6"},
			"revenue_growth": {"level": "9.15", "prev_level": "8.16", "growth": "12.1"}},
			Sources: map[string]string{"revenue_growth.growth": "csv-quoted.csv:6:5"}},
		{Name: "CSV with an error value", File: "csv-error.csv", Error: "错误值 #DIV/0!", ErrorAt: "csv-error.csv:2:5"},
		{Name: "encrypted, no password", File: "encrypted.xlsx", Error: "需要 --password", ErrorAt: "encrypted.xlsx"},
		{Name: "encrypted, wrong password", File: "encrypted.xlsx", Password: "hongqi2018", Error: "打开密码不正确", ErrorAt: "encrypted.xlsx"},
		{Name: "encrypted, right password", File: "encrypted.xlsx", Password: "hongqi2019", Values: want},
		{Name: ".xls (BIFF)", File: "old-format.xls", Error: "另存为“Excel 工作簿(*.xlsx)”", ErrorAt: "old-format.xls"},
		{Name: "a PDF renamed", File: "report-renamed.xlsx", Error: "这是PDF 文档", ErrorAt: "report-renamed.xlsx"},
		{Name: "a PNG renamed", File: "chart-renamed.xlsx", Error: "这是PNG 图片", ErrorAt: "chart-renamed.xlsx"},
		{Name: "a Word document renamed", File: "document-renamed.xlsx", Error: "Word 文档", ErrorAt: "document-renamed.xlsx"},
		{Name: "an OpenDocument spreadsheet", File: "opendocument.ods", Error: ".ods", ErrorAt: "opendocument.ods"},
		{Name: "an empty file", File: "empty.xlsx", Error: "文件是空的", ErrorAt: "empty.xlsx"},
		{Name: "a truncated file", File: "truncated.xlsx", Error: "文件不完整或已损坏", ErrorAt: "truncated.xlsx"},
		{Name: "a zip bomb", File: "zip-bomb.xlsx", Error: "解压后超过 64 MiB", ErrorAt: "zip-bomb.xlsx"},
		{Name: "a zip bomb that lies about its size", File: "zip-bomb-lying.xlsx", Error: "已损坏", ErrorAt: "zip-bomb-lying.xlsx"},
		{Name: "an HTML page saved as .xls", File: "html-export.xls", Error: "网页（HTML）", ErrorAt: "html-export.xls"},
		{Name: "LibreOffice: merged header", File: "lo-bureau-merged.xlsx", Values: want},
		{Name: "LibreOffice: percent format", File: "lo-percent-format.xlsx", Values: want},
		{Name: "LibreOffice: formulas", File: "lo-excel-formulas-cached.xlsx", Values: corpusEdit(want, "revenue_growth.growth", "12.1323529411765")},
		{Name: "LibreOffice: .xls", File: "lo-bureau-merged.xls", Error: ".xls（Excel 97-2003）", ErrorAt: "lo-bureau-merged.xls"},
	}
	return cases
}

// CorpusSameContent reports whether two corpus files hold the same: the
// same bytes, or two workbooks with the same cells (raw values) and merged
// ranges in every sheet. An encrypted workbook is compared decrypted, as
// its bytes change with every encryption.
func CorpusSameContent(a, b []byte, password string) bool {
	if bytes.Equal(a, b) {
		return true
	}
	if ea, eb := corpusZipEntries(a), corpusZipEntries(b); ea != "" && ea == eb {
		return true // the same parts, packed by another compressor
	}
	ca, err := corpusContent(a, password)
	if err != nil {
		return false
	}
	cb, err := corpusContent(b, password)
	return err == nil && ca == cb
}

// corpusZipEntries lists the parts of a zip by name, checksum and size,
// or "" when data is no zip.
func corpusZipEntries(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, f := range zr.File {
		fmt.Fprintf(&b, "%s %08x %d\n", f.Name, f.CRC32, f.UncompressedSize64)
	}
	return b.String()
}

// corpusContent lists a workbook's cells and merged ranges as text.
func corpusContent(data []byte, password string) (string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{Password: password, RawCellValue: true})
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		fmt.Fprintf(&b, "sheet %q\n", s)
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", err
		}
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					fmt.Fprintf(&b, "%s=%q\n", cellA1(c, r+1), v)
				}
			}
		}
		merges, err := f.GetMergeCells(s, true)
		if err != nil {
			return "", err
		}
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		visible, err := f.GetSheetVisible(s)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "visible %v\n", visible)
	}
	return b.String(), nil
}

// CorpusExpected is the expected-results file of the corpus
// (testdata/corpus/expected.yaml).
func CorpusExpected() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# Expected readings of the import corpus. Generated by `go run ./cmd/mkcorpus` from\n" +
		"# templates/corpus.go; do not edit. Figures are illustrative, not official statistics.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(CorpusCases()); err != nil {
		return nil, err
	}
	err := enc.Close()
	return buf.Bytes(), err
}
