//go:build unix

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutNotRegular checks that an output naming a pipe is refused, not
// replaced by a file: renaming into place would remove the pipe (or, as
// root, a device such as /dev/full).
func TestOutNotRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.xlsx")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"attain", "template", "--out", pipe}, strings.NewReader(""), &stdout, &stderr)
	if code != exitData {
		t.Errorf("exit %d, want %d", code, exitData)
	}
	if want := "attain: 写入 " + pipe + " 失败：不是普通文件（设备、管道等）\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if st, err := os.Lstat(pipe); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a pipe: %v", pipe, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left beside the pipe: %v", entries)
	}
}

// TestInterruptMidWrite interrupts a process while it writes the output:
// the previous output stays whole, the temporary file is removed, and the
// process ends by the signal it was sent.
func TestInterruptMidWrite(t *testing.T) {
	tests := []struct {
		name string
		sig  syscall.Signal
	}{
		{"Ctrl-C", syscall.SIGINT},
		{"kill", syscall.SIGTERM},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "scorecard.xlsx")
			if err := os.WriteFile(out, []byte("old scorecard"), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), slowWriteEnv+"="+out)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitStarted(t, cmd, out)
			os.Remove(out + ".started")
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child ended with %v, want signal %v", err, tc.sig)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != tc.sig {
				t.Errorf("child ended with %v, want signal %v", err, tc.sig)
			}
			assertPrevious(t, dir, out, "old scorecard", 0o600)
		})
	}
}

// waitStarted waits for the child of TestInterruptMidWrite to be half way
// through writing out.
func waitStarted(t *testing.T, cmd *exec.Cmd, out string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(out + ".started"); err == nil {
			return
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
