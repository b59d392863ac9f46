package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBigTextRefusedBeforeRead: a CSV past the reader's limit is refused
// by its size, before it is read, with the reader's own message; a
// workbook of the same size is not held to the CSV limit.
func TestBigTextRefusedBeforeRead(t *testing.T) {
	dir := t.TempDir()
	sparse := func(name string, head []byte, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(head); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	tests := []struct {
		name, file string
		head       []byte
		size       int64
		want       string
	}{
		{"450 MB of CSV", "big.csv", []byte("指标,本年\n"), 450 << 20, "CSV 文件有 450 MiB，超过上限 16 MiB，不予读取"},
		{"just past the limit", "edge.csv", []byte("a,b\n"), 16<<20 + 1, "超过上限 16 MiB"},
		{"a workbook is not held to it", "book.xlsx", []byte("PK\x03\x04"), 20 << 20, "文件不完整或已损坏"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sparse(tt.file, tt.head, tt.size)
			var stdout, stderr bytes.Buffer
			code := run([]string{"attain", "evaluate", "--in", p}, nil, &stdout, &stderr)
			if code != exitData || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr.String(), tt.want)
			}
		})
	}
}
