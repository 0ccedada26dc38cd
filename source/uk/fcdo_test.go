package uk

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// byID indexes a load's entities.
func byID(l *interdict.ListLoad) map[string]*interdict.Entity {
	m := make(map[string]*interdict.Entity, len(l.Entities))
	for _, e := range l.Entities {
		m[e.ID] = e
	}
	return m
}

func parseFCDOFile(t *testing.T, path string) *interdict.ListLoad {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := ParseFCDO(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestFCDOExcerpt checks exact counts and every record of the real
// 5-designation excerpt.
func TestFCDOExcerpt(t *testing.T) {
	l := parseFCDOFile(t, shared.Data(t, "uk_fcdo_excerpt", "sample_uk_sanctions.xml"))
	got := l.Stats()
	want := interdict.Stats{
		Records: 5, Entities: 5,
		ByKind: map[interdict.Kind]int{interdict.KindPerson: 2, interdict.KindOrganization: 2, interdict.KindVessel: 1},
		Names:  12, Identifiers: 7, Links: 4, Rejects: 0,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stats = %+v\nwant    %+v", got, want)
	}
	if l.Published != "2026-09-10" || l.Source != "uk" || len(l.Notes) != 0 {
		t.Errorf("published %q, source %q, notes %q", l.Published, l.Source, l.Notes)
	}
	ents := byID(l)
	for _, id := range []string{"uk:AFG0001", "uk:AFG0006", "uk:BEL0107", "uk:DPR0075", "uk:AQD0195"} {
		if ents[id] == nil {
			t.Errorf("missing %s", id)
		}
	}

	afg1 := ents["uk:AFG0001"]
	if afg1 != nil {
		checkStrings(t, "AFG0001 alt keys", afg1.AltKeys, "uk-group:12703", "un-ref:TAe.010")
		checkNames(t, afg1,
			interdict.Name{Full: "HAJI KHAIRULLAH MONEY EXCHANGE", Type: interdict.NamePrimary, Script: interdict.ScriptLatin},
			interdict.Name{Full: "Haji Alim Hawala", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
			interdict.Name{Full: "حاجی خيرالله صرافی", Type: interdict.NameAKA, Script: interdict.ScriptArabic},
		)
		checkStrings(t, "AFG0001 countries", afg1.Countries, "AF", "AE")
		if len(afg1.Addresses) != 2 || afg1.Addresses[1].Full != "Branch Office 14, Dubai, United Arab Emirates" || afg1.Addresses[1].Country != "AE" {
			t.Errorf("AFG0001 addresses = %+v", afg1.Addresses)
		}
		if afg1.ListedOn != (interdict.Date{Year: 2012, Month: 6, Day: 29}) {
			t.Errorf("AFG0001 listed on %v", afg1.ListedOn)
		}
	}

	afg6 := ents["uk:AFG0006"]
	if afg6 != nil {
		if afg6.Kind != interdict.KindPerson || afg6.Gender != interdict.GenderMale {
			t.Errorf("AFG0006 kind %s gender %q", afg6.Kind, afg6.Gender)
		}
		n := afg6.Names[0]
		if n.Full != "MOHAMMAD HASSAN AKHUND" || n.Given != "MOHAMMAD" || n.Middle != "HASSAN" || n.Family != "AKHUND" {
			t.Errorf("AFG0006 primary name = %+v", n)
		}
		if afg6.Names[1].Type != interdict.NameAKA {
			t.Errorf("Primary Name Variation read as %s, want aka", afg6.Names[1].Type)
		}
		wantDOB := []interdict.Date{{Year: 1958, Month: 5, Day: 12}, {Year: 1945}, {Year: 1946}}
		if !reflect.DeepEqual(afg6.BirthDates, wantDOB) {
			t.Errorf("AFG0006 birth dates = %v, want %v", afg6.BirthDates, wantDOB)
		}
		checkStrings(t, "AFG0006 titles", afg6.Titles, "Mullah", "Haji", "Deputy Minister of Agriculture under the Taliban regime")
		checkStrings(t, "AFG0006 birth places", afg6.BirthPlaces, "Pashmul village, Panjwai District, Afghanistan")
		checkStrings(t, "AFG0006 nationalities", afg6.Nationalities, "AF")
		// The passport is listed twice; it is kept once.
		if len(afg6.Identifiers) != 2 || afg6.Identifiers[0].Type != interdict.IDPassport || afg6.Identifiers[0].Value != "P04581926" ||
			afg6.Identifiers[1].Type != interdict.IDNational || afg6.Identifiers[1].Value != "2132370" {
			t.Errorf("AFG0006 identifiers = %+v", afg6.Identifiers)
		}
	}

	bel := ents["uk:BEL0107"]
	if bel != nil {
		if bel.Names[2].Full != "BNK" || bel.Names[2].Type != interdict.NameWeakAKA {
			t.Errorf("low quality alias = %+v, want weak-aka BNK", bel.Names[2])
		}
		wantLinks := []interdict.Link{
			{Type: interdict.LinkOwner, OtherName: "CJSC Belarusian Oil Company"},
			{Type: interdict.LinkOwner, OtherName: "Belneftekhim"},
			{Type: interdict.LinkSubsidiary, OtherName: "BNK (Deutschland) GmbH"},
		}
		if !reflect.DeepEqual(bel.Links, wantLinks) {
			t.Errorf("BEL0107 links = %+v", bel.Links)
		}
		if !strings.Contains(bel.Remarks, "(Type of entity):Oil trading company") || !strings.Contains(bel.Remarks, "Director Disqualification Sanction") {
			t.Errorf("BEL0107 remarks = %q", bel.Remarks)
		}
		if bel.Addresses[0].PostalCode != "SM2 5DA" || bel.Addresses[0].Country != "GB" {
			t.Errorf("BEL0107 address = %+v", bel.Addresses[0])
		}
	}

	ship := ents["uk:DPR0075"]
	if ship != nil {
		if ship.Kind != interdict.KindVessel || ship.Vessel == nil {
			t.Fatalf("DPR0075 = %+v", ship)
		}
		wantV := interdict.Vessel{Type: "Bulk Carrier", Flag: "KM", Tonnage: "7078", Owner: "Global United Shipping India"}
		if *ship.Vessel != wantV {
			t.Errorf("DPR0075 vessel = %+v, want %+v", *ship.Vessel, wantV)
		}
		if len(ship.Identifiers) != 1 || ship.Identifiers[0] != (interdict.Identifier{Type: interdict.IDIMO, Value: "9562233", Label: "IMO number"}) {
			t.Errorf("DPR0075 identifiers = %+v", ship.Identifiers)
		}
		checkStrings(t, "DPR0075 countries", ship.Countries, "KM", "IN")
		checkStrings(t, "DPR0075 alt keys", ship.AltKeys, "un-ref:KPv.001")
		if len(ship.Links) != 1 || ship.Links[0].Type != interdict.LinkVesselOwner {
			t.Errorf("DPR0075 links = %+v", ship.Links)
		}
	}
}

// TestFCDOEdgeCases reads a fixture of designations that exercise the
// id fallback, every reject, name types and partial dates.
func TestFCDOEdgeCases(t *testing.T) {
	l := parseFCDOFile(t, filepath.Join("testdata", "fcdo_edge.xml"))
	if l.Records != 7 || len(l.Entities) != 3 || l.Published != "2026-02-01" {
		t.Fatalf("records %d, entities %d, published %q", l.Records, len(l.Entities), l.Published)
	}
	wantRejects := []struct {
		element, reason string
	}{
		{"Designation #4", "no UniqueID or OFSIGroupID"},
		{"Designation #5 UniqueID=XXX0005", `unknown IndividualEntityShip "Aircraft"`},
		{"Designation #6 UniqueID=XXX0006", "no names"},
		{"Designation #7 UniqueID=RUS9001", "repeats the id uk:RUS9001 of Designation #1"},
	}
	if len(l.Rejects) != len(wantRejects) {
		t.Fatalf("rejects = %+v", l.Rejects)
	}
	for i, w := range wantRejects {
		r := l.Rejects[i]
		if r.Element != w.element || r.Reason != w.reason || r.File != "fcdo_edge.xml" || r.Line == 0 {
			t.Errorf("reject %d = %+v, want %s: %s", i, r, w.element, w.reason)
		}
	}
	for _, want := range []string{
		`names with an unknown NameType, read as a.k.a.: "Nickname" (1)`,
		`unreadable dates skipped: "31/02/1999" (1)`,
		`1 country strings not recognised: "Narnia" (1)`,
	} {
		if !contains(l.Notes, want) {
			t.Errorf("notes %q lack %q", l.Notes, want)
		}
	}
	ents := byID(l)

	p := ents["uk:RUS9001"]
	if p == nil {
		t.Fatal("missing uk:RUS9001")
	}
	checkNames(t, p,
		interdict.Name{Full: "Ivan Ivanovich IVANOV", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "Ivan", Middle: "Ivanovich", Family: "IVANOV"},
		interdict.Name{Full: "Iwan Iwanow", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Given: "Iwan", Family: "Iwanow"},
		interdict.Name{Full: "Ivan Petrov", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Given: "Ivan", Family: "Petrov"},
		interdict.Name{Full: "Иван Иванович Иванов", Type: interdict.NameAKA, Script: interdict.ScriptCyrillic, Lang: "ru"},
		interdict.Name{Full: "Vanya", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin, Family: "Vanya"},
	)
	wantDOB := []interdict.Date{{Year: 1965}, {Year: 1966, Month: 5}}
	if !reflect.DeepEqual(p.BirthDates, wantDOB) {
		t.Errorf("birth dates = %v, want %v", p.BirthDates, wantDOB)
	}
	checkStrings(t, "nationalities", p.Nationalities, "RU", "CY")
	checkStrings(t, "countries", p.Countries, "RU", "CY")
	checkStrings(t, "birth places", p.BirthPlaces, "Kazan, Narnia")
	checkStrings(t, "titles", p.Titles, "Colonel", "Director")
	checkStrings(t, "alt keys", p.AltKeys, "uk-group:90001")
	if len(p.Addresses) != 1 || p.Addresses[0].Full != "Ulitsa 1, Moscow, 101000, Russia" {
		t.Errorf("addresses = %+v (a country alone is not an address)", p.Addresses)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDPhone, Value: "+7 495 111 2233", Label: "Phone number"},
		{Type: interdict.IDEmail, Value: "ivan@example.ru", Label: "Email address"},
		{Type: interdict.IDEmail, Value: "ivanov@example.ru", Label: "Email address"},
		{Type: interdict.IDPassport, Value: "7512345", Label: "Passport Number", Note: "Russian passport"},
		{Type: interdict.IDTax, Value: "770305249797", Label: "National Identification Number", Note: "Taxpayer ID"},
	}
	if !reflect.DeepEqual(p.Identifiers, wantIDs) {
		t.Errorf("identifiers = %+v\nwant %+v", p.Identifiers, wantIDs)
	}
	if p.ListedOn != (interdict.Date{Year: 2022, Month: 3, Day: 15}) {
		t.Errorf("listed on %v", p.ListedOn)
	}
	if want := "Test person. (UK Statement of Reasons):Reasons. (Designation source):UK (Sanctions imposed):Asset freeze|Travel Ban"; p.Remarks != want {
		t.Errorf("remarks = %q, want %q", p.Remarks, want)
	}

	org := ents["uk:group-90002"]
	if org == nil {
		t.Fatal("missing uk:group-90002 (id from OFSIGroupID)")
	}
	wantOrgIDs := []interdict.Identifier{
		{Type: interdict.IDWebsite, Value: "www.romashka.example", Label: "Website"},
		{Type: interdict.IDTax, Value: "7814027653", Label: "INN"},
		{Type: interdict.IDRegistration, Value: "1027807560186", Label: "OGRN"},
	}
	if !reflect.DeepEqual(org.Identifiers, wantOrgIDs) {
		t.Errorf("org identifiers = %+v", org.Identifiers)
	}
	if len(org.Links) != 2 || org.Links[0] != (interdict.Link{Type: interdict.LinkOwner, OtherName: "Rostec"}) ||
		org.Links[1] != (interdict.Link{Type: interdict.LinkSubsidiary, OtherName: "Romashka Trading"}) {
		t.Errorf("org links = %+v", org.Links)
	}

	ship := ents["uk:DPR9003"]
	if ship == nil {
		t.Fatal("missing uk:DPR9003")
	}
	wantV := interdict.Vessel{Type: "Oil tanker", Flag: "PA", Tonnage: "1914", Owner: "Korea Shipping Co", Built: "1985"}
	if ship.Vessel == nil || *ship.Vessel != wantV {
		t.Errorf("vessel = %+v, want %+v", ship.Vessel, wantV)
	}
	if ship.Identifiers[0].Value != "8106496" {
		t.Errorf("IMO = %q, want 8106496", ship.Identifiers[0].Value)
	}
	checkStrings(t, "ship countries", ship.Countries, "PA", "KH")
}

// TestFCDOEncodings checks the byte-level variants: a BOM, a legacy
// encoding declared in the XML header.
func TestFCDOEncodings(t *testing.T) {
	for _, file := range []string{"fcdo_bom.xml", "fcdo_windows1252.xml"} {
		t.Run(file, func(t *testing.T) {
			l := parseFCDOFile(t, filepath.Join("testdata", file))
			if len(l.Entities) != 1 || l.Entities[0].PrimaryName() != "José PEÑA" {
				t.Errorf("entities = %+v", l.Entities)
			}
		})
	}
}

// TestFCDOBadInput checks that unusable files are errors naming the file
// and the line.
func TestFCDOBadInput(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"fcdo_truncated.xml", []string{"uk: fcdo_truncated.xml line 153: Designation #3: truncated XML (unexpected EOF)"}},
		{"fcdo_wrong_root.xml", []string{"uk: fcdo_wrong_root.xml line 2: root element <CONSOLIDATED_LIST>, want <Designations>"}},
		{"fcdo_unknown_encoding.xml", []string{"uk: fcdo_unknown_encoding.xml line 1:", `unsupported encoding "x-klingon"`}},
		{"fcdo_bad_utf8.xml", []string{"uk: fcdo_bad_utf8.xml line 8: Designation #1: invalid UTF-8", "invalid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = ParseFCDO(f, tt.file)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	for _, in := range []string{"", "   ", "not xml at all", "Name 6,Group ID\n"} {
		if _, err := ParseFCDO(strings.NewReader(in), "x.xml"); err == nil || !strings.HasPrefix(err.Error(), "uk: x.xml") {
			t.Errorf("ParseFCDO(%q) error = %v", in, err)
		}
	}
}

func TestFCDODetect(t *testing.T) {
	excerpt, err := os.ReadFile(filepath.Join("testdata", "fcdo_edge.xml"))
	if err != nil {
		t.Fatal(err)
	}
	un, _ := os.ReadFile(filepath.Join("testdata", "fcdo_wrong_root.xml"))
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"renamed.dat", excerpt, true},
		{"UK-Sanctions-List.xml", un, false},
		{"UK-Sanctions-List.xml", nil, true},
		{"uk_sanctions_list.xml", []byte("  "), true},
		{"other.xml", nil, false},
		{"x.xml", []byte("<Designations></Designations>"), false},
		{"x.xml", []byte("<?xml version=\"1.0\"?><Designations><DateGenerated>"), true},
	}
	for _, tt := range tests {
		if got := FCDODetect(tt.name, tt.head); got != tt.want {
			t.Errorf("FCDODetect(%q, %.30q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

// checkNames compares an entity's names in order.
func checkNames(t *testing.T, e *interdict.Entity, want ...interdict.Name) {
	t.Helper()
	if !reflect.DeepEqual(e.Names, want) {
		t.Errorf("%s names:\n got %+v\nwant %+v", e.ID, e.Names, want)
	}
}

func checkStrings(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
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
