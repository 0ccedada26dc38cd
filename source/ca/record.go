package ca

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

// parser accumulates one file's entities, rejects and the facts its notes
// report.
type parser struct {
	load *interdict.ListLoad
	// seen maps an id to the first record that used it, to catch repeats.
	seen      map[string]seenRecord
	occurs    map[string]int
	renamed   []string
	published string
	// unknownCountries counts Country strings country.Code does not know.
	unknownCountries map[string]int
	// badDates keeps birth or build dates that could not be read.
	badDates     []string
	badListDates []string
}

type seenRecord struct {
	line int
	rec  xmlRecord
}

func newParser(name string) *parser {
	return &parser{
		load: &interdict.ListLoad{
			Source: Source,
			Format: Format,
			Files:  []string{name},
		},
		seen:             map[string]seenRecord{},
		occurs:           map[string]int{},
		unknownCountries: map[string]int{},
	}
}

func (p *parser) reject(line int, format string, args ...any) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{
		File:   p.load.Files[0],
		Line:   line,
		Reason: fmt.Sprintf(format, args...),
	})
}

// add turns one record into an entity, or a reject.
func (p *parser) add(rec *xmlRecord, line int) {
	p.load.Records++
	r := cleanRecord(rec)

	person := r.LastName != "" || r.GivenName != ""
	switch {
	case person && r.EntityOrShip != "":
		p.reject(line, "record has both a person's name (%s %s) and an entity or ship name (%s)", r.GivenName, r.LastName, r.EntityOrShip)
		return
	case !person && r.EntityOrShip == "":
		p.reject(line, "record has no name: no LastName, GivenName or EntityOrShip")
		return
	case r.Item == "":
		p.reject(line, "record has no Item: it cannot be given an id")
		return
	case r.Country == "":
		p.reject(line, "record has no Country: it cannot be given an id")
		return
	}

	id := recordID(r.Country, r.Schedule, r.Item)
	if first, ok := p.seen[id]; ok {
		if first.rec == r {
			p.reject(line, "record repeats the record at line %d (%s) word for word", first.line, id)
			return
		}
		p.occurs[id]++
		n := p.occurs[id] + 1
		newID := fmt.Sprintf("%s~%d", id, n)
		p.renamed = append(p.renamed, fmt.Sprintf("line %d: %s → %s", line, id, newID))
		id = newID
	} else {
		p.seen[id] = seenRecord{line: line, rec: r}
	}

	e := &interdict.Entity{ID: id, Source: Source}
	p.regime(e, r.Country)
	switch {
	case person:
		p.person(e, r)
	case r.ShipIMONumber != "" || r.TitleOrShip != "":
		p.vessel(e, r)
	default:
		p.organization(e, r)
	}
	if r.DateOfListing != "" {
		d, err := interdict.ParseISODate(r.DateOfListing)
		if err != nil || d.Day == 0 {
			p.badListDates = append(p.badListDates, fmt.Sprintf("line %d: %q", line, r.DateOfListing))
		} else {
			e.ListedOn = d
			if s := d.String(); s > p.published {
				p.published = s
			}
		}
	}
	p.load.Entities = append(p.load.Entities, e)
}

// cleanRecord collapses the white space of every field: Canada leaves line
// breaks where its source document wrapped a name, and no-break spaces after
// many surnames, neither of which is part of the name.
func cleanRecord(r *xmlRecord) xmlRecord {
	return xmlRecord{
		Country:       clean(r.Country),
		LastName:      clean(r.LastName),
		GivenName:     clean(r.GivenName),
		EntityOrShip:  clean(r.EntityOrShip),
		TitleOrShip:   clean(r.TitleOrShip),
		ShipIMONumber: clean(r.ShipIMONumber),
		DateOfBirth:   clean(r.DateOfBirth),
		Aliases:       clean(r.Aliases),
		Schedule:      clean(r.Schedule),
		Item:          clean(r.Item),
		DateOfListing: clean(r.DateOfListing),
	}
}

// regime records the regulations a record is listed under: always as a
// program, and as a country where the regulations are a country's. The
// country is looked up by the English half, then by the whole bilingual
// field; an unknown one is noted by its English half.
func (p *parser) regime(e *interdict.Entity, field string) {
	english := englishHalf(field)
	e.AddProgram(english)
	if isThematic(english) {
		return
	}
	for _, s := range []string{english, clean(field)} {
		if code, ok := country.Code(s); ok {
			e.AddCountry(code)
			return
		}
	}
	p.unknownCountries[english]++
}

func (p *parser) person(e *interdict.Entity, r xmlRecord) {
	e.Kind = interdict.KindPerson
	full := strings.TrimSpace(r.GivenName + " " + r.LastName)
	e.AddName(interdict.Name{Full: full, Type: interdict.NamePrimary, Given: r.GivenName, Family: r.LastName})
	if r.TitleOrShip != "" {
		e.Titles = append(e.Titles, r.TitleOrShip)
	}
	if r.DateOfBirth != "" {
		dates, bad := parseDates(r.DateOfBirth)
		for _, d := range dates {
			e.AddBirthDate(d)
		}
		if bad {
			p.badDates = append(p.badDates, fmt.Sprintf("%s: %q", e.ID, r.DateOfBirth))
		}
	}
	for _, a := range splitAliases(r.Aliases, true) {
		e.AddName(a)
	}
}

func (p *parser) organization(e *interdict.Entity, r xmlRecord) {
	e.Kind = interdict.KindOrganization
	for _, n := range entityNames(r.EntityOrShip, true) {
		e.AddName(n)
	}
	if r.DateOfBirth != "" {
		// Canada gives no founding dates; keep anything found where a
		// reader will see it rather than guess what it means.
		e.Remarks = "DateOfBirthOrShipBuildDate: " + r.DateOfBirth
	}
	for _, a := range splitAliases(r.Aliases, false) {
		e.AddName(a)
	}
}

func (p *parser) vessel(e *interdict.Entity, r xmlRecord) {
	e.Kind = interdict.KindVessel
	for _, n := range entityNames(r.EntityOrShip, false) {
		e.AddName(n)
	}
	e.Vessel = &interdict.Vessel{Type: r.TitleOrShip}
	if r.DateOfBirth != "" {
		e.Vessel.Built = r.DateOfBirth
		if dates, bad := parseDates(r.DateOfBirth); !bad && len(dates) == 1 {
			e.Vessel.Built = dates[0].String()
		}
	}
	if r.ShipIMONumber != "" {
		e.AddIdentifier(interdict.Identifier{Type: interdict.IDIMO, Value: r.ShipIMONumber, Label: "ShipIMONumber"})
	}
	for _, a := range splitAliases(r.Aliases, false) {
		e.AddName(a)
	}
}

// finish writes the notes and the published date.
func (p *parser) finish() *interdict.ListLoad {
	l := p.load
	l.Published = p.published
	if n := len(p.unknownCountries); n > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d country strings not recognised: %s", n, countList(p.unknownCountries)))
	}
	if len(p.renamed) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d records reuse an id already taken and were kept under a suffixed id: %s", len(p.renamed), strings.Join(p.renamed, "; ")))
	}
	if len(p.badDates) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d birth dates not fully understood (the parts read were kept): %s", len(p.badDates), strings.Join(p.badDates, "; ")))
	}
	if len(p.badListDates) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d listing dates not understood: %s", len(p.badListDates), strings.Join(p.badListDates, "; ")))
	}
	return l
}

// countList formats a count map as `"a" (3), "b" (1)`, most frequent first.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, m[k])
	}
	return strings.Join(parts, ", ")
}
