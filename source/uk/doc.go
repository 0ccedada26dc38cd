// Package uk reads the United Kingdom's two sanctions list formats into
// Interdict entities, under the source name "uk":
//
//   - the HM Treasury / OFSI "Consolidated List of Asset Freeze Targets" in
//     its Excel form (ConList.xlsx, "2022 format"; retired in January 2026
//     but still the most complete UK file we hold), read by [Parse] and
//     [ParseWorkbook];
//   - the FCDO "UK Sanctions List" XML (UK-Sanctions-List.xml), read by
//     [ParseFCDO].
//
// # ConList
//
// The workbook's first sheet has a "Last Updated dd/mm/yyyy" row, then a
// header row, then one row per name of a target. Columns are found by
// header name, so a reordered sheet still reads. Rows are grouped into one
// entity per Group ID; because OFSI writes the cross product of a target's
// names, addresses and dates of birth, every field is the union over the
// group's rows, de-duplicated. Multi-valued cells ("(1) A (2) B") are split
// and numbered values are paired (passport number n with passport details
// n, town of birth n with country of birth n).
//
// The "Other Information" cell carries tagged fields, "(Tag):value", which
// are read into structured form: (UK Sanctions List Ref), (UN Ref),
// (Gender), (Phone number), (Email address), (Website), (Business Reg No),
// (Parent company), (Subsidiaries) and the ship particulars. The cell is
// also kept verbatim as the entity's Remarks.
//
// # Entity ids
//
// Both formats use the UK Sanctions List reference, the one id the FCDO
// list and OFSI share: "uk:RUS0001". ConList carries it only inside Other
// Information ("(UK Sanctions List Ref):RUS0001."); the FCDO XML carries it
// as UniqueID. Where a ConList group has no reference (one group in the
// April 2025 file), or its reference is already taken by an earlier group,
// the id is "uk:group-<Group ID>" and a note says so; an FCDO designation
// without UniqueID falls back the same way on its OFSIGroupID. No hashed
// ids are needed. The OFSI Group ID is always kept as an alternate key
// "uk-group:<id>", and a UN reference as "un-ref:<ref>" (e.g.
// "un-ref:TAi.002"), so that the two formats and the UN list can be joined.
//
// # Choices shared by both formats
//
//   - ListedOn is the UK designation date ("UK Sanctions List Date
//     Designated" in ConList, DateDesignated in the XML), falling back to
//     ConList's "Listed On", so that the two formats agree.
//   - Programs are the regime names exactly as each format writes them:
//     ConList says "Russia" where the XML says "The Russia (Sanctions) (EU
//     Exit) Regulations 2019".
//   - IMO numbers are kept as their 7 digits, without the "IMO" prefix the
//     XML adds.
//   - Non-Latin names are names of their own, with the script detected
//     from the text (the publisher's "Non-Latin Script Type" is often
//     misspelt) and the language, where given, as a BCP 47 tag. In ConList
//     a non-Latin name takes the type of the row it is on; in the XML,
//     which does not say, it is an a.k.a.
//   - Addresses keep the publisher's lines, post code and country text in
//     Full; Country is the ISO code. A country given without any address
//     line is kept in Countries only.
//   - Countries go through the country package: country.Code for cells
//     that name one country (address country, flag), country.Codes for
//     cells that may name several (nationality, country of birth,
//     previous flags), after OFSI's numbered items are split here so that
//     each unrecognised item is named in the load's notes.
//   - Links to parent companies, subsidiaries and ship owners carry the
//     other party's name only: neither format gives a resolvable
//     reference for them.
package uk
