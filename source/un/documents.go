package un

import (
	"regexp"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// identifier reads an INDIVIDUAL_DOCUMENT. TYPE_OF_DOCUMENT is one of a
// few broad kinds ("Passport", "National Identification Number", and the
// French and Spanish "Numéro de passeport"/"Número de pasaporte" that some
// DPRK records repeat); TYPE_OF_DOCUMENT2, where present, is the real
// document ("Birth certificate", "Italian Fiscal Code:") and decides the
// type when it is more precise. A document with no NUMBER gives nothing:
// its number, if any, is buried in free text. ok is false then.
func identifier(d document, c *countries) (id interdict.Identifier, ok bool) {
	number := text.Clean(d.Number)
	if number == "" {
		return id, false
	}
	t1 := text.Clean(d.Type)
	t2 := strings.TrimRight(text.Clean(d.Type2), ": ")
	id = interdict.Identifier{Type: documentType(t1, t2), Value: number, Label: t1}
	if t2 != "" && !strings.EqualFold(t2, t1) && !strings.EqualFold(t2, "number") {
		id.Label = text.JoinNonEmpty(" ", t1, "("+t2+")")
	}
	if id.Country = c.code(d.IssuingCountry); id.Country == "" {
		id.Country = c.code(d.CountryOfIssue)
	}
	var issued string
	if v := text.Clean(d.DateOfIssue); v != "" {
		issued = "issued " + v
	}
	if v := text.Clean(d.CityOfIssue); v != "" {
		issued = text.JoinNonEmpty(" ", issued, "in "+v)
	}
	id.Note = text.JoinNonEmpty("; ", issued, text.Clean(d.Note))
	return id, true
}

var (
	otherDocRE = regexp.MustCompile(`(?i)birth certificate|ration card|driver|student|voter|residential card|military|serviceman|certificate of`)
	taxDocRE   = regexp.MustCompile(`(?i)fiscal code|\btax\b`)
)

func documentType(t1, t2 string) interdict.IDType {
	l2 := strings.ToLower(t2)
	switch {
	case strings.Contains(l2, "passport"):
		return interdict.IDPassport
	case taxDocRE.MatchString(t2):
		return interdict.IDTax
	case otherDocRE.MatchString(t2):
		return interdict.IDOther
	}
	switch l1 := strings.ToLower(t1); {
	case isPassportLabel(l1):
		return interdict.IDPassport
	case strings.Contains(l1, "identification") || strings.Contains(l1, "identity"):
		return interdict.IDNational
	}
	return interdict.IDOther
}

func isPassportLabel(l string) bool {
	return strings.Contains(l, "passport") || strings.Contains(l, "passeport") || strings.Contains(l, "pasaporte")
}

// addIdentifier appends id to e, merging it into an earlier identifier of
// the same type and number: the DPRK records list one passport three times
// under English, French and Spanish labels, and the English one is kept.
func addIdentifier(e *interdict.Entity, id interdict.Identifier) {
	for i := range e.Identifiers {
		x := &e.Identifiers[i]
		if x.Type != id.Type || x.Value != id.Value {
			continue
		}
		if x.Country == "" {
			x.Country = id.Country
		}
		if strings.Contains(id.Note, x.Note) {
			x.Note = id.Note
		}
		if isTranslatedLabel(x.Label) && !isTranslatedLabel(id.Label) {
			x.Label = id.Label
		}
		return
	}
	e.AddIdentifier(id)
}

func isTranslatedLabel(l string) bool {
	l = strings.ToLower(l)
	return strings.Contains(l, "passeport") || strings.Contains(l, "pasaporte")
}

var imoRE = regexp.MustCompile(`(?i)\bIMO\)?\s*(?:number|no\.?)?\s*:?\s*(\d{7})\b`)

// remarkIMOs finds the IMO company numbers the DPRK entity remarks give
// ("IMO number: 5571322", "Company Number IMO 5434358"). They identify
// the shipping company itself, so they belong on the entity.
func remarkIMOs(remarks string) []string {
	var out []string
	for _, m := range imoRE.FindAllStringSubmatch(remarks, -1) {
		out = text.AddOnce(out, m[1])
	}
	return out
}
