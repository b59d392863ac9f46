package templates

import (
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// fillNumber is a number FillTemplate writes as a number cell, keeping the
// text as the raw value (so that a fixture can hold 8.5000000000000006E-2).
var fillNumber = regexp.MustCompile(`^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$`)

// FillTemplate writes the input template of rs for entity (rs.Entity when
// empty) with figures typed into it, and banner (when not empty) as the
// first line of 填报表 and as a note on its cell. It makes examples and test
// fixtures.
//
// values maps an indicator id to its figures by field. A figure that reads
// as a plain number (12.5, -1.5, 8.5000000000000006E-2) is written as a
// number cell whose raw value is exactly that text; anything else, and
// every 是否完成 and 完成日期 figure, is written as text. Figures may go to
// any figure column, also one that is locked for the indicator (a revised
// baseline, say).
func FillTemplate(w io.Writer, rs *rules.Ruleset, entity string, values map[string]map[eval.Field]string, banner string) error {
	b, err := newInputBook(rs, entity, banner)
	if err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	defer b.f.Close()
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		row, ok := b.rows[id]
		if !ok {
			return fmt.Errorf("fill template: no indicator %q in ruleset %s", id, rs.ID)
		}
		for field, v := range values[id] {
			col := inputColOf(field)
			if col < 0 {
				return fmt.Errorf("fill template: %s: unknown field %q", id, field)
			}
			cell := inputCell(col, row)
			switch {
			case field != eval.FieldDone && field != eval.FieldDate && fillNumber.MatchString(v):
				err = b.f.SetCellDefault(InputSheet, cell, v)
			default:
				err = b.f.SetCellStr(InputSheet, cell, v)
			}
			if err != nil {
				return fmt.Errorf("fill template: %s %s: %w", id, field, err)
			}
		}
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("fill template: %w", err)
	}
	return nil
}

// ExampleBanner marks the example workbook as illustrative.
const ExampleBanner = "示例数据，仅用于演示，非官方统计数据（Illustrative figures, not official statistics）"

// ExampleValues2019 returns the illustrative figures of the example
// workbook examples/hongqi-2019-actuals.xlsx, made by cmd/mkfixtures for
// the embedded 2019 ruleset. They are invented, not official statistics,
// and chosen so that the assessment shows every verdict: 超额完成 (固定资产
// 投资, 规上工业, 就业), 完成 (GDP, and 一般公共预算收入 derived from levels at
// exactly 12.0%), 基本完成 (社零), 未完成 (科技创新投入 falling).
func ExampleValues2019() map[string]map[eval.Field]string {
	return map[string]map[eval.Field]string{
		"gdp_growth":           {eval.FieldGrowth: "8.6"},
		"fai_growth":           {eval.FieldGrowth: "12.8"},
		"retail_growth":        {eval.FieldGrowth: "9.8"},
		"trade_growth":         {eval.FieldLevel: "4.2", eval.FieldPrevLevel: "3.9"},
		"industry_va_growth":   {eval.FieldGrowth: "10.5"},
		"rd_growth":            {eval.FieldGrowth: "-1.5"},
		"revenue_growth":       {eval.FieldLevel: "9.1392"},
		"new_urban_jobs":       {eval.FieldLevel: "10250"},
		"unemployment_rate":    {eval.FieldLevel: "3.6"},
		"income_growth":        {eval.FieldGrowth: "8.9"},
		"public_services_rank": {eval.FieldRank: "2"},
		"binding_targets":      {eval.FieldDone: "是"},
	}
}
