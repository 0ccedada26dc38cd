package bis

import (
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
)

// GuessKind guesses whether the names of one untyped entry (the Denied
// Persons List, and the CSL sub-lists that give no type) belong to a person
// or an organization. It is a heuristic, in this order:
//
//  1. any name carrying a legal-form word (INC, LTD, LLC, CO., CORP,
//     CORPORATION, COMPANY, GMBH, AG, S.A., S.L., AB, PTE, PVT, JSC, OOO,
//     FZC, ANSTALT, …) is an organization;
//  2. any name carrying a word that only organizations use (AIRLINES,
//     AVIATION, TECHNOLOGY, SOLUTIONS, SYSTEMS, TRADING, INTERNATIONAL,
//     GROUP, INSTITUTE, …), a digit, "&" or "AND", or a web domain is an
//     organization;
//  3. a first name shaped like a personal name is a person: two to six
//     words of letters (hyphens and apostrophes allowed), initials like
//     "J." or "A.H.", a "LAST, FIRST" comma, suffixes JR, SR, II, III, and
//     no acronym-like word (a word of two or more consonants only, such as
//     "KZ"; or, in a mixed-case name, an all-capitals word such as "GE");
//     a leading rank or honorific (MR., DR., PROFESSOR, COLONEL, CAPTAIN)
//     makes even a one-word name a person;
//  4. anything else is unknown (one-word trade names like "TECHONWEB").
//
// It errs towards unknown rather than a wrong kind: a short trade name
// with no telling word ("ATLAS SANATGARAN") still reads as a person, which
// is the one mistake it is known to make.
func GuessKind(names ...string) interdict.Kind {
	for _, n := range names {
		if orgSignal(n) {
			return interdict.KindOrganization
		}
	}
	if len(names) > 0 && looksPersonal(names[0]) {
		return interdict.KindPerson
	}
	return interdict.KindUnknown
}

// legalForms are company-type designators, compared without dots. Forms
// that are also common personal-name words are left out on purpose: "AO"
// (Ao is a surname), "SAN" (SAN MIGUEL), "AD", "SE", "TIC".
var legalForms = setOf(
	"INC", "INCORPORATED", "LTD", "LTDA", "LIMITED", "LLC", "LLP", "LP", "PLC",
	"CO", "CORP", "CORPORATION", "COMPANY", "CIA", "GMBH", "MBH", "AG", "KG",
	"SA", "SL", "SAS", "SARL", "SRL", "SPA", "SC", "CV", "BV", "NV", "AB", "OY",
	"PTE", "PVT", "PTY", "BHD", "SDN", "KK", "JSC", "PJSC", "OJSC", "CJSC",
	"OAO", "OOO", "ZAO", "PAO", "FZE", "FZC", "FZCO", "FZ", "DMCC", "GIE",
	"ANSTALT", "ESTABLISHMENT", "HOLDING", "HOLDINGS", "KFT", "ZRT", "SPOLKA",
	"DOO", "EOOD", "OOD",
)

// orgWords are words that name what an organization does or is, never
// part of a personal name.
var orgWords = setOf(
	"AIR", "AIRLINE", "AIRLINES", "AIRWAYS", "AVIATION", "AEROSPACE", "ACADEMY",
	"AGENCY", "ASSOCIATES", "ASSOCIATION", "BANK", "BUREAU", "CENTER", "CENTRE",
	"COMMERCIAL", "COMMERCIO", "COMPUTERS", "COMPUTER", "CONSTRUCTION",
	"CONSULTING", "CONTRACTING", "DATA", "DEPARTMENT", "DIRECTORATE",
	"DIVISION", "ELECTRONICS", "ELECTRONIC", "ELEKTRONIK", "ELEKTRONISCHE",
	"ENGINEERING", "ENTERPRISE", "ENTERPRISES", "EQUIPMENT", "EXPORT",
	"EXPORTS", "FACTORY", "FOUNDATION", "FREIGHT", "GROUP", "IMPORT", "IMPORTS",
	"INDUSTRIE", "INDUSTRIES", "INDUSTRIAL", "INDUSTRY", "INSTITUTE",
	"INSTITUTION", "INTERNATIONAL", "INTERNACIONAL", "INVEST", "INVESTMENT",
	"INVESTMENTS", "LOGISTICS", "MACHINERY", "MANAGEMENT", "MANUFACTURING",
	"MARITIME", "METALS", "MINISTRY", "NETWORK", "ORGANIZATION",
	"ORGANISATION", "PARTNERS", "PLANT", "PRODUCTS", "REFINING", "REGIMENT",
	"RESEARCH", "SERVICE", "SERVICES", "SHIPPING", "SOLUTIONS", "SUPPLY",
	"SUPPLIES", "SYSTEMS", "TECH", "TECHNIK", "TECHNOLOGY", "TECHNOLOGIES",
	"TELECOM", "TRADE", "TRADING", "TRANSPORT", "TRANSPORTATION", "TRUST",
	"UNIVERSITY", "VERTRIEBS", "EMPRESA", "ZAVOD", "OBSHCHESTVO", "ARMY",
	"COMMITTEE", "FUND", "PETROLEUM", "CHEMICAL", "CHEMICALS", "SHIPYARD",
	"LABORATORY", "LABORATORIES", "LAB", "LABS", "OFFICE", "MICROWAVE",
	"CARGO", "SPEDITION", "DEFENSE", "DEFENCE", "MISSILE", "AEROCARGO",
)

