// Package ofac reads the lists of the US Treasury's Office of Foreign Assets
// Control (OFAC) in their two legacy formats:
//
//   - the CSV set: sdn.csv (primary records) with its companions alt.csv
//     (alternate names), add.csv (addresses) and sdn_comments.csv (remark
//     overflow), and the same four tables of the consolidated non-SDN list
//     (cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv). See
//     DetectCSV and ParseCSV.
//   - the SDN.XML schema (SDN.XML, CONSOLIDATED.XML). See Detect and Parse.
//
// Entity ids are "ofac-sdn:<ent_num>" and "ofac-cons:<ent_num>": OFAC's
// ent_num (uid in the XML) is stable across versions, so no hashed ids are
// needed, and the CSV and the XML of one list give the same ids.
//
// Most of what OFAC knows about a party is not in columns but in the free
// text of the remarks ("DOB 07 Oct 1952; POB Leningrad, Russia; Passport
// 123 (Russia); Linked To: X."). The XML splits some of it into elements
// and puts the rest into idList items whose idType is the same wording
// ("Passport", "Secondary sanctions risk:"). Both formats therefore go
// through one table of OFAC's labels (labels.go), so that the CSV and the
// XML of the same list give comparable entities. The parsing is plain
// string scanning: no regular expressions.
//
// Mapping choices worth knowing:
//
//   - SDN_Type individual, vessel and aircraft map to those kinds; "-0-"
//     (the XML's "Entity") is an organization.
//   - Individual names are "LAST, First Middle": Family is the part before
//     the first comma and Given the rest, set only when both are present.
//     OFAC does not mark middle names or patronymics, so they stay in Given.
//   - alt.csv "aka" and "nka" are NameAKA, "fka" is NameFKA. The quoted
//     aliases of the remarks ("a.k.a. 'BNC'", also f.k.a., n.k.a., d.b.a.)
//     are OFAC's low-quality aliases: NameWeakAKA, as is every XML aka of
//     category "weak", former names included.
//   - Identifiers keep OFAC's label in Label and the country in
//     parentheses after the number as Country. A company's "National ID
//     No." is an IDRegistration. After "Matricula Mercantil No" the
//     parenthesis names a Colombian chamber of commerce, not a country; it
//     goes to Note.
//   - "Organization Established Date" goes into BirthDates (the domain
//     model has no separate founding date). Former and other vessel flags
//     and "Nationality of Registration" go into Countries.
//   - "Title", "Alternate Title" and "Rank" in the remarks, and the Title
//     column, are Titles. Other free text (positions, relations) stays in
//     Remarks only.
//   - "Linked To: NAME" is a LinkLinkedTo from the entity carrying the remark
//     to NAME. OtherID is set when NAME (trimmed, case-folded, with or
//     without a final period) is the primary name of exactly one entity of
//     the same load; OtherName is then that primary name and Note keeps
//     OFAC's wording. Vess_owner is Vessel.Owner and a LinkVesselOwner
//     resolved the same way. Unresolved links are counted in the Notes.
//   - add.csv's combined "City/State/Province/Postal Code" column is kept
//     whole in Address.City; the XML's separate elements fill City, Region
//     and PostalCode. Address.Full always holds the published parts with
//     the country as written, so nothing is lost when a country string is
//     not recognised.
//   - Entity.Remarks keeps the publisher's remarks verbatim (with
//     sdn_comments.csv continuations joined). For the XML it is the remarks
//     element followed by the idList items that are statements rather than
//     identifiers ("Target Type Private Company").
//   - Every country string goes through country.Code; the ones it does not
//     know are counted in a note of the load.
package ofac
