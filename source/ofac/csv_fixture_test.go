package ofac

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

var fixtureFiles = fileMap{PartPrimary: "sdn.csv", PartAlt: "alt.csv", PartAddress: "add.csv", PartComments: "sdn_comments.csv"}

// TestParseCSVFixture reads testdata/, a small set in the real format
// (CRLF, 0x1A end line, "-0- " empties, one Windows-1252 byte) built to
// exercise each remark label, the companions, orphans and bad rows.
func TestParseCSVFixture(t *testing.T) {
	l, err := ParseCSV(SourceSDN, fixtureFiles.open(t))
	if err != nil {
		t.Fatal(err)
	}
	if l.Source != SourceSDN || l.Format != "OFAC legacy CSV" || l.Published != "" || l.Records != 12 {
		t.Errorf("load = %s %q %q records %d", l.Source, l.Format, l.Published, l.Records)
	}
	if want := []string{"sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"}; strings.Join(l.Files, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v", l.Files)
	}
	wantRejects := []interdict.Reject{
		{File: "sdn.csv", Line: 7, Reason: "3 columns, want 12"},
		{File: "sdn.csv", Line: 8, Reason: `ent_num "X1" is not a number`},
		{File: "sdn.csv", Line: 9, Reason: "10 columns, want 12"}, // a stray quote shifts the columns
		{File: "sdn.csv", Line: 10, Reason: "unterminated quoted field"},
		{File: "sdn.csv", Line: 11, Reason: "duplicate ent_num 20"},
		{File: "sdn.csv", Line: 12, Reason: `unknown SDN_Type "spaceship"`},
		{File: "alt.csv", Line: 7, Reason: "3 columns, want 5"},
	}
	if len(l.Rejects) != len(wantRejects) {
		t.Fatalf("rejects = %v", l.Rejects)
	}
	for i, r := range wantRejects {
		if l.Rejects[i] != r {
			t.Errorf("reject %d = %v, want %v", i, l.Rejects[i], r)
		}
	}
	for _, n := range []string{
		"2 alt.csv entities (3 rows) have no sdn.csv record",
		"1 add.csv entities (1 rows) have no sdn.csv record",
		"1 sdn_comments.csv entities (1 rows) have no sdn.csv record",
		"1 links name a party that is not a primary name of this load",
		`"Atlantis" (1)`,
	} {
		if !hasNote(l, n) {
			t.Errorf("no note %q in %q", n, l.Notes)
		}
	}
	if hasNote(l, "Cali") {
		t.Errorf("a Colombian chamber city is not an unrecognised country: %q", l.Notes)
	}

	m := byID(l)
	if len(m) != 6 {
		t.Fatalf("entities = %d", len(m))
	}

	doe := mustEntity(t, m, "ofac-sdn:10")
	wantNames := []interdict.Name{
		{Full: "DOE, John Michael", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Family: "DOE", Given: "John Michael"},
		{Full: "DOE, Jon", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Family: "DOE", Given: "Jon"},
		{Full: "SMITH, John", Type: interdict.NameFKA, Script: interdict.ScriptLatin, Family: "SMITH", Given: "John"},
		{Full: "ABU JOHN", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin},
		{Full: "DOE, Johnny", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin, Family: "DOE", Given: "Johnny"},
	}
	if len(doe.Names) != len(wantNames) {
		t.Fatalf("names = %+v", doe.Names)
	}
	for i, n := range wantNames {
		if doe.Names[i] != n {
			t.Errorf("name %d = %+v, want %+v", i, doe.Names[i], n)
		}
	}
	wantDates := []interdict.Date{{Year: 1960, Month: 3, Day: 12}, {Year: 1958, Circa: true}, {Year: 1955, ToYear: 1957}}
	if len(doe.BirthDates) != 3 || doe.BirthDates[0] != wantDates[0] || doe.BirthDates[1] != wantDates[1] || doe.BirthDates[2] != wantDates[2] {
		t.Errorf("DOBs = %v", doe.BirthDates)
	}
	if strings.Join(doe.Programs, "|") != "SDGT|IRGC" || strings.Join(doe.Titles, "|") != "Commander|Brigadier General|Deputy Chief" {
		t.Errorf("programs %v titles %v", doe.Programs, doe.Titles)
	}
	if doe.Gender != interdict.GenderMale || !contains(doe.Nationalities, "IR") || !contains(doe.Citizenships, "IQ") || !contains(doe.BirthPlaces, "Tehran, Iran") {
		t.Errorf("gender %q nat %v cit %v pob %v", doe.Gender, doe.Nationalities, doe.Citizenships, doe.BirthPlaces)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDPassport, Value: "A1234567", Label: "Passport", Country: "IR", Note: "issued 01 Jan 2001 expires 31 Dec 2010"},
		{Type: interdict.IDNational, Value: "0012345678", Label: "National ID No.", Country: "IR"},
		{Type: interdict.IDEmail, Value: "jdoe@example.com", Label: "Email Address"},
		{Type: interdict.IDPhone, Value: "989121234567", Label: "Phone Number"},
	}
	if len(doe.Identifiers) != len(wantIDs) {
		t.Fatalf("ids = %+v", doe.Identifiers)
	}
	for i, id := range wantIDs {
		if doe.Identifiers[i] != id {
			t.Errorf("id %d = %+v, want %+v", i, doe.Identifiers[i], id)
		}
	}
	if len(doe.Addresses) != 1 || doe.Addresses[0] != (interdict.Address{Full: "Azadi Street 1, Tehran, Iran", Street: "Azadi Street 1", City: "Tehran", Country: "IR"}) {
		t.Errorf("addresses = %+v", doe.Addresses)
	}
	wantLinks := []interdict.Link{
		{Type: interdict.LinkLinkedTo, OtherName: "ACME TRADING LTD.", OtherID: "ofac-sdn:20", Note: "Linked To: ACME TRADING LTD."},
		{Type: interdict.LinkLinkedTo, OtherName: "NOT LISTED ANYWHERE", Note: "Linked To: NOT LISTED ANYWHERE"},
	}
	if len(doe.Links) != 2 || doe.Links[0] != wantLinks[0] || doe.Links[1] != wantLinks[1] {
		t.Errorf("links = %+v", doe.Links)
	}

	acme := mustEntity(t, m, "ofac-sdn:20")
	if acme.Kind != interdict.KindOrganization || len(acme.BirthDates) != 1 || acme.BirthDates[0] != (interdict.Date{Year: 1999, Month: 6, Day: 15}) {
		t.Errorf("ACME kind %s established %v", acme.Kind, acme.BirthDates)
	}
	if !contains(namesOf(acme, interdict.NameAKA), "ACME GLOBAL") || !contains(namesOf(acme, interdict.NameWeakAKA), "ACME OLD NAME") {
		t.Errorf("ACME names = %+v", acme.Names)
	}
	for _, want := range []interdict.Identifier{
		{Type: interdict.IDSWIFT, Value: "ACMEIRTH", Label: "SWIFT/BIC"},
		{Type: interdict.IDWebsite, Value: "www.acme.example", Label: "Website"},
		{Type: interdict.IDRegistration, Value: "12345 (Stuttgart)", Label: "Registration Number", Country: "DE"},
		{Type: interdict.IDRegistration, Value: "818178-2", Label: "Matricula Mercantil No", Note: "(Cali)"},
		{Type: interdict.IDTax, Value: "7701234567", Label: "Tax ID No.", Note: "(Atlantis)"},
		{Type: interdict.IDCrypto, Value: "0xABCDEF0123456789", Label: "Digital Currency Address - ETH"},
	} {
		found := false
		for _, id := range acme.Identifiers {
			found = found || id == want
		}
		if !found {
			t.Errorf("ACME lacks %+v; has %+v", want, acme.Identifiers)
		}
	}
	if len(acme.Addresses) != 2 || acme.Addresses[1].Full != "Region: Crimea" {
		t.Errorf("ACME addresses = %+v", acme.Addresses)
	}

	ship := mustEntity(t, m, "ofac-sdn:30")
	wantVessel := interdict.Vessel{Type: "Crude Oil Tanker", Flag: "IR", Tonnage: "99,144", GRT: "56,068", Owner: "ACME TRADING LTD.", Built: "1999"}
	if ship.Kind != interdict.KindVessel || ship.Vessel == nil || *ship.Vessel != wantVessel {
		t.Errorf("vessel = %s %+v", ship.Kind, ship.Vessel)
	}
	if !contains(idValues(ship, interdict.IDCallSign), "EPBB") || !contains(idValues(ship, interdict.IDIMO), "9187629") || !contains(idValues(ship, interdict.IDMMSI), "572469210") {
		t.Errorf("vessel ids = %+v", ship.Identifiers)
	}
	if strings.Join(ship.Countries, " ") != "IR MT" {
		t.Errorf("vessel countries = %v (flag, former flag; None Identified skipped)", ship.Countries)
	}
	if len(ship.Links) != 2 || ship.Links[0].Type != interdict.LinkVesselOwner || ship.Links[0].OtherID != "ofac-sdn:20" ||
		ship.Links[1].Type != interdict.LinkLinkedTo || ship.Links[1].OtherID != "ofac-sdn:20" {
		t.Errorf("vessel links = %+v", ship.Links)
	}

	plane := mustEntity(t, m, "ofac-sdn:40")
	if plane.Kind != interdict.KindAircraft || !contains(idValues(plane, interdict.IDAircraftSerial), "1023409321") || !contains(idValues(plane, interdict.IDAircraftTail), "EP-ABC") {
		t.Errorf("aircraft = %s %+v", plane.Kind, plane.Identifiers)
	}

	cafe := mustEntity(t, m, "ofac-sdn:50")
	if cafe.PrimaryName() != "CAFÉ NOIR S.A." || cafe.Names[0].Script != interdict.ScriptLatin {
		t.Errorf("Windows-1252 name = %q %s", cafe.PrimaryName(), cafe.Names[0].Script)
	}

	// a remark cut at 1000 characters and continued in sdn_comments.csv
	petrov := mustEntity(t, m, "ofac-sdn:60")
	if got := len(idValues(petrov, interdict.IDCrypto)); got != 40 {
		t.Errorf("joined remark: %d crypto addresses, want 40", got)
	}
	if !contains(idValues(petrov, interdict.IDPassport), "7012345678") || len(petrov.Links) != 1 || petrov.Links[0].OtherID != "ofac-sdn:20" {
		t.Errorf("joined remark: ids %+v links %+v", petrov.Identifiers, petrov.Links)
	}
}

