package web

import (
	"strings"
	"testing"

	"github.com/attain-tool/attain/eval"
)

// TestEveryStatusHasItsColour: a status word eval can give has its own
// class on the page and its colour in the stylesheet, as on the scorecard.
func TestEveryStatusHasItsColour(t *testing.T) {
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range eval.Statuses {
		c := classOf(s)
		if c == "other" {
			t.Errorf("%s has no class", s)
		}
		if !strings.Contains(string(css), ".st-"+c+" {") {
			t.Errorf("%s: no .st-%s in style.css", s, c)
		}
	}
}
