package ftm

import (
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// TestParseRealFiles checks the exact counts of the two real FtM files.
func TestParseRealFiles(t *testing.T) {
	tests := []struct {
		path                      []string
		records, entities         int
		byKind                    map[interdict.Kind]int
		names, identifiers, links int
		published                 string
		notes                     []string
	}{
		{
			path:     []string{"opensanctions_ftm_fixtures", "zala", "entities.ftm.json"},
			records:  91,
			entities: 17,
			byKind:   map[interdict.Kind]int{interdict.KindOrganization: 11, interdict.KindPerson: 6},
			names:    245, identifiers: 86, links: 42,
			published: "2026-04-29",
			notes: []string{
				"91 FtM objects: 17 entities (11 Company, 6 Person); folded into them: 41 Sanction, 14 Ownership, 11 Address, 4 Family, 3 Directorship, 1 Passport",
				"3 of 17 entities are not sanctions targets",
				"16 references to ids not in the file: 16 addressEntity",
				"identity documents without a number: 1 Passport",
			},
		},
		{
			path:     []string{"opensanctions_ftm_fixtures", "t1", "entities.ftm.json"},
			records:  7,
			entities: 6,
			byKind:   map[interdict.Kind]int{interdict.KindOrganization: 2, interdict.KindPerson: 4},
			names:    35, identifiers: 2, links: 0,
			published: "2024-06-01",
			notes: []string{
				"7 FtM objects: 6 entities (4 Person, 2 Organization); folded into them: 1 Address",
				"2 references to ids not in the file: 2 addressEntity",
			},
		},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.path, "/"), func(t *testing.T) {
			l := parseFile(t, ftmParse, shared.Data(t, tt.path...))
			s := l.Stats()
			if s.Records != tt.records || s.Entities != tt.entities || s.Names != tt.names ||
				s.Identifiers != tt.identifiers || s.Links != tt.links || s.Rejects != 0 {
				t.Errorf("stats = %+v, want records %d entities %d names %d identifiers %d links %d rejects 0",
					s, tt.records, tt.entities, tt.names, tt.identifiers, tt.links)
			}
			for k, n := range tt.byKind {
				if s.ByKind[k] != n {
					t.Errorf("%s: %d entities, want %d", k, s.ByKind[k], n)
				}
			}
			if len(s.ByKind) != len(tt.byKind) {
				t.Errorf("kinds = %v, want %v", s.ByKind, tt.byKind)
			}
			if l.Source != "ftm" || l.Published != tt.published {
				t.Errorf("source %q published %q, want ftm %s", l.Source, l.Published, tt.published)
			}
			if len(l.Notes) != len(tt.notes) {
				t.Errorf("notes = %q, want %d", l.Notes, len(tt.notes))
			}
			for _, n := range tt.notes {
				if !hasNote(l, n) {
					t.Errorf("no note %q in %q", n, l.Notes)
				}
			}
			for _, e := range l.Entities {
				if !strings.HasPrefix(e.ID, "ftm:") || e.Source != "ftm" || e.PrimaryName() == "" {
					t.Errorf("entity %s: source %q, primary name %q", e.ID, e.Source, e.PrimaryName())
				}
			}
		})
	}
}

