package ofac

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

var (
	sdn20240503 = map[Part]string{PartPrimary: "ofac_sdn_2024-05-03/sdn.csv"}
	// the 2024-05-03 sdn.csv with the later aux files: alt.csv and add.csv
	// only, since sdn_comments.csv continues remarks of its own date
	sdn20240503Aux = map[Part]string{
		PartPrimary: "ofac_sdn_2024-05-03/sdn.csv",
		PartAlt:     "ofac_sdn_aux_2025-12-24/alt.csv",
		PartAddress: "ofac_sdn_aux_2025-12-24/add.csv",
	}
	sdn20210707 = map[Part]string{
		PartPrimary:  "ofac_sdn_2021-07-07/sdn.csv",
		PartAlt:      "ofac_sdn_2021-07-07/alt.csv",
		PartAddress:  "ofac_sdn_2021-07-07/add.csv",
		PartComments: "ofac_sdn_2021-07-07/sdn_comments.csv",
	}
	consCSV = map[Part]string{
		PartPrimary:  "ofac_consolidated_nonsdn/cons_prim.csv",
		PartAlt:      "ofac_consolidated_nonsdn/cons_alt.csv",
		PartAddress:  "ofac_consolidated_nonsdn/cons_add.csv",
		PartComments: "ofac_consolidated_nonsdn/cons_comments.csv",
	}
)

