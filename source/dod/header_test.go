package dod

import (
	"bytes"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// TestParsePreamble reads the real transcription with a line before its
// header: the same load, lines one further down.
func TestParsePreamble(t *testing.T) {
	data := loadtest.ReadFile(t, shared.Data(t, "us_dod_1260h_chinese_military_companies", "sanctions.csv"))
	want, err := Parse(bytes.NewReader(data), "sanctions.csv")
	if err != nil {
		t.Fatal(err)
	}
	in := append([]byte("Entities identified under Section 1260H, as of 2026-06-08\n"), data...)
	if !Detect("renamed.csv", in[:min(len(in), 64<<10)]) {
		t.Error("Detect misses a header on line 2")
	}
	l, err := Parse(bytes.NewReader(in), "sanctions.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	loadtest.Shifted(t, l, want, 1)
	if s := l.Stats(); s.Records != 397 || s.Entities != 204 || s.Names != 316 || s.Links != 128 {
		t.Errorf("stats %+v", s)
	}
}

// TestMissingColumns: a header that is recognisably the transcription but
// lacks columns the parser needs is detected, and Parse names them.
func TestMissingColumns(t *testing.T) {
	const in = "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Source Url\nCNOOC Limited*,CNOOC Limited,,,,,\n"
	if !Detect("sanctions.csv", []byte(in)) {
		t.Error("not detected")
	}
	const want = "dod: sanctions.csv line 1: missing columns Start date, End date"
	if _, err := Parse(strings.NewReader(in), "sanctions.csv"); err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}
