// Package read holds every way actual figures come into attain: the
// filled input template, the statistics bureau's own tables (.xlsx and
// CSV, with merged headers, 万元/亿元 and a mapping file), multi-unit city
// workbooks in their three layouts, and the targets table of a city. Read
// is the front door for one unit; ReadUnits and ReadTargets for a city.
//
// Files are sniffed once (Sniff) and refused with a Chinese reason when
// they are not what they claim (.xls, HTML, an encrypted workbook without
// its password, a zip bomb). Every problem is a rules.Diagnostic
// positioned by file, sheet and cell. The package reads; it never writes
// an output, and it never imports a writer.
package read