type fileMap map[Part]string

func (f fileMap) open(t *testing.T) CSVSet { return fixtureSet(t, f) }

// TestParseCSVCompanions checks what each companion adds alone, and that
// comments of another date are not grafted onto complete remarks.
func TestParseCSVCompanions(t *testing.T) {
	primary, _ := fixtureRead(t, "sdn.csv")
	tests := []struct {
		name  string
		set   CSVSet
		names int // of ofac-sdn:10
		addrs int // of ofac-sdn:10
		notes []string
	}{
		{"primary alone", CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(primary)}}, 3, 0, nil},
		{"with alt", CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(primary)}, Alt: fixtureFile(t, "alt.csv")}, 5, 0, []string{"2 alt.csv entities"}},
		{"with add", CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(primary)}, Address: fixtureFile(t, "add.csv")}, 3, 1, []string{"1 add.csv entities"}},
		{"comments of another date", CSVSet{
			Primary:  CSVFile{"sdn.csv", strings.NewReader(primary)},
			Comments: CSVFile{"sdn_comments.csv", strings.NewReader("10,\"extra text\"\r\n")},
		}, 3, 0, []string{"1 comment rows not joined"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseCSV(SourceSDN, tt.set)
			if err != nil {
				t.Fatal(err)
			}
			e := mustEntity(t, byID(l), "ofac-sdn:10")
			if len(e.Names) != tt.names || len(e.Addresses) != tt.addrs {
				t.Errorf("names %d addresses %d, want %d %d", len(e.Names), len(e.Addresses), tt.names, tt.addrs)
			}
			if strings.Contains(e.Remarks, "extra text") {
				t.Errorf("comment grafted onto a complete remark")
			}
			for _, n := range tt.notes {
				if !hasNote(l, n) {
					t.Errorf("no note %q in %q", n, l.Notes)
				}
			}
		})
	}
}

