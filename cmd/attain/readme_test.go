package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeSkipped are the README's commands that cannot run on the shipped
// example alone, each with its reason. A line listed here that the README
// no longer has fails the test, so that the list stays honest.
var readmeSkipped = map[string]string{
	"attain rules check my-2020.yaml":                                             "my-2020.yaml is the reader's own file",
	"attain template --rules my-2020.yaml --out 填报表-2020.xlsx":                    "my-2020.yaml is the reader's own file",
	"attain evaluate --rules my-2020.yaml --in 填报表-2020.xlsx --out 评估表-2020.xlsx": "a template the reader has filled",
}

// TestReadmeCommands runs every command of the README's ```sh blocks that
// starts with `attain` or `go run ./cmd/attain`, in a folder holding the
// shipped example where the README expects it: each must exit 0.
func TestReadmeCommands(t *testing.T) {
	root := testRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join(root, "examples", "hongqi-2019-actuals.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "examples"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "examples", "hongqi-2019-actuals.xlsx"), example, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	cmds := readmeCommands(string(readme))
	if len(cmds) < 5 {
		t.Fatalf("only %d attain commands found in README.md", len(cmds))
	}
	seen := map[string]bool{}
	for _, line := range cmds {
		seen[line] = true
		t.Run(line, func(t *testing.T) {
			if why, ok := readmeSkipped[line]; ok {
				t.Skip(why)
			}
			args, err := shellWords(line)
			if err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitOK {
				t.Errorf("exit %d\n%s", code, stderr.String())
			}
			for i, a := range args {
				if (a == "--out" || a == "-o") && i+1 < len(args) {
					if st, err := os.Stat(args[i+1]); err != nil || st.Size() == 0 {
						t.Errorf("%s not written: %v", args[i+1], err)
					}
				}
			}
		})
	}
	for line := range readmeSkipped {
		if !seen[line] {
			t.Errorf("readmeSkipped lists %q, which README.md no longer has", line)
		}
	}
}

// readmeCommands returns the attain command lines of the ```sh blocks of
// a Markdown text, "go run ./cmd/attain" written as "attain", comments
// dropped.
func readmeCommands(md string) []string {
	var out []string
	inSh := false
	sc := bufio.NewScanner(strings.NewReader(md))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "```"):
			inSh = !inSh && line == "```sh"
			continue
		case !inSh:
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if rest, ok := strings.CutPrefix(line, "go run ./cmd/attain "); ok {
			line = "attain " + rest
		}
		if strings.HasPrefix(line, "attain ") {
			out = append(out, line)
		}
	}
	return out
}

// shellWords splits a command line as a POSIX shell would for the
// README's simple commands: words apart at spaces, '…' and "…" quoting.
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, os.ErrInvalid
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}
