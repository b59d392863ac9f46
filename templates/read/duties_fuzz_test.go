package read

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attain-tool/attain/templates/fixture"

	"github.com/attain-tool/attain/rules"
)

// FuzzDutiesText: no text read as a 分解表 (a numbered list, a pasted table,
// labels in any brackets) panics or hangs; every diagnostic is positioned
// and valid UTF-8; every row is within the text, names no empty unit, and
// counts once as matched or unmatched. The seeds are under
// testdata/fuzz/FuzzDutiesText and below.
func FuzzDutiesText(f *testing.F) {
	f.Add(fixture.DutiesText2019())
	f.Add([]byte("序号\t工作任务\t责任单位\n1\t新建区管公厕3座\t各街道、区城管局\n"))
	f.Add([]byte("1. 任务（牵头单位：（区发改委；责任单位：\n（一）（责任领导：）\n2.5万人\n①[责任单位：、、；]"))
	f.Add([]byte("一、任务（牵头单位：区商务局）\n（（（（责任单位：a\n"))
	rs := rules.Default()
	importRecoverPanics = false
	defer func() { importRecoverPanics = true }()
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			d  Duties
			ds rules.Diagnostics
		)
		done := make(chan struct{})
		go func() {
			defer close(done)
			d, ds = ReadDuties("duties.txt", data, rs)
		}()
		select {
		case <-done:
		case <-time.After(importFuzzSlow):
			t.Fatalf("reading %d bytes took longer than %v", len(data), importFuzzSlow)
		}
		for _, x := range ds {
			if x.Pos.File == "" || !utf8.ValidString(x.Error()) {
				t.Fatalf("diagnostic without a position or not UTF-8: %q", x.Error())
			}
		}
		if ds.HasErrors() {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, r := range d.Rows {
			if r.Pos.Line > lines || r.Task == "" && r.Pos.Line > 0 {
				t.Fatalf("row %+v outside the text of %d lines, or empty", r.Pos, lines)
			}
			for _, p := range append([]string{r.Lead}, r.Partners...)[1:] {
				if strings.TrimSpace(p) == "" {
					t.Fatalf("an empty unit in %q", r.Partners)
				}
			}
		}
		if d.Matched+d.Unmatched != len(d.Rows) {
			t.Fatalf("matched %d + unmatched %d != %d rows", d.Matched, d.Unmatched, len(d.Rows))
		}
	})
}
