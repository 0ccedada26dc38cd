package csl

import (
	"fmt"
	"strconv"
	"strings"
)

// tally collects odd values with the lines they were seen on, so that a
// load's notes can say what was odd and where without one note per row.
type tally struct {
	order []string
	lines map[string][]int
}

func (t *tally) add(value string, line int) {
	if t.lines == nil {
		t.lines = map[string][]int{}
	}
	if _, seen := t.lines[value]; !seen {
		t.order = append(t.order, value)
	}
	t.lines[value] = append(t.lines[value], line)
}

func (t *tally) len() int { return len(t.order) }

// rows is the number of lines seen across all values.
func (t *tally) rows() int {
	n := 0
	for _, l := range t.lines {
		n += len(l)
	}
	return n
}

// note formats `<n> <what>: "X" (line 3), "Y" (3 rows: lines 4, 9, 12)`,
// listing at most a few lines per value; it returns "" for an empty tally.
func (t *tally) note(singular, plural string) string {
	if t.len() == 0 {
		return ""
	}
	what := plural
	if t.len() == 1 {
		what = singular
	}
	return fmt.Sprintf("%d %s: %s", t.len(), what, t.list())
}

// list formats the values with their lines: `"X" (line 3), "Y" (3 rows:
// lines 4, 9, 12)`.
func (t *tally) list() string {
	var b strings.Builder
	for i, v := range t.order {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 20 {
			fmt.Fprintf(&b, "… and %d more", t.len()-i)
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

// addNote appends s to notes unless it is empty.
func addNote(notes []string, s string) []string {
	if s == "" {
		return notes
	}
	return append(notes, s)
}

// pluralf formats "<n> <singular|plural>".
func pluralf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}
