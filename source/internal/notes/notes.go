// Package notes helps parsers write a load's notes: what was odd in a
// file, how often and where, in one note per kind of oddity rather than
// one per row.
package notes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Lines collects odd values with the lines they were seen on. The zero
// value is ready to use.
type Lines struct {
	order []string
	lines map[string][]int
}

// Add records value as seen on line.
func (t *Lines) Add(value string, line int) {
	if t.lines == nil {
		t.lines = map[string][]int{}
	}
	if _, seen := t.lines[value]; !seen {
		t.order = append(t.order, value)
	}
	t.lines[value] = append(t.lines[value], line)
}

// Len is the number of distinct values.
func (t *Lines) Len() int { return len(t.order) }

// Rows is the number of lines seen across all values.
func (t *Lines) Rows() int {
	n := 0
	for _, l := range t.lines {
		n += len(l)
	}
	return n
}

// Note formats `<n> <what>: "X" (line 3), "Y" (3 rows: lines 4, 9, 12)`,
// what being singular for one value and plural for more; it returns ""
// when nothing was added.
func (t *Lines) Note(singular, plural string) string {
	if t.Len() == 0 {
		return ""
	}
	what := plural
	if t.Len() == 1 {
		what = singular
	}
	return fmt.Sprintf("%d %s: %s", t.Len(), what, t.List())
}

// List formats the values, in the order first seen, with their lines:
// `"X" (line 3), "Y" (3 rows: lines 4, 9, 12)`. It lists 20 values and 5
// lines of each at most.
func (t *Lines) List() string {
	var b strings.Builder
	for i, v := range t.order {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 20 {
			fmt.Fprintf(&b, "… and %d more", t.Len()-i)
			break
		}
		fmt.Fprintf(&b, "%q (%s)", v, lineList(t.lines[v]))
	}
	return b.String()
}

func lineList(lines []int) string {
	const show = 5
	var b strings.Builder
	if len(lines) == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	fmt.Fprintf(&b, "%d rows: lines ", len(lines))
	for i, l := range lines {
		if i == show {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(l))
	}
	return b.String()
}

// Counts counts odd values where there are no lines to give (an XML
// file's elements). The zero value is ready to use.
type Counts struct {
	n map[string]int
}

// Add counts one more s.
func (c *Counts) Add(s string) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[s]++
}

// Len is the number of distinct values.
func (c *Counts) Len() int { return len(c.n) }

// Note formats `<n> <what>: "X" (3), "Y" (1)`, most frequent first and
// then in byte order; it returns "" when nothing was counted.
func (c *Counts) Note(what string) string {
	if len(c.n) == 0 {
		return ""
	}
	keys := make([]string, 0, len(c.n))
	for k := range c.n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.n[keys[i]] != c.n[keys[j]] {
			return c.n[keys[i]] > c.n[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, c.n[k])
	}
	return fmt.Sprintf("%d %s: %s", len(keys), what, strings.Join(parts, ", "))
}

// Add appends s to notes unless it is empty.
func Add(notes []string, s string) []string {
	if s == "" {
		return notes
	}
	return append(notes, s)
}

// Plural formats "<n> <singular|plural>".
func Plural(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}
