// Package read holds every way actual figures come into attain: the
// filled input template, the statistics bureau's own tables (.xlsx and
// CSV, with merged headers, 万元/亿元 and a mapping file), multi-unit city
// workbooks in their three layouts, and the targets table of a city. Read
// is the front door for one unit; ReadUnits and ReadTargets for a city;
// ReadDuties for a 任务分解表 (the lead and partner departments of each
// target, from a table or a numbered text list; duties.go).
//
// One read path: a file is sniffed and opened once (open.go) and refused
// with a Chinese reason when it is not what it claims (.xls, HTML, an
// encrypted workbook without its password, a zip bomb). Every .xlsx is
// read by the stream scanner (templates/internal/xlsxscan); excelize only
// decrypts a workbook with an open password. One unit's sheets become
// grids (grid.go) that hold each row up to its last cell, so memory grows
// with the cells present, not with a sheet's last column; a city's long
// tables stream row by row. What a file may cost (its unpacked size,
// shared strings, merged ranges, grid cells, a CSV's size) is bounded in
// one table (limits.go), and a file past a bound is refused before the
// memory is spent. A damaged sheet is an error naming the sheet and the
// row after which it is damaged (problems.go words the scanner's errors),
// never a shorter reading.
//
// Every problem is a rules.Diagnostic positioned by file, sheet and cell.
// The package reads; it never writes an output, and it never imports a
// writer. Tests keep excelize's way of reading a sheet as reference code
// (excelize_ref_test.go) and hold the scanner's readings equal to it.
package read
