package eu

import (
	"strings"

	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/internal/notes"
	"github.com/interdict/interdict/source/internal/text"
)

// countries turns the FSF's country attributes into ISO codes through
// country.Code and remembers, with counts, every string it did not know.
type countries struct {
	unknown notes.Counts
}

// code returns the ISO code for a countryIso2Code / countryDescription
// pair. "00" and "UNKNOWN" are the FSF's "no country". The code is tried
// first; the description when the code is missing or not known. A pair
// neither of which is known gives "" and is counted.
func (c *countries) code(iso2, desc string) string {
	iso2, desc = text.Clean(iso2), text.Clean(desc)
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
	c.unknown.Add(text.JoinNonEmpty(" / ", iso2, desc))
	return ""
}

// note describes the unrecognised strings, most frequent first, or "".
func (c *countries) note() string {
	return c.unknown.Note("country strings not recognised")
}
