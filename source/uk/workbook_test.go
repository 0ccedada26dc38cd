package uk

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// realHeader is the ConList header row in the order of the April 2025
// file.
var realHeader = []string{
	"Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
	"Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language",
	"DOB", "Town of Birth", "Country of Birth", "Nationality", "Passport Number",
	"Passport Details", "National Identification Number", "National Identification Details",
	"Position", "Address 1", "Address 2", "Address 3", "Address 4", "Address 5",
	"Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type",
	"Alias Type", "Alias Quality", "Regime", "Listed On",
	"UK Sanctions List Date Designated", "Last Updated", "Group ID",
}

// rec is one fixture row, by header name.
type rec map[string]string

// sheet is a fixture sheet: a name and its rows.
type sheet struct {
	name string
	rows [][]string
}

// conlistSheet lays out records under header, after a "Last Updated" row.
func conlistSheet(name string, header []string, recs ...rec) sheet {
	s := sheet{name: name, rows: [][]string{{"Last Updated", "01/02/2024"}, header}}
	for _, r := range recs {
		row := make([]string, len(header))
		for i, h := range header {
			row[i] = r[h]
		}
		s.rows = append(s.rows, row)
	}
	return s
}

// workbook builds an xlsx file in memory with excelize, the same library
// (and so the same cell encoding) the parser reads it with.
func workbook(tb testing.TB, sheets ...sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			vals := make([]any, len(row))
			for j, v := range row {
				vals[j] = v
			}
			if err := f.SetSheetRow(s.name, cell, &vals); err != nil {
				tb.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// The Other Information cells of the fixture groups, repeated on each of
// a group's rows as OFSI does.
const (
	info101 = "(UK Sanctions List Ref):RUS9001. Note text. (UK Statement of Reasons):Because. (Gender):Male (Phone number):(1) +7 495 111 (2) +7 495 222 (Email address):a@example.ru"
	info102 = "(UK Sanctions List Ref):RUS9002. (Website):www.romashka.example (Parent company):(1) Rostec (2) Ministry of Defence (Subsidiaries):Ansar Bank. Mehr Bank (Business Reg No):OGRN: 1027807560186 \nINN: 7814027653 (Type of entity):LLC"
	info103 = "(UK Sanctions List Ref):DPR9003. (UN Ref):KPv.099. (IMO number):8106496 (Current owners):Korea Shipping Co (Flag of ship):North Korea (Previous flags):Panama. Cambodia (Type of ship):Oil tanker (Tonnage of ship):1914 (Length of ship):80 (Year built):1985"
)

// edgeRecords exercise grouping, the cross product of names and
// addresses, name types, numbered cells, Other Information tags, ships,
// id fallbacks and every reject.
var edgeRecords = []rec{
	{ // group 101, row 3
		"Name 6": "IVANOV", "Name 1": "Ivan", "Name 2": "Ivanovich", "Title": "Mr",
		"Name Non-Latin Script": "Иван Иванович Иванов", "Non-Latin Script Type": "Cyrillic", "Non-Latin Script Language": "Russian",
		"DOB": "00/00/1965", "Town of Birth": "(1) Moscow (2) Kazan", "Country of Birth": "(1) Russia (2) Russia",
		"Nationality": "(1) Russia. (2) Cyprus", "Passport Number": "(1) 7512345 (2) C00146605",
		"Passport Details": "(1) Russian. Expired (2) Cypriot", "National Identification Number": "770305249797",
		"National Identification Details": "Taxpayer ID", "Position": "(1) Director (2) Chairman",
		"Address 1": "Ulitsa 1", "Address 6": "Moscow", "Post/Zip Code": "101000", "Country": "Russia",
		"Other Information": info101, "Group Type": "Individual", "Alias Type": "Primary name", "Regime": "Russia",
		"Listed On": "10/03/2022", "UK Sanctions List Date Designated": "09/03/2022", "Last Updated": "09/03/2022", "Group ID": "101",
	},
	{ // group 101, row 4: a low-quality a.k.a. at a second address
		"Name 6": "IVANOFF", "Name 1": "Ivan", "DOB": "00/05/1966",
		"Town of Birth": "(1) Moscow (2) Kazan", "Country of Birth": "(1) Russia (2) Russia",
		"Nationality": "(1) Russia. (2) Cyprus", "Passport Number": "(1) 7512345 (2) C00146605",
		"Passport Details": "(1) Russian. Expired (2) Cypriot", "Address 1": "Flat 2", "Address 6": "Limassol", "Country": "Cyprus",
		"Other Information": info101, "Group Type": "Individual", "Alias Type": "AKA", "Alias Quality": "Low quality", "Regime": "Russia",
		"Listed On": "10/03/2022", "UK Sanctions List Date Designated": "09/03/2022", "Group ID": "101",
	},
	{ // group 101, row 5: a former name, first address again
		"Name 6": "PETROV", "Name 1": "Ivan", "DOB": "00/00/1965",
		"Address 1": "Ulitsa 1", "Address 6": "Moscow", "Post/Zip Code": "101000", "Country": "Russia",
		"Group Type": "Individual", "Alias Type": "FKA", "Regime": "Russia", "Group ID": "101",
	},
	{ // group 101, row 6
		"Name 6": "IVANOV", "Name 1": "Iwan", "Group Type": "Individual", "Alias Type": "Primary name variation",
		"Alias Quality": "Good quality", "Regime": "Russia", "Group ID": "101",
	},
	{ // group 102, row 7: an entity with links and registration numbers
		"Name 6": "OOO ROMASHKA", "Name Non-Latin Script": "ООО Ромашка",
		"Address 1": "1 Street", "Country": "Narnia",
		"Other Information": info102, "Group Type": "Entity", "Alias Type": "Primary name", "Regime": "Russia", "Listed On": "01/01/2023", "Group ID": "102",
	},
	{ // group 103, row 8: a ship
		"Name 6": "SEA STAR", "Other Information": info103,
		"Group Type": "Ship", "Alias Type": "Primary name", "Regime": "Democratic People's Republic of Korea", "Group ID": "103",
	},
	{ // group 103, row 9
		"Name 6": "STAR OF SEA", "Other Information": info103,
		"Group Type": "Ship", "Alias Type": "AKA", "Regime": "Democratic People's Republic of Korea", "Group ID": "103",
	},
	{ // group 104, row 10: no reference
		"Name 6": "NOREF", "Name 1": "Anna", "Other Information": "(Gender):female", "DOB": "31/02/1970",
		"Group Type": "Individual", "Alias Type": "Primary name", "Regime": "Libya", "Group ID": "104",
	},
	{ // group 105, row 11: a reference group 102 already has
		"Name 6": "DUPLICATE LTD", "Other Information": "(UK Sanctions List Ref):RUS9002.",
		"Group Type": "Entity", "Alias Type": "Nickname", "Regime": "Russia", "Group ID": "105",
	},
	{ // row 12: rejected, no Group ID
		"Name 6": "ORPHAN", "Group Type": "Individual", "Alias Type": "Primary name",
	},
	{ // row 13: rejected, unknown Group Type
		"Name 6": "AIRPLANE", "Group Type": "Aircraft", "Alias Type": "Primary name", "Group ID": "106",
	},
	{ // row 14: rejected, no name
		"Title": "Dr", "Group Type": "Individual", "Alias Type": "Primary name", "Group ID": "107",
	},
	{}, // row 15: blank, skipped
}
