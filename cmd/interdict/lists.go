package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source"
)

// listReport is the JSON form of one source in `interdict lists --json`.
type listReport struct {
	Source    string             `json:"source"`
	Format    string             `json:"format"`
	Published string             `json:"published"`
	Coverage  interdict.Coverage `json:"coverage"`
	Files     []string           `json:"files"`
	Stats     interdict.Stats    `json:"stats"`
	Rejects   []interdict.Reject `json:"rejects,omitempty"`
	Notes     []string           `json:"notes,omitempty"`
	Earlier   []versionReport    `json:"earlier,omitempty"`
}

type versionReport struct {
	Published string   `json:"published"`
	Files     []string `json:"files"`
	Entities  int      `json:"entities"`
}

func (m *Main) runLists(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("lists", &d)
	asJSON := fs.Bool("json", false, "print the load report as JSON")
	allRejects := fs.Bool("rejects", false, "print every rejected record (default: the first 5 per source)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	cat := m.load(ctx, &d)
	if cat == nil {
		return exitError
	}
	if *asJSON {
		out := struct {
			Lists    []listReport     `json:"lists"`
			Skipped  []source.Skip    `json:"skipped,omitempty"`
			Failures []source.Failure `json:"failures,omitempty"`
			TookMS   int64            `json:"took_ms"`
		}{Skipped: cat.Skipped, Failures: cat.Failures, TookMS: cat.Took.Milliseconds()}
		for _, l := range cat.Lists {
			r := listReport{Source: l.Source, Format: l.Live.Format, Published: l.Live.Published, Coverage: l.Live.Coverage,
				Files: l.Live.Files, Stats: l.Live.Stats(), Rejects: l.Live.Rejects, Notes: append(append([]string{}, l.Live.Notes...), l.Notes...)}
			for _, e := range l.Earlier {
				r.Earlier = append(r.Earlier, versionReport{Published: e.Published, Files: e.Files, Entities: len(e.Entities)})
			}
			out.Lists = append(out.Lists, r)
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
		return exitOK
	}

	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\tpublished\tcoverage\tentities\tperson\torg\tvessel\taircraft\tunknown\tnames\tidentifiers\tlinks\trejects\t")
	var total interdict.Stats
	for _, l := range cat.Lists {
		s := l.Live.Stats()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", l.Source, l.Live.Published, l.Live.Coverage, s.Entities,
			s.ByKind[interdict.KindPerson], s.ByKind[interdict.KindOrganization], s.ByKind[interdict.KindVessel],
			s.ByKind[interdict.KindAircraft], s.ByKind[interdict.KindUnknown], s.Names, s.Identifiers, s.Links, s.Rejects)
		total.Entities += s.Entities
		total.Names += s.Names
		total.Identifiers += s.Identifiers
		total.Links += s.Links
		total.Rejects += s.Rejects
	}
	fmt.Fprintf(tw, "total\t\t\t%d\t\t\t\t\t\t%d\t%d\t%d\t%d\t\n", total.Entities, total.Names, total.Identifiers, total.Links, total.Rejects)
	tw.Flush()

	for _, l := range cat.Lists {
		fmt.Fprintf(m.Stdout, "\n%s: %s, %s (%s)\n", l.Source, l.Live.Format, strings.Join(l.Live.Files, ", "), plural(l.Live.Records, "record", "records"))
		for _, n := range append(append([]string{}, l.Live.Notes...), l.Notes...) {
			fmt.Fprintf(m.Stdout, "  note: %s\n", n)
		}
		for _, e := range l.Earlier {
			fmt.Fprintf(m.Stdout, "  other version: %s %s (%s)\n", e.Published, strings.Join(e.Files, ", "), plural(len(e.Entities), "entity", "entities"))
		}
		for i, r := range l.Live.Rejects {
			if i == 5 && !*allRejects {
				fmt.Fprintf(m.Stdout, "  … %d more rejects (--rejects shows all)\n", len(l.Live.Rejects)-5)
				break
			}
			fmt.Fprintf(m.Stdout, "  reject: %s\n", r.Error())
		}
	}
	if len(cat.Failures) > 0 {
		fmt.Fprintln(m.Stdout, "\nnot loaded:")
		for _, f := range cat.Failures {
			fmt.Fprintf(m.Stdout, "  %s: %s\n", strings.Join(f.Files, ", "), f.Err)
		}
	}
	if len(cat.Skipped) > 0 {
		fmt.Fprintln(m.Stdout, "\nskipped (not lists):")
		for _, s := range cat.Skipped {
			fmt.Fprintf(m.Stdout, "  %s: %s\n", s.File, s.Reason)
		}
	}
	fmt.Fprintf(m.Stdout, "\nloaded %s from %s in %s\n", plural(len(cat.Lists), "source", "sources"), cat.Root, cat.Took.Round(1e6))
	return exitOK
}
