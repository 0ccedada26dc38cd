package server

import (
	"testing"

	"github.com/interdict/interdict/store"
)

func TestSameFiles(t *testing.T) {
	rec := []store.ListFiles{
		{Source: "un", Files: []store.ListFile{{Name: "un/UN.xml", SHA256: "aa"}}},
		{Source: "ofac-sdn", Files: []store.ListFile{{Name: "sdn/sdn.csv", SHA256: "bb"}, {Name: "sdn/alt.csv", SHA256: "cc"}}},
	}
	for _, tc := range []struct {
		name string
		got  []store.ListFiles
		file string
		ok   bool
	}{
		{"same", rec, "", true},
		{"one file differs", []store.ListFiles{
			{Source: "un", Files: []store.ListFile{{Name: "un/UN.xml", SHA256: "aa"}}},
			{Source: "ofac-sdn", Files: []store.ListFile{{Name: "sdn/sdn.csv", SHA256: "bb"}, {Name: "sdn/alt.csv", SHA256: "cd"}}},
		}, "sdn/alt.csv", false},
		{"hash unknown here", []store.ListFiles{
			{Source: "un", Files: []store.ListFile{{Name: "un/UN.xml"}}},
		}, "", true},
		{"same name, other source", []store.ListFiles{
			{Source: "eu", Files: []store.ListFile{{Name: "un/UN.xml", SHA256: "zz"}}},
		}, "", true},
	} {
		file, ok := sameFiles(rec, tc.got)
		if file != tc.file || ok != tc.ok {
			t.Errorf("%s: sameFiles = %q, %v; want %q, %v", tc.name, file, ok, tc.file, tc.ok)
		}
	}
}
