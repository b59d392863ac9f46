package xlsxscan

import (
	"bytes"
	"io"
	"strconv"
	"strings"
)

// The byte scanner. It understands start, end and empty-element tags with
// quoted attributes, text with the predefined and numeric character
// references, CDATA sections, comments, processing instructions and a
// DOCTYPE (skipped; no entity is ever defined or expanded). Namespace
// prefixes are dropped from element names. It checks of well-formedness
// what reading the cells needs, and every reference: one to an entity XML
// does not define (&nbsp;) is an error, as it is to encoding/xml, so that
// a damaged sheet is never read as a shorter one.

const (
	xmlStart = iota + 1
	xmlEnd
	xmlText
)

// xmlToken is one token; its slices are valid until the next call.
type xmlToken struct {
	kind      int
	name      []byte // local name of a tag
	attrs     []byte // raw attributes of a start tag
	selfClose bool
	text      []byte // raw text, or the content of a CDATA section
	cdata     bool
}

// xmlScanner reads tokens out of a window over the input: a token is
// always a contiguous part of the window, which slides (and grows, for a
// token longer than it) only when the next token is read.
type xmlScanner struct {
	r     io.Reader
	buf   []byte
	mark  int   // start of the current token: the window keeps buf[mark:]
	pos   int   // next byte to read
	end   int   // end of the bytes read
	err   error // the reader's error (io.EOF at the end)
	inTag bool  // the '<' of the next tag has been read
	limit int   // bound on one token (Limits.Token)
}

func newXMLScanner(r io.Reader, limit int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, min(64<<10, max(limit, 64))), limit: limit}
}

// fill reads more input, sliding the window to the current token first;
// false when nothing more can be read.
func (s *xmlScanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.mark > 0 {
		copy(s.buf, s.buf[s.mark:s.end])
		s.pos -= s.mark
		s.end -= s.mark
		s.mark = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.limit {
			s.err = &Error{Kind: KindLimit, Limit: LimitToken, N: int64(len(s.buf))}
			return false
		}
		grown := make([]byte, min(2*len(s.buf), s.limit))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.err = err
	}
	return n > 0 || err == nil
}

// find returns the index in buf of the first c at or after pos+off,
// reading on as needed; -1 at the end of input.
func (s *xmlScanner) find(c byte, off int) int {
	for {
		if i := bytes.IndexByte(s.buf[s.pos+off:s.end], c); i >= 0 {
			return s.pos + off + i
		}
		off = s.end - s.pos
		if !s.fill() {
			return -1
		}
	}
}

// findSeq returns the index in buf just past the first seq at or after
// pos; -1 at the end of input.
func (s *xmlScanner) findSeq(seq string) int {
	off := len(seq) - 1
	for {
		i := s.find(seq[len(seq)-1], off)
		if i < 0 {
			return -1
		}
		if i+1-len(seq) >= s.pos && string(s.buf[i+1-len(seq):i+1]) == seq {
			return i + 1
		}
		off = i + 1 - s.pos
	}
}

