// Package document reads the text out of a document for scanning: plain
// text (UTF-8, UTF-16 with a byte-order mark, or a legacy Windows code
// page), HTML (the visible text, scripts and styles skipped), PDF (through
// Debian's pdftotext, run with a time and size limit) and Word DOCX (the
// paragraphs of word/document.xml, footnotes and endnotes, read as zip +
// XML). The format is told by content (magic bytes), never by the file
// name alone; other binary files are refused with a message naming what
// they look like.
//
// Paragraphs and pages are separated by a blank line (a form feed
// between PDF pages), which the scanner reads as a sentence break.
// Offsets reported by a scan are offsets into Document.Text.
package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Format is a document format.
type Format string

// The formats read.
const (
	Text Format = "text"
	HTML Format = "html"
	PDF  Format = "pdf"
	DOCX Format = "docx"
)

// Errors, wrapped with the details.
var (
	// ErrTooLarge: the input or its text is over a limit.
	ErrTooLarge = errors.New("too large")
	// ErrEmpty: nothing to read, or no text in it.
	ErrEmpty = errors.New("no text")
	// ErrUnsupported: a binary format that is not a document this
	// package reads (an image, an archive, a legacy .doc, …).
	ErrUnsupported = errors.New("unsupported format")
	// ErrCorrupt: a document of a known format that cannot be read.
	ErrCorrupt = errors.New("corrupt document")
	// ErrNoPDFTool: pdftotext is not installed.
	ErrNoPDFTool = errors.New("pdftotext not found")
)

// Limits bound the work on one document.
type Limits struct {
	// MaxInput is the most bytes read from the input.
	MaxInput int64
	// MaxText is the most bytes of text extracted (a zip bomb or a PDF
	// of a million pages is refused, not read to the end).
	MaxText int
	// PDFTimeout bounds pdftotext.
	PDFTimeout time.Duration
	// PDFToText is the pdftotext program ("" : "pdftotext" on the PATH).
	PDFToText string
}

// DefaultLimits suit a document of up to a few hundred pages.
var DefaultLimits = Limits{MaxInput: 64 << 20, MaxText: 16 << 20, PDFTimeout: time.Minute}

// Document is the text of a document.
type Document struct {
	Format Format `json:"format"`
	Text   string `json:"-"`
	// Notes say what was done to get the text ("decoded from
	// windows-1251", "12 pages").
	Notes []string `json:"notes,omitempty"`
}

// Read reads a document from r (at most lim.MaxInput bytes) and extracts
// its text. name (a file name, or "") is used in messages and as a hint
// between HTML and plain text only.
func Read(ctx context.Context, r io.Reader, name string, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", label(name), err)
	}
	if int64(len(data)) > lim.MaxInput {
		return nil, fmt.Errorf("%s: %w: more than %s (the limit)", label(name), ErrTooLarge, Size(lim.MaxInput))
	}
	return Extract(ctx, data, name, lim)
}

// Extract extracts the text of a document held in memory.
func Extract(ctx context.Context, data []byte, name string, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxInput {
		return nil, fmt.Errorf("%s: %w: %s, more than %s (the limit)", label(name), ErrTooLarge, Size(int64(len(data))), Size(lim.MaxInput))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: %w: the input is empty", label(name), ErrEmpty)
	}
	f, err := Detect(data, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label(name), err)
	}
	var d *Document
	switch f {
	case PDF:
		d, err = readPDF(ctx, data, lim)
	case DOCX:
		d, err = readDOCX(data, lim)
	case HTML:
		d, err = readHTML(data, lim)
	default:
		d, err = readText(data, lim)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label(name), err)
	}
	if len(d.Text) > lim.MaxText {
		return nil, fmt.Errorf("%s: %w: its text is %s, more than %s (the limit)", label(name), ErrTooLarge, Size(int64(len(d.Text))), Size(int64(lim.MaxText)))
	}
	if strings.TrimSpace(d.Text) == "" {
		what := "no text in it"
		if f == PDF {
			what = "the PDF has no text layer (a scanned image? run OCR on it first)"
		}
		return nil, fmt.Errorf("%s: %w: %s", label(name), ErrEmpty, what)
	}
	return d, nil
}

func (l Limits) withDefaults() Limits {
	if l.MaxInput <= 0 {
		l.MaxInput = DefaultLimits.MaxInput
	}
	if l.MaxText <= 0 {
		l.MaxText = DefaultLimits.MaxText
	}
	if l.PDFTimeout <= 0 {
		l.PDFTimeout = DefaultLimits.PDFTimeout
	}
	if l.PDFToText == "" {
		l.PDFToText = "pdftotext"
	}
	return l
}

func label(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

// Size writes a byte count for people.
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// magic are the signatures of binary formats that are not documents this
// package reads, for a message that names them.
var magic = []struct {
	sig  string
	what string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"\x1f\x8b", "a gzip archive"},
	{"BZh", "a bzip2 archive"},
	{"\xfd7zXZ\x00", "an xz archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\x7fELF", "an executable (ELF)"},
	{"MZ", "a Windows executable"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls); save it as .docx or PDF"},
	{"{\\rtf", "an RTF document; save it as .docx or PDF"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"%!PS", "a PostScript file; convert it to PDF"},
}

// Detect tells a document's format by its content. A zip that is not a
// Word document, and binary data of any other kind, is an error saying
// what it looks like.
func Detect(data []byte, name string) (Format, error) {
	head := data[:min(len(data), 1024)]
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 {
		return PDF, nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return DOCX, nil // readDOCX says so when it is another zip
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.sig)) {
			if m.sig == "MZ" && len(data) < 64 {
				continue // two letters of a text
			}
			return "", fmt.Errorf("%w: %s", ErrUnsupported, m.what)
		}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return Text, nil // UTF-16 with a byte-order mark (decoded by readText)
	}
	if i := binaryAt(data); i >= 0 {
		return "", fmt.Errorf("%w: binary data (byte %d is 0x%02x), not text, HTML, PDF or DOCX", ErrUnsupported, i, data[i])
	}
	if looksHTML(head, name) {
		return HTML, nil
	}
	return Text, nil
}

// binaryAt returns the offset of the first byte in the first 64 KiB that
// no text holds (NUL, or a control character other than tab, line feed,
// form feed, carriage return and escape), when such bytes are more than
// one in a thousand; else -1.
func binaryAt(data []byte) int {
	head := data[:min(len(data), 64<<10)]
	first, n := -1, 0
	for i, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
			if first < 0 {
				first = i
			}
			if c == 0 {
				return i
			}
			n++
		}
	}
	if n*1000 > len(head) {
		return first
	}
	return -1
}

// looksHTML: markup in the first kilobyte, or an .htm(l) name and a '<'
// first.
func looksHTML(head []byte, name string) bool {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<!--", "<?xml"} {
		if bytes.HasPrefix(h, []byte(p)) {
			if p == "<?xml" || p == "<!--" {
				return bytes.Contains(h, []byte("<html"))
			}
			return true
		}
	}
	lower := strings.ToLower(name)
	if (strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || strings.HasSuffix(lower, ".xhtml")) && bytes.HasPrefix(h, []byte("<")) {
		return true
	}
	return bytes.HasPrefix(h, []byte("<")) && (bytes.Contains(h, []byte("<p>")) || bytes.Contains(h, []byte("<div")) || bytes.Contains(h, []byte("<br")))
}

// validText replaces invalid UTF-8 (which should not survive the
// decoders) so that offsets and JSON agree.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
