package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/monitor"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

const monitorUsage = `usage:
  interdict monitor add --id ID --name NAME [--alias NAME]… [--kind K] [--dob YYYY-MM-DD] [--country C]…
  interdict monitor import FILE      (CSV with a header id,name[,aliases,kind,birth_date,country], or JSON lines)
  interdict monitor list [--limit N] [--json]

add and import store the parties, screen them against the lists (--data DIR or the
fetched lists) and open alerts for their hits; a running server re-screens them on
every list change. Every command takes --state DIR or --db URL.`

func (m *Main) runMonitor(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, monitorUsage)
		return exitUsage
	}
	switch args[0] {
	case "add":
		return m.monitorAdd(ctx, args[1:])
	case "import":
		return m.monitorImport(ctx, args[1:])
	case "list":
		return m.monitorList(ctx, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stdout, monitorUsage)
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "interdict monitor: unknown subcommand %q\n\n%s\n", args[0], monitorUsage)
	return exitUsage
}

type multi []string

func (s *multi) String() string     { return strings.Join(*s, ",") }
func (s *multi) Set(v string) error { *s = append(*s, v); return nil }

func (m *Main) monitorAdd(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("monitor add", &d)
	dbURL := m.dbFlag(fs)
	id := fs.String("id", "", "your reference for the party (a customer number)")
	name := fs.String("name", "", "the party's name")
	var aliases, countries multi
	fs.Var(&aliases, "alias", "another name (repeatable)")
	fs.Var(&countries, "country", "a country, name or ISO code (repeatable)")
	kind := fs.String("kind", "", "person, organization, vessel or aircraft")
	dob := fs.String("dob", "", "date of birth, YYYY[-MM[-DD]]")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict monitor add: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	p := interdict.MonitoredParty{ID: *id, Query: interdict.Query{Names: append([]string{*name}, aliases...)}}
	if *name == "" {
		p.Query.Names = aliases
	}
	if *kind != "" {
		k, ok := interdict.ParseKind(*kind)
		if !ok {
			fmt.Fprintf(m.Stderr, "interdict monitor add: --kind %q: want person, organization, vessel or aircraft\n", *kind)
			return exitUsage
		}
		p.Query.Kind = k
	}
	if *dob != "" {
		dt, err := interdict.ParseISODate(*dob)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict monitor add: --dob: %v\n", err)
			return exitUsage
		}
		p.Query.BirthDates = []interdict.Date{dt}
	}
	for _, c := range countries {
		code, ok := country.Code(c)
		if !ok {
			fmt.Fprintf(m.Stderr, "interdict monitor add: --country %q: not a country name or ISO code\n", c)
			return exitUsage
		}
		p.Query.Countries = append(p.Query.Countries, code)
	}
	if err := store.CheckMonitored(&p); err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor add: --id and --name are required: %v\n", err)
		return exitUsage
	}
	if err := screen.Validate(&p.Query); err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor add: %v\n", err)
		return exitUsage
	}
	return m.register(ctx, &d, *dbURL, "add", []interdict.MonitoredParty{p}, nil)
}

func (m *Main) monitorImport(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("monitor import", &d)
	dbURL := m.dbFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(m.Stderr, "interdict monitor import: want one FILE (CSV or JSON lines)")
		return exitUsage
	}
	f, err := os.Open(pos[0])
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor import: %v\n", err)
		return exitError
	}
	book, err := monitor.ReadBook(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor import: %s: %v\n", pos[0], err)
		return exitError
	}
	for _, r := range book.Rejects {
		fmt.Fprintf(m.Stderr, "%s:%d: rejected: %s\n", pos[0], r.Line, r.Reason)
	}
	if len(book.Parties) == 0 {
		fmt.Fprintf(m.Stderr, "interdict monitor import: %s: no party could be read (%s rejected)\n", pos[0], plural(len(book.Rejects), "line", "lines"))
		return exitError
	}
	return m.register(ctx, &d, *dbURL, "import", book.Parties, book.Rejects)
}

// register stores and screens parties and prints what it did.
func (m *Main) register(ctx context.Context, d *dirs, dbURL, cmd string, ps []interdict.MonitoredParty, rejects []monitor.Reject) int {
	cat := m.load(ctx, d)
	if cat == nil {
		return exitError
	}
	snap := dataset.Build(cat, time.Now())
	db, ok := m.openDB(ctx, d, dbURL)
	if !ok {
		return exitError
	}
	mon := &monitor.Monitor{Store: db, Cases: &cases.Service{Store: db}}
	res, err := mon.Register(ctx, snap, ps, cases.Actor{KeyID: "cli", Name: "cli"})
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor %s: %v\n", cmd, err)
		return m.closeDB(db, exitError)
	}
	fmt.Fprintf(m.Stdout, "%s (%d new, %d changed) screened against %s: %s, %s opened",
		plural(res.Parties, "party", "parties"), res.Added, res.Changed, res.Snapshot, plural(res.Hits, "hit", "hits"), plural(res.Opened, "alert", "alerts"))
	if len(rejects) > 0 {
		fmt.Fprintf(m.Stdout, "; %s rejected", plural(len(rejects), "line", "lines"))
	}
	fmt.Fprintln(m.Stdout)
	for _, id := range res.OpenedAlerts {
		fmt.Fprintf(m.Stdout, "alert %d\n", id)
	}
	code := exitOK
	if len(rejects) > 0 {
		code = exitError
	}
	return m.closeDB(db, code)
}

func (m *Main) monitorList(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("monitor list", &d)
	dbURL := m.dbFlag(fs)
	limit := fs.Int("limit", 0, "at most this many (0: all)")
	asJSON := fs.Bool("json", false, "one JSON party per line")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict monitor list: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	ps, err := db.ListMonitored(ctx, "", max(*limit, 0))
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict monitor list: %v\n", err)
		return m.closeDB(db, exitError)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		for _, p := range ps {
			enc.Encode(p)
		}
		return m.closeDB(db, exitOK)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAMES\tSCREENED\tSNAPSHOT\tNEAREST")
	for _, p := range ps {
		screened := "never"
		if !p.Screened.IsZero() {
			screened = p.Screened.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.3f\n", p.ID, strings.Join(p.Query.Names, "; "), screened, p.Snapshot, p.Nearest)
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%s\n", plural(len(ps), "party", "parties"))
	return m.closeDB(db, exitOK)
}
