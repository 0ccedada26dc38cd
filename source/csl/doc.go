// Package csl reads the US Consolidated Screening List (source "csl") as
// trade.gov publishes it in CSV: the current data.trade.gov
// consolidated.csv, which leads with an _id column, and the older layout
// without it. Columns are found by header name in both.
//
// Both layouts are recognised by their source, entity_number and name
// columns on one of the first five lines; lines before the header are
// skipped with a note, and line numbers stay those of the file. A
// recognised header must also have the other columns both layouts share
// (type, programs, addresses, alt_names, ids), or Parse fails naming the
// missing ones; every other column is optional. A first line that is not
// recognisably the CSL, given to Parse all the same, is read as the header
// when it has source and name.
//
// The CSL merges eleven US lists: the Commerce Department's Entity List,
// Unverified List, Military End User List and Denied Persons List; State's
// Nonproliferation Sanctions and ITAR Debarred; Treasury's SDN, SSI, FSE,
// PLC, CAPTA and NS-MBS lists. The Entity List matters most: the CSL is
// where it is published as data. Each row's sub-list (the source column,
// "Entity List (EL) - Bureau of Industry and Security") is kept as a
// program "CSL:Entity List", followed by the row's own programs.
//
// # Ids
//
//   - "csl:<_id>" where the row has an _id (the current layout);
//   - else "csl:<list code>-<entity_number>" ("csl:SDN-20264") where the
//     publisher gives an entity number (the Treasury lists);
//   - else interdict.HashID("csl", list code, name, addresses), over the
//     cells as written. The list code is the one in the source cell's
//     parentheses ("EL", "DPL", "MEU"), so a re-worded agency name keeps
//     the id.
//
// Rows that share an id are merged and counted in a note.
//
// # Fields
//
// Names: the name cell is split at ";" (the first item primary, the
// others a.k.a.s) and each item by bis.SplitName ("PEARL (A.K.A. …) LI",
// "Gulf Eagle Contracting (GEC)"); the Nonproliferation list's "; and any
// successor, sub-unit, or subsidiary thereof" goes to Remarks. alt_names
// items are a.k.a.s (f.k.a. where they say so). The "and " and final full
// stop the Entity List copies from Federal Register prose are dropped.
// For individuals written in OFAC's "FAMILY, Given" form, the name parts
// are set.
//
// Kind: from the type column. Where it is empty (every non-Treasury
// list), Military End User and Unverified List entries are organizations
// (both lists name end users: companies, institutes, universities), and
// the others are guessed from the names with bis.GuessKind.
//
// Addresses: each ";" item is kept whole as Full, with its country from
// the trailing two-letter code, a trailing country name, or a US state
// and ZIP code (older Denied Persons rows). ids: each ";" item is
// "type, number, country" in the current layout and "country, number,
// type" in the older one; parseIDItem tells which end is the label.
// OFAC's facts about a listing that are not identifiers ("Secondary
// sanctions risk:", "Executive Order 13662 Directive Determination -")
// go to Remarks, and "Gender" sets the gender. Dates of birth, places of
// birth, citizenships, nationalities, titles, call sign and vessel
// particulars are read where given; remarks of the form "(Linked To: X)"
// become links, resolved to X's id where exactly one entry of the file has
// that primary name. start_date is ListedOn; federal_register_notice,
// end_date (for the Denied Persons List, when the denial expires),
// standard_order, license_requirement and license_policy go to Remarks.
//
// Country strings country.Code does not know are counted in a note. The
// file carries no publication date, so Published is left empty.
package csl
