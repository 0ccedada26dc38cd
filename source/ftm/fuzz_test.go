package ftm

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Detect and Parse. Neither may panic,
// and a load must be consistent: ids in the ftm namespace, rejects inside
// the input's lines, no more entities than records.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect("in.json", data)
		l, err := Parse(bytes.NewReader(data), "in.json")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ftm: in.json") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if len(l.Entities)+len(l.Rejects) > l.Records {
			t.Fatalf("%d entities and %d rejects from %d records", len(l.Entities), len(l.Rejects), l.Records)
		}
		for _, r := range l.Rejects {
			if r.File != "in.json" || r.Line < 1 || r.Line > lines || r.Reason == "" {
				t.Fatalf("bad reject %+v (%d lines)", r, lines)
			}
		}
		seen := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "ftm:") || e.Source != Source || seen[e.ID] {
				t.Fatalf("bad or repeated entity id %q source %q", e.ID, e.Source)
			}
			seen[e.ID] = true
			for _, lk := range e.Links {
				if lk.OtherID != "" && !strings.HasPrefix(lk.OtherID, "ftm:") {
					t.Fatalf("link outside the ftm namespace: %+v", lk)
				}
				if lk.OtherID == "" && lk.OtherName == "" {
					t.Fatalf("link with neither name nor id: %+v", lk)
				}
			}
		}
	})
}

// FuzzParseSimple feeds arbitrary bytes to DetectSimple and ParseSimple.
// Neither may panic, and every record read must be an entity or a
// reject, with ids under the load's source.
func FuzzParseSimple(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectSimple("targets.simple.csv", data)
		l, err := ParseSimple(bytes.NewReader(data), "in.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ftm: in.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if len(l.Entities)+len(l.Rejects) != l.Records {
			t.Fatalf("%d entities + %d rejects != %d records", len(l.Entities), len(l.Rejects), l.Records)
		}
		if l.Source == "" {
			t.Fatal("no source")
		}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, l.Source+":") || e.Source != l.Source || e.PrimaryName() == "" {
				t.Fatalf("entity %q source %q name %q in load %q", e.ID, e.Source, e.PrimaryName(), l.Source)
			}
		}
		for _, r := range l.Rejects {
			if r.File != "in.csv" || r.Line < 2 || r.Reason == "" {
				t.Fatalf("bad reject %+v", r)
			}
		}
	})
}
