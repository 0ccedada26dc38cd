package un

import (
	"bytes"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// FuzzParse feeds arbitrary bytes to Parse. It must never panic, and a
// load it returns must hold together: every record is an entity or a
// reject, every entity is named and well-formed, every link points into
// the load. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect("f.xml", data)
		l, err := Parse(bytes.NewReader(data), "f.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "un: f.xml: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if l.Records != len(l.Entities)+len(l.Rejects) {
			t.Fatalf("records %d != %d entities + %d rejects", l.Records, len(l.Entities), len(l.Rejects))
		}
		ids := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "un:") || len(e.ID) == 3 || ids[e.ID] {
				t.Fatalf("bad or repeated id %q", e.ID)
			}
			ids[e.ID] = true
			if len(e.Names) == 0 || e.PrimaryName() == "" {
				t.Fatalf("%s: no name", e.ID)
			}
			for _, d := range append(e.BirthDates, e.ListedOn) {
				if !d.Valid() {
					t.Fatalf("%s: invalid date %+v", e.ID, d)
				}
			}
		}
		for _, e := range l.Entities {
			for _, k := range e.Links {
				if !ids[k.OtherID] || k.OtherID == e.ID || k.OtherName == "" {
					t.Fatalf("%s: bad link %+v", e.ID, k)
				}
			}
		}
		for _, r := range l.Rejects {
			if r.File != "f.xml" || r.Line <= 0 || r.Reason == "" {
				t.Fatalf("bad reject %+v", r)
			}
		}
	})
}

// FuzzRemarkRefs feeds arbitrary remarks to the link reader, the most
// intricate text handling here. Seeds are in testdata/fuzz/FuzzRemarkRefs.
func FuzzRemarkRefs(f *testing.F) {
	f.Fuzz(func(t *testing.T, remark string, individual bool) {
		seen := map[string]bool{}
		for _, r := range remarkRefs(remark, "QDi.001", individual) {
			if r.key == "QDi.001" || seen[r.key] || len(r.key) != 7 || r.typ == "" || r.words == "" {
				t.Fatalf("bad ref %+v", r)
			}
			seen[r.key] = true
			if !individual && (r.typ == interdict.LinkFamily || r.typ == interdict.LinkDirects) {
				t.Fatalf("entity with a person-only link %+v", r)
			}
			namesObject(r.object, &interdict.Entity{Names: []interdict.Name{{Full: remark}}})
		}
	})
}
