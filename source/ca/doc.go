// Package ca reads Canada's Consolidated Autonomous Sanctions List, the
// SEMA/JVCFOR XML Global Affairs Canada publishes as sema-lmes.xml: a flat
// data-set of record elements (Country, LastName, GivenName, EntityOrShip,
// TitleOrShip, ShipIMONumber, DateOfBirthOrShipBuildDate, Aliases,
// Schedule, Item, DateOfListing).
//
// # Identifiers
//
// Canada gives no record id. A record is placed by its regulations (the
// Country field), the schedule of those regulations and the item number in
// the schedule, so the entity id is
//
//	ca:<regime>-<schedule>-<item>
//
// for example "ca:russia-1-part-1-123", "ca:belarus-1-part-1.1-5" and, where
// the regulations have a single schedule and the field is absent,
// "ca:venezuela-12". <regime> is a slug of the English half of the Country
// field ("Russia / Russie" gives "russia", "Myanmar (Burma) / Myanmar
// (Birmanie)" gives "myanmar-burma"); when the English half ends in an
// upper-case acronym in brackets, the acronym alone is used ("Justice for
// Victims of Corrupt Foreign Officials Regulations (JVCFOR)" gives
// "jvcfor"). The slug is taken from the text as published, not from an ISO
// code, so ids do not change when the country table learns a new alias.
// Schedule and item are slugged the same way ("1, Part 1.1" and "1,Part 1.1"
// both give "1-part-1.1"). Item numbers are reused after delistings, so an id
// names a listing slot rather than a party forever; it is stable between
// versions for as long as the listing stands.
//
// Ids must be unique within a file. A record whose id was already used is
// rejected when it repeats the earlier record word for word; otherwise it
// is kept under "<id>~<n>" (n counting occurrences from 2) and a note
// names it, since a listed party must not be dropped for a publisher's
// numbering slip.
//
// # Kinds
//
// A record with LastName or GivenName is a person. A record with
// EntityOrShip is a vessel when it carries a ShipIMONumber or a TitleOrShip
// (for ships Canada puts the ship type there, "Oil Tanker"), and an
// organization otherwise. A record with both a person's name and an
// EntityOrShip name, or with neither, or without an Item or a Country, is
// rejected.
//
// # Countries and programs
//
// The Country field names the regulations a record is listed under. For
// country regulations the country is looked up with country.Code and kept
// in Countries; the English half of the field is the program ("Russia",
// "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)").
// Thematic regulations (JVCFOR, the Hamas terrorist attacks and extremist
// settler violence regulations) name no country and are programs only.
//
// # Names
//
// The Aliases field is free text. See splitAliases for how it is cut into
// names; entity names carrying "(also known as …)" or an English/French
// pair separated by "/" are cut the same way.
package ca
