package au

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/xlsxin"
)

// Source is the short name of the Australian list.
const Source = "au"

// Format is the human name of the format this package reads.
const Format = "Australia DFAT consolidated list (xlsx)"

// headerRows is how far down a sheet the header may be.
const headerRows = 5

// column identifies a field of the sheet.
type column int

const (
	colReference column = iota
	colName
	colType
	colNameType
	colAliasStrength
	colDOB
	colPOB
	colCitizenship
	colAddress
	colAdditional
	colListing
	colIMO
	colCommittees
	colControlDate
	numColumns
)

// headers are the header texts of each column, compared after
// normalizeHeader.
var headers = [numColumns]string{
	colReference:     "reference",
	colName:          "name of individual or entity",
	colType:          "type",
	colNameType:      "name type",
	colAliasStrength: "alias strength",
	colDOB:           "date of birth",
	colPOB:           "place of birth",
	colCitizenship:   "citizenship",
	colAddress:       "address",
	colAdditional:    "additional information",
	colListing:       "listing information",
	colIMO:           "imo number",
	colCommittees:    "committees",
	colControlDate:   "control date",
}

// required are the columns without which rows cannot be made into
// entities.
var required = []column{colReference, colName, colType, colNameType}

// columns maps each field to its index in a row, -1 when absent.
type columns [numColumns]int

// findColumns reads a header row. It reports ok when every required
// column is there; missing lists the required headers that are not.
func findColumns(row []string) (cols columns, missing []string, ok bool) {
	for i := range cols {
		cols[i] = -1
	}
	for i, cell := range row {
		h := normalizeHeader(cell)
		for c, want := range headers {
			if h == want && cols[c] < 0 {
				cols[c] = i
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

func normalizeHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// DetectRows reports whether one of the first rows (up to 5) of a
// workbook's first sheet is the DFAT header.
func DetectRows(rows [][]string) bool {
	for i, row := range rows {
		if i >= headerRows {
			break
		}
		if _, _, ok := findColumns(row); ok {
			return true
		}
	}
	return false
}

// Parse reads the DFAT workbook from r; see ParseWorkbook.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("au: %s: not a readable xlsx workbook: %w", name, err)
	}
	defer f.Close()
	return ParseWorkbook(f, name)
}

// ParseWorkbook reads the first sheet of f that has the DFAT header in
// its first five rows, streaming its rows. A workbook with no such sheet
// is an error naming the missing columns; a row that cannot be used is a
// reject.
func ParseWorkbook(f *excelize.File, name string) (*interdict.ListLoad, error) {
	p, err := xlsxin.FirstSheet(f, name, layout, func() *parser { return newParser(name) })
	if err != nil {
		return nil, err
	}
	return p.finish(), nil
}

// layout is the workbook's shape, for xlsxin.FirstSheet.
var layout = xlsxin.Layout{Prefix: "au", What: "DFAT", HeaderRows: headerRows, Required: func() []string {
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
