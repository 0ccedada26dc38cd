package csl

import (
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
)

// idKinds classify the labels of the ids cell by the words they contain,
// first match wins. The labels are OFAC's ("Tax ID No.", "NIT #",
// "Matricula Mercantil No", "Vessel Registration Identification") and
// change often, so words, not whole labels, decide.
var idKinds = []struct {
	words []string
	typ   interdict.IDType
}{
	{[]string{"passport"}, interdict.IDPassport},
	{[]string{"swift", "bic"}, interdict.IDSWIFT},
	{[]string{"email"}, interdict.IDEmail},
	{[]string{"website"}, interdict.IDWebsite},
	{[]string{"phone", "fax"}, interdict.IDPhone},
	{[]string{"digital currency", "crypto"}, interdict.IDCrypto},
	{[]string{"mmsi"}, interdict.IDMMSI},
	{[]string{"imo", "vessel registration"}, interdict.IDIMO},
	{[]string{"call sign"}, interdict.IDCallSign},
	{[]string{"aircraft tail"}, interdict.IDAircraftTail},
	{[]string{"aircraft serial", "aircraft manufacturer's serial", "aircraft construction"}, interdict.IDAircraftSerial},
	{[]string{"tax", "v.a.t", "vat", "nit", "ruc", "r.f.c", "rfc", "inn", "cuit", "fiscal"}, interdict.IDTax},
	{[]string{"registration", "registry", "register", "company number", "business number", "gazette", "matricula", "chamber of commerce", "legal entity", "licen", "incorporation", "enterprise number", "ogrn", "unified social credit"}, interdict.IDRegistration},
	{[]string{"national id", "cedula", "identification", "id no", "id card", "identity", "d.n.i", "dni", "curp", "c.u.r.p", "residency", "citizen"}, interdict.IDNational},
}

// features are labels of facts about the listing, not identifiers.
var features = []string{"gender", "former vessel flag", "vessel flag", "vessel year of build", "organization established date",
	"organization type", "target type", "nationality of registration", "aircraft model", "aircraft operator",
	"aircraft manufacture date", "aircraft mode s"}

// labelKind reports how a label reads: as a feature (OFAC ends feature
// labels with ":" or " -"), as a known identifier type, or not as a
// label at all.
func labelKind(label string) (typ interdict.IDType, feature, known bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	if l == "" {
		return "", false, false
	}
	if strings.HasSuffix(l, ":") || strings.HasSuffix(l, " -") {
		return "", true, true
	}
	for _, f := range features {
		if l == f {
			return "", true, true
		}
	}
	if hasDigitRun(l) {
		return interdict.IDOther, false, false
	}
	words := strings.FieldsFunc(l, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.')
	})
	for i, w := range words {
		words[i] = strings.Trim(w, ".")
	}
	for _, k := range idKinds {
		for _, w := range k.words {
			if mentions(l, words, w) {
				return k.typ, false, true
			}
		}
	}
	return interdict.IDOther, false, false
}

// mentions reports whether label l (split into words) contains keyword w:
// as a substring for phrases and long words, as a whole word for short
// ones ("inn", "nit", "bic"), so that "Financial Institutions" does not
// read as an INN.
func mentions(l string, words []string, w string) bool {
	if strings.Contains(w, " ") || len(w) >= 5 {
		return strings.Contains(l, w)
	}
	return slices.Contains(words, w)
}

// hasDigitRun reports three digits in a row: a value, not a label.
func hasDigitRun(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if n++; n == 3 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// idItem is one ";"-separated item of the ids cell, understood.
type idItem struct {
	id      interdict.Identifier
	feature string // "Label: value" when the item is a fact, not an id
	gender  interdict.Gender
	country string // a 2-letter country the item names that country.Code did not know
}

// parseIDItem reads one item of the ids cell. The current layout writes
// "type, number[, country]" ("Passport, U00242309, TR"); the older one
// wrote "[country, ]number, type" ("CH, CHE-427.006.032, Company
// Number"). Which end holds the label is read from the item where the
// label is recognisable, and from the layout (labelFirst) otherwise.
func parseIDItem(item string, labelFirst bool, code func(string) (string, bool)) (idItem, bool) {
	var parts []string
	for _, p := range strings.Split(item, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	var it idItem
	switch len(parts) {
	case 0:
		return it, false
	case 1:
		it.id = interdict.Identifier{Type: interdict.IDOther, Value: parts[0]}
		return it, true
	}
	_, firstFeature, firstKnown := labelKind(parts[0])
	_, lastFeature, lastKnown := labelKind(parts[len(parts)-1])
	first := labelFirst
	switch {
	case firstKnown && !lastKnown:
		first = true
	case lastKnown && !firstKnown:
		first = false
	case firstFeature && !lastFeature:
		first = true
	case lastFeature && !firstFeature:
		first = false
	}
	var label string
	var rest []string
	if first {
		label, rest = parts[0], parts[1:]
	} else {
		label, rest = parts[len(parts)-1], parts[:len(parts)-1]
	}
	typ, feature, _ := labelKind(label)
	clean := strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(label), " -"), ":"))
	if feature {
		value := strings.Join(rest, ", ")
		if strings.EqualFold(clean, "gender") {
			switch strings.ToLower(value) {
			case "male":
				it.gender = interdict.GenderMale
				return it, true
			case "female":
				it.gender = interdict.GenderFemale
				return it, true
			}
		}
		it.feature = clean + ": " + value
		return it, true
	}
	// A two-letter code at the far end from the label is the issuing
	// country.
	var ctry string
	if len(rest) > 1 {
		i := 0
		if first {
			i = len(rest) - 1
		}
		if isCode(rest[i]) {
			ctry = rest[i]
			rest = append(rest[:i:i], rest[i+1:]...)
		}
	}
	value := strings.Join(rest, ", ")
	if typ == interdict.IDIMO {
		value = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(value, "IMO"), ":"))
	}
	it.id = interdict.Identifier{Type: typ, Value: value, Label: clean}
	if ctry != "" {
		if c, ok := code(ctry); ok {
			it.id.Country = c
		} else {
			it.country = ctry
		}
	}
	return it, true
}

// isCode reports a two-letter upper-case code.
func isCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