// titles are ranks and honorifics that precede personal names.
var titles = setOf(
	"MR", "MRS", "MS", "MISS", "DR", "PROF", "PROFESSOR", "CAPTAIN", "CAPT",
	"COLONEL", "COL", "GENERAL", "GEN", "MAJOR", "MAJ", "LIEUTENANT", "LT",
	"SHEIKH", "SHAIKH", "SIR",
)

// suffixes are generational suffixes after personal names.
var suffixes = setOf("JR", "SR", "II", "III", "IV")

// particles are name particles that an all-capitals mixed-case name may
// carry without being an acronym.
var particles = setOf("AL", "EL", "ABU", "BIN", "IBN", "BINT", "DE", "DA", "DI", "DOS", "DEL", "LA", "LE", "VAN", "VON", "NG")

var webSuffixes = []string{".COM", ".NET", ".ORG", ".RU", ".CN", ".IR", ".DE", ".UK", ".BIZ", ".INFO"}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// nameWords splits a name into words at spaces, commas, semicolons and
// parentheses, keeping dots, hyphens and apostrophes inside words.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == '(' || r == ')' || r == '/'
	})
}

func undot(w string) string { return strings.ReplaceAll(w, ".", "") }

func orgSignal(name string) bool {
	up := strings.ToUpper(name)
	for _, s := range webSuffixes {
		if strings.Contains(up, s) {
			return true
		}
	}
	if strings.ContainsAny(up, "&0123456789@") {
		return true
	}
	for _, w := range nameWords(up) {
		w = strings.Trim(w, "-'\"")
		u := undot(w)
		if legalForms[u] || orgWords[u] || u == "AND" {
			return true
		}
		// Hyphenated legal forms: "FZ-LLC", "INDUSTRIE-HANDEL".
		for _, part := range strings.Split(u, "-") {
			if part != u && (legalForms[part] || orgWords[part]) {
				return true
			}
		}
	}
	return false
}

// titleOf returns the rank or honorific a name starts with ("COLONEL",
// "MR."), or "".
func titleOf(name string) string {
	w := nameWords(name)
	if len(w) > 1 && titles[strings.ToUpper(undot(w[0]))] {
		return w[0]
	}
	return ""
}

func looksPersonal(name string) bool {
	words := nameWords(name)
	if len(words) == 0 {
		return false
	}
	titled := false
	if len(words) > 1 && titles[strings.ToUpper(undot(words[0]))] {
		words, titled = words[1:], true
	}
	for len(words) > 0 && suffixes[strings.ToUpper(undot(words[len(words)-1]))] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || len(words) > 6 || (!titled && len(words) < 2) {
		return false
	}
	mixed := strings.ToUpper(name) != name && strings.ToLower(name) != name
	comma := strings.Contains(name, ",")
	for _, w := range words {
		if !personalWord(w) {
			return false
		}
		if mixed && !comma && !isInitials(w) && isAcronym(w) {
			return false
		}
	}
	return true
}

// personalWord reports a word of letters (with inner hyphens and
// apostrophes), or initials like "J." and "A.H.".
func personalWord(w string) bool {
	if isInitials(w) {
		return true
	}
	letters, vowels := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			if strings.ContainsRune("AEIOUYaeiouy", r) || r > unicode.MaxASCII {
				vowels++
			}
		case r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	if letters == 0 {
		return false
	}
	// A word of consonants only ("KZ", "GHS") is an acronym; a single
	// letter is an initial written without its dot; "NG" is a surname.
	return letters == 1 || vowels > 0 || strings.EqualFold(w, "NG")
}

// isInitials reports "J.", "A.H." or "T.K.": single letters each with a dot.
func isInitials(w string) bool {
	if len(w) < 2 || !strings.HasSuffix(w, ".") {
		return false
	}
	for _, part := range strings.Split(strings.TrimSuffix(w, "."), ".") {
		if len([]rune(part)) != 1 || !unicode.IsLetter([]rune(part)[0]) {
			return false
		}
	}
	return true
}

// isAcronym reports an all-capitals word of two or more letters that is
// not a name particle, in a name otherwise written in mixed case.
func isAcronym(w string) bool {
	u := undot(w)
	if len([]rune(u)) < 2 || particles[strings.ToUpper(u)] {
		return false
	}
	return strings.ToUpper(u) == u && strings.ToLower(u) != u
}
