package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks the exit-code contract: 0 done, 1 wrong input or
// rules or a failed file operation, 2 wrong usage (one line on stderr,
// nothing on stdout).
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
		{"unknown flag", []string{"evaluate", "--bogus"}, exitUsage, "未知参数 --bogus"},
		{"missing required flag", []string{"evaluate"}, exitUsage, "缺少参数 --in"},
		{"unknown command", []string{"evalute"}, exitUsage, "未知命令 evalute，是不是 evaluate？"},
		{"bad format", []string{"evaluate", "--in", example, "--format", "xml"}, exitUsage, `--format 的值 "xml" 无效`},
		{"unknown flag after argument", []string{"rules", "check", badRules, "--strict"}, exitUsage, "未知参数 --strict"},
		{"out equals in", []string{"evaluate", "--in", example, "--out", example}, exitUsage, "从不覆盖输入"},
		{"out is a folder", []string{"evaluate", "--in", example, "--out", dir}, exitData, "这是文件夹，不是文件"},
		{"out in a missing folder", []string{"template", "--out", filepath.Join(dir, "none", "t.xlsx")}, exitData, "文件夹 " + filepath.Join(dir, "none") + " 不存在"},
		{"missing input", []string{"evaluate", "--in", filepath.Join(dir, "none.xlsx")}, exitData, "文件不存在"},
		{"not a workbook", []string{"evaluate", "--in", notXlsx}, exitData, "notes.xlsx"},
		{"bad rules", []string{"rules", "check", badRules}, exitData, "bad.yaml:2:7"},
		{"bad date", []string{"evaluate", "--in", example, "--date", "2020/01/01"}, exitUsage, "YYYY-MM-DD"},
		{"bad number", []string{"evaluate", "--in", example, "--header-row", "二"}, exitUsage, `--header-row 的值 "二" 不是整数`},
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
			if tc.code == exitUsage {
				if n := strings.Count(errb.String(), "\n"); n != 1 {
					t.Errorf("usage error in %d lines, want 1:\n%s", n, errb.String())
				}
				if out.Len() > 0 {
					t.Errorf("usage error printed to stdout:\n%s", out.String())
				}
			}
		})
	}
}
