package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress draws a bar on stderr for long runs: only on a terminal, and
// only once a step has run for more than a second.
type progress struct {
	w       io.Writer
	on      bool
	start   time.Time
	last    time.Time
	drawn   bool
	label   string
	nowFunc func() time.Time
}

// newProgress returns a bar that draws only when w is a terminal.
func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), nowFunc: time.Now}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// step starts a new stage with its label.
func (p *progress) step(label string) {
	p.label = label
	p.start = p.nowFunc()
}

// update is called with the work done so far; it redraws at most ten times
// a second, from one second into the stage.
func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	now := p.nowFunc()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprint(p.w, "\r"+bar(p.label, done, total))
}

// done clears the bar.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// bar renders "label [=====>    ]  45% 67500/150000".
func bar(label string, done, total int) string {
	const width = 30
	if total <= 0 {
		return fmt.Sprintf("%s %d", label, done)
	}
	if done > total {
		done = total
	}
	n := done * width / total
	fill := strings.Repeat("=", n)
	if n < width {
		fill += ">" + strings.Repeat(" ", width-n-1)
	}
	return fmt.Sprintf("%s [%s] %3d%% %d/%d", label, fill, done*100/total, done, total)
}
