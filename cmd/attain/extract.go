package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/attain-tool/attain/seeds"
	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

type extractOptions struct {
	in        string
	out       string
	format    string
	formatSet bool // --format was given, not its default
	entity    string
	year      int
}

func (e *env) extractCommand() *cli.Command {
	var o extractOptions
	return &cli.Command{
		Name:  "extract",
		Usage: "draft a ruleset from the text of a work report (从政府工作报告提取目标)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "in", Aliases: []string{"i"}, Usage: "the work report as plain text (报告全文, .txt): UTF-8, GB18030/GBK or UTF-16 with a byte order mark", Required: true, Destination: &o.in},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "draft ruleset to write (规则集草稿): .yaml, .yml or .json; default: print it", Destination: &o.out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "what to print (输出格式): yaml or json; with --out, its extension decides", Value: "yaml", Destination: &o.format},
			&cli.StringFlag{Name: "entity", Usage: "the government the report is of (单位); default: guessed from the text", Destination: &o.entity},
			&cli.IntFlag{Name: "year", Usage: "the year the targets are for (年度); default: guessed from the text", Destination: &o.year},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			o.formatSet = c.IsSet("format")
			return e.runExtract(o)
		},
	}
}

func (e *env) runExtract(o extractOptions) error {
	if err := checkOut(o.out, namedInput{"in", o.in}); err != nil {
		return err
	}
	if o.format != "yaml" && o.format != "json" {
		return flagErrorf("format", "%s 的值 %q 无效（可用 yaml、json）。", o.format)
	}
	if o.out != "" {
		outFmt, err := outFormat(o.out, extractOuts, "")
		if err != nil {
			return err
		}
		if err := agree(o.format, o.formatSet, o.out, outFmt); err != nil {
			return err
		}
		o.format = outFmt
	}
	raw, err := readInput(o.in)
	if err != nil {
		return err
	}
	src, enc, err := reportText(raw)
	if err != nil {
		return dataErrorf("%s 不是文本文件：%v", o.in, err)
	}
	if enc != "" {
		fmt.Fprintf(e.stderr, "attain: %s 不是 UTF-8，按 %s 读取\n", safeText(o.in), enc)
	}
	draft, diags := seeds.Extract(o.in, src, seeds.Options{Entity: o.entity, Year: o.year})
	if diags.HasErrors() {
		return &dataError{diags: diags}
	}
	printWarnings(e.stderr, diags)
	var text []byte
	if o.format == "json" {
		text, err = draft.JSON()
	} else {
		text, err = draft.YAML()
	}
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = e.stdout.Write(text)
		return err
	}
	return writeAtomic(o.out, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(text))
		return err
	})
}

// reportText returns a report's text as UTF-8, and the encoding it was
// read in when it was not UTF-8: "" for UTF-8 (a byte order mark
// dropped), UTF-16 with a byte order mark (Notepad's "Unicode"), else
// GB18030, which covers GBK and GB2312, what a Chinese Windows saves.
func reportText(b []byte) ([]byte, string, error) {
	var dec *encoding.Decoder
	name := ""
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xFF\xFE")):
		dec, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16"
	case bytes.HasPrefix(b, []byte("\xFE\xFF")):
		dec, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16"
	case !utf8.Valid(b):
		dec, name = simplifiedchinese.GB18030.NewDecoder(), "GB18030/GBK"
	}
	if dec == nil {
		return b, "", nil
	}
	out, err := dec.Bytes(b)
	if err != nil {
		return nil, "", err
	}
	if bytes.ContainsRune(out, utf8.RuneError) || bytes.IndexByte(out, 0) >= 0 {
		return nil, "", errors.New("按 " + name + " 也读不通")
	}
	return out, name, nil
}
