package interdict

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// EntityFingerprint is a content hash of a listed entity: "f-" and 16 hex
// digits of a SHA-256 over every field a publisher can change (kind,
// names with their types, gender, titles, dates and places of birth,
// countries, addresses, identifiers, programs, listing date, links by
// type and the party named, alternative keys, vessel particulars,
// remarks). List fields count as sets, so a publisher re-ordering aliases
// does not change it; the id a link resolved to does not count, since it
// depends on the rest of the load. Two versions of an entity have the
// same fingerprint exactly when package listdiff finds no changed field
// (tested there and in package monitor over real OFAC versions).
//
// A dismissed alert stays suppressed while its entity's fingerprint is
// unchanged: new information about the listed party (a new alias, a new
// passport) deserves a new look.
func EntityFingerprint(e *Entity) string {
	h := sha256.New()
	one := func(field, v string) {
		h.Write([]byte(field))
		h.Write([]byte{0x1e})
		h.Write([]byte(v))
		h.Write([]byte{0x1f})
	}
	set := func(field string, vs []string) {
		vs = slices.Clone(vs)
		slices.Sort(vs)
		vs = slices.Compact(vs)
		for _, v := range vs {
			one(field, v)
		}
	}
	one("kind", string(e.Kind))
	var ns []string
	for _, n := range e.Names {
		ns = append(ns, string(n.Type)+": "+n.Full)
	}
	set("names", ns)
	one("gender", string(e.Gender))
	set("titles", e.Titles)
	var ds []string
	for _, d := range e.BirthDates {
		ds = append(ds, d.String())
	}
	set("birth_dates", ds)
	set("birth_places", e.BirthPlaces)
	set("nationalities", e.Nationalities)
	set("citizenships", e.Citizenships)
	set("countries", e.Countries)
	var as []string
	for _, a := range e.Addresses {
		as = append(as, a.String())
	}
	set("addresses", as)
	var ids []string
	for _, id := range e.Identifiers {
		s := string(id.Type) + " " + id.Value
		if id.Country != "" {
			s += " (" + id.Country + ")"
		}
		ids = append(ids, s)
	}
	set("identifiers", ids)
	set("programs", e.Programs)
	one("listed_on", e.ListedOn.String())
	var ls []string
	for _, l := range e.Links {
		other := l.OtherName
		if other == "" {
			other = l.OtherID
		}
		ls = append(ls, string(l.Type)+": "+other)
	}
	set("links", ls)
	set("alt_keys", e.AltKeys)
	if v := e.Vessel; v != nil {
		for _, p := range [][2]string{{"type", v.Type}, {"flag", v.Flag}, {"tonnage", v.Tonnage}, {"grt", v.GRT}, {"owner", v.Owner}, {"built", v.Built}} {
			if p[1] != "" {
				one("vessel", p[0]+" "+p[1])
			}
		}
	}
	one("remarks", e.Remarks)
	return "f-" + hex.EncodeToString(h.Sum(nil))[:16]
}
