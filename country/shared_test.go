package country

import (
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// TestSharedCountryFields re-reads the plain country fields of the list
// files in ../shared/data (skipping when they are absent) and checks that
// every value is in testdata/values.tsv, so a newer file with a new
// spelling fails here rather than as an unrecognised country in a load.
// Free-text fields (places of birth, addresses, remarks) and spreadsheets
// are left to testdata/extract/extract.py.
func TestSharedCountryFields(t *testing.T) {
	known := map[string]bool{}
	for _, v := range loadValues(t) {
		known[v.s] = true
	}
	check := func(file, field, s string) {
		t.Helper()
		s = strings.TrimSpace(s)
		if s == "" || s == "-0-" || known[s] {
			return
		}
		known[s] = true // report once
		c, ok := Code(s)
		t.Errorf("%s %s: %q is not in testdata/values.tsv (Code gives %q, %v); run testdata/extract/extract.py and review it", file, field, s, c, ok)
	}

	xmlFields := func(rel string, fields map[string]bool, parent map[string]string) {
		t.Run(rel, func(t *testing.T) {
			f := shared.Open(t, strings.Split(rel, "/")...)
			d := xml.NewDecoder(f)
			var stack []string
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", rel, err)
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					stack = append(stack, tok.Name.Local)
				case xml.EndElement:
					stack = stack[:len(stack)-1]
				case xml.CharData:
					if len(stack) == 0 {
						continue
					}
					name := stack[len(stack)-1]
					if p, ok := parent[name]; ok && (len(stack) < 2 || stack[len(stack)-2] != p) {
						continue
					}
					if fields[name] {
						check(rel, name, string(tok))
					}
				}
			}
		})
	}
	xmlFields("un_consolidated/UN_consolidated.xml",
		map[string]bool{"COUNTRY": true, "ISSUING_COUNTRY": true, "COUNTRY_OF_ISSUE": true, "COUNTRY_OF_BIRTH": true, "VALUE": true},
		map[string]string{"VALUE": "NATIONALITY"})
	xmlFields("canada_sema/cannada.xml", map[string]bool{"Country": true}, nil)
	xmlFields("ofac_consolidated_nonsdn/ofac.xml", map[string]bool{"country": true, "idCountry": true}, nil)

	csvColumn := func(rel string, comma rune, header bool, col string, idx int, split string) {
		t.Run(rel, func(t *testing.T) {
			p := shared.Data(t, strings.Split(rel, "/")...)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(strings.NewReader(string(b)))
			r.Comma = comma
			r.FieldsPerRecord = -1
			r.LazyQuotes = true
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			if header && len(rows) > 0 {
				idx = -1
				for i, h := range rows[0] {
					if h == col {
						idx = i
					}
				}
				if idx < 0 {
					t.Fatalf("%s: no column %q", rel, col)
				}
				rows = rows[1:]
			}
			for _, row := range rows {
				if idx >= len(row) {
					continue
				}
				vals := []string{row[idx]}
				if split != "" {
					vals = strings.Split(row[idx], split)
				}
				for _, v := range vals {
					check(rel, col, v)
				}
			}
		})
	}
	csvColumn("ofac_sdn_aux_2025-12-24/add.csv", ',', false, "Country", 4, "")
	csvColumn("ofac_sdn_2021-07-07/add.csv", ',', false, "Country", 4, "")
	csvColumn("ofac_consolidated_nonsdn/cons_add.csv", ',', false, "Country", 4, "")
	csvColumn("us_bis_dpl/dpl.txt", '\t', true, "Country", 0, "")
	csvColumn("us_bis_mieu/mieu.csv", ',', true, "Country", 0, "")
	csvColumn("opensanctions_ua_war_sanctions/targets.simple.csv", ',', true, "countries", 0, ";")
	csvColumn("negatives_yente_synthetic/negatives_global.csv", ',', true, "nationality", 0, "")
	csvColumn("negatives_yente_synthetic/negatives_us.csv", ',', true, "nationality", 0, "")
}
