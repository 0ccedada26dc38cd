package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/listdiff"
	"github.com/interdict/interdict/source"
)

// diffResult is the JSON form of `interdict diff --json`.
type diffResult struct {
	Sources []listdiff.Source `json:"sources"`
	// OnlyOld and OnlyNew are lists loaded on one side only.
	OnlyOld []string `json:"only_old,omitempty"`
	OnlyNew []string `json:"only_new,omitempty"`
}

func (m *Main) runDiff(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("diff", &d)
	versions := fs.Bool("versions", false, "compare each list's live version with the one before it, in --data or the state directory")
	only := fs.String("source", "", "compare only this list (ofac-sdn, uk, …)")
	limit := fs.Int("limit", 20, "entities shown per kind of change (0: all)")
	asJSON := fs.Bool("json", false, "print every change as JSON")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict diff OLD_DIR NEW_DIR [--source S] [--limit N] [--json]")
		fmt.Fprintln(m.Stderr, "       interdict diff --versions [--data DIR] [--source S] [--limit N] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if *versions && len(pos) != 0 || !*versions && len(pos) != 2 || *limit < 0 {
		fs.Usage()
		return exitUsage
	}
	var res diffResult
	if *versions {
		cat := m.load(ctx, &d)
		if cat == nil {
			return exitError
		}
		for _, l := range cat.Lists {
			if *only != "" && l.Source != *only {
				continue
			}
			// the newest version older than the live one
			var prev *interdict.ListLoad
			for _, v := range l.Earlier {
				if v.Published <= l.Live.Published && (prev == nil || v.Published > prev.Published) {
					prev = v
				}
			}
			if prev == nil {
				continue
			}
			res.Sources = append(res.Sources, listdiff.Compare(prev, l.Live))
		}
		if len(res.Sources) == 0 {
			fmt.Fprintln(m.Stderr, "interdict diff: no list has an earlier version loaded to compare with")
			return exitError
		}
	} else {
		var cats [2]*source.Catalog
		for i, dir := range pos {
			c, err := source.Load(ctx, dir)
			if err != nil {
				fmt.Fprintf(m.Stderr, "interdict diff: %v\n", err)
				return exitError
			}
			cats[i] = c
		}
		res = diffCatalogs(cats[0], cats[1], *only)
		if len(res.Sources) == 0 {
			fmt.Fprintf(m.Stderr, "interdict diff: %s and %s hold no list in common (old: %s; new: %s)\n", pos[0], pos[1],
				listNames(cats[0]), listNames(cats[1]))
			return exitError
		}
	}
	if *asJSON {
		return m.encodeJSON(res)
	}
	for i := range res.Sources {
		if i > 0 {
			fmt.Fprintln(m.Stdout)
		}
		writeDiff(m.Stdout, &res.Sources[i], *limit)
	}
	for _, s := range res.OnlyOld {
		fmt.Fprintf(m.Stdout, "\n%s: only in the old lists\n", s)
	}
	for _, s := range res.OnlyNew {
		fmt.Fprintf(m.Stdout, "\n%s: only in the new lists\n", s)
	}
	return exitOK
}

func listNames(c *source.Catalog) string {
	var out []string
	for _, l := range c.Lists {
		out = append(out, l.Source)
	}
	return strings.Join(out, ", ")
}

// diffCatalogs compares the live version of each list the two catalogs
// share.
func diffCatalogs(old, new *source.Catalog, only string) diffResult {
	var res diffResult
	for _, l := range new.Lists {
		if only != "" && l.Source != only {
			continue
		}
		o := old.List(l.Source)
		if o == nil {
			res.OnlyNew = append(res.OnlyNew, l.Source)
			continue
		}
		res.Sources = append(res.Sources, listdiff.Compare(o.Live, l.Live))
	}
	for _, l := range old.Lists {
		if (only == "" || l.Source == only) && new.List(l.Source) == nil {
			res.OnlyOld = append(res.OnlyOld, l.Source)
		}
	}
	return res
}

func writeDiff(w io.Writer, s *listdiff.Source, limit int) {
	fmt.Fprintln(w, s.Summary())
	fmt.Fprintf(w, "  old: %s %s\n  new: %s %s\n", dashed(s.Old.Published), strings.Join(s.Old.Files, ", "), dashed(s.New.Published), strings.Join(s.New.Files, ", "))
	if len(s.FieldCounts) > 0 {
		fields := sortedKeys(s.FieldCounts)
		sort.SliceStable(fields, func(i, j int) bool { return s.FieldCounts[fields[i]] > s.FieldCounts[fields[j]] })
		var fc []string
		for _, f := range fields {
			fc = append(fc, fmt.Sprintf("%s %d", f, s.FieldCounts[f]))
		}
		fmt.Fprintf(w, "  changed fields (entities): %s\n", strings.Join(fc, ", "))
	}
	show := func(n int) int {
		if limit == 0 || n < limit {
			return n
		}
		return limit
	}
	part := func(title string, n int) {
		if n == 0 {
			return
		}
		if show(n) < n {
			fmt.Fprintf(w, "  %s (the first %d of %d; --limit 0 for all):\n", title, show(n), n)
		} else {
			fmt.Fprintf(w, "  %s:\n", title)
		}
	}
	part("added", len(s.Added))
	for _, e := range s.Added[:show(len(s.Added))] {
		fmt.Fprintf(w, "    + %-20s %s  [%s]\n", e.ID, e.Name, e.Kind)
	}
	part("removed", len(s.Removed))
	for _, e := range s.Removed[:show(len(s.Removed))] {
		fmt.Fprintf(w, "    - %-20s %s  [%s]\n", e.ID, e.Name, e.Kind)
	}
	part("changed", len(s.Changed))
	for _, c := range s.Changed[:show(len(s.Changed))] {
		fmt.Fprintf(w, "    ~ %-20s %s\n", c.ID, c.Name)
		for _, f := range c.Changes {
			var parts []string
			for _, a := range f.Added {
				parts = append(parts, "+ "+clip(a, 100))
			}
			for _, r := range f.Removed {
				parts = append(parts, "- "+clip(r, 100))
			}
			if f.Old != "" || f.New != "" {
				parts = append(parts, fmt.Sprintf("%q → %q", clip(f.Old, 60), clip(f.New, 60)))
			}
			fmt.Fprintf(w, "        %s: %s\n", f.Field, strings.Join(parts, "; "))
		}
	}
}

func dashed(s string) string {
	if s == "" {
		return "(no date)"
	}
	return s
}
