package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is any XML element, for reading the written parts back with
// encoding/xml, independently of how they were written.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr is the value of the attribute named local (any namespace).
func (n node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child is the first child element named local, or a zero node.
func (n node) child(local string) node {
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			return c
		}
	}
	return node{}
}

// all lists the elements named local under n, depth first, in document
// order.
func (n node) all(local string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

// path follows child elements by name.
func (n node) path(locals ...string) node {
	for _, l := range locals {
		n = n.child(l)
	}
	return n
}

// runText is the text of a paragraph as a reader sees it: w:t, w:br as
// "\n", w:tab as "\t".
func (n node) runText() string {
	var b strings.Builder
	for _, r := range n.all("r") {
		for _, c := range r.Nodes {
			switch c.XMLName.Local {
			case "t":
				b.WriteString(c.Text)
			case "br":
				b.WriteString("\n")
			case "tab":
				b.WriteString("\t")
			}
		}
	}
	return b.String()
}

// unzipDocx writes d and returns its parts, in zip order, and their
// names; each part must parse as XML.
func unzipDocx(t testing.TB, d Document) (map[string]node, []string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]node{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var n node
		if err := xml.Unmarshal(data, &n); err != nil {
			t.Fatalf("%s does not parse: %v", f.Name, err)
		}
		parts[f.Name] = n
		names = append(names, f.Name)
	}
	return parts, names
}
