package ftm

import (
	"strings"

	interdict "github.com/interdict/interdict"
)

// thing is an entity being built, with what must wait for the whole file:
// its address references, and the parts of its Remarks.
type thing struct {
	e           *interdict.Entity
	target      bool
	datasets    []string
	addrRefs    []string
	plainAddrs  []string
	remarks     []string
	authorities []string
}

// thing builds the entity of a Thing object from its own properties.
func (c *collector) thing(rec *record, kind interdict.Kind) *thing {
	e := &interdict.Entity{ID: Source + ":" + rec.ID, Source: Source, Kind: kind}
	t := &thing{e: e, target: rec.Target}
	for _, ref := range rec.Referents {
		if ref = strings.TrimSpace(ref); ref != "" && ref != rec.ID {
			e.AltKeys = addString(e.AltKeys, Source+":"+ref)
		}
	}
	for _, d := range rec.Datasets {
		t.datasets = addString(t.datasets, d)
	}
	addNames(e, rec)
	switch strings.ToLower(rec.first("gender")) {
	case "male":
		e.Gender = interdict.GenderMale
	case "female":
		e.Gender = interdict.GenderFemale
	}
	for _, p := range []string{"title", "position"} {
		for _, v := range rec.values(p) {
			e.Titles = addString(e.Titles, v)
		}
	}
	for _, v := range rec.values("birthDate") {
		if d, ok := parseDate(v); ok {
			e.AddBirthDate(d)
		} else {
			c.badDate(v)
		}
	}
	for _, v := range rec.values("birthPlace") {
		e.BirthPlaces = addString(e.BirthPlaces, v)
	}
	for _, v := range rec.values("nationality") {
		e.AddNationality(c.countries.code(v))
	}
	for _, v := range rec.values("citizenship") {
		e.AddCitizenship(c.countries.code(v))
	}
	for _, p := range countryProps {
		for _, v := range rec.values(p) {
			e.AddCountry(c.countries.code(v))
		}
	}
	for _, p := range idProps {
		typ := p.typ
		if p.prop == "registrationNumber" && kind == interdict.KindAircraft {
			typ = interdict.IDAircraftTail
		}
		for _, v := range rec.values(p.prop) {
			addIdentifier(e, interdict.Identifier{Type: typ, Value: v, Label: p.label})
		}
	}
	for _, v := range rec.values("programId") {
		e.AddProgram(v)
	}
	if kind == interdict.KindVessel {
		c.vessel(e, rec)
	}
	for _, p := range remarkProps {
		for _, v := range rec.values(p) {
			t.remarks = addString(t.remarks, v)
		}
	}
	t.addrRefs = rec.values("addressEntity")
	t.plainAddrs = rec.values("address")
	return t
}

// vessel fills the ship particulars. The flag is also among the entity's
// Countries (countryProps); this reads the first recognised one again
// from the cache, without counting an unknown flag twice.
func (c *collector) vessel(e *interdict.Entity, rec *record) {
	v := interdict.Vessel{
		Type:    rec.first("type"),
		Tonnage: rec.first("tonnage"),
		GRT:     rec.first("grossRegisteredTonnage"),
		Built:   rec.first("buildDate"),
	}
	for _, f := range rec.values("flag") {
		if code := c.countries.cache[f]; code != "" {
			v.Flag = code
			break
		}
	}
	if v != (interdict.Vessel{}) {
		e.Vessel = &v
	}
}

// addIdentifier adds id unless the entity already has the same value
// with the same type (FtM often gives an INN as innCode and taxNumber).
func addIdentifier(e *interdict.Entity, id interdict.Identifier) {
	id.Value = strings.TrimSpace(id.Value)
	for _, x := range e.Identifiers {
		if x.Type == id.Type && x.Value == id.Value {
			return
		}
	}
	e.AddIdentifier(id)
}

// badDate remembers a date that could not be read, for the load's notes.
func (c *collector) badDate(v string) {
	c.badDates = append(c.badDates, v)
}
