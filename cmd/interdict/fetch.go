package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/interdict/interdict/source"
)

func (m *Main) runFetch(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("fetch", &d)
	timeout := fs.Duration("timeout", 10*time.Minute, "give up on one download after this long")
	only, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	f := m.Fetcher
	if f == nil {
		f = &source.Fetcher{Client: &http.Client{Timeout: *timeout}}
	}
	if f.StateDir == "" {
		f.StateDir = d.stateDir(m.Getenv)
	}
	known := map[string]bool{}
	for _, r := range source.Remotes {
		known[r.Source] = true
	}
	if m.Fetcher == nil {
		for _, s := range only {
			if !known[s] {
				fmt.Fprintf(m.Stderr, "interdict fetch: unknown source %q (known: %v)\n", s, sortedKeys(known))
				return exitUsage
			}
		}
	}
	res, err := f.Fetch(ctx, only...)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict fetch: %v\n", err)
		return exitError
	}
	ok := 0
	for _, r := range res {
		switch r.Status {
		case "updated":
			ok++
			fmt.Fprintf(m.Stdout, "%-10s updated    %s, %d entities (published %s)\n", r.Source, r.Record.Dir, r.Record.Entities, r.Record.Published)
		case "unchanged":
			ok++
			fmt.Fprintf(m.Stdout, "%-10s unchanged  %d entities\n", r.Source, r.Record.Entities)
		default:
			keep := "no earlier version to keep"
			if r.Previous > 0 {
				keep = fmt.Sprintf("the previous version (%d entities) stays in service", r.Previous)
			}
			fmt.Fprintf(m.Stdout, "%-10s %-10s %s; %s\n", r.Source, r.Status, r.Err, keep)
		}
	}
	fmt.Fprintf(m.Stdout, "lists are in %s\n", f.StateDir)
	if ok == 0 && len(res) > 0 {
		fmt.Fprintln(m.Stderr, "interdict fetch: no list could be downloaded. Without network access, load lists from a directory with --data DIR.")
		return exitError
	}
	return exitOK
}
