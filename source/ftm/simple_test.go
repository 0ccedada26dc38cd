package ftm

import (
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// TestParseSimpleRealFile checks the exact counts of the ua_war_sanctions
// targets.simple.csv and a few of its rows.
func TestParseSimpleRealFile(t *testing.T) {
	l := parseFile(t, simpleParse, shared.Data(t, "opensanctions_ua_war_sanctions", "targets.simple.csv"))
	s := l.Stats()
	want := interdict.Stats{
		Records: 5600, Entities: 5600,
		ByKind:      map[interdict.Kind]int{interdict.KindPerson: 1543, interdict.KindOrganization: 2717, interdict.KindVessel: 1340},
		Names:       13330,
		Identifiers: 8743,
	}
	if s.Records != want.Records || s.Entities != want.Entities || s.Names != want.Names ||
		s.Identifiers != want.Identifiers || s.Links != 0 || s.Rejects != 0 || len(s.ByKind) != len(want.ByKind) {
		t.Errorf("stats = %+v, want %+v", s, want)
	}
	for k, n := range want.ByKind {
		if s.ByKind[k] != n {
			t.Errorf("%s: %d, want %d", k, s.ByKind[k], n)
		}
	}
	if l.Source != "ua-war" || l.Published != "2026-03-13" || l.Format != FormatSimple {
		t.Errorf("source %q published %q format %q", l.Source, l.Published, l.Format)
	}
	addresses, births, remarks := 0, 0, 0
	for _, e := range l.Entities {
		addresses += len(e.Addresses)
		births += len(e.BirthDates)
		if e.Remarks != "" {
			remarks++
		}
		if !strings.HasPrefix(e.ID, "ua-war:") || e.Source != "ua-war" || e.AltKeys[0] != "ftm:"+strings.TrimPrefix(e.ID, "ua-war:") {
			t.Fatalf("entity %s: source %q alt keys %v", e.ID, e.Source, e.AltKeys)
		}
	}
	if addresses != 1322 || births != 1491 || remarks != 2334 {
		t.Errorf("addresses %d birth dates %d remarks %d, want 1322 1491 2334", addresses, births, remarks)
	}
	for _, n := range []string{
		"5,600 rows: 1,543 Person, 1,524 Company, 1,340 Vessel, 1,193 LegalEntity",
		`source ua-war from dataset "Ukraine War and Sanctions"`,
		"identifier types inferred from their shape: 2,375 INN, 1,515 IMO company number, 1,337 IMO number, 1,224 OGRN, 1,043 Call sign, 1,031 MMSI, 144 Tax number, 57 Identifier, 17 SNILS",
	} {
		if !hasNote(l, n) {
			t.Errorf("no note %q in %q", n, l.Notes)
		}
	}
	if len(l.Notes) != 3 {
		t.Errorf("notes = %q", l.Notes)
	}

	v := entity(t, l, "ua-war:NK-24cf2zYe7LEKhr2zFck73j")
	if v.Kind != interdict.KindVessel || v.PrimaryName() != "ROSALIN" || len(v.Names) != 4 ||
		!slices.Equal(v.Countries, []string{"LR", "PA", "SG", "ST"}) || !slices.Equal(v.Programs, []string{"UA-WS-MARE"}) ||
		!slices.Equal(v.Identifiers, []interdict.Identifier{{Type: interdict.IDIMO, Value: "IMO9253325", Label: "IMO number"}}) {
		t.Errorf("ROSALIN = %+v", v)
	}
	o := entity(t, l, "ua-war:NK-28mqu8V3AzembAmAfehWPd")
	if !hasIdentifier(o, interdict.IDRegistration, "1125042006462") || !hasIdentifier(o, interdict.IDTax, "5042126251") ||
		len(o.Addresses) != 1 || !strings.HasPrefix(o.Remarks, "A russian developer of pyrotechnic products.") {
		t.Errorf("KRASNOZAVODSKY = %+v", o)
	}
	p := entity(t, l, "ua-war:NK-29njFUEpfdb6449xarJxnw")
	if !strings.HasSuffix(p.Remarks, `namely: "Frontovoye 4 settlement"`) {
		t.Errorf("quotes inside a sanctions value: remarks = %q", p.Remarks)
	}
	putin := entity(t, l, "ua-war:Q7747")
	if !strings.HasPrefix(putin.Remarks, "In 2014, under putin's leadership") ||
		!slices.Equal(putin.BirthDates, []interdict.Date{{Year: 1952, Month: 10, Day: 7}}) ||
		!hasIdentifier(putin, interdict.IDTax, "711813038431") {
		t.Errorf("Q7747 = %+v", putin)
	}
	if two := entity(t, l, "ua-war:NK-kZjqDJTdUY8C8SabCkBFEq"); len(two.BirthDates) != 2 {
		t.Errorf("two birth dates: %v", two.BirthDates)
	}
}

// TestParseSimpleEdgeFixture reads testdata/edge.simple.csv: a BOM, values
// quoted inside cells, identifier shapes, and bad rows.
func TestParseSimpleEdgeFixture(t *testing.T) {
	l := parseFile(t, simpleParse, "testdata/edge.simple.csv")
	if l.Records != 10 || len(l.Entities) != 4 || l.Source != "ua-war" || l.Published != "2026-03-14" {
		t.Errorf("records %d entities %d source %q published %q", l.Records, len(l.Entities), l.Source, l.Published)
	}
	wantRejects := []interdict.Reject{
		{File: "testdata/edge.simple.csv", Line: 5, Reason: "duplicate id NK-p1 (first on line 3)"},
		{File: "testdata/edge.simple.csv", Line: 6, Reason: "Company NK-x1 has no name"},
		{File: "testdata/edge.simple.csv", Line: 8, Reason: "no id"},
		{File: "testdata/edge.simple.csv", Line: 9, Reason: "wrong number of fields (want 16)"},
		{File: "testdata/edge.simple.csv", Line: 10, Reason: "not valid UTF-8 (the format is UTF-8)"},
		{File: "testdata/edge.simple.csv", Line: 11, Reason: `broken CSV quoting: extraneous or missing " in quoted-field`},
	}
	if !slices.Equal(l.Rejects, wantRejects) {
		t.Errorf("rejects = %v\nwant %v", l.Rejects, wantRejects)
	}
	v := entity(t, l, "ua-war:NK-v1")
	var names []string
	for _, n := range v.Names {
		names = append(names, n.Full)
	}
	if !slices.Equal(names, []string{"SEA STAR", "Star; of the Sea", `The "Star"`}) {
		t.Errorf("vessel names = %q", names)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDMMSI, Value: "273000000", Label: "MMSI"},
		{Type: interdict.IDIMO, Value: "IMO1234567", Label: "IMO number"},
		{Type: interdict.IDCallSign, Value: "UABC", Label: "Call sign"},
	}
	if !slices.Equal(v.Identifiers, wantIDs) || v.Remarks != "" {
		t.Errorf("vessel identifiers %+v remarks %q", v.Identifiers, v.Remarks)
	}
	p := entity(t, l, "ua-war:NK-p1")
	wantIDs = []interdict.Identifier{
		{Type: interdict.IDTax, Value: "1234567890", Label: "Tax number"},
		{Type: interdict.IDNational, Value: "12345678901", Label: "SNILS"},
		{Type: interdict.IDTax, Value: "770000000000", Label: "INN"},
		{Type: interdict.IDPhone, Value: "+7 495 000 00 00", Label: "Phone"},
		{Type: interdict.IDEmail, Value: "ivan@example.org", Label: "Email"},
	}
	if !slices.Equal(p.Identifiers, wantIDs) {
		t.Errorf("person identifiers = %+v", p.Identifiers)
	}
	if p.Remarks != "He said \"no\"; twice\nSecond reason" || !slices.Equal(p.Countries, []string{"RU"}) || len(p.BirthDates) != 2 {
		t.Errorf("person remarks %q countries %v birth dates %v", p.Remarks, p.Countries, p.BirthDates)
	}
	o := entity(t, l, "ua-war:NK-o1")
	wantIDs = []interdict.Identifier{
		{Type: interdict.IDRegistration, Value: "1027700000000", Label: "OGRN"},
		{Type: interdict.IDRegistration, Value: "5493001KJTIIGC8Y1R12", Label: "LEI"},
		{Type: interdict.IDTax, Value: "7700000000", Label: "INN"},
		{Type: interdict.IDSWIFT, Value: "ABCDRUMMXXX", Label: "SWIFT/BIC"},
		{Type: interdict.IDOther, Value: "HE 418991", Label: "Identifier"},
	}
	if !slices.Equal(o.Identifiers, wantIDs) || len(o.Addresses) != 1 || o.Addresses[0].Full != "1 Main St; Moscow" {
		t.Errorf("legal entity identifiers %+v addresses %+v", o.Identifiers, o.Addresses)
	}
	if w := entity(t, l, "ua-war:NK-w1"); w.Kind != interdict.KindUnknown {
		t.Errorf("CryptoWallet row kind = %s", w.Kind)
	}
	for _, n := range []string{
		`1 rows of schema "CryptoWallet" have kind unknown`,
		`1 dates not understood, e.g. ["19xx"]`,
		`1 country strings not recognised (1 values left without a code): "narnia" (1)`,
	} {
		if !hasNote(l, n) {
			t.Errorf("no note %q in %q", n, l.Notes)
		}
	}
}