// ensure makes n bytes from pos available if the input has them.
func (s *xmlScanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// fail is the error at the end of input inside a token.
func (s *xmlScanner) fail() error {
	if s.err != nil && s.err != io.EOF {
		return s.err
	}
	return io.ErrUnexpectedEOF
}

func (s *xmlScanner) next() (xmlToken, error) {
	for {
		s.mark = s.pos
		if !s.inTag {
			i := s.find('<', 0)
			if i < 0 {
				rest := s.buf[s.pos:s.end]
				s.pos = s.end
				if s.err != io.EOF {
					return xmlToken{}, s.fail()
				}
				if len(bytes.TrimSpace(rest)) > 0 {
					if err := xmlCheckRefs(rest); err != nil {
						return xmlToken{}, err
					}
					return xmlToken{}, io.ErrUnexpectedEOF
				}
				return xmlToken{}, io.EOF
			}
			text := s.buf[s.pos:i]
			s.pos, s.inTag = i+1, true
			if len(text) > 0 {
				if err := xmlCheckRefs(text); err != nil {
					return xmlToken{}, err
				}
				return xmlToken{kind: xmlText, text: text}, nil
			}
			s.mark = s.pos
		}
		s.inTag = false
		tok, skip, err := s.tag()
		if err != nil {
			return xmlToken{}, err
		}
		if !skip {
			return tok, nil
		}
	}
}

// tag reads a tag after its '<'; skip is set for comments, processing
// instructions and declarations.
func (s *xmlScanner) tag() (tok xmlToken, skip bool, err error) {
	if !s.ensure(1) {
		return tok, false, s.fail()
	}
	switch s.buf[s.pos] {
	case '?':
		i := s.findSeq("?>")
		if i < 0 {
			return tok, false, s.fail()
		}
		s.pos = i
		return tok, true, nil
	case '!':
		s.ensure(8)
		head := s.buf[s.pos:min(s.pos+8, s.end)]
		switch {
		case bytes.HasPrefix(head, []byte("!--")):
			i := s.findSeq("-->")
			if i < 0 {
				return tok, false, s.fail()
			}
			s.pos = i
			return tok, true, nil
		case bytes.Equal(head, []byte("![CDATA[")):
			start := s.pos + 8 - s.mark
			i := s.findSeq("]]>")
			if i < 0 {
				return tok, false, s.fail()
			}
			body := s.buf[s.mark+start : i-3]
			s.pos = i
			return xmlToken{kind: xmlText, text: body, cdata: true}, false, nil
		default: // <!DOCTYPE …>, with an internal subset in brackets
			depth := 0
			for {
				if !s.ensure(1) {
					return tok, false, s.fail()
				}
				b := s.buf[s.pos]
				s.pos++
				switch b {
				case '[':
					depth++
				case ']':
					depth--
				case '>':
					if depth <= 0 {
						return tok, true, nil
					}
				}
			}
		}
	}
	// The tag ends at the first '>' outside a quoted attribute value; the
	// quote state is carried from one '>' to the next, so that every byte
	// is looked at once however many '>' a value holds.
	var q byte
	scanned := 0 // bytes from pos whose quote state is in q
	i := s.find('>', 0)
	for i >= 0 {
		q = quoteState(q, s.buf[s.pos+scanned:i])
		scanned = i - s.pos
		if q == 0 {
			break
		}
		i = s.find('>', i+1-s.pos)
	}
	if i < 0 {
		return tok, false, s.fail()
	}
	raw := s.buf[s.pos:i]
	s.pos = i + 1
	if err := xmlCheckRefs(raw); err != nil {
		return tok, false, err
	}
	if len(raw) > 0 && raw[0] == '/' {
		return xmlToken{kind: xmlEnd, name: localName(bytes.TrimSpace(raw[1:]))}, false, nil
	}
	tok.kind = xmlStart
	if n := len(raw); n > 0 && raw[n-1] == '/' {
		tok.selfClose, raw = true, raw[:n-1]
	}
	end := bytes.IndexAny(raw, " \t\r\n")
	if end < 0 {
		end = len(raw)
	}
	if end == 0 {
		return tok, false, &Error{Kind: KindSyntax, Value: "<" + string(raw[:min(len(raw), 20)]) + ">"}
	}
	tok.name, tok.attrs = localName(raw[:end]), raw[end:]
	return tok, false, nil
}

// quoteState is the open quote (0 for none) after more text of a tag,
// starting from q.
func quoteState(q byte, b []byte) byte {
	for _, c := range b {
		switch {
		case q == 0 && (c == '"' || c == '\''):
			q = c
		case c == q:
			q = 0
		}
	}
	return q
}

func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// xmlAttrString returns the value of the attribute named name (exactly,
// prefix included) in a start tag's raw attributes, references decoded;
// "" when the tag has none.
func xmlAttrString(attrs []byte, name string) string {
	v, ok := xmlAttrRaw(attrs, name)
	if !ok {
		return ""
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return string(xmlUnescape(nil, v))
}

// xmlAttrRaw returns the raw value of an attribute, a slice of attrs.
func xmlAttrRaw(attrs []byte, name string) ([]byte, bool) {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\r' || attrs[i] == '\n') {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && attrs[i] != ' ' && attrs[i] != '\t' && attrs[i] != '\r' && attrs[i] != '\n' {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && attrs[i] != '"' && attrs[i] != '\'' {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		q := attrs[i]
		i++
		vstart := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		val := attrs[vstart:min(i, len(attrs))]
		i++
		if string(key) == name {
			return val, true
		}
	}
	return nil, false
}

// xmlAppendText appends a text token's characters to dst: references
// decoded outside CDATA, line ends normalised to \n.
func xmlAppendText(dst []byte, tok xmlToken) []byte {
	text := tok.text
	if bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	if tok.cdata {
		return append(dst, text...)
	}
	return xmlUnescape(dst, text)
}

// xmlUnescape appends text to dst with character references decoded.
// The scanner has checked every reference (xmlCheckRefs); one it could
// not read would be kept as written.
func xmlUnescape(dst, text []byte) []byte {
	for {
		amp := bytes.IndexByte(text, '&')
		if amp < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:amp]...)
		text = text[amp:]
		semi := bytes.IndexByte(text, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			text = text[1:]
			continue
		}
		ref := string(text[1:semi])
		switch ref {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if !xmlRefValid(ref) {
				dst = append(dst, '&')
				text = text[1:]
				continue
			}
			base, digits := 10, ref[1:]
			if strings.HasPrefix(ref, "#x") {
				base, digits = 16, ref[2:]
			}
			n, _ := strconv.ParseUint(digits, base, 32)
			dst = append(dst, string(rune(n))...)
		}
		text = text[semi+1:]
	}
}

