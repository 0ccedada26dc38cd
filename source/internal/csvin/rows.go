package csvin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	interdict "github.com/interdict/interdict"
)

// Rows calls fn for every well-formed data row with its 1-based line in
// the file, and turns malformed rows (wrong field count, bad quoting) into
// rejects, counting every row in load.Records. It reads the file once:
// call it once.
//
// It is an error, not a reject, when the file has no data rows, or ends
// inside its last row (a malformed last row with no final newline is how
// a cut-off download looks).
func (f *File) Rows(load *interdict.ListLoad, fn func(line int, cols *Columns, rec []string)) error {
	rows := 0
	var last error
	for {
		rec, err := f.cr.Read()
		if err == io.EOF {
			break
		}
		rows++
		load.Records++
		last = err
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("%s: read: %w", f.Name, err)
			}
			reason := pe.Err.Error()
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				reason = fmt.Sprintf("%d fields, want %d as in the header", len(rec), f.width)
			}
			load.Rejects = append(load.Rejects, interdict.Reject{File: f.Name, Line: pe.StartLine + f.off, Reason: reason})
			continue
		}
		line, _ := f.cr.FieldPos(0)
		fn(line+f.off, f.Columns, rec)
	}
	if last != nil && !bytes.HasSuffix(f.data, []byte("\n")) {
		r := load.Rejects[len(load.Rejects)-1]
		return fmt.Errorf("%s line %d: file ends inside this row, truncated? (%s)", f.Name, r.Line, r.Reason)
	}
	if rows == 0 {
		return fmt.Errorf("%s: header only, no data rows", f.Name)
	}
	return nil
}
