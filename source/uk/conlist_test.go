package uk

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

func parseBytes(t *testing.T, data []byte, name string) *interdict.ListLoad {
	t.Helper()
	l, err := Parse(bytes.NewReader(data), name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestConListEdgeCases(t *testing.T) {
	data := workbook(t, conlistSheet("Data", realHeader, edgeRecords...))
	l := parseBytes(t, data, "edge.xlsx")
	if l.Source != "uk" || l.Published != "2024-02-01" || l.Records != 12 || len(l.Entities) != 5 {
		t.Fatalf("source %q published %q records %d entities %d", l.Source, l.Published, l.Records, len(l.Entities))
	}
	wantRejects := []interdict.Reject{
		{File: "edge.xlsx", Line: 12, Reason: "no Group ID"},
		{File: "edge.xlsx", Line: 13, Reason: `Group ID 106: unknown Group Type "Aircraft"`},
		{File: "edge.xlsx", Line: 14, Reason: "Group ID 107: row has no name"},
	}
	if !reflect.DeepEqual(l.Rejects, wantRejects) {
		t.Errorf("rejects = %+v", l.Rejects)
	}
	for _, want := range []string{
		"9 name rows grouped into 5 targets by Group ID",
		"1 targets have no UK Sanctions List Ref and take the id uk:group-<Group ID>: Group ID 104",
		"1 UK Sanctions List Refs are used by more than one group; later groups take uk:group-<Group ID>: RUS9002 (groups 102 and 105)",
		`rows with an unknown Alias Type, read as a.k.a.: "Nickname" (1)`,
		`unreadable dates skipped: "31/02/1970" (1)`,
		`1 country strings not recognised: "Narnia" (1)`,
	} {
		if !contains(l.Notes, want) {
			t.Errorf("notes lack %q; notes:\n%s", want, strings.Join(l.Notes, "\n"))
		}
	}
	var ids []string
	for _, e := range l.Entities {
		ids = append(ids, e.ID)
	}
	checkStrings(t, "ids in sheet order", ids, "uk:RUS9001", "uk:RUS9002", "uk:DPR9003", "uk:group-104", "uk:group-105")
	ents := byID(l)

	p := ents["uk:RUS9001"]
	checkNames(t, p,
		interdict.Name{Full: "Ivan Ivanovich IVANOV", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "Ivan", Middle: "Ivanovich", Family: "IVANOV"},
		interdict.Name{Full: "Иван Иванович Иванов", Type: interdict.NamePrimary, Script: interdict.ScriptCyrillic, Lang: "ru"},
		interdict.Name{Full: "Iwan IVANOV", Type: interdict.NameAKA, Script: interdict.ScriptLatin, Given: "Iwan", Family: "IVANOV"},
		interdict.Name{Full: "Ivan IVANOFF", Type: interdict.NameWeakAKA, Script: interdict.ScriptLatin, Given: "Ivan", Family: "IVANOFF"},
		interdict.Name{Full: "Ivan PETROV", Type: interdict.NameFKA, Script: interdict.ScriptLatin, Given: "Ivan", Family: "PETROV"},
	)
	if p.Kind != interdict.KindPerson || p.Gender != interdict.GenderMale {
		t.Errorf("kind %s gender %q", p.Kind, p.Gender)
	}
	checkStrings(t, "alt keys", p.AltKeys, "uk-group:101")
	wantDOB := []interdict.Date{{Year: 1965}, {Year: 1966, Month: 5}}
	if !reflect.DeepEqual(p.BirthDates, wantDOB) {
		t.Errorf("birth dates = %v, want %v", p.BirthDates, wantDOB)
	}
	checkStrings(t, "birth places", p.BirthPlaces, "Moscow, Russia", "Kazan, Russia")
	checkStrings(t, "nationalities", p.Nationalities, "RU", "CY")
	checkStrings(t, "countries", p.Countries, "RU", "CY")
	checkStrings(t, "titles", p.Titles, "Mr", "Director", "Chairman")
	checkStrings(t, "programs", p.Programs, "Russia")
	wantAddr := []interdict.Address{
		{Full: "Ulitsa 1, Moscow, 101000, Russia", PostalCode: "101000", Country: "RU"},
		{Full: "Flat 2, Limassol, Cyprus", Country: "CY"},
	}
	if !reflect.DeepEqual(p.Addresses, wantAddr) {
		t.Errorf("addresses = %+v", p.Addresses)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDPassport, Value: "7512345", Label: "Passport Number", Note: "Russian. Expired"},
		{Type: interdict.IDPassport, Value: "C00146605", Label: "Passport Number", Note: "Cypriot"},
		{Type: interdict.IDTax, Value: "770305249797", Label: "National Identification Number", Note: "Taxpayer ID"},
		{Type: interdict.IDPhone, Value: "+7 495 111", Label: "Phone number"},
		{Type: interdict.IDPhone, Value: "+7 495 222", Label: "Phone number"},
		{Type: interdict.IDEmail, Value: "a@example.ru", Label: "Email address"},
	}
	if !reflect.DeepEqual(p.Identifiers, wantIDs) {
		t.Errorf("identifiers = %+v\nwant %+v", p.Identifiers, wantIDs)
	}
	if p.ListedOn != (interdict.Date{Year: 2022, Month: 3, Day: 9}) {
		t.Errorf("listed on = %v, want the designation date 2022-03-09", p.ListedOn)
	}
	if !strings.HasPrefix(p.Remarks, "(UK Sanctions List Ref):RUS9001. Note text.") {
		t.Errorf("remarks = %q", p.Remarks)
	}

	org := ents["uk:RUS9002"]
	wantLinks := []interdict.Link{
		{Type: interdict.LinkOwner, OtherName: "Rostec"},
		{Type: interdict.LinkOwner, OtherName: "Ministry of Defence"},
		{Type: interdict.LinkSubsidiary, OtherName: "Ansar Bank"},
		{Type: interdict.LinkSubsidiary, OtherName: "Mehr Bank"},
	}
	if !reflect.DeepEqual(org.Links, wantLinks) {
		t.Errorf("links = %+v", org.Links)
	}
	wantOrgIDs := []interdict.Identifier{
		{Type: interdict.IDWebsite, Value: "www.romashka.example", Label: "Website"},
		{Type: interdict.IDRegistration, Value: "1027807560186", Label: "OGRN"},
		{Type: interdict.IDTax, Value: "7814027653", Label: "INN"},
	}
	if !reflect.DeepEqual(org.Identifiers, wantOrgIDs) {
		t.Errorf("org identifiers = %+v", org.Identifiers)
	}
	if org.Names[1].Script != interdict.ScriptCyrillic || org.Names[1].Lang != "" {
		t.Errorf("non-Latin name = %+v", org.Names[1])
	}
	if len(org.Addresses) != 1 || org.Addresses[0].Country != "" || org.Addresses[0].Full != "1 Street, Narnia" {
		t.Errorf("unrecognised country address = %+v", org.Addresses)
	}
	if org.ListedOn != (interdict.Date{Year: 2023, Month: 1, Day: 1}) {
		t.Errorf("listed on = %v, want Listed On when there is no designation date", org.ListedOn)
	}

	ship := ents["uk:DPR9003"]
	wantV := interdict.Vessel{Type: "Oil tanker", Flag: "KP", Tonnage: "1914", Owner: "Korea Shipping Co", Built: "1985"}
	if ship.Kind != interdict.KindVessel || ship.Vessel == nil || *ship.Vessel != wantV {
		t.Errorf("ship = %s %+v, want vessel %+v", ship.Kind, ship.Vessel, wantV)
	}
	checkStrings(t, "ship alt keys", ship.AltKeys, "uk-group:103", "un-ref:KPv.099")
	checkStrings(t, "ship countries", ship.Countries, "KP", "PA", "KH")
	if len(ship.Identifiers) != 1 || ship.Identifiers[0] != (interdict.Identifier{Type: interdict.IDIMO, Value: "8106496", Label: "IMO number"}) {
		t.Errorf("ship identifiers = %+v", ship.Identifiers)
	}
	if len(ship.Names) != 2 || len(ship.Links) != 1 || ship.Links[0] != (interdict.Link{Type: interdict.LinkVesselOwner, OtherName: "Korea Shipping Co"}) {
		t.Errorf("ship names %+v links %+v", ship.Names, ship.Links)
	}

	if e := ents["uk:group-104"]; e.Gender != interdict.GenderFemale || len(e.BirthDates) != 0 {
		t.Errorf("group 104 = %+v", e)
	}
	if e := ents["uk:group-105"]; e.Names[0].Type != interdict.NameAKA {
		t.Errorf("unknown alias type read as %s, want aka", e.Names[0].Type)
	}
}

// TestConListReordered checks that columns are found by name: the same
// records under a reversed header, with the date in one cell, read the
// same.
func TestConListReordered(t *testing.T) {
	reversed := make([]string, len(realHeader))
	for i, h := range realHeader {
		reversed[len(realHeader)-1-i] = h
	}
	s := conlistSheet("Data", reversed, edgeRecords...)
	s.rows[0] = []string{"Last Updated 05/06/2024"}
	got := parseBytes(t, workbook(t, s), "reordered.xlsx")
	want := parseBytes(t, workbook(t, conlistSheet("Data", realHeader, edgeRecords...)), "reordered.xlsx")
	if got.Published != "2024-06-05" {
		t.Errorf("published = %q", got.Published)
	}
	if !reflect.DeepEqual(got.Entities, want.Entities) || !reflect.DeepEqual(got.Rejects, want.Rejects) {
		t.Error("a reordered sheet reads differently")
	}
}

func TestConListBadInput(t *testing.T) {
	noGroupID := make([]string, 0, len(realHeader))
	for _, h := range realHeader {
		if h != "Group ID" {
			noGroupID = append(noGroupID, h)
		}
	}
	valid := workbook(t, conlistSheet("Data", realHeader, edgeRecords...))
	late := conlistSheet("Data", realHeader, edgeRecords[0])
	late.rows = append([][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}, late.rows...)

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"missing.xlsx", workbook(t, conlistSheet("Data", noGroupID, edgeRecords[0])),
			`uk: missing.xlsx: sheet "Data": row 2: ConList header lacks required columns "Group ID"`},
		{"notes-first.xlsx", workbook(t, sheet{name: "Notes", rows: [][]string{{"Read me"}, {"This workbook holds the list"}}}, conlistSheet("Data", realHeader, edgeRecords[0])),
			`uk: notes-first.xlsx: sheet "Notes": no ConList header (Name 6, Group ID, Group Type, Alias Type) in the first 5 rows; is the first sheet the ConList sheet?`},
		{"late.xlsx", workbook(t, late), `uk: late.xlsx: sheet "Data": no ConList header`},
		{"empty-sheet.xlsx", workbook(t, sheet{name: "Data"}), `uk: empty-sheet.xlsx: sheet "Data": no ConList header`},
		{"list.csv", []byte("Name 6,Group ID\nX,1\n"), "uk: list.csv: not a readable xlsx workbook: "},
		{"empty.xlsx", nil, "uk: empty.xlsx: not a readable xlsx workbook: "},
		{"truncated.xlsx", valid[:len(valid)/2], "uk: truncated.xlsx: not a readable xlsx workbook: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(bytes.NewReader(tt.data), tt.name)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant prefix %s", err, tt.want)
			}
		})
	}
}

func TestDetectRows(t *testing.T) {
	au := []string{"Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth", "Citizenship"}
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"real", [][]string{{"Last Updated", "14/04/2025"}, realHeader}, true},
		{"header first", [][]string{realHeader}, true},
		{"header on row 5", [][]string{{"a"}, {"b"}, {"c"}, {"d"}, realHeader}, true},
		{"header on row 6", [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, realHeader}, false},
		{"two key columns", [][]string{{"GROUP ID", " name  6 "}}, true},
		{"australia", [][]string{au}, false},
		{"one key column", [][]string{{"Name 6", "Other"}}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		if got := DetectRows(tt.rows); got != tt.want {
			t.Errorf("%s: DetectRows = %v, want %v", tt.name, got, tt.want)
		}
	}
}
