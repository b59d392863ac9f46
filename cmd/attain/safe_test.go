package main

import (
	"io"
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain Chinese", "红旗区 地区生产总值", "红旗区 地区生产总值"},
		{"newline and tab kept", "a\tb\nc", "a\tb\nc"},
		{"ESC", "\x1b[31m红\x1b[0m", `\x1b[31m红\x1b[0m`},
		{"CR", "完成\r未完成", `完成\x0d未完成`},
		{"BEL and DEL", "\a\x7f", `\x07\x7f`},
		{"C1 CSI", "a\u009b2Jb", `a\u009b2Jb`},
		{"right-to-left override", "abc\u202edef", `abc\u202edef`},
		{"a byte that is not UTF-8", "a\x9bb\xff", `a\x9bb\xff`},
		{"a rune cut short at the end", "红\xe6\x97", `红\xe6\x97`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeText(tc.in); got != tc.want {
				t.Errorf("safeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSafeWriterSplitRunes writes text a byte at a time: a rune split
// between writes comes out whole, an ESC still escaped.
func TestSafeWriterSplitRunes(t *testing.T) {
	in := "红旗区\x1b[2J完成\u009b"
	var b strings.Builder
	err := writeSafe(&b, func(w io.Writer) error {
		for i := 0; i < len(in); i++ {
			if _, err := w.Write([]byte{in[i]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `红旗区\x1b[2J完成\u009b`; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
