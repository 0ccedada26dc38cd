package bis

import (
	"os"
	"path/filepath"
	"testing"

	interdict "github.com/interdict/interdict"
)

// openFixture opens a file under testdata/ for a test.
func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// byPrimary returns the entities whose primary name is n, in file order.
func byPrimary(l *interdict.ListLoad, n string) []*interdict.Entity {
	var out []*interdict.Entity
	for _, e := range l.Entities {
		if e.PrimaryName() == n {
			out = append(out, e)
		}
	}
	return out
}

// namesOf lists an entity's names as "type:full".
func namesOf(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		out = append(out, string(n.Type)+":"+n.Full)
	}
	return out
}

// checkInvariants holds for every load: ids unique and prefixed with the
// source, every entity named, records covering entities and rejects.
func checkInvariants(t testing.TB, l *interdict.ListLoad) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range l.Entities {
		if e.ID == "" || e.Source != l.Source || len(e.ID) <= len(l.Source) || e.ID[:len(l.Source)+1] != l.Source+":" {
			t.Fatalf("entity id %q does not belong to source %q", e.ID, l.Source)
		}
		if seen[e.ID] {
			t.Fatalf("duplicate id %q", e.ID)
		}
		seen[e.ID] = true
		if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary {
			t.Fatalf("%s: first name is not a primary name: %v", e.ID, e.Names)
		}
	}
	if l.Records < len(l.Rejects) {
		t.Fatalf("records %d < rejects %d", l.Records, len(l.Rejects))
	}
}
