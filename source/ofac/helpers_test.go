package ofac

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// sharedSet opens files of the shared data as a CSV set. Paths are
// relative to ../shared/data; the set's names are the paths as given.
func sharedSet(t testing.TB, files map[Part]string) CSVSet {
	t.Helper()
	var s CSVSet
	for p, rel := range files {
		s.Set(p, CSVFile{Name: rel, R: shared.Open(t, strings.Split(rel, "/")...)})
	}
	return s
}

// fixtureSet opens files of testdata as a CSV set.
func fixtureSet(t testing.TB, files map[Part]string) CSVSet {
	t.Helper()
	var s CSVSet
	for p, name := range files {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		s.Set(p, CSVFile{Name: name, R: f})
	}
	return s
}

func byID(l *interdict.ListLoad) map[string]*interdict.Entity {
	m := make(map[string]*interdict.Entity, len(l.Entities))
	for _, e := range l.Entities {
		m[e.ID] = e
	}
	return m
}

func mustEntity(t *testing.T, m map[string]*interdict.Entity, id string) *interdict.Entity {
	t.Helper()
	e := m[id]
	if e == nil {
		t.Fatalf("no entity %s", id)
	}
	return e
}

func hasNote(l *interdict.ListLoad, sub string) bool {
	for _, n := range l.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

func namesOf(e *interdict.Entity, t interdict.NameType) []string {
	var out []string
	for _, n := range e.Names {
		if n.Type == t {
			out = append(out, n.Full)
		}
	}
	return out
}

func idValues(e *interdict.Entity, t interdict.IDType) []string {
	var out []string
	for _, id := range e.Identifiers {
		if id.Type == t {
			out = append(out, id.Value)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
