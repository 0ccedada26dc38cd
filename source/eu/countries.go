package eu

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict/country"
)

// countries turns the FSF's country attributes into ISO codes through
// country.Code and remembers, with counts, every string it did not know.
type countries struct {
	unknown map[string]int
}

// code returns the ISO code for a countryIso2Code / countryDescription
// pair. "00" and "UNKNOWN" are the FSF's "no country". The code is tried
// first; the description when the code is missing or not known. A pair
// neither of which is known gives "" and is counted.
func (c *countries) code(iso2, desc string) string {
	iso2, desc = clean(iso2), clean(desc)
	if iso2 == "00" {
		iso2 = ""
	}
	if strings.EqualFold(desc, "UNKNOWN") {
		desc = ""
	}
	for _, s := range []string{iso2, desc} {
		if s == "" {
			continue
		}
		if code, ok := country.Code(s); ok {
			return code
		}
	}
	if iso2 == "" && desc == "" {
		return ""
	}
	if c.unknown == nil {
		c.unknown = map[string]int{}
	}
	c.unknown[joinNonEmpty(" / ", iso2, desc)]++
	return ""
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
