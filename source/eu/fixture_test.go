package eu

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// TestParseEdgeFixture reads testdata/edge.xml: missing names and
// references, bad dates, Hijri dates, an unknown subject type, unknown
// countries and the rest of the odd cases.
func TestParseEdgeFixture(t *testing.T) {
	l := loadtest.ParseFile(t, Parse, "testdata/edge.xml")
	st := l.Stats()
	if st.Records != 6 || st.Entities != 3 || st.Rejects != 3 || st.Links != 3 || st.ByKind[interdict.KindUnknown] != 1 || l.Published != "2026-09-01" {
		t.Errorf("stats %+v published %q", st, l.Published)
	}
	wantRejects := []interdict.Reject{
		{File: "testdata/edge.xml", Line: 66, Element: "sanctionEntity #3 (EU.3.3, logicalId 30)", Reason: "no name"},
		{File: "testdata/edge.xml", Line: 70, Element: "sanctionEntity #4 (EU.1.1, logicalId 40)", Reason: "duplicate euReferenceNumber, first in sanctionEntity #1 (EU.1.1, logicalId 10)"},
		{File: "testdata/edge.xml", Line: 74, Element: "sanctionEntity #5", Reason: "no euReferenceNumber or logicalId"},
	}
	if !reflect.DeepEqual(l.Rejects, wantRejects) {
		t.Errorf("rejects\n got %+v\nwant %+v", l.Rejects, wantRejects)
	}
	for _, want := range []string{
		`1 country strings not recognised: "XX / ATLANTIS" (2)`,
		`1 subjectType codes not known, kind unknown: "vessel/V"`,
		"1 records have no euReferenceNumber and are identified by logicalId",
		`eu:EU.1.1: date "1965-02-30": out of range`,
		`eu:EU.1.1: year "abc" is not a number`,
		"eu:EU.1.1: ISLAMIC calendar date 1402-6-24 has no Gregorian birthdate, not converted",
		"eu:EU.1.1: ISLAMIC birthdate 1402-06-24 is not a Gregorian equivalent of year 1402",
		`eu:EU.6.6: designationDate: date "01/02/2003"`,
	} {
		if loadtest.NoteWith(l, want) == "" {
			t.Errorf("no note with %q in %q", want, l.Notes)
		}
	}

	es := loadtest.ByID(l)
	z, vessel, alpha := es["eu:EU.1.1"], es["eu:logical-20"], es["eu:EU.6.6"]
	if z == nil || vessel == nil || alpha == nil {
		t.Fatalf("missing entities: %v", es)
	}
	note := "issued by Ministry; issued in Kabul; issued 2005-04-30; valid to 2010-03-07; diplomatic, known expired; name on document: Zainab Tester; Diplomatic passport"
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"names: parts composed, lowest Latin logicalId primary, weak by strong=false and by remark", z.Names, []interdict.Name{
			{Full: "Zainab Bint TESTER", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "Zainab", Middle: "Bint", Family: "TESTER"},
			{Full: "Later Alias", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Lang: "en"},
			{Full: "زینب", Type: interdict.NameAKA, Script: interdict.ScriptArabic, Lang: "fa"},
			{Full: "Zeinab", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin},
			{Full: "Zee", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin},
			{Full: "Umm Test", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		}},
		{"alt keys", z.AltKeys, []string{"eu-logical:10", "un-ref:QDi.999"}},
		{"gender", z.Gender, interdict.GenderFemale},
		{"titles and functions, lettered lists split", z.Titles, []string{"Mullah", "Maulavi", "Minister of Tests", "Governor of Fixtures"}},
		{"birth dates: circa, range, Gregorian equivalent of a Hijri date, year-month", z.BirthDates, []interdict.Date{
			{Year: 1960, Circa: true}, {Year: 1953, ToYear: 1958}, {Year: 1982, Month: 4, Day: 19}, {Year: 1970, Month: 6},
		}},
		{"birth places", z.BirthPlaces, []string{"Kabul, AFGHANISTAN", "Herat, AFGHANISTAN"}},
		{"citizenships (ATLANTIS dropped)", z.Citizenships, []string{"AF"}},
		{"countries", z.Countries, []string{"AF"}},
		{"addresses", z.Addresses, []interdict.Address{
			{Street: "1 Test Street, PO Box 42", City: "Kabul", Region: "Kabul Province", PostalCode: "1001", Country: "AF"},
			{Full: "Believed to be in the border area"},
			{Full: "Poseidonia, ATLANTIS", City: "Poseidonia"},
		}},
		{"identifiers", z.Identifiers, []interdict.Identifier{
			{Type: interdict.IDEmail, Value: "tester@example.org", Label: "EMAIL"},
			{Type: interdict.IDPhone, Value: "+93 1 234", Label: "FAX"},
			{Type: interdict.IDPhone, Value: "+93 1 235", Label: "FAX"},
			{Type: interdict.IDOther, Value: "12345", Label: "TELEX"},
			{Type: interdict.IDPassport, Value: "ب ١٢٣٤٥", Label: "National passport", Country: "AF", Note: note},
			{Type: interdict.IDPassport, Value: "B 12345", Label: "National passport", Country: "AF", Note: note},
			{Type: interdict.IDTax, Value: "TSTZNB60A41Z200X", Label: "Fiscal Code", Country: "IT"},
			{Type: interdict.IDOther, Value: "TL-9", Label: "tradelic"},
		}},
		{"programs", z.Programs, []string{"TERR", "AFG"}},
		{"listed on", z.ListedOn, interdict.Date{Year: 2011, Month: 2, Day: 26}},
		{"remarks", z.Remarks, "Listed for testing.\nUN designation: 2011\nWife of a listed person."},
		{"vessel kind", vessel.Kind, interdict.KindUnknown},
		{"vessel alt keys", vessel.AltKeys, []string{"eu-logical:20"}},
		{"alpha kind from classificationCode", alpha.Kind, interdict.KindOrganization},
		{"alpha remarks (function kept, name expansion dropped)", alpha.Remarks, "Part of the test group. Associated entities: Alpha Ltd in China; Beta Trading (Beta) in Hong Kong; Associated individuals: Gamma Delta (director of Alpha Ltd); Epsilon: a long sentence that is not a name\nAlpha Holding makes test equipment"},
		{"alpha links", alpha.Links, []interdict.Link{
			{Type: interdict.LinkAssociate, OtherName: "Alpha Ltd", Note: "Associated entities: Alpha Ltd in China"},
			{Type: interdict.LinkAssociate, OtherName: "Beta Trading", Note: "Associated entities: Beta Trading (Beta) in Hong Kong"},
			{Type: interdict.LinkAssociate, OtherName: "Gamma Delta", Note: "Associated individuals: Gamma Delta (director of Alpha Ltd)"},
		}},
		{"alpha listed on (bad designationDate)", alpha.ListedOn, interdict.Date{}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s\n got %+v\nwant %+v", c.what, c.got, c.want)
		}
	}
}

