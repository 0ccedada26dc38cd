package ca

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func parseFile(t *testing.T, path string) *interdict.ListLoad {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := Parse(f, filepath.Base(path))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return l
}

func byID(l *interdict.ListLoad) map[string]*interdict.Entity {
	m := make(map[string]*interdict.Entity, len(l.Entities))
	for _, e := range l.Entities {
		m[e.ID] = e
	}
	return m
}

func names(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		s := string(n.Type) + ":" + n.Full
		if n.Lang != "" {
			s += "@" + n.Lang
		}
		out = append(out, s)
	}
	return out
}

// TestRealFile checks the golden counts of the real list and a few known
// entries.
func TestRealFile(t *testing.T) {
	l := parseFile(t, shared.Data(t, "canada_sema", "cannada.xml"))
	got := l.Stats()
	want := interdict.Stats{
		Records:  4759,
		Entities: 4759,
		ByKind: map[interdict.Kind]int{
			interdict.KindPerson:       3334,
			interdict.KindOrganization: 1316,
			interdict.KindVessel:       109,
		},
		Names:       8529,
		Identifiers: 109,
		Links:       0,
		Rejects:     0,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stats\n got %+v\nwant %+v", got, want)
	}
	if l.Published != "2025-03-20" {
		t.Errorf("Published = %q, want 2025-03-20", l.Published)
	}
	if l.Source != "ca" || l.Format != Format || len(l.Files) != 1 {
		t.Errorf("load header = %q %q %v", l.Source, l.Format, l.Files)
	}
	wantNotes := []string{`1 birth dates not fully understood (the parts read were kept): ca:russia-1-part-1-1114: "Sep-99"`}
	var notes []string
	for _, n := range l.Notes {
		if strings.Contains(n, "country strings not recognised") {
			t.Logf("note: %s", n) // the country table is still being filled in
			continue
		}
		notes = append(notes, n)
	}
	if !reflect.DeepEqual(notes, wantNotes) {
		t.Errorf("notes = %q", l.Notes)
	}
	seen := map[string]bool{}
	for _, e := range l.Entities {
		if seen[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
		if e.PrimaryName() == "" || e.Names[0].Type != interdict.NamePrimary {
			t.Errorf("%s: no primary name first: %v", e.ID, names(e))
		}
	}

	m := byID(l)
	tests := []struct {
		id       string
		kind     interdict.Kind
		primary  string
		country  []string
		program  string
		dob      string
		someName string
	}{
		{"ca:belarus-1-part-1-8", interdict.KindPerson, "Aleksandr Grigoryevich Lukashenko", []string{"BY"}, "Belarus", "1954-08-30", ""},
		{"ca:russia-1-part-2-94", interdict.KindOrganization, "Gazprombank", []string{"RU"}, "Russia", "", "aka:Bank GPB (JSC)"},
		{"ca:jvcfor-1", interdict.KindPerson, "", nil, "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)", "", ""},
		{"ca:myanmar-burma-part-1-17", interdict.KindOrganization, "", []string{"MM"}, "Myanmar (Burma)", "", "aka:Burma Investment and Commercial Bank"},
		{"ca:russia-1-part-1-1114", interdict.KindPerson, "", []string{"RU"}, "Russia", "", ""},
	}
	for _, tt := range tests {
		e := m[tt.id]
		if e == nil {
			t.Errorf("%s missing", tt.id)
			continue
		}
		if e.Kind != tt.kind {
			t.Errorf("%s kind = %s, want %s", tt.id, e.Kind, tt.kind)
		}
		if tt.primary != "" && e.PrimaryName() != tt.primary {
			t.Errorf("%s primary = %q, want %q", tt.id, e.PrimaryName(), tt.primary)
		}
		if !reflect.DeepEqual(e.Countries, tt.country) {
			t.Errorf("%s countries = %v, want %v", tt.id, e.Countries, tt.country)
		}
		if len(e.Programs) != 1 || e.Programs[0] != tt.program {
			t.Errorf("%s programs = %q, want %q", tt.id, e.Programs, tt.program)
		}
		if tt.dob != "" && (len(e.BirthDates) != 1 || e.BirthDates[0].String() != tt.dob) {
			t.Errorf("%s birth dates = %v, want %s", tt.id, e.BirthDates, tt.dob)
		}
		if tt.someName != "" && !contains(names(e), tt.someName) {
			t.Errorf("%s names %q lack %q", tt.id, names(e), tt.someName)
		}
	}

	// A vessel: IMO, type and build year.
	var ship *interdict.Entity
	for _, e := range l.Entities {
		if e.PrimaryName() == "Andaman Skies" {
			ship = e
		}
	}
	if ship == nil {
		t.Fatal("vessel Andaman Skies missing")
	}
	if ship.Kind != interdict.KindVessel || ship.Vessel == nil || ship.Vessel.Type != "Oil Tanker" || ship.Vessel.Built == "" {
		t.Errorf("Andaman Skies = %+v %+v", ship, ship.Vessel)
	}
	if len(ship.Identifiers) != 1 || ship.Identifiers[0] != (interdict.Identifier{Type: interdict.IDIMO, Value: "9288693", Label: "ShipIMONumber"}) {
		t.Errorf("Andaman Skies identifiers = %+v", ship.Identifiers)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEdgeFixture covers the record-level cases on a small file of our
// own: ids, kinds, rejects, duplicates, notes.
func TestEdgeFixture(t *testing.T) {
	l := parseFile(t, filepath.Join("testdata", "edge.xml"))
	if l.Records != 13 || len(l.Entities) != 9 || len(l.Rejects) != 4 {
		t.Fatalf("records %d entities %d rejects %d: %v", l.Records, len(l.Entities), len(l.Rejects), l.Rejects)
	}
	if l.Published != "2025-03-20" {
		t.Errorf("Published = %q", l.Published)
	}
	wantRejects := []struct {
		line   int
		reason string
	}{
		{66, "repeats the record at line 3"},
		{84, "both a person's name"},
		{93, "no name"},
		{99, "no Item"},
	}
	for i, w := range wantRejects {
		r := l.Rejects[i]
		if r.Line != w.line || !strings.Contains(r.Reason, w.reason) || r.File != "edge.xml" {
			t.Errorf("reject %d = %+v, want line %d %q", i, r, w.line, w.reason)
		}
	}
	wantNotes := []string{
		`1 country strings not recognised: "Atlantis" (1)`,
		`1 records reuse an id already taken and were kept under a suffixed id: line 76: ca:belarus-1-part-1-8 → ca:belarus-1-part-1-8~2`,
		`1 birth dates not fully understood (the parts read were kept): ca:russia-1-part-1-1114: "Sep-99"`,
	}
	if !reflect.DeepEqual(l.Notes, wantNotes) {
		t.Errorf("notes:\n%s", strings.Join(l.Notes, "\n"))
	}

	m := byID(l)
	tests := []struct {
		id      string
		kind    interdict.Kind
		names   []string
		country []string
		dobs    []string
	}{
		{"ca:belarus-1-part-1-8", interdict.KindPerson, []string{
			"primary:Aleksandr Grigoryevich Lukashenko",
			"aka:Aliaksandr Ryhoravich LUKASHENKA",
			"aka:Аляксандр Рыгоравіч Лукашэнка@be",
			"aka:Александр Григорьевич Лукашенко@ru",
		}, []string{"BY"}, []string{"1954-08-30"}},
		{"ca:belarus-1-part-1-8~2", interdict.KindPerson, []string{"primary:Viktor Aleksandrovich Lukashenko"}, []string{"BY"}, nil},
		{"ca:venezuela-12", interdict.KindPerson, []string{"primary:Néstor Luis Reverol Torres"}, []string{"VE"}, []string{"1963", "1964"}},
		{"ca:russia-1.1-30", interdict.KindVessel, []string{"primary:Andaman Skies"}, []string{"RU"}, nil},
		{"ca:russia-1.1-31", interdict.KindVessel, []string{"primary:Unnamed Barge"}, []string{"RU"}, nil},
		{"ca:russia-1-part-2-500", interdict.KindOrganization, []string{
			"primary:Plastmass Plant JSC",
			"aka:Joint Stock Company “Zavod Plastmass”",
			"aka:Банк Зенит, ПАО",
			"aka:РЕСО-Гарантия, САО",
			`aka:Страховое Акционерное Общество "РЕСО-Гарантия"`,
		}, []string{"RU"}, nil},
		{"ca:jvcfor-70", interdict.KindPerson, []string{
			"primary:Abdelrahim Hamdan Dagalo",
			"aka:Abdel Rahim Hamdan Dagalo",
			"aka:Abdul Rahim Dagalo",
			"aka:Abdelrahim Hamdan Dagalo Mousa",
			"aka:عبدالرحيم دقلو@ar",
		}, nil, []string{"1970/1973"}},
		{"ca:atlantis-part-1-1", interdict.KindOrganization, []string{"primary:Iranian Army", "aka:Armée iranienne"}, nil, nil},
		{"ca:russia-1-part-1-1114", interdict.KindPerson, []string{"primary:Alexey Alexandrovich MORDASHOV"}, []string{"RU"}, nil},
	}
	for _, tt := range tests {
		e := m[tt.id]
		if e == nil {
			t.Errorf("%s missing; have %v", tt.id, keys(m))
			continue
		}
		if e.Kind != tt.kind {
			t.Errorf("%s kind = %s", tt.id, e.Kind)
		}
		if got := names(e); !reflect.DeepEqual(got, tt.names) {
			t.Errorf("%s names\n got %q\nwant %q", tt.id, got, tt.names)
		}
		if !reflect.DeepEqual(e.Countries, tt.country) {
			t.Errorf("%s countries = %v", tt.id, e.Countries)
		}
		var dobs []string
		for _, d := range e.BirthDates {
			dobs = append(dobs, d.String())
		}
		if !reflect.DeepEqual(dobs, tt.dobs) {
			t.Errorf("%s birth dates = %v, want %v", tt.id, dobs, tt.dobs)
		}
	}
	if v := m["ca:russia-1.1-30"]; v.Vessel == nil || v.Vessel.Built != "2005" || len(v.Identifiers) != 1 {
		t.Errorf("vessel = %+v", v)
	}
	if v := m["ca:russia-1.1-31"]; v.Vessel == nil || v.Vessel.Type != "Barge" || len(v.Identifiers) != 0 {
		t.Errorf("barge = %+v", v)
	}
	if e := m["ca:jvcfor-70"]; len(e.Programs) != 1 || !strings.HasPrefix(e.Programs[0], "Justice for Victims") {
		t.Errorf("jvcfor programs = %q", e.Programs)
	}
}

func keys(m map[string]*interdict.Entity) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBadInput checks that unusable files are errors naming the file and
// where the trouble is.
func TestBadInput(t *testing.T) {
	edge, err := os.ReadFile(filepath.Join("testdata", "edge.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{"empty", "", []string{"ca: bad.xml", "no <data-set>"}},
		{"not xml", "Name,Country\nX,Y\n", []string{"ca: bad.xml", "no <data-set>"}},
		{"truncated", string(edge[:len(edge)/2]), []string{"ca: bad.xml", "line"}},
		{"truncated after record", string(edge[:strings.Index(string(edge), "</record>")+len("</record>")]), []string{"ca: bad.xml", "truncated"}},
		{"other schema", `<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>`, []string{"ca: bad.xml line 1", "<sdnList>"}},
		{"invalid utf-8", "<data-set>\n<record><LastName>\xff\xfe</LastName><Item>1</Item></record></data-set>", []string{"ca: bad.xml", "line 2", "UTF-8"}},
		{"unknown charset", `<?xml version="1.0" encoding="x-klingon"?><data-set></data-set>`, []string{"ca: bad.xml", "x-klingon"}},
		{"broken record", "<data-set>\n<record><LastName>A</GivenName></record></data-set>", []string{"ca: bad.xml", "record at line 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(tt.input), "bad.xml")
			if err == nil {
				t.Fatalf("no error; load %+v", l)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestLegacyEncoding reads a file that declares ISO-8859-1.
func TestLegacyEncoding(t *testing.T) {
	input := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<data-set><record><Country>Haiti / Ha\xefti</Country><LastName>Ch\xe9rizier</LastName><GivenName>Jimmy</GivenName><Schedule>Part 1</Schedule><Item>1</Item><DateOfListing>2022-11-04</DateOfListing></record></data-set>"
	l, err := Parse(strings.NewReader(input), "latin1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 1 || l.Entities[0].PrimaryName() != "Jimmy Chérizier" || l.Entities[0].ID != "ca:haiti-part-1-1" {
		t.Errorf("entities = %+v", l.Entities)
	}
}

// TestByteOrderMark reads a file that starts with a UTF-8 byte order mark,
// as files saved by some editors do.
func TestByteOrderMark(t *testing.T) {
	input := "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data-set><record><Country>Haiti</Country><LastName>X</LastName><Item>1</Item></record></data-set>"
	l, err := Parse(strings.NewReader(input), "bom.xml")
	if err != nil || len(l.Entities) != 1 {
		t.Fatalf("Parse = %+v, %v", l, err)
	}
}

func TestDetect(t *testing.T) {
	edge, err := os.ReadFile(filepath.Join("testdata", "edge.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"sema-lmes.xml", string(edge), true},
		{"renamed.bin", string(edge), true},
		{"sema-lmes.xml", `<?xml version="1.0"?><data-set><record>`, true},
		{"other.xml", `<?xml version="1.0"?><data-set><record>`, false},
		{"sdn.xml", `<?xml version="1.0"?><sdnList><sdnEntry><lastName>X</lastName>`, false},
		{"sema-lmes.xml", `Name,Country`, false},
		{"un.xml", `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>`, false},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %.40q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}
