package eu

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse. It must never panic, and a
// load it returns must hold together: every record is an entity or a
// reject, every entity is named and well-formed. Seeds are in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect("f.xml", data)
		l, err := Parse(bytes.NewReader(data), "f.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "eu: f.xml: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if l.Records != len(l.Entities)+len(l.Rejects) {
			t.Fatalf("records %d != %d entities + %d rejects", l.Records, len(l.Entities), len(l.Rejects))
		}
		ids := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "eu:") || len(e.ID) == 3 || ids[e.ID] {
				t.Fatalf("bad or repeated id %q", e.ID)
			}
			ids[e.ID] = true
			if len(e.Names) == 0 || e.PrimaryName() == "" || e.Names[0].Type != "primary" {
				t.Fatalf("%s: no primary name: %+v", e.ID, e.Names)
			}
			for _, d := range append(e.BirthDates, e.ListedOn) {
				if !d.Valid() || (d.Year != 0 && d.Year < 1000) {
					t.Fatalf("%s: invalid date %+v", e.ID, d)
				}
			}
			for _, k := range e.Links {
				if k.OtherName == "" || k.Type == "" {
					t.Fatalf("%s: bad link %+v", e.ID, k)
				}
			}
			for _, id := range e.Identifiers {
				if id.Value == "" || id.Type == "" {
					t.Fatalf("%s: bad identifier %+v", e.ID, id)
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
