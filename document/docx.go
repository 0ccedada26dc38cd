package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// docxParts are the parts of a Word document read for text, in order:
// the body, then its footnotes and endnotes (a name can stand in a
// footnote as well).
var docxParts = []string{"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"}

// readDOCX reads a Word document as a zip archive: the text of each
// paragraph (w:p) of its parts, runs (w:t) joined, tabs and breaks kept,
// a blank line after each paragraph. Deleted text (w:delText) is left
// out. A zip without word/document.xml is refused, saying what it holds.
func readDOCX(data []byte, lim Limits) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: docx: not a readable zip archive: %v", ErrCorrupt, err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if files[docxParts[0]] == nil {
		switch {
		case files["xl/workbook.xml"] != nil:
			return nil, fmt.Errorf("%w: an Excel workbook (xlsx), not a Word document", ErrUnsupported)
		case files["ppt/presentation.xml"] != nil:
			return nil, fmt.Errorf("%w: a PowerPoint presentation (pptx), not a Word document", ErrUnsupported)
		case files["content.xml"] != nil:
			return nil, fmt.Errorf("%w: an OpenDocument file; save it as .docx or PDF", ErrUnsupported)
		}
		return nil, fmt.Errorf("%w: a zip archive without word/document.xml, not a Word document", ErrUnsupported)
	}
	d := &Document{Format: DOCX}
	var b strings.Builder
	for _, name := range docxParts {
		f := files[name]
		if f == nil {
			continue
		}
		if err := docxPart(&b, f, lim); err != nil {
			return nil, err
		}
	}
	d.Text = validText(strings.TrimSpace(b.String()))
	return d, nil
}

// docxPart appends the text of one XML part, reading at most what the
// text limit allows (the XML is bigger than its text, so four times it
// plus a megabyte): a zip bomb stops there.
func docxPart(b *strings.Builder, f *zip.File, lim Limits) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: docx: %s: %v", ErrCorrupt, f.Name, err)
	}
	defer rc.Close()
	maxXML := int64(lim.MaxText)*4 + 1<<20
	lr := &io.LimitedReader{R: rc, N: maxXML + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	inText, deleted := false, 0
	paraStart := b.Len()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return fmt.Errorf("%w: docx: %s is more than %s of XML (the limit)", ErrTooLarge, f.Name, Size(maxXML))
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("%w: docx: %s line %d: %s", ErrCorrupt, f.Name, se.Line, se.Msg)
			}
			return fmt.Errorf("%w: docx: %s: %v", ErrCorrupt, f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = deleted == 0
			case "del":
				deleted++
			case "tab", "ptab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			case "noBreakHyphen":
				b.WriteByte('-')
			case "p":
				paraStart = b.Len()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "del":
				deleted = max(deleted-1, 0)
			case "p":
				if b.Len() > paraStart {
					b.WriteString("\n\n")
				}
			case "tc":
				b.WriteByte('\t')
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
		if b.Len() > lim.MaxText {
			return fmt.Errorf("%w: its text is more than %s (the limit)", ErrTooLarge, Size(int64(lim.MaxText)))
		}
	}
	return nil
}
