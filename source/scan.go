package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/interdict/interdict/source/ofac"
)

// headSize is how much of each file detection reads: enough for an XML
// root element with its namespace declarations and a CSV header plus a few
// rows.
const headSize = 64 << 10

// found is one recognised file.
type found struct {
	path string // as opened
	rel  string // relative to the data root, for messages and dating
	dir  string
	size int64

	format *Format // nil for OFAC legacy CSV parts

	ofacSource string
	ofacPart   ofac.Part

	// wb is the workbook opened for detection, kept open for parsing so a
	// spreadsheet is unzipped once; the loader closes it.
	wb *excelize.File
}

// Skip is a file the loader did not use, and why, in one line.
type Skip struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// scan walks root and recognises every list file in it.
func scan(root string) ([]found, []Skip, error) {
	var files []found
	var skips []Skip
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			skips = append(skips, Skip{File: path, Reason: err.Error()})
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != root {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if rel == "" || rel == "." {
			rel = filepath.Base(path)
		}
		f, reason := recognise(path, rel)
		if f == nil {
			skips = append(skips, Skip{File: rel, Reason: reason})
			return nil
		}
		files = append(files, *f)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("source: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, skips, nil
}

// recognise reads the head of one file and finds its format. It returns a
// one-line reason when the file is not a list.
func recognise(path, rel string) (*found, string) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err.Error()
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, err.Error()
	}
	head := make([]byte, headSize)
	n, err := io.ReadFull(fh, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err.Error()
	}
	head = head[:n]
	if n == 0 {
		return nil, "empty file"
	}
	base := filepath.Base(path)
	f := &found{path: path, rel: rel, dir: filepath.Dir(rel), size: fi.Size()}

	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		wb, err := excelize.OpenFile(path)
		if err != nil {
			return nil, "zip file that is not a readable workbook: " + err.Error()
		}
		rows, err := firstRows(wb, 5)
		if err != nil {
			wb.Close()
			return nil, "workbook whose first sheet cannot be read: " + err.Error()
		}
		for i := range formats {
			if formats[i].DetectRows != nil && formats[i].DetectRows(rows) {
				f.format = &formats[i]
				f.wb = wb
				return f, ""
			}
		}
		wb.Close()
		return nil, fmt.Sprintf("workbook whose first sheet %q does not have the header of a known list (first rows: %s)", wb.GetSheetName(0), clip(fmt.Sprint(rows), 120))
	}
	if src, part, ok := ofac.DetectCSV(base, head); ok {
		f.ofacSource, f.ofacPart = src, part
		return f, ""
	}
	for i := range formats {
		if formats[i].Detect != nil && formats[i].Detect(base, head) {
			f.format = &formats[i]
			return f, ""
		}
	}
	return nil, unknownReason(head)
}

// unknownReason says in one line what an unrecognised file looks like, so
// that a list in an unexpected layout is easy to tell from a stray file.
func unknownReason(head []byte) string {
	if se, ok := xmlRoot(head); ok {
		ns := ""
		if se.Name.Space != "" {
			ns = " in namespace " + se.Name.Space
		}
		return fmt.Sprintf("XML with root element <%s>%s is not a known list schema", se.Name.Local, ns)
	}
	if !utf8.Valid(head[:utf8Prefix(head)]) {
		return "not UTF-8 text nor a known list format"
	}
	line := head
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	return fmt.Sprintf("not a known list format (first line: %q)", clip(string(line), 100))
}

// utf8Prefix is the length of head without a rune cut off at its end.
func utf8Prefix(head []byte) int {
	n := len(head)
	for i := 0; i < utf8.UTFMax && n > 0; i++ {
		if utf8.RuneStart(head[n-1]) {
			if !utf8.FullRune(head[n-1:]) {
				return n - 1
			}
			return len(head)
		}
		n--
	}
	return len(head)
}

func xmlRoot(head []byte) (xml.StartElement, bool) {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errors.New("charset") }
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, true
		}
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// firstRows reads up to n rows of a workbook's first sheet.
func firstRows(wb *excelize.File, n int) ([][]string, error) {
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("no sheets")
	}
	rows, err := wb.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for len(out) < n && rows.Next() {
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		out = append(out, cols)
	}
	return out, rows.Error()
}
