package batch

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// shownRejects is how many reject messages the summary keeps.
const shownRejects = 20

// Counts are what the summary counts; a checkpoint carries them so that a
// resumed run's summary is the uninterrupted run's.
type Counts struct {
	// Rows is every row in the output: Screened + Rejects.
	Rows     int `json:"rows"`
	Screened int `json:"screened"`
	// Hits are the rows with at least one match at or above the alert
	// threshold; BySource counts them per list (a row hitting two lists
	// counts once in each).
	Hits     int            `json:"hits"`
	BySource map[string]int `json:"by_source"`
	// Rejects are the rows that could not be read or screened; Shown the
	// first of their messages ("line 7: empty name").
	Rejects int      `json:"rejects"`
	Shown   []string `json:"reject_examples"`
	// Blank lines and empty sheet rows are skipped, and counted.
	Blank int `json:"blank"`
}

func (c *Counts) add(r *result) {
	c.Rows++
	c.Blank += r.blank
	if r.reject != "" {
		c.Rejects++
		if len(c.Shown) < shownRejects {
			c.Shown = append(c.Shown, r.reject)
		}
		return
	}
	c.Screened++
	if len(r.sources) > 0 {
		c.Hits++
		if c.BySource == nil {
			c.BySource = map[string]int{}
		}
		for _, s := range r.sources {
			c.BySource[s]++
		}
	}
}

// Summary is the account of a run, printed on stderr and written to
// --summary FILE.
type Summary struct {
	Counts
	Input        string  `json:"input"`
	Output       string  `json:"output"`
	InputFormat  string  `json:"input_format"`
	OutputFormat string  `json:"output_format"`
	Snapshot     string  `json:"snapshot,omitempty"`
	Threshold    float64 `json:"threshold"`
	// ResumedAt is how many rows a checkpoint gave this run (0: it
	// started at the beginning).
	ResumedAt int `json:"resumed_at"`
	// Complete is false when the run stopped before the end of its input;
	// Output then names the partial output.
	Complete bool `json:"complete"`
	// Resumable says that an incomplete run left a checkpoint: the same
	// command continues it.
	Resumable bool `json:"resumable"`
	// Seconds is this run's screening time; RowsPerSecond its rate over
	// the rows it screened itself.
	Seconds       float64 `json:"seconds"`
	RowsPerSecond float64 `json:"rows_per_second"`
}

// Line says in one line what the run found: rows, rejects, hits, and hits
// per list, most first.
func (s *Summary) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s, %s (score ≥ %g", plural(s.Rows, "row", "rows"), plural(s.Rejects, "reject", "rejects"), plural(s.Hits, "hit", "hits"), s.Threshold)
	if len(s.BySource) > 0 {
		b.WriteString("; by list: ")
		keys := make([]string, 0, len(s.BySource))
		for k := range s.BySource {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if s.BySource[keys[i]] != s.BySource[keys[j]] {
				return s.BySource[keys[i]] > s.BySource[keys[j]]
			}
			return keys[i] < keys[j]
		})
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", k, s.BySource[k])
		}
	}
	b.WriteString(")")
	if s.Blank > 0 {
		fmt.Fprintf(&b, ", %s skipped", plural(s.Blank, "blank line", "blank lines"))
	}
	return b.String()
}

// write writes the summary as JSON, atomically.
func (s *Summary) write(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(path, append(b, '\n'))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
