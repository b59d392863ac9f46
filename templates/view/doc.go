// Package view turns an assessment into what people read, without any
// workbook library: display rows (Row, the one place a decimal becomes the
// digits shown, with its places, sign and unit), the parts of a scorecard
// by indicator group, the text table, JSON and CSV of one unit and of a
// city, and the review text (回顾文稿). The scorecard writer lays these
// rows out in xlsx; the text outputs print them; both show the same digits.
package view