// TestParseBadInput checks that unusable files are errors naming the file
// and the line, and that re-encoded files still load.
func TestParseBadInput(t *testing.T) {
	edge := loadtest.ReadFile(t, "testdata/edge.xml")
	for _, c := range []struct {
		name    string
		data    []byte
		wantErr string
		first   string
	}{
		{"truncated between records", edge[:bytes.Index(edge, []byte("<unknownElement>"))], "eu: f.xml: line 61: malformed XML: unexpected EOF", ""},
		{"truncated inside a record", edge[:len(edge)/2], "eu: f.xml: line 43: sanctionEntity #1: malformed XML: unexpected EOF", ""},
		{"empty", nil, "eu: f.xml: empty file", ""},
		{"another schema", []byte("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"), `eu: f.xml: line 2: root element is <CONSOLIDATED_LIST> in namespace ""`, ""},
		{"another namespace", []byte(`<export xmlns="urn:something-else"><sanctionEntity/></export>`), `root element is <export> in namespace "urn:something-else"`, ""},
		{"bad attribute quoting", []byte("<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity euReferenceNumber=EU.1.1/></export>"), "eu: f.xml: line 2: malformed XML: unquoted or missing attribute value in element", ""},
		{"invalid UTF-8", []byte("<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity euReferenceNumber=\"EU.1\"><nameAlias wholeName=\"JOS\xc9\"/></sanctionEntity></export>"), "eu: f.xml: line 2: sanctionEntity #1: malformed XML: invalid UTF-8", ""},
		{"unknown encoding", []byte(`<?xml version="1.0" encoding="x-klingon"?><export/>`), `unsupported encoding "x-klingon"`, ""},
		{"Windows-1252 declared", []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><export xmlns=\"http://eu.europa.ec/fpi/fsd/export\"><sanctionEntity euReferenceNumber=\"EU.1\"><subjectType code=\"person\"/><nameAlias wholeName=\"JOS\xc9\" strong=\"true\"/></sanctionEntity></export>"), "", "JOSÉ"},
		{"no namespace", []byte(`<export><sanctionEntity euReferenceNumber="EU.1"><nameAlias wholeName="A B"/></sanctionEntity></export>`), "", "A B"},
		{"UTF-16LE BOM", loadtest.UTF16LE(string(edge)), "", "Zainab Bint TESTER"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := Parse(bytes.NewReader(c.data), "f.xml")
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, c.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "eu: f.xml: ") {
					t.Errorf("err %q does not name the file", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entities) == 0 || l.Entities[0].PrimaryName() != c.first {
				t.Errorf("first entity %+v, want %q", l.Entities, c.first)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	edge := loadtest.ReadFile(t, "testdata/edge.xml")
	for _, c := range []struct {
		name string
		file string
		head []byte
		want bool
	}{
		{"fixture", "sample_eu_fsf.xml", edge, true},
		{"renamed, head only", "content", edge[:200], true},
		{"UTF-16", "x.xml", loadtest.UTF16LE(string(edge[:300])), true},
		{"no namespace", "x.xml", []byte(`<export generationDate="2026-01-01">`), false},
		{"UN file", "sample_eu_fsf.xml", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27">`), false},
		{"JSON", "eu.xml", []byte(`{"export": []}`), false},
		{"empty", "sample_eu_fsf.xml", nil, false},
	} {
		if got := Detect(c.file, c.head); got != c.want {
			t.Errorf("%s: Detect = %v, want %v", c.name, got, c.want)
		}
	}
}
