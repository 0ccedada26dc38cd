// Package au reads the Australian Sanctions Consolidated List that the
// Department of Foreign Affairs and Trade (DFAT) publishes as
// Australian_Sanctions_Consolidated_List.xlsx (formerly
// regulation8_consolidated.xlsx).
//
// The workbook has one sheet and one row per name. Columns are found by
// their header (Reference, Name of Individual or Entity, Type, Name Type,
// Alias Strength, Date of Birth, Place of Birth, Citizenship, Address,
// Additional Information, Listing Information, IMO Number, Committees,
// Control Date, …), so a reordered or widened sheet still reads; Reference,
// Name of Individual or Entity, Type and Name Type are required.
//
// # Entities and ids
//
// Rows are linked by Reference: "2", "2a" and "2b" are three names of
// entry 2. Each entry number is one entity with id "au:<number>"
// ("au:2"). DFAT gives each name row its own copy of the entry's details,
// and the copies do not always agree (one alias row may carry an extra
// birth date or address), so the entity takes the union of its rows.
//
// # Names
//
// Name Type "Primary Name" gives the primary name; "Alias" an a.k.a., weak
// when Alias Strength says "Weak"; "Original Script" the primary name as
// written in its own script, which is also a primary name (with its script
// detected). The Primary Name row's name is always the entity's first
// name. An entry with no Primary Name row (the sheet has a few) takes its
// first name as primary and the load notes it. For vessels, "Previous names
// include X" in Additional Information gives the former name X as an f.k.a.
//
// # Other fields
//
// Birth dates come in many forms (Excel serials, "dd/mm/yyyy", "mm/yyyy",
// years, "Approximately 1953", "5 May 1957", "Between 1963 and 1968", lists
// split by commas, semicolons, line breaks or spaces); see parseBirthDates.
// Citizenship and address countries go through country.Code (a person's
// citizenships to Citizenships, an organization's to Countries; address
// countries to Countries). Committees are the programs. The UN reference
// that opens Additional Information for UN listings ("TAi.002.") becomes
// the alt key "un-ref:TAi.002". ListedOn is the first full date in Listing
// Information, which DFAT writes first, before any amendment dates.
// Published is the latest Control Date.
package au
