package ofac

import (
	"fmt"
	"strings"

	"github.com/interdict/interdict"
)

// resolveLinks sets OtherID on the links whose other party is the primary
// name of exactly one entity of the load, and OtherName to that primary
// name (the link's Note keeps the publisher's wording). OFAC refers to
// parties by name only; the name is compared trimmed and case-folded, and
// a final period may be missing on either side, because OFAC ends every
// remark with one and so "Linked To: X LTD." loses or doubles it. It
// returns notes on the links left unresolved.
func resolveLinks(entities []*interdict.Entity) []string {
	byName := make(map[string]*interdict.Entity, len(entities))
	for _, e := range entities {
		k := linkKey(e.PrimaryName())
		if k == "" {
			continue
		}
		if x, dup := byName[k]; dup && x != e {
			byName[k] = nil // ambiguous
			continue
		}
		byName[k] = e
	}
	unresolved, ambiguous := 0, 0
	for _, e := range entities {
		for i := range e.Links {
			l := &e.Links[i]
			if l.OtherID != "" {
				continue
			}
			k := linkKey(l.OtherName)
			other, ok := byName[k]
			if !ok {
				if strings.HasSuffix(k, ".") {
					other, ok = byName[strings.TrimSuffix(k, ".")]
				} else {
					other, ok = byName[k+"."]
				}
			}
			switch {
			case !ok:
				unresolved++
			case other == nil:
				ambiguous++
			default:
				l.OtherID = other.ID
				l.OtherName = other.PrimaryName()
			}
		}
	}
	var notes []string
	if unresolved > 0 {
		notes = append(notes, fmt.Sprintf("%d links name a party that is not a primary name of this load", unresolved))
	}
	if ambiguous > 0 {
		notes = append(notes, fmt.Sprintf("%d links name a party whose primary name is shared by several entities", ambiguous))
	}
	return notes
}

// linkKey folds a name for comparison: ASCII upper case, runs of blanks
// made one space, no blanks at the ends. OFAC's names are nearly always
// clean upper case already; they are returned without allocating.
func linkKey(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || c >= 0x80 || c == '\t' || c == ' ' && s[i+1] == ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			space = true
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
