package au

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// header is the DFAT header row as published.
var header = []any{
	"Reference", "Name of Individual or Entity", "Type", "Name Type", "Alias Strength",
	"Date of Birth", "Place of Birth", "Citizenship", "Address", "Additional Information",
	"Listing Information", "IMO Number", "Committees", "Control Date", "Instrument of Designation",
	"Targeted Financial Sanction", "Travel Ban", "Arms Embargo", "Maritime Restriction",
}

// workbook builds an xlsx in memory from rows, the way DFAT's looks: one
// sheet named "Consolidated List". Numbers stay numbers, so Excel serials
// are numeric cells as in the real file.
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Consolidated List"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixtureRows are the edge cases of the DFAT sheet, after a title row and
// the header (so data starts on sheet row 3).
func fixtureRows() [][]any {
	row := func(cells ...any) []any { return cells }
	return [][]any{
		row("Australian Sanctions Consolidated List"),
		header,
		// 3: a person, details spread over its rows.
		row("1", "MOHAMMAD HASSAN AKHUND", "Individual", "Primary Name", "", 24473,
			"a) Pashmul village, Kandahar Province, Afghanistan b) Quetta, Pakistan", "Russia, Ukraine",
			"a) 10 Vozdvizhenka Street, Moscow, 125009, Russia (as at 2014) b) Online",
			"TAi.002. Title: a) Mullah b) Haji.", "Listed by UN 1267 Committee on 25 January 2001 (amended on 20 December 2005)",
			"", "1988 (Taliban)", 46058, "Charter of the United Nations (Sanctions—the Taliban) Regulation 2013", true, true, true, false),
		row("1a", "A. Akhund", "Individual", "Alias", "Strong", 24473, "", "Russia", "", "", "", "", "1988 (Taliban)", 46058),
		row("1b", "Akhund", "Individual", "Alias", "Weak", "1960", "", "", "", "", "", "", "1988 (Taliban)", 46058),
		row("1c", "محمد حسن أخوند", "Individual", "Original Script", "", 24473, "", "Atlantis", "", "", "", "", "1988 (Taliban)", 46058),
		// 7: an organization whose alias row lacks a Type.
		row("2", "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN", "Entity", "Primary Name", "", "", "", "", "Kabul, Afghanistan", "", "", "", "1267 Committee (ISIL & Al-Qaida)", 46073),
		row("2a", "ISIL-K", "", "Alias", "Strong", "", "", "", "", "", "", "", "1267 Committee (ISIL & Al-Qaida)", 46073),
		// 9: a row of entry 1 out of order: it still joins entry 1.
		row("1d", "Mullah Akhund", "Individual", "Alias", "Strong", "", "", "", "", "", "", "", "1988 (Taliban)", 46077),
		// 10: a vessel with former names.
		row("3", "NOCTIS", "Vessel", "Primary Name", "", "", "", "", "", "Previous names include ASHER and BULL", "Designated as a sanctioned vessel in the Autonomous Sanctions (Sanctioned Vessels – Russia) Designation 2025", "9258868", "Autonomous (Vessels)", 45826),
		// 11: an entry with no Primary Name row.
		row("4a", "Yahya Husseini Panjaki", "Individual", "Alias", "Strong", 27417, "Karaj, Iran", "Iran", "", "", "", "", "Autonomous (Iran)", 46055),
		// 12-13: an entry with two Primary Name rows.
		row("5", "Rubicon Center", "Entity", "Primary Name", "", "", "", "", "", "", "", "", "Autonomous (Russia)", 46077),
		row("5a", "Rubicon Unit", "Entity", "Primary Name", "", "", "", "", "", "", "", "", "Autonomous (Russia)", 46077),
		// 14: blank row, skipped.
		row(),
		// 15-17: rejects.
		row("", "No Reference", "Individual", "Primary Name"),
		row("x12", "Bad Reference", "Individual", "Primary Name"),
		row("6", "", "Individual", "Primary Name"),
		// 18: unknown Name Type and Type.
		row("7", "Odd One", "Alien", "Nickname"),
		// 19: birth dates in every written form.
		row("8", "Many Dates", "Individual", "Primary Name", "", "Approximately 1953, 5 May 1957; Between 1963 and 1968\n27/05/1973 01/01/1975, 24/06/1402, 08/1977", "", "", "", "", "Listed on: 5 Aug. 2016", "", "Autonomous (Syria)", "bad"),
	}
}
