package read

import (
	"strings"

	"github.com/attain-tool/attain/templates"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// This file derives, from the one vocabulary of templates.Columns (each
// column's Title and Aliases), the tables the readers look titles up in and
// the words their messages name a figure by. No reader keeps a list of its
// own of the names of the six figure fields.

// readTitles maps the column titles a header row may carry (after
// rules.NormalizeName) to the template's columns.
var readTitles = func() map[string]int {
	m := map[string]int{}
	for col, c := range templates.Columns {
		for _, n := range c.Names() {
			if k := rules.NormalizeName(n); k != "" {
				if _, dup := m[k]; !dup {
					m[k] = col
				}
			}
		}
	}
	return m
}()

// unitsSubTitles map the titles of a second header row under each unit
// (after rules.NormalizeName, without a trailing "(%)" or "%") to the
// figure they head.
var unitsSubTitles = func() map[string]eval.Field {
	m := map[string]eval.Field{}
	for _, c := range templates.Columns {
		if c.Field == "" {
			continue
		}
		for _, n := range c.Names() {
			if k := unitsSubKey(n); k != "" {
				if _, dup := m[k]; !dup {
					m[k] = c.Field
				}
			}
		}
	}
	return m
}()

// unitsSubKey folds a second-row title for unitsSubTitles.
func unitsSubKey(text string) string {
	k := rules.NormalizeName(text)
	return strings.TrimSuffix(strings.TrimSuffix(k, "(%)"), "%")
}

// unitsIDTitles and unitsNameTitles are the titles of the columns that
// identify the indicator of a row: 指标编码 and 指标 and their aliases.
var (
	unitsIDTitles   = columnTitleSet(templates.ColID)
	unitsNameTitles = columnTitleSet(templates.ColName)
)

func columnTitleSet(col int) map[string]bool {
	m := map[string]bool{}
	for _, n := range templates.Columns[col].Names() {
		m[rules.NormalizeName(n)] = true
	}
	return m
}

// fieldWords names the figures in the importer's messages and report: the
// short name of each figure's column (本年值, 上年值, 增速, 名次, 是否完成,
// 完成日期).
var fieldWords = func() map[eval.Field]string {
	m := map[eval.Field]string{}
	for _, c := range templates.Columns {
		if c.Field != "" {
			m[c.Field] = c.Short()
		}
	}
	return m
}()

// fieldTitle is the column title of a figure, for messages and the report
// of a template's reading (本年实际值, 本年增速(%) …).
func fieldTitle(f eval.Field) string {
	if col := templates.ColOf(f); col >= 0 {
		return templates.Columns[col].Title
	}
	return string(f)
}