// TestZalaEntities spot-checks the ZALA cluster: the owner network, the
// sanctions folded into the targets, and a non-target from the registry.
func TestZalaEntities(t *testing.T) {
	l := parseFile(t, ftmParse, shared.Data(t, "opensanctions_ftm_fixtures", "zala", "entities.ftm.json"))
	const (
		cst     = "ftm:NK-abdzbEBkqyT29GyREbiURZ"
		kalash  = "ftm:NK-nR5AXM9AVPq4pQaSPSaVam"
		zakh    = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw"
		egrulCo = "ftm:ru-inn-5920040846"
	)
	c := entity(t, l, cst)
	if c.Kind != interdict.KindOrganization || c.PrimaryName() != "LLC CST" {
		t.Errorf("CST kind %s name %q", c.Kind, c.PrimaryName())
	}
	if got := linksTo(c, kalash); len(got) != 2 || got[0].Type != interdict.LinkOwner || got[0].OtherName != "JSC Kalashnikov Concern" {
		t.Errorf("CST links to Kalashnikov = %+v", got)
	}
	if got := linksTo(entity(t, l, kalash), cst); len(got) != 2 || got[1].Type != interdict.LinkSubsidiary || got[1].Note != "49%, from 2016-03-29" {
		t.Errorf("Kalashnikov links to CST = %+v", got)
	}
	if !hasIdentifier(c, interdict.IDTax, "1841015504") || !hasIdentifier(c, interdict.IDRegistration, "1101841007938") ||
		!hasIdentifier(c, interdict.IDEmail, "info@zala.aero") {
		t.Errorf("CST identifiers = %+v", c.Identifiers)
	}
	for _, p := range []string{"RUSSIA-EO14024", "EU-UKR", "UA-WS-UAVS", "Entity List (EL) - Bureau of Industry and Security"} {
		if !slices.Contains(c.Programs, p) {
			t.Errorf("CST programs lack %q: %q", p, c.Programs)
		}
	}
	if c.ListedOn != (interdict.Date{Year: 2021, Month: 10, Day: 30}) {
		t.Errorf("CST listed on %v, want 2021-10-30 (NSDC 556/2021)", c.ListedOn)
	}
	// NK-oPoYieLmcZgkCCnJGPRhBN is an Address object; its parts come with it.
	if !slices.ContainsFunc(c.Addresses, func(a interdict.Address) bool {
		return a.Region == "Udmurt Republic" && a.PostalCode == "426011" && a.Country == "RU"
	}) {
		t.Errorf("CST addresses lack the resolved P.O. Box 9050 address: %+v", c.Addresses)
	}
	if !slices.ContainsFunc(c.Names, func(n interdict.Name) bool { return n.Full == "ZALA" && n.Type == interdict.NameWeakAKA }) {
		t.Error("CST lacks weak a.k.a. ZALA")
	}

	z := entity(t, l, zakh)
	if z.Kind != interdict.KindPerson || z.Gender != interdict.GenderMale || len(z.BirthDates) != 1 ||
		z.BirthDates[0] != (interdict.Date{Year: 1965, Month: 9, Day: 21}) {
		t.Errorf("Zakharov = kind %s gender %s born %v", z.Kind, z.Gender, z.BirthDates)
	}
	if n := z.Names[0]; n.Given != "Alexander" || n.Patronymic != "Vyacheslavovich" || n.Family != "ZAKHAROV" {
		t.Errorf("Zakharov primary name parts = %+v", n)
	}
	subs := 0
	for _, lk := range z.Links {
		if lk.Type == interdict.LinkSubsidiary {
			subs++
		}
	}
	if subs != 10 || len(z.Links) != 16 {
		t.Errorf("Zakharov has %d subsidiary links of %d, want 10 of 16", subs, len(z.Links))
	}
	if !slices.Contains(z.AltKeys, "ftm:ofac-45937") {
		t.Errorf("Zakharov alt keys lack the OFAC referent: %q", z.AltKeys)
	}
	if !strings.Contains(z.Remarks, "Sanctioning authorities: ") || strings.HasPrefix(z.Remarks, "Not a sanctions target") {
		t.Errorf("Zakharov remarks = %q", z.Remarks)
	}

	e := entity(t, l, egrulCo)
	if !strings.HasPrefix(e.Remarks, "Not a sanctions target: in the FtM data as a party related to targets (datasets: ext_ru_egrul).") {
		t.Errorf("EGRUL company remarks = %q", e.Remarks)
	}
	if got := linksTo(e, zakh); len(got) != 1 || got[0].Type != interdict.LinkOwner || got[0].Note != "100%, from 2013-06-06, until 2019-08-02" {
		t.Errorf("EGRUL company owner link = %+v", got)
	}
}
