// Package xmlin opens the publishers' XML files: a decoder that copes with
// how a re-saved list file may be encoded, and the root element of a
// file's first bytes for format detection.
package xmlin

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// NewDecoder returns an XML decoder for r that copes with what a re-saved
// list file may look like: a UTF-8 byte order mark, UTF-16 with a byte
// order mark, or a legacy charset named in the XML declaration. Anything
// else that is not UTF-8 fails in the decoder with a line number.
func NewDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	utf16 := false
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	} else if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		src = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		utf16 = true
	}
	d := xml.NewDecoder(src)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		l := strings.ToLower(strings.TrimSpace(label))
		if utf16 {
			// Already transcoded from what the byte order mark said.
			return in, nil
		}
		if strings.HasPrefix(l, "utf-16") || strings.HasPrefix(l, "utf16") {
			return nil, fmt.Errorf("declares encoding %q but has no UTF-16 byte order mark", label)
		}
		enc, err := htmlindex.Get(l)
		if err != nil {
			return nil, fmt.Errorf("unsupported encoding %q", label)
		}
		if enc == unicode.UTF8 {
			return in, nil
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return d
}

// RootElement returns the first start element of head, a file's first
// bytes, or false when there is none before the bytes run out or stop
// being XML.
func RootElement(head []byte) (xml.StartElement, bool) {
	d := NewDecoder(bytes.NewReader(head))
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, true
		}
	}
}
