package csl

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/bis"
	"github.com/interdict/interdict/source/internal/csvin"
	"github.com/interdict/interdict/source/internal/notes"
)

const (
	source        = "csl"
	formatCurrent = "trade.gov Consolidated Screening List CSV"
	formatOlder   = "trade.gov Consolidated Screening List CSV (older layout, no _id)"
)

// layout recognises both layouts by their source, entity_number and name
// columns. A recognised header must carry every column both layouts share;
// a first line that is not recognisably the CSL is still read when it has
// source and name, without which a row means nothing. Format is the older
// layout's name because a file whose header is not found has no _id
// either; Parse names the layout once the header is known.
var layout = csvin.Layout{
	Format:    formatOlder,
	Signature: []string{"source", "entity_number", "name"},
	Required:  []string{"source", "entity_number", "type", "programs", "name", "addresses", "alt_names", "ids"},
	Minimal:   []string{"source", "name"},
}

// Detect reports whether one of the first lines of head is a CSL CSV
// header, in either layout (the current one leads with _id); it may lack
// columns Parse needs, which Parse then names. The header alone tells.
func Detect(name string, head []byte) bool {
	return layout.Detect(head)
}

// Parse reads a Consolidated Screening List CSV in either layout. See the
// package documentation for ids and field handling.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	f, err := layout.Open(r, name)
	if err != nil {
		return nil, fmt.Errorf("csl: %w", err)
	}
	current := f.Columns.Has("_id")
	format := formatOlder
	if current {
		format = formatCurrent
	}
	p := &parser{
		load:       &interdict.ListLoad{Source: source, Format: format, Files: []string{name}, Notes: f.Notes},
		byID:       map[string]*interdict.Entity{},
		perList:    map[string]int{},
		name:       name,
		labelFirst: current,
	}
	if err := f.Rows(p.load, p.row); err != nil {
		return nil, fmt.Errorf("csl: %w", err)
	}
	p.finish()
	return p.load, nil
}

type parser struct {
	load       *interdict.ListLoad
	byID       map[string]*interdict.Entity
	name       string
	labelFirst bool // ids items are "type, number, country" (current layout)

	perList   map[string]int
	links     []pendingLink
	unknown   notes.Lines // country strings
	badDate   notes.Lines
	badType   notes.Lines
	repeats   notes.Lines
	impliedUS int
}

// pendingLink is a link whose other party is named; finish resolves it.
type pendingLink struct {
	e *interdict.Entity
	i int
}

