package dod

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/csvin"
	"github.com/interdict/interdict/source/internal/notes"
)

const (
	source  = "us-1260h"
	format  = "DoD Section 1260H Chinese military companies (OpenSanctions CSV)"
	program = "1260H"
)

// layout recognises the transcription by its Clean Name, Previous Name and
// Parent Name columns, particular to this file. A recognised header must
// carry every column a company's names, parents and listing periods come
// from; a first line that is not recognisably the transcription is still
// read when it has Name and Clean Name, which identify a row.
var layout = csvin.Layout{
	Format:    format,
	Signature: []string{"Clean Name", "Previous Name", "Parent Name"},
	Required:  []string{"Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Start date", "End date"},
	Minimal:   []string{"Name", "Clean Name"},
}

// Detect reports whether one of the first lines of head is the
// transcription's header; it may lack columns Parse needs, which Parse
// then names. The header is particular to this file, so the name is not
// consulted.
func Detect(name string, head []byte) bool {
	return layout.Detect(head)
}

// Parse reads the 1260H list transcription (sanctions.csv). See the
// package documentation for how rows become entities.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	f, err := layout.Open(r, name)
	if err != nil {
		return nil, fmt.Errorf("dod: %w", err)
	}
	p := &parser{
		load:   &interdict.ListLoad{Source: source, Format: format, Files: []string{name}, Notes: f.Notes},
		groups: map[string]*group{},
		name:   name,
	}
	if err := f.Rows(p.load, p.row); err != nil {
		return nil, fmt.Errorf("dod: %w", err)
	}
	p.build()
	return p.load, nil
}

// row is one line of the file: one company in one yearly list.
type row struct {
	line                       int
	name, clean, note, parents string
	aliases, previous          []string
	start, end                 interdict.Date
	hasEnd                     bool
}

// group is every row of one company (one id), in file order.
type group struct {
	id   string
	rows []*row
}

type parser struct {
	load   *interdict.ListLoad
	rows   []*row
	groups map[string]*group
	order  []*group
	name   string

	published interdict.Date
	badDate   notes.Lines
}

// row reads one row; entities are made in build, once every row of a
// company is known.
func (p *parser) row(line int, cols *csvin.Columns, rec []string) {
	rw := &row{
		line:    line,
		name:    cleanName(cols.Get(rec, "Name")),
		clean:   cleanName(cols.Get(rec, "Clean Name")),
		note:    strings.TrimSpace(cols.Get(rec, "Note")),
		parents: cleanName(cols.Get(rec, "Parent Name")),
	}
	if rw.clean == "" && rw.name == "" {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "empty Name and Clean Name"})
		return
	}
	if fold(rw.clean) == "" && fold(rw.name) == "" {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "name has no letters or digits"})
		return
	}
	rw.aliases = splitList(cols.Get(rec, "Alias"))
	rw.previous = splitList(cols.Get(rec, "Previous Name"))
	for _, f := range []struct {
		col string
		dst *interdict.Date
	}{{"Start date", &rw.start}, {"End date", &rw.end}} {
		v := cols.Get(rec, f.col)
		if v == "" {
			continue
		}
		if f.col == "End date" {
			rw.hasEnd = true
		}
		d, ok := parseDate(v)
		if !ok {
			p.badDate.Add(v, line)
			continue
		}
		*f.dst = d
		if plausible(d) && later(d, p.published) {
			p.published = d
		}
	}
	p.rows = append(p.rows, rw)
}

// group gathers the rows by id. The id is HashID over the Clean Name (or
// the Name where Clean Name is empty). The transcription sometimes leaves
// the alias in Clean Name ("Aerospace CH UAV Co., Ltd (CH UAV)" beside
// rows that say "Aerospace CH UAV Co., Ltd"); a trailing parenthesis is
// taken off the key, and kept as an alias, when what remains is another
// row's Clean Name or the parenthesis repeats the row's own alias.
func (p *parser) group() {
	cleans := map[string]bool{}
	for _, r := range p.rows {
		cleans[fold(r.clean)] = true
	}
	for _, r := range p.rows {
		key := r.clean
		if key == "" {
			key = r.name
		}
		if base, inner, ok := trailingParen(r.clean); ok && base != "" &&
			(cleans[fold(base)] || slices.ContainsFunc(r.aliases, func(a string) bool { return fold(a) == fold(inner) })) {
			key, r.clean = base, base
			if !slices.ContainsFunc(r.aliases, func(a string) bool { return fold(a) == fold(inner) }) {
				r.aliases = append(r.aliases, inner)
			}
		}
		id := interdict.HashID(source, key)
		g := p.groups[id]
		if g == nil {
			g = &group{id: id}
			p.groups[id] = g
			p.order = append(p.order, g)
		}
		g.rows = append(g.rows, r)
	}
}

// sorted returns the group's rows by start date, file order breaking ties.
func (g *group) sorted() []*row {
	rs := append([]*row(nil), g.rows...)
	sort.SliceStable(rs, func(i, j int) bool { return later(rs[j].start, rs[i].start) })
	return rs
}

// live reports whether the company is on the list now: its most recent
// listing (latest start date) has no end date. Earlier rows of a company
// that was relisted, or a transcription that left an old row open after
// a later one was ended, do not decide it.
func (g *group) live() bool {
	rs := g.sorted()
	last := rs[len(rs)-1].start
	for _, r := range rs {
		if r.start == last && !r.hasEnd {
			return true
		}
	}
	return false
}

