package au

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// fuzzRows turns fuzz text into sheet rows: one row per line, cells split
// by tabs, under the DFAT header.
func fuzzRows(data string) (*parser, [][]string) {
	p := newParser("fuzz.xlsx")
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = c.(string)
	}
	p.cols, _, _ = findColumns(h)
	var rows [][]string
	for _, line := range strings.Split(data, "\n") {
		rows = append(rows, strings.Split(line, "\t"))
	}
	return p, rows
}

// FuzzParse feeds arbitrary rows (the cells a workbook would give, one
// line per row, tab-separated, in header order) through the row and
// entity building that Parse does after excelize has read the sheet.
// Whole workbooks are not fuzzed: the zip and XML layers are excelize's.
func FuzzParse(f *testing.F) {
	f.Add("1\tX\tIndividual\tPrimary Name\t\t24473\ta) P b) Q\tRussia\tMoscow, Russia\tTAi.002.\tListed on 5 May 2001\t\t1988 (Taliban)\t46058")
	f.Fuzz(func(t *testing.T, data string) {
		p, rows := fuzzRows(data)
		for i, r := range rows {
			p.row(r, i+2)
		}
		l := p.finish()
		if l.Records < len(l.Rejects) || l.Records > len(rows) {
			t.Fatalf("records %d, rejects %d, rows %d", l.Records, len(l.Rejects), len(rows))
		}
		seen := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "au:") || seen[e.ID] {
				t.Fatalf("bad or repeated id %q", e.ID)
			}
			seen[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary {
				t.Fatalf("%s: no primary name first: %+v", e.ID, e.Names)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("%s: invalid birth date %+v", e.ID, d)
				}
			}
		}
	})
}

// FuzzBirthDates checks that every date read from a Date of Birth cell is
// a valid, plausible date.
func FuzzBirthDates(f *testing.F) {
	for _, s := range []string{"24473", "Approximately 1960, 1966", "5 May 1957; Between 1963 and 1968\n27/05/1973 01/01/1975", "1980.1981", "/02/1961"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ds, bad := parseBirthDates(s)
		for _, d := range ds {
			if !d.Valid() || d.Year < minYear || d.Year > maxYear {
				t.Fatalf("parseBirthDates(%q) gave %+v", s, d)
			}
		}
		for _, b := range bad {
			if b == "" {
				t.Fatalf("parseBirthDates(%q) reported an empty piece", s)
			}
		}
		if d, ok := listingDate(s); ok && !d.Valid() {
			t.Fatalf("listingDate(%q) = %+v", s, d)
		}
		controlDate(s)
	})
}

// FuzzPlaces checks the place, country and note splitters never panic and
// never return empty pieces.
func FuzzPlaces(f *testing.F) {
	for _, s := range []string{"a) Quetta, Pakistan b) Kabul", "Somalia: Sweden", "x, y; Phone 123 (as at 2014)", "Previous names include A and B", "TAi.002."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, list := range [][]string{splitEnumerated(s), splitCountries(s), splitAddresses(s), previousNames(s)} {
			for _, x := range list {
				if x == "" {
					t.Fatalf("empty piece from %q", s)
				}
			}
		}
		if code, _, _ := addressCountry(s); code != "" && len(code) != 2 {
			t.Fatalf("addressCountry(%q) = %q", s, code)
		}
		if ref := unReference(s); !strings.HasPrefix(strings.TrimSpace(s), ref) {
			t.Fatalf("unReference(%q) = %q", s, ref)
		}
	})
}
