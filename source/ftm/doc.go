// Package ftm reads OpenSanctions data in two forms: FollowTheMoney (FtM)
// JSON lines, the graph OpenSanctions builds from every official list, and
// the flat targets.simple.csv export of one OpenSanctions dataset.
//
// # FtM JSON lines (Detect, Parse, ParseFiles)
//
// One JSON object per line: id, schema, caption, properties (every value a
// list of strings), datasets, referents, first_seen/last_seen, target. The
// source is "ftm" and an entity id is "ftm:" + the FtM id, verbatim.
//
// Which objects become entities. Every Thing that can be screened becomes
// an Entity, whether OpenSanctions marks it a target or not: Person →
// person; Company, Organization, LegalEntity, PublicBody → organization;
// Vessel → vessel; Airplane → aircraft. Non-targets (a subsidiary taken
// from a company registry, a relative) are kept so that network paths
// through them work, and their Remarks start with a line saying they are
// not a sanctions target. The other schemas are folded into those
// entities: Address (addressEntity), Sanction (programs, listing date,
// authorities), Passport, Identification and CryptoWallet (identifiers of
// the holder), and the relationship schemas, which become Links on both
// ends (relSchemas in schema.go). Objects of any other schema are counted
// in a note and otherwise ignored.
//
// What an entity gets: identifiers from the properties in idProps
// (schema.go; kppCode is left out, being shared by unrelated companies);
// programs from its own programId and from the programId and program of
// every Sanction naming it; ListedOn, the earliest Sanction startDate
// (listingDate where a Sanction has no start date); Remarks, its notes,
// summary and description and the authorities of its Sanctions; AltKeys,
// "ftm:" + each referent (the source-list ids OpenSanctions merged into
// it, such as "ftm:ofac-45937").
//
// References. A file may name an entity before the line that defines it,
// so Parse collects the whole file first and resolves references at the
// end, through ids and through referents (the ids OpenSanctions merged
// into a canonical id). A link to an id not in the file keeps OtherID
// "ftm:<id>" without a name, so that loads of several files merged by id
// still connect; such references are counted in a note. ParseFiles reads
// several files as one load and resolves references across them.
//
// Names: the caption is the primary name (the first name value when there
// is no caption); other name values are a.k.a.s, alias → aka,
// previousName → fka, weakAlias and abbreviation → weak aka. A person's
// firstName, lastName, fatherName and middleName values are attached as
// parts to each name whose words contain them.
//
// Published is the latest last_seen date in the file: FtM exports carry
// no date of their own, and last_seen is when OpenSanctions last saw the
// data.
//
// Lines are read one by one and each decoded with encoding/json on its
// own, rather than with one json.Decoder over the stream, so that a bad
// line is a Reject with its line number and the lines after it still
// load. The first non-empty line must be an FtM object (an object with id
// and schema), otherwise the file is not FtM and Parse returns an error.
//
// # targets.simple.csv (DetectSimple, ParseSimple)
//
// OpenSanctions' flat export of a dataset's targets. Multi-valued cells are
// themselves one ";"-separated CSV record (OpenSanctions writes them with
// Python's csv module), so a value holding ";" or a quote is quoted inside
// the cell. The source comes from the dataset column (SourceForDataset):
// "Ukraine War and Sanctions" is "ua-war", any other title "os-" + a slug of
// it; an export mixing datasets is "opensanctions". The entity id is
// "<source>:" + the OpenSanctions id, and the same id in the FtM namespace
// ("ftm:<id>") is kept in AltKeys, since it is the FtM entity's id.
//
// The identifiers column gives bare values without their type, so the type
// is inferred from the value's shape and the schema (IMO + 7 digits → IMO,
// 9 digits on a vessel → MMSI, 13 digits → OGRN, …, see identify.go); the
// inferred name is kept as the Label. The countries column mixes every
// country association, so all go to Countries. The sanctions column holds
// OpenSanctions' sanction summaries (program, reason, status, dates) and
// goes to Remarks. Published is the latest last_seen date.
package ftm
