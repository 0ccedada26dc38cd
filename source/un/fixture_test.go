package un

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// TestParseEdgeFixture reads testdata/edge.xml, a small file in the real
// format holding the odd cases the official file has (and a few it might).
func TestParseEdgeFixture(t *testing.T) {
	l := loadtest.ParseFile(t, Parse, "testdata/edge.xml")
	st := l.Stats()
	if st.Records != 8 || st.Entities != 5 || st.Rejects != 3 || st.Links != 6 || l.Published != "2026-03-01" {
		t.Errorf("stats %+v published %q", st, l.Published)
	}

	wantRejects := []interdict.Reject{
		{File: "testdata/edge.xml", Line: 158, Element: "INDIVIDUAL #4", Reason: "no DATAID"},
		{File: "testdata/edge.xml", Line: 163, Element: "INDIVIDUAL #5 (DATAID 1001)", Reason: "duplicate DATAID, first in INDIVIDUAL #1 (DATAID 1001)"},
		{File: "testdata/edge.xml", Line: 169, Element: "INDIVIDUAL #6 (DATAID 1006)", Reason: "no name"},
	}
	if !reflect.DeepEqual(l.Rejects, wantRejects) {
		t.Errorf("rejects\n got %+v\nwant %+v", l.Rejects, wantRejects)
	}
	for _, want := range []string{
		`1 country strings not recognised: "Atlantis" (2)`,
		"not linked: QDe.999 (2)",
		"1 documents have no NUMBER",
		`QDi.901: date "1975-02-30": out of range`,
		"read as a.k.a.: Medium",
	} {
		if loadtest.NoteWith(l, want) == "" {
			t.Errorf("no note with %q in %q", want, l.Notes)
		}
	}

	es := loadtest.ByID(l)
	ivan, delta, kim, front, multi := es["un:1001"], es["un:1002"], es["un:1003"], es["un:2001"], es["un:2002"]
	if ivan == nil || delta == nil || kim == nil || front == nil || multi == nil {
		t.Fatalf("missing entities: %v", es)
	}

	wantIvanNames := []interdict.Name{
		{Full: "IVAN PETROVICH SIDOROV", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "IVAN", Patronymic: "PETROVICH", Family: "SIDOROV"},
		{Full: "Иван Петрович Сидоров", Type: interdict.NamePrimary, Script: interdict.ScriptCyrillic},
		{Full: "Ivan Sidorov", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "Vanya", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin},
		{Full: "Ваня", Type: interdict.NameWeakAKA, Script: interdict.ScriptCyrillic},
		{Full: "Ivan Sidorof", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "Iwan Sidorow", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "I. P. Sidorov", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "Abu Ivan", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "أبو إيفان", Type: interdict.NameAKA, Script: interdict.ScriptArabic},
		{Full: "شعبان", Type: interdict.NameAKA, Script: interdict.ScriptArabic},
		{Full: "Shaban", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "Shaaban", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
		{Full: "Ivan the Odd", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"ivan names", ivan.Names, wantIvanNames},
		{"ivan gender", ivan.Gender, interdict.GenderFemale},
		{"ivan titles", ivan.Titles, []string{"Amir", "Financier of the Front"}},
		{"ivan nationalities (na)", ivan.Nationalities, []string(nil)},
		{"ivan birth dates", ivan.BirthDates, []interdict.Date{
			{Year: 1960, Month: 1, Day: 2}, {Year: 1961, Month: 5, Day: 6}, {Year: 1962, Circa: true},
			{Year: 1955, ToYear: 1958, Circa: true}, {Year: 1973, Month: 11}, {Year: 1958, Month: 9},
		}},
		{"ivan birth places", ivan.BirthPlaces, []string{"Baghdad, Iraq", "Kalemie, Katanga, Democratic Republic of the Congo (now Tanganyika Province)"}},
		{"ivan countries", ivan.Countries, []string{"IQ", "CD"}},
		{"ivan addresses", ivan.Addresses, []interdict.Address{{City: "Mosul", Country: "IQ"}, {Full: "Believed location - Egypt"}}},
		{"ivan identifiers", ivan.Identifiers, []interdict.Identifier{
			{Type: interdict.IDPassport, Value: "381420754", Label: "Passport", Country: "IQ", Note: "issued 2011-12-07; Expires on 7 Dec. 2016"},
			{Type: interdict.IDTax, Value: "DAOMMD74T11Z352Z", Label: "National Identification Number (Italian Fiscal Code)", Country: "IT"},
		}},
		{"ivan listed on", ivan.ListedOn, interdict.Date{Year: 2015, Month: 3, Day: 27}},
		{"ivan links", ivan.Links, []interdict.Link{
			{Type: interdict.LinkFamily, OtherName: "DELTA EPSILON", OtherID: "un:1002", Note: "Brother of Delta Epsilon (QDi.902)"},
			{Type: interdict.LinkDirects, OtherName: "EXAMPLE FRONT", OtherID: "un:2001", Note: "Leader of the Example Front (QDe.901)"},
			{Type: interdict.LinkAssociate, OtherName: "MULTI CO (MC)", OtherID: "un:2002", Note: "Associated with Multi Co (QDe.902)"},
			{Type: interdict.LinkAssociate, OtherName: "KIM CHOL SU", OtherID: "un:1003", Note: "Associated with Multi Co (QDe.902), Kim Chol Su (KPi.901)"},
		}},
		{"delta links (lower-case reference)", delta.Links, []interdict.Link{
			{Type: interdict.LinkAssociate, OtherName: "IVAN PETROVICH SIDOROV", OtherID: "un:1001", Note: "Associated with Ivan Sidorov (qdi.901)"},
		}},
		{"delta nationalities (unknown country)", delta.Nationalities, []string(nil)},
		{"kim name (DPRK order)", kim.Names, []interdict.Name{{Full: "KIM CHOL SU", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "CHOL SU", Family: "KIM"}}},
		{"kim program from reference", kim.Programs, []string{"DPRK"}},
		{"front names", front.Names, []interdict.Name{
			{Full: "EXAMPLE FRONT", Type: interdict.NamePrimary, Script: interdict.ScriptLatin},
			{Full: "الجبهة المثال", Type: interdict.NamePrimary, Script: interdict.ScriptArabic},
			{Full: "The Front", Type: interdict.NameAKA, Script: interdict.ScriptLatin},
			{Full: "Old Front", Type: interdict.NameFKA, Script: interdict.ScriptLatin},
		}},
		{"front addresses", front.Addresses, []interdict.Address{
			{Full: "Office 3, Main Road, Mosul, Iraq; Phone 123"},
			{Full: "1 Sea Lane, Atlantis", Street: "1 Sea Lane"},
		}},
		{"front identifiers", front.Identifiers, []interdict.Identifier{{Type: interdict.IDIMO, Value: "1234567", Label: "IMO company number", Note: "from COMMENTS1"}}},
		{"front links", front.Links, []interdict.Link{{Type: interdict.LinkDirector, OtherName: "IVAN PETROVICH SIDOROV", OtherID: "un:1001", Note: "Led by Ivan Sidorov (QDi.901)"}}},
		{"multi names", multi.Names, []interdict.Name{
			{Full: "MULTI CO (MC)", Type: interdict.NamePrimary, Script: interdict.ScriptLatin},
			{Full: "SECOND NAME CO", Type: interdict.NamePrimary, Script: interdict.ScriptLatin},
		}},
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
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JOS\xc9</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>")
	for _, c := range []struct {
		name    string
		data    []byte
		wantErr string // "" for success
		first   string // primary name of the first entity, on success
	}{
		{"truncated between records", edge[:bytes.Index(edge, []byte("<ENTITIES>"))], "un: f.xml: line 179: malformed XML: unexpected EOF", ""},
		{"truncated inside a record", edge[:len(edge)/2], "un: f.xml: line 105: INDIVIDUAL #1: malformed XML: unexpected EOF", ""},
		{"empty", nil, "un: f.xml: empty file", ""},
		{"not XML", []byte("DATAID,FIRST_NAME\n1,ERIC\n"), "un: f.xml: empty file", ""},
		{"another schema", []byte(`<?xml version="1.0"?>` + "\n" + `<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity/></export>`), "un: f.xml: line 2: root element is <export>, want <CONSOLIDATED_LIST>", ""},
		{"no containers", []byte("<CONSOLIDATED_LIST>\n<SOMETHING/>\n</CONSOLIDATED_LIST>"), "un: f.xml: line 3: no INDIVIDUALS or ENTITIES element", ""},
		{"mismatched tags", []byte("<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"), "un: f.xml: line 2: INDIVIDUAL #1: malformed XML: element <DATAID> closed by </FIRST_NAME>", ""},
		{"invalid UTF-8", []byte("<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JOS\xc9</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"), "un: f.xml: line 2: INDIVIDUAL #1: malformed XML: invalid UTF-8", ""},
		{"unknown encoding", []byte(`<?xml version="1.0" encoding="x-klingon"?><CONSOLIDATED_LIST/>`), `unsupported encoding "x-klingon"`, ""},
		{"UTF-16 declared without BOM", []byte(`<?xml version="1.0" encoding="UTF-16"?><CONSOLIDATED_LIST/>`), "has no UTF-16 byte order mark", ""},
		{"Latin-1 declared", latin1, "", "JOSÉ"},
		{"UTF-8 BOM", append([]byte("\xef\xbb\xbf"), edge...), "", "IVAN PETROVICH SIDOROV"},
		{"UTF-16LE BOM", loadtest.UTF16LE(string(edge)), "", "IVAN PETROVICH SIDOROV"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(string(c.data)), "f.xml")
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, c.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "un: f.xml: ") {
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
		{"fixture", "consolidated.xml", edge, true},
		{"renamed", "list-2026.dat", edge[:300], true},
		{"UTF-16", "x.xml", loadtest.UTF16LE(string(edge[:400])), true},
		{"head cut in the prolog", "consolidated.xml", edge[:20], false},
		{"EU file", "consolidated.xml", []byte(`<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export">`), false},
		{"namespaced", "x.xml", []byte(`<CONSOLIDATED_LIST xmlns="urn:other">`), false},
		{"CSV", "consolidated.xml", []byte("a,b,c\n"), false},
		{"empty", "UN_consolidated.xml", nil, false},
	} {
		if got := Detect(c.file, c.head); got != c.want {
			t.Errorf("%s: Detect = %v, want %v", c.name, got, c.want)
		}
	}
}
