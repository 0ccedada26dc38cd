package ftm

import (
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

// TestParseEdgeFixture reads testdata/edge.ftm.json: relationships before
// the things they join, references through referents, identity documents,
// a vessel owned by a company, bad lines, unknown countries.
func TestParseEdgeFixture(t *testing.T) {
	l := parseFile(t, ftmParse, "testdata/edge.ftm.json")
	s := l.Stats()
	if s.Records != 20 || s.Entities != 5 || s.Rejects != 4 {
		t.Errorf("stats = %+v, want 20 records, 5 entities, 4 rejects", s)
	}
	if got, want := rejectLines(l), []int{15, 16, 17, 21}; !slices.Equal(got, want) {
		t.Errorf("reject lines = %v, want %v (%v)", got, want, l.Rejects)
	}
	if l.Published != "2025-06-30" {
		t.Errorf("published = %q", l.Published)
	}
	var ids []string
	for _, e := range l.Entities {
		ids = append(ids, e.ID)
	}
	if want := []string{"ftm:p1", "ftm:p2", "ftm:co1", "ftm:v1", "ftm:ap1"}; !slices.Equal(ids, want) {
		t.Errorf("entities = %v, want %v (file order of things)", ids, want)
	}
	for _, n := range []string{
		"objects of schemas not used: 1 Position",
		"1 of 5 entities are not sanctions targets",
		"1 references to ids not in the file: 1 object (1 links keep only the id)",
		"1 relationships join no entity of the file",
		`1 dates not understood, e.g. ["not-a-date"]`,
		`2 country strings not recognised (3 values left without a code): "narnia" (2), "atlantis" (1)`,
	} {
		if !hasNote(l, n) {
			t.Errorf("no note %q in %q", n, l.Notes)
		}
	}

	p1 := entity(t, l, "ftm:p1")
	wantNames := []interdict.Name{
		{Full: "Ivan Petrov", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "Ivan", Family: "Petrov"},
		{Full: "Иван Петров", Type: interdict.NameAKA, Script: interdict.ScriptCyrillic, Given: "Иван", Family: "Петров"},
		{Full: "Vanya Petrov", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Family: "Petrov"},
		{Full: "Ivan Sidorov", Type: interdict.NameFKA, Script: interdict.ScriptLatin, Given: "Ivan"},
		{Full: "Vanya", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin},
	}
	if !slices.Equal(p1.Names, wantNames) {
		t.Errorf("p1 names = %+v\nwant %+v", p1.Names, wantNames)
	}
	if !slices.Equal(p1.BirthDates, []interdict.Date{{Year: 1970}, {Year: 1970, Month: 5, Day: 1}}) {
		t.Errorf("p1 birth dates = %v", p1.BirthDates)
	}
	if !slices.Equal(p1.Nationalities, []string{"RU"}) || len(p1.Citizenships) != 0 || len(p1.Countries) != 1 || p1.Countries[0] != "RU" {
		t.Errorf("p1 nationalities %v citizenships %v countries %v (atlantis and narnia unknown, RU from the address)",
			p1.Nationalities, p1.Citizenships, p1.Countries)
	}
	if !slices.Equal(p1.Titles, []string{"Dr.", "Minister"}) || p1.Gender != interdict.GenderMale {
		t.Errorf("p1 titles %v gender %q", p1.Titles, p1.Gender)
	}
	if len(p1.Addresses) != 1 || p1.Addresses[0].Full != "1 Main St, Moscow" || p1.Addresses[0].City != "Moscow" {
		t.Errorf("p1 addresses = %+v (addr-old is a referent of a1)", p1.Addresses)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDPassport, Value: "AB123", Label: "Passport", Country: "RU"},
		{Type: interdict.IDPassport, Value: "1234 567890", Label: "Internal passport"},
	}
	if !slices.Equal(p1.Identifiers, wantIDs) {
		t.Errorf("p1 identifiers = %+v", p1.Identifiers)
	}
	if !slices.Equal(p1.Programs, []string{"EU-RUS", "Russia"}) {
		t.Errorf("p1 programs = %v (s1 names p1 by its referent p1-old)", p1.Programs)
	}
	if p1.ListedOn != (interdict.Date{Year: 2014, Month: 3}) {
		t.Errorf("p1 listed on %v, want the earliest start date 2014-03", p1.ListedOn)
	}
	if p1.Remarks != "Note one\nSanctioning authorities: Council." {
		t.Errorf("p1 remarks = %q", p1.Remarks)
	}
	if !slices.Equal(p1.AltKeys, []string{"ftm:p1-old"}) {
		t.Errorf("p1 alt keys = %v", p1.AltKeys)
	}
	wantLinks := []interdict.Link{
		{Type: interdict.LinkFamily, OtherName: "Olga Petrova", OtherID: "ftm:p2", Note: "spouse"},
		{Type: interdict.LinkLinkedTo, OtherID: "ftm:gone-1", Note: "business partner"},
	}
	if !slices.Equal(p1.Links, wantLinks) {
		t.Errorf("p1 links = %+v", p1.Links)
	}

	p2 := entity(t, l, "ftm:p2")
	if p2.PrimaryName() != "Olga Petrova" || p2.Names[0].Given != "Olga" || p2.Names[0].Family != "Petrova" {
		t.Errorf("p2 names = %+v (caption \"Person\" is the schema label)", p2.Names)
	}
	if !strings.HasPrefix(p2.Remarks, "Not a sanctions target") {
		t.Errorf("p2 remarks = %q", p2.Remarks)
	}
	if want := []interdict.Link{{Type: interdict.LinkFamily, OtherName: "Ivan Petrov", OtherID: "ftm:p1", Note: "reverse: spouse"}}; !slices.Equal(p2.Links, want) {
		t.Errorf("p2 links = %+v", p2.Links)
	}

	co := entity(t, l, "ftm:co1")
	wantCo := []interdict.Identifier{
		{Type: interdict.IDTax, Value: "7700000000", Label: "INN"},
		{Type: interdict.IDEmail, Value: "info@acme.example", Label: "Email"},
		{Type: interdict.IDCrypto, Value: "bc1qexample", Label: "Digital currency address - XBT"},
	}
	if !slices.Equal(co.Identifiers, wantCo) {
		t.Errorf("co1 identifiers = %+v (INN once, KPP left out, wallet from cw1)", co.Identifiers)
	}
	if want := []interdict.Link{{Type: interdict.LinkVessel, OtherName: "SEA STAR", OtherID: "ftm:v1", Note: "60%, from 2020-01"}}; !slices.Equal(co.Links, want) {
		t.Errorf("co1 links = %+v", co.Links)
	}
	if len(co.Addresses) != 1 || co.Addresses[0].Full != "5 Side St, Moscow" || !slices.Equal(co.Countries, []string{"RU"}) {
		t.Errorf("co1 addresses %+v countries %v", co.Addresses, co.Countries)
	}

	v := entity(t, l, "ftm:v1")
	if v.Kind != interdict.KindVessel || v.Vessel == nil || *v.Vessel != (interdict.Vessel{Type: "Oil tanker", Flag: "PA", Built: "2001"}) {
		t.Errorf("v1 kind %s vessel %+v", v.Kind, v.Vessel)
	}
	if !hasIdentifier(v, interdict.IDIMO, "IMO1234567") || !hasIdentifier(v, interdict.IDMMSI, "273000000") || !hasIdentifier(v, interdict.IDCallSign, "UABC") {
		t.Errorf("v1 identifiers = %+v", v.Identifiers)
	}
	if !slices.Equal(v.Countries, []string{"PA", "LR"}) {
		t.Errorf("v1 countries = %v", v.Countries)
	}
	if want := []interdict.Link{{Type: interdict.LinkVesselOwner, OtherName: "Acme LLC", OtherID: "ftm:co1", Note: "60%, from 2020-01"}}; !slices.Equal(v.Links, want) {
		t.Errorf("v1 links = %+v", v.Links)
	}

	ap := entity(t, l, "ftm:ap1")
	if ap.Kind != interdict.KindAircraft || !hasIdentifier(ap, interdict.IDAircraftTail, "EP-ABC") || !hasIdentifier(ap, interdict.IDAircraftSerial, "12345") {
		t.Errorf("ap1 kind %s identifiers %+v", ap.Kind, ap.Identifiers)
	}
}

