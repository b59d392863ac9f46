package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks the exit-code contract: 0 done, 1 wrong input or
// rules, 2 wrong usage.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	notXlsx := filepath.Join(dir, "notes.xlsx")
	if err := os.WriteFile(notXlsx, []byte("这不是表格"), 0o644); err != nil {
		t.Fatal(err)
	}
	badRules := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badRules, []byte("ruleset: x\nyear: 二〇一九\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	example := filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"--help"}, exitOK, ""},
		{"rules list", []string{"rules", "list"}, exitOK, ""},
		{"evaluate example", []string{"evaluate", "--in", example, "--format", "json"}, exitOK, ""},
		{"unknown flag", []string{"evaluate", "--bogus"}, exitUsage, "flag provided but not defined"},
		{"missing required flag", []string{"evaluate"}, exitUsage, "Required flag"},
		{"unknown command", []string{"evalute"}, exitUsage, "unknown command"},
		{"bad format", []string{"evaluate", "--in", example, "--format", "xml"}, exitUsage, "--format"},
		{"flag after argument", []string{"rules", "check", badRules, "--strict"}, exitUsage, "takes one argument"},
		{"out equals in", []string{"evaluate", "--in", example, "--out", example}, exitUsage, "never overwrites its input"},
		{"missing input", []string{"evaluate", "--in", filepath.Join(dir, "none.xlsx")}, exitData, "文件不存在"},
		{"not a workbook", []string{"evaluate", "--in", notXlsx}, exitData, "notes.xlsx"},
		{"bad rules", []string{"rules", "check", badRules}, exitData, "bad.yaml:2:7"},
		{"bad date", []string{"evaluate", "--in", example, "--date", "2020/01/01"}, exitUsage, "YYYY-MM-DD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"attain"}, tc.args...), strings.NewReader(""), &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, errb.String())
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.stderr)
			}
		})
	}
}
