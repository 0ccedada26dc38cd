package csl

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	interdict "github.com/interdict/interdict"
)

// eachRow reads a delimited file with a header line: it checks the header
// carries the required columns, calls fn for every well-formed data row
// with its 1-based line number, and turns malformed rows (wrong field
// count, bad quoting) into rejects, counting every row in load.Records.
//
// It is an error, not a reject, when the file has no header, lacks a
// required column, has no data rows, or ends inside its last row (a
// malformed last row with no final newline is how a cut-off download
// looks).
func eachRow(data []byte, name, format string, comma rune, required []string, load *interdict.ListLoad, fn func(line int, cols columns, rec []string)) error {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("csl: %s: empty file, want a header line", name)
	}
	if err != nil {
		return fmt.Errorf("csl: %s line %d: header: %w", name, errLine(err, 1), err)
	}
	cols, width := newColumns(header), len(header)
	if err := cols.require(required...); err != nil {
		return fmt.Errorf("csl: %s line 1: %w: not a %s", name, err, format)
	}
	rows := 0
	var last error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		rows++
		load.Records++
		last = err
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("csl: %s: read: %w", name, err)
			}
			reason := pe.Err.Error()
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				reason = fmt.Sprintf("%d fields, want %d as in the header", len(rec), width)
			}
			load.Rejects = append(load.Rejects, interdict.Reject{File: name, Line: pe.StartLine, Reason: reason})
			continue
		}
		line, _ := cr.FieldPos(0)
		fn(line, cols, rec)
	}
	if last != nil && !bytes.HasSuffix(data, []byte("\n")) {
		r := load.Rejects[len(load.Rejects)-1]
		return fmt.Errorf("csl: %s line %d: file ends inside this row, truncated? (%s)", name, r.Line, r.Reason)
	}
	if rows == 0 {
		return fmt.Errorf("csl: %s: header only, no data rows", name)
	}
	return nil
}

// errLine is the line a csv error points at, or def.
func errLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return def
}
