package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/read"
)

// loadRules reads the ruleset named by --rules, or the embedded default.
func loadRules(path string) (*rules.Ruleset, error) {
	if path == "" {
		return rules.Default(), nil
	}
	src, err := readFile(path, "规则文件 ")
	if err != nil {
		return nil, err
	}
	rs, diags := rules.Parse(path, src)
	if diags.HasErrors() {
		return nil, &dataError{diags: diags.Errors()}
	}
	return rs, nil
}

// maxInput bounds what is read of any input file: far above any workbook,
// ruleset or report text, far below what would exhaust memory. A variable
// for tests.
var maxInput int64 = 512 << 20

// readInput reads an input file without ever opening it for writing.
func readInput(path string) ([]byte, error) { return readFile(path, "") }

// readTable reads one unit's table (--in of evaluate and report): a text
// file (CSV) past read.TextLimit is refused when its size is known and cut
// off there when it is not, so that half a gigabyte of CSV is never held.
func readTable(path string) ([]byte, error) {
	data, err := readFileWithin(path, "", func(head []byte) int64 {
		if read.IsTextInput(head) {
			return read.TextLimit
		}
		return maxInput
	})
	var big *inputTooBig
	if errors.As(err, &big) && big.limit == read.TextLimit {
		return nil, &dataError{diags: rules.Diagnostics{read.TextTooBig(path, big.size)}}
	}
	return data, err
}

// inputTooBig is an input past its limit: size is its size, or limit+1
// when the size was not known beforehand.
type inputTooBig struct {
	path        string
	size, limit int64
}

func (e *inputTooBig) Error() string {
	return fmt.Sprintf("%s 太大：文件超过 %s，attain 不读这么大的输入", e.path, sizeText(e.limit))
}

// readFile reads an input file: a regular file only, refused by its type
// before it is opened (a FIFO would block the open, a device such as
// /dev/zero never end), and at most maxInput bytes, counted as they are
// read, since a file's size is not always known beforehand (/proc). what
// names the kind of file in messages ("规则文件 "), or is "".
func readFile(path, what string) ([]byte, error) {
	return readFileWithin(path, what, func([]byte) int64 { return maxInput })
}

// readFileWithin is readFile with the limit chosen from the file's first
// bytes.
func readFileWithin(path, what string, limitOf func(head []byte) int64) ([]byte, error) {
	prefix := "无法读取 "
	if what != "" {
		prefix = "无法读取" + what
	}
	fail := func(err error) error { return dataErrorf("%s%s: %s", prefix, path, osReason(err)) }
	f, st, err := openInputFile(path, fail)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fail(err)
	}
	head = head[:n]
	limit := min(limitOf(head), maxInput)
	if st.Size() > limit {
		return nil, tooBig(path, st.Size(), limit)
	}
	// The buffer is sized from the file, so that reading it does not grow
	// and copy it; a size not known (0, as in /proc) grows as it reads.
	data := make([]byte, n, max(st.Size(), int64(n))+1)
	copy(data, head)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		m, err := f.Read(data[len(data):min(int64(cap(data)), limit+1)])
		data = data[:len(data)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail(err)
		}
	}
	if int64(len(data)) > limit {
		return nil, tooBig(path, int64(len(data)), limit)
	}
	return data, nil
}

// openInputFile opens an input file for reading, a regular file only:
// refused by its type before it is opened (a FIFO would block the open)
// and again once open, in case it was replaced between the two looks.
// fail words an error of the system.
func openInputFile(path string, fail func(error) error) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fail(err)
	}
	if err := inputType(path, st); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fail(err)
	}
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, fail(err)
	}
	if err := inputType(path, st); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// openWorkbook opens --in for reading where it lies, when it is a
// workbook (a zip package) of known size within maxInput; nil, with no
// error, for any other input, which is read whole (readInput).
func openWorkbook(path string) (*os.File, int64, error) {
	fail := func(err error) error { return dataErrorf("无法读取 %s: %s", path, osReason(err)) }
	f, st, err := openInputFile(path, fail)
	if err != nil {
		return nil, 0, err
	}
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, 0, fail(err)
	}
	if size := st.Size(); size > 0 && size <= maxInput && string(head[:min(n, 2)]) == "PK" {
		return f, size, nil
	}
	f.Close()
	return nil, 0, nil
}

// inputType refuses, by its mode, a file attain does not read: a folder,
// a device, a named pipe or a socket.
func inputType(path string, st fs.FileInfo) error {
	m := st.Mode()
	kind := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return dataErrorf("%s 是文件夹，不是文件", path)
	case m&fs.ModeNamedPipe != 0:
		kind = "命名管道"
	case m&fs.ModeSocket != 0:
		kind = "套接字"
	case m&fs.ModeDevice != 0:
		kind = "设备"
	default:
		kind = "特殊文件"
	}
	return dataErrorf("%s 是%s，不是普通文件；attain 只读普通文件", path, kind)
}

// tooBig is the refusal of an input over its limit.
func tooBig(path string, size, limit int64) error {
	return &inputTooBig{path: path, size: size, limit: limit}
}

// sizeText writes a size the way people say it: 512 MB, 64 KB, 100 字节.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
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

// sameFile reports whether two paths name the same file, or would once
// written: the same file by os.SameFile (hard links, symbolic links, ./x
// and x), or the same path once made absolute and its links resolved.
func sameFile(a, b string) bool {
	ai, errA := os.Stat(a)
	bi, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ai, bi)
	}
	return resolved(a) == resolved(b)
}

// resolved is path made absolute with its symbolic links resolved, those
// of its folder at least when the file does not exist (yet).
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// namedInput is a file a command reads, with the flag that names it.
type namedInput struct {
	flag string
	path string
}

// checkOut refuses an output that is one of the inputs: attain never
// overwrites what it reads.
func checkOut(out string, inputs ...namedInput) error {
	if out == "" {
		return nil
	}
	for _, in := range inputs {
		if in.path != "" && sameFile(in.path, out) {
			return &usageError{flag: []string{"out"}, more: []string{in.flag},
				format: "%[1]s %[3]s 是输入文件（%[2]s），attain 从不覆盖输入。", args: []any{out}}
		}
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
