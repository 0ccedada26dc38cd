package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/postgres"
	"github.com/interdict/interdict/store/sqlite"
)

// dbEnv is the environment variable --db defaults to. Not DATABASE_URL:
// a variable other software sets would silently move the audit trail.
const dbEnv = "INTERDICT_DB"

// dbFlag registers --db, the store of serve, keys and audit.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", m.Getenv(dbEnv), "a PostgreSQL database shared by several instances: postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=… (also $"+dbEnv+"); default: SQLite in STATE/interdict.db")
}

// checkDB validates a --db value before anything starts.
func checkDB(db string) error {
	if db == "" {
		return nil
	}
	u, err := url.Parse(db)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return fmt.Errorf("--db: want a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL (SQLite needs no --db: it lives in STATE/interdict.db)")
	}
	return nil
}

// dbName names the store for logs: the SQLite file, or the PostgreSQL
// URL without its password.
func dbName(db, state string) string {
	if db == "" {
		return filepath.Join(state, "interdict.db")
	}
	if u, err := url.Parse(db); err == nil {
		return u.Redacted()
	}
	return "postgres"
}

// openStore opens the store --db names, or SQLite in the state
// directory. sync applies to SQLite only: PostgreSQL commits are as
// durable as the server's synchronous_commit, which must not be off.
func openStore(ctx context.Context, db, state string, sync sqlite.Sync) (store.Store, error) {
	if db == "" {
		return sqlite.OpenWith(ctx, filepath.Join(state, "interdict.db"), sqlite.Options{Sync: sync})
	}
	if err := checkDB(db); err != nil {
		return nil, err
	}
	return postgres.Open(ctx, db)
}

// openDB opens the store of the keys and audit commands: the one a
// running `interdict serve` with the same --db and --state uses. The CLI
// and a running server may use it at once.
func (m *Main) openDB(ctx context.Context, d *dirs, db string) (store.Store, bool) {
	st, err := openStore(ctx, db, d.stateDir(m.Getenv), sqlite.SyncNormal)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict: %v\n", strings.TrimPrefix(err.Error(), "interdict: "))
		return nil, false
	}
	return st, true
}

func (m *Main) closeDB(st store.Store, code int) int {
	if err := st.Close(); err != nil {
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		return exitError
	}
	return code
}
