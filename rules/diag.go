package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a diagnostic stops the job or only needs a look.
type Severity int

const (
	// Error means the input or the rules are wrong and the job cannot go on.
	Error Severity = iota
	// Warning means the job goes on but a person should check the figure.
	Warning
)

// Pos locates a diagnostic in the user's own terms: a line and column of a
// text file, or a sheet and cell of a workbook.
type Pos struct {
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

// String renders the position as "file:line:col" or "file: sheet!cell".
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	case p.Sheet != "":
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(p.Sheet)
		if p.Cell != "" {
			b.WriteString("!" + p.Cell)
		}
	}
	return b.String()
}

// Diagnostic is one problem found in a rule file or an input workbook.
// Summary and Hint are user-visible and written in Chinese.
type Diagnostic struct {
	Pos       Pos      `json:"position"`
	Severity  Severity `json:"-"`
	Indicator string   `json:"indicator,omitempty"`
	Summary   string   `json:"summary"`
	Hint      string   `json:"hint,omitempty"`
}

// Level is the severity as a word, for JSON and tables.
func (d Diagnostic) Level() string {
	if d.Severity == Warning {
		return "warning"
	}
	return "error"
}

// Error renders the diagnostic on one line.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("警告: ")
	}
	b.WriteString(d.Summary)
	if d.Hint != "" {
		b.WriteString("（提示: " + d.Hint + "）")
	}
	return b.String()
}

// Diagnostics is a list of problems, in the manner of go/scanner.ErrorList.
type Diagnostics []Diagnostic

// Add appends a diagnostic.
func (l *Diagnostics) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos.
func (l *Diagnostics) Errorf(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Summary: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf appends a warning at pos.
func (l *Diagnostics) Warnf(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Summary: fmt.Sprintf(format, args...), Hint: hint})
}

// HasErrors reports whether any diagnostic is an error.
func (l Diagnostics) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error-level diagnostics.
func (l Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by file, line, column, sheet and cell, keeping the
// order of diagnostics at the same place.
func (l Diagnostics) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		return cellLess(a.Cell, b.Cell)
	})
}

// cellLess orders A1-style references by row, then column.
func cellLess(a, b string) bool {
	ca, ra := splitCell(a)
	cb, rb := splitCell(b)
	if ra != rb {
		return ra < rb
	}
	if len(ca) != len(cb) {
		return len(ca) < len(cb)
	}
	return ca < cb
}

func splitCell(ref string) (col string, row int) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		i++
	}
	col = ref[:i]
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return col, 0
		}
		row = row*10 + int(c-'0')
	}
	return col, row
}

// Error renders every diagnostic, one per line.
func (l Diagnostics) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error when it holds an error-level diagnostic.
func (l Diagnostics) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// IsValid reports whether the position names anything.
func (p Pos) IsValid() bool { return p != Pos{} }
