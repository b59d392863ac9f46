package read

import (
	"bytes"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// TestImportRankWords: a bureau table's rank cell reads as the template's
// does, through cell.ParseCellRank: 第2名, 第二, 并列第3, 第3名（并列）.
func TestImportRankWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"number", "2", 2},
		{"with 第 and 名", "第2名", 2},
		{"Chinese numeral", "第二", 2},
		{"a shared place", "并列第3", 3},
		{"a shared place after", "第3名（并列）", 3},
		{"in the city", "全市第1名", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			for i, row := range [][]string{{"指标名称", "名次"}, {"教育医疗、社会保障水平", tt.text}} {
				if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			acts, diags, _ := Read("rank.xlsx", buf.Bytes(), rules.Default(), ImportOptions{})
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags.Errors())
			}
			if a := acts.Values["public_services_rank"]; a == nil || a.Rank != tt.want {
				t.Errorf("rank of %q = %+v, want %d (problems %v)", tt.text, a, tt.want, diags)
			}
		})
	}
}
