// Package xlsxscan reads the cells of an .xlsx workbook as a stream, with
// the standard library only: a byte scanner over each worksheet's XML that
// understands just the elements cells are made of and the merged ranges
// after them, the shared strings, and one bit per cell style (whether its
// number format shows a percent). Memory grows with the cells present,
// not with the sheet's last column; what a package may cost beyond that
// (its unpacked size, one XML token, the shared strings, merged ranges) is
// bounded by the Limits it is opened with.
//
// A sheet that is damaged (XML cut short, an entity XML does not define, a
// row or cell reference that does not read) ends its rows with an *Error
// that says where: the part, the sheet, the last row read whole and the
// cell being read. Errors are values without user wording; templates/read
// words them.
//
// Files: book.go opens the package (parts, relationships, workbook, shared
// strings, styles); rows.go streams a worksheet; xml.go is the byte
// scanner; errors.go the Error type.
package xlsxscan
