package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

// funcs are the helpers templates use. Everything else a page shows is
// prepared as plain strings by the handlers; html/template escapes it all.
var funcs = template.FuncMap{
	"asset":      func(name string) string { return assetURL[name] },
	"kindLabel":  kindLabel,
	"kindPlural": kindPlural,
	"lower":      strings.ToLower,
	"num":        thousands,
	"join":       strings.Join,
}

// entityURL is the page of an entity. Ids hold colons and may hold
// slashes (FollowTheMoney ids are kept verbatim); PathEscape keeps them
// one path segment's worth of safe text.
func entityURL(id string) string { return "/entities/" + url.PathEscape(id) }

func kindLabel(k interdict.Kind) string {
	switch k {
	case interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel, interdict.KindAircraft:
		return string(k)
	}
	return "kind unknown"
}

func kindPlural(k interdict.Kind) string {
	switch k {
	case interdict.KindPerson:
		return "People"
	case interdict.KindOrganization:
		return "Organizations"
	case interdict.KindVessel:
		return "Vessels"
	case interdict.KindAircraft:
		return "Aircraft"
	}
	return "Unknown kind"
}

func nameTypeLabel(t interdict.NameType) string {
	switch t {
	case interdict.NamePrimary:
		return "primary name"
	case interdict.NameAKA:
		return "a.k.a."
	case interdict.NameFKA:
		return "f.k.a. (former name)"
	case interdict.NameWeakAKA:
		return "weak a.k.a."
	}
	if t == "" {
		return "name"
	}
	return string(t)
}

var scripts = map[interdict.Script]string{
	interdict.ScriptLatin:    "Latin",
	interdict.ScriptCyrillic: "Cyrillic",
	interdict.ScriptArabic:   "Arabic",
	interdict.ScriptGreek:    "Greek",
	interdict.ScriptHebrew:   "Hebrew",
	interdict.ScriptHan:      "Chinese characters",
	interdict.ScriptHangul:   "Korean (Hangul)",
	interdict.ScriptKana:     "Japanese (kana)",
	interdict.ScriptArmenian: "Armenian",
	interdict.ScriptGeorgian: "Georgian",
	interdict.ScriptThai:     "Thai",
	interdict.ScriptOther:    "no letters",
	interdict.ScriptMixed:    "mixed scripts",
	interdict.ScriptUnknown:  "unknown script",
}

func scriptLabel(s interdict.Script) string {
	if n, ok := scripts[s]; ok {
		return n
	}
	return string(s)
}

// countryLabel is "Russia (RU)", or the code alone when unknown.
func countryLabel(code string) string {
	if n := country.Name(code); n != "" {
		return n + " (" + strings.ToUpper(code) + ")"
	}
	return code
}

func countriesLabel(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = countryLabel(c)
	}
	return strings.Join(out, ", ")
}

var idTypes = map[interdict.IDType]string{
	interdict.IDPassport:       "Passport",
	interdict.IDNational:       "National ID",
	interdict.IDTax:            "Tax ID",
	interdict.IDRegistration:   "Registration number",
	interdict.IDIMO:            "IMO number",
	interdict.IDMMSI:           "MMSI",
	interdict.IDCallSign:       "Call sign",
	interdict.IDAircraftSerial: "Aircraft serial number",
	interdict.IDAircraftTail:   "Aircraft tail number",
	interdict.IDSWIFT:          "SWIFT/BIC",
	interdict.IDEmail:          "Email",
	interdict.IDWebsite:        "Website",
	interdict.IDCrypto:         "Digital currency address",
	interdict.IDPhone:          "Phone",
	interdict.IDOther:          "Other",
}

func idTypeLabel(t interdict.IDType) string {
	if n, ok := idTypes[t]; ok {
		return n
	}
	return string(t)
}

// howLabel says in words how a token pair compared.
func howLabel(t interdict.TokenMatch) string {
	switch {
	case t.Query == "" && t.Listed != "":
		return "listed token with no counterpart in the query"
	case t.Listed == "" && t.Query != "":
		return "query token not found in the listed name"
	}
	switch t.How {
	case "exact":
		return "identical"
	case "phonetic":
		return "sound alike (same phonetic key)"
	case "skeleton":
		return "same consonants"
	case "fuzzy":
		return "similar spelling"
	case "initial":
		return "initial matches the name"
	case "joined":
		return "same letters, written as one word"
	case "unmatched":
		return "no counterpart"
	}
	return t.How
}

// howShort is the word used in the summary sentence.
func howShort(how string) string {
	switch how {
	case "exact":
		return "identical"
	case "phonetic":
		return "sounding alike"
	case "skeleton":
		return "with the same consonants"
	case "fuzzy":
		return "spelled similarly"
	case "initial":
		return "by initial"
	case "joined":
		return "written as one word"
	}
	return how
}

func attributeLabel(a string) string {
	switch a {
	case "birth_date":
		return "Birth date"
	case "country":
		return "Country"
	case "identifier":
		return "Identifier"
	case "gender":
		return "Gender"
	case "kind":
		return "Kind"
	case "name_type":
		return "Name type"
	}
	return a
}

// signed formats a score change with its sign and a true minus sign.
func signed(d float64) string {
	s := strconv.FormatFloat(d, 'f', -1, 64)
	if len(s) > 6 {
		s = fmt.Sprintf("%.3f", d)
	}
	if d >= 0 {
		return "+" + s
	}
	return "−" + strings.TrimPrefix(s, "-")
}

func unsigned(d float64) string {
	return strings.TrimLeft(signed(d), "+−")
}

// linkLabel reads an entity's own link: "the other party is my …".
func linkLabel(t interdict.LinkType) string {
	switch t {
	case interdict.LinkLinkedTo:
		return "Linked to"
	case interdict.LinkOwner:
		return "Owned by"
	case interdict.LinkSubsidiary:
		return "Owns"
	case interdict.LinkDirector:
		return "Directed by"
	case interdict.LinkDirects:
		return "Director of"
	case interdict.LinkVesselOwner:
		return "Vessel owned or operated by"
	case interdict.LinkVessel:
		return "Owns or operates the vessel"
	case interdict.LinkFamily:
		return "Family member"
	case interdict.LinkAssociate:
		return "Associate"
	}
	return string(t)
}

// inboundLabel reads another entity's link to this one from this one's
// side: an Owner link from X to this entity means this entity owns X.
func inboundLabel(t interdict.LinkType) string {
	switch t {
	case interdict.LinkLinkedTo:
		return "Linked to this party"
	case interdict.LinkOwner:
		return "Owned by this party"
	case interdict.LinkSubsidiary:
		return "Owns this party"
	case interdict.LinkDirector:
		return "Directed by this party"
	case interdict.LinkDirects:
		return "Directs this party"
	case interdict.LinkVesselOwner:
		return "Vessel owned or operated by this party"
	case interdict.LinkVessel:
		return "Owns or operates this vessel"
	case interdict.LinkFamily:
		return "Family member"
	case interdict.LinkAssociate:
		return "Associate"
	}
	return string(t)
}

// thousands formats n with thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
