package ftm

import (
	"strings"

	interdict "github.com/interdict/interdict"
)

// relation is a relationship object waiting for both of its ends.
type relation struct {
	schema   string
	spec     relSpec
	from, to []string
	note     string
}

// sanction is a Sanction object waiting for the entity it designates.
type sanction struct {
	entities    []string
	programs    []string
	authorities []string
	listed      interdict.Date
}

// ident is a Passport, Identification or CryptoWallet waiting for its
// holder.
type ident struct {
	holders []string
	ids     []interdict.Identifier
}

// relation records a relationship object. Its Note is the publisher's
// wording: the role or relationship, a percentage, and the dates.
func (c *collector) relation(rec *record, spec relSpec) {
	var parts []string
	for _, p := range spec.noteProps {
		for _, v := range rec.values(p) {
			if p == "percentage" && !strings.HasSuffix(v, "%") {
				v += "%"
			}
			parts = addString(parts, v)
		}
	}
	if v := rec.first("startDate"); v != "" {
		parts = append(parts, "from "+v)
	}
	if v := rec.first("endDate"); v != "" {
		parts = append(parts, "until "+v)
	}
	c.rels = append(c.rels, relation{
		schema: rec.Schema,
		spec:   spec,
		from:   rec.values(spec.from),
		to:     rec.values(spec.to),
		note:   strings.Join(parts, ", "),
	})
}

// sanction records a Sanction object: its programs (ids and names), its
// authorities and its earliest start date (the listing date where no
// start date is given).
func (c *collector) sanction(rec *record) {
	s := sanction{entities: rec.values("entity")}
	for _, p := range []string{"programId", "program"} {
		for _, v := range rec.values(p) {
			s.programs = addString(s.programs, v)
		}
	}
	for _, v := range rec.values("authority") {
		s.authorities = addString(s.authorities, v)
	}
	for _, p := range []string{"startDate", "listingDate"} {
		for _, v := range rec.values(p) {
			d, ok := parseDate(v)
			if !ok {
				c.badDate(v)
				continue
			}
			if s.listed.IsZero() || earlier(d, s.listed) {
				s.listed = d
			}
		}
		if !s.listed.IsZero() {
			break
		}
	}
	c.sanctions = append(c.sanctions, s)
}

// ident records the identifiers a Passport, Identification or
// CryptoWallet gives its holder. One without a number is only counted.
func (c *collector) ident(rec *record) {
	in := ident{holders: rec.values("holder")}
	var values []string
	id := interdict.Identifier{Country: c.countryOf(rec), Note: rec.first("authority")}
	switch rec.Schema {
	case "CryptoWallet":
		values = rec.values("publicKey")
		id.Type, id.Label = interdict.IDCrypto, "Digital currency address"
		if cur := rec.first("currency"); cur != "" {
			id.Label += " - " + cur
		}
	case "Passport":
		values = append(rec.values("number"), rec.values("passportNumber")...)
		id.Type, id.Label = interdict.IDPassport, "Passport"
		if t := rec.first("type"); t != "" {
			id.Label = t
		}
	default:
		values = rec.values("number")
		id.Type, id.Label = interdict.IDNational, "Identification"
		if t := rec.first("type"); t != "" {
			id.Label = t
			if strings.Contains(strings.ToLower(t), "passport") {
				id.Type = interdict.IDPassport
			}
		}
	}
	if len(values) == 0 {
		c.noValue[rec.Schema]++
		return
	}
	for _, v := range values {
		id.Value = v
		in.ids = append(in.ids, id)
	}
	c.idents = append(c.idents, in)
}

// countryOf returns the code of a record's first recognised country.
func (c *collector) countryOf(rec *record) string {
	for _, v := range rec.values("country") {
		if code := c.countries.code(v); code != "" {
			return code
		}
	}
	return ""
}
