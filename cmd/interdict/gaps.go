package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/interdict/interdict/gaps"
	"github.com/interdict/interdict/resolve"
)

func (m *Main) runGaps(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("gaps", &d)
	allies := fs.String("allies", strings.Join(gaps.DefaultAllies, ","), "the allies to compare, comma-separated (us, uk, eu, un, ca, au, jp, ua)")
	program := fs.String("program", "", "only parties with a program or regime containing this (\"IRAN\", \"RUSSIA-EO14024\")")
	names := fs.String("names", "", "a CSV of names (columns name and optionally country, kind): who of them is designated where")
	format := fs.String("format", "table", "table, csv, html or json")
	limit := fs.Int("limit", 40, "party rows shown in a table (0: all); csv, html and json show all")
	stale := fs.Int("stale-days", int(gaps.DefaultStaleAfter.Hours()/24), "a list this many days older than the newest answers \"unknown\", not \"not listed\"")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict gaps [--allies us,uk,eu,un,ca,au,jp] [--program P] [--names FILE] [--format table|csv|html|json]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 0 {
		fs.Usage()
		return exitUsage
	}
	switch *format {
	case "table", "csv", "html", "json":
	default:
		fmt.Fprintf(m.Stderr, "interdict gaps: %v\n", &flagError{"format", *format, "want table, csv, html or json"})
		return exitUsage
	}
	if *limit < 0 || *stale < 1 {
		fmt.Fprintln(m.Stderr, "interdict gaps: --limit must be 0 or more and --stale-days 1 or more")
		return exitUsage
	}
	opt := gaps.Options{Program: *program, StaleAfter: time.Duration(*stale) * 24 * time.Hour}
	for _, a := range strings.Split(*allies, ",") {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			if _, ok := gaps.AllyByCode(a); !ok {
				fmt.Fprintf(m.Stderr, "interdict gaps: %v\n", &flagError{"allies", a, "not an ally Interdict knows (us, uk, eu, un, ca, au, jp, ua)"})
				return exitUsage
			}
			opt.Allies = append(opt.Allies, a)
		}
	}
	var nqs []gaps.NameQuery
	if *names != "" {
		f, err := os.Open(*names)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict gaps: %v\n", err)
			return exitUsage
		}
		nqs, err = gaps.ReadNames(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict gaps: %s: %v\n", *names, err)
			return exitUsage
		}
	}
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	start := time.Now()
	cs, err := resolve.Resolve(ctx, ld.snap.Index, resolve.Options{})
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict gaps: %v\n", err)
		return exitError
	}
	var rep *gaps.Report
	if *names != "" {
		rep, err = gaps.Names(ld.cat, cs, ld.screener, nqs, opt)
	} else {
		rep, err = gaps.Build(ld.cat, cs, opt)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict gaps: %v\n", err)
		return exitError
	}
	switch *format {
	case "json":
		return m.encodeJSON(rep)
	case "csv":
		err = rep.WriteCSV(m.Stdout)
	case "html":
		err = rep.WriteHTML(m.Stdout)
	default:
		err = rep.WriteText(m.Stdout, *limit)
		if err == nil {
			fmt.Fprintf(m.Stdout, "\n%d records resolved into %d parties (%d on several lists) in %v; snapshot %s\n",
				cs.Stats.Entities, cs.Stats.Clusters, cs.Stats.MultiSource, time.Since(start).Round(10*time.Millisecond), ld.snap.Version)
		}
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		return exitError
	}
	return exitOK
}