// xmlCheckRefs checks the references of a text or a tag: the five
// predefined entities, and character references to characters XML can
// hold. Anything else, a bare '&' included, is an error of KindEntity.
func xmlCheckRefs(text []byte) error {
	for {
		amp := bytes.IndexByte(text, '&')
		if amp < 0 {
			return nil
		}
		text = text[amp:]
		semi := bytes.IndexByte(text[:min(len(text), 12)], ';')
		if semi < 0 {
			return &Error{Kind: KindEntity, Value: xmlShort(text)}
		}
		if !xmlRefValid(string(text[1:semi])) {
			return &Error{Kind: KindEntity, Value: string(text[:semi+1])}
		}
		text = text[semi+1:]
	}
}

// xmlShort is the start of a bad reference, for an error: up to the next
// space or tag, at most a few characters.
func xmlShort(text []byte) string {
	end := min(len(text), 10)
	if i := bytes.IndexAny(text[:end], " \t\r\n<\"'"); i > 0 {
		end = i
	}
	return strings.ToValidUTF8(string(text[:end]), "")
}

// xmlRefValid reports whether the name of a reference (between & and ;)
// is one XML defines: lt, gt, amp, quot, apos, or #N / #xH naming a
// character of XML's Char production.
func xmlRefValid(ref string) bool {
	switch ref {
	case "lt", "gt", "amp", "quot", "apos":
		return true
	}
	var n uint64
	var err error
	switch {
	case strings.HasPrefix(ref, "#x"):
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	case strings.HasPrefix(ref, "#"):
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	default:
		return false
	}
	if err != nil {
		return false
	}
	return n == 0x9 || n == 0xA || n == 0xD || n >= 0x20 && n <= 0xD7FF ||
		n >= 0xE000 && n <= 0xFFFD || n >= 0x10000 && n <= 0x10FFFF
}

// richText gathers the text of a string item (a shared string's si,
// or an inline string's is): its t elements, runs joined, phonetic runs
// (rPh) left out, the _xHHHH_ escapes undone.
type richText struct {
	text     []byte
	inT      bool
	phonetic int // depth of rPh elements
}

func (x *richText) reset() {
	x.text, x.inT, x.phonetic = x.text[:0], false, 0
}

// token takes a token inside the item.
func (x *richText) token(tok xmlToken) {
	switch tok.kind {
	case xmlStart:
		switch string(tok.name) {
		case "rPh":
			x.phonetic += btoi(!tok.selfClose)
		case "t":
			x.inT = x.phonetic == 0 && !tok.selfClose
		}
	case xmlEnd:
		switch string(tok.name) {
		case "rPh":
			x.phonetic = max(x.phonetic-1, 0)
		case "t":
			x.inT = false
		}
	case xmlText:
		if x.inT {
			x.text = xmlAppendText(x.text, tok)
		}
	}
}

func (x *richText) String() string { return unescapeBSTR(string(x.text)) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unescapeBSTR undoes the _xHHHH_ escapes OOXML writes for characters
// XML cannot hold (_x000D_ is a carriage return, _x005F_ an underscore).
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				out.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String()
}

// FormatHasPercent reports whether a number format code scales by 100:
// a % that is not quoted or escaped.
func FormatHasPercent(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal, or a padding character
		case c == '%':
			return true
		}
	}
	return false
}
