package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// outputs is the file system writeAtomic writes through; tests replace it
// to make a write, a sync or a rename fail on cue.
var outputs outFS = osFS{}

// outFS is what writeAtomic needs of a file system.
type outFS interface {
	Stat(name string) (fs.FileInfo, error)
	CreateTemp(dir, pattern string) (outFile, error)
	Chmod(name string, mode fs.FileMode) error
	Rename(oldpath, newpath string) error
	Remove(name string) error
}

// outFile is a temporary file being written.
type outFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// osFS is the real file system.
type osFS struct{}

func (osFS) Stat(name string) (fs.FileInfo, error)     { return os.Stat(name) }
func (osFS) Chmod(name string, mode fs.FileMode) error { return os.Chmod(name, mode) }
func (osFS) Rename(oldpath, newpath string) error      { return os.Rename(oldpath, newpath) }
func (osFS) Remove(name string) error                  { return os.Remove(name) }

func (osFS) CreateTemp(dir, pattern string) (outFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err // not a nil *os.File in a non-nil interface
	}
	return f, nil
}

// fileError is a file operation that failed: it exits 1 with one line,
// "写入 out.xlsx 失败：磁盘空间不足".
type fileError struct {
	op     string // what was being done: 写入
	path   string
	reason string // when set, said instead of err's
	err    error
}

func (e *fileError) Error() string {
	reason := e.reason
	if reason == "" {
		reason = osReason(e.err)
	}
	return fmt.Sprintf("%s %s 失败：%s", e.op, e.path, reason)
}

func (e *fileError) Unwrap() error { return e.err }

// writeError is the failure to write path, for err.
func writeError(path string, err error) error {
	e := &fileError{op: "写入", path: path, err: err}
	if errors.Is(err, fs.ErrNotExist) {
		e.reason = fmt.Sprintf("文件夹 %s 不存在", filepath.Dir(path))
	}
	return e
}

// recorder passes writes on to w and keeps the first error, so that the
// cause of a failed write is known even where a renderer loses it.
type recorder struct {
	w   io.Writer
	err error
}

func (r *recorder) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// tempGuard removes a temporary file if the process is interrupted or
// terminated before release, then ends the process by the same signal.
type tempGuard struct {
	// mu is held while the file is renamed into place, so that a signal
	// does not remove it half way through.
	mu   sync.Mutex
	sig  chan os.Signal
	done chan struct{}
}

// guardTemp starts guarding the temporary file name. Signals the process
// was started to ignore (nohup, a background job) stay ignored.
func guardTemp(name string) *tempGuard {
	g := &tempGuard{sig: make(chan os.Signal, 1), done: make(chan struct{})}
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			signal.Notify(g.sig, s)
		}
	}
	go func() {
		select {
		case s := <-g.sig:
			g.mu.Lock()
			outputs.Remove(name)
			die(s)
		case <-g.done:
			select {
			case s := <-g.sig: // arrived as the write ended
				die(s)
			default:
			}
		}
	}()
	return g
}

// release stops guarding: the file was renamed into place or removed.
func (g *tempGuard) release() {
	signal.Stop(g.sig)
	close(g.done)
}

// die ends the process by signal s, as if attain had not caught it, so
// that the shell sees an interrupted command; exit 128+s where the signal
// cannot be raised again.
func die(s os.Signal) {
	signal.Reset(s)
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(s) == nil {
		time.Sleep(time.Second) // the signal ends the process meanwhile
	}
	code := 128 + 2
	if n, ok := s.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}
