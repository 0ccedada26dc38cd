// Command interdict screens parties against the sanctions and export
// control lists of several allied governments.
//
//	interdict fetch  [--state DIR] [SOURCE...]   download the official lists
//	interdict lists  [--data DIR] [--json]       what is loaded, per source
//	interdict show ID [--data DIR] [--json]      one entity, every field
//	interdict screen NAME [--kind K] [--dob D] [--country C] [--json]
//	interdict compare NAME1 NAME2 | --pairs FILE.csv [--out FILE]
//	interdict batch --in FILE.jsonl --out FILE.jsonl [--map name=query]
//	interdict scan FILE|- [--json] [--min-score X] [--source S]
//
// Every subcommand reads lists from --data DIR (or $INTERDICT_DATA), a
// read-only directory of list files recognised by content; without it,
// from the lists fetched into --state DIR (or $INTERDICT_STATE, default
// the user's state directory).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/interdict/interdict/source"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the whole program, with its outside world injected so that tests
// run it in-process.
type Main struct {
	// Stdin is read by `--in -` and `--pairs -` (nil: os.Stdin).
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Fetcher, when set, replaces the default fetcher (tests point it at
	// a local server).
	Fetcher *source.Fetcher
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

var commands = []struct {
	name, usage string
	run         func(m *Main, ctx context.Context, args []string) int
}{
	{"fetch", "download the official lists into the state directory", (*Main).runFetch},
	{"lists", "load the lists and report what each source holds", (*Main).runLists},
	{"show", "show one entity, every field", (*Main).runShow},
	{"graph", "the network of a party: linked, owning, owned, sharing an identifier or address", (*Main).runGraph},
	{"path", "the shortest paths between two parties in the network", (*Main).runPath},
	{"exposure", "every listed entity near a party, with the path to it; --edges adds your own", (*Main).runExposure},
	{"gaps", "which allies list each party and which do not (harmonisation gaps)", (*Main).runGaps},
	{"diff", "what changed between two versions of the lists, field by field", (*Main).runDiff},
	{"screen", "screen one party against the lists, with explanations", (*Main).runScreen},
	{"compare", "score two names against each other, or a CSV of pairs", (*Main).runCompare},
	{"batch", "screen a JSON-lines file of parties on every core", (*Main).runBatch},
	{"scan", "find listed parties named in a document (text, HTML, PDF, DOCX)", (*Main).runScan},
	{"shipment", "screen a shipment (parties, goods, route) or a batch of them; HTML/PDF report", (*Main).runShipment},
	{"serve", "serve the HTTP API, web UI and metrics, auditing every decision", (*Main).runServe},
	{"keys", "create, list and revoke API keys", (*Main).runKeys},
	{"audit", "export the audit trail of screening decisions as CSV", (*Main).runAudit},
	{"alerts", "the alert queue: list, show and decide cases (confirm, dismiss, approve, reject)", (*Main).runAlerts},
	{"monitor", "watch parties for new designations: add, import a customer book, list", (*Main).runMonitor},
}

// Run runs one subcommand and returns the process exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if m.Getenv == nil {
		m.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(m, ctx, args[1:])
		}
	}
	fmt.Fprintf(m.Stderr, "interdict: unknown command %q\n\n", args[0])
	m.usage(m.Stderr)
	return exitUsage
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "usage: interdict COMMAND [flags]")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command takes --data DIR (a directory of list files, also $INTERDICT_DATA)")
	fmt.Fprintln(w, "and --state DIR (where fetched lists and databases live, also $INTERDICT_STATE).")
}

// dirs are the flags every subcommand shares.
type dirs struct {
	data, state string
}

func (m *Main) flags(name string, d *dirs) *flag.FlagSet {
	fs := flag.NewFlagSet("interdict "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&d.data, "data", m.Getenv("INTERDICT_DATA"), "read lists from this directory (read-only; files recognised by content)")
	fs.StringVar(&d.state, "state", m.Getenv("INTERDICT_STATE"), "state directory for fetched lists and databases (default: the user's state directory)")
	return fs
}

// parse parses flags, allowing them before and after positional
// arguments ("show ID --json" as well as "show --json ID").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (d *dirs) stateDir(getenv func(string) string) string {
	if d.state != "" {
		return d.state
	}
	if x := getenv("XDG_STATE_HOME"); x != "" {
		return filepath.Join(x, "interdict")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state", "interdict")
	}
	return filepath.Join(os.TempDir(), "interdict-state")
}

// load loads the lists from --data, or else from the state directory. On
// failure it prints what is missing and how to get it, and returns nil.
func (m *Main) load(ctx context.Context, d *dirs) *source.Catalog {
	var cat *source.Catalog
	var err error
	from := d.data
	if d.data != "" {
		cat, err = source.Load(ctx, d.data)
	} else {
		from = d.stateDir(m.Getenv)
		cat, err = source.LoadState(ctx, from)
	}
	var none *source.ErrNoLists
	switch {
	case errors.As(err, &none):
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		if d.data == "" {
			fmt.Fprintf(m.Stderr, "No lists have been fetched into %s yet. Run `interdict fetch` to download the official lists\n(it needs network access), or point at a directory of list files with --data DIR or $INTERDICT_DATA.\n", from)
		} else {
			fmt.Fprintln(m.Stderr, "Point --data at a directory holding official list files (OFAC sdn.csv, UN consolidated.xml, EU FSF XML, UK ConList.xlsx, …), or run `interdict fetch` without --data.")
		}
		return nil
	case err != nil:
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		return nil
	}
	return cat
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
