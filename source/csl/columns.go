package csl

import (
	"fmt"
	"strings"
)

// columns maps a file's header names (case-folded, trimmed, with the
// quotes and underscores publishers vary on made equal) to their index,
// so that a reordered or widened export still parses. Lookups by the
// names the parser asks for are memoised: get runs for every cell.
type columns struct {
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

func newColumns(header []string) columns {
	c := columns{idx: make(map[string]int, len(header)), memo: map[string]int{}}
	for i, h := range header {
		k := headerKey(h)
		if _, dup := c.idx[k]; !dup && k != "" {
			c.idx[k] = i
		}
	}
	return c
}

// index returns the column of name, or -1.
func (c columns) index(name string) int {
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

// require returns an error naming the first missing column.
func (c columns) require(names ...string) error {
	for _, n := range names {
		if c.index(n) < 0 {
			return fmt.Errorf("missing column %q", n)
		}
	}
	return nil
}

// has reports whether every named column is present.
func (c columns) has(names ...string) bool { return c.require(names...) == nil }

// get returns the trimmed field of rec in the named column, or "" when the
// column is absent or the record is short.
func (c columns) get(rec []string, name string) string {
	i := c.index(name)
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}
