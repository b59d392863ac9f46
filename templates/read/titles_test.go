package read

import (
	"testing"

	"github.com/attain-tool/attain/templates"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
)

// TestTitlesFromColumns holds the readers' tables to the one vocabulary of
// templates.Columns: every name of a column finds it, in the template's
// header and under a unit, and messages keep their words.
func TestTitlesFromColumns(t *testing.T) {
	for col, c := range templates.Columns {
		for _, n := range c.Names() {
			if got, ok := readTitles[rules.NormalizeName(n)]; !ok || got != col {
				t.Errorf("readTitles[%q] = %d, %v; want column %d (%s)", n, got, ok, col, c.Title)
			}
			if c.Field == "" {
				continue
			}
			if f, ok := unitsSubField(n); !ok || f != c.Field {
				t.Errorf("unitsSubField(%q) = %q, %v; want %q", n, f, ok, c.Field)
			}
		}
	}
	words := map[eval.Field]string{
		eval.FieldLevel: "本年值", eval.FieldPrevLevel: "上年值", eval.FieldGrowth: "增速",
		eval.FieldRank: "名次", eval.FieldDone: "是否完成", eval.FieldDate: "完成日期",
	}
	titles := map[eval.Field]string{
		eval.FieldLevel: "本年实际值", eval.FieldPrevLevel: "上年实际值", eval.FieldGrowth: "本年增速(%)",
		eval.FieldRank: "名次", eval.FieldDone: "是否完成", eval.FieldDate: "完成日期",
	}
	for f, w := range words {
		if fieldWords[f] != w {
			t.Errorf("fieldWords[%s] = %q, want %q", f, fieldWords[f], w)
		}
		if got := fieldTitle(f); got != titles[f] {
			t.Errorf("fieldTitle(%s) = %q, want %q", f, got, titles[f])
		}
	}
	for _, k := range []string{"指标编码", "编码", "指标代码"} {
		if !unitsIDTitles[k] {
			t.Errorf("unitsIDTitles lacks %q", k)
		}
	}
	for _, k := range []string{"指标", "指标名称", "项目"} {
		if !unitsNameTitles[k] {
			t.Errorf("unitsNameTitles lacks %q", k)
		}
	}
}
