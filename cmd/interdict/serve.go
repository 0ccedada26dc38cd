package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/interdict/interdict/server"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

// runServe runs the HTTP service until the process is interrupted:
//
//	interdict serve [--addr 127.0.0.1:8080] [--data DIR] [--state DIR]
//	                [--fetch-timeout D] [--max-batch N] [--rate R]
//	                [--timeout D] [--sync normal|full]
//	                [--db postgres://…] [--version-poll D]
//
// It listens at once (GET /healthz answers 503 until the lists are
// loaded), keeps its database in STATE/interdict.db, and on first start
// without --data and with nothing fetched, fetches the official lists.
// --sync is the audit trail's durability (see sqlite.Sync): normal keeps
// every answered decision through a crash of the process, full through a
// power cut too, at one fsync per commit.
//
// --db (or $INTERDICT_DB) puts the store in PostgreSQL instead, shared by
// several instances: each records the list version it serves there, and
// the others follow within seconds (LISTEN/NOTIFY, and a poll every
// --version-poll in case a notification is lost). The instances must
// see the same list files: one shared --data, or one shared --state.
func (m *Main) runServe(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("serve", &d)
	addr := fs.String("addr", server.DefaultAddr, "listen on this address (host:port; port 0 picks a free one)")
	fetchTimeout := fs.Duration("fetch-timeout", server.DefaultFetchTimeout, "give up on one list download after this long")
	maxBatch := fs.Int("max-batch", server.DefaultMaxBatch, "at most this many queries in one POST /v1/screen/batch")
	rate := fs.Float64("rate", server.DefaultRate, "requests per second per API key (a key's own rate overrides it; 0: no limit)")
	timeout := fs.Duration("timeout", server.DefaultRequestTimeout, "give up on one request after this long")
	syncMode := fs.String("sync", string(sqlite.SyncNormal), "audit durability: normal (survives a process crash) or full (also a power cut; an fsync per commit)")
	dbURL := m.dbFlag(fs)
	fourEyes := fs.Bool("four-eyes", false, "a second analyst must approve every decision on an alert")
	versionPoll := fs.Duration("version-poll", server.DefaultVersionPoll, "with --db: also read the newest list version this often, in case a notification was lost (0: only notifications)")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict serve: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	if *maxBatch < 1 || *rate < 0 || *fetchTimeout <= 0 || *timeout <= 0 {
		fmt.Fprintln(m.Stderr, "interdict serve: --max-batch must be at least 1, --rate at least 0, and the timeouts positive")
		return exitUsage
	}
	if s := sqlite.Sync(*syncMode); s != sqlite.SyncNormal && s != sqlite.SyncFull {
		fmt.Fprintf(m.Stderr, "interdict serve: --sync %q: want normal or full\n", *syncMode)
		return exitUsage
	}
	if err := checkDB(*dbURL); err != nil {
		fmt.Fprintf(m.Stderr, "interdict serve: %v\n", err)
		return exitUsage
	}
	if *dbURL != "" && sqlite.Sync(*syncMode) == sqlite.SyncFull {
		fmt.Fprintln(m.Stderr, "interdict serve: --sync is SQLite's; with --db every commit waits for PostgreSQL's WAL flush (synchronous_commit, which must not be off)")
	}
	poll := *versionPoll
	if poll <= 0 {
		poll = -1 // server.Config: negative is never
	}
	state := d.stateDir(m.Getenv)
	dbPath := dbName(*dbURL, state)
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv := server.New(server.Config{
		Addr:           *addr,
		DataDir:        d.data,
		StateDir:       state,
		FetchTimeout:   *fetchTimeout,
		Fetcher:        m.Fetcher,
		MaxBatch:       *maxBatch,
		Rate:           *rate,
		RequestTimeout: *timeout,
		OpenStore: func(ctx context.Context) (store.Store, error) {
			return openStore(ctx, *dbURL, state, sqlite.Sync(*syncMode))
		},
		VersionPoll: poll,
		Logger:      log,
		FourEyes:    *fourEyes,
	})
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(m.Stderr, "interdict serve: %v\n", err)
		return exitError
	}
	from := "the lists fetched into " + state
	if d.data != "" {
		from = d.data
	}
	log.Info("listening", "url", "http://"+srv.Addr(), "lists", from, "database", dbPath, "sync", *syncMode)
	<-ctx.Done()
	start := time.Now()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(m.Stderr, "interdict serve: closing: %v\n", err)
		return exitError
	}
	log.Info("stopped", "took", time.Since(start).Round(time.Millisecond))
	return exitOK
}
