// Package dod reads the US Department of Defense list of "Chinese military
// companies" operating in the United States (Section 1260H of the FY2021
// NDAA), source "us-1260h", as transcribed by OpenSanctions from the DoD's
// PDF releases into sanctions.csv (Name, Clean Name, Alias, Previous Name,
// Parent Name, Note, Start date, End date, Source Url). Columns are found
// by header name.
//
// The file is recognised by its Clean Name, Previous Name and Parent Name
// columns, particular to it, on one of its first five lines; lines before
// the header are skipped with a note, and line numbers stay those of the
// file. A recognised header must also have Name, Alias, Start date and
// End date (the names, and the listing periods that decide who is still
// listed), or Parse fails naming the missing ones; Note and Source Url
// are optional. A first line that is not recognisably the transcription,
// given to Parse all the same, is read as the header when it has Name and
// Clean Name.
//
// DoD republishes the whole list every year, and the transcription has one
// row per company per release, so one company has several rows. The id is
//
//	interdict.HashID("us-1260h", Clean Name)  // or Name where Clean Name is empty
//
// and rows with the same id are one entity. The transcription sometimes
// leaves the alias in Clean Name ("Aerospace CH UAV Co., Ltd (CH UAV)"
// beside rows that say "Aerospace CH UAV Co., Ltd"): a trailing
// parenthesis comes off the key, and is kept as an alias, when what
// remains is another row's Clean Name or the parenthesis repeats the
// row's own Alias. Every entity is an organization; the file names no
// countries, so none are set.
//
// Delisting: DoD drops companies from a release, and the transcription
// marks the dropped company's row with an End date. A company is live
// when its most recent listing (latest Start date) has no End date; the
// rest are left out of the entities and named in a note, with the number
// of rows that carry an End date. Judging by the latest listing, not by
// any open row, matters for companies listed again after removal (live)
// and for old rows left open after a later one was ended (not live).
// ListedOn is the Start date of the company's current run of listings.
//
// Names: the latest row's Clean Name is primary. Alias values are a.k.a.s,
// except one the Name cell calls former ("X (formerly Y)"), which is an
// f.k.a.; Previous Name values are f.k.a.s. The Name cell itself (Clean
// Name plus alias and the transcriber's "*" mark) is not kept as a name.
// Parent Name becomes an owner link, resolved to the parent's id when the
// parent is itself a live company in the file, matched on its Clean Name
// or its Name with or without a trailing acronym. Notes are kept as
// Remarks; Source Url is not kept.
//
// Published is the latest Start or End date: the last change the
// transcription records.
package dod
