package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// The scan tests run against the small OFAC fixture (Kim Jong Un, Hasan
// Nasrallah, the tankers ARTAVIL and ARK, Cuban companies), and, for the
// PDF and DOCX files of package document, against ../shared/data.

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const scanNews = "North Korean leader Kim Jong Un received Hezbollah chief Hasan Nasrallah in Pyongyang. " +
	"The tanker Artavil sailed on Monday. Noah's ark is a story, and Ark is a word. Kim said nothing."

func TestScanCommand(t *testing.T) {
	txt := writeFile(t, "news.txt", []byte(scanNews))
	html := writeFile(t, "news.html", []byte("<html><body><script>Kim Jong Un</script><p>Chairman Kim Jong Un spoke.</p></body></html>"))
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		out    []string
		notOut []string
		errs   []string
	}{
		{name: "text", args: []string{txt}, out: []string{
			"news.txt (text): 183 bytes of text", "4 mentions, 4 alerts",
			`1. "Kim Jong Un" at bytes 20-31 (runes 20-31): ALERT 1.000 ofac-sdn:20157 person KIM, Jong Un`,
			"North Korean leader [Kim Jong Un] received Hezbollah chief Hasan Nasrallah in Pyongyang.",
			`"Hasan Nasrallah"`, "ofac-sdn:2686",
			`"Artavil"`, "ofac-sdn:15036 vessel ARTAVIL", "The tanker [Artavil] sailed on Monday.",
			`4. "Kim" at bytes`, "the surname of mention 1, repeated", "snapshot "},
			notOut: []string{"ofac-sdn:15037"}},
		{name: "html", args: []string{html, "--explain"}, out: []string{"(html)", "1 mention", "Chairman [Kim Jong Un] spoke.", `"kim" is the same as "kim"`}},
		{name: "min score shows near misses", args: []string{txt, "--min-score", "0.5", "--no-repeats"}, out: []string{"ofac-sdn:20157"}, notOut: []string{"repeated"}},
		{name: "source", args: []string{txt, "--source", "ofac-sdn"}, out: []string{"ofac-sdn:20157"}},
		{name: "unknown source", args: []string{txt, "--source", "eu"}, code: exitUsage, errs: []string{`--source "eu": no such list is loaded`}},
		{name: "no file", args: nil, code: exitUsage, errs: []string{"usage: interdict scan FILE|-"}},
		{name: "two files", args: []string{txt, txt}, code: exitUsage, errs: []string{"usage: interdict scan"}},
		{name: "bad min score", args: []string{txt, "--min-score", "2"}, code: exitUsage, errs: []string{`--min-score "2": want 0..1`}},
		{name: "bad max bytes", args: []string{txt, "--max-bytes", "0"}, code: exitUsage, errs: []string{`--max-bytes "0"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, nil, append([]string{"scan", "--data", fixture}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout holds %q:\n%s", w, out)
				}
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

// scanJSON is what the tests read of `scan --json`.
type scanJSON struct {
	Snapshot string `json:"snapshot"`
	Document struct {
		Name   string   `json:"name"`
		Format string   `json:"format"`
		Notes  []string `json:"notes"`
		Bytes  int64    `json:"bytes"`
	} `json:"document"`
	Result struct {
		Mentions []struct {
			Start     int     `json:"start"`
			End       int     `json:"end"`
			RuneStart int     `json:"rune_start"`
			RuneEnd   int     `json:"rune_end"`
			Text      string  `json:"text"`
			Score     float64 `json:"score"`
			Alert     bool    `json:"alert"`
			Match     struct {
				ID   string `json:"id"`
				Kind string `json:"kind"`
			} `json:"match"`
			Also []struct {
				ID string `json:"id"`
			} `json:"also"`
			Sentence struct {
				Start, End int
				Text       string
			} `json:"sentence"`
			Repeats *int `json:"repeats"`
		} `json:"mentions"`
		Alerts    int     `json:"alerts"`
		Bytes     int     `json:"bytes"`
		Threshold float64 `json:"threshold"`
	} `json:"result"`
}

func TestScanJSONStdin(t *testing.T) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(scanNews), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := m.Run(context.Background(), []string{"scan", "-", "--json", "--data", fixture}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got scanJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if got.Document.Name != "stdin" || got.Document.Format != "text" || got.Document.Bytes != int64(len(scanNews)) || got.Snapshot == "" {
		t.Errorf("document %+v, snapshot %q", got.Document, got.Snapshot)
	}
	if got.Result.Alerts != 4 || len(got.Result.Mentions) != 4 || got.Result.Threshold == 0 {
		t.Fatalf("result %+v", got.Result)
	}
	for _, mt := range got.Result.Mentions {
		if scanNews[mt.Start:mt.End] != mt.Text || !strings.Contains(mt.Sentence.Text, mt.Text) {
			t.Errorf("mention %+v: offsets do not give its text", mt)
		}
	}
	if m := got.Result.Mentions[3]; m.Repeats == nil || *m.Repeats != 0 || m.Match.ID != "ofac-sdn:20157" {
		t.Errorf("the repeated surname: %+v", m)
	}
}

// TestScanBadInput: input that cannot be scanned gets a message naming
// the file and why, exit 2, and nothing crashes.
func TestScanBadInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// a sparse 2 GiB file: refused by its size, never read
	if err := f.Truncate(2 << 30); err != nil {
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	docx, err := os.ReadFile(filepath.Join("..", "..", "document", "testdata", "news.docx"))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(filepath.Join("..", "..", "document", "testdata", "news.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		env  map[string]string
		code int
		errs []string
	}{
		{"empty", writeFile(t, "empty.txt", nil), nil, exitUsage, []string{"empty.txt: no text: the input is empty"}},
		{"binary", writeFile(t, "data.bin", append([]byte("abc\x00\x01\x02"), make([]byte, 500)...)), nil, exitUsage, []string{"data.bin: unsupported format: binary data (byte 3 is 0x00)"}},
		{"image", writeFile(t, "photo.pdf", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)), nil, exitUsage, []string{"photo.pdf: unsupported format: a PNG image"}},
		{"2 GiB single line", big, nil, exitUsage, []string{"huge.txt: the file is 2.0 GiB, more than 64.0 MiB (the limit; --max-bytes raises it"}},
		{"corrupt docx", writeFile(t, "bad.docx", docx[:len(docx)/2]), nil, exitUsage, []string{"bad.docx: corrupt document: docx: not a readable zip archive"}},
		{"corrupt pdf", writeFile(t, "bad.pdf", pdf[:len(pdf)/3]), nil, exitUsage, []string{"bad.pdf: corrupt document: pdf: pdftotext could not read it"}},
		{"pdftotext missing", writeFile(t, "ok.pdf", pdf), map[string]string{"INTERDICT_PDFTOTEXT": "/nonexistent/pdftotext"}, exitError, []string{"ok.pdf: pdftotext not found: reading a PDF needs /nonexistent/pdftotext from poppler-utils (Debian: apt-get install poppler-utils)"}},
		{"missing file", filepath.Join(dir, "nope.txt"), nil, exitError, []string{"nope.txt: no such file or directory"}},
		{"directory", dir, nil, exitUsage, []string{"is a directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasSuffix(tc.path, "bad.pdf") {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils)")
				}
			}
			code, out, errs := run(t, tc.env, "scan", "--data", fixture, tc.path)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
		})
	}
}

// TestScanDocumentsShared scans the PDF, DOCX and HTML files of package
// document against every list: Sergei Lavrov is found as ofac-sdn:35233
// at the offsets of the extracted text, and Antony Blinken (not listed)
// is not flagged.
func TestScanDocumentsShared(t *testing.T) {
	data := shared.Data(t)
	for _, name := range []string{"news.pdf", "news.docx", "news.html"} {
		t.Run(name, func(t *testing.T) {
			if name == "news.pdf" {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils)")
				}
			}
			path := filepath.Join("..", "..", "document", "testdata", name)
			code, out, errs := run(t, nil, "scan", "--data", data, "--json", "--source", "ofac-sdn", path)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got scanJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			lavrov := 0
			for _, m := range got.Result.Mentions {
				if strings.Contains(m.Text, "Blinken") {
					t.Errorf("unlisted Blinken flagged: %+v", m)
				}
				if (m.Text == "Sergei Lavrov" || m.Text == "Сергей Лавров") && m.Match.ID == "ofac-sdn:35233" && m.Alert {
					lavrov++
					if !strings.Contains(m.Sentence.Text, m.Text) || m.End-m.Start != len(m.Text) {
						t.Errorf("mention %+v", m)
					}
				}
			}
			if lavrov != 2 {
				t.Errorf("Sergei Lavrov found %d times in English and Russian, want 2:\n%s", lavrov, out)
			}
		})
	}
}
