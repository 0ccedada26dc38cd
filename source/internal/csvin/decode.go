package csvin

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// utf8BOM is stripped where a spreadsheet program added one on export.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode reads a whole list file and returns it as UTF-8. The US lists
// are published as ASCII or UTF-8, but copies pass through spreadsheet
// programs and mail gateways: a UTF-8 byte order mark is dropped, text that
// is not valid UTF-8 is read as Windows-1252 (the code page US agencies
// export in), and C1 control characters inside valid UTF-8 (a Windows-1252
// byte mis-decoded as Latin-1, like U+0092 for ’, as in trade.gov's own
// csl.csv) are mapped back the same way. Each repair is reported as a
// note. UTF-16 and binary data are errors: they are not a list in any of
// the formats read through this package.
//
// Errors start with name; the caller adds its package's prefix.
func Decode(r io.Reader, name string) (data []byte, notes []string, err error) {
	data, err = io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: read: %w", name, err)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if looksBinary(data) {
		return nil, nil, fmt.Errorf("%s: UTF-16 or binary data, want UTF-8 or Windows-1252 text", name)
	}
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: decode Windows-1252: %w", name, err)
		}
		return dec, []string{"file is not valid UTF-8; read as Windows-1252"}, nil
	}
	if fixed, n := fixC1(data); n > 0 {
		return fixed, []string{fmt.Sprintf("%d C1 control characters read as Windows-1252 punctuation", n)}, nil
	}
	return data, nil, nil
}

// looksBinary reports a UTF-16 byte-order mark or NUL bytes near the start.
func looksBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return true
	}
	head := data[:min(len(data), 4096)]
	return bytes.IndexByte(head, 0) >= 0
}

// fixC1 replaces U+0080..U+009F with the Windows-1252 character of the same
// byte value and returns how many it replaced. data is valid UTF-8, so a
// 0xC2 byte always leads a two-byte sequence, and 0xC2 0x80..0x9F is
// exactly that range.
func fixC1(data []byte) ([]byte, int) {
	var out []byte
	n, last := 0, 0
	for i := 0; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], 0xC2)
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(data) || data[i+1] > 0x9F {
			continue
		}
		c := charmap.Windows1252.DecodeByte(data[i+1])
		if c == utf8.RuneError || c == rune(data[i+1]) { // undefined in Windows-1252: keep
			continue
		}
		out = append(out, data[last:i]...)
		out = utf8.AppendRune(out, c)
		n++
		i++
		last = i + 1
	}
	if n == 0 {
		return data, 0
	}
	return append(out, data[last:]...), n
}
