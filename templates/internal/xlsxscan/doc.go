// Package xlsxscan reads the cells of an .xlsx workbook as a stream, with
// the standard library only: a byte scanner over each worksheet's XML that
// understands just the elements cells are made of, the shared strings, and
// one bit per cell style (whether its number format shows a percent).
// Memory grows with the cells present, not with the sheet's last column.
// Errors are values for templates/read to word for the user.
package xlsxscan
