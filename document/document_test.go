package document

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func mustEncode(t *testing.T, s string, enc interface{ Bytes([]byte) ([]byte, error) }) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestText(t *testing.T) {
	ru := "Министр иностранных дел Сергей Лавров провёл переговоры."
	de := "Der Außenminister Sergej Lawrow traf sich mit Annalena Baerbock in München."
	for _, c := range []struct {
		name string
		data []byte
		want string
		note string
	}{
		{"utf-8", []byte(ru), ru, ""},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), ru...), ru, ""},
		{"utf-16le bom", mustEncode(t, ru, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), ru, "UTF-16LE"},
		{"utf-16be bom", mustEncode(t, ru, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()), ru, "UTF-16BE"},
		{"windows-1251", mustEncode(t, ru, charmap.Windows1251.NewEncoder()), ru, "Windows-1251"},
		{"windows-1252", mustEncode(t, de, charmap.Windows1252.NewEncoder()), de, "Windows-1252"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Extract(context.Background(), c.data, "", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != Text || d.Text != c.want {
				t.Fatalf("got %s %q, want %q", d.Format, d.Text, c.want)
			}
			if got := strings.Join(d.Notes, "; "); !strings.Contains(got, c.note) || c.note == "" && got != "" {
				t.Errorf("notes %q, want %q", got, c.note)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	for _, c := range []struct {
		name string
		data []byte
		lim  Limits
		want error
		msg  string
	}{
		{"empty", nil, Limits{}, ErrEmpty, "empty"},
		{"blank", []byte(" \n\t\n"), Limits{}, ErrEmpty, "empty"},
		{"nul bytes", []byte("Lavrov\x00\x00\x01\x02 binary"), Limits{}, ErrUnsupported, "binary data (byte 6"},
		{"png", png, Limits{}, ErrUnsupported, "PNG image"},
		{"elf", append([]byte("\x7fELF"), make([]byte, 64)...), Limits{}, ErrUnsupported, "executable"},
		{"legacy doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...), Limits{}, ErrUnsupported, "legacy Office"},
		{"input over limit", bytes.Repeat([]byte("a"), 2000), Limits{MaxInput: 1000}, ErrTooLarge, "more than 1000 bytes"},
		{"text over limit", bytes.Repeat([]byte("Lavrov "), 300), Limits{MaxText: 1000}, ErrTooLarge, "its text is 2.1 KiB"},
		{"html without text", []byte("<html><head><script>Lavrov()</script></head><body></body></html>"), Limits{}, ErrEmpty, "no text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(context.Background(), c.data, "in.bin", c.lim)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "in.bin: ") {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

// TestReadLimit: Read stops reading at the limit rather than holding a
// huge input (a 2 GB single line) in memory.
func TestReadLimit(t *testing.T) {
	r := &endless{}
	_, err := Read(context.Background(), r, "big.txt", Limits{MaxInput: 1 << 20})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if r.n > 2<<20 {
		t.Errorf("read %d bytes for a 1 MiB limit", r.n)
	}
}

// endless is a reader of one endless line.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.n += len(p)
	return len(p), nil
}

func TestHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Extract(context.Background(), data, "news.html", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != HTML {
		t.Fatalf("format %q", d.Format)
	}
	for _, want := range []string{
		"Lavrov meets Blinken in New Delhi\n\nLavrov meets Blinken", // title, then the heading
		"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken",
		"ten minutes.\n\nМинистр иностранных дел России Сергей Лавров",
		"Prime Minister Mikhail Mishustin\n\nFrench President",
		"Rosneft & Gazprom shares fell; the yacht Graceful left port.", // (a no-break space is a space)
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	for _, not := range []string{"Vladimir Putin", "font-family", "Igor Sechin", "<p>"} {
		if strings.Contains(d.Text, not) {
			t.Errorf("text holds %q:\n%s", not, d.Text)
		}
	}
}

func TestHTMLCharset(t *testing.T) {
	page := `<html><head><meta charset="windows-1251"></head><body><p>Сергей Лавров</p></body></html>`
	data := mustEncode(t, page, charmap.Windows1251.NewEncoder())
	d, err := Extract(context.Background(), data, "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Сергей Лавров" {
		t.Fatalf("text %q", d.Text)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		data, name string
		want       Format
	}{
		{"%PDF-1.7\n...", "x.txt", PDF},
		{"PK\x03\x04rest", "x.pdf", DOCX},
		{"<!DOCTYPE html><p>x", "x.txt", HTML},
		{"  <html><body>x", "", HTML},
		{"<b>bold</b> text", "page.html", HTML},
		{"<b>bold</b> text", "notes.txt", Text},
		{"Lavrov said <no> to the deal", "", Text},
		{"Plain text", "page.html", Text},
	} {
		got, err := Detect([]byte(c.data), c.name)
		if err != nil || got != c.want {
			t.Errorf("Detect(%q, %q) = %q, %v; want %q", c.data, c.name, got, err, c.want)
		}
	}
}

func needPDFToText(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils); .ci/run installs it")
	}
}

func TestPDF(t *testing.T) {
	needPDFToText(t)
	data, err := os.ReadFile(filepath.Join("testdata", "news.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Extract(context.Background(), data, "news.pdf", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != PDF {
		t.Fatalf("format %q", d.Format)
	}
	for _, want := range []string{"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken", "Министр иностранных дел России Сергей Лавров", "the yacht Graceful left port."} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	if strings.Contains(d.Text, "Vladimir Putin") {
		t.Errorf("the page's script came through:\n%s", d.Text)
	}
}

func TestPDFBad(t *testing.T) {
	needPDFToText(t)
	data, err := os.ReadFile(filepath.Join("testdata", "news.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		lim  Limits
		want error
		msg  string
	}{
		{"truncated", data[:len(data)/3], Limits{}, ErrCorrupt, "pdftotext could not read it"},
		{"header only", []byte("%PDF-1.4\n%garbage\n"), Limits{}, ErrCorrupt, "pdftotext could not read it"},
		{"text over limit", data, Limits{MaxText: 100}, ErrTooLarge, "more than 100 bytes"},
		{"no pdftotext", data, Limits{PDFToText: "/nonexistent/pdftotext"}, ErrNoPDFTool, "apt-get install poppler-utils"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(context.Background(), c.data, "x.pdf", c.lim)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
		})
	}
}

// TestPDFTimeout: a pdftotext that hangs is stopped at the limit.
func TestPDFTimeout(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "pdftotext")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Extract(context.Background(), []byte("%PDF-1.4\n"), "slow.pdf", Limits{PDFToText: fake, PDFTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "took more than 200ms") {
		t.Fatalf("error %v", err)
	}
}

func FuzzHTML(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "news.html")); err == nil {
		f.Add(data)
	}
	f.Add([]byte("<p>a<br>b<script>c</script><td>d</td></p>"))
	f.Add([]byte("<html><head><title>x</title><meta charset=koi8-r></head><body>\xf0\xd5\xd4\xc9\xce"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readHTML(data, DefaultLimits)
		if err == nil && d.Text != strings.ToValidUTF8(d.Text, "") {
			t.Fatalf("invalid UTF-8 in the text")
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("Sergei Lavrov met Antony Blinken."))
	f.Add([]byte("\xff\xfeL\x00a\x00"))
	f.Add(makeDOCX(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		// PDFs are read by pdftotext, not by this package: left out
		if bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
			return
		}
		d, err := Extract(context.Background(), data, "fuzz", Limits{MaxText: 1 << 20})
		if err == nil && (strings.TrimSpace(d.Text) == "" || d.Text != strings.ToValidUTF8(d.Text, "")) {
			t.Fatalf("bad text %q", d.Text)
		}
	})
}