// listedOn is the start of the company's current run of listings: the
// earliest start date after its last ended listing.
func (g *group) listedOn() interdict.Date {
	var d interdict.Date
	rs := g.sorted()
	for i, r := range rs {
		if i == 0 || rs[i-1].hasEnd {
			d = r.start
		}
	}
	return d
}

// primary is the company's name as the latest row writes it.
func (g *group) primary() string {
	rs := g.sorted()
	r := rs[len(rs)-1]
	if r.clean != "" {
		return r.clean
	}
	return stripMarks(r.name)
}

// build groups the rows by company, keeps the live companies as entities,
// resolves parent links and writes the notes.
func (p *parser) build() {
	p.group()
	live := map[string]bool{}
	var delisted notes.Lines
	ended := 0
	for _, g := range p.order {
		for _, r := range g.rows {
			if r.hasEnd {
				ended++
			}
		}
		if g.live() {
			live[g.id] = true
		} else {
			delisted.Add(g.primary(), g.rows[len(g.rows)-1].line)
		}
	}
	index := p.nameIndex()
	var unlisted, delistedParent notes.Lines
	for _, g := range p.order {
		if !live[g.id] {
			continue
		}
		e := &interdict.Entity{ID: g.id, Source: source, Kind: interdict.KindOrganization}
		e.AddName(interdict.Name{Full: g.primary(), Type: interdict.NamePrimary})
		e.AddProgram(program)
		e.ListedOn = g.listedOn()
		var remarks []string
		seenParent := map[string]bool{}
		for _, r := range g.rows {
			formers := formerNames(r.name)
			for _, a := range r.aliases {
				t := interdict.NameAKA
				if formers[fold(a)] {
					t = interdict.NameFKA
				}
				e.AddName(interdict.Name{Full: a, Type: t})
			}
			for _, a := range r.previous {
				e.AddName(interdict.Name{Full: a, Type: interdict.NameFKA})
			}
			if r.note != "" && !slices.Contains(remarks, r.note) {
				remarks = append(remarks, r.note)
			}
			for _, parent := range splitParents(r.parents) {
				k, other := fold(parent), index.lookup(parent)
				if seenParent[k] || other == g.id {
					continue
				}
				seenParent[k] = true
				link := interdict.Link{Type: interdict.LinkOwner, OtherName: parent, Note: "Parent Name: " + parent}
				switch {
				case other == "":
					unlisted.Add(parent, r.line)
				case live[other]:
					link.OtherID = other
				default:
					delistedParent.Add(parent, r.line)
				}
				e.Links = append(e.Links, link)
			}
		}
		e.Remarks = strings.Join(remarks, "\n")
		p.load.Entities = append(p.load.Entities, e)
	}
	l := p.load
	if !p.published.IsZero() {
		l.Published = p.published.String()
	}
	if n := len(p.order); n > 0 {
		l.Notes = append(l.Notes, notes.Plural(l.Records-len(l.Rejects), "row", "rows")+" describe "+
			notes.Plural(n, "company", "companies")+" across the yearly lists; each company's rows are one entity")
	}
	if delisted.Len() > 0 {
		l.Notes = append(l.Notes, notes.Plural(ended, "row carries", "rows carry")+" an End date; "+
			notes.Plural(delisted.Len(), "company whose latest listing has ended is", "companies whose latest listing has ended are")+
			" left out: "+delisted.List())
	}
	l.Notes = notes.Add(l.Notes, unlisted.Note("parent is not itself listed (linked by name only)", "parents are not themselves listed (linked by name only)"))
	l.Notes = notes.Add(l.Notes, delistedParent.Note("parent is delisted (linked by name only)", "parents are delisted (linked by name only)"))
	l.Notes = notes.Add(l.Notes, p.badDate.Note("date cannot be read", "dates cannot be read"))
}

// splitParents splits a Parent Name cell on ";" only: parent names carry
// commas of their own ("China Mobile Communications Group Co., Ltd.").
func splitParents(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		out = appendClean(out, p)
	}
	return out
}

// nameIndex maps the folded names a row can be referred to by (its Clean
// Name, and its Name without marks or trailing acronym) to its group's id.
// A key claimed by two companies resolves to neither.
type nameIndex map[string]string

func (p *parser) nameIndex() nameIndex {
	idx := nameIndex{}
	put := func(s, id string) {
		k := fold(s)
		if k == "" {
			return
		}
		if old, ok := idx[k]; ok && old != id {
			idx[k] = "ambiguous"
			return
		}
		idx[k] = id
	}
	for _, g := range p.order {
		for _, r := range g.rows {
			put(r.clean, g.id)
			n := stripMarks(r.name)
			put(n, g.id)
			if base, _, ok := trailingParen(n); ok {
				put(base, g.id)
			}
		}
	}
	return idx
}

// lookup resolves a parent name to a group id, trying it as written and
// without a trailing acronym ("… Corporation Limited (CASIC)").
func (idx nameIndex) lookup(name string) string {
	id := idx[fold(name)]
	if id == "" {
		if base, _, ok := trailingParen(name); ok {
			id = idx[fold(base)]
		}
	}
	if id == "ambiguous" {
		return ""
	}
	return id
}
