package csvin

import "strings"

// Columns maps a file's header names (case-folded, trimmed, with the
// quotes and underscores publishers vary on made equal) to their index,
// so that a reordered or widened export still parses. Lookups by the
// names a parser asks for are memoised: Get runs for every cell.
type Columns struct {
	idx  map[string]int
	memo map[string]int // name as asked → index, or -1
}

// keyFolder makes "Street_Address", "street address" and "Street-Address"
// one key.
var keyFolder = strings.NewReplacer("_", " ", "-", " ")

func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"`)))
	return keyFolder.Replace(s)
}

// NewColumns indexes a header record. Where two columns fold to the same
// name, the first counts.
func NewColumns(header []string) *Columns {
	c := &Columns{idx: make(map[string]int, len(header)), memo: map[string]int{}}
	for i, h := range header {
		k := headerKey(h)
		if _, dup := c.idx[k]; !dup && k != "" {
			c.idx[k] = i
		}
	}
	return c
}

// Index returns the column of name, or -1.
func (c *Columns) Index(name string) int {
	if i, ok := c.memo[name]; ok {
		return i
	}
	i, ok := c.idx[headerKey(name)]
	if !ok {
		i = -1
	}
	c.memo[name] = i
	return i
}

// Missing returns the names that have no column, in the order given.
func (c *Columns) Missing(names ...string) []string {
	var out []string
	for _, n := range names {
		if c.Index(n) < 0 {
			out = append(out, n)
		}
	}
	return out
}

// Has reports whether every named column is present.
func (c *Columns) Has(names ...string) bool {
	for _, n := range names {
		if c.Index(n) < 0 {
			return false
		}
	}
	return true
}

// Get returns the trimmed field of rec in the named column, or "" when the
// column is absent or the record is short.
func (c *Columns) Get(rec []string, name string) string {
	i := c.Index(name)
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}
