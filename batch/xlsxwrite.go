package batch

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// xlsxWriter streams rows into an XLSX workbook: a zip archive written
// straight to its destination, one sheet after another, never held in
// memory (excelize's writer builds the whole archive in memory before
// writing it). The bytes depend only on the rows: every entry has the same
// time stamp and the entries are always in one order, so a resumed run
// gives the same file as an uninterrupted one. A sheet holds at most
// xlsxMaxRows rows with its header; more go on "Results 2", "Results 3"….
type xlsxWriter struct {
	zw      *zip.Writer
	sheet   *bufio.Writer
	header  []string
	numeric []bool // columns written as numbers (line, score)
	sheets  int
	rows    int // rows of the current sheet, its header included
	maxRows int // rows a sheet holds, its header included
	err     error
}

// xlsxMaxRows is the most rows a sheet holds (Excel's limit).
const xlsxMaxRows = 1 << 20

// xlsxMaxCell is the most characters a cell holds (Excel's limit); longer
// values are cut, and the cut is marked.
const xlsxMaxCell = 32767

// xlsxTime is every entry's time stamp.
var xlsxTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func newXLSXWriter(w io.Writer, header []string, numeric []bool) *xlsxWriter {
	return &xlsxWriter{zw: zip.NewWriter(w), header: header, numeric: numeric, maxRows: xlsxMaxRows}
}

func (x *xlsxWriter) create(name string) (io.Writer, error) {
	return x.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: xlsxTime})
}

func (x *xlsxWriter) newSheet() error {
	if x.sheet != nil {
		if err := x.endSheet(); err != nil {
			return err
		}
	}
	x.sheets++
	w, err := x.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", x.sheets))
	if err != nil {
		return err
	}
	x.sheet = bufio.NewWriterSize(w, 64<<10)
	// The header row is frozen and bold; columns a little wider.
	x.sheet.WriteString(xml + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><sheetData>`)
	x.rows = 0
	x.writeRow(x.header, 1)
	return nil
}

func (x *xlsxWriter) endSheet() error {
	x.sheet.WriteString(`</sheetData></worksheet>`)
	return x.sheet.Flush()
}

// Write writes one row.
func (x *xlsxWriter) Write(cells []string) error {
	if x.err != nil {
		return x.err
	}
	if x.sheet == nil || x.rows == x.maxRows {
		if x.err = x.newSheet(); x.err != nil {
			return x.err
		}
	}
	x.writeRow(cells, 0)
	return nil
}

// writeRow writes a row of cells; style 1 is bold (the header).
func (x *xlsxWriter) writeRow(cells []string, style int) {
	x.rows++
	w := x.sheet
	r := strconv.Itoa(x.rows)
	w.WriteString(`<row r="` + r + `">`)
	var buf []byte
	for i, c := range cells {
		if c == "" {
			continue
		}
		ref := colName(i) + r
		s := ""
		if style != 0 {
			s = ` s="` + strconv.Itoa(style) + `"`
		}
		if style == 0 && i < len(x.numeric) && x.numeric[i] && isNumber(c) {
			w.WriteString(`<c r="` + ref + `"` + s + `><v>` + c + `</v></c>`)
			continue
		}
		w.WriteString(`<c r="` + ref + `"` + s + ` t="inlineStr"><is><t xml:space="preserve">`)
		buf = appendXMLText(buf[:0], c)
		w.Write(buf)
		w.WriteString(`</t></is></c>`)
	}
	w.WriteString(`</row>`)
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// colName is the letters of a column (0 → A, 26 → AA).
func colName(i int) string {
	var b [8]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// appendXMLText escapes s for XML text, cut to xlsxMaxCell characters,
// replacing what XML 1.0 cannot hold (most control characters, invalid
// UTF-8) with U+FFFD.
func appendXMLText(dst []byte, s string) []byte {
	if utf8.RuneCountInString(s) > xlsxMaxCell {
		n := 0
		for i := range s {
			if n == xlsxMaxCell-1 {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '<':
			dst = append(dst, "&lt;"...)
		case r == '>':
			dst = append(dst, "&gt;"...)
		case r == '&':
			dst = append(dst, "&amp;"...)
		case r == '\r':
			dst = append(dst, "&#13;"...)
		case r == utf8.RuneError && size == 1,
			r < 0x20 && r != '\t' && r != '\n',
			r == 0xfffe || r == 0xffff:
			dst = append(dst, "\uFFFD"...)
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Close ends the last sheet and writes the parts that describe the
// workbook.
func (x *xlsxWriter) Close() error {
	if x.err != nil {
		return x.err
	}
	if x.sheet == nil {
		if err := x.newSheet(); err != nil { // a workbook of the header alone
			return err
		}
	}
	if err := x.endSheet(); err != nil {
		return err
	}
	var sheets, rels, types string
	for i := 1; i <= x.sheets; i++ {
		name := "Results"
		if i > 1 {
			name += " " + strconv.Itoa(i)
		}
		n := strconv.Itoa(i)
		sheets += `<sheet name="` + name + `" sheetId="` + n + `" r:id="rId` + n + `"/>`
		rels += `<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`
		types += `<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	}
	styles := strconv.Itoa(x.sheets + 1)
	parts := []struct{ name, body string }{
		{"xl/workbook.xml", xml + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xml + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels +
			`<Relationship Id="rId` + styles + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"xl/styles.xml", xml + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
		{"_rels/.rels", xml + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"[Content_Types].xml", xml + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`},
	}
	for _, p := range parts {
		w, err := x.create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			return err
		}
	}
	return x.zw.Close()
}
