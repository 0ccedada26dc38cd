// Package country turns the country strings found in sanctions and export
// control lists ("Russian Federation", "Iran (Islamic Republic of)",
// "Korea, North", "Russie / Russia", "ru") into ISO 3166-1 alpha-2 codes.
package country

import (
	"strings"

	"github.com/biter777/countries"
)

// Code returns the ISO 3166-1 alpha-2 code for s, and whether s was
// recognised. It accepts codes (alpha-2, alpha-3), English names and the
// variants publishers use.
func Code(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	c := countries.ByName(s)
	if c == countries.Unknown {
		return "", false
	}
	return c.Alpha2(), true
}
