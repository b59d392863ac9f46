package read

import (
	"bytes"
	"testing"

	"github.com/attain-tool/attain/templates"

	"github.com/attain-tool/attain/rules"
	"github.com/xuri/excelize/v2"
)

// sniffTestOLE makes the first bytes of an OLE compound file whose
// directory names the given streams.
func sniffTestOLE(streams ...string) []byte {
	b := append([]byte{}, sniffOLE...)
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		name := sniffUTF16(s)
		b = append(b, name...)
		b = append(b, make([]byte, 128-len(name))...)
	}
	return b
}

func TestSniff(t *testing.T) {
	var xlsx bytes.Buffer
	if err := templates.WriteTemplate(&xlsx, rules.Default()); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"empty", nil, FormatEmpty},
		{"template", xlsx.Bytes(), FormatXLSX},
		{"encrypted by excelize", enc.Bytes(), FormatEncrypted},
		{"xls", sniffTestOLE("Root Entry", "Workbook", "SummaryInformation"), FormatXLS},
		{"encrypted streams", sniffTestOLE("Root Entry", "EncryptionInfo", "EncryptedPackage"), FormatEncrypted},
		{"ods", append([]byte("PK\x03\x04"+string(make([]byte, 26))+"mimetype"),
			"application/vnd.oasis.opendocument.spreadsheet"...), FormatODS},
		{"csv", []byte("指标编码,本年实际值\ngdp_growth,8.6\n"), FormatText},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 1, 2}, FormatUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.data); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}