// row turns one row into an entity, or merges it into the entity an
// earlier row with the same id made.
func (p *parser) row(line int, cols *csvin.Columns, rec []string) {
	nameCell := cols.Get(rec, "name")
	names, nameRemark := splitName(nameCell)
	if len(names) == 0 {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "empty name"})
		return
	}
	lst := parseList(cols.Get(rec, "source"))
	p.perList[lst.Code]++
	var id string
	switch num := cols.Get(rec, "entity_number"); {
	case cols.Get(rec, "_id") != "":
		id = source + ":" + cols.Get(rec, "_id")
	case num != "":
		id = source + ":" + lst.Code + "-" + num
	default:
		id = interdict.HashID(source, lst.Code, nameCell, cols.Get(rec, "addresses"))
	}
	e, seen := p.byID[id]
	if seen {
		p.repeats.Add(names[0].Full, line)
	} else {
		e = &interdict.Entity{ID: id, Source: source}
		p.byID[id] = e
		p.load.Entities = append(p.load.Entities, e)
	}
	alts := splitAltNames(cols.Get(rec, "alt_names"))
	if !seen {
		e.Kind = p.kind(line, lst, cols.Get(rec, "type"), names, alts)
	}
	for _, n := range append(names, alts...) {
		if seen && n.Type == interdict.NamePrimary {
			// A merged row's primary name is an alias of the first row's,
			// unless it is the same text.
			if slices.ContainsFunc(e.Names, func(m interdict.Name) bool { return m.Full == n.Full }) {
				continue
			}
			n.Type = interdict.NameAKA
		}
		if e.Kind == interdict.KindPerson {
			personParts(&n)
		}
		e.AddName(n)
	}
	for _, t := range items(cols.Get(rec, "title")) {
		if !slices.Contains(e.Titles, t) {
			e.Titles = append(e.Titles, t)
		}
	}
	p.addresses(line, e, cols.Get(rec, "addresses"))
	e.AddProgram("CSL:" + lst.Name)
	for _, prog := range items(cols.Get(rec, "programs")) {
		e.AddProgram(prog)
	}
	if v := cols.Get(rec, "start_date"); v != "" {
		if d, ok := parseDate(v); ok {
			if e.ListedOn.IsZero() || d.String() < e.ListedOn.String() {
				e.ListedOn = d
			}
		} else {
			p.badDate.Add(v, line)
		}
	}
	for _, v := range items(cols.Get(rec, "dates_of_birth")) {
		if d, ok := parseDate(v); ok {
			e.AddBirthDate(d)
		} else {
			p.badDate.Add(v, line)
		}
	}
	for _, v := range items(cols.Get(rec, "places_of_birth")) {
		if !slices.Contains(e.BirthPlaces, v) {
			e.BirthPlaces = append(e.BirthPlaces, v)
		}
	}
	for _, v := range items(cols.Get(rec, "citizenships")) {
		e.AddCitizenship(p.code(v, line))
	}
	for _, v := range items(cols.Get(rec, "nationalities")) {
		e.AddNationality(p.code(v, line))
	}
	var remarks []string
	for _, it := range items(cols.Get(rec, "ids")) {
		x, ok := parseIDItem(it, p.labelFirst, country.Code)
		switch {
		case !ok:
		case x.gender != "":
			e.Gender = x.gender
		case x.feature != "":
			remarks = append(remarks, x.feature)
		default:
			e.AddIdentifier(x.id)
			if x.country != "" {
				p.unknown.Add(x.country, line)
			}
		}
	}
	if v := cols.Get(rec, "call_sign"); v != "" {
		e.AddIdentifier(interdict.Identifier{Type: interdict.IDCallSign, Value: v, Label: "Call Sign"})
	}
	p.vessel(line, e, cols, rec)
	text := strings.Join(strings.Fields(cols.Get(rec, "remarks")), " ")
	for _, other := range linkedTo(text) {
		p.link(e, interdict.Link{Type: interdict.LinkLinkedTo, OtherName: other, Note: "Linked To: " + other})
	}
	remarks = append([]string{text, nameRemark}, remarks...)
	for _, f := range []struct{ col, label string }{
		{"federal_register_notice", "Federal Register"},
		{"end_date", "End date"},
		{"standard_order", "Standard order"},
		{"license_requirement", "License requirement"},
		{"license_policy", "License policy"},
	} {
		if v := strings.Join(strings.Fields(cols.Get(rec, f.col)), " "); v != "" {
			remarks = append(remarks, f.label+": "+v)
		}
	}
	for _, r := range remarks {
		if r != "" && !slices.Contains(strings.Split(e.Remarks, "\n"), r) {
			if e.Remarks != "" {
				e.Remarks += "\n"
			}
			e.Remarks += r
		}
	}
}

// kind reads the type column ("Individual", "Entity", "Vessel",
// "Aircraft"). The non-Treasury lists leave it empty. The Military End
// User and Unverified lists name end users, which are companies and
// institutions, so their entries are organizations; for the others
// (Entity List, Denied Persons, ITAR Debarred, Nonproliferation) the kind
// is guessed from the names with bis.GuessKind, as for the Denied Persons
// List.
func (p *parser) kind(line int, lst list, typ string, names, alts []interdict.Name) interdict.Kind {
	if k, ok := interdict.ParseKind(typ); ok {
		return k
	}
	if typ != "" {
		p.badType.Add(typ, line)
	}
	if lst.Code == "MEU" || lst.Code == "UVL" {
		return interdict.KindOrganization
	}
	var all []string
	for _, n := range append(names, alts...) {
		all = append(all, n.Full)
	}
	return bis.GuessKind(all...)
}

func (p *parser) code(s string, line int) string {
	c, ok := country.Code(s)
	if !ok {
		p.unknown.Add(s, line)
	}
	return c
}

