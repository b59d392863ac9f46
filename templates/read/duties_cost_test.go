package read

import (
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/rules"
)

// TestReadDutiesCost: texts that would cost a careless parser the square of
// their length (brackets that never close, an item continued for
// thousands of lines, thousands of labelled lines) are read in about the
// time of their length: half a megabyte each, well within five seconds.
func TestReadDutiesCost(t *testing.T) {
	rs := rules.Default()
	for name, s := range map[string]string{
		"open brackets":  strings.Repeat("（", 170000),
		"labelled items": strings.Repeat("1. 任务（牵头单位：区发改委；责任单位：各街道）\n", 8000),
		"one long item":  "1. " + strings.Repeat("任务（牵头单位：区发改委）", 13000),
		"continuations":  "1. 任务\n" + strings.Repeat("续行文字（说明）\n", 20000),
		"csv":            "序号,工作任务,责任单位\n" + strings.Repeat("1,新建区管公厕3座,各街道、区城管局\n", 10000),
	} {
		start := time.Now()
		_, ds := ReadDuties("duties.txt", []byte(s), rs)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: %d bytes took %v (%d diagnostics)", name, len(s), took, len(ds))
		}
	}
}
