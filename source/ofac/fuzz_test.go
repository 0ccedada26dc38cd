package ofac

import (
	"bytes"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// checkLoad asserts what every successful load must hold, whatever the
// input: ids of the load's source, a primary name, plausible dates.
func checkLoad(t *testing.T, l *interdict.ListLoad) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range l.Entities {
		if !strings.HasPrefix(e.ID, l.Source+":") || e.Source != l.Source || seen[e.ID] {
			t.Fatalf("bad or repeated id %q in %s load", e.ID, l.Source)
		}
		seen[e.ID] = true
		if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary || e.Names[0].Full == "" {
			t.Fatalf("%s: no primary name first: %+v", e.ID, e.Names)
		}
		for _, d := range e.BirthDates {
			if !d.Valid() || d.IsZero() {
				t.Fatalf("%s: bad date %+v", e.ID, d)
			}
		}
		for _, id := range e.Identifiers {
			if id.Value == "" || id.Type == "" {
				t.Fatalf("%s: empty identifier %+v", e.ID, id)
			}
		}
		for _, k := range e.Links {
			if k.OtherName == "" {
				t.Fatalf("%s: link without a name %+v", e.ID, k)
			}
		}
	}
	if l.Records < len(l.Entities) {
		t.Fatalf("%d records but %d entities", l.Records, len(l.Entities))
	}
}

// FuzzParse feeds arbitrary bytes to the SDN.XML parser and its detector.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName><sdnType>Individual</sdnType><remarks>DOB 1960 to 1962; (Linked To: A)</remarks></sdnEntry></sdnList>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect("sdn.xml", data)
		l, err := Parse(bytes.NewReader(data), "sdn.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ofac: sdn.xml") {
				t.Fatalf("error without file name: %v", err)
			}
			return
		}
		checkLoad(t, l)
	})
}

// FuzzParseCSV feeds arbitrary bytes as the four files of a CSV set.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'X'.\"\r\n\x1a"),
		[]byte("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"), []byte("36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n"), []byte("36,\"x\"\r\n"))
	f.Fuzz(func(t *testing.T, primary, alt, add, comments []byte) {
		for _, b := range [][]byte{primary, alt, add, comments} {
			if _, p, ok := DetectCSV("sdn.csv", b); ok && (p < PartPrimary || p > PartComments) {
				t.Fatalf("DetectCSV gave part %v", p)
			}
		}
		set := CSVSet{
			Primary:  CSVFile{"sdn.csv", bytes.NewReader(primary)},
			Alt:      CSVFile{"alt.csv", bytes.NewReader(alt)},
			Address:  CSVFile{"add.csv", bytes.NewReader(add)},
			Comments: CSVFile{"sdn_comments.csv", bytes.NewReader(comments)},
		}
		l, err := ParseCSV(SourceSDN, set)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ofac: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		checkLoad(t, l)
		for _, r := range l.Rejects {
			if r.File == "" || r.Line < 1 || r.Reason == "" {
				t.Fatalf("reject without place: %+v", r)
			}
		}
	})
}

// FuzzRemarks feeds arbitrary remark text to the remark parser for each
// kind of entity.
func FuzzRemarks(f *testing.F) {
	f.Add("DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; Passport A1 (Iran) issued 01 Jan 2001; a.k.a. 'X'; Linked To: Y.")
	f.Fuzz(func(t *testing.T, remark string) {
		for _, k := range []interdict.Kind{interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel} {
			b := newBuilder()
			e := &interdict.Entity{ID: "ofac-sdn:1", Source: SourceSDN, Kind: k}
			e.AddName(interdict.Name{Full: "X", Type: interdict.NamePrimary})
			b.applyRemarks(e, remark)
			b.notes()
			checkLoad(t, &interdict.ListLoad{Source: SourceSDN, Records: 1, Entities: []*interdict.Entity{e}})
		}
	})
}
