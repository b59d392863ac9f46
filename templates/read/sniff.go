package read

import "bytes"

// Format is the kind of file found by looking at its first bytes.
type Format string

// The formats Sniff tells apart.
const (
	FormatEmpty     Format = "empty"     // no bytes at all
	FormatXLSX      Format = "xlsx"      // a zip package: .xlsx (or .xlsm)
	FormatODS       Format = "ods"       // a zip package holding an OpenDocument spreadsheet
	FormatEncrypted Format = "encrypted" // an OLE file holding an encrypted .xlsx
	FormatXLS       Format = "xls"       // an OLE file: .xls (Excel 97-2003), .et, or another Office 97 file
	FormatText      Format = "text"      // plain text, perhaps CSV
	FormatUnknown   Format = "unknown"   // none of the above
)

var (
	sniffOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sniffZip = []byte("PK\x03\x04")
	// sniffEncryptedStreams are the stream names of an encrypted OOXML
	// package (MS-OFFCRYPTO), as UTF-16LE in the OLE directory.
	sniffEncryptedStreams = [][]byte{sniffUTF16("EncryptionInfo"), sniffUTF16("EncryptedPackage")}
	sniffODSMime          = []byte("application/vnd.oasis.opendocument.spreadsheet")
)

func sniffUTF16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// Sniff tells the format of a file from its bytes, so that an .xls or an
// encrypted workbook gets a clear message instead of a zip error. An OLE
// file is taken as an encrypted workbook when its directory names the
// EncryptionInfo and EncryptedPackage streams (found by a byte search,
// without parsing the compound file).
func Sniff(data []byte) Format {
	switch {
	case len(data) == 0:
		return FormatEmpty
	case bytes.HasPrefix(data, sniffOLE):
		for _, name := range sniffEncryptedStreams {
			if !bytes.Contains(data, name) {
				return FormatXLS
			}
		}
		return FormatEncrypted
	case bytes.HasPrefix(data, sniffZip), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		// An OpenDocument package starts with its uncompressed mimetype
		// entry: the name at byte 30, the type right after it.
		head := data[:min(len(data), 128)]
		if bytes.Contains(head, []byte("mimetype")) && bytes.Contains(head, sniffODSMime) {
			return FormatODS
		}
		return FormatXLSX
	}
	head := data[:min(len(data), 4096)]
	if sniffMostlyText(head) {
		return FormatText
	}
	return FormatUnknown
}

// sniffMostlyText reports whether b holds no control bytes other than tab,
// line ends and a DOS end-of-file mark: text in UTF-8 or in a legacy
// Chinese encoding (GB18030), as a CSV would be.
func sniffMostlyText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1A {
			return false
		}
	}
	return true
}
