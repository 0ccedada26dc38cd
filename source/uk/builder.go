package uk

import (
	"sort"
	"strings"

	"github.com/interdict/interdict"
)

// builder adds the parts both UK formats share to an entity, once each:
// the Entity type de-duplicates names, identifiers and codes itself, and
// builder does the same for addresses, birth places, titles, links and
// alternate keys.
type builder struct {
	e *interdict.Entity
	c *countries
}

func newBuilder(kind interdict.Kind, c *countries) builder {
	return builder{e: &interdict.Entity{Source: Source, Kind: kind}, c: c}
}

// address adds an address from its lines, post code and country text.
// Full keeps everything as written; Country is the ISO code.
func (b builder) address(lines []string, postcode, countryText string) {
	var parts []string
	for _, l := range lines {
		if l = collapse(l); l != "" {
			parts = append(parts, l)
		}
	}
	postcode, countryText = collapse(postcode), collapse(countryText)
	if len(parts) == 0 && postcode == "" && countryText == "" {
		return
	}
	code := b.c.one(countryText)
	b.e.AddCountry(code)
	if len(parts) == 0 && postcode == "" {
		return // a country alone is not an address; it is kept in Countries
	}
	full := strings.Join(appendNonEmpty(parts, postcode, countryText), ", ")
	a := interdict.Address{Full: full, PostalCode: postcode, Country: code}
	for _, x := range b.e.Addresses {
		if x == a {
			return
		}
	}
	b.e.Addresses = append(b.e.Addresses, a)
}

func appendNonEmpty(list []string, more ...string) []string {
	for _, s := range more {
		if s != "" {
			list = append(list, s)
		}
	}
	return list
}

// birthPlace adds "town, country" as written. The country's code is
// added by the caller (with countries), once per cell.
func (b builder) birthPlace(town, countryText string) {
	town, countryText = collapse(town), collapse(countryText)
	place := strings.Join(appendNonEmpty(nil, town, countryText), ", ")
	b.e.BirthPlaces = addOnce(b.e.BirthPlaces, place)
}

// nationalities adds the codes of a nationality cell.
func (b builder) nationalities(s string) {
	for _, code := range b.c.list(s) {
		b.e.AddNationality(code)
	}
}

// countries adds the codes of any other country cell.
func (b builder) countries(s string) []string {
	codes := b.c.list(s)
	for _, code := range codes {
		b.e.AddCountry(code)
	}
	return codes
}

func (b builder) title(s string) {
	if s = collapse(s); s != "" {
		b.e.Titles = addOnce(b.e.Titles, s)
	}
}

func (b builder) altKey(k string) {
	b.e.AltKeys = addOnce(b.e.AltKeys, k)
}

func (b builder) program(p string) {
	if p = collapse(p); p != "" {
		b.e.AddProgram(p)
	}
}

func (b builder) gender(s string) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "male", "m":
		b.e.Gender = interdict.GenderMale
	case "female", "f":
		b.e.Gender = interdict.GenderFemale
	}
}

func (b builder) link(t interdict.LinkType, other, note string) {
	other = collapse(other)
	if other == "" {
		return
	}
	l := interdict.Link{Type: t, OtherName: other, Note: note}
	for _, x := range b.e.Links {
		if x == l {
			return
		}
	}
	b.e.Links = append(b.e.Links, l)
}

func (b builder) vessel() *interdict.Vessel {
	if b.e.Vessel == nil {
		b.e.Vessel = &interdict.Vessel{}
	}
	return b.e.Vessel
}

// finish puts primary names first, keeping the publisher's order within
// each type.
func (b builder) finish() {
	sort.SliceStable(b.e.Names, func(i, j int) bool {
		return nameRank(b.e.Names[i].Type) < nameRank(b.e.Names[j].Type)
	})
}

func addOnce(list []string, s string) []string {
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
