// Package templates holds every workbook layout of attain: the input
// template the statistics bureau fills (填报表 with its 填报说明), reading the
// actual figures back from a filled workbook, and the scored assessment
// written for leadership, with its text renderings.
//
// It is the only package that imports excelize. Figures cross it as
// decimal.Decimal parsed from the raw cell text (Options.RawCellValue), never
// as float64: ParseCellNumber turns the raw text of one cell into an exact
// number, with Excel's float noise cut back to 15 significant digits, percent
// formats undone, and text such as "１２．５", "1,234.5", "12.3%" accepted.
// Problems in a workbook come back as rules.Diagnostics positioned by file,
// sheet and cell, in Chinese.
package templates
