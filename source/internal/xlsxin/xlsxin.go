// Package xlsxin reads the publishers' spreadsheets (Australia's DFAT list,
// Japan's End User List): the first sheet whose header row is among its
// first rows, streamed a row at a time.
package xlsxin

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet takes one sheet's rows: Header is offered each row until it
// accepts one (it keeps the columns) or gives the column names the row
// lacks; Row then takes every row after the header, with its 1-based row
// number.
type Sheet interface {
	Header(cells []string) (missing []string, ok bool)
	Row(cells []string, line int)
}

// Layout says what a list's workbook looks like, for FirstSheet and its
// errors.
type Layout struct {
	// Prefix starts every error ("au", "jp-meti"); What names the header
	// in them ("DFAT", "End User List").
	Prefix, What string
	// HeaderRows is how many rows of a sheet may come before the header.
	HeaderRows int
	// Required are the columns a header needs, named in the error when
	// no row of any sheet came closer.
	Required []string
}

// FirstSheet streams the first sheet of f that has a header within
// l.HeaderRows rows into a Sheet from newSheet, and returns it. A
// workbook with no such sheet is an error naming the columns the first
// sheet's nearest row missed.
func FirstSheet[S Sheet](f *excelize.File, name string, l Layout, newSheet func() S) (S, error) {
	var none S
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return none, fmt.Errorf("%s: %s: workbook has no sheets", l.Prefix, name)
	}
	var firstMissing []string
	for _, sheet := range sheets {
		s := newSheet()
		found, missing, err := read(f, sheet, name, l, s)
		if err != nil || found {
			return s, err
		}
		if firstMissing == nil {
			firstMissing = missing
		}
	}
	if len(firstMissing) == 0 {
		firstMissing = l.Required
	}
	return none, fmt.Errorf("%s: %s: sheet %q: no %s header in the first %d rows (missing columns: %s)",
		l.Prefix, name, sheets[0], l.What, l.HeaderRows, strings.Join(firstMissing, ", "))
}

// read streams one sheet into s. It reports whether the sheet had a
// header, and if not, the columns its nearest row missed.
func read(f *excelize.File, sheet, name string, l Layout, s Sheet) (bool, []string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false, nil, fmt.Errorf("%s: %s: sheet %q: %w", l.Prefix, name, sheet, err)
	}
	defer rows.Close()
	var missing []string
	line := 0
	header := false
	raw := excelize.Options{RawCellValue: true}
	for rows.Next() {
		line++
		cells, err := rows.Columns(raw)
		if err != nil {
			return false, nil, fmt.Errorf("%s: %s: sheet %q row %d: %w", l.Prefix, name, sheet, line, err)
		}
		if !header {
			miss, ok := s.Header(cells)
			if ok {
				header = true
				continue
			}
			if missing == nil || len(miss) < len(missing) {
				missing = miss
			}
			if line >= l.HeaderRows {
				return false, missing, nil
			}
			continue
		}
		s.Row(cells, line)
	}
	if err := rows.Error(); err != nil {
		return false, nil, fmt.Errorf("%s: %s: sheet %q row %d: %w", l.Prefix, name, sheet, line, err)
	}
	return header, missing, nil
}
