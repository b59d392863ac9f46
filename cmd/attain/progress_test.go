package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestBar(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		want        string
	}{
		{"start", 0, 100, "读取 [>                             ]   0% 0/100"},
		{"half", 50, 100, "读取 [===============>              ]  50% 50/100"},
		{"full", 100, 100, "读取 [==============================] 100% 100/100"},
		{"over", 120, 100, "读取 [==============================] 100% 100/100"},
		{"unknown total", 7, 0, "读取 7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := bar("读取", tc.done, tc.total); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestProgressOnlyAfterASecond(t *testing.T) {
	var buf bytes.Buffer
	now := time.Unix(0, 0)
	p := &progress{w: &buf, on: true, nowFunc: func() time.Time { return now }}
	p.step("读取")
	p.update(1, 10)
	if buf.Len() != 0 {
		t.Fatalf("drew before a second: %q", buf.String())
	}
	now = now.Add(1500 * time.Millisecond)
	p.update(5, 10)
	if !strings.Contains(buf.String(), "50%") {
		t.Fatalf("no bar after a second: %q", buf.String())
	}
	p.done()
	if !strings.HasSuffix(buf.String(), "\r\033[K") {
		t.Errorf("bar not cleared: %q", buf.String())
	}
	off := newProgress(&buf) // a buffer is not a terminal
	if off.on {
		t.Error("progress on for a non-terminal")
	}
}
