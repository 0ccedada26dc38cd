package uk

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// The seed corpora live in testdata/fuzz/Fuzz*/ and are made from this
// package's own fixtures by TestWriteFuzzSeeds (run it with
// UK_WRITE_FUZZ_SEEDS=1 after changing a fixture).

// FuzzParse feeds arbitrary bytes to the xlsx entry point. Most mutations
// break the zip container, so FuzzRows covers the row logic more deeply.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(bytes.NewReader(data), "fuzz.xlsx")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "uk: fuzz.xlsx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkLoad(t, l)
	})
}

// FuzzRows feeds sheet rows (lines of tab-separated cells) to the ConList
// row reader, bypassing the zip container.
func FuzzRows(f *testing.F) {
	f.Fuzz(func(t *testing.T, data string) {
		p := newConlist("fuzz.xlsx")
		for i, line := range strings.Split(data, "\n") {
			if err := p.add(i+1, strings.Split(line, "\t")); err != nil {
				return
			}
		}
		if !p.haveHeader {
			return
		}
		checkLoad(t, p.finish())
	})
}

// FuzzParseFCDO feeds arbitrary bytes to the FCDO XML parser.
func FuzzParseFCDO(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseFCDO(bytes.NewReader(data), "fuzz.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "uk: fuzz.xml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if l.Records != len(l.Entities)+len(l.Rejects) {
			t.Fatalf("records %d != entities %d + rejects %d", l.Records, len(l.Entities), len(l.Rejects))
		}
		checkLoad(t, l)
	})
}

// checkLoad checks what must hold of any load, whatever the input.
func checkLoad(t *testing.T, l *interdict.ListLoad) {
	t.Helper()
	if l.Source != Source || l.Records < len(l.Entities) {
		t.Fatalf("source %q, %d records, %d entities", l.Source, l.Records, len(l.Entities))
	}
	seen := map[string]bool{}
	for _, e := range l.Entities {
		if !strings.HasPrefix(e.ID, "uk:") || len(e.ID) == 3 || seen[e.ID] {
			t.Fatalf("bad or repeated id %q", e.ID)
		}
		seen[e.ID] = true
		if len(e.Names) == 0 {
			t.Fatalf("%s has no names", e.ID)
		}
		for _, n := range e.Names {
			if n.Full == "" || n.Full != strings.TrimSpace(n.Full) {
				t.Fatalf("%s: bad name %q", e.ID, n.Full)
			}
		}
		for _, d := range append(e.BirthDates, e.ListedOn) {
			if !d.Valid() {
				t.Fatalf("%s: invalid date %+v", e.ID, d)
			}
		}
	}
	for _, r := range l.Rejects {
		if r.File == "" || r.Reason == "" || (r.Line == 0 && r.Element == "") {
			t.Fatalf("reject without place or reason: %+v", r)
		}
	}
}

// TestWriteFuzzSeeds writes the seed corpora from the fixtures.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("UK_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set UK_WRITE_FUZZ_SEEDS=1 to rewrite testdata/fuzz")
	}
	edge := conlistSheet("Data", realHeader, edgeRecords...)
	small := conlistSheet("Data", realHeader, edgeRecords[0], edgeRecords[7])
	notes := sheet{name: "Notes", rows: [][]string{{"Read me"}}}
	writeSeeds(t, "FuzzParse", map[string][]byte{
		"edge":        workbook(t, edge),
		"small":       workbook(t, small),
		"notes-first": workbook(t, notes, small),
		"not-zip":     []byte("PK\x03\x04 not really a zip"),
	})
	tsv := func(s sheet) []byte {
		var lines []string
		for _, r := range s.rows {
			lines = append(lines, strings.Join(r, "\t"))
		}
		return []byte(strings.Join(lines, "\n"))
	}
	writeSeeds(t, "FuzzRows", map[string][]byte{
		"edge":  tsv(edge),
		"small": tsv(small),
		"numbered": []byte("Name 6\tGroup ID\tGroup Type\tAlias Type\tNationality\tPassport Number\tPassport Details\tTown of Birth\tCountry of Birth\n" +
			"X\t1\tIndividual\tAKA\t(1) Russia. (2) Cyprus\t(1) 1 (2) 2\t(1-2) Russian\t(1) to (2) Kazan\t(1) - (2) Russia"),
	})
	fcdo := map[string][]byte{}
	for _, name := range []string{"fcdo_edge.xml", "fcdo_truncated.xml", "fcdo_bom.xml", "fcdo_windows1252.xml", "fcdo_wrong_root.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		fcdo[strings.TrimSuffix(name, ".xml")] = data
	}
	writeSeeds(t, "FuzzParseFCDO", fcdo)
}

// writeSeeds writes each seed in the go fuzz corpus format. FuzzRows takes
// a string; the others take bytes.
func writeSeeds(t *testing.T, target string, seeds map[string][]byte) {
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	typ := "[]byte"
	if target == "FuzzRows" {
		typ = "string"
	}
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n%s(%s)\n", typ, strconv.Quote(string(data)))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
