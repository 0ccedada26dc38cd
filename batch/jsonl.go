package batch

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// jsonlReader reads JSON lines, never holding more than maxLine bytes of
// one: a longer line is consumed without being kept and reported.
type jsonlReader struct {
	br      *bufio.Reader
	maxLine int
	off     int64
	line    int
}

func newJSONLReader(r io.Reader, maxLine int, off int64, line int) *jsonlReader {
	return &jsonlReader{br: bufio.NewReaderSize(r, 64<<10), maxLine: maxLine, off: off, line: line}
}

// next reads one line. Every line is a row, a blank one too (its output
// line says so): one output line per input line.
func (r *jsonlReader) next() (Record, error) {
	var line []byte
	tooLong, consumed := false, false
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.off += int64(len(chunk))
		consumed = consumed || len(chunk) > 0
		if !tooLong && len(line)+len(chunk) <= r.maxLine+2 {
			line = append(line, chunk...)
		} else {
			tooLong, line = true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return Record{}, err
		}
		if err == io.EOF && !consumed {
			return Record{}, io.EOF
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > r.maxLine {
			tooLong, line = true, nil
		}
		rec := Record{Line: r.line, Raw: line, End: r.off}
		if tooLong {
			rec.Err = fmt.Sprintf("longer than %d bytes", r.maxLine)
		}
		r.line++
		rec.NextLine = r.line
		return rec, nil
	}
}
