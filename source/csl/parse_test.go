package csl

import (
	"os"
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

func TestParseReal(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		stats    interdict.Stats
		resolved int
		notes    []string
	}{
		{"csl.csv", formatOlder, interdict.Stats{Records: 115, Entities: 115, Names: 279, Identifiers: 114, Links: 29,
			ByKind: map[interdict.Kind]int{interdict.KindOrganization: 71, interdict.KindPerson: 40, interdict.KindUnknown: 2, interdict.KindVessel: 2}}, 4,
			[]string{
				"2 C1 control characters read as Windows-1252 punctuation",
				"rows per list: CAP 1, DPL 8, DTC 10, EL 22, ISN 3, PLC 13, SDN 28, SSI 26, UVL 4",
				"2 addresses end in a US state and ZIP code with no country, read as US",
				"25 of 29 links name a party with no unique entry in this file (kept by name)",
			}},
		{"consolidated.csv", formatCurrent, interdict.Stats{Records: 13, Entities: 13, Names: 30, Identifiers: 9, Links: 0,
			ByKind: map[interdict.Kind]int{interdict.KindOrganization: 7, interdict.KindPerson: 6}}, 0,
			[]string{"rows per list: DPL 1, DTC 1, EL 1, FSE 1, ISN 1, MEU 1, PLC 2, SDN 1, SSI 3, UVL 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(shared.Data(t, "us_csl_samples", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			l, err := Parse(f, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			loadtest.Check(t, l)
			s := l.Stats()
			if s.Records != tt.stats.Records || s.Entities != tt.stats.Entities || s.Names != tt.stats.Names ||
				s.Identifiers != tt.stats.Identifiers || s.Links != tt.stats.Links || s.Rejects != 0 {
				t.Errorf("stats %+v, want %+v", s, tt.stats)
			}
			for k, n := range tt.stats.ByKind {
				if s.ByKind[k] != n {
					t.Errorf("%s = %d, want %d", k, s.ByKind[k], n)
				}
			}
			resolved := 0
			for _, e := range l.Entities {
				for _, k := range e.Links {
					if k.OtherID != "" {
						resolved++
					}
				}
			}
			if resolved != tt.resolved {
				t.Errorf("%d links resolved, want %d", resolved, tt.resolved)
			}
			if l.Source != "csl" || l.Format != tt.format || l.Published != "" || !slices.Equal(l.Notes, tt.notes) {
				t.Errorf("source %q format %q published %q notes\n%q\nwant\n%q", l.Source, l.Format, l.Published, l.Notes, tt.notes)
			}
		})
	}
}

