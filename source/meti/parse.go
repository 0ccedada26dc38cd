package meti

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/xlsxin"
)

// Source is the short name of the METI End User List.
const Source = "jp-meti"

// Format is the human name of the format this package reads.
const Format = "Japan METI End User List (xlsx)"

// headerRows is how far down a sheet the header may be.
const headerRows = 5

type column int

const (
	colNo column = iota
	colCountry
	colName
	colAKA
	colWMD
	colConventional
	numColumns
)

// headers are the English halves of METI's bilingual headers, matched
// against the lower-cased, space-collapsed header cell.
var headers = [numColumns]string{
	colNo:           "no.",
	colCountry:      "country or region",
	colName:         "company or organization",
	colAKA:          "also known as",
	colWMD:          "type of wmd",
	colConventional: "conventional weapons",
}

var required = []column{colCountry, colName}

type columns [numColumns]int

// findColumns reads a header row; a header cell matches when one of its
// lines is the English header ("国名、地域名\nCountry or Region").
func findColumns(row []string) (cols columns, missing []string, ok bool) {
	for i := range cols {
		cols[i] = -1
	}
	for i, cell := range row {
		for _, line := range strings.Split(foldWidth(cell), "\n") {
			h := strings.ToLower(clean(line))
			for c, want := range headers {
				if h == want && cols[c] < 0 {
					cols[c] = i
				}
			}
		}
	}
	for _, c := range required {
		if cols[c] < 0 {
			missing = append(missing, headers[c])
		}
	}
	return cols, missing, len(missing) == 0
}

// DetectRows reports whether one of the first rows (up to 5) of a
// workbook's first sheet is the End User List header.
func DetectRows(rows [][]string) bool {
	for i, row := range rows {
		if i >= headerRows {
			break
		}
		if cols, _, ok := findColumns(row); ok && (cols[colAKA] >= 0 || cols[colWMD] >= 0) {
			return true
		}
	}
	return false
}

// Parse reads the End User List workbook from r; see ParseWorkbook.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("jp-meti: %s: not a readable xlsx workbook: %w", name, err)
	}
	defer f.Close()
	return ParseWorkbook(f, name)
}

// ParseWorkbook reads the first sheet of f that has the End User List header in
// its first five rows, streaming its rows. A workbook with no such sheet
// is an error naming the missing columns; a row that cannot be used is a
// reject.
func ParseWorkbook(f *excelize.File, name string) (*interdict.ListLoad, error) {
	p, err := xlsxin.FirstSheet(f, name, layout, func() *parser { return newParser(name) })
	if err != nil {
		return nil, err
	}
	l := p.finish()
	l.Published = dateFromName(name)
	return l, nil
}

// layout is the workbook's shape, for xlsxin.FirstSheet.
var layout = xlsxin.Layout{Prefix: "jp-meti", What: "End User List", HeaderRows: headerRows, Required: func() []string {
	var names []string
	for _, c := range required {
		names = append(names, headers[c])
	}
	return names
}()}

// Header takes the sheet's header row (xlsxin.Sheet).
func (p *parser) Header(cells []string) ([]string, bool) {
	cols, missing, ok := findColumns(cells)
	if ok {
		p.cols = cols
	}
	return missing, ok
}

// Row takes a row after the header (xlsxin.Sheet).
func (p *parser) Row(cells []string, line int) { p.row(cells, line) }

// dateFromName reads the revision date METI puts at the start of its file
// names ("20250929_4.xlsx"), or returns "".
func dateFromName(name string) string {
	base := filepath.Base(name)
	if len(base) < 8 {
		return ""
	}
	if len(base) > 8 && base[8] >= '0' && base[8] <= '9' {
		return ""
	}
	t, err := time.Parse("20060102", base[:8])
	if err != nil || t.Year() < 2000 {
		return ""
	}
	return t.Format("2006-01-02")
}
