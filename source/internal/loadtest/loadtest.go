// Package loadtest holds the test helpers the parser packages share:
// opening fixtures, looking into a load, and the invariants every load
// holds. It is imported by tests only.
package loadtest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	interdict "github.com/interdict/interdict"
)

// Fixture opens a file under the test's testdata/ and closes it when the
// test ends.
func Fixture(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// ParseFile parses the file at path with parse, naming it by its path,
// or fails the test.
func ParseFile(tb testing.TB, parse func(io.Reader, string) (*interdict.ListLoad, error), path string) *interdict.ListLoad {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	l, err := parse(f, path)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", path, err)
	}
	return l
}

// ReadFile reads a whole file or fails the test.
func ReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// UTF16LE encodes s as UTF-16 little-endian with a byte order mark, as a
// file re-saved by a Windows editor would be.
func UTF16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// Names lists an entity's names as "type:full".
func Names(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		out = append(out, string(n.Type)+":"+n.Full)
	}
	return out
}

// ByID indexes a load's entities by id.
func ByID(l *interdict.ListLoad) map[string]*interdict.Entity {
	m := make(map[string]*interdict.Entity, len(l.Entities))
	for _, e := range l.Entities {
		m[e.ID] = e
	}
	return m
}

// NoteWith returns the first note of l containing sub, or "".
func NoteWith(l *interdict.ListLoad, sub string) string {
	for _, n := range l.Notes {
		if strings.Contains(n, sub) {
			return n
		}
	}
	return ""
}

// Check fails the test unless l holds what every load holds: ids unique
// and prefixed with the source, every entity named with a primary name
// first, every resolved link pointing at another entity of the load, and
// no more entities and rejects than records.
func Check(tb testing.TB, l *interdict.ListLoad) {
	tb.Helper()
	ids := map[string]bool{}
	for _, e := range l.Entities {
		if !strings.HasPrefix(e.ID, l.Source+":") || len(e.ID) == len(l.Source)+1 || e.Source != l.Source {
			tb.Fatalf("entity id %q does not belong to source %q", e.ID, l.Source)
		}
		if ids[e.ID] {
			tb.Fatalf("duplicate id %q", e.ID)
		}
		ids[e.ID] = true
		if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary {
			tb.Fatalf("%s: first name is not a primary name: %v", e.ID, e.Names)
		}
	}
	for _, e := range l.Entities {
		for _, k := range e.Links {
			if k.OtherID != "" && (!ids[k.OtherID] || k.OtherID == e.ID) {
				tb.Fatalf("%s: link to %q which is not another entity of the load", e.ID, k.OtherID)
			}
		}
	}
	if len(l.Entities)+len(l.Rejects) > l.Records {
		tb.Fatalf("%d entities + %d rejects > %d records", len(l.Entities), len(l.Rejects), l.Records)
	}
}

// Shifted fails the test unless got is want read from the same file with
// lines more lines before its header: the same entities and counts, the
// rejects the same lines further down, and a note saying the lines were
// skipped beside want's own notes (whose line numbers move too).
func Shifted(tb testing.TB, got, want *interdict.ListLoad, lines int) {
	tb.Helper()
	if got.Source != want.Source || got.Format != want.Format || got.Published != want.Published || got.Records != want.Records {
		tb.Errorf("source %q format %q published %q records %d, want %q %q %q %d",
			got.Source, got.Format, got.Published, got.Records, want.Source, want.Format, want.Published, want.Records)
	}
	if !reflect.DeepEqual(got.Stats(), want.Stats()) {
		tb.Errorf("stats %+v, want %+v", got.Stats(), want.Stats())
	}
	if !reflect.DeepEqual(got.Entities, want.Entities) {
		tb.Errorf("entities differ")
	}
	rejects := slices.Clone(want.Rejects)
	for i := range rejects {
		rejects[i].Line += lines
	}
	if !reflect.DeepEqual(got.Rejects, rejects) {
		tb.Errorf("rejects %v, want %v", got.Rejects, rejects)
	}
	skip := fmt.Sprintf("skipped %d line before the header", lines)
	if lines != 1 {
		skip = fmt.Sprintf("skipped %d lines before the header", lines)
	}
	if !slices.Contains(got.Notes, skip) || len(got.Notes) != len(want.Notes)+1 {
		tb.Errorf("notes %q, want %q and the %d notes of\n%q", got.Notes, skip, len(want.Notes), want.Notes)
	}
}
