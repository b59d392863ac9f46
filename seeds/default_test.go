package seeds

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// TestExtractFindsDefault proves that Extract on the seed finds every
// indicator of the hand-made default ruleset drawn from the same report:
// for each indicator, a target whose sentence overlaps the indicator's
// quote in the text, of the same group, measure and kind, with the same
// number (in the report's unit: the draft's 1 万人 is the default's 10000
// 人), due date and multi-year span. Each target is used once. The N of a
// 前列/领先 target is the ruleset's decision, not the text's, and is not
// compared.
func TestExtractFindsDefault(t *testing.T) {
	d, src, _ := seedDraft(t)
	text := string(src)
	def := rules.Default()
	used := make([]bool, len(d.Targets))
	var misses []string
	found := map[string]int{}
	for _, ind := range def.Indicators {
		spans := quoteSpans(text, ind.Quote)
		if len(spans) == 0 {
			misses = append(misses, fmt.Sprintf("%s: quote %q is not in the seed", ind.ID, ind.Quote))
			continue
		}
		var near []string
		hit := -1
		for i, f := range d.Targets {
			if used[i] || !overlaps(spans, f.Offset, f.Offset+len(f.Sentence)) {
				continue
			}
			if why := sameTarget(ind, f); why != "" {
				near = append(near, fmt.Sprintf("%s %s (%s)", f.ID, describe(f), why))
				continue
			}
			hit = i
			break
		}
		if hit < 0 {
			msg := fmt.Sprintf("%s (%s %s %q): no target found", ind.ID, ind.Measure, ind.Target.Kind, ind.Quote)
			if len(near) > 0 {
				msg += "; at the quote: " + strings.Join(near, "; ")
			}
			misses = append(misses, msg)
			continue
		}
		used[hit] = true
		found[ind.Group]++
	}
	for _, g := range def.Groups() {
		n := len(def.Group(g).Indicators)
		t.Logf("default %s: extract finds %d/%d", g, found[g], n)
	}
	if len(misses) > 0 {
		t.Errorf("extract misses %d of %d default indicators:\n%s", len(misses), len(def.Indicators),
			strings.Join(misses, "\n"))
	}
	for i, f := range d.Targets {
		if !used[i] {
			t.Logf("drafted but not in the default ruleset: %s:%d:%d %s %s", seedName, f.Line, f.Col, describe(f), f.Sentence)
		}
	}
}

// quoteSpans returns the byte ranges where quote stands in text.
func quoteSpans(text, quote string) [][2]int {
	var out [][2]int
	if quote == "" {
		return nil
	}
	for at := 0; ; {
		i := strings.Index(text[at:], quote)
		if i < 0 {
			return out
		}
		out = append(out, [2]int{at + i, at + i + len(quote)})
		at += i + 1
	}
}

// overlaps reports whether [s, e) shares a byte with one of the spans.
func overlaps(spans [][2]int, s, e int) bool {
	for _, sp := range spans {
		if s < sp[1] && sp[0] < e {
			return true
		}
	}
	return false
}

// sameTarget says how a found target differs from a rule, or "" when it
// is the same target.
func sameTarget(ind *rules.Indicator, f Found) string {
	t := ind.Target
	switch {
	case f.Group != ind.Group:
		return "group " + f.Group
	case f.Measure != string(ind.Measure):
		return "measure " + f.Measure
	case f.Operator != string(t.Kind):
		return "kind " + f.Operator
	case f.Due != t.Due:
		return "due " + f.Due
	case f.Years != t.Years:
		return fmt.Sprintf("years %d", f.Years)
	}
	switch t.Kind {
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
		if !sameNumber(f.Value, f.Unit, t.Value.String(), ind.Unit) {
			return "value " + f.Value + " " + f.Unit
		}
	case rules.Between:
		if !sameNumber(f.Low, f.Unit, t.Low.String(), ind.Unit) || !sameNumber(f.High, f.Unit, t.High.String(), ind.Unit) {
			return "range " + f.Low + "~" + f.High + " " + f.Unit
		}
	case rules.InStep:
		if f.With != t.With {
			return "with " + f.With
		}
	}
	return ""
}

// sameNumber compares a drafted figure in the report's unit with a rule's:
// equal in the same unit, or the draft's 万X for the rule's X.
func sameNumber(got, gotUnit, want, wantUnit string) bool {
	g, err := decimal.NewFromString(got)
	if err != nil {
		return false
	}
	w, err := decimal.NewFromString(want)
	if err != nil {
		return false
	}
	switch {
	case gotUnit == wantUnit:
	case gotUnit == "万"+wantUnit:
		g = g.Shift(4)
	case gotUnit == "亿"+wantUnit:
		g = g.Shift(8)
	default:
		return false
	}
	return g.Equal(w)
}
