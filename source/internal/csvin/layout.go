package csvin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// HeaderLines is how far down a file the header is looked for.
const HeaderLines = 5

// Layout says how one format's header is recognised and checked. See the
// package documentation for how the three column lists are used.
type Layout struct {
	// Format names the format in the error for a file that is not it
	// ("not a <Format>").
	Format string
	// Comma is the field separator; 0 means ','.
	Comma rune
	// Signature are the columns that make a header line recognisably
	// this format.
	Signature []string
	// Required are the columns a recognised header must carry.
	Required []string
	// Minimal are the columns a first line that is not recognisably the
	// format must carry to be read as its header all the same.
	Minimal []string
}

func (l *Layout) comma() rune {
	if l.Comma == 0 {
		return ','
	}
	return l.Comma
}

// Detect reports whether one of the first HeaderLines lines of head (a
// file's first bytes, undecoded) is a header holding every Signature
// column. Whether the header also has the Required columns is left to
// parsing, which says which are missing.
func (l *Layout) Detect(head []byte) bool {
	_, ok := l.find(bytes.TrimPrefix(head, utf8BOM))
	return ok
}

// header is where find found a header.
type header struct {
	line    int // 1-based
	offset  int // of the line's first byte
	skipped int // non-blank lines before it
	cols    *Columns
}

// find looks for the header among the first HeaderLines lines of data.
func (l *Layout) find(data []byte) (header, bool) {
	h := header{}
	start := 0
	for line := 1; line <= HeaderLines && start < len(data); line++ {
		end, next := len(data), len(data)
		if i := bytes.IndexByte(data[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		text := bytes.TrimSuffix(data[start:end], []byte("\r"))
		if rec, ok := l.split(text); ok {
			if c := NewColumns(rec); c.Has(l.Signature...) {
				h.line, h.offset, h.cols = line, start, c
				return h, true
			}
		}
		if len(bytes.TrimSpace(text)) > 0 {
			h.skipped++
		}
		start = next
	}
	return header{}, false
}

// split reads one line as one record.
func (l *Layout) split(line []byte) ([]string, bool) {
	cr := csv.NewReader(bytes.NewReader(line))
	cr.Comma = l.comma()
	rec, err := cr.Read()
	return rec, err == nil
}

// File is a decoded file positioned after its header.
type File struct {
	// Name is the file's name as given, for errors and rejects.
	Name string
	// Line is the header's line in the file.
	Line int
	// Columns indexes the header.
	Columns *Columns
	// Notes say what was repaired or skipped: decoding (see Decode) and
	// lines before the header.
	Notes []string

	data  []byte
	cr    *csv.Reader
	off   int // lines of the file before the reader's first
	width int // header fields
}

// Open decodes r (see Decode), finds its header and checks it against the
// layout. The errors are those the package documentation lists, and
// Decode's; each starts with name.
func (l *Layout) Open(r io.Reader, name string) (*File, error) {
	data, notes, err := Decode(r, name)
	if err != nil {
		return nil, err
	}
	f := &File{Name: name, Notes: notes, data: data}
	h, found := l.find(data)
	if found {
		if miss := h.cols.Missing(l.Required...); len(miss) > 0 {
			return nil, fmt.Errorf("%s line %d: %s %s", name, h.line, plural(len(miss), "missing column", "missing columns"), strings.Join(miss, ", "))
		}
		if h.skipped > 0 {
			f.Notes = append(f.Notes, fmt.Sprintf("skipped %d %s before the header", h.skipped, plural(h.skipped, "line", "lines")))
		}
		f.off = h.line - 1
	}
	f.cr = csv.NewReader(bytes.NewReader(data[h.offset:]))
	f.cr.Comma = l.comma()
	f.cr.ReuseRecord = true
	rec, err := f.cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, want a header line", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s line %d: header: %w", name, errLine(err, 1)+f.off, err)
	}
	line, _ := f.cr.FieldPos(0)
	f.Line, f.width = line+f.off, len(rec)
	if found {
		f.Columns = h.cols
		return f, nil
	}
	f.Columns = NewColumns(rec)
	if miss := f.Columns.Missing(l.Minimal...); len(miss) > 0 {
		return nil, fmt.Errorf("%s line %d: missing column %q: not a %s", name, f.Line, miss[0], l.Format)
	}
	return f, nil
}

// plural picks the singular form for 1.
func plural(n int, singular, plural string) string {
	if n == 1 {
		return singular
	}
	return plural
}

// errLine is the line a csv error points at, or def.
func errLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return def
}
