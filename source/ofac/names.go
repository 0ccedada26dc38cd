package ofac

import (
	"strings"

	"github.com/interdict/interdict"
)

// nameOf builds a Name. For a person, OFAC writes "LAST, First Middle":
// Family is the text before the first comma and Given the rest, set only
// when both are there (a lone "ABU HAFS" is not known to be a family name).
func nameOf(full string, t interdict.NameType, person bool) interdict.Name {
	n := interdict.Name{Full: strings.TrimSpace(full), Type: t}
	n.Script = asciiScript(n.Full)
	if !person {
		return n
	}
	if fam, giv, ok := strings.Cut(n.Full, ","); ok {
		fam, giv = strings.TrimSpace(fam), strings.TrimSpace(giv)
		if fam != "" && giv != "" {
			n.Family, n.Given = fam, giv
		}
	}
	return n
}

// asciiScript is interdict.DetectScript for the pure-ASCII names that
// make up nearly all of OFAC's lists, without its per-call allocation; it
// returns "" (leaving detection to Entity.AddName) for anything else.
func asciiScript(s string) interdict.Script {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return ""
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			letter = true
		}
	}
	if !letter {
		return interdict.ScriptUnknown
	}
	return interdict.ScriptLatin
}

// joinName writes the XML's lastName and firstName the way the CSV does,
// so that both formats give the same Full name.
func joinName(last, first string) string {
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return last + ", " + first
}

// addPrograms adds the programs of a Program column, which OFAC writes
// as "SDGT] [IRGC" (the outer brackets of "[SDGT] [IRGC]" dropped).
func addPrograms(e *interdict.Entity, col string) {
	for p := range strings.SplitSeq(col, "] [") {
		e.AddProgram(strings.Trim(p, "[] "))
	}
}

// addTitles adds the titles of a Title column, separated by semicolons.
func addTitles(e *interdict.Entity, col string) {
	for t := range strings.SplitSeq(col, ";") {
		e.Titles = appendOnce(e.Titles, strings.TrimSpace(t))
	}
}

// kindOf maps SDN_Type (CSV) or sdnType (XML) to a kind. OFAC leaves the
// type of companies and other organizations empty ("-0-") in the CSV and
// writes "Entity" in the XML.
func kindOf(t string) (interdict.Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "entity":
		return interdict.KindOrganization, true
	case "individual":
		return interdict.KindPerson, true
	case "vessel":
		return interdict.KindVessel, true
	case "aircraft":
		return interdict.KindAircraft, true
	}
	return interdict.KindUnknown, false
}
