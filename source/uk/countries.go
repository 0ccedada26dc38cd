package uk

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict/country"
)

// countries turns the UK lists' country cells into ISO codes through the
// country package, remembering each answer (the same few hundred strings
// recur on thousands of rows) and every string it could not place, for
// the load's notes.
type countries struct {
	single  map[string]string   // country.Code answers; "" for unrecognised
	multi   map[string][]string // country.Codes answers; nil for unrecognised
	unknown map[string]int
}

func newCountries() *countries {
	return &countries{single: map[string]string{}, multi: map[string][]string{}, unknown: map[string]int{}}
}

// one returns the code of a cell that names one country (an address
// country, a ship's flag), or "" (and records the string) when it is not
// recognised.
func (c *countries) one(s string) string {
	s = cleanItem(s)
	if s == "" {
		return ""
	}
	code, seen := c.single[s]
	if !seen {
		code, _ = country.Code(s)
		c.single[s] = code
	}
	if code == "" {
		c.unknown[s]++
	}
	return code
}

// list returns the codes of a cell that may name several countries
// (nationality, country of birth, previous flags): numbered ("(1) Russia.
// (2) Syria") or joined ("Estonia, Russia", "Panama. South Korea"). The
// numbered items are split here, so that an unrecognised one is reported
// on its own; country.Codes reads the joined forms, where a lookup of one
// code would keep only the first country.
func (c *countries) list(s string) []string {
	var out []string
	for _, v := range values(s) {
		codes, seen := c.multi[v]
		if !seen {
			codes = country.Codes(v)
			c.multi[v] = codes
		}
		if len(codes) == 0 {
			c.unknown[v]++
		}
		out = append(out, codes...)
	}
	return out
}

// note describes the unrecognised strings for ListLoad.Notes, or "". The
// counts are of the distinct cells (per target) that held the string.
func (c *countries) note() string {
	if len(c.unknown) == 0 {
		return ""
	}
	names := make([]string, 0, len(c.unknown))
	for s := range c.unknown {
		names = append(names, s)
	}
	sort.Strings(names)
	quoted := make([]string, len(names))
	for i, s := range names {
		quoted[i] = fmt.Sprintf("%q (%d)", s, c.unknown[s])
	}
	return fmt.Sprintf("%d country strings not recognised: %s", len(names), strings.Join(quoted, ", "))
}
