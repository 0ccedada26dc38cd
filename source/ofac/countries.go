package ofac

import (
	"fmt"
	"strings"

	"github.com/interdict/interdict/country"
)

// countries turns the country strings of one load into ISO codes through
// country.Code, remembering the ones it does not know so that the load can
// report them (the country table's owner adds them). Results are cached:
// a load asks for the same few hundred strings tens of thousands of times.
type countries struct {
	known   map[string]string
	unknown map[string]int
}

func newCountries() *countries {
	return &countries{known: map[string]string{}, unknown: map[string]int{}}
}

// code returns the ISO code for s, or "" when s is empty or unrecognised.
func (c *countries) code(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if code, ok := c.known[s]; ok {
		return code
	}
	if n, ok := c.unknown[s]; ok {
		c.unknown[s] = n + 1
		return ""
	}
	code, ok := country.Code(s)
	if !ok {
		c.unknown[s] = 1
		return ""
	}
	c.known[s] = code
	return code
}

// lookup is code without the bookkeeping, for strings that may name a
// place rather than a country.
func (c *countries) lookup(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if code, ok := c.known[s]; ok {
		return code, true
	}
	if _, ok := c.unknown[s]; ok || s == "" {
		return "", false
	}
	code, ok := country.Code(s)
	if ok {
		c.known[s] = code
	}
	return code, ok
}

// note describes the unrecognised strings, most frequent first, or returns
// "" when there are none.
func (c *countries) note() string {
	if len(c.unknown) == 0 {
		return ""
	}
	return fmt.Sprintf("%d country strings not recognised: %s", len(c.unknown), countList(c.unknown))
}
