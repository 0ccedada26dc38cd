package uk

import (
	"strings"

	"github.com/interdict/interdict"
)

// nameParts are the UK lists' six name fields: Name 1 to Name 5 are
// forenames in order and Name 6 is the family name, or the whole name of
// an entity or ship.
type nameParts [6]string

// name builds the entity's name from its parts. For people the parts are
// kept (given = Name 1, middle = Names 2-5, family = Name 6); for entities
// and ships the parts are just joined.
func (p nameParts) name(kind interdict.Kind, typ interdict.NameType) interdict.Name {
	var all []string
	for _, s := range p {
		if s = collapse(s); s != "" {
			all = append(all, s)
		}
	}
	n := interdict.Name{Full: strings.Join(all, " "), Type: typ}
	if kind != interdict.KindPerson {
		return n
	}
	n.Given = collapse(p[0])
	var middle []string
	for _, s := range p[1:5] {
		if s = collapse(s); s != "" {
			middle = append(middle, s)
		}
	}
	n.Middle = strings.Join(middle, " ")
	n.Family = collapse(p[5])
	return n
}

// collapse trims s and folds its runs of white space (OFSI cells carry
// stray newlines and non-breaking spaces) into single spaces.
func collapse(s string) string {
	clean := true
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' '
		if c == '\t' || c == '\n' || c == '\r' || c >= 0x80 || (sp && (prevSpace || i == 0 || i == len(s)-1)) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// nameType maps a UK alias type and alias quality to an Interdict name
// type. "Primary name variation" (ConList) and "Primary Name Variation"
// (FCDO) are spellings of the primary name, which Interdict treats as an
// a.k.a.; any a.k.a. of "Low quality" is weak. The second result is false
// for a type the package does not know (which is then read as an a.k.a.).
func nameType(aliasType, quality string) (interdict.NameType, bool) {
	weak := strings.Contains(strings.ToLower(quality), "low")
	aka := interdict.NameAKA
	if weak {
		aka = interdict.NameWeakAKA
	}
	switch strings.ToLower(collapse(aliasType)) {
	case "primary name":
		return interdict.NamePrimary, true
	case "primary name variation", "aka", "alias", "a.k.a", "a.k.a.":
		return aka, true
	case "fka", "f.k.a", "f.k.a.", "formerly known as", "previous name":
		return interdict.NameFKA, true
	}
	return aka, false
}

// languages maps the language names OFSI writes beside non-Latin names
// to BCP 47 tags. Script names written in the language column
// ("Cyrillic") map to nothing.
var languages = map[string]string{
	"arabic": "ar", "belarusian": "be", "bosnian": "bs", "bulgarian": "bg",
	"burmese": "my", "chinese": "zh", "farsi": "fa", "georgian": "ka",
	"greek": "el", "hebrew": "he", "japanese": "ja", "kazakh": "kk",
	"korean": "ko", "persian": "fa", "persian/farsi": "fa", "romanian": "ro",
	"russian": "ru", "russia": "ru", "serbian": "sr", "spanish": "es",
	"thai": "th", "turkish": "tr", "ukrainian": "uk", "ukraine": "uk",
	"armenian": "hy", "azerbaijani": "az", "kyrgyz": "ky", "tajik": "tg",
	"uzbek": "uz", "urdu": "ur", "pashto": "ps", "dari": "prs", "mongolian": "mn",
}

// langTag returns the BCP 47 tag for a language name, or "".
func langTag(s string) string {
	return languages[strings.ToLower(collapse(s))]
}

// nameRank orders name types for display: primary names first.
func nameRank(t interdict.NameType) int {
	switch t {
	case interdict.NamePrimary:
		return 0
	case interdict.NameAKA:
		return 1
	case interdict.NameWeakAKA:
		return 2
	case interdict.NameFKA:
		return 3
	}
	return 4
}
