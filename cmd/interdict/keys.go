package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const keysUsage = `usage:
  interdict keys create --name NAME --role screener|analyst|admin [--rate N]
  interdict keys list [--json]
  interdict keys revoke ID

The keys live in STATE/interdict.db (--state DIR or $INTERDICT_STATE), or
in the PostgreSQL database --db URL names (or $INTERDICT_DB).
create prints the key's id, name and role, and on its last line the
secret alone: it is shown once and stored only as a hash.`

func (m *Main) runKeys(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, keysUsage)
		return exitUsage
	}
	switch args[0] {
	case "create":
		return m.keysCreate(ctx, args[1:])
	case "list":
		return m.keysList(ctx, args[1:])
	case "revoke":
		return m.keysRevoke(ctx, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stdout, keysUsage)
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "interdict keys: unknown subcommand %q\n\n%s\n", args[0], keysUsage)
	return exitUsage
}

func (m *Main) keysCreate(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("keys create", &d)
	dbURL := m.dbFlag(fs)
	name := fs.String("name", "", "what the key is for (a person, a system); shown in the audit trail")
	role := fs.String("role", "", "screener (screens), analyst (also reads entities and the audit trail) or admin (also manages keys and lists)")
	rate := fs.Int("rate", 0, "requests per minute for this key (0: the server's default)")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict keys create: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	if err := store.CheckKey(*name, interdict.Role(*role)); err != nil {
		fmt.Fprintf(m.Stderr, "interdict keys create: --name and --role (screener, analyst or admin) are required: %v\n", err)
		return exitUsage
	}
	if *rate < 0 {
		fmt.Fprintf(m.Stderr, "interdict keys create: --rate %d: must be 0 (the server default) or more\n", *rate)
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	k, secret, err := db.CreateKey(ctx, *name, interdict.Role(*role))
	if err == nil && *rate > 0 {
		// Before the secret is printed: a key whose rate could not be
		// set is never handed out (it stays listed, without a secret
		// anyone knows; revoke it).
		err = db.SetKeyRate(ctx, k.ID, *rate)
		k.RatePerMinute = *rate
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict keys create: %v\n", err)
		return m.closeDB(db, exitError)
	}
	fmt.Fprintf(m.Stdout, "id:      %s\nname:    %s\nrole:    %s\nrate:    %s\ncreated: %s\n",
		k.ID, k.Name, k.Role, rateText(k.RatePerMinute), k.Created.Format(time.RFC3339))
	fmt.Fprintln(m.Stderr, "The secret below is shown once and stored only as a hash; send it as `Authorization: Bearer SECRET`.")
	fmt.Fprintln(m.Stdout, secret)
	return m.closeDB(db, exitOK)
}

func rateText(perMinute int) string {
	if perMinute == 0 {
		return "server default"
	}
	return strconv.Itoa(perMinute) + "/min"
}

func (m *Main) keysList(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("keys list", &d)
	dbURL := m.dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the keys as a JSON array")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict keys list: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	keys, err := db.ListKeys(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict keys list: %v\n", err)
		return m.closeDB(db, exitError)
	}
	if *asJSON {
		if keys == nil {
			keys = []interdict.APIKey{}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(keys); err != nil {
			fmt.Fprintf(m.Stderr, "interdict keys list: %v\n", err)
			return m.closeDB(db, exitError)
		}
		return m.closeDB(db, exitOK)
	}
	if len(keys) == 0 {
		fmt.Fprintln(m.Stderr, "No keys yet: create one with `interdict keys create --name NAME --role admin`.")
		return m.closeDB(db, exitOK)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLE\tRATE\tCREATED\tSTATUS")
	for _, k := range keys {
		status := "active"
		if k.Revoked != nil {
			status = "revoked " + k.Revoked.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, rateText(k.RatePerMinute), k.Created.Format(time.RFC3339), status)
	}
	tw.Flush()
	return m.closeDB(db, exitOK)
}

func (m *Main) keysRevoke(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("keys revoke", &d)
	dbURL := m.dbFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(m.Stderr, "usage: interdict keys revoke ID   (an id from `interdict keys list`, such as k_3mfq7xw2ab)")
		return exitUsage
	}
	id := pos[0]
	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	switch err := db.RevokeKey(ctx, id); {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(m.Stderr, "interdict keys revoke: no key %q (see `interdict keys list`)\n", id)
		return m.closeDB(db, exitError)
	case errors.Is(err, store.ErrRevoked):
		// Revoking is idempotent for a script: the key is revoked, as
		// asked; the first revocation time stands.
		fmt.Fprintf(m.Stdout, "%s was already revoked\n", id)
		return m.closeDB(db, exitOK)
	case err != nil:
		fmt.Fprintf(m.Stderr, "interdict keys revoke: %v\n", err)
		return m.closeDB(db, exitError)
	}
	fmt.Fprintf(m.Stdout, "revoked %s\n", id)
	return m.closeDB(db, exitOK)
}
