package ofac

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// sub is the DOS end-of-file byte OFAC still writes on a line of its own at
// the end of every CSV file.
const sub = 0x1a

// lineReader yields the lines of an OFAC legacy CSV file as text. OFAC
// writes CRLF lines in Windows-1252; the files are ASCII in practice
// (names are transliterated), so a line is only decoded when it has a byte
// above 0x7F. A line that is valid UTF-8 is taken as UTF-8: a re-saved copy
// would otherwise turn every accented letter into two wrong ones, and real
// Windows-1252 text is almost never valid multi-byte UTF-8.
type lineReader struct {
	br   *bufio.Reader
	name string
	line int // number of the line last returned, 1-based
	buf  []byte
	// subSeen and noEOL describe how the file ended, for a truncation note.
	subSeen bool
	noEOL   bool
}

func newLineReader(r io.Reader, name string) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), name: name}
}

// next returns the next non-blank line without its line end, or io.EOF.
// The 0x1A end-of-file line is skipped. A NUL byte is an error: it means
// UTF-16 or a binary file, which no amount of decoding turns into OFAC CSV.
func (lr *lineReader) next() (string, error) {
	for {
		raw, err := lr.readLine()
		if err != nil {
			return "", err
		}
		lr.line++
		if lr.line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		raw = bytes.TrimRight(raw, "\r\n")
		if n := len(raw); n > 0 && raw[n-1] == sub {
			lr.subSeen = true
			raw = raw[:n-1]
		}
		if bytes.IndexByte(raw, 0) >= 0 {
			return "", fmt.Errorf("ofac: %s line %d: NUL byte: not Windows-1252 text (UTF-16 or binary?)", lr.name, lr.line)
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		return decodeLine(raw), nil
	}
}

// readLine returns the next physical line including its line end; the
// slice is valid until the next call.
func (lr *lineReader) readLine() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == nil {
		return b, nil
	}
	if errors.Is(err, bufio.ErrBufferFull) {
		lr.buf = append(lr.buf[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = lr.br.ReadSlice('\n')
			lr.buf = append(lr.buf, b...)
		}
		b = lr.buf
	}
	if err == io.EOF {
		if len(b) == 0 {
			return nil, io.EOF
		}
		if b[len(b)-1] != sub {
			lr.noEOL = true
		}
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ofac: %s line %d: %w", lr.name, lr.line+1, err)
	}
	return b, nil
}

// win1252 maps the bytes 0x80..0xFF to their Windows-1252 characters.
var win1252 = func() (t [128]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(0x80 + i))
	}
	return t
}()

// decodeLine converts one raw line to a string (see lineReader).
func decodeLine(raw []byte) string {
	ascii := true
	for _, c := range raw {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || utf8.Valid(raw) {
		return string(raw)
	}
	var b strings.Builder
	b.Grow(len(raw) + 8)
	for _, c := range raw {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteRune(win1252[c-0x80])
		}
	}
	return b.String()
}

// errQuote is the reason given for a line whose quoted field never closes.
var errQuote = errors.New("unterminated quoted field")

// splitFields splits one line into fields, appending to dst[:0].
// Unquoted fields are trimmed; quoted ones are kept exactly, because
// sdn_comments.csv continues a remark cut at character 1000, often next to
// a space ("Government" + " Gazette Number"). OFAC's empty marker "-0-"
// becomes "". A quoted field
// closes at a quote followed by a comma or the end of the line; a doubled
// quote inside it is one quote, and any other quote is kept as text, since
// OFAC does not escape quotes and a lone one inside a name must not lose
// the row. Fields never span lines: a quote left open at the end of the
// line is errQuote.
func splitFields(line string, dst []string) ([]string, error) {
	dst = dst[:0]
	i := 0
	for {
		// skip blanks before the field
		for i < len(line) && line[i] == ' ' {
			i++
		}
		var field string
		if i < len(line) && line[i] == '"' {
			i++
			start := i
			var esc []byte // only when the field holds a doubled quote
			closed := false
			for i < len(line) {
				c := line[i]
				if c != '"' {
					if esc != nil {
						esc = append(esc, c)
					}
					i++
					continue
				}
				// a quote: doubled, closing, or literal
				if i+1 < len(line) && line[i+1] == '"' {
					if esc == nil {
						esc = append([]byte{}, line[start:i]...)
					}
					esc = append(esc, '"')
					i += 2
					continue
				}
				j := i + 1
				for j < len(line) && line[j] == ' ' {
					j++
				}
				if j == len(line) || line[j] == ',' {
					if esc != nil {
						field = string(esc)
					} else {
						field = line[start:i]
					}
					i = j
					closed = true
					break
				}
				if esc != nil {
					esc = append(esc, c)
				}
				i++
			}
			if !closed {
				return dst, errQuote
			}
		} else {
			start := i
			for i < len(line) && line[i] != ',' {
				i++
			}
			field = strings.TrimSpace(line[start:i])
		}
		if len(field) >= 3 && len(field) <= 8 && strings.TrimSpace(field) == "-0-" {
			field = ""
		}
		dst = append(dst, field)
		if i >= len(line) {
			return dst, nil
		}
		i++ // the comma
	}
}
