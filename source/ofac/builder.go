package ofac

import (
	"strings"

	"github.com/interdict/interdict"
)

// builder holds what one load accumulates besides its entities: the
// country lookups and the counts that end up in the load's notes.
type builder struct {
	countries *countries
	badDates  map[string]int // date strings parseDate did not understand
	cutAKAs   int            // quoted aliases cut off by a truncated remark
}

func newBuilder() *builder {
	return &builder{countries: newCountries(), badDates: map[string]int{}}
}

// addVessel fills e.Vessel from the vessel columns (CSV) or vesselInfo
// (XML). The owner becomes a LinkVesselOwner too, resolved by name later.
func (b *builder) addVessel(e *interdict.Entity, typ, flag, tonnage, grt, owner string) {
	typ, flag, tonnage = strings.TrimSpace(typ), strings.TrimSpace(flag), strings.TrimSpace(tonnage)
	grt, owner = strings.TrimSpace(grt), strings.TrimSpace(owner)
	if typ == "" && flag == "" && tonnage == "" && grt == "" && owner == "" {
		return
	}
	v := vessel(e)
	v.Type, v.Tonnage, v.GRT, v.Owner = typ, tonnage, grt, owner
	if flag != "" && !strings.EqualFold(flag, "None Identified") {
		v.Flag = b.countries.code(flag)
		e.AddCountry(v.Flag)
	}
	if owner != "" {
		addLink(e, interdict.Link{Type: interdict.LinkVesselOwner, OtherName: owner, Note: "Vess_owner"})
	}
}

// addAddress adds a, whose country is still the published string ctry.
// OFAC writes some places as pseudo-countries ("Region: Crimea", "Region:
// Gaza"); their region goes into Region, and the country table decides
// whether they also have a country.
func (b *builder) addAddress(e *interdict.Entity, a interdict.Address, ctry string) {
	ctry = strings.TrimSpace(ctry)
	a.Full = joinNonEmpty(", ", a.Street, a.City, a.Region, a.PostalCode, ctry)
	if a.Full == "" {
		return
	}
	if ctry != "" {
		a.Country = b.countries.code(ctry)
		if r, ok := strings.CutPrefix(ctry, "Region: "); ok && a.Region == "" {
			a.Region = strings.TrimSpace(r)
		}
	}
	for _, x := range e.Addresses {
		if x == a {
			return
		}
	}
	e.Addresses = append(e.Addresses, a)
	e.AddCountry(a.Country)
}

// vessel returns e's vessel particulars, creating them.
func vessel(e *interdict.Entity) *interdict.Vessel {
	if e.Vessel == nil {
		e.Vessel = &interdict.Vessel{}
	}
	return e.Vessel
}

// addLink appends l unless e already has a link of that type to that name.
func addLink(e *interdict.Entity, l interdict.Link) {
	for _, x := range e.Links {
		if x.Type == l.Type && x.OtherName == l.OtherName {
			return
		}
	}
	e.Links = append(e.Links, l)
}

func appendOnce(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
