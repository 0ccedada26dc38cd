package batch

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxReader reads the rows of one sheet with excelize's streaming row
// iterator. Cells are read raw (a number as stored, a date as its serial
// number), so that a formatted cell never changes what is screened; the
// birth-date column converts serial numbers back to dates (serialDate).
type xlsxReader struct {
	f        *excelize.File
	rows     *excelize.Rows
	sheet    string
	row      int // the last row read
	width    int
	maxCell  int
	date1904 bool
	trailing int // empty rows after the last row
}

// openXLSX opens a workbook and the rows of its sheet (the first when
// sheet is "").
func openXLSX(path, sheet string, maxCell int) (r *xlsxReader, err error) {
	// excelize is not fuzzed as this package is: a malformed workbook
	// that panics it is a bad input, not a crash.
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("the workbook cannot be read (%v)", p)
		}
	}()
	f, err := excelize.OpenFile(path)
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip:") {
			return nil, fmt.Errorf("not a readable XLSX workbook (%v)", err)
		}
		return nil, err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errors.New("the workbook has no sheet")
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		f.Close()
		return nil, fmt.Errorf("no sheet %q (sheets: %s)", sheet, quoteList(sheets, 10))
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %q: %v", sheet, err)
	}
	r = &xlsxReader{f: f, rows: rows, sheet: sheet, maxCell: maxCell}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		r.date1904 = *p.Date1904
	}
	return r, nil
}

func (r *xlsxReader) Close() error {
	r.rows.Close()
	return r.f.Close()
}

// cells reads the next row; io.EOF at the end of the sheet.
func (r *xlsxReader) cells() (cells []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			cells, err = nil, fmt.Errorf("sheet %q row %d cannot be read (%v)", r.sheet, r.row, p)
		}
	}()
	if !r.rows.Next() {
		if err := r.rows.Error(); err != nil {
			return nil, fmt.Errorf("sheet %q row %d: %v", r.sheet, r.row+1, err)
		}
		return nil, io.EOF
	}
	r.row++
	cells, err = r.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %q row %d: %v", r.sheet, r.row, err)
	}
	return cells, nil
}

// header reads the header row: the first row that is not empty.
func (r *xlsxReader) header() ([]string, int, error) {
	for {
		cells, err := r.cells()
		if err == io.EOF {
			if r.row == 0 {
				return nil, 0, fmt.Errorf("sheet %q has no rows: %w", r.sheet, errEmpty)
			}
			return nil, 0, fmt.Errorf("sheet %q: %w (its %d rows are empty)", r.sheet, errNoHeader, r.row)
		}
		if err != nil {
			return nil, 0, err
		}
		if blank(cells) {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		// Cells past the last named column are not columns.
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		r.width = len(cells)
		return cells, r.row, nil
	}
}

// skipTo reads rows until row is the last one read (resuming).
func (r *xlsxReader) skipTo(row int) error {
	for r.row < row {
		if _, err := r.cells(); err != nil {
			if err == io.EOF {
				return fmt.Errorf("sheet %q ends at row %d, before the checkpoint's row %d", r.sheet, r.row, row)
			}
			return err
		}
	}
	return nil
}

// next reads the next row, skipping empty ones. A sheet leaves out
// trailing empty cells, so a short row is padded; a value beyond the
// header's columns makes the row a reject.
func (r *xlsxReader) next() (Record, error) {
	rec := Record{}
	for {
		cells, err := r.cells()
		if err != nil {
			r.trailing = rec.Blank
			return Record{}, err
		}
		rec.Line, rec.End, rec.NextLine = r.row, int64(r.row), r.row+1
		if blank(cells) {
			rec.Blank++
			continue
		}
		for i, c := range cells {
			if len(c) > r.maxCell {
				rec.Err = fmt.Sprintf("cell %s is %d bytes long, at most %d", cellName(i, r.row), len(c), r.maxCell)
				return rec, nil
			}
		}
		for i := r.width; i < len(cells); i++ {
			if strings.TrimSpace(cells[i]) != "" {
				rec.Err = fmt.Sprintf("a value in cell %s, beyond the header's %d columns", cellName(i, r.row), r.width)
				rec.Cells = cells[:r.width]
				return rec, nil
			}
		}
		if len(cells) > r.width {
			cells = cells[:r.width]
		}
		for len(cells) < r.width {
			cells = append(cells, "")
		}
		rec.Cells = cells
		return rec, nil
	}
}

// cellName is the A1 name of a cell (column index from 0, row from 1).
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return fmt.Sprintf("column %d row %d", col+1, row)
	}
	return name
}

// serialDate turns a sheet's date serial number into an ISO date; any
// other value is returned as it is. A whole number from 1000 to 2999 is
// taken for a year (a column of birth years), not for a day in 1902–1908.
func (r *xlsxReader) serialDate(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 1 || f > 2958465 || math.IsNaN(f) {
		return v
	}
	if f == math.Trunc(f) && f >= 1000 && f <= 2999 {
		return v
	}
	t, err := excelize.ExcelDateToTime(f, r.date1904)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}