// TestParseRejectReasons checks the wording of each kind of bad line.
func TestParseRejectReasons(t *testing.T) {
	l := parseFile(t, ftmParse, "testdata/edge.ftm.json")
	want := map[int]string{
		15: "truncated JSON object",
		16: "duplicate id p2 (first on line 12)",
		17: "not an FtM object: json: cannot unmarshal array",
		21: "Person object without an id",
	}
	for _, r := range l.Rejects {
		if r.File != "testdata/edge.ftm.json" || !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("reject %v, want reason containing %q", r, want[r.Line])
		}
	}
}

// TestParseFilesAcrossFiles shows a reference resolved across files by
// ParseFiles, and kept as a bare id when a file is parsed alone.
func TestParseFilesAcrossFiles(t *testing.T) {
	alone := parseFile(t, ftmParse, "testdata/split_a.ftm.json")
	want := []interdict.Link{{Type: interdict.LinkSubsidiary, OtherID: "ftm:x2"}}
	if got := entity(t, alone, "ftm:x1").Links; !slices.Equal(got, want) {
		t.Errorf("alone: x1 links = %+v, want %+v", got, want)
	}
	both, err := ParseFiles("testdata/split_a.ftm.json", "testdata/split_b.ftm.json")
	if err != nil {
		t.Fatal(err)
	}
	want = []interdict.Link{{Type: interdict.LinkSubsidiary, OtherName: "Owned Ltd", OtherID: "ftm:x2"}}
	if got := entity(t, both, "ftm:x1").Links; !slices.Equal(got, want) {
		t.Errorf("together: x1 links = %+v, want %+v", got, want)
	}
	want = []interdict.Link{{Type: interdict.LinkOwner, OtherName: "Anna Owner", OtherID: "ftm:x1"}}
	if got := entity(t, both, "ftm:x2").Links; !slices.Equal(got, want) {
		t.Errorf("together: x2 links = %+v, want %+v", got, want)
	}
	if both.Records != 3 || len(both.Files) != 2 || len(both.Notes) != 1 {
		t.Errorf("together: records %d files %v notes %q", both.Records, both.Files, both.Notes)
	}
	dup, err := ParseFiles("testdata/split_a.ftm.json", "testdata/split_b.ftm.json", "testdata/split_b.ftm.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(dup.Rejects) != 1 || dup.Rejects[0].Reason != "duplicate id x2 (first on line 1)" {
		t.Errorf("same file twice: rejects %v", dup.Rejects)
	}
	if _, err := ParseFiles(); err == nil {
		t.Error("ParseFiles(): no error")
	}
	if _, err := ParseFiles("testdata/nonexistent.ftm.json"); err == nil || !strings.HasPrefix(err.Error(), "ftm: ") {
		t.Errorf("missing file: err = %v", err)
	}
}