func (p *parser) addresses(line int, e *interdict.Entity, cell string) {
	for _, it := range items(cell) {
		a, unknown, us := parseAddress(it, country.Code)
		if unknown != "" {
			p.unknown.Add(unknown, line)
		}
		if us {
			p.impliedUS++
		}
		if a != (interdict.Address{}) && !slices.Contains(e.Addresses, a) {
			e.Addresses = append(e.Addresses, a)
		}
		e.AddCountry(a.Country)
	}
}

func (p *parser) vessel(line int, e *interdict.Entity, cols *csvin.Columns, rec []string) {
	v := interdict.Vessel{
		Type:    cols.Get(rec, "vessel_type"),
		Tonnage: cols.Get(rec, "gross_tonnage"),
		GRT:     cols.Get(rec, "gross_registered_tonnage"),
		Owner:   cols.Get(rec, "vessel_owner"),
	}
	if flag := cols.Get(rec, "vessel_flag"); flag != "" {
		v.Flag = p.code(flag, line)
		e.AddCountry(v.Flag)
	}
	if v == (interdict.Vessel{}) {
		return
	}
	if e.Vessel == nil {
		e.Vessel = &v
	}
	if v.Owner != "" {
		p.link(e, interdict.Link{Type: interdict.LinkVesselOwner, OtherName: v.Owner, Note: "Vessel owner: " + v.Owner})
	}
}

func (p *parser) link(e *interdict.Entity, l interdict.Link) {
	if slices.Contains(e.Links, l) {
		return
	}
	e.Links = append(e.Links, l)
	p.links = append(p.links, pendingLink{e: e, i: len(e.Links) - 1})
}

// linkedTo returns the parties OFAC names in "(Linked To: X)" remarks.
func linkedTo(s string) []string {
	var out []string
	const tag = "(Linked To:"
	for {
		i := strings.Index(s, tag)
		if i < 0 {
			return out
		}
		s = s[i+len(tag):]
		depth, end := 1, -1
		for j, r := range s {
			if r == '(' {
				depth++
			} else if r == ')' {
				if depth--; depth == 0 {
					end = j
					break
				}
			}
		}
		if end < 0 {
			return out
		}
		if name := strings.TrimSpace(s[:end]); name != "" {
			out = append(out, name)
		}
		s = s[end+1:]
	}
}

// finish resolves links by name and writes the notes.
func (p *parser) finish() {
	// Resolve links by primary name, where exactly one entity has it.
	byName := map[string]string{}
	for _, e := range p.load.Entities {
		k := fold(e.PrimaryName())
		if _, dup := byName[k]; dup {
			byName[k] = ""
		} else {
			byName[k] = e.ID
		}
	}
	unresolved := 0
	for _, pl := range p.links {
		l := &pl.e.Links[pl.i]
		if id := byName[fold(l.OtherName)]; id != "" && id != pl.e.ID {
			l.OtherID = id
		} else {
			unresolved++
		}
	}
	l := p.load
	if len(p.perList) > 0 {
		codes := make([]string, 0, len(p.perList))
		for c := range p.perList {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		parts := make([]string, len(codes))
		for i, c := range codes {
			parts[i] = fmt.Sprintf("%s %d", c, p.perList[c])
		}
		l.Notes = append(l.Notes, "rows per list: "+strings.Join(parts, ", "))
	}
	l.Notes = notes.Add(l.Notes, p.unknown.Note("country string not recognised", "country strings not recognised"))
	l.Notes = notes.Add(l.Notes, p.badDate.Note("date cannot be read", "dates cannot be read"))
	l.Notes = notes.Add(l.Notes, p.badType.Note("type not recognised, kind guessed from the names", "types not recognised, kind guessed from the names"))
	if p.impliedUS > 0 {
		l.Notes = append(l.Notes, notes.Plural(p.impliedUS, "address ends in a US state and ZIP code with no country, read as US", "addresses end in a US state and ZIP code with no country, read as US"))
	}
	if unresolved > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d of %d links name a party with no unique entry in this file (kept by name)", unresolved, len(p.links)))
	}
	if n := p.repeats.Rows(); n > 0 {
		l.Notes = append(l.Notes, notes.Plural(n,
			"row repeats an earlier row's id and was merged into it",
			"rows repeat an earlier row's id and were merged into it")+": "+p.repeats.List())
	}
}

// fold is the key names are compared on: lower case, letters and digits,
// single spaces.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
