package view

import (
	"bytes"
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/templates/fixture"
)

// TestTableSaysWhatIsMissing: a table without problems still says how
// many indicators have no figure, so a half-filled input does not read as
// a whole one.
func TestTableSaysWhatIsMissing(t *testing.T) {
	a := fixture.Assessment(t)
	a.Problems = nil
	missing := 0
	for _, r := range a.Results {
		if r.Status == eval.NoData {
			missing++
		}
	}
	if missing == 0 {
		t.Fatal("the fixture has no indicator without data")
	}
	tests := []struct {
		name    string
		nodata  bool
		want    string
		notWant string
	}{
		{"figures missing", true, "数据问题: 未发现数据问题；另有", ""},
		{"all there", false, "数据问题: 未发现数据问题\n", "另有"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := *a
			b.Results = append([]eval.Result(nil), a.Results...)
			if !tt.nodata {
				for i := range b.Results {
					if b.Results[i].Status == eval.NoData {
						b.Results[i].Status = eval.Met
					}
				}
			}
			var buf bytes.Buffer
			if err := WriteTable(&buf, &b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("table lacks %q:\n%s", tt.want, buf.String())
			}
			if tt.notWant != "" && strings.Contains(buf.String(), tt.notWant) {
				t.Errorf("table has %q", tt.notWant)
			}
		})
	}
}
