package ofac

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// detectLines is how many complete lines DetectCSV looks at.
const detectLines = 5

// DetectCSV reports whether a file is one of OFAC's legacy CSV tables, and
// which: the part comes from the content (column count and the shape of
// the columns: numeric ent_num, SDN_Type, alt_type), never from the name.
// The source comes from the name, since the SDN and consolidated tables
// have the same shape: SourceCons when the base name starts with "cons_",
// else SourceSDN. head is the file's first bytes (up to 64 KiB); only its
// complete lines are read, at most five, and all must agree.
func DetectCSV(name string, head []byte) (source string, part Part, ok bool) {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last is cut by the head's end, or empty
	}
	var fields []string
	seen := 0
	for _, raw := range lines {
		raw = bytes.TrimRight(raw, "\r\x1a")
		if seen == 0 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		if bytes.IndexByte(raw, 0) >= 0 {
			return "", 0, false
		}
		var err error
		fields, err = splitFields(decodeLine(raw), fields)
		if err != nil {
			return "", 0, false
		}
		p := partOf(fields)
		if p == 0 || (part != 0 && p != part) {
			return "", 0, false
		}
		part = p
		if seen++; seen == detectLines {
			break
		}
	}
	if part == 0 {
		return "", 0, false
	}
	source = SourceSDN
	if strings.HasPrefix(strings.ToLower(filepath.Base(name)), "cons_") {
		source = SourceCons
	}
	return source, part, true
}

// partOf tells the part from one row's fields, or 0.
func partOf(f []string) Part {
	if len(f) == 0 {
		return 0
	}
	if _, ok := entNum(f[0]); !ok {
		return 0
	}
	switch len(f) {
	case 12:
		if _, ok := kindOf(f[2]); ok {
			return PartPrimary
		}
	case 5:
		if _, ok := entNum(f[1]); ok && isAltType(f[2]) {
			return PartAlt
		}
	case 6:
		if _, ok := entNum(f[1]); ok {
			return PartAddress
		}
	case 2:
		return PartComments
	}
	return 0
}

func isAltType(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "aka", "fka", "nka":
		return true
	}
	return false
}

// Detect reports whether a file is in the SDN.XML schema: its root
// element is sdnList. The namespace is not checked, since OFAC has used
// several (tempuri.org, then the Sanctions List Service's), and the name
// is not used: renamed downloads are common.
func Detect(name string, head []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.CharsetReader = charsetReader
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "sdnList"
		}
	}
}

// charsetReader lets encoding/xml read the non-UTF-8 encodings an XML
// declaration may name.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}
