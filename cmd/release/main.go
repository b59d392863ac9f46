// Command release builds the attain binaries people download: one per
// platform the statistics bureaus and their servers run, each a single
// static file (CGO_ENABLED=0) with the version stamped in, then writes
// SHA256SUMS beside them and prints each file's size.
//
//	go run ./cmd/release -out dist                 # version from git describe
//	go run ./cmd/release -out dist -version v1.2.0
//
// The targets are windows/amd64 (attain.exe; a double-click opens the web
// workbench), linux/amd64, linux/arm64, linux/loong64 (Loongson machines
// of the 信创 catalogue) and darwin/arm64. The version goes into
// main.version of cmd/attain (-ldflags -X), which `attain --version` prints.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Target is one platform to build for.
type Target struct{ GOOS, GOARCH string }

// Targets are the platforms of a release.
var Targets = []Target{
	{"windows", "amd64"},
	{"linux", "amd64"},
	{"linux", "arm64"},
	{"linux", "loong64"},
	{"darwin", "arm64"},
}

// Name is the file a target's binary is written to.
func (t Target) Name() string {
	name := "attain-" + t.GOOS + "-" + t.GOARCH
	if t.GOOS == "windows" {
		name += ".exe"
	}
	return name
}

func main() {
	out := flag.String("out", "dist", "folder to write the binaries into")
	version := flag.String("version", "", "version to stamp (default: git describe --tags --always --dirty, or dev)")
	only := flag.String("targets", "", "comma-separated GOOS/GOARCH list to build instead of all (e.g. linux/amd64)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/release [-out DIR] [-version V] [-targets os/arch,…]")
		os.Exit(2)
	}
	if err := release(*out, *version, *only, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func release(out, version, only string, w io.Writer) error {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("go not found on PATH: %w", err)
	}
	root, err := moduleRoot(goTool)
	if err != nil {
		return err
	}
	if version == "" {
		version = describe(root)
	}
	targets, err := pick(only)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	out, err = filepath.Abs(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "attain %s\n", version)
	var sums strings.Builder
	for _, t := range targets {
		start := time.Now()
		path := filepath.Join(out, t.Name())
		if err := build(goTool, root, t, version, path); err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), t.Name())
		fmt.Fprintf(w, "%-28s %10d bytes  %6s MiB  (%s)\n", t.Name(), len(data), mib(len(data)),
			time.Since(start).Round(100*time.Millisecond))
	}
	if only == "" {
		return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644)
	}
	return nil
}

// mib is n bytes in MiB with one decimal.
func mib(n int) string { return fmt.Sprintf("%d.%d", n>>20, (n&(1<<20-1))*10>>20) }

// build compiles cmd/attain for t into path.
func build(goTool, root string, t Target, version, path string) error {
	cmd := exec.Command(goTool, "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", path, "./cmd/attain")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s/%s: %v\n%s", t.GOOS, t.GOARCH, err, stderr.String())
	}
	return nil
}

// moduleRoot is the folder of the go.mod of the module being built.
func moduleRoot(goTool string) (string, error) {
	b, err := exec.Command(goTool, "env", "GOMOD").Output()
	mod := strings.TrimSpace(string(b))
	if err != nil || mod == "" || mod == os.DevNull {
		return "", errors.New("run release inside the attain module (go run ./cmd/release)")
	}
	return filepath.Dir(mod), nil
}

// describe is the version git gives the work tree, or "dev".
func describe(root string) string {
	cmd := exec.Command("git", "describe", "--tags", "--always", "--dirty")
	cmd.Dir = root
	b, err := cmd.Output()
	if v := strings.TrimSpace(string(b)); err == nil && v != "" {
		return v
	}
	return "dev"
}

// pick reads -targets.
func pick(only string) ([]Target, error) {
	if only == "" {
		return Targets, nil
	}
	var out []Target
	for _, s := range strings.Split(only, ",") {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(s), "/")
		if !ok || goos == "" || goarch == "" {
			return nil, fmt.Errorf("target %q: want GOOS/GOARCH", s)
		}
		out = append(out, Target{goos, goarch})
	}
	return out, nil
}
