package ftm

import (
	"strings"

	interdict "github.com/interdict/interdict"
)

// refStats counts references that could not be followed, by the property
// that made them, for the load's notes.
type refStats struct {
	missing   map[string]int // to ids in no file read
	unusable  map[string]int // to objects of a schema that cannot take them
	dangling  int            // relationships with neither end kept
	withoutID int            // links to ids not in the files, kept with the id only
}

// finish resolves every reference and returns the load.
func (c *collector) finish() *interdict.ListLoad {
	rs := &refStats{missing: map[string]int{}, unusable: map[string]int{}}
	for _, t := range c.things {
		c.addresses(t, rs)
	}
	for _, s := range c.sanctions {
		for _, ref := range s.entities {
			t := c.thingFor(ref, "entity", rs)
			if t == nil {
				continue
			}
			for _, p := range s.programs {
				t.e.AddProgram(p)
			}
			for _, a := range s.authorities {
				t.authorities = addString(t.authorities, a)
			}
			if !s.listed.IsZero() && (t.e.ListedOn.IsZero() || earlier(s.listed, t.e.ListedOn)) {
				t.e.ListedOn = s.listed
			}
		}
	}
	for _, in := range c.idents {
		for _, ref := range in.holders {
			if t := c.thingFor(ref, "holder", rs); t != nil {
				for _, id := range in.ids {
					addIdentifier(t.e, id)
				}
			}
		}
	}
	for _, r := range c.rels {
		c.link(r, rs)
	}
	for _, t := range c.things {
		t.e.Remarks = remarks(t)
		c.load.Entities = append(c.load.Entities, t.e)
	}
	c.load.Notes = c.notes(rs)
	return c.load
}

// thingFor resolves a reference that must name a kept entity, counting it
// under prop when it does not.
func (c *collector) thingFor(ref, prop string, rs *refStats) *thing {
	_, n := c.resolve(ref)
	switch {
	case n == nil:
		rs.missing[prop]++
		return nil
	case n.thing == nil:
		rs.unusable[prop]++
		return nil
	}
	return n.thing
}

// addresses resolves a thing's addressEntity references and adds its plain
// address strings that are not already there in another spelling.
func (c *collector) addresses(t *thing, rs *refStats) {
	seen := map[string]bool{}
	add := func(a interdict.Address) {
		k := foldKey(a.String())
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		t.e.Addresses = append(t.e.Addresses, a)
		t.e.AddCountry(a.Country)
	}
	for _, ref := range t.addrRefs {
		_, n := c.resolve(ref)
		switch {
		case n == nil:
			rs.missing["addressEntity"]++
		case n.addr == nil:
			rs.unusable["addressEntity"]++
		default:
			add(*n.addr)
		}
	}
	for _, s := range t.plainAddrs {
		add(interdict.Address{Full: s})
	}
}

// link gives both ends of a relationship their link to the other. An end
// not in the files still gets named on the other end by its id, so that
// loads merged by id connect; an end that is in the files but not an
// entity (an Address, a Security) is named by its caption (its schema
// when it has none), without an id.
func (c *collector) link(r relation, rs *refStats) {
	for _, fromRef := range r.from {
		for _, toRef := range r.to {
			fromID, from := c.resolve(fromRef)
			toID, to := c.resolve(toRef)
			fromThing, toThing := thingOf(from), thingOf(to)
			if fromThing == nil && toThing == nil {
				rs.dangling++
				continue
			}
			fromType, toType := r.spec.fromType, r.spec.toType
			if r.schema == "Ownership" && toThing != nil && toThing.e.Kind == interdict.KindVessel {
				fromType, toType = interdict.LinkVessel, interdict.LinkVesselOwner
			}
			toNote := r.note
			if r.spec.symmetric && toNote != "" {
				toNote = "reverse: " + toNote
			}
			if fromThing != nil {
				addLink(fromThing.e, c.linkTo(toID, to, fromType, r.note, r.spec.to, rs))
			}
			if toThing != nil {
				addLink(toThing.e, c.linkTo(fromID, from, toType, toNote, r.spec.from, rs))
			}
		}
	}
}

// linkTo builds a link to the object id (resolved to n, nil when not in
// the files). prop names the reference, for the notes.
func (c *collector) linkTo(id string, n *node, typ interdict.LinkType, note, prop string, rs *refStats) interdict.Link {
	l := interdict.Link{Type: typ, Note: note}
	switch {
	case n == nil:
		l.OtherID = Source + ":" + id
		rs.missing[prop]++
		rs.withoutID++
	case n.thing != nil:
		l.OtherName = n.thing.e.PrimaryName()
		l.OtherID = n.thing.e.ID
	case n.caption != "":
		l.OtherName = n.caption
	default:
		l.OtherName = n.schema
	}
	return l
}

func thingOf(n *node) *thing {
	if n == nil {
		return nil
	}
	return n.thing
}

// addLink appends l unless the entity has an identical link.
func addLink(e *interdict.Entity, l interdict.Link) {
	for _, x := range e.Links {
		if x == l {
			return
		}
	}
	e.Links = append(e.Links, l)
}

// remarks joins a thing's notes, the authorities that sanction it and,
// first, for a thing OpenSanctions does not mark as a target, a line
// saying so: a match on it is a match on a related party, not on a
// designated one.
func remarks(t *thing) string {
	var parts []string
	if !t.target {
		line := "Not a sanctions target: in the FtM data as a party related to targets"
		if len(t.datasets) > 0 {
			line += " (datasets: " + strings.Join(t.datasets, ", ") + ")"
		}
		parts = append(parts, line+".")
	}
	parts = append(parts, t.remarks...)
	if len(t.authorities) > 0 {
		parts = append(parts, "Sanctioning authorities: "+strings.Join(t.authorities, "; ")+".")
	}
	return strings.Join(parts, "\n")
}
