package ftm

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxLine bounds one JSON line. The largest real FtM entities (a company
// with hundreds of names and addresses) are well under 1 MiB; a longer
// line is rejected rather than held in memory.
const maxLine = 32 << 20

// errLineTooLong marks a line over maxLine; the reader has skipped it.
var errLineTooLong = errors.New("line longer than 32 MiB")

// lineReader yields the lines of a file with their 1-based numbers,
// without the line ending, reusing one buffer.
type lineReader struct {
	r    *bufio.Reader
	buf  []byte
	line int
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line. At the end of the input it returns io.EOF
// (after the last line, even one without a newline). A line over maxLine
// is consumed and reported as errLineTooLong; other errors are the
// reader's.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > maxLine {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(l.buf) == 0 && !tooLong {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		l.line++
		if l.line == 1 {
			l.buf = trimBOM(l.buf)
		}
		if tooLong {
			return nil, errLineTooLong
		}
		return bytes.TrimRight(l.buf, "\r\n"), nil
	}
}