// TestParseCSVGolden checks the exact counts of the real files. Counts
// of names, identifiers and links are this parser's and change only when
// its reading of the remarks changes; entities by kind are OFAC's.
func TestParseCSVGolden(t *testing.T) {
	tests := []struct {
		name   string
		source string
		files  map[Part]string
		want   interdict.Stats
	}{
		{"sdn 2024-05-03 alone", SourceSDN, sdn20240503, interdict.Stats{
			Records: 14965, Entities: 14965,
			ByKind: map[interdict.Kind]int{interdict.KindPerson: 6854, interdict.KindVessel: 851, interdict.KindAircraft: 376, interdict.KindOrganization: 6884},
			Names:  18629, Identifiers: 17323, Links: 6381,
		}},
		{"sdn 2024-05-03 with 2025-12-24 alt and add", SourceSDN, sdn20240503Aux, interdict.Stats{
			Records: 14965, Entities: 14965,
			ByKind: map[interdict.Kind]int{interdict.KindPerson: 6854, interdict.KindVessel: 851, interdict.KindAircraft: 376, interdict.KindOrganization: 6884},
			Names:  36255, Identifiers: 17323, Links: 6381,
		}},
		{"sdn 2024-02-20 alone", SourceSDN, map[Part]string{PartPrimary: "ofac_sdn_2024-02-20/sdn.csv"}, interdict.Stats{
			Records: 13931, Entities: 13931,
			ByKind: map[interdict.Kind]int{interdict.KindPerson: 6700, interdict.KindVessel: 786, interdict.KindAircraft: 382, interdict.KindOrganization: 6063},
			Names:  17326, Identifiers: 15285, Links: 6059,
		}},
		{"sdn 2021-07-07 full set", SourceSDN, sdn20210707, interdict.Stats{
			Records: 8976, Entities: 8976,
			ByKind: map[interdict.Kind]int{interdict.KindPerson: 4620, interdict.KindVessel: 406, interdict.KindAircraft: 277, interdict.KindOrganization: 3673},
			Names:  23322, Identifiers: 8128, Links: 3418,
		}},
		{"consolidated CSV set", SourceCons, consCSV, interdict.Stats{
			Records: 442, Entities: 442,
			ByKind: map[interdict.Kind]int{interdict.KindPerson: 79, interdict.KindOrganization: 363},
			Names:  1585, Identifiers: 1282, Links: 283,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseCSV(tt.source, sharedSet(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			got := l.Stats()
			if got.Records != tt.want.Records || got.Entities != tt.want.Entities || got.Names != tt.want.Names ||
				got.Identifiers != tt.want.Identifiers || got.Links != tt.want.Links || got.Rejects != 0 {
				t.Errorf("stats = %+v, want %+v", got, tt.want)
			}
			for k, n := range tt.want.ByKind {
				if got.ByKind[k] != n {
					t.Errorf("%s: %d, want %d", k, got.ByKind[k], n)
				}
			}
			if len(got.ByKind) != len(tt.want.ByKind) {
				t.Errorf("kinds = %v, want %v", got.ByKind, tt.want.ByKind)
			}
			for _, e := range l.Entities {
				if !strings.HasPrefix(e.ID, tt.source+":") || e.Source != tt.source {
					t.Fatalf("entity %s of source %s in a %s load", e.ID, e.Source, tt.source)
				}
			}
			t.Logf("notes: %q", l.Notes)
		})
	}
}

// TestOrphans checks the orphans of the 2025-12-24 alt.csv and add.csv
// joined to the 2024-05-03 sdn.csv: entities designated after May 2024
// (README: about 1,567 alt entities and 4,253 address entities).
func TestOrphans(t *testing.T) {
	l, err := ParseCSV(SourceSDN, sharedSet(t, sdn20240503Aux))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1,567 alt.csv entities (2,460 rows) have no sdn.csv record",
		"4,253 add.csv entities (4,893 rows) have no sdn.csv record",
	} {
		if !hasNote(l, want) {
			t.Errorf("no note %q in %q", want, l.Notes)
		}
	}
	if len(l.Rejects) != 0 {
		t.Errorf("orphans must not be rejects: %v", l.Rejects[0])
	}
}

// TestPutin spot-checks ofac-sdn:35096 and the links OFAC draws to him:
// "Linked To: PUTIN, Vladimir Vladimirovich" in the remarks of yachts and
// companies is a link from them to him.
func TestPutin(t *testing.T) {
	l, err := ParseCSV(SourceSDN, sharedSet(t, sdn20240503Aux))
	if err != nil {
		t.Fatal(err)
	}
	m := byID(l)
	p := mustEntity(t, m, "ofac-sdn:35096")
	if p.Kind != interdict.KindPerson || p.PrimaryName() != "PUTIN, Vladimir Vladimirovich" {
		t.Fatalf("35096 = %s %q", p.Kind, p.PrimaryName())
	}
	n := p.Names[0]
	if n.Family != "PUTIN" || n.Given != "Vladimir Vladimirovich" || n.Script != interdict.ScriptLatin {
		t.Errorf("name parts = %+v", n)
	}
	if !contains(namesOf(p, interdict.NameAKA), "PUTIN, Vladimir") {
		t.Errorf("akas = %q", namesOf(p, interdict.NameAKA))
	}
	if len(p.BirthDates) != 1 || p.BirthDates[0] != (interdict.Date{Year: 1952, Month: 10, Day: 7}) {
		t.Errorf("DOB = %v", p.BirthDates)
	}
	if !contains(p.Nationalities, "RU") || !contains(p.Citizenships, "RU") || p.Gender != interdict.GenderMale {
		t.Errorf("nationality %v citizenship %v gender %q", p.Nationalities, p.Citizenships, p.Gender)
	}
	if len(p.Programs) != 1 || p.Programs[0] != "RUSSIA-EO14024" {
		t.Errorf("programs = %v", p.Programs)
	}
	if !contains(p.BirthPlaces, "Leningrad, Russia") || !contains(p.Titles, "President of the Russian Federation") {
		t.Errorf("POB %v titles %v", p.BirthPlaces, p.Titles)
	}
	if len(p.Addresses) != 4 {
		t.Errorf("addresses = %v", p.Addresses)
	}
	if len(p.Links) != 0 {
		t.Errorf("Putin's remarks name nobody, got links %v", p.Links)
	}

	// every remark naming him gives a link to his id, and only those
	var from []string
	for _, e := range l.Entities {
		mentions := strings.Contains(e.Remarks, "Linked To: PUTIN, Vladimir Vladimirovich")
		linked := false
		for _, k := range e.Links {
			if k.OtherID == p.ID {
				linked = true
				if k.Type != interdict.LinkLinkedTo || k.OtherName != p.PrimaryName() {
					t.Errorf("%s: link %+v", e.ID, k)
				}
			}
		}
		if mentions != linked {
			t.Errorf("%s: remark mentions Putin %v, link %v", e.ID, mentions, linked)
		}
		if linked {
			from = append(from, e.ID)
		}
	}
	for _, id := range []string{"ofac-sdn:37444", "ofac-sdn:37445", "ofac-sdn:37446", "ofac-sdn:37447", "ofac-sdn:37449"} {
		if !contains(from, id) {
			t.Errorf("%s does not link to Putin (linked: %v)", id, from)
		}
	}
	yacht := mustEntity(t, m, "ofac-sdn:37444")
	if yacht.Kind != interdict.KindVessel || yacht.PrimaryName() != "GRACEFUL" || yacht.Vessel == nil ||
		yacht.Vessel.Type != "Yacht" || yacht.Vessel.Flag != "RU" || yacht.Vessel.GRT != "2685" {
		t.Errorf("GRACEFUL = %s %q %+v", yacht.Kind, yacht.PrimaryName(), yacht.Vessel)
	}
	if !contains(idValues(yacht, interdict.IDIMO), "1011551") || !contains(idValues(yacht, interdict.IDCallSign), "UBGV8") {
		t.Errorf("GRACEFUL ids = %+v", yacht.Identifiers)
	}
	t.Logf("%d entities link to Putin: %v", len(from), from)
}

// TestSpotChecks checks entities whose remarks use many labels.
func TestSpotChecks(t *testing.T) {
	l, err := ParseCSV(SourceSDN, sharedSet(t, sdn20240503))
	if err != nil {
		t.Fatal(err)
	}
	m := byID(l)

	bnc := mustEntity(t, m, "ofac-sdn:306")
	if bnc.Kind != interdict.KindOrganization || !contains(namesOf(bnc, interdict.NameWeakAKA), "BNC") {
		t.Errorf("306 = %s %+v", bnc.Kind, bnc.Names)
	}

	tanker := mustEntity(t, m, "ofac-sdn:15036") // ARTAVIL
	if !contains(idValues(tanker, interdict.IDIMO), "9187629") || !contains(idValues(tanker, interdict.IDMMSI), "572469210") {
		t.Errorf("ARTAVIL ids = %+v", tanker.Identifiers)
	}
	for _, c := range []string{"IR", "MT", "TV", "TZ"} {
		if !contains(tanker.Countries, c) {
			t.Errorf("ARTAVIL countries %v lack %s (flag and former flags)", tanker.Countries, c)
		}
	}
	if len(tanker.Links) != 1 || tanker.Links[0].OtherID != "ofac-sdn:15117" {
		t.Errorf("ARTAVIL links = %+v", tanker.Links)
	}

	plane := mustEntity(t, m, "ofac-sdn:15431") // EP-GOM
	if plane.Kind != interdict.KindAircraft || !contains(idValues(plane, interdict.IDAircraftSerial), "1023409321") {
		t.Errorf("EP-GOM = %s %+v", plane.Kind, plane.Identifiers)
	}

	jalili := mustEntity(t, m, "ofac-sdn:15541")
	if !contains(idValues(jalili, interdict.IDEmail), "rasoul.jalili@peykasa.ir") || !contains(idValues(jalili, interdict.IDWebsite), "http://www.jalili.ir") ||
		!contains(jalili.Titles, "Editor-In-Chief of ISeCure") {
		t.Errorf("JALILI = %+v %v", jalili.Identifiers, jalili.Titles)
	}

	lazarus := mustEntity(t, m, "ofac-sdn:28264") // LI, Jiadong: 12 XBT addresses
	if got := len(idValues(lazarus, interdict.IDCrypto)); got != 12 {
		t.Errorf("LI Jiadong: %d crypto addresses, want 12", got)
	}

	// DOB range "DOB 1960 to 1962" style and circa
	ranges, circa := 0, 0
	for _, e := range l.Entities {
		for _, d := range e.BirthDates {
			if d.ToYear != 0 {
				ranges++
			}
			if d.Circa {
				circa++
			}
		}
	}
	if ranges == 0 || circa == 0 {
		t.Errorf("ranges %d circa %d", ranges, circa)
	}
}

// TestCommentsJoined checks that sdn_comments.csv continues the remark
// cut at 1000 characters: 28263's continuation holds its last aliases and
// its link to LAZARUS GROUP.
func TestCommentsJoined(t *testing.T) {
	l, err := ParseCSV(SourceSDN, sharedSet(t, sdn20210707))
	if err != nil {
		t.Fatal(err)
	}
	e := mustEntity(t, byID(l), "ofac-sdn:28263")
	if !strings.HasSuffix(e.Remarks, "Linked To: LAZARUS GROUP.") || len(e.Remarks) <= remarkLimit {
		t.Errorf("remarks end %q", e.Remarks[len(e.Remarks)-40:])
	}
	if len(e.Links) != 1 || e.Links[0].OtherName != "LAZARUS GROUP" || e.Links[0].OtherID == "" {
		t.Errorf("links = %+v", e.Links)
	}
	if hasNote(l, "cut off") {
		t.Errorf("with comments joined no alias is cut off: %q", l.Notes)
	}
}
