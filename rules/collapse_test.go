package rules

import (
	"fmt"
	"strings"
	"testing"
)

func TestCollapse(t *testing.T) {
	dup := func(row int) Diagnostic {
		return Diagnostic{Pos: Pos{File: "a.xlsx", Sheet: "数据", Cell: fmt.Sprintf("A%d", row)},
			Summary: fmt.Sprintf("指标 gdp_growth 重复出现：第4行和第%d行", row), Hint: "删去重复的一行"}
	}
	many := func(from, to int) Diagnostics {
		var l Diagnostics
		for r := from; r <= to; r++ {
			l = append(l, dup(r))
		}
		return l
	}
	other := Diagnostic{Pos: Pos{File: "a.xlsx", Sheet: "数据", Cell: "C9"}, Summary: "不是数字", Severity: Warning}
	tests := []struct {
		name string
		in   Diagnostics
		want []string
	}{
		{"nothing", nil, nil},
		{"three of a kind stay", many(5, 7), []string{
			"a.xlsx: 数据!A5: 指标 gdp_growth 重复出现：第4行和第5行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A6: 指标 gdp_growth 重复出现：第4行和第6行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A7: 指标 gdp_growth 重复出现：第4行和第7行（提示: 删去重复的一行）"}},
		{"the fourth is counted", many(5, 8), []string{
			"a.xlsx: 数据!A5: 指标 gdp_growth 重复出现：第4行和第5行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A6: 指标 gdp_growth 重复出现：第4行和第6行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A7: 指标 gdp_growth 重复出现：第4行和第7行（提示: 删去重复的一行）",
			"a.xlsx: 数据: 第8行同样的问题，另有1处（上面只列出前3处），共4处（提示: 删去重复的一行）"}},
		{"a hundred thousand rows are one line", many(5, 120000), []string{
			"a.xlsx: 数据!A5: 指标 gdp_growth 重复出现：第4行和第5行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A6: 指标 gdp_growth 重复出现：第4行和第6行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A7: 指标 gdp_growth 重复出现：第4行和第7行（提示: 删去重复的一行）",
			"a.xlsx: 数据: 第8至第120,000行同样的问题，另有119,993处（上面只列出前3处），共119,996处（提示: 删去重复的一行）"}},
		{"other problems keep their place", append(append(many(5, 6), other), many(7, 9)...), []string{
			"a.xlsx: 数据!A5: 指标 gdp_growth 重复出现：第4行和第5行（提示: 删去重复的一行）",
			"a.xlsx: 数据!A6: 指标 gdp_growth 重复出现：第4行和第6行（提示: 删去重复的一行）",
			"a.xlsx: 数据!C9: 警告: 不是数字",
			"a.xlsx: 数据!A7: 指标 gdp_growth 重复出现：第4行和第7行（提示: 删去重复的一行）",
			"a.xlsx: 数据: 第8至第9行同样的问题，另有2处（上面只列出前3处），共5处（提示: 删去重复的一行）"}},
		{"a different severity is another kind", Diagnostics{other, other, other,
			{Pos: other.Pos, Summary: other.Summary}}, []string{
			"a.xlsx: 数据!C9: 警告: 不是数字", "a.xlsx: 数据!C9: 警告: 不是数字", "a.xlsx: 数据!C9: 警告: 不是数字",
			"a.xlsx: 数据!C9: 不是数字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Collapse()
			var lines []string
			for _, d := range got {
				lines = append(lines, d.Error())
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
