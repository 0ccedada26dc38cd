package un

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict/country"
)

// countries turns the UN's country names into ISO codes through
// country.Code and remembers, with counts, every string it did not know,
// so that the load can report them and the country table can grow.
type countries struct {
	unknown map[string]int
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
		if c.unknown == nil {
			c.unknown = map[string]int{}
		}
		c.unknown[s]++
		return ""
	}
	return code
}

// note describes the unrecognised strings, most frequent first, or "".
func (c *countries) note() string {
	if len(c.unknown) == 0 {
		return ""
	}
	keys := make([]string, 0, len(c.unknown))
	for k := range c.unknown {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.unknown[keys[i]] != c.unknown[keys[j]] {
			return c.unknown[keys[i]] > c.unknown[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, c.unknown[k])
	}
	return fmt.Sprintf("%d country strings not recognised: %s", len(keys), strings.Join(parts, ", "))
}
