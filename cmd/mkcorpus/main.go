// Command mkcorpus writes the import corpus of package templates: the
// bureau spreadsheets, good and bad, that ImportActuals is tested on, and
// the expected reading of each (expected.yaml), and beside it the
// 任务分解表 files ReadDuties is tested on (testdata/duties). Every file is made by
// fixture.CorpusFiles; the ones LibreOffice writes are converted with
// soffice when it is installed (otherwise they are left as they are).
//
//	go run ./cmd/mkcorpus [-dir templates/read/testdata/corpus] [-soffice]
//
// Run it from the repository root after changing templates/corpus.go, and
// commit the result; the test TestCorpusFresh fails while the committed
// corpus is stale. A file whose content is unchanged is not rewritten (an
// encrypted workbook's bytes change with every encryption); a LibreOffice
// file is converted again only when its source changed, or with -soffice.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/attain-tool/attain/templates/fixture"
)

func main() { os.Exit(run()) }

func run() int {
	soffice := flag.Bool("soffice", false, "convert the LibreOffice files again even when their source is unchanged")
	dir := flag.String("dir", filepath.Join("templates", "read", "testdata", "corpus"), "folder to write the corpus into")
	flag.Parse()
	if err := write(*dir, *soffice); err != nil {
		fmt.Fprintln(os.Stderr, "mkcorpus:", err)
		return 1
	}
	return 0
}

func write(dir string, force bool) error {
	files, err := fixture.CorpusFiles()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	changed := map[string]bool{}
	for _, f := range files {
		if f.Data == nil {
			continue
		}
		path := filepath.Join(dir, f.Name)
		if old, err := os.ReadFile(path); err == nil && fixture.CorpusSameContent(old, f.Data, f.Password) {
			continue // unchanged: keep the file, so that git sees no change
		}
		changed[f.Name] = true
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", path)
	}
	exp, err := fixture.CorpusExpected()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "expected.yaml"), exp, 0o644); err != nil {
		return err
	}
	if err := writeDuties(dir); err != nil {
		return err
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkcorpus: soffice not found; the LibreOffice files are left as they are")
		return nil
	}
	tmp, err := os.MkdirTemp("", "mkcorpus")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		if f.Data != nil {
			continue
		}
		path := filepath.Join(dir, f.Name)
		if _, err := os.Stat(path); err == nil && !changed[f.From] && !force {
			continue
		}
		fmt.Println("converting", f.From, "to", path)
		if err := convert(soffice, tmp, filepath.Join(dir, f.From), f.Convert, filepath.Join(dir, f.Name)); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// convert runs LibreOffice on src, writing format into out. A profile of
// its own in tmp keeps it apart from a LibreOffice the user has open.
func convert(soffice, tmp, src, format, out string) error {
	outDir := filepath.Join(tmp, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	profile, err := filepath.Abs(filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--convert-to", format, "--outdir", outDir, src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice: %v: %s", err, msg)
	}
	base := filepath.Base(src)
	made := filepath.Join(outDir, base[:len(base)-len(filepath.Ext(base))]+"."+format)
	data, err := os.ReadFile(made)
	if err != nil {
		return fmt.Errorf("soffice wrote nothing: %w", err)
	}
	if err := os.Remove(made); err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
