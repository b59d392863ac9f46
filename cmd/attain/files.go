package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

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

// osReason renders an OS error in Chinese: the cause only, since the
// message names the file.
func osReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EDQUOT):
		return "超出磁盘配额"
	case errors.Is(err, syscall.EROFS):
		return "文件系统是只读的"
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, syscall.EISDIR):
		return "是文件夹，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段不是文件夹"
	case errors.Is(err, syscall.EIO):
		return "读写出错（磁盘或网络故障）"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
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
// renames it into place, so that a failure, an interrupt or a kill
// mid-write leaves the previous file whole and readers never see half a
// file. The temporary file is removed on failure and on SIGINT or SIGTERM
// (not on SIGKILL); the previous file's permissions are kept. Every failure
// is a fileError naming path: exit 1, whatever write returned.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	// Through a symbolic link, the file it points to is replaced, not the
	// link; messages name path as the user gave it.
	target := path
	if p, err := filepath.EvalSymlinks(path); err == nil {
		target = p
	}
	mode := fs.FileMode(0o644)
	switch st, err := outputs.Stat(target); {
	case err == nil && st.IsDir():
		return &fileError{op: "写入", path: path, reason: "这是文件夹，不是文件", err: syscall.EISDIR}
	case err == nil && !st.Mode().IsRegular():
		// Renaming over a device or a pipe would replace it.
		return &fileError{op: "写入", path: path, reason: "不是普通文件（设备、管道等）", err: fs.ErrInvalid}
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return writeError(path, err)
	}
	tmp, err := outputs.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	guard := guardTemp(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			outputs.Remove(tmp.Name())
		}
		guard.release()
	}()
	rec := &recorder{w: tmp}
	if err := write(rec); err != nil {
		if rec.err != nil {
			err = rec.err // the file's own error, which write may have wrapped or lost
		}
		return writeError(path, err)
	}
	if rec.err != nil {
		return writeError(path, rec.err)
	}
	if err := tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err := outputs.Chmod(tmp.Name(), mode); err != nil {
		return writeError(path, err)
	}
	guard.mu.Lock()
	defer guard.mu.Unlock()
	if err := outputs.Rename(tmp.Name(), target); err != nil {
		return writeError(path, err)
	}
	return nil
}
