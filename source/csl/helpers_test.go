package csl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func namesOf(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		out = append(out, string(n.Type)+":"+n.Full)
	}
	return out
}

// checkInvariants holds for every load: ids unique and prefixed with the
// source, every entity named with a primary name first, every resolved
// link pointing at an entity of the load.
func checkInvariants(t testing.TB, l *interdict.ListLoad) {
	t.Helper()
	ids := map[string]bool{}
	for _, e := range l.Entities {
		if !strings.HasPrefix(e.ID, l.Source+":") || e.Source != l.Source {
			t.Fatalf("entity id %q does not belong to source %q", e.ID, l.Source)
		}
		if ids[e.ID] {
			t.Fatalf("duplicate id %q", e.ID)
		}
		ids[e.ID] = true
		if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary {
			t.Fatalf("%s: first name is not a primary name: %v", e.ID, e.Names)
		}
	}
	for _, e := range l.Entities {
		for _, k := range e.Links {
			if k.OtherID != "" && (!ids[k.OtherID] || k.OtherID == e.ID) {
				t.Fatalf("%s: link to %q which is not another entity of the load", e.ID, k.OtherID)
			}
		}
	}
	if len(l.Entities)+len(l.Rejects) > l.Records {
		t.Fatalf("%d entities + %d rejects > %d records", len(l.Entities), len(l.Rejects), l.Records)
	}
}
