package docx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWrite writes any text as a title and a block of any kind: the
// package must parse as XML and read back the text less what XML 1.0
// cannot carry.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "正文", "a & b < c > d \" ' e", "\x00\x01\x1f\t\n\r\r\n", "\ufffe\uffff\xff\xfe",
		"]]>", "&amp;", "\u2028\u0085\u007f", "𠀀"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, kind uint8) {
		k := Kind(int(kind) % int(kindCount))
		parts, _ := unzipDocx(t, Document{Title: text, Subtitle: text, Blocks: []Block{{k, text}}})
		want := clean(text)
		if !utf8.ValidString(want) || strings.ContainsAny(want, "\x00\r\ufffe\uffff") {
			t.Fatalf("clean(%q) = %q", text, want)
		}
		paras := parts["word/document.xml"].child("body").all("p")
		n := 1
		if want != "" {
			n = 3
		}
		if len(paras) != n {
			t.Fatalf("%d paragraphs, want %d", len(paras), n)
		}
		for _, p := range paras {
			if got := p.runText(); got != want {
				t.Fatalf("text %q read back as %q, want %q", text, got, want)
			}
		}
	})
}
