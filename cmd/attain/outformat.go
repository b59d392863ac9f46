package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// What --out writes is chosen by its extension, in any case (DESIGN:
// "--out's extension chooses what is written"); --format, where a command
// has one, may say the same but never otherwise.

// outKind is an extension --out may have and what it makes a command write.
type outKind struct {
	ext    string // lower case, with the dot
	format string // xlsx, json, csv, md, txt, docx or yaml
}

var (
	evaluateOuts = []outKind{{".xlsx", "xlsx"}, {".json", "json"}, {".csv", "csv"}, {".md", "md"}, {".txt", "txt"}}
	unitsOuts    = []outKind{{".xlsx", "xlsx"}, {".json", "json"}, {".csv", "csv"}}
	reportOuts   = []outKind{{".md", "md"}, {".txt", "txt"}, {".docx", "docx"}}
	extractOuts  = []outKind{{".yaml", "yaml"}, {".yml", "yaml"}, {".json", "json"}}
	templateOuts = []outKind{{".xlsx", "xlsx"}}
)

// outFormat returns what the extension of out says to write, or a usage
// error naming the extensions kinds accepts; when says in which case the
// list holds ("与 --units 同用时"), or is "".
func outFormat(out string, kinds []outKind, when string) (string, error) {
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return "", &fileError{op: "写入", path: out, reason: "这是文件夹，不是文件", err: syscall.EISDIR}
	}
	ext := filepath.Ext(out)
	for _, k := range kinds {
		if k.ext == strings.ToLower(ext) {
			return k.format, nil
		}
	}
	exts := make([]string, len(kinds))
	for i, k := range kinds {
		exts[i] = k.ext
	}
	list := when + "可用 " + strings.Join(exts, "、")
	if ext == "" {
		return "", flagErrorf("out", "%s %s 没有扩展名，扩展名决定写成什么（%s）。", out, list)
	}
	return "", flagErrorf("out", "%s %s 的扩展名 %s 不能用（%s）。", out, ext, list)
}

// agree refuses a --format that says otherwise than --out's extension:
// format as given (set when the user gave it), and outFmt what out's
// extension chose.
func agree(format string, set bool, out, outFmt string) error {
	if !set || format == outFmt {
		return nil
	}
	return &usageError{flag: []string{"format"}, more: []string{"out"}, args: []any{format, out},
		format: "%[1]s %[3]s 与 %[2]s %[4]s 不符：--out 的扩展名决定写成什么；去掉 %[1]s，或改扩展名。"}
}
