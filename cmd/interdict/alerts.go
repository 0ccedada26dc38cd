package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/store"
)

const alertsUsage = `usage:
  interdict alerts list [--status active|open|pending-confirm|pending-dismiss|confirmed|dismissed|all] [--party ID] [--entity ID] [--limit N] [--json]
  interdict alerts show ID [--json]
  interdict alerts decide ID --action confirm|dismiss|approve|reject --reason TEXT --analyst NAME [--four-eyes] [--version N]

Alerts open when a monitored party (interdict monitor, POST /v1/monitored) hits a
listed entity at or above the threshold. A decision from the command line is
recorded under "cli:NAME"; with --four-eyes, confirm and dismiss only propose,
and another analyst approves. Every command takes --state DIR or --db URL.`

func (m *Main) runAlerts(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, alertsUsage)
		return exitUsage
	}
	switch args[0] {
	case "list":
		return m.alertsList(ctx, args[1:])
	case "show":
		return m.alertsShow(ctx, args[1:])
	case "decide":
		return m.alertsDecide(ctx, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stdout, alertsUsage)
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "interdict alerts: unknown subcommand %q\n\n%s\n", args[0], alertsUsage)
	return exitUsage
}

func (m *Main) alertsList(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("alerts list", &d)
	dbURL := m.dbFlag(fs)
	state := fs.String("status", "active", "active (open and pending), a state, or all")
	party := fs.String("party", "", "only this party's alerts")
	entity := fs.String("entity", "", "only alerts on this listed entity")
	limit := fs.Int("limit", 100, "at most this many (0: all)")
	asJSON := fs.Bool("json", false, "one JSON alert per line")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict alerts list: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	f := interdict.AlertFilter{Party: *party, EntityID: *entity, Limit: max(*limit, 0)}
	switch {
	case *state == "active":
		f.States = cases.Active
	case *state == "all":
	case interdict.AlertState(*state).Valid():
		f.States = []interdict.AlertState{interdict.AlertState(*state)}
	default:
		fmt.Fprintf(m.Stderr, "interdict alerts list: --status %q: want active, all, open, pending-confirm, pending-dismiss, confirmed or dismissed\n", *state)
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	as, err := db.ListAlerts(ctx, f)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict alerts list: %v\n", err)
		return m.closeDB(db, exitError)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		for _, a := range as {
			enc.Encode(a)
		}
		return m.closeDB(db, exitOK)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tPARTY\tENTITY\tNAME\tSCORE\tOPENED")
	for _, a := range as {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.3f\t%s\n", a.ID, a.State, a.Party, a.EntityID, a.EntityName, a.Score, a.Opened.Format(time.RFC3339))
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%s\n", plural(len(as), "alert", "alerts"))
	return m.closeDB(db, exitOK)
}

func alertArg(m *Main, cmd string, pos []string) (int64, bool) {
	if len(pos) != 1 {
		fmt.Fprintf(m.Stderr, "interdict alerts %s: want one alert id\n", cmd)
		return 0, false
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(m.Stderr, "interdict alerts %s: %q is not an alert id\n", cmd, pos[0])
		return 0, false
	}
	return id, true
}

func (m *Main) alertsShow(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("alerts show", &d)
	dbURL := m.dbFlag(fs)
	asJSON := fs.Bool("json", false, "the alert and its history as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	id, ok := alertArg(m, "show", pos)
	if !ok {
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	a, evs, err := db.GetAlert(ctx, id)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict alerts show: %v\n", err)
		return m.closeDB(db, exitError)
	}
	if *asJSON {
		json.NewEncoder(m.Stdout).Encode(map[string]any{"alert": a, "history": evs})
		return m.closeDB(db, exitOK)
	}
	fmt.Fprintf(m.Stdout, "alert %d: %s (version %d)\nparty:    %s (%s)\nentity:   %s %s (%s)\nscore:    %.3f against %q, snapshot %s\nopened:   %s by %s\nhistory:\n",
		a.ID, a.State, a.Version, a.Party, strings.Join(a.Query.Names, "; "), a.EntityID, a.EntityName, a.Source, a.Score, a.MatchedName, a.Snapshot,
		a.Opened.Format(time.RFC3339), a.Origin)
	for _, e := range evs {
		fmt.Fprintf(m.Stdout, "  %s  %-15s → %-16s %s", e.At.Format(time.RFC3339), e.Kind, e.State, e.Actor)
		if e.Reason != "" {
			fmt.Fprintf(m.Stdout, ": %s", e.Reason)
		}
		fmt.Fprintln(m.Stdout)
	}
	return m.closeDB(db, exitOK)
}

func (m *Main) alertsDecide(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("alerts decide", &d)
	dbURL := m.dbFlag(fs)
	action := fs.String("action", "", "confirm (a true match), dismiss (a false positive), approve or reject (the second analyst, with --four-eyes)")
	reason := fs.String("reason", "", "why; kept in the case history (required but for approve)")
	analyst := fs.String("analyst", "", "who decides; recorded as cli:NAME")
	fourEyes := fs.Bool("four-eyes", false, "confirm and dismiss only propose; another analyst approves")
	version := fs.Int64("version", 0, "the alert version you decided on (refused if it moved on)")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	id, ok := alertArg(m, "decide", pos)
	if !ok {
		return exitUsage
	}
	if strings.TrimSpace(*analyst) == "" {
		fmt.Fprintln(m.Stderr, "interdict alerts decide: --analyst NAME is required: the history says who decided")
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	svc := &cases.Service{Store: db, FourEyes: *fourEyes}
	by := cases.Actor{KeyID: "cli:" + *analyst, Name: *analyst}
	a, err := svc.Decide(ctx, id, by, cases.Decision{Action: *action, Reason: *reason, Version: *version})
	switch {
	case errors.Is(err, cases.ErrBadDecision):
		fmt.Fprintf(m.Stderr, "interdict alerts decide: %v\n", err)
		return m.closeDB(db, exitUsage)
	case errors.Is(err, store.ErrConflict):
		fmt.Fprintf(m.Stderr, "interdict alerts decide: alert %d changed since version %d; read it again (interdict alerts show %d)\n", id, *version, id)
		return m.closeDB(db, exitError)
	case err != nil:
		fmt.Fprintf(m.Stderr, "interdict alerts decide: %v\n", err)
		return m.closeDB(db, exitError)
	}
	fmt.Fprintf(m.Stdout, "alert %d: %s (version %d)\n", a.ID, a.State, a.Version)
	return m.closeDB(db, exitOK)
}
