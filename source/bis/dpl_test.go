package bis

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

func TestParseDPLReal(t *testing.T) {
	path := shared.Data(t, "us_bis_dpl", "dpl.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := ParseDPL(f, "dpl.txt")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	got := l.Stats()
	want := interdict.Stats{
		Records: 581, Entities: 575, Names: 590, Rejects: 0,
		ByKind: map[interdict.Kind]int{interdict.KindPerson: 428, interdict.KindOrganization: 143, interdict.KindUnknown: 4},
	}
	if got.Records != want.Records || got.Entities != want.Entities || got.Names != want.Names ||
		got.Identifiers != 0 || got.Links != 0 || got.Rejects != want.Rejects {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	for k, n := range want.ByKind {
		if got.ByKind[k] != n {
			t.Errorf("%s = %d, want %d", k, got.ByKind[k], n)
		}
	}
	if l.Source != "us-dpl" || l.Published != "2022-09-02" {
		t.Errorf("source %q published %q", l.Source, l.Published)
	}
	// The country table grows; "PRC" is the one string the first table
	// did not know.
	if _, ok := country.Code("PRC"); !ok {
		if !slices.Contains(l.Notes, `1 country string not recognised: "PRC" (2 rows: lines 287, 449)`) {
			t.Errorf("missing PRC note in %q", l.Notes)
		}
	}
	wantNotes := []string{
		`3 Last_Update values cannot be right and were left out of the publication date: "0222-05-18" (line 35), "2922-09-01" (line 306), "3017-08-22" (line 343)`,
		`1 US state code in the Country column read as a US address: "NM" (line 521)`,
		`187 rows give a US state and no Country, read as US addresses`,
	}
	for _, n := range wantNotes {
		if !slices.Contains(l.Notes, n) {
			t.Errorf("missing note %q in %q", n, l.Notes)
		}
	}

	tests := []struct {
		primary string
		n       int // entities with this primary name
		id      string
		kind    interdict.Kind
		names   []string
		country string
		listed  string
	}{
		{"I. ASH", 3, "us-dpl:5300e85279dcfe41", interdict.KindPerson, []string{"primary:I. ASH"}, "US", "2003-06-19"},
		{"PEARL LI", 1, "us-dpl:9eb634e9dcf796ac", interdict.KindPerson, []string{"primary:PEARL LI", "aka:NEI-CHIEN CHU"}, "US", "2006-06-23"},
		{"SIBERIAN AIRLINES", 1, "us-dpl:833d4622b78f860b", interdict.KindOrganization, []string{"primary:SIBERIAN AIRLINES", "aka:S7 AIRLINES"}, "", "2022-06-24"},
		{"AL NASER AIRLINES", 4, "us-dpl:fe0dacd7a38ba571", interdict.KindOrganization, []string{"primary:AL NASER AIRLINES", "aka:AL-NASER AIRLINES"}, "IQ", "2022-05-13"},
		{"STEPHEN EDWARD SMITH", 1, "us-dpl:da2e7d0669b5570b", interdict.KindPerson, []string{"primary:STEPHEN EDWARD SMITH"}, "US", "2018-04-06"},
		{"SAMMY ELASHI", 1, "us-dpl:8b27a6edb3b14b5f", interdict.KindPerson, []string{"primary:SAMMY ELASHI", "aka:IHSAN MEDHAT ELASHI"}, "US", "2001-09-06"},
		{"JOHNSON HU", 1, "us-dpl:5ccdb6d55b8b45e1", interdict.KindPerson, []string{"primary:JOHNSON HU"}, "", "2016-02-03"},
		{"ZIMO SHENG", 2, "", interdict.KindPerson, []string{"primary:ZIMO SHENG"}, "US", "2020-03-16"},
		{"KZ RESULTS", 2, "", interdict.KindUnknown, []string{"primary:KZ RESULTS"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			es := byPrimary(l, tt.primary)
			if len(es) != tt.n {
				t.Fatalf("%d entities, want %d", len(es), tt.n)
			}
			e := es[0]
			if tt.id != "" && e.ID != tt.id {
				t.Errorf("id %s, want %s", e.ID, tt.id)
			}
			if e.Kind != tt.kind {
				t.Errorf("kind %s, want %s", e.Kind, tt.kind)
			}
			if got := loadtest.Names(e); !slices.Equal(got, tt.names) {
				t.Errorf("names %q, want %q", got, tt.names)
			}
			if tt.country != "" && (len(e.Addresses) == 0 || e.Addresses[0].Country != tt.country) {
				t.Errorf("addresses %+v, want country %s", e.Addresses, tt.country)
			}
			if tt.listed != "" && e.ListedOn.String() != tt.listed {
				t.Errorf("listed %s, want %s", e.ListedOn, tt.listed)
			}
			if !slices.Equal(e.Programs, []string{"Denied Persons List"}) {
				t.Errorf("programs %q", e.Programs)
			}
		})
	}
}

func TestParseDPLEdge(t *testing.T) {
	l, err := ParseDPL(loadtest.Fixture(t, "dpl_edge.txt"), "testdata/dpl_edge.txt")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	if l.Records != 16 || len(l.Entities) != 13 || len(l.Rejects) != 2 {
		t.Fatalf("records %d entities %d rejects %v", l.Records, len(l.Entities), l.Rejects)
	}
	wantRejects := []string{
		"testdata/dpl_edge.txt:13: empty Name",
		"testdata/dpl_edge.txt:14: 2 fields, want 12 as in the header",
	}
	for i, r := range l.Rejects {
		if r.Error() != wantRejects[i] {
			t.Errorf("reject %d = %q, want %q", i, r.Error(), wantRejects[i])
		}
	}
	if l.Published != "2022-06-29" {
		t.Errorf("published %q", l.Published)
	}
	for _, n := range []string{
		`3 Last_Update values cannot be right and were left out of the publication date: "3017-08-22" (line 9), "0222-05-18" (line 12), "2004-02-30" (line 15)`,
		`1 Effective_Date value cannot be read: "13/45/2004" (line 15)`,
		`1 non-US State with no Country kept as a region without a country: "CY" (line 9)`,
		`1 row repeats an earlier row's id and was merged into it: "AL-NASER AIRLINES" (line 12)`,
		`1 country string not recognised: "ATLANTIS" (line 17)`,
	} {
		if !slices.Contains(l.Notes, n) {
			t.Errorf("missing note %q in %q", n, l.Notes)
		}
	}
	tests := []struct {
		primary string
		names   []string
		kind    interdict.Kind
		addr    interdict.Address
		titles  []string
		remarks string
	}{
		{"IHSAN MEDHAT ELASHI", []string{"primary:IHSAN MEDHAT ELASHI", "aka:SAMMY ELASHI"}, interdict.KindPerson,
			interdict.Address{Street: "316 CANDLEWOOD PLACE", City: "RICHARDSON", Region: "TX", PostalCode: "75081", Country: "US"}, nil,
			"Expires 2056-06-29; Standard order: Y; Action: 50 YEAR DENIAL; Federal Register: 67 F.R. 56530 9/4/02"},
		{"SOCCER ZONE", []string{"primary:SOCCER ZONE", "aka:MNC GROUP INTERNATIONAL, INC."}, interdict.KindOrganization,
			interdict.Address{Street: "3334 WALNUT BEND LANE", City: "HOUSTON", Region: "TX", PostalCode: "77042", Country: "US"}, nil, ""},
		{"ADT ANALOG AND DIGITAL TECHNIK", []string{"primary:ADT ANALOG AND DIGITAL TECHNIK"}, interdict.KindOrganization,
			interdict.Address{Street: "8019 NIEDERSEEON, HOUSE 21", Country: "DE"}, nil,
			"Standard order: Y; Federal Register: 46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81"},
		{"STEPHEN EDWARD SMITH", []string{"primary:STEPHEN EDWARD SMITH"}, interdict.KindPerson,
			interdict.Address{Street: "INMATE NUMBER: 30819-408, FCI LA TUNA, P.O. Box 3000", City: "ANTHONY", Region: "NM", PostalCode: "88021", Country: "US"}, nil, ""},
		{"MITA ZAREK", []string{"primary:MITA ZAREK"}, interdict.KindPerson,
			interdict.Address{Street: "P.O. BOX 23973", City: "1687 NICOSIA", Region: "CY"}, nil, ""},
		{"ZORAN ATLAS", []string{"primary:ZORAN ATLAS"}, interdict.KindPerson,
			interdict.Address{Street: "1 HARBOUR ROAD", City: "POSEIDONIA"}, nil, ""},
		{"AL NASER AIRLINES", []string{"primary:AL NASER AIRLINES", "aka:AL-NASER AIRLINES"}, interdict.KindOrganization,
			interdict.Address{Street: "P.O. BOX 28360", City: "DUBAI", Country: "AE"}, nil, ""},
		{"CAPTAIN ELYAZGI", []string{"primary:CAPTAIN ELYAZGI"}, interdict.KindPerson,
			interdict.Address{Street: "P.O. BOX 1234", City: "TRIPOLI", Country: "LY"}, []string{"CAPTAIN"},
			"Standard order: N; Action: NON STANDARD DENIAL"},
		{"KZ RESULTS", []string{"primary:KZ RESULTS"}, interdict.KindUnknown,
			interdict.Address{Street: "UNIT 5", City: "LONDON", Country: "GB"}, nil,
			"Expires 2029-01-02; Standard order: Y; Action: F.R. NOTICE ADDED; Federal Register: 84 F.R. 1234"},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			es := byPrimary(l, tt.primary)
			if len(es) != 1 {
				t.Fatalf("%d entities", len(es))
			}
			e := es[0]
			if got := loadtest.Names(e); !slices.Equal(got, tt.names) {
				t.Errorf("names %q, want %q", got, tt.names)
			}
			if e.Kind != tt.kind {
				t.Errorf("kind %s, want %s", e.Kind, tt.kind)
			}
			if len(e.Addresses) != 1 || e.Addresses[0] != tt.addr {
				t.Errorf("addresses %+v, want %+v", e.Addresses, tt.addr)
			}
			if !slices.Equal(e.Titles, tt.titles) {
				t.Errorf("titles %q, want %q", e.Titles, tt.titles)
			}
			if tt.remarks != "" && e.Remarks != tt.remarks {
				t.Errorf("remarks %q, want %q", e.Remarks, tt.remarks)
			}
		})
	}
}

