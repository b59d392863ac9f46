package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultFS is the real file system with one failure on cue.
type faultFS struct {
	osFS
	create error // CreateTemp fails with it
	rename error // Rename fails with it
	sync   error // the temporary file's Sync fails with it
	// Writes to the temporary file fail with writeErr once writeAfter
	// bytes are written; or they go to dest, when set, as they are.
	writeAfter int
	writeErr   error
	dest       io.Writer
}

func (f faultFS) CreateTemp(dir, pattern string) (outFile, error) {
	if f.create != nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: f.create}
	}
	t, err := f.osFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &faultFile{outFile: t, fs: f}, nil
}

func (f faultFS) Rename(oldpath, newpath string) error {
	if f.rename != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: f.rename}
	}
	return f.osFS.Rename(oldpath, newpath)
}

type faultFile struct {
	outFile
	fs      faultFS
	written int
}

func (f *faultFile) Write(p []byte) (int, error) {
	if f.fs.dest != nil {
		return f.fs.dest.Write(p)
	}
	if f.fs.writeErr != nil && f.written+len(p) > f.fs.writeAfter {
		n, _ := f.outFile.Write(p[:f.fs.writeAfter-f.written])
		f.written += n
		return n, &fs.PathError{Op: "write", Path: f.Name(), Err: f.fs.writeErr}
	}
	n, err := f.outFile.Write(p)
	f.written += n
	return n, err
}

func (f *faultFile) Sync() error {
	if f.fs.sync != nil {
		return &fs.PathError{Op: "sync", Path: f.Name(), Err: f.fs.sync}
	}
	return f.outFile.Sync()
}

// withOutputs makes writeAtomic write through fsys for the rest of the test.
func withOutputs(t *testing.T, fsys outFS) {
	t.Helper()
	old := outputs
	outputs = fsys
	t.Cleanup(func() { outputs = old })
}

// TestWriteFailures checks that a file operation that fails is exit 1 with
// one Chinese line naming the file, whichever command writes, and that the
// previous file stays whole, with its permissions, and no temporary file is
// left.
func TestWriteFailures(t *testing.T) {
	example, err := filepath.Abs(filepath.Join("..", "..", "examples", "hongqi-2019-actuals.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	report, err := filepath.Abs(filepath.Join("..", "..", "seeds", "000_0294fb1cead92004.txt"))
	if err != nil {
		t.Fatal(err)
	}
	full := faultFS{writeAfter: 4096, writeErr: syscall.ENOSPC}
	tests := []struct {
		name   string
		fsys   faultFS
		args   []string // the output, OUT, is added last
		out    string   // its name
		reason string
	}{
		// The previous output is no template: template needs --force.
		{"template, disk full", full, []string{"template", "--force", "--out"}, "out.xlsx", "磁盘空间不足"},
		{"scorecard, disk full", full, []string{"evaluate", "--in", example, "--out"}, "out.xlsx", "磁盘空间不足"},
		{"JSON, disk full", full, []string{"evaluate", "--in", example, "--format", "json", "--out"}, "out.json", "磁盘空间不足"},
		{"review, disk full", faultFS{writeErr: syscall.ENOSPC}, []string{"report", "--in", example, "--out"}, "out.md", "磁盘空间不足"},
		{"draft ruleset, disk full", faultFS{writeAfter: 10, writeErr: syscall.ENOSPC}, []string{"extract", "--in", report, "--out"}, "out.yaml", "磁盘空间不足"},
		{"disk full found at sync", faultFS{sync: syscall.ENOSPC}, []string{"template", "--force", "--out"}, "out.xlsx", "磁盘空间不足"},
		{"quota exceeded", faultFS{writeAfter: 100, writeErr: syscall.EDQUOT}, []string{"template", "--force", "--out"}, "out.xlsx", "超出磁盘配额"},
		{"read-only file system", faultFS{create: syscall.EROFS}, []string{"template", "--force", "--out"}, "out.xlsx", "文件系统是只读的"},
		{"read-only folder", faultFS{create: syscall.EACCES}, []string{"evaluate", "--in", example, "--out"}, "out.xlsx", "没有权限"},
		{"rename refused", faultFS{rename: syscall.EACCES}, []string{"template", "--force", "--out"}, "out.xlsx", "没有权限"},
		{"I/O error", faultFS{writeAfter: 1, writeErr: syscall.EIO}, []string{"template", "--force", "--out"}, "out.xlsx", "读写出错（磁盘或网络故障）"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tc.out)
			if err := os.WriteFile(out, []byte("previous"), 0o640); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(out, 0o640); err != nil { // whatever the umask
				t.Fatal(err)
			}
			withOutputs(t, tc.fsys)
			var stdout, stderr bytes.Buffer
			code := run(append(append([]string{"attain"}, tc.args...), out), strings.NewReader(""), &stdout, &stderr)
			if code != exitData {
				t.Errorf("exit %d, want %d", code, exitData)
			}
			if want := "attain: 写入 " + out + " 失败：" + tc.reason + "\n"; stderr.String() != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout after a failed write:\n%.200s", stdout.String())
			}
			assertPrevious(t, dir, out, "previous", 0o640)
		})
	}
}

