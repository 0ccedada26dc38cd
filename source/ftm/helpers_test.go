package ftm

import (
	"os"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

// parseFile runs a parser on a file under testdata or shared data.
func parseFile(t *testing.T, parse func(f *os.File, name string) (*interdict.ListLoad, error), path string) *interdict.ListLoad {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := parse(f, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return l
}

func ftmParse(f *os.File, name string) (*interdict.ListLoad, error)    { return Parse(f, name) }
func simpleParse(f *os.File, name string) (*interdict.ListLoad, error) { return ParseSimple(f, name) }

// entity returns the load's entity with the given id, failing the test
// when there is none.
func entity(t *testing.T, l *interdict.ListLoad, id string) *interdict.Entity {
	t.Helper()
	for _, e := range l.Entities {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entity %s", id)
	return nil
}

// hasNote reports whether one of the load's notes contains s.
func hasNote(l *interdict.ListLoad, s string) bool {
	for _, n := range l.Notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// rejectLines returns the line numbers of the load's rejects.
func rejectLines(l *interdict.ListLoad) []int {
	var out []int
	for _, r := range l.Rejects {
		out = append(out, r.Line)
	}
	return out
}

func hasIdentifier(e *interdict.Entity, typ interdict.IDType, value string) bool {
	for _, id := range e.Identifiers {
		if id.Type == typ && id.Value == value {
			return true
		}
	}
	return false
}

// linkTo returns the entity's links to otherID.
func linksTo(e *interdict.Entity, otherID string) []interdict.Link {
	var out []interdict.Link
	for _, l := range e.Links {
		if l.OtherID == otherID {
			out = append(out, l)
		}
	}
	return out
}
