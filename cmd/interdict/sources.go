package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/source"
)

// writeSources prints every list that holds the party e is, with the rule
// and evidence that put each record with it (resolve, around e only).
func writeSources(ctx context.Context, w io.Writer, cat *source.Catalog, e *interdict.Entity) {
	ents := cat.Entities()
	seed := -1
	for i, x := range ents {
		if x == e {
			seed = i
			break
		}
	}
	if seed < 0 {
		return
	}
	cs, err := resolve.Resolve(ctx, index.Build(ents), resolve.Options{Only: []int{seed}})
	if err != nil {
		fmt.Fprintf(w, "  sources: not resolved (%v)\n", err)
		return
	}
	cl := cs.Of(e.ID)
	if cl == nil || len(cl.Members) < 2 {
		fmt.Fprintf(w, "  sources: %s only (no record of another loaded list is this party)\n", e.Source)
		return
	}
	fmt.Fprintf(w, "  sources (%d records of %s are this party):\n", len(cl.Members), plural(len(cl.Sources()), "list", "lists"))
	for _, x := range cl.Members {
		why := "(this record)"
		if x != e {
			why = joinedBy(cl, x.ID)
		}
		progs := ""
		if len(x.Programs) > 0 {
			progs = "  [" + clip(strings.Join(x.Programs, ", "), 40) + "]"
		}
		fmt.Fprintf(w, "    %-9s %-22s %s%s\n", x.Source, x.ID, clip(x.PrimaryName(), 50), progs)
		fmt.Fprintf(w, "              %s\n", clip(why, 160))
	}
}

// joinedBy says which decision tied id to its cluster.
func joinedBy(cl *resolve.Cluster, id string) string {
	for _, d := range cl.Decisions {
		if d.Joined && (d.A == id || d.B == id) {
			other := d.A
			if other == id {
				other = d.B
			}
			return fmt.Sprintf("%s with %s: %s", d.Rule, other, d.Evidence)
		}
	}
	return ""
}
