package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from the user's files (unit and indicator names, cell contents)
// reaches the terminal in tables and messages. A control character in it
// must not: ESC starts a sequence that recolours, moves or clears the
// screen (a workbook can hold one as _x001B_, which the reader decodes), a
// CR overwrites the line. What reaches a terminal shows every control
// character as an escape instead: \x1b for C0 and DEL, \u009b for C1 (a
// terminal may take U+009B for CSI), \u202e for the marks that reverse
// the direction of the text after them, \xff for a byte that is not UTF-8.
// Newlines stay, and tabs, which the layout uses.

// escapeRune returns how r is shown, or "" when it is shown as it is.
func escapeRune(r rune) string {
	switch {
	case r == '\n' || r == '\t':
		return ""
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return ""
}

// safeText is s with its control characters shown as escapes.
func safeText(s string) string {
	var b strings.Builder
	escapeTo(&b, []byte(s), true)
	return b.String()
}

// escapeTo writes p to b with control characters escaped and returns how
// many bytes it took: all of p when final, else all but a rune cut short
// at its end, which the next write completes.
func escapeTo(b *strings.Builder, p []byte, final bool) int {
	i := 0
	for i < len(p) {
		c := p[i]
		if c < utf8.RuneSelf {
			if e := escapeRune(rune(c)); e != "" {
				b.WriteString(e)
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		if !final && !utf8.FullRune(p[i:]) {
			break
		}
		r, n := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, c)
		case escapeRune(r) != "":
			b.WriteString(escapeRune(r))
		default:
			b.Write(p[i : i+n])
		}
		i += n
	}
	return i
}

// safeWriter passes text on to w with control characters escaped. A rune
// split between two writes is held until the next one, or Flush.
type safeWriter struct {
	w    io.Writer
	held []byte
}

func (s *safeWriter) Write(p []byte) (int, error) {
	buf := append(s.held, p...)
	var b strings.Builder
	n := escapeTo(&b, buf, false)
	s.held = append([]byte(nil), buf[n:]...)
	if _, err := io.WriteString(s.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held, escaped.
func (s *safeWriter) Flush() error {
	if len(s.held) == 0 {
		return nil
	}
	var b strings.Builder
	escapeTo(&b, s.held, true)
	s.held = nil
	_, err := io.WriteString(s.w, b.String())
	return err
}

// writeSafe runs write on a safeWriter to w: for text meant for people,
// on a terminal.
func writeSafe(w io.Writer, write func(io.Writer) error) error {
	s := &safeWriter{w: w}
	err := write(s)
	if ferr := s.Flush(); err == nil {
		err = ferr
	}
	return err
}
