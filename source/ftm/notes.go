package ftm

import (
	"fmt"
	"sort"
	"strings"
)

// notes summarises what the load made of the objects read: which schemas
// became entities and which were folded into them or ignored, and every
// reference, date or country that could not be used.
func (c *collector) notes(rs *refStats) []string {
	var notes []string
	var kept, folded []string
	nKept := 0
	for _, s := range byCount(c.schemas) {
		n := c.schemas[s]
		switch {
		case thingKinds[s] != "":
			kept = append(kept, fmt.Sprintf("%s %s", commas(n), s))
			nKept += n
		case c.ignored[s] == 0:
			folded = append(folded, fmt.Sprintf("%s %s", commas(n), s))
		}
	}
	total := 0
	for _, n := range c.schemas {
		total += n
	}
	line := fmt.Sprintf("%s FtM objects: %s entities (%s)", commas(total), commas(nKept), strings.Join(kept, ", "))
	if nKept == 0 {
		line = fmt.Sprintf("%s FtM objects: no entities", commas(total))
	}
	if len(folded) > 0 {
		line += "; folded into them: " + strings.Join(folded, ", ")
	}
	notes = append(notes, line)
	if len(c.ignored) > 0 {
		notes = append(notes, "objects of schemas not used: "+countList(c.ignored))
	}
	nonTargets, noName := 0, 0
	for _, t := range c.things {
		if !t.target {
			nonTargets++
		}
		if len(t.e.Names) == 0 {
			noName++
		}
	}
	if nonTargets > 0 {
		notes = append(notes, fmt.Sprintf("%s of %s entities are not sanctions targets (related parties kept for the network; their Remarks say so)",
			commas(nonTargets), commas(nKept)))
	}
	if noName > 0 {
		notes = append(notes, fmt.Sprintf("%s entities have no name", commas(noName)))
	}
	where := "the file"
	if len(c.load.Files) > 1 {
		where = "the files"
	}
	if len(rs.missing) > 0 {
		line := fmt.Sprintf("%s references to ids not in %s: %s", commas(sum(rs.missing)), where, countList(rs.missing))
		if rs.withoutID > 0 {
			line += fmt.Sprintf(" (%s links keep only the id)", commas(rs.withoutID))
		}
		notes = append(notes, line)
	}
	if len(rs.unusable) > 0 {
		notes = append(notes, fmt.Sprintf("%s references to objects of the wrong schema: %s", commas(sum(rs.unusable)), countList(rs.unusable)))
	}
	if rs.dangling > 0 {
		notes = append(notes, fmt.Sprintf("%s relationships join no entity of %s and were dropped", commas(rs.dangling), where))
	}
	if len(c.noValue) > 0 {
		notes = append(notes, "identity documents without a number: "+countList(c.noValue))
	}
	if len(c.badDates) > 0 {
		ex := c.badDates
		if len(ex) > 5 {
			ex = ex[:5]
		}
		notes = append(notes, fmt.Sprintf("%s dates not understood, e.g. %q", commas(len(c.badDates)), ex))
	}
	if n := c.countries.note(); n != "" {
		notes = append(notes, n)
	}
	return notes
}

// byCount returns the keys of m, most frequent first, then by name.
func byCount(m map[string]int) []string {
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
	return keys
}

// countList formats m as "3 Position, 1 Occupancy".
func countList(m map[string]int) string {
	keys := byCount(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %s", commas(m[k]), k)
	}
	return strings.Join(parts, ", ")
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