// TestParseSimpleSource checks how the dataset column names the source.
func TestParseSimpleSource(t *testing.T) {
	tests := []struct {
		file, source, note string
	}{
		{"testdata/mixed.simple.csv", "opensanctions", "rows come from 3 datasets and share none: source opensanctions"},
		{"testdata/ofac.simple.csv", "os-us-ofac-specially-designated-nationals-sdn-list", `source os-us-ofac-specially-designated-nationals-sdn-list from dataset "US OFAC Specially Designated Nationals (SDN) List"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			l := parseFile(t, simpleParse, tt.file)
			if l.Source != tt.source || !hasNote(l, tt.note) {
				t.Errorf("source %q notes %q, want %q and %q", l.Source, l.Notes, tt.source, tt.note)
			}
			for _, e := range l.Entities {
				if e.Source != tt.source || !strings.HasPrefix(e.ID, tt.source+":NK-") {
					t.Errorf("entity %s source %q", e.ID, e.Source)
				}
			}
		})
	}
}

// TestParseSimpleBadFiles checks that a file without a usable header is an
// error naming the file and line.
func TestParseSimpleBadFiles(t *testing.T) {
	header := `"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","program_ids","dataset","first_seen","last_seen","last_change"`
	tests := []struct {
		name, in, err string
		entities      int
	}{
		{"empty", "", "ftm: in.csv: empty file, no targets.simple.csv header", 0},
		{"other csv", "Name,Clean Name,Alias\nA,B,C\n", "ftm: in.csv line 1: not a targets.simple.csv header, missing columns: id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions, dataset, first_seen, last_seen", 0},
		{"missing columns", `"id","schema","name","aliases"` + "\n", "ftm: in.csv line 1: not a targets.simple.csv header, missing columns: birth_date, countries, addresses, identifiers, sanctions, dataset, first_seen, last_seen", 0},
		{"ftm json", goodLine + "\n", "ftm: in.csv line 1: ", 0},
		{"utf-16", utf16(header + "\n"), "ftm: in.csv line 1: ", 0},
		{"header only", header + "\n", "", 0},
		{"columns reordered, optional ones absent", `"name","id","schema","aliases","birth_date","countries","addresses","identifiers","sanctions","dataset","first_seen","last_seen"` + "\n" +
			`"Ivan","NK-1","Person","","","","","","","Ukraine War and Sanctions","","2026-01-01T00:00:00"` + "\n", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseSimple(strings.NewReader(tt.in), "in.csv")
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entities) != tt.entities || len(l.Rejects) != 0 {
				t.Errorf("entities %d rejects %v", len(l.Entities), l.Rejects)
			}
			if tt.entities > 0 && (l.Entities[0].ID != "ua-war:NK-1" || l.Entities[0].PrimaryName() != "Ivan") {
				t.Errorf("entity %+v", l.Entities[0])
			}
		})
	}
}

// TestDetectSimple checks DetectSimple on its own header and on others.
func TestDetectSimple(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"header", `"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","program_ids","dataset","first_seen","last_seen","last_change"` + "\n\"NK-1\"", true},
		{"older header without program_ids, with bom", "\xEF\xBB\xBF" + `"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","dataset","first_seen","last_seen","last_change"` + "\r\n", true},
		{"unquoted header", "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,dataset,first_seen,last_seen\n", true},
		{"csl csv", "_id,source,entity_number,type,programs,name,title,addresses\n", false},
		{"dod csv", "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n", false},
		{"ftm", goodLine + "\n", false},
		{"empty", "", false},
		{"broken quote", `"id,schema` + "\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectSimple("targets.simple.csv", []byte(tt.head)); got != tt.want {
				t.Errorf("DetectSimple = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSourceForDataset checks the dataset title → source table and slugs.
func TestSourceForDataset(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Ukraine War and Sanctions", "ua-war"},
		{"  ukraine war and sanctions ", "ua-war"},
		{"ua_war_sanctions", "ua-war"},
		{"US OFAC Specially Designated Nationals (SDN) List", "os-us-ofac-specially-designated-nationals-sdn-list"},
		{"EU Financial Sanctions Files (FSF)", "os-eu-financial-sanctions-files-fsf"},
		{"Российский список", "opensanctions"},
		{"", "opensanctions"},
		{strings.Repeat("very long title ", 10), "os-very-long-title-very-long-title-very-long-title-very-long-ti"},
	}
	for _, tt := range tests {
		if got := SourceForDataset(tt.title); got != tt.want {
			t.Errorf("SourceForDataset(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
