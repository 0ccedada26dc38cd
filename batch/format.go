package batch

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the format of a batch file.
type Format int

// The formats. Auto chooses by the file's extension, then (for input) by
// its content.
const (
	Auto Format = iota
	JSONL
	CSV
	XLSX
)

func (f Format) String() string {
	switch f {
	case JSONL:
		return "jsonl"
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	}
	return "auto"
}

// ParseFormat reads a --in-format or --out-format value.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "", "auto":
		return Auto, nil
	case "jsonl", "ndjson", "json":
		return JSONL, nil
	case "csv", "tsv":
		return CSV, nil
	case "xlsx", "xlsm":
		return XLSX, nil
	}
	return Auto, fmt.Errorf("%q: want csv, jsonl or xlsx", s)
}

// FormatOf is the format a file's extension names, or Auto.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".csv", ".tsv", ".txt":
		return CSV
	case ".xlsx", ".xlsm":
		return XLSX
	}
	return Auto
}

// sniffHead is how much of an input is looked at to recognise it.
const sniffHead = 8 << 10

// sniff recognises an input from its first bytes: the format, or an error
// saying what the file is instead (a binary file, a legacy workbook, a
// compressed file, UTF-16 text). declared is the format the extension or
// --in-format gave (Auto: none).
func sniff(head []byte, declared Format) (Format, error) {
	isZip := bytes.HasPrefix(head, []byte("PK\x03\x04"))
	switch {
	case len(head) == 0:
		return declared, errEmpty
	case isZip && (declared == Auto || declared == XLSX):
		return XLSX, nil
	case isZip:
		return Auto, fmt.Errorf("a zip archive (an XLSX workbook?), not %s: name it .xlsx or pass --in-format xlsx", declared)
	case declared == XLSX:
		return Auto, notWorkbook(head)
	case bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return Auto, fmt.Errorf("a legacy .xls workbook (or an encrypted one): save it as .xlsx or CSV")
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return Auto, fmt.Errorf("gzip-compressed: decompress it first")
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return Auto, fmt.Errorf("UTF-16 text: save it as UTF-8")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return Auto, fmt.Errorf("a PDF document, not a table: export the table as CSV or XLSX")
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return Auto, fmt.Errorf("a binary file (a NUL byte at offset %d), not CSV or JSON lines", i)
	}
	if declared != Auto {
		return declared, nil
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		return JSONL, nil
	}
	return CSV, nil
}

func notWorkbook(head []byte) error {
	if bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0}) {
		return fmt.Errorf("a legacy .xls workbook (or an encrypted one), not XLSX: save it as .xlsx or CSV")
	}
	return fmt.Errorf("not an XLSX workbook (an XLSX file is a zip archive and this one is not)")
}

// bom is the UTF-8 byte order mark some programs put before CSV text.
var bom = []byte("\xef\xbb\xbf")

// detectComma chooses the delimiter of a CSV file from its first line: the
// most frequent of comma, semicolon, tab and bar outside quotes (a comma
// when none appears). A .tsv file is tab-separated.
func detectComma(head []byte, path string) byte {
	if strings.EqualFold(filepath.Ext(path), ".tsv") {
		return '\t'
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	var n [256]int
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			n[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t', '|'} {
		if n[c] > n[best] {
			best = c
		}
	}
	return best
}