// TestParseRealSpots checks a few known entries of each layout, the
// Entity List first.
func TestParseRealSpots(t *testing.T) {
	load := func(file string) *interdict.ListLoad {
		f, err := os.Open(shared.Data(t, "us_csl_samples", file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		l, err := Parse(f, file)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	old, cur := load("csl.csv"), load("consolidated.csv")
	byID := func(l *interdict.ListLoad, id string) *interdict.Entity {
		for _, e := range l.Entities {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("%s not found", id)
		return nil
	}

	cetc := byID(cur, "csl:99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be")
	wantNames := []string{
		"primary:China Electronics Technology Group Corporation 13th Research Institute", "aka:CETC 13",
		"aka:Hebei Semiconductor Research Institute", "aka:HSRI", "aka:Hebei Institute of Semiconductors",
		"aka:Hebei Semiconductor Institute", "aka:Hebei Semiconductor", "aka:CETC Research Institute 13",
	}
	if got := loadtest.Names(cetc); !slices.Equal(got, wantNames) {
		t.Errorf("CETC 13 names %q", got)
	}
	if cetc.Kind != interdict.KindOrganization || len(cetc.Addresses) != 3 || !slices.Equal(cetc.Countries, []string{"CN"}) ||
		!slices.Equal(cetc.Programs, []string{"CSL:Entity List"}) || cetc.ListedOn.String() != "2018-08-01" ||
		!strings.Contains(cetc.Remarks, "License policy: Policy of denial") {
		t.Errorf("CETC 13 %+v", cetc)
	}

	rim := byID(cur, "csl:52291")
	if rim.Kind != interdict.KindPerson || rim.Gender != interdict.GenderMale || rim.Names[0].Family != "RIM" || rim.Names[0].Given != "Ryong Nam" ||
		!slices.Equal(rim.Nationalities, []string{"KP"}) || len(rim.BirthDates) != 1 || rim.BirthDates[0].String() != "1978-12-05" ||
		!slices.Equal(rim.Identifiers, []interdict.Identifier{{Type: interdict.IDPassport, Value: "836238033", Label: "Passport", Country: "KP"}}) {
		t.Errorf("RIM %+v", rim)
	}

	el := 0
	for _, e := range old.Entities {
		if slices.Contains(e.Programs, "CSL:Entity List") {
			el++
		}
	}
	if el != 22 {
		t.Errorf("%d Entity List entries, want 22", el)
	}
	fon := byID(old, "csl:SDN-18228")
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDRegistration, Value: "CHE-427.006.032", Label: "Company Number", Country: "CH"},
		{Type: interdict.IDRegistration, Value: "CH-020.1.066.499-9", Label: "Commercial Registry Number", Country: "CH"},
	}
	if !slices.Equal(fon.Identifiers, wantIDs) {
		t.Errorf("identifiers %+v", fon.Identifiers)
	}
	vessel := byID(old, "csl:SDN-23156")
	if vessel.Kind != interdict.KindVessel || vessel.Vessel == nil || vessel.Vessel.Flag != "KP" ||
		len(vessel.Identifiers) != 1 || vessel.Identifiers[0].Type != interdict.IDIMO || vessel.Identifiers[0].Value != "8898831" {
		t.Errorf("vessel %+v", vessel)
	}
	bank := byID(old, "csl:SSI-20312")
	if len(bank.Links) != 1 || bank.Links[0].OtherID != "csl:SSI-17016" {
		t.Errorf("links %+v", bank.Links)
	}
	dpl := byID(old, "csl:2a134beb0b046d3b")
	if dpl.PrimaryName() != "ADRIAN MANUEL HERNANDEZ" || dpl.Kind != interdict.KindPerson ||
		len(dpl.Addresses) != 1 || dpl.Addresses[0].Country != "US" {
		t.Errorf("DPL row %+v", dpl)
	}
}

func TestParseEdge(t *testing.T) {
	t.Run("current layout", func(t *testing.T) {
		l, err := Parse(loadtest.Fixture(t, "consolidated_edge.csv"), "consolidated_edge.csv")
		if err != nil {
			t.Fatal(err)
		}
		loadtest.Check(t, l)
		if l.Records != 10 || len(l.Entities) != 8 || len(l.Rejects) != 1 || l.Rejects[0].Error() != "consolidated_edge.csv:10: empty name" {
			t.Fatalf("records %d entities %d rejects %v", l.Records, len(l.Entities), l.Rejects)
		}
		wantNotes := []string{
			"rows per list: DPL 1, EL 1, ISN 1, MEU 1, SDN 4, SNL 1",
			`2 country strings not recognised: "Narnia" (line 3), "XZ" (2 rows: lines 3, 11)`,
			`1 date cannot be read: "sometime" (line 3)`,
			`1 type not recognised, kind guessed from the names: "Thing" (line 11)`,
			"1 address ends in a US state and ZIP code with no country, read as US",
			`1 row repeats an earlier row's id and was merged into it: "RIM, Ryong-nam" (line 9)`,
		}
		if !slices.Equal(l.Notes, wantNotes) {
			t.Errorf("notes\n%q\nwant\n%q", l.Notes, wantNotes)
		}
		tests := []struct {
			id    string
			kind  interdict.Kind
			names []string
			check func(*interdict.Entity) bool
		}{
			{"csl:99ed1b05", interdict.KindOrganization,
				[]string{"primary:China Electronics Technology Group Corporation 13th Research Institute", "aka:CETC 13", "aka:Hebei Semiconductor Research Institute", "aka:HSRI", "aka:CETC Research Institute 13"},
				func(e *interdict.Entity) bool {
					return len(e.Addresses) == 2 && e.Addresses[0].Full == "113 Hezuo Road, Shijiazhuang, Hebei, China" && e.Addresses[0].Country == "CN" &&
						e.Remarks == "Federal Register: 83 FR 37423; 87 FR 77505\nLicense requirement: For all items subject to the EAR.\nLicense policy: Presumption of denial."
				}},
			{"csl:52291", interdict.KindPerson, []string{"primary:RIM, Ryong Nam", "aka:RIM, Ryong-nam"},
				func(e *interdict.Entity) bool {
					var dobs []string
					for _, d := range e.BirthDates {
						dobs = append(dobs, d.String())
					}
					return slices.Equal(dobs, []string{"1978-12-05", "~1975", "1960/1962", "1950-01-01", "1951-02", "1952-03-04"}) &&
						e.Gender == interdict.GenderMale && slices.Equal(e.Nationalities, []string{"KP"}) && len(e.Addresses) == 3 &&
						len(e.Identifiers) == 2 && e.Identifiers[1] == interdict.Identifier{Type: interdict.IDNational, Value: "12345", Label: "National ID No."} &&
						len(e.Links) == 1 && e.Links[0].OtherID == "csl:52300" && e.Names[1].Family == "RIM" && e.Names[1].Given == "Ryong-nam" &&
						strings.Contains(e.Remarks, "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210")
				}},
			{"csl:52300", interdict.KindOrganization, []string{"primary:KOREA TANGUN TRADING CORPORATION"},
				func(e *interdict.Entity) bool {
					return slices.Equal(e.Identifiers, []interdict.Identifier{
						{Type: interdict.IDSWIFT, Value: "KTTCKPPY", Label: "SWIFT/BIC"},
						{Type: interdict.IDWebsite, Value: "www.tangun.kp", Label: "Website"},
						{Type: interdict.IDEmail, Value: "info@tangun.kp", Label: "Email Address"},
						{Type: interdict.IDTax, Value: "7700000000", Label: "Tax ID No.", Country: "KP"},
					}) && slices.Equal(e.Programs, []string{"CSL:Specially Designated Nationals", "NPWMD", "DPRK3"})
				}},
			{"csl:40001", interdict.KindVessel, []string{"primary:ADRIAN DARYA 1", "aka:GRACE 1"},
				func(e *interdict.Entity) bool {
					return *e.Vessel == interdict.Vessel{Type: "Crude Oil Tanker", Flag: "IR", Tonnage: "150000", Owner: "KOREA TANGUN TRADING CORPORATION"} &&
						slices.Equal(e.Identifiers, []interdict.Identifier{
							{Type: interdict.IDIMO, Value: "9116412", Label: "Vessel Registration Identification"},
							{Type: interdict.IDCallSign, Value: "9HA2017", Label: "Call Sign"},
						}) && e.Remarks == "Former Vessel Flag: Panama" &&
						len(e.Links) == 1 && e.Links[0].Type == interdict.LinkVesselOwner && e.Links[0].OtherID == "csl:52300"
				}},
			{"csl:233a4d72", interdict.KindOrganization, []string{"primary:Sinobright Import and Export Company"},
				func(e *interdict.Entity) bool {
					return strings.HasPrefix(e.Remarks, "Includes any successor, sub-unit, or subsidiary thereof\n") &&
						slices.Equal(e.Programs, []string{"CSL:Nonproliferation Sanctions", "INKSNA"})
				}},
			{"csl:b601cbf2", interdict.KindPerson, []string{"primary:PEARL LI", "aka:NEI-CHIEN CHU"},
				func(e *interdict.Entity) bool {
					return e.Addresses[0].Country == "US" && e.Remarks == "NAME CORRECTED\nEnd date: 2026-06-23\nStandard order: Y"
				}},
			// The MEU and Unverified lists name end users: organizations.
			{"csl:66f6ab3f", interdict.KindOrganization, []string{"primary:Atlas Sanatgaran"}, nil},
			{"csl:x2", interdict.KindOrganization, []string{"primary:Mystery Holdings Ltd.", "fka:Old Mystery Ltd."},
				func(e *interdict.Entity) bool {
					return len(e.Addresses) == 0 && slices.Equal(e.Programs, []string{"CSL:Some New List"})
				}},
		}
		for _, tt := range tests {
			t.Run(tt.id, func(t *testing.T) {
				var e *interdict.Entity
				for _, x := range l.Entities {
					if x.ID == tt.id {
						e = x
					}
				}
				if e == nil {
					t.Fatal("not found")
				}
				if e.Kind != tt.kind || !slices.Equal(loadtest.Names(e), tt.names) {
					t.Errorf("kind %s names %q, want %s %q", e.Kind, loadtest.Names(e), tt.kind, tt.names)
				}
				if tt.check != nil && !tt.check(e) {
					t.Errorf("entity %+v", e)
				}
			})
		}
	})
	t.Run("older layout", func(t *testing.T) {
		l, err := Parse(loadtest.Fixture(t, "csl_edge.csv"), "csl_edge.csv")
		if err != nil {
			t.Fatal(err)
		}
		loadtest.Check(t, l)
		if l.Records != 9 || len(l.Entities) != 8 || len(l.Rejects) != 0 || l.Format != formatOlder {
			t.Fatalf("records %d entities %d rejects %v format %q", l.Records, len(l.Entities), l.Rejects, l.Format)
		}
		ids := map[string][]interdict.Identifier{
			"csl:SDN-20264": {{Type: interdict.IDTax, Value: "80-0890696", Label: "Tax ID No.", Country: "US"}},
			"csl:SDN-18228": {
				{Type: interdict.IDRegistration, Value: "CHE-427.006.032", Label: "Company Number", Country: "CH"},
				{Type: interdict.IDRegistration, Value: "CH-020.1.066.499-9", Label: "Commercial Registry Number", Country: "CH"},
				{Type: interdict.IDRegistration, Value: "01200175 (Bogota)", Label: "Matricula Mercantil No"},
			},
			"csl:SDN-27304": {{Type: interdict.IDIMO, Value: "9116412", Label: "Vessel Registration Identification"}},
		}
		for _, e := range l.Entities {
			if want, ok := ids[e.ID]; ok && !slices.Equal(e.Identifiers, want) {
				t.Errorf("%s identifiers %+v, want %+v", e.ID, e.Identifiers, want)
			}
			switch e.PrimaryName() {
			case "ABDUL JAWAD, Naser":
				if e.ID != "csl:PLC-9696" || e.Names[1].Family != "ABDEL JAWAD" || e.Names[1].Given != "Nasir Abdullah Odeh" {
					t.Errorf("PLC %+v", e)
				}
			case "ADRIAN MANUEL HERNANDEZ":
				if e.Kind != interdict.KindPerson || e.Addresses[0].Country != "US" {
					t.Errorf("DPL %+v", e)
				}
			case "ZDAS (HK) Company":
				if e.Kind != interdict.KindOrganization || len(e.Names) != 1 {
					t.Errorf("ZDAS %+v", e)
				}
			case "Gunther Migeotte":
				if e.Kind != interdict.KindPerson || len(e.Names) != 1 || len(e.Addresses) != 1 {
					t.Errorf("merged EL row %+v", e)
				}
			}
		}
		sdn := l.Entities[1]
		if sdn.Remarks != "Additional Sanctions Information: Subject to Secondary Sanctions" {
			t.Errorf("remarks %q", sdn.Remarks)
		}
	})
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "csl: in.csv: empty file, want a header line"},
		{"header only", "source,name\n", "csl: in.csv: header only, no data rows"},
		{"other schema", "Type,Name,Alias,Country\nOrganization,X,,CU\n", `csl: in.csv line 1: missing column "source": not a trade.gov Consolidated Screening List CSV (older layout, no _id)`},
		{"utf16", "\xFF\xFEs\x00o\x00", "csl: in.csv: UTF-16 or binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.input), "in.csv")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
	_, err := Parse(loadtest.Fixture(t, "truncated.csv"), "truncated.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "csl: truncated.csv line 2: file ends inside this row, truncated?") {
		t.Errorf("truncated: %v", err)
	}
	// A short row in the middle is a reject; the rest loads.
	l, err := Parse(strings.NewReader("source,name,addresses\nEntity List (EL) - BIS,A Co. Ltd.,CN\nEntity List (EL) - BIS\nEntity List (EL) - BIS,B Co. Ltd.,HK\n"), "in.csv")
	if err != nil || len(l.Entities) != 2 || len(l.Rejects) != 1 || l.Rejects[0].Error() != "in.csv:3: 1 fields, want 3 as in the header" {
		t.Errorf("err %v load %+v", err, l)
	}
}

func TestDetect(t *testing.T) {
	const older = "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"
	tests := []struct {
		name, head string
		want       bool
	}{
		{"csl.csv", older, true},
		{"consolidated.csv", "_id," + older, true},
		{"x.txt", "\xEF\xBB\xBF_id," + older, true},
		{"csl.csv", "source,name\n", false},
		{"csl.csv", "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n", false},
		{"csl.csv", "", false},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %.30q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}
