package un

import (
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/internal/notes"
)

// countries turns the UN's country names into ISO codes through
// country.Code and remembers, with counts, every string it did not know,
// so that the load can report them and the country table can grow.
type countries struct {
	unknown notes.Counts
}

// code returns the ISO code for s, or "" for an empty, placeholder or
// unrecognised string (the last counted).
func (c *countries) code(s string) string {
	s = value(s)
	if s == "" {
		return ""
	}
	code, ok := country.Code(s)
	if !ok {
		c.unknown.Add(s)
		return ""
	}
	return code
}

// note describes the unrecognised strings, most frequent first, or "".
func (c *countries) note() string {
	return c.unknown.Note("country strings not recognised")
}
