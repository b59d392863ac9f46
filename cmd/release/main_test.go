package main

import (
	"strings"
	"testing"
)

func TestTargets(t *testing.T) {
	var names []string
	for _, tg := range Targets {
		names = append(names, tg.Name())
	}
	want := "attain-windows-amd64.exe attain-linux-amd64 attain-linux-arm64 attain-linux-loong64 attain-darwin-arm64"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("targets %q, want %q", got, want)
	}
}

func TestPick(t *testing.T) {
	got, err := pick("linux/amd64, windows/amd64")
	if err != nil || len(got) != 2 || got[1] != (Target{"windows", "amd64"}) {
		t.Errorf("pick: %v %v", got, err)
	}
	if all, _ := pick(""); len(all) != len(Targets) {
		t.Errorf("pick(\"\") = %v", all)
	}
	for _, bad := range []string{"linux", "/amd64", "linux/"} {
		if _, err := pick(bad); err == nil {
			t.Errorf("pick(%q) accepted", bad)
		}
	}
}

func TestMiB(t *testing.T) {
	for n, want := range map[int]string{0: "0.0", 1 << 20: "1.0", 15463936: "14.7", 3 << 19: "1.5"} {
		if got := mib(n); got != want {
			t.Errorf("mib(%d) = %s, want %s", n, got, want)
		}
	}
}
