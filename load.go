package interdict

import "fmt"

// Coverage says whether a loaded source is the publisher's whole list or an
// excerpt of it (a test fixture cut from the official file).
type Coverage string

// Coverages.
const (
	CoverageFull    Coverage = "full"
	CoverageExcerpt Coverage = "excerpt"
)

// Reject is one record a parser could not use, with where it was and why.
// Line is a 1-based line (or spreadsheet row) number; Element names an XML
// element or JSON record where lines mean little ("INDIVIDUAL #12
// DATAID=6908555").
type Reject struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Element string `json:"element,omitempty"`
	Reason  string `json:"reason"`
}

// Error formats the reject as "file:line: reason".
func (r Reject) Error() string {
	switch {
	case r.Line > 0:
		return fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Reason)
	case r.Element != "":
		return fmt.Sprintf("%s: %s: %s", r.File, r.Element, r.Reason)
	}
	return fmt.Sprintf("%s: %s", r.File, r.Reason)
}

// ListLoad is what parsing one version of one source produced: the
// entities, how many records were read, what was rejected and why, and
// notes worth showing (orphan counts, skipped companion files).
type ListLoad struct {
	// Source is the list's short name ("ofac-sdn", "un", "uk").
	Source string `json:"source"`
	// Format names the publisher format parsed ("OFAC legacy CSV").
	Format string `json:"format"`
	// Published is the publisher's date for this version, "YYYY-MM-DD",
	// taken from inside the file where the format carries one.
	Published string   `json:"published,omitempty"`
	Coverage  Coverage `json:"coverage"`
	// Files are the files read, as given to the parser.
	Files    []string  `json:"files"`
	Records  int       `json:"records"`
	Entities []*Entity `json:"-"`
	Rejects  []Reject  `json:"rejects,omitempty"`
	Notes    []string  `json:"notes,omitempty"`
}

// Stats counts what a load holds, for the load report.
type Stats struct {
	Records     int          `json:"records"`
	Entities    int          `json:"entities"`
	ByKind      map[Kind]int `json:"by_kind"`
	Names       int          `json:"names"`
	Identifiers int          `json:"identifiers"`
	Links       int          `json:"links"`
	Rejects     int          `json:"rejects"`
}

// Stats counts the load's entities by kind, their distinct names (per
// entity), identifiers and links.
func (l *ListLoad) Stats() Stats {
	s := Stats{Records: l.Records, Entities: len(l.Entities), ByKind: map[Kind]int{}, Rejects: len(l.Rejects)}
	for _, e := range l.Entities {
		s.ByKind[e.Kind]++
		seen := make(map[string]bool, len(e.Names))
		for _, n := range e.Names {
			if !seen[n.Full] {
				seen[n.Full] = true
				s.Names++
			}
		}
		s.Identifiers += len(e.Identifiers)
		s.Links += len(e.Links)
	}
	return s
}
