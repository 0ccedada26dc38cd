// Package bis reads two lists of the US Bureau of Industry and Security
// (BIS): the Denied Persons List and the Military End-User list.
//
// # Denied Persons List (source "us-dpl")
//
// dpl.txt is tab-separated with quoted fields and a header (Name,
// Street_Address, City, State, Country, Postal_Code, Effective_Date,
// Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation).
// Columns are found by header name. BIS repeats a denied party once per
// address; every row is one entity.
//
// The file is recognised by its Name, Street_Address and Effective_Date
// columns on one of its first five lines; lines before the header (a
// "last updated" line a re-export adds) are skipped with a note, and line
// numbers stay those of the file. A recognised header must also have City,
// State, Country, Postal_Code and Last_Update, the columns the id, the
// address and the publication date come from, or ParseDPL fails naming
// the missing ones ("bis: dpl.txt line 1: missing columns Country,
// Last_Update"). Expiration_Date, Standard_Order, Action and FR_Citation
// are optional.
//
// BIS gives no id of its own, so the id is
//
//	interdict.HashID("us-dpl", Name, Street_Address, City, Country, Effective_Date)
//
// over the cells as written (HashID folds case, spacing and punctuation).
// The address is part of the id because a party's rows differ only by it;
// the Effective_Date because a party denied again later is a new order.
// Rows that fold to the same id (an exact repeat, or "AL-NASER AIRLINES"
// beside "AL NASER AIRLINES" at the same address) are merged, the later
// spelling kept as an a.k.a., and counted in a note.
//
// Names carry their aliases inline ("FUYI SUN A/K/A FRANK SUN", "PEARL
// (A.K.A. NEI-CHIEN CHU) LI"); SplitName documents how they are split. The
// list has no type column; GuessKind documents the person/organization
// heuristic.
//
// Addresses: a US state with an empty Country is a US address; a US state
// code in the Country column with State empty is one too; a non-US code in
// the State column with no Country stays a region without a country.
// Country strings country.Code does not know are counted in a note.
//
// Published is the latest Last_Update that is plausible: a real date from
// 1980 up to tomorrow. The file carries typing slips (year 3017, 2922,
// 0222); they are listed in a note, never rejected, since the row itself is
// sound. Expiration_Date, Standard_Order, Action and FR_Citation go into
// Remarks; Effective_Date is ListedOn.
//
// # Military End-User list (source "us-mieu")
//
// BIS publishes the Military (Intelligence) End-User list only inside the
// EAR's text; OpenSanctions transcribes it to mieu.csv (Type, Name, Alias,
// Country, Topics, Program, Date, End date, Source URL).
//
// The transcription is recognised by its Name, Program and End date
// columns on one of its first five lines (lines before the header are
// skipped with a note), together with a MEU/MIEU program tag or "meu" in
// the file name (see DetectMEU). A recognised header must also have Type,
// Alias, Country and Date, or ParseMEU fails naming the missing ones;
// Topics and Source URL are optional. A first line that is not
// recognisably the list, given to ParseMEU all the same, is read as the
// header when it has Name and Country. The id is
//
//	interdict.HashID("us-mieu", Name, Country)
//
// over the cells as written. Alias and Country may hold several values
// (splitList). Rows with an End date have been removed from the list and
// are left out, counted in a note. Published is the latest Date or End
// date: the last change the transcription records.
package bis
