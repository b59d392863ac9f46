package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/attain-tool/attain/rules"
)

// loadRules reads the ruleset named by --rules, or the embedded default.
func loadRules(path string) (*rules.Ruleset, error) {
	if path == "" {
		return rules.Default(), nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, dataErrorf("无法读取规则文件 %s: %s", path, osReason(err))
	}
	rs, diags := rules.Parse(path, src)
	if diags.HasErrors() {
		return nil, &dataError{diags: diags.Errors()}
	}
	return rs, nil
}

// readInput reads an input file without ever opening it for writing.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, dataErrorf("无法读取 %s: %s", path, osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, dataErrorf("无法读取 %s: %s", path, osReason(err))
	}
	if st.IsDir() {
		return nil, dataErrorf("%s 是文件夹，不是文件", path)
	}
	const maxInput = 512 << 20
	if st.Size() > maxInput {
		return nil, dataErrorf("%s 太大（%d 字节，上限 %d）", path, st.Size(), maxInput)
	}
	return io.ReadAll(f)
}

// osReason renders an OS error in Chinese.
func osReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	}
	return err.Error()
}

// sameFile reports whether two paths name the same file (or would).
func sameFile(a, b string) bool {
	ai, errA := os.Stat(a)
	bi, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ai, bi)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}

// checkOut refuses an output that is the input.
func checkOut(in, out string) error {
	if out != "" && sameFile(in, out) {
		return flagErrorf("out", "%s %s 是输入文件，attain 从不覆盖输入。", out)
	}
	return nil
}

// writeAtomic writes a file through a temporary file in the same folder and
// renames it into place, so that a crash or a kill mid-write leaves the old
// file intact and readers never see a half-written one.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return dataErrorf("无法写入 %s: %s", path, osReason(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return dataErrorf("无法写入 %s: %s", path, osReason(err))
	}
	return nil
}
