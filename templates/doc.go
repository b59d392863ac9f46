// Package templates is the input template of attain: its layout as data
// (the sheets 填报表, 重点工作任务 and 填报说明; the columns, each with the
// field it holds and its titles), writing it for a ruleset (WriteTemplate)
// and filling it with figures (FillTemplate).
//
// The column table (Columns) is the one field vocabulary: the template
// writer, every reader in templates/read and the scorecard name the six
// figure fields (上年实际值, 本年实际值, 本年增速, 名次, 是否完成, 完成日期)
// from it. The rooms around it:
//
//	templates/cell           one cell's text → exact number, date, yes/no, rank; A1 references
//	templates/read           every way figures come in, behind one Read
//	templates/view           assessment → display rows; table, JSON, CSV, review text
//	templates/scorecard      the xlsx scorecards of one unit and of a city
//	templates/fixture        generated test workbooks and values (never in the binary)
//	templates/internal/...   the streaming sheet scanner and the parallel zip writer
//
// Only packages under templates import excelize; view and cell never do.
package templates
