package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutIsAnInput checks that --out naming any input, however it is
// written, is refused with one line, exit 2, and the input kept whole.
func TestOutIsAnInput(t *testing.T) {
	example, err := os.ReadFile(filepath.Join(testRoot(t), "examples", "hongqi-2019-actuals.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	rulesYAML := "ruleset: w\nentity: 卫滨区\nyear: 2019\nindicators:\n  - id: gdp_growth\n    name: 地区生产总值\n" +
		"    category: 总量\n    measure: growth\n    unit: \"%\"\n    target: {kind: at_least, value: 10}\n    weight: 100\n"
	files := map[string]string{"in.xlsx": string(example), "city.xlsx": string(example), "r.yaml": rulesYAML,
		"m.yaml": "sheet: 数据\n", "units/w.yaml": rulesYAML, "t.xlsx": string(example), "report.txt": "报告"}
	for name, body := range files {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := map[string]bool{}
	if err := os.Link("in.xlsx", "hard.xlsx"); err != nil {
		missing["hard.xlsx"] = true
	}
	if err := os.Symlink("in.xlsx", "soft.xlsx"); err != nil {
		missing["soft.xlsx"] = true
	}
	const tail = "，attain 从不覆盖输入。 运行 attain evaluate --help 查看用法\n"
	tests := []struct {
		name string
		args []string
		want string
		file string // the input that must stay whole
	}{
		{"the same name", []string{"evaluate", "--in", "in.xlsx", "--out", "in.xlsx"}, "--out in.xlsx 是输入文件（--in）" + tail, "in.xlsx"},
		{"./x for x", []string{"evaluate", "--in", "in.xlsx", "--out", "./in.xlsx"}, "--out ./in.xlsx 是输入文件（--in）" + tail, "in.xlsx"},
		{"absolute", []string{"evaluate", "-i", "in.xlsx", "-o", filepath.Join(dir, "in.xlsx")}, "-o " + filepath.Join(dir, "in.xlsx") + " 是输入文件（-i）" + tail, "in.xlsx"},
		{"a hard link", []string{"evaluate", "--in", "in.xlsx", "--out", "hard.xlsx"}, "--out hard.xlsx 是输入文件（--in）" + tail, "in.xlsx"},
		{"a symbolic link", []string{"evaluate", "--in", "soft.xlsx", "--out", "in.xlsx"}, "--out in.xlsx 是输入文件（--in）" + tail, "in.xlsx"},
		{"the rules", []string{"evaluate", "--in", "in.xlsx", "--rules", "r.yaml", "--out", "r.yaml"}, "--out r.yaml 是输入文件（--rules）" + tail, "r.yaml"},
		{"the rules, -r", []string{"evaluate", "--in", "in.xlsx", "-r", "r.yaml", "--out", "./r.yaml"}, "--out ./r.yaml 是输入文件（-r）" + tail, "r.yaml"},
		{"the mapping", []string{"evaluate", "--in", "in.xlsx", "--map", "m.yaml", "--out", "m.yaml"}, "--out m.yaml 是输入文件（--map）" + tail, "m.yaml"},
		{"the targets", []string{"evaluate", "--units", "--in", "city.xlsx", "--targets", "t.xlsx", "--out", "t.xlsx"}, "--out t.xlsx 是输入文件（--targets）" + tail, "t.xlsx"},
		{"a unit's rules", []string{"evaluate", "--units", "--in", "city.xlsx", "--unit-rules", "units/w.yaml", "--out", "units/w.yaml"}, "--out units/w.yaml 是输入文件（--unit-rules）" + tail, "units/w.yaml"},
		{"a file of the unit rules folder", []string{"evaluate", "--units", "--in", "city.xlsx", "--unit-rules", "units", "--out", "units/../units/w.yaml"}, "--out units/../units/w.yaml 是输入文件（--unit-rules）" + tail, "units/w.yaml"},
		{"report", []string{"report", "--in", "in.xlsx", "--out", "hard.xlsx"}, "--out hard.xlsx 是输入文件（--in），attain 从不覆盖输入。 运行 attain report --help 查看用法\n", "in.xlsx"},
		{"template", []string{"template", "--rules", "r.yaml", "--out", "r.yaml"}, "--out r.yaml 是输入文件（--rules），attain 从不覆盖输入。 运行 attain template --help 查看用法\n", "r.yaml"},
		{"extract", []string{"extract", "--in", "report.txt", "--out", "./report.txt"}, "--out ./report.txt 是输入文件（--in），attain 从不覆盖输入。 运行 attain extract --help 查看用法\n", "report.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, a := range tc.args {
				if missing[a] {
					t.Skip(a, "could not be made here")
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"attain"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if want := "attain: " + tc.want; stderr.String() != want {
				t.Errorf("stderr:\n%q\nwant:\n%q", stderr.String(), want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
			if got, err := os.ReadFile(tc.file); err != nil || string(got) != files[tc.file] {
				t.Errorf("%s changed: %v", tc.file, err)
			}
		})
	}
}

// testRoot is the repository's root, from the package's folder.
func testRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}
