package ftm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict/country"
)

// countries maps country strings through country.Code once per distinct
// string, and remembers the strings it does not know so that the load can
// say which ones to add to the country table.
type countries struct {
	cache   map[string]string
	unknown map[string]int
}

func newCountries() *countries {
	return &countries{cache: map[string]string{}, unknown: map[string]int{}}
}

// code returns the ISO code for s, or "" (counting s as unrecognised)
// when country.Code does not know it. Empty strings are not counted.
func (c *countries) code(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	code, seen := c.cache[s]
	if !seen {
		code, _ = country.Code(s)
		c.cache[s] = code
	}
	if code == "" {
		c.unknown[s]++
	}
	return code
}

// note says which country strings were not recognised and how often, most
// frequent first, or "" when all were.
func (c *countries) note() string {
	if len(c.unknown) == 0 {
		return ""
	}
	keys := make([]string, 0, len(c.unknown))
	total := 0
	for k, n := range c.unknown {
		keys = append(keys, k)
		total += n
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.unknown[keys[i]] != c.unknown[keys[j]] {
			return c.unknown[keys[i]] > c.unknown[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%s)", k, commas(c.unknown[k]))
	}
	return fmt.Sprintf("%s country strings not recognised (%s values left without a code): %s",
		commas(len(keys)), commas(total), strings.Join(parts, ", "))
}
