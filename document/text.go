package document

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readText decodes plain text: UTF-8 (a byte-order mark dropped), UTF-16
// with a byte-order mark, or else a legacy code page, guessed between
// Windows-1251 (Cyrillic) and Windows-1252 (Western) by which reads as
// more letters of one script.
func readText(data []byte, lim Limits) (*Document, error) {
	d := &Document{Format: Text}
	text, note, err := decode(data, lim)
	if err != nil {
		return nil, err
	}
	if note != "" {
		d.Notes = append(d.Notes, note)
	}
	d.Text = text
	return d, nil
}

// decode turns bytes of unknown encoding into UTF-8, saying which
// decoding it used when not plain UTF-8.
func decode(data []byte, lim Limits) (string, string, error) {
	var enc encoding.Encoding
	note := ""
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		enc, note = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "decoded from UTF-16LE"
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		enc, note = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "decoded from UTF-16BE"
	}
	if enc == nil {
		if utf8.Valid(data) {
			return string(data), "", nil
		}
		enc, note = guessLegacy(data)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrCorrupt, note, err)
	}
	if len(out) > lim.MaxText {
		return "", "", fmt.Errorf("%w: its text is %s, more than %s (the limit)", ErrTooLarge, Size(int64(len(out))), Size(int64(lim.MaxText)))
	}
	return validText(string(out)), note, nil
}

// guessLegacy picks Windows-1251 when bytes of its Cyrillic letters
// (0xC0–0xFF) are most of the letters, as in Russian text, where every
// word is in them; in Western text the same bytes are the occasional
// accented letter (é, ü, ß), and Windows-1252 is chosen.
func guessLegacy(data []byte) (encoding.Encoding, string) {
	ascii, cyr := 0, 0
	for _, c := range data {
		switch {
		case c >= 0xc0:
			cyr++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			ascii++
		}
	}
	if cyr > 0 && cyr*10 >= (cyr+ascii)*4 {
		return charmap.Windows1251, "not UTF-8; decoded as Windows-1251 (Cyrillic)"
	}
	return charmap.Windows1252, "not UTF-8; decoded as Windows-1252"
}
