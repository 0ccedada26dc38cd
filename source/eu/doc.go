// Package eu reads the EU Financial Sanctions Files (FSF) consolidated
// list in its XML 1.1 form: an export root in the namespace
// http://eu.europa.ec/fpi/fsd/export (generationDate attribute) holding
// sanctionEntity records.
//
// Ids are "eu:<euReferenceNumber>" ("eu:EU.3579.2"), the reference the
// Commission publishes and cites. The record's logicalId is kept as the
// alt key "eu-logical:<id>", and a UN reference number, where the record
// gives one (unitedNationId), as "un-ref:<ref>", the key the UN package
// gives the same party. A record without a euReferenceNumber falls back to
// "eu:logical-<logicalId>".
//
// Choices the format forces on us, each explained where it is made:
//
//   - The FSF marks no name as the primary one. The primary name is the
//     strong, Latin-script alias with the lowest logicalId, that is the name
//     the party was first listed under (see names.go).
//   - strong="false" aliases, and aliases whose remark calls them "low
//     quality", are weak a.k.a.s.
//   - Birth dates in another calendar (calendarType ISLAMIC) are used only
//     through their Gregorian birthdate attribute; their year, month and
//     day attributes are in that calendar and are never read as Gregorian.
//   - A function (position) is a title of a person but a description of an
//     organisation, kept in its remarks.
//   - Countries come as an ISO code (or "00" for unknown) and a name; the
//     code is tried first, then the name, both through country.Code.
//   - Links come only from the "Associated entities:" and "Associated
//     individuals:" lists of remarks, by name (the FSF gives no ids for
//     them); see links.go.
//   - Contact details (contactInfo: PHONE, FAX, EMAIL, WEB) are
//     identifiers; several in one value are split at ";".
package eu
