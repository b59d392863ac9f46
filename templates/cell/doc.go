// Package cell turns the text of one spreadsheet cell into what attain
// judges: an exact number (ParseCellNumber: Excel's float noise cut back to
// 15 significant digits, percent formats undone, "１２．５", "1,234.5",
// "12.3%" accepted, placeholders such as "-" or "无" read as empty, never as
// 0), a date (ParseCellDate, from text or a date serial), a yes/no
// (ParseCellYesNo) and a rank (ParseCellRank: 2, 第2名, 第二名, 并列第3). It
// also holds the A1 helpers every room uses: columns are counted from 0 (A
// is 0) and rows from 1, as the sheet shows them (A1, ColName, ColIndex,
// ParseA1).
//
// It is pure: no excelize, no I/O, decimal.Decimal throughout.
package cell
