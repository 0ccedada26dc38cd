// Package listdiff compares two versions of the lists: the entities added,
// removed and changed, and for a changed one each field that changed
// (a new alias, a new address, a link, a program removed).
package listdiff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
)

// Version names one side of a comparison.
type Version struct {
	Published string   `json:"published,omitempty"`
	Files     []string `json:"files,omitempty"`
	Entities  int      `json:"entities"`
}

// Entry is an entity added or removed.
type Entry struct {
	ID   string         `json:"id"`
	Name string         `json:"name"`
	Kind interdict.Kind `json:"kind"`
}

// FieldChange is one field of an entity that changed: the values added
// and removed for a list field (names, addresses, links …), or the old
// and new value of a single one (kind, remarks …).
type FieldChange struct {
	Field   string   `json:"field"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	Old     string   `json:"old,omitempty"`
	New     string   `json:"new,omitempty"`
}

// Changed is an entity in both versions whose fields differ.
type Changed struct {
	Entry
	Changes []FieldChange `json:"changes"`
}

// Source is the comparison of one list.
type Source struct {
	Source    string    `json:"source"`
	Old       Version   `json:"old"`
	New       Version   `json:"new"`
	Added     []Entry   `json:"added"`
	Removed   []Entry   `json:"removed"`
	Changed   []Changed `json:"changed"`
	Unchanged int       `json:"unchanged"`
	// FieldCounts counts the changed entities by field.
	FieldCounts map[string]int `json:"field_counts"`
}

// Compare compares two loads of one list by entity id.
func Compare(old, new *interdict.ListLoad) Source {
	s := Source{Source: new.Source, FieldCounts: map[string]int{},
		Old: Version{Published: old.Published, Files: old.Files, Entities: len(old.Entities)},
		New: Version{Published: new.Published, Files: new.Files, Entities: len(new.Entities)}}
	before := make(map[string]*interdict.Entity, len(old.Entities))
	for _, e := range old.Entities {
		before[e.ID] = e
	}
	after := make(map[string]bool, len(new.Entities))
	for _, e := range new.Entities {
		after[e.ID] = true
		o, ok := before[e.ID]
		if !ok {
			s.Added = append(s.Added, entry(e))
			continue
		}
		ch := Fields(o, e)
		if len(ch) == 0 {
			s.Unchanged++
			continue
		}
		s.Changed = append(s.Changed, Changed{Entry: entry(e), Changes: ch})
		for _, c := range ch {
			s.FieldCounts[c.Field]++
		}
	}
	for _, e := range old.Entities {
		if !after[e.ID] {
			s.Removed = append(s.Removed, entry(e))
		}
	}
	byID := func(a, b Entry) int { return cmpID(a.ID, b.ID) }
	slices.SortFunc(s.Added, byID)
	slices.SortFunc(s.Removed, byID)
	slices.SortFunc(s.Changed, func(a, b Changed) int { return cmpID(a.ID, b.ID) })
	return s
}

// cmpID orders ids by source, then numerically where the publisher ids
// are numbers ("ofac-sdn:99" before "ofac-sdn:100").
func cmpID(a, b string) int {
	sa, ia, _ := strings.Cut(a, ":")
	sb, ib, _ := strings.Cut(b, ":")
	if c := cmp.Compare(sa, sb); c != 0 {
		return c
	}
	if c := cmp.Compare(len(ia), len(ib)); c != 0 && isNum(ia) && isNum(ib) {
		return c
	}
	return cmp.Compare(ia, ib)
}

func isNum(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func entry(e *interdict.Entity) Entry {
	return Entry{ID: e.ID, Name: e.PrimaryName(), Kind: e.Kind}
}

// Fields lists the fields of a that differ in b. List fields compare as
// sets of their rendered values; a link compares by its type and the
// party it names (not the id it resolved to, which depends on the rest of
// the load).
func Fields(a, b *interdict.Entity) []FieldChange {
	var out []FieldChange
	one := func(field, x, y string) {
		if x != y {
			out = append(out, FieldChange{Field: field, Old: x, New: y})
		}
	}
	set := func(field string, x, y []string) {
		add, rem := setDiff(x, y)
		if len(add) > 0 || len(rem) > 0 {
			out = append(out, FieldChange{Field: field, Added: add, Removed: rem})
		}
	}
	one("kind", string(a.Kind), string(b.Kind))
	set("names", names(a), names(b))
	one("gender", string(a.Gender), string(b.Gender))
	set("titles", a.Titles, b.Titles)
	set("birth_dates", dates(a.BirthDates), dates(b.BirthDates))
	set("birth_places", a.BirthPlaces, b.BirthPlaces)
	set("nationalities", a.Nationalities, b.Nationalities)
	set("citizenships", a.Citizenships, b.Citizenships)
	set("countries", a.Countries, b.Countries)
	set("addresses", addresses(a), addresses(b))
	set("identifiers", identifiers(a), identifiers(b))
	set("programs", a.Programs, b.Programs)
	one("listed_on", a.ListedOn.String(), b.ListedOn.String())
	set("links", links(a), links(b))
	set("alt_keys", a.AltKeys, b.AltKeys)
	set("vessel", vessel(a.Vessel), vessel(b.Vessel))
	one("remarks", a.Remarks, b.Remarks)
	return out
}

func setDiff(x, y []string) (added, removed []string) {
	in := func(s []string, v string) bool { return slices.Contains(s, v) }
	for _, v := range y {
		if !in(x, v) && !in(added, v) {
			added = append(added, v)
		}
	}
	for _, v := range x {
		if !in(y, v) && !in(removed, v) {
			removed = append(removed, v)
		}
	}
	return added, removed
}

func names(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		out = append(out, string(n.Type)+": "+n.Full)
	}
	return out
}

func dates(ds []interdict.Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func addresses(e *interdict.Entity) []string {
	var out []string
	for _, a := range e.Addresses {
		out = append(out, a.String())
	}
	return out
}

func identifiers(e *interdict.Entity) []string {
	var out []string
	for _, id := range e.Identifiers {
		s := string(id.Type) + " " + id.Value
		if id.Country != "" {
			s += " (" + id.Country + ")"
		}
		out = append(out, s)
	}
	return out
}

func links(e *interdict.Entity) []string {
	var out []string
	for _, l := range e.Links {
		other := l.OtherName
		if other == "" {
			other = l.OtherID
		}
		out = append(out, string(l.Type)+": "+other)
	}
	return out
}

func vessel(v *interdict.Vessel) []string {
	if v == nil {
		return nil
	}
	var out []string
	for _, p := range [][2]string{{"type", v.Type}, {"flag", v.Flag}, {"tonnage", v.Tonnage}, {"grt", v.GRT}, {"owner", v.Owner}, {"built", v.Built}} {
		if p[1] != "" {
			out = append(out, p[0]+" "+p[1])
		}
	}
	return out
}

// Summary is one line about a source's comparison.
func (s *Source) Summary() string {
	return fmt.Sprintf("%s: %d added, %d removed, %d changed, %d unchanged (%d entities → %d)",
		s.Source, len(s.Added), len(s.Removed), len(s.Changed), s.Unchanged, s.Old.Entities, s.New.Entities)
}