func TestParseDPLVariants(t *testing.T) {
	tests := []struct {
		file    string
		primary string
		note    string
	}{
		{"dpl_crlf_unquoted.txt", "ZIMO SHENG", ""},
		{"dpl_cp1252.txt", "GUI’AN TRADING CO., LTD.", "file is not valid UTF-8; read as Windows-1252"},
		{"dpl_c1.txt", "GUI’AN TRADING CO., LTD.", "1 C1 control characters read as Windows-1252 punctuation"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			l, err := ParseDPL(loadtest.Fixture(t, tt.file), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entities) != 1 || l.Entities[0].PrimaryName() != tt.primary {
				t.Fatalf("entities %v", l.Entities)
			}
			if tt.note != "" && !slices.Contains(l.Notes, tt.note) {
				t.Errorf("notes %q, want %q", l.Notes, tt.note)
			}
		})
	}
}

func TestParseDPLBad(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "bis: in.txt: empty file, want a header line"},
		{"header only", "", "bis: testdata/dpl_header_only.txt: header only, no data rows"},
		{"truncated", "", "bis: testdata/dpl_truncated.txt line 4: file ends inside this row, truncated?"},
		{"utf16", "", "bis: testdata/dpl_utf16.txt: UTF-16 or binary data"},
		{"other schema", "Type,Name,Alias,Country\nOrganization,X,,CU\n", `bis: in.txt line 1: missing column "Name": not a BIS Denied Persons List (dpl.txt)`},
		{"bad header quote", "\"Name\t\"Street\n", "bis: in.txt line 1: header:"},
	}
	files := map[string]string{
		"header only": "dpl_header_only.txt",
		"truncated":   "dpl_truncated.txt",
		"utf16":       "dpl_utf16.txt",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if f, ok := files[tt.name]; ok {
				_, err = ParseDPL(loadtest.Fixture(t, f), "testdata/"+f)
			} else {
				_, err = ParseDPL(strings.NewReader(tt.input), "in.txt")
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestDetectDPL(t *testing.T) {
	real := "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n\"X\""
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"dpl.txt", real, true},
		{"renamed.dat", "\xEF\xBB\xBF" + real, true},
		{"dpl.txt", strings.ReplaceAll(real, `"`, ""), true},
		{"dpl.txt", strings.ReplaceAll(real, "\t", ","), false},
		{"dpl.txt", "Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL\n", false},
		{"dpl.txt", "", false},
	}
	for _, tt := range tests {
		if got := DetectDPL(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("DetectDPL(%q, %.30q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

// TestPublishedClock pins the clock: a Last_Update after today is a
// typing slip like year 3017 and must not become the publication date.
func TestPublishedClock(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2022, 6, 20, 12, 0, 0, 0, time.UTC) }
	l, err := ParseDPL(loadtest.Fixture(t, "dpl_edge.txt"), "dpl_edge.txt")
	if err != nil {
		t.Fatal(err)
	}
	if l.Published != "2022-05-18" {
		t.Errorf("published %q, want 2022-05-18", l.Published)
	}
}