func fixtureRead(t *testing.T, name string) (string, CSVFile) {
	t.Helper()
	f := fixtureFile(t, name)
	b, err := io.ReadAll(f.R)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), f
}

func fixtureFile(t *testing.T, name string) CSVFile {
	t.Helper()
	return fixtureSet(t, map[Part]string{PartPrimary: name}).Primary
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// TestParseCSVBadInput checks the files that cannot be used at all.
func TestParseCSVBadInput(t *testing.T) {
	good := "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a"
	tests := []struct {
		name   string
		source string
		set    CSVSet
		err    string // substring of the error; "" for success
		note   string // substring of a note, on success
	}{
		{"unknown source", "ofac", CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(good)}}, `unknown source "ofac"`, ""},
		{"no primary", SourceSDN, CSVSet{Alt: CSVFile{"alt.csv", strings.NewReader("")}}, "no primary file", ""},
		{"empty primary", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader("")}}, "sdn.csv: no records", ""},
		{"only the end mark", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader("\x1a")}}, "sdn.csv: no records", ""},
		{"UTF-16", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader("\xff\xfe3\x006\x00,\x00")}}, "sdn.csv line 1: NUL byte", ""},
		{"alt.csv as primary", SourceSDN, CSVSet{Primary: CSVFile{"alt.csv", strings.NewReader("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n")}},
			"alt.csv: no row is usable as sdn.csv (12 columns); first problem: line 1: 5 columns, want 12", ""},
		{"sdn.csv as alt", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(good)}, Alt: CSVFile{"x.csv", strings.NewReader(good)}},
			"x.csv: no row is usable as alt.csv (5 columns)", ""},
		{"read error", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", failingReader{}}}, "sdn.csv line 1: disk on fire", ""},
		{"truncated", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(good[:len(good)-1] + "37,\"CUT")}}, "",
			"sdn.csv: the last line has no line end"},
		{"no end mark but complete", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader(good[:len(good)-1])}}, "", ""},
		{"UTF-8 BOM and LF lines", SourceSDN, CSVSet{Primary: CSVFile{"sdn.csv", strings.NewReader("\xef\xbb\xbf" + strings.ReplaceAll(good, "\r\n", "\n"))}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseCSV(tt.source, tt.set)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "ofac: ") {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entities) == 0 || l.Entities[0].PrimaryName() != "AEROCARIBBEAN AIRLINES" {
				t.Errorf("entities = %v", l.Entities)
			}
			if tt.note != "" && !hasNote(l, tt.note) {
				t.Errorf("no note %q in %q", tt.note, l.Notes)
			}
			if tt.note == "" && len(l.Notes) != 0 {
				t.Errorf("notes = %q", l.Notes)
			}
		})
	}
}
