package index

import (
	"slices"
	"testing"

	interdict "github.com/interdict/interdict"
)

func entity(id string, kind interdict.Kind, names ...string) *interdict.Entity {
	e := &interdict.Entity{ID: id, Source: "test", Kind: kind}
	for i, n := range names {
		t := interdict.NameAKA
		if i == 0 {
			t = interdict.NamePrimary
		}
		e.Names = append(e.Names, interdict.Name{Full: n, Type: t})
	}
	return e
}

func testIndex() *Index {
	P, O := interdict.KindPerson, interdict.KindOrganization
	return Build([]*interdict.Entity{
		entity("p1", P, "JADHRAN, Ibrahim"),
		entity("p2", P, "SABURINEZHAD, Ali"),
		entity("p3", P, "NAZARIKOLEHJOUB, Hossein"),
		entity("p4", P, "LAVROV, Sergey Viktorovich"),
		entity("p5", P, "SMITH, John"),
		entity("o1", O, "FUERZAS ARMADAS REVOLUCIONARIAS DE COLOMBIA"),
		entity("o2", O, "CONSTRUCCIONES PROGRESO DEL PUERTO S.A."),
		entity("o3", O, "NAFTIRAN INTERTRADE COMPANY (NICO)"),
		entity("o4", O, "IAC INTERNATIONAL INC."),
	})
}

func found(ix *Index, raw string, kind interdict.Kind) []string {
	q, _ := ix.Prepare(raw, kind)
	var ids []string
	for _, c := range ix.Candidates(q, 10, nil) {
		ids = append(ids, ix.Entities[ix.Entries[c.Entry].Entity].ID)
	}
	return ids
}

// TestCandidates: spelling variants, acronyms and word-start acronyms
// find their entity although they share no key with it.
func TestCandidates(t *testing.T) {
	ix := testIndex()
	P, O := interdict.KindPerson, interdict.KindOrganization
	cases := []struct {
		query string
		kind  interdict.Kind
		want  string
	}{
		{"Ibrahim Jathran", P, "p1"},        // one letter substituted
		{"Ali Saburinejad", P, "p2"},        // j for zh
		{"Hossein Nazari", P, "p3"},         // a shorter form
		{"سيرغي لافروف", P, "p4"},           // Arabic has no v
		{"FARC", O, "o1"},                   // acronym
		{"CONPUERTO S.A.", O, "o2"},         // word starts
		{"NAFTIRAN INTERTRADE CO", O, "o3"}, // without its parenthesis
		{"I.A.C. International", O, "o4"},   // initials
	}
	for _, c := range cases {
		if got := found(ix, c.query, c.kind); !slices.Contains(got, c.want) {
			t.Errorf("%s: candidates %v, want %s among them", c.query, got, c.want)
		}
	}
	if got := found(ix, "Mary Poppins", P); len(got) != 0 {
		t.Errorf("Mary Poppins: candidates %v, want none", got)
	}
}

// TestCandidatesOrder: the bound ranks the entry that shares the most
// weight first.
func TestCandidatesOrder(t *testing.T) {
	ix := testIndex()
	if got := found(ix, "John Smith", interdict.KindPerson); len(got) == 0 || got[0] != "p5" {
		t.Errorf("John Smith: %v, want p5 first", got)
	}
}

// TestCandidatesAccept: accept filters entities.
func TestCandidatesAccept(t *testing.T) {
	ix := testIndex()
	q, _ := ix.Prepare("John Smith", interdict.KindPerson)
	if c := ix.Candidates(q, 10, func(int32) bool { return false }); len(c) != 0 {
		t.Errorf("accept rejecting all: %v", c)
	}
}

func TestReadings(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"PLAIN NAME", []string{"PLAIN NAME"}},
		{"NAFTIRAN INTERTRADE COMPANY (NICO)", []string{"NAFTIRAN INTERTRADE COMPANY (NICO)", "NAFTIRAN INTERTRADE COMPANY"}},
		{"AERO CONTINENTE (USA) INC.", []string{"AERO CONTINENTE (USA) INC.", "AERO CONTINENTE INC."}},
		{"(ONLY)", []string{"(ONLY)"}},
		{"UNBALANCED (A", []string{"UNBALANCED (A", "UNBALANCED"}},
	}
	for _, c := range cases {
		if got := readings(c.in); !slices.Equal(got, c.want) {
			t.Errorf("readings(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFuzzyNear(t *testing.T) {
	f := buildFuzzy(map[string]vocabWord{"jadhran": {"J", "ydrn"}, "saburinezhad": {"S", "sbrnzd"}, "nazarikolehjoub": {"N", "nzrklhb"}, "smith": {"M", "smt"}, "smyth": {"Y", "smt"}})
	skel := map[string]string{"saburinejad": "sbrnd"}
	near := func(w string) []string {
		var out []string
		f.near(w, skel[w], nil, func(id int32, _ bool) { out = append(out, f.words[id]) })
		slices.Sort(out)
		return out
	}
	for w, want := range map[string][]string{
		"jathran": {"jadhran"},         // substitution
		"jadran":  {"jadhran"},         // deletion
		"smiths":  {"smith"},           // insertion
		"smtih":   {"smith", "smyth"},  // transposition (smyth: one deletion each)
		"nazari":  {"nazarikolehjoub"}, // a shorter form
		"smith":   {"smyth"},           // the word itself is left out
		"xyz":     nil,                 // too short
		"qwertz":  nil,
	} {
		if got := near(w); !slices.Equal(got, want) {
			t.Errorf("near(%q) = %v, want %v", w, got, want)
		}
	}
}
