package eu

import (
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// idTypes maps identificationTypeCode to an identifier type. The codes
// are the FSF's; "id", "NRN" (national register number) and "ssn" are
// national numbers, the various certificates, permits and cards are
// "other".
var idTypes = map[string]interdict.IDType{
	"passport":   interdict.IDPassport,
	"id":         interdict.IDNational,
	"nrn":        interdict.IDNational,
	"ssn":        interdict.IDNational,
	"regnumber":  interdict.IDRegistration,
	"fiscalcode": interdict.IDTax,
	"swiftbic":   interdict.IDSWIFT,
	"imo":        interdict.IDIMO,
}

// identifiers reads an identification element. The number is the
// number attribute, and latinNumber too where it differs (a number
// transliterated from another script). What the FSF says about the
// document (issuer, dates, flags, name on it, remark) is the note. It
// returns nil for an element without a number.
func identifiers(d identification, c *countries) []interdict.Identifier {
	typ, ok := idTypes[strings.ToLower(text.Clean(d.TypeCode))]
	if !ok {
		typ = interdict.IDOther
	}
	label := text.Clean(d.TypeDescription)
	if label == "" {
		label = text.Clean(d.TypeCode)
	}
	var flags []string
	for _, f := range []struct{ set, say string }{
		{d.Diplomatic, "diplomatic"}, {d.KnownExpired, "known expired"}, {d.KnownFalse, "known false"},
		{d.ReportedLost, "reported lost"}, {d.RevokedByIssuer, "revoked by issuer"},
	} {
		if isTrue(f.set) {
			flags = append(flags, f.say)
		}
	}
	var remarks []string
	for _, r := range d.Remarks {
		remarks = append(remarks, text.Clean(r))
	}
	note := text.JoinNonEmpty("; ",
		prefixed("issued by ", text.Clean(d.IssuedBy)),
		prefixed("issued in ", text.Clean(d.Region)),
		prefixed("issued ", text.Clean(d.IssueDate)),
		prefixed("valid to ", text.Clean(d.ValidTo)),
		strings.Join(flags, ", "),
		prefixed("name on document: ", text.Clean(d.NameOnDocument)),
		text.JoinNonEmpty("; ", remarks...),
	)
	country := c.code(d.CountryISO2, d.CountryDescription)
	var out []interdict.Identifier
	for _, n := range []string{text.Clean(d.Number), text.Clean(d.LatinNumber)} {
		if n == "" || (len(out) == 1 && out[0].Value == n) {
			continue
		}
		out = append(out, interdict.Identifier{Type: typ, Value: n, Label: label, Country: country, Note: note})
	}
	return out
}

// contactTypes maps contactInfo keys to identifier types.
var contactTypes = map[string]interdict.IDType{
	"PHONE": interdict.IDPhone,
	"FAX":   interdict.IDPhone,
	"EMAIL": interdict.IDEmail,
	"WEB":   interdict.IDWebsite,
}

// contacts reads an address's contactInfo, which may list several values
// in one ("+98 21 2258929; +98 21 35243153").
func contacts(ci contactInfo) []interdict.Identifier {
	key := strings.ToUpper(text.Clean(ci.Key))
	typ, ok := contactTypes[key]
	if !ok {
		typ = interdict.IDOther
	}
	var out []interdict.Identifier
	for _, v := range strings.Split(ci.Value, ";") {
		if v = text.Clean(v); v != "" {
			out = append(out, interdict.Identifier{Type: typ, Value: v, Label: key})
		}
	}
	return out
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}
