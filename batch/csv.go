package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Record is one row of the input on its way to a worker.
type Record struct {
	// Line is where the row starts: its line in a CSV or JSONL file, its
	// row in a sheet.
	Line int
	// Raw is a JSONL line; Cells a table row (CSV, XLSX).
	Raw   []byte
	Cells []string
	// Err says why the row cannot be read (too long, badly quoted, not
	// UTF-8, ragged); such a row is a reject.
	Err string
	// End is where the input stands after the row: a byte offset (CSV,
	// JSONL) or a row number (XLSX); NextLine the line after it. A
	// checkpoint taken after this row resumes there.
	End      int64
	NextLine int
	// Blank counts the blank lines skipped just before the row.
	Blank int
}

// csvReader reads CSV records one by one from a stream, never holding more
// than maxRecord bytes of one: a longer record (a 2 GB line) is skipped to
// its end and reported, and the reading goes on. Quoted fields may hold
// delimiters, quotes written twice and line breaks (RFC 4180); a quote
// inside an unquoted field is kept as it is. Line breaks are LF or CRLF.
type csvReader struct {
	br        *bufio.Reader
	comma     byte
	maxRecord int
	// width is the header's number of fields (0 while reading the
	// header): every row must have as many.
	width int
	off   int64 // bytes consumed
	line  int   // the line the next byte is on
	// The record being read: its bytes, where each field ends, the
	// scanner's state, whether it outgrew maxRecord, its first problem and
	// the line its last quoted field opened on.
	buf       []byte
	ends      []int
	state     int
	tooLong   bool
	size      int // the record's bytes so far, delimiters and quotes too
	problem   string
	quoteLine int
	// trailing is the blank lines after the last row.
	trailing int
}

// newCSVReader reads from r, which stands at byte offset off on line line.
func newCSVReader(r io.Reader, comma byte, maxRecord int, off int64, line int) *csvReader {
	return &csvReader{br: bufio.NewReaderSize(r, 64<<10), comma: comma, maxRecord: maxRecord, off: off, line: line}
}

// The states of the record scanner.
const (
	fieldStart = iota
	unquoted
	quoted
	quoteInQuoted // a quote seen inside a quoted field: its end, or the first of two
)

// record reads the next record. fields are its fields (nil when the record
// cannot be read); problem says why not. err is io.EOF at the end of the
// input, or a failure of the reader itself.
func (r *csvReader) record() (fields []string, start int, problem string, err error) {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	r.state, r.tooLong, r.size, r.problem, r.quoteLine = fieldStart, false, 0, "", 0
	start = r.line
	consumed, pendingCR := false, false
	for {
		chunk, rerr := r.br.ReadSlice('\n')
		if len(chunk) > 0 {
			consumed = true
		}
		r.off += int64(len(chunk))
		// The limit is on the record as written (a line of a million
		// empty fields is as long as it looks, not empty).
		if r.size += len(chunk); r.size > r.maxRecord+2 {
			r.tooLong = true
		}
		data, eol := chunk, false
		if n := len(data); n > 0 && data[n-1] == '\n' {
			data, eol = data[:n-1], true
			if n := len(data); n > 0 && data[n-1] == '\r' {
				data = data[:n-1]
			} else if n == 0 && pendingCR {
				pendingCR = false // the CR of a CRLF that the buffer's end cut
			}
		}
		if pendingCR {
			// A CR that ended the last chunk and is not a line break's.
			pendingCR = false
			r.scan([]byte{'\r'})
		}
		if !eol && rerr == bufio.ErrBufferFull && len(data) > 0 && data[len(data)-1] == '\r' {
			data, pendingCR = data[:len(data)-1], true
		}
		r.scan(data)
		if eol {
			r.line++
			if r.state == quoted {
				r.add([]byte{'\n'})
				continue
			}
			r.endField()
			break
		}
		if rerr == bufio.ErrBufferFull {
			continue
		}
		if rerr != nil && rerr != io.EOF {
			return nil, start, "", rerr
		}
		// The end of the input.
		if !consumed {
			return nil, start, "", io.EOF
		}
		if r.state == quoted && r.problem == "" {
			r.problem = fmt.Sprintf("a quoted field opened on line %d is never closed", r.quoteLine)
		}
		r.endField()
		break
	}
	switch {
	case r.tooLong:
		return nil, start, fmt.Sprintf("longer than %d bytes", r.maxRecord), nil
	case r.problem != "":
		return nil, start, r.problem, nil
	case !utf8.Valid(r.buf):
		return nil, start, "not valid UTF-8 (save the file as UTF-8)", nil
	}
	s := string(r.buf)
	fields = make([]string, len(r.ends))
	prev := 0
	for i, e := range r.ends {
		fields[i] = s[prev:e]
		prev = e
	}
	return fields, start, "", nil
}

