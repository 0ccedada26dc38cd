package ofac

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// notes reports what the builder could not place.
func (b *builder) notes() []string {
	var n []string
	if len(b.badDates) > 0 {
		n = append(n, fmt.Sprintf("date values not understood: %s", countList(b.badDates)))
	}
	if b.cutAKAs > 0 {
		n = append(n, fmt.Sprintf("%d quoted aliases cut off by a truncated remark were dropped", b.cutAKAs))
	}
	if s := b.countries.note(); s != "" {
		n = append(n, s)
	}
	return n
}

// countList formats counts as `"a" (3), "b" (1)`, most frequent first.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// commas formats n with thousands separators, as the notes are read by
// people.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
