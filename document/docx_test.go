package document

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/news.docx")

// docxFiles are the parts of testdata/news.docx, a minimal Word document
// made by makeDOCX (go test ./document -run DOCXFile -update): a heading,
// a paragraph whose name is split over runs (as Word does after an
// edit), a tab, a line break, deleted text (tracked changes), a table,
// and a footnote.
var docxFiles = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
	{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`},
	{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Due diligence note</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The buyer's director met </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Ser</w:t></w:r><w:r><w:t>gei Lavrov</w:t></w:r><w:r><w:t xml:space="preserve"> in March.</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>Igor Sechin</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:t>Goods:</w:t></w:r><w:r><w:tab/><w:t>bearings</w:t></w:r><w:r><w:br/><w:t>Consignee: Acme Trading FZE</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vessel</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>the yacht Graceful</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Министр Сергей Лавров</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
</w:body></w:document>`},
	{"word/footnotes.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>Source: a statement by Maria Zakharova.</w:t></w:r></w:p></w:footnote></w:footnotes>`},
}

func makeDOCX(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range docxFiles {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestDOCXFile(t *testing.T) {
	path := filepath.Join("testdata", "news.docx")
	if *update {
		if err := os.WriteFile(path, makeDOCX(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Extract(context.Background(), data, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != DOCX {
		t.Fatalf("format %q", d.Format)
	}
	for _, want := range []string{"Due diligence note\n\n", "met Sergei Lavrov in March.", "Goods:\tbearings\nConsignee", "the yacht Graceful", "Министр Сергей Лавров", "Maria Zakharova"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	if strings.Contains(d.Text, "Sechin") {
		t.Errorf("deleted text kept:\n%s", d.Text)
	}
}

func TestDOCXBad(t *testing.T) {
	good := makeDOCX(t)
	zipOf := func(files map[string]string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for n, b := range files {
			w, _ := zw.Create(n)
			w.Write([]byte(b))
		}
		zw.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"truncated zip", good[:len(good)/2], ErrCorrupt, "not a readable zip"},
		{"xlsx", zipOf(map[string]string{"xl/workbook.xml": "<workbook/>"}), ErrUnsupported, "Excel"},
		{"other zip", zipOf(map[string]string{"a.txt": "hello"}), ErrUnsupported, "without word/document.xml"},
		{"broken xml", zipOf(map[string]string{"word/document.xml": "<w:document><w:p><w:t>Lavrov</w:p>"}), ErrCorrupt, "word/document.xml line 1"},
		{"no text", zipOf(map[string]string{"word/document.xml": "<document><body><p/></body></document>"}), ErrEmpty, "no text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(context.Background(), c.data, "x.docx", Limits{})
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
		})
	}
}

// TestDOCXBomb: a part that inflates far past the text limit is refused
// without being read to its end.
func TestDOCXBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document><w:body><w:p><w:r><w:t>"))
	chunk := bytes.Repeat([]byte("Lavrov "), 1<<14)
	for range 64 { // 7 MiB of text, compressed to a few KiB
		w.Write(chunk)
	}
	w.Write([]byte("</w:t></w:r></w:p></w:body></w:document>"))
	zw.Close()
	_, err := Extract(context.Background(), buf.Bytes(), "bomb.docx", Limits{MaxText: 1 << 20})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(makeDOCX(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readDOCX(data, DefaultLimits)
		if err == nil && d.Text != strings.ToValidUTF8(d.Text, "") {
			t.Fatalf("invalid UTF-8 in the text")
		}
	})
}
