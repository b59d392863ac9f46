//go:build unix

package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputNotAFile checks that an input naming a device, a named pipe or
// a socket is refused by its type before it is read, for every input
// flag: /dev/zero would be read until memory ran out, a pipe would block
// the open for ever.
func TestInputNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	fifoYAML := filepath.Join(dir, "units", "pipe.yaml")
	os.MkdirAll(filepath.Dir(fifoYAML), 0o755)
	if err := syscall.Mkfifo(fifoYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}
	example := filepath.Join(testRoot(t), "examples", "hongqi-2019-actuals.xlsx")
	pipeMsg := fifo + " 是命名管道，不是普通文件；attain 只读普通文件\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--in a pipe", []string{"evaluate", "--in", fifo}, pipeMsg},
		{"--in /dev/zero", []string{"evaluate", "--in", "/dev/zero"}, "/dev/zero 是设备，不是普通文件；attain 只读普通文件\n"},
		{"--in a socket", []string{"evaluate", "--in", sock}, sock + " 是套接字，不是普通文件；attain 只读普通文件\n"},
		{"--rules a pipe", []string{"evaluate", "--in", example, "--rules", fifo}, pipeMsg},
		{"--map a pipe", []string{"evaluate", "--in", example, "--map", fifo}, pipeMsg},
		{"--targets a pipe", []string{"evaluate", "--units", "--in", example, "--targets", fifo}, pipeMsg},
		{"a pipe in the unit rules", []string{"evaluate", "--units", "--in", example, "--unit-rules", filepath.Dir(fifoYAML)},
			fifoYAML + " 是命名管道，不是普通文件；attain 只读普通文件\n"},
		{"rules check a pipe", []string{"rules", "check", fifo}, pipeMsg},
		{"template --rules a pipe", []string{"template", "--rules", fifo, "--out", filepath.Join(dir, "t.xlsx")}, pipeMsg},
		{"extract --in a pipe", []string{"extract", "--in", fifo}, pipeMsg},
		{"extract --in /dev/zero", []string{"extract", "--in", "/dev/zero"}, "/dev/zero 是设备，不是普通文件；attain 只读普通文件\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if slices.Contains(tc.args, "") {
				t.Skip("no unix sockets here")
			}
			if slices.Contains(tc.args, "/dev/zero") {
				if st, err := os.Stat("/dev/zero"); err != nil || st.Mode()&os.ModeDevice == 0 {
					t.Skip("no /dev/zero")
				}
			}
			code, stderr := runWithin(t, 10*time.Second, tc.args...)
			if code != exitData {
				t.Errorf("exit %d, want %d", code, exitData)
			}
			if want := "attain: " + tc.want; stderr != want {
				t.Errorf("stderr:\n%q\nwant:\n%q", stderr, want)
			}
		})
	}
}

// TestInputTooBig checks the bound on what is read of an input, also where
// the file's size is not known beforehand (a file of /proc says 0).
func TestInputTooBig(t *testing.T) {
	old := maxInput
	maxInput = 1 << 10
	t.Cleanup(func() { maxInput = old })
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("# 注释\n"), 400), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr := runWithin(t, 10*time.Second, "rules", "check", big)
	if want := "attain: " + big + " 太大：文件超过 1 KB，attain 不读这么大的输入\n"; code != exitData || stderr != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, exitData, want)
	}
	const proc = "/proc/self/maps"
	if st, err := os.Stat(proc); err != nil || st.Size() != 0 || !st.Mode().IsRegular() {
		t.Skip("no " + proc + " of unknown size")
	}
	code, stderr = runWithin(t, 10*time.Second, "extract", "--in", proc)
	if want := "attain: " + proc + " 太大：文件超过 1 KB，attain 不读这么大的输入\n"; code != exitData || stderr != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, exitData, want)
	}
}

// runWithin runs attain with args and fails the test if it takes longer
// than d (a pipe opened for reading blocks).
func runWithin(t *testing.T, d time.Duration, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"attain"}, args...), strings.NewReader(""), &stdout, &stderr)
		done <- result{code, stderr.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(d):
		t.Fatalf("attain %s still running after %v", strings.Join(args, " "), d)
	}
	return 0, ""
}
