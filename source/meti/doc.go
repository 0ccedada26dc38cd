// Package meti reads Japan's End User List (外国ユーザーリスト), the
// workbook of foreign organizations of proliferation concern that the
// Ministry of Economy, Trade and Industry (METI) publishes for catch-all
// export controls (e.g. 20250929_4.xlsx).
//
// The workbook has one sheet with bilingual headers ("国名、地域名\nCountry
// or Region"); columns are found by the English half of the header: No.,
// Country or Region, Company or Organization, Also Known As, Type of WMD,
// Conventional Weapons. Country or Region and Company or Organization are
// required. Every entry is an organization.
//
// # Identifiers
//
// METI's "No." is the row's position in that revision and changes when
// entries are added or removed, so it is no id. The entity id is
//
//	interdict.HashID("jp-meti", country, name)
//
// over the English country as published ("Islamic Republic of Iran") and
// the primary name as read below (without its native-script form), so an
// id survives renumbering, re-spacing and case changes, and changes only
// when METI renames the entry or its country. Two entries with the same
// country and name are one party listed twice: the second is merged into
// the first and a note says so. The No. is kept in Remarks for finding the
// row in the workbook.
//
// # Names
//
// Cells are width-folded first (full-width Latin letters, brackets and
// spaces become ASCII; half-width katakana becomes full-width). A name
// cell holds the English name, often followed by the name in Chinese
// characters or Japanese in brackets, on the same line or the next:
// "Korea Ryonbong General Corporation (KRGC)\n(朝鮮連峰総会社)". The
// bracketed native-script form is a name of its own (an a.k.a. with its
// script), and bracketed Latin text ("(KRGC)") stays in the name. A
// bracketed or trailing text wholly in kana after a name is a reading (how
// to pronounce the name), not a name, and is dropped; a kana or kanji name
// standing alone ("セソン技術貿易") is kept as a name in its script. The
// Also Known As cell is a list of "・"-bulleted names; lines without a
// bullet continue the name before, except a line wholly in another script
// after a Latin name, which is a name of its own.
//
// # Programs
//
// Every entry has the program "METI-EUL". Type of WMD ("生物、化学、ミサイル、
// 核\nB,C,M,N") adds "WMD:B" (biological), "WMD:C" (chemical), "WMD:M"
// (missile) and "WMD:N" (nuclear); a Conventional Weapons mark adds
// "conventional". The workbook carries no publication date, so Published
// comes from a file name that starts with the date, as METI names its
// files ("20250929_4.xlsx" gives 2025-09-29), and is left empty otherwise.
package meti
