package uk

import (
	"fmt"
	"strings"
)

// field is a ConList column the parser reads.
type field int

const (
	colName1 field = iota
	colName2
	colName3
	colName4
	colName5
	colName6
	colTitle
	colNonLatin
	colScriptType
	colScriptLang
	colDOB
	colTownOfBirth
	colCountryOfBirth
	colNationality
	colPassportNumber
	colPassportDetails
	colNINumber
	colNIDetails
	colPosition
	colAddr1
	colAddr2
	colAddr3
	colAddr4
	colAddr5
	colAddr6
	colPostCode
	colCountry
	colOtherInfo
	colGroupType
	colAliasType
	colAliasQuality
	colRegime
	colListedOn
	colDesignated
	colLastUpdated
	colGroupID
	colRef    // a dedicated "UK Sanctions List Ref" column, in case OFSI adds one
	colGender // likewise
	numFields
)

// headers names each field's column as OFSI writes it (compared without
// case and with spaces folded), with the other spellings seen in OFSI's
// CSV and XML forms of the same list.
var headers = [numFields][]string{
	colName1:           {"name 1", "name1"},
	colName2:           {"name 2", "name2"},
	colName3:           {"name 3", "name3"},
	colName4:           {"name 4", "name4"},
	colName5:           {"name 5", "name5"},
	colName6:           {"name 6", "name6"},
	colTitle:           {"title"},
	colNonLatin:        {"name non-latin script", "namenonlatinscript"},
	colScriptType:      {"non-latin script type", "nonlatinscripttype"},
	colScriptLang:      {"non-latin script language", "nonlatinscriptlanguage"},
	colDOB:             {"dob", "date of birth"},
	colTownOfBirth:     {"town of birth"},
	colCountryOfBirth:  {"country of birth"},
	colNationality:     {"nationality"},
	colPassportNumber:  {"passport number", "passport no"},
	colPassportDetails: {"passport details"},
	colNINumber:        {"national identification number", "ni number"},
	colNIDetails:       {"national identification details", "ni details"},
	colPosition:        {"position"},
	colAddr1:           {"address 1", "address1"},
	colAddr2:           {"address 2", "address2"},
	colAddr3:           {"address 3", "address3"},
	colAddr4:           {"address 4", "address4"},
	colAddr5:           {"address 5", "address5"},
	colAddr6:           {"address 6", "address6"},
	colPostCode:        {"post/zip code", "postcode", "post code", "zip code"},
	colCountry:         {"country"},
	colOtherInfo:       {"other information"},
	colGroupType:       {"group type"},
	colAliasType:       {"alias type"},
	colAliasQuality:    {"alias quality"},
	colRegime:          {"regime", "regime name"},
	colListedOn:        {"listed on", "date listed"},
	colDesignated:      {"uk sanctions list date designated", "date designated"},
	colLastUpdated:     {"last updated"},
	colGroupID:         {"group id", "groupid"},
	colRef:             {"uk sanctions list ref", "unique id"},
	colGender:          {"gender"},
}

// required are the columns without which rows cannot be made into
// entities, with their names as OFSI writes them.
var required = []struct {
	f    field
	name string
}{
	{colName6, "Name 6"}, {colGroupID, "Group ID"}, {colGroupType, "Group Type"}, {colAliasType, "Alias Type"},
}

// columns maps each field to its column index in the sheet, or -1.
type columns [numFields]int

// headerKey folds a header cell for comparison.
func headerKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// byHeader lookup table: folded header text → field.
var byHeader = func() map[string]field {
	m := map[string]field{}
	for f, names := range headers {
		for _, n := range names {
			m[n] = field(f)
		}
	}
	return m
}()

// findColumns reads a header row. ok is false when the row is not a
// ConList header at all (fewer than two of the required columns);
// missing lists the required columns absent from a row that is one.
func findColumns(row []string) (cols columns, missing []string, ok bool) {
	for i := range cols {
		cols[i] = -1
	}
	for i, cell := range row {
		if f, known := byHeader[headerKey(cell)]; known && cols[f] < 0 {
			cols[f] = i
		}
	}
	found := 0
	for _, r := range required {
		if cols[r.f] >= 0 {
			found++
		} else {
			missing = append(missing, fmt.Sprintf("%q", r.name))
		}
	}
	return cols, missing, found >= 2
}

// get returns the cell of field f in row, or "".
func (c *columns) get(row []string, f field) string {
	i := c[f]
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}
