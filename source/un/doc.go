// Package un reads the UN Security Council Consolidated List in its XML
// form: a CONSOLIDATED_LIST root (dateGenerated attribute) holding
// INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records, schema
// https://www.un.org/sc/resources/sc-sanctions.xsd.
//
// Ids are "un:<DATAID>". DATAID is the UN's own record number and survives
// amendments; the permanent reference number ("QDi.001") is kept as the alt
// key "un-ref:QDi.001" because the EU and UK lists cite it, and the UN's
// own remarks use it to point at other listed parties.
//
// Choices the format forces on us, each explained where it is made:
//
//   - Individuals' names come in up to four unlabeled parts. The full name
//     joins them in order; the parts are mapped to given/middle/family only
//     as a convention (see names.go), with DPRK listings family-name first.
//   - Alias QUALITY "Good" and "a.k.a." are a.k.a.s, "Low" a weak a.k.a.,
//     "f.k.a." a former name. NAME_ORIGINAL_SCRIPT is a second primary
//     name. An alias holding several spellings ("Azim Adhajani; Azim
//     Agha-Jani", "جبهة النصرة (the Victory Front; Jabhat al-Nusrah)") is
//     split into them, and alias notes that spell the alias in its
//     original script ("original script: …", "In Arabic: …") add that
//     spelling, all with the alias's type.
//   - Birth dates follow TYPE_OF_DATE. Free-text notes are read only for
//     "Month YYYY" forms; a Hijri date in a note is never read as a
//     Gregorian one (the UN always gives the Gregorian date beside it).
//   - Links are read only from reference numbers in COMMENTS1 that name a
//     record of the same file ("Member of Al-Qaida (QDe.004)"); the other
//     party's name is that record's primary name. See links.go.
//   - The IMO company numbers the DPRK entity remarks give ("IMO number:
//     5571322") become IMO identifiers of the entity.
//   - Address NOTEs are dropped ("as of June 2016", "in prison"), except
//     where the NOTE is the whole address; place-of-birth NOTEs stay in the
//     place ("Kalemie, Katanga (now Tanganyika Province)").
//   - The placeholder "na" ("not available") in NATIONALITY and name parts
//     is treated as empty.
package un