// TestWriteToDevFull writes through the kernel's own full disk: the
// temporary file's bytes go to /dev/full.
func TestWriteToDevFull(t *testing.T) {
	devFull, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer devFull.Close()
	if st, err := devFull.Stat(); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Skip("/dev/full is not a device")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "card.xlsx")
	if err := os.WriteFile(out, []byte("previous"), 0o600); err != nil {
		t.Fatal(err)
	}
	withOutputs(t, faultFS{dest: devFull})
	var stdout, stderr bytes.Buffer
	code := run([]string{"attain", "template", "--force", "--out", out}, strings.NewReader(""), &stdout, &stderr)
	if code != exitData {
		t.Errorf("exit %d, want %d", code, exitData)
	}
	if want := "attain: 写入 " + out + " 失败：磁盘空间不足\n"; stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	assertPrevious(t, dir, out, "previous", 0o600)
}

// TestWriteAtomicRenderError checks a renderer's own error: exit 1 with the
// file named, and the previous file whole.
func TestWriteAtomicRenderError(t *testing.T) {
	tests := []struct {
		name  string
		write func(io.Writer) error
		want  string
	}{
		{"renderer fails", func(w io.Writer) error {
			io.WriteString(w, "half")
			return errors.New("chart has no series")
		}, "chart has no series"},
		{"renderer loses the write error", func(w io.Writer) error {
			w.Write([]byte("half"))
			return errors.New("zip: write failed")
		}, "磁盘空间不足"},
		{"renderer ignores the write error", func(w io.Writer) error {
			w.Write([]byte("half"))
			return nil
		}, "磁盘空间不足"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.xlsx")
			if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.want == "磁盘空间不足" {
				withOutputs(t, faultFS{writeAfter: 1, writeErr: syscall.ENOSPC})
			}
			err := writeAtomic(out, tc.write)
			var fe *fileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a fileError", err, err)
			}
			if want := "写入 " + out + " 失败：" + tc.want; err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			assertPrevious(t, dir, out, "previous", 0o644)
		})
	}
}

// TestWriteAtomicKeepsMode checks that a replaced file keeps its
// permissions, and that a new one is 0644.
func TestWriteAtomicKeepsMode(t *testing.T) {
	tests := []struct {
		name string
		old  fs.FileMode // 0: no previous file
		want fs.FileMode
	}{
		{"new file", 0, 0o644},
		{"private file", 0o600, 0o600},
		{"group-writable file", 0o664, 0o664},
		{"read-only file", 0o444, 0o444},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.xlsx")
			if tc.old != 0 {
				if err := os.WriteFile(out, []byte("previous"), tc.old); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(out, tc.old); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeAtomic(out, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
				t.Fatal(err)
			}
			assertPrevious(t, dir, out, "new", tc.want)
		})
	}
}

// TestWriteAtomicThroughLink checks that an output reached through a
// symbolic link replaces the file linked to and keeps the link.
func TestWriteAtomicThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.xlsx")
	link := filepath.Join(dir, "link.xlsx")
	if err := os.WriteFile(real, []byte("previous"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := writeAtomic(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link: %v", link, err)
	}
	assertPrevious(t, dir, real, "new", 0o600)
}

// TestStdoutFails checks that a result that cannot be printed is exit 1,
// not a usage error.
func TestStdoutFails(t *testing.T) {
	var stderr bytes.Buffer
	code := run([]string{"attain", "rules", "list"}, strings.NewReader(""), failingWriter{syscall.ENOSPC}, &stderr)
	if code != exitData {
		t.Errorf("exit %d, want %d", code, exitData)
	}
	if want := "attain: 写入标准输出失败：磁盘空间不足\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// assertPrevious checks that file holds want with mode, and that no
// temporary file is left in dir.
func assertPrevious(t *testing.T, dir, file, want string, mode fs.FileMode) {
	t.Helper()
	assertOnly(t, dir, file, want)
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != mode {
		t.Errorf("%s mode %v, want %v", file, st.Mode().Perm(), mode)
	}
}