// add keeps bytes of the current field, unless the record has outgrown
// maxRecord: then it is only scanned to its end.
func (r *csvReader) add(b []byte) {
	if r.tooLong {
		return
	}
	if len(r.buf)+len(b) > r.maxRecord {
		r.tooLong = true
		return
	}
	r.buf = append(r.buf, b...)
}

func (r *csvReader) endField() {
	if r.tooLong {
		return
	}
	if len(r.ends) == maxFields {
		if r.problem == "" {
			r.problem = fmt.Sprintf("more than %d fields", maxFields)
		}
		return
	}
	r.ends = append(r.ends, len(r.buf))
}

// maxFields is the most fields a row may have: four times a spreadsheet's
// columns (16,384), and a bound on what a row of empty fields costs.
const maxFields = 1 << 16

// scan runs the state machine over data, which holds no line break.
func (r *csvReader) scan(data []byte) {
	if r.tooLong && len(data) > 0 && bytes.IndexByte(data, '"') < 0 {
		// Skipping an overlong record: without a quote, only whether a
		// quoted field is open matters, and data changes nothing of it.
		if r.state != quoted {
			r.state = unquoted
			if data[len(data)-1] == r.comma {
				r.state = fieldStart
			}
		}
		return
	}
	for p := 0; p < len(data); {
		switch r.state {
		case fieldStart:
			if data[p] == '"' {
				r.state, r.quoteLine = quoted, r.line
				p++
			} else {
				r.state = unquoted
			}
		case unquoted:
			i := bytes.IndexByte(data[p:], r.comma)
			if i < 0 {
				r.add(data[p:])
				return
			}
			r.add(data[p : p+i])
			r.endField()
			r.state = fieldStart
			p += i + 1
		case quoted:
			i := bytes.IndexByte(data[p:], '"')
			if i < 0 {
				r.add(data[p:])
				return
			}
			r.add(data[p : p+i])
			r.state = quoteInQuoted
			p += i + 1
		case quoteInQuoted:
			switch c := data[p]; c {
			case '"':
				r.add(data[p : p+1])
				r.state = quoted
				p++
			case r.comma:
				r.endField()
				r.state = fieldStart
				p++
			default:
				if r.problem == "" {
					r.problem = fmt.Sprintf("%q after the closing quote of field %d (a quote inside a quoted field is written twice)", c, len(r.ends)+1)
				}
				r.state = unquoted
			}
		}
	}
}

// blank reports a record whose every field is empty or space: a blank line
// or a row of empty cells, which is no row at all.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// errNoHeader is a table without a header row.
var errNoHeader = errors.New("no header row: the first row must name the columns")

// header reads the header row, skipping a byte order mark and blank lines.
func (r *csvReader) header() ([]string, int, error) {
	if r.off == 0 {
		if b, _ := r.br.Peek(len(bom)); bytes.Equal(b, bom) {
			r.br.Discard(len(bom))
			r.off += int64(len(bom))
		}
	}
	for {
		fields, start, problem, err := r.record()
		if err == io.EOF {
			return nil, 0, errNoHeader
		}
		if err != nil {
			return nil, 0, err
		}
		if problem != "" {
			return nil, 0, fmt.Errorf("line %d: the header row cannot be read: %s", start, problem)
		}
		if blank(fields) {
			continue
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		r.width = len(fields)
		return fields, start, nil
	}
}

// next reads the next row, skipping blank lines.
func (r *csvReader) next() (Record, error) {
	rec := Record{}
	for {
		fields, start, problem, err := r.record()
		if err != nil {
			r.trailing = rec.Blank
			return Record{}, err
		}
		rec.Line, rec.End, rec.NextLine = start, r.off, r.line
		if problem != "" {
			rec.Err = problem
			return rec, nil
		}
		if blank(fields) {
			rec.Blank++
			continue
		}
		if len(fields) != r.width {
			rec.Err = fmt.Sprintf("%d fields, the header has %d", len(fields), r.width)
			rec.Cells = fields
			return rec, nil
		}
		rec.Cells = fields
		return rec, nil
	}
}
