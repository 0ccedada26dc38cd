package csl

import (
	"bytes"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// TestParsePreamble reads both real layouts with a line before the header,
// as re-exports write one: the same loads, lines one further down.
func TestParsePreamble(t *testing.T) {
	for _, tt := range []struct {
		file, format string
		records      int
	}{
		{"consolidated.csv", formatCurrent, 13},
		{"csl.csv", formatOlder, 115},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := loadtest.ReadFile(t, shared.Data(t, "us_csl_samples", tt.file))
			want, err := Parse(bytes.NewReader(data), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			in := append([]byte("Consolidated Screening List - Last updated 2024-06-01\n"), data...)
			if !Detect("renamed.txt", in[:min(len(in), 64<<10)]) {
				t.Error("Detect misses a header on line 2")
			}
			l, err := Parse(bytes.NewReader(in), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			loadtest.Check(t, l)
			loadtest.Shifted(t, l, want, 1)
			if s := l.Stats(); s.Records != tt.records || s.Entities != tt.records || l.Format != tt.format {
				t.Errorf("format %q stats %+v", l.Format, s)
			}
		})
	}
}

// TestMissingColumns: a header that is recognisably the CSL but lacks
// columns both layouts have is detected, and Parse names them.
func TestMissingColumns(t *testing.T) {
	const in = "_id,source,entity_number,programs,name\n1,Entity List (EL) - Bureau of Industry and Security,,EAR,A Co. Ltd.\n"
	for _, tt := range []struct{ pre, want string }{
		{"", "csl: consolidated.csv line 1: missing columns type, addresses, alt_names, ids"},
		{"Exported from data.trade.gov\n\n", "csl: consolidated.csv line 3: missing columns type, addresses, alt_names, ids"},
	} {
		if !Detect("consolidated.csv", []byte(tt.pre+in)) {
			t.Errorf("%q: not detected", tt.pre)
		}
		if _, err := Parse(strings.NewReader(tt.pre+in), "consolidated.csv"); err == nil || err.Error() != tt.want {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}
