package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slowWriteEnv makes the test binary act as a writer that is killed
// mid-write (see TestKillMidWrite).
const slowWriteEnv = "ATTAIN_TEST_SLOW_WRITE"

// slowWriter, run in a child process, starts replacing the file named by
// slowWriteEnv and never finishes.
func slowWriter() {
	path := os.Getenv(slowWriteEnv)
	_ = writeAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a new file")
		os.WriteFile(path+".started", nil, 0o644)
		time.Sleep(time.Minute)
		return nil
	})
	os.Exit(0)
}

func TestWriteAtomicKeepsOldOnError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "scorecard.xlsx")
	if err := os.WriteFile(out, []byte("old scorecard"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(out, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("no error")
	}
	assertOnly(t, dir, out, "old scorecard")
	if err := writeAtomic(out, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, out, "new")
}

// TestKillMidWrite kills a process while it writes the output: the old
// output must stay whole.
func TestKillMidWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "scorecard.xlsx")
	if err := os.WriteFile(out, []byte("old scorecard"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), slowWriteEnv+"="+out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(out + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	got, err := os.ReadFile(out)
	if err != nil || string(got) != "old scorecard" {
		t.Fatalf("output after kill: %q, %v", got, err)
	}
}

// assertOnly checks file holds want and no temporary file is left.
func assertOnly(t *testing.T, dir, file, want string) {
	t.Helper()
	got, err := os.ReadFile(file)
	if err != nil || string(got) != want {
		t.Errorf("%s = %q, %v; want %q", file, got, err, want)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
