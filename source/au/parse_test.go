package au

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

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
		out = append(out, string(n.Type)+":"+n.Full)
	}
	return out
}

func dates(ds []interdict.Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

// TestRealFile checks the golden counts of the real workbook and a few
// known entries.
func TestRealFile(t *testing.T) {
	path := shared.Data(t, "australia_dfat", "Australian_Sanctions_Consolidated_List.xlsx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse(bytes.NewReader(data), "Australian_Sanctions_Consolidated_List.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := interdict.Stats{
		Records:  10976,
		Entities: 3811,
		ByKind: map[interdict.Kind]int{
			interdict.KindPerson:       2518,
			interdict.KindOrganization: 1031,
			interdict.KindVessel:       262,
		},
		Names:       11059,
		Identifiers: 261,
	}
	if got := l.Stats(); !reflect.DeepEqual(got, want) {
		t.Errorf("stats\n got %+v\nwant %+v", got, want)
	}
	if l.Published != "2026-02-24" {
		t.Errorf("Published = %q, want 2026-02-24", l.Published)
	}
	wantNotes := []string{
		`7 one-part addresses name no recognised country (kept as addresses): "Europe" (23), "Kafia Kingi" (22), "Al-Waab" (11), "The Hague" (9), "Al Kharaitiyat" (7), "Guantanamo Bay" (6), "Online" (2)`,
		`2 entries have no Primary Name row; their first name was taken as primary: 8495, 8720`,
		`1 entries have more than one Primary Name row; all were kept as primary names: 8686`,
		`3 birth date pieces not understood (the rest of each cell was kept): "24/06/1402" (15), "7/02/1950/11/1950" (7), "10/061962" (1)`,
	}
	for _, n := range l.Notes {
		if strings.Contains(n, "country strings not recognised") {
			t.Logf("note: %s", n) // the country table is still being filled in
			continue
		}
		if !contains(wantNotes, n) {
			t.Errorf("unexpected note: %s", n)
		}
	}

	primaries := 0
	for _, e := range l.Entities {
		for _, n := range e.Names {
			if n.Type == interdict.NamePrimary && n.Script == interdict.ScriptLatin {
				primaries++
				break
			}
		}
		if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary {
			t.Errorf("%s: primary name not first: %v", e.ID, names(e))
		}
	}
	if primaries != 3811 {
		t.Errorf("%d entities with a Latin primary name, want 3811", primaries)
	}

	m := byID(l)
	e := m["au:2"]
	if e == nil {
		t.Fatal("au:2 missing")
	}
	if got := names(e); !reflect.DeepEqual(got, []string{"primary:MOHAMMAD HASSAN AKHUND", "primary:محمد حسن أخوند"}) {
		t.Errorf("au:2 names = %q", got)
	}
	if got := dates(e.BirthDates); len(got) != 10 || got[0] != "1945" || got[9] != "1958" {
		t.Errorf("au:2 birth dates = %v", got)
	}
	if !reflect.DeepEqual(e.AltKeys, []string{"un-ref:TAi.002"}) || !reflect.DeepEqual(e.Citizenships, []string{"AF"}) ||
		e.ListedOn.String() != "2001-01-25" || !reflect.DeepEqual(e.Programs, []string{"1988 (Taliban)"}) {
		t.Errorf("au:2 = %+v", e)
	}
	if v := m["au:8228"]; v == nil || v.Kind != interdict.KindVessel || !reflect.DeepEqual(names(v), []string{"primary:NOCTIS", "fka:ASHER"}) ||
		len(v.Identifiers) != 1 || v.Identifiers[0].Value != "9258868" || v.Identifiers[0].Type != interdict.IDIMO {
		t.Errorf("au:8228 = %+v", v)
	}
	if p := m["au:3253"]; p == nil || !reflect.DeepEqual(dates(p.BirthDates), []string{"1925-01-25"}) {
		t.Errorf("au:3253 birth dates (serial 9157) = %+v", p)
	}
	if p := m["au:8495"]; p == nil || p.Kind != interdict.KindPerson || p.PrimaryName() != "Yahya Husseini Panjaki" {
		t.Errorf("au:8495 = %+v", p)
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

// TestFixture covers the row-level cases on a generated workbook.
func TestFixture(t *testing.T) {
	l, err := Parse(bytes.NewReader(workbook(t, fixtureRows())), "fixture.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if l.Records != 16 || len(l.Entities) != 7 || len(l.Rejects) != 3 {
		t.Fatalf("records %d entities %d rejects %d %v", l.Records, len(l.Entities), len(l.Rejects), l.Rejects)
	}
	wantRejects := []interdict.Reject{
		{File: "fixture.xlsx", Line: 15, Reason: `Reference "" is not an entry number with an optional letter suffix`},
		{File: "fixture.xlsx", Line: 16, Reason: `Reference "x12" is not an entry number with an optional letter suffix`},
		{File: "fixture.xlsx", Line: 17, Reason: `Reference 6 has no name`},
	}
	if !reflect.DeepEqual(l.Rejects, wantRejects) {
		t.Errorf("rejects = %+v", l.Rejects)
	}
	if l.Published != "2026-02-24" {
		t.Errorf("Published = %q", l.Published)
	}
	wantNotes := []string{
		`1 country strings not recognised: "Atlantis" (1)`,
		`1 one-part addresses name no recognised country (kept as addresses): "Online" (1)`,
		`2 entries have no Primary Name row; their first name was taken as primary: 4, 7`,
		`1 entries have more than one Primary Name row; all were kept as primary names: 5`,
		`1 Name Type values not recognised (read as a.k.a.): "Nickname" (1)`,
		`1 Type values not recognised (kind unknown): "Alien" (1)`,
		`1 birth date pieces not understood (the rest of each cell was kept): "24/06/1402" (1)`,
		`1 Control Date values not understood: "bad" (1)`,
	}
	if !reflect.DeepEqual(l.Notes, wantNotes) {
		t.Errorf("notes:\n%s", strings.Join(l.Notes, "\n"))
	}
	ids := []string{}
	for _, e := range l.Entities {
		ids = append(ids, e.ID)
	}
	if want := []string{"au:1", "au:2", "au:3", "au:4", "au:5", "au:7", "au:8"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v", ids)
	}

	m := byID(l)
	p := m["au:1"]
	if got, want := names(p), []string{"primary:MOHAMMAD HASSAN AKHUND", "aka:A. Akhund", "weak-aka:Akhund", "primary:محمد حسن أخوند", "aka:Mullah Akhund"}; !reflect.DeepEqual(got, want) {
		t.Errorf("au:1 names\n got %q\nwant %q", got, want)
	}
	if p.Names[3].Script != interdict.ScriptArabic {
		t.Errorf("original script name script = %s", p.Names[3].Script)
	}
	if got := dates(p.BirthDates); !reflect.DeepEqual(got, []string{"1967-01-01", "1960"}) {
		t.Errorf("au:1 birth dates = %v", got)
	}
	if !reflect.DeepEqual(p.BirthPlaces, []string{"Pashmul village, Kandahar Province, Afghanistan", "Quetta, Pakistan"}) {
		t.Errorf("au:1 birth places = %q", p.BirthPlaces)
	}
	if !reflect.DeepEqual(p.Citizenships, []string{"RU", "UA"}) || !reflect.DeepEqual(p.Countries, []string{"RU"}) {
		t.Errorf("au:1 citizenships %v countries %v", p.Citizenships, p.Countries)
	}
	wantAddr := []interdict.Address{{Full: "10 Vozdvizhenka Street, Moscow, 125009, Russia (as at 2014)", Country: "RU"}, {Full: "Online"}}
	if !reflect.DeepEqual(p.Addresses, wantAddr) {
		t.Errorf("au:1 addresses = %+v", p.Addresses)
	}
	if p.Kind != interdict.KindPerson || p.ListedOn.String() != "2001-01-25" || !reflect.DeepEqual(p.AltKeys, []string{"un-ref:TAi.002"}) {
		t.Errorf("au:1 = %+v", p)
	}
	if !strings.HasPrefix(p.Remarks, "TAi.002. Title: a) Mullah b) Haji.\n\nListing information: Listed by UN 1267") {
		t.Errorf("au:1 remarks = %q", p.Remarks)
	}

	if o := m["au:2"]; o.Kind != interdict.KindOrganization || len(o.Names) != 2 || !reflect.DeepEqual(o.Countries, []string{"AF"}) {
		t.Errorf("au:2 = %+v", o)
	}
	if v := m["au:3"]; v.Kind != interdict.KindVessel || !reflect.DeepEqual(names(v), []string{"primary:NOCTIS", "fka:ASHER", "fka:BULL"}) || len(v.Identifiers) != 1 {
		t.Errorf("au:3 = %+v", v)
	}
	if o := m["au:4"]; o.PrimaryName() != "Yahya Husseini Panjaki" || !reflect.DeepEqual(dates(o.BirthDates), []string{"1975-01-23"}) {
		t.Errorf("au:4 = %+v", o)
	}
	if o := m["au:5"]; !reflect.DeepEqual(names(o), []string{"primary:Rubicon Center", "primary:Rubicon Unit"}) {
		t.Errorf("au:5 = %q", names(o))
	}
	if o := m["au:7"]; o.Kind != interdict.KindUnknown || !reflect.DeepEqual(names(o), []string{"primary:Odd One"}) {
		t.Errorf("au:7 = %+v", o)
	}
	if o := m["au:8"]; !reflect.DeepEqual(dates(o.BirthDates), []string{"~1953", "1957-05-05", "1963/1968", "1973-05-27", "1975-01-01", "1977-08"}) || o.ListedOn.String() != "2016-08-05" {
		t.Errorf("au:8 birth dates = %v listed %v", dates(o.BirthDates), o.ListedOn)
	}
}

// TestBadInput checks that unusable workbooks are errors naming the file
// and what is wrong.
func TestBadInput(t *testing.T) {
	good := workbook(t, fixtureRows())
	noNameType := append([]any{}, header...)
	noNameType[3] = "Kind of Name"
	tests := []struct {
		name  string
		input []byte
		want  []string
	}{
		{"not a workbook", []byte("Reference,Name\n1,X\n"), []string{"au: bad.xlsx", "not a readable xlsx workbook"}},
		{"truncated", good[:len(good)/2], []string{"au: bad.xlsx", "not a readable xlsx workbook"}},
		{"empty", nil, []string{"au: bad.xlsx"}},
		{"missing column", workbook(t, [][]any{noNameType, {"1", "X", "Individual", "Primary Name"}}), []string{"au: bad.xlsx", `sheet "Consolidated List"`, "missing columns: name type"}},
		{"header too low", workbook(t, [][]any{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, header}), []string{"au: bad.xlsx", "first 5 rows"}},
		{"other schema", workbook(t, [][]any{{"No.", "Country or Region", "Company or Organization", "Also Known As"}}), []string{"au: bad.xlsx", "missing columns: reference, name of individual or entity, type, name type"}},
		{"no rows", workbook(t, nil), []string{"au: bad.xlsx", "missing columns: reference"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse(bytes.NewReader(tt.input), "bad.xlsx")
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

func TestDetectRows(t *testing.T) {
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = c.(string)
	}
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"header first", [][]string{h}, true},
		{"after a title", [][]string{{"Australian Sanctions Consolidated List"}, {}, h}, true},
		{"spacing and case", [][]string{{" REFERENCE ", "Name of\nIndividual or Entity", "type", "Name  Type"}}, true},
		{"too low", [][]string{{}, {}, {}, {}, {}, h}, false},
		{"uk conlist", [][]string{{"Last Updated", "14/04/2025"}, {"Name 6", "Name 1", "Name 2", "Group Type", "Alias Type", "Group ID"}}, false},
		{"meti", [][]string{{"No.", "国名、地域名\nCountry or Region", "企業名､組織名\nCompany or Organization"}}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		if got := DetectRows(tt.rows); got != tt.want {
			t.Errorf("%s: DetectRows = %v, want %v", tt.name, got, tt.want)
		}
	}
}
