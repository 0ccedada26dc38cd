// Package sqlite is the embedded store engine: one SQLite database file
// under the state directory, through modernc.org/sqlite (SQLite compiled
// to Go, so the binary needs no cgo and no system library).
//
// The schema is built by the SQL files in migrations/, embedded in the
// binary and applied in order, each in its own transaction, and recorded
// in schema_migrations; a database migrated by a newer binary is refused
// rather than misread.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/interdict/interdict/store"
)

// DB is the SQLite store. It is safe for concurrent use.
type DB struct {
	path string
	// syncLevel is PRAGMA synchronous as Open set it (1 NORMAL, 2 FULL).
	syncLevel int
	// w is the one connection that writes. SQLite admits one writer at a
	// time; queueing writers in database/sql's pool is fairer and faster
	// than letting several connections poll the file lock under
	// busy_timeout. Its transactions BEGIN IMMEDIATE, taking the write
	// lock up front: a deferred transaction that reads and then writes can
	// fail with SQLITE_BUSY at once, without waiting, if another process
	// (`interdict keys create` beside a running server) wrote meanwhile.
	w *sql.DB
	// r are the readers: in WAL mode they read a consistent snapshot
	// beside the writer without blocking it or being blocked by it.
	r *sql.DB

	insertAudit *sql.Stmt // on w
	lookupKey   *sql.Stmt // on r

	// Now is the clock that dates key creation and revocation (tests set
	// it). Audit records bring their own time.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// busyTimeout is how long a statement waits for a lock held by another
// process (the CLI writing a key while the server writes the audit
// trail) before failing with SQLITE_BUSY. The server's own commits take
// milliseconds; seconds leave a wide margin for an fsync on a slow disk.
const busyTimeout = 10 * time.Second

// Sync says when a commit reaches the disk.
type Sync string

// Sync settings. SyncNormal (the default): a commit is written to the WAL
// before COMMIT returns and synced at checkpoints, so an acknowledged
// decision survives the process dying (kill -9, a crash, an OOM kill: the
// operating system still holds the write) but the last commits before a
// power cut or kernel crash can be lost. SyncFull fsyncs the WAL at every
// commit, surviving power loss too, at the price of one fsync per commit
// (0.2 to 3 ms measured on this project's machines, which caps a server
// with two requests in flight near 1,000 screenings/s).
const (
	SyncNormal Sync = "normal"
	SyncFull   Sync = "full"
)

// Options tune Open.
type Options struct {
	Sync Sync
}

// Open opens the database at path with the default options; see OpenWith.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith opens the database at path, creating it (and its directory,
// both private to the user: it holds who screened whom, and key hashes) if
// it does not exist, and migrates it to the current schema.
func OpenWith(ctx context.Context, path string, o Options) (*DB, error) {
	syncMode, syncLevel := "NORMAL", 1
	switch o.Sync {
	case "", SyncNormal:
	case SyncFull:
		syncMode, syncLevel = "FULL", 2
	default:
		return nil, fmt.Errorf("sqlite: sync %q: want normal or full", o.Sync)
	}
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		// A file is needed: the durability below is the point, and a URI
		// would bypass the settings.
		return nil, fmt.Errorf("sqlite: %q: need a file path", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// SQLite creates the -wal and -shm files with the database file's
	// permissions, so creating it 0600 here keeps all three private.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	f.Close()

	db := &DB{path: abs, Now: time.Now, syncLevel: syncLevel}
	// journal_mode=WAL: readers do not block the writer nor it them, and a
	// commit appends to one file instead of rewriting pages in place.
	//
	// synchronous: see Sync. Group commit (store.Auditor) lets many
	// requests share one commit either way.
	//
	// foreign_keys: off by default in SQLite, on here so that tables with
	// references (cases, monitored parties) are held to them.
	w := url.Values{}
	w.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	w.Set("_foreign_keys", "1")
	w.Set("_journal_mode", "WAL")
	w.Set("_synchronous", syncMode)
	w.Set("_txlock", "immediate")
	if db.w, err = sql.Open("sqlite", dsn(abs, w)); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(0)
	db.w.SetConnMaxLifetime(0)
	if err := db.init(ctx); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", abs, err)
	}

	r := url.Values{}
	r.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	r.Set("_query_only", "1")
	if db.r, err = sql.Open("sqlite", dsn(abs, r)); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.r.SetMaxOpenConns(n)
	db.r.SetMaxIdleConns(n)
	if err := db.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", abs, err)
	}
	return db, nil
}

// dsn spells a file: URI, so that a path holding '?' or '#' stays a path.
func dsn(path string, params url.Values) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	return "file:" + p + "?" + params.Encode()
}

// init checks that the settings took (journal_mode=WAL silently stays
// what it was on a file system without shared memory) and migrates.
func (db *DB) init(ctx context.Context) error {
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal_mode is %s, not wal", mode)
	}
	var sync int
	if err := db.w.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		return err
	}
	if sync != db.syncLevel {
		return fmt.Errorf("synchronous is %d, not %d", sync, db.syncLevel)
	}
	return db.migrate(ctx)
}

func (db *DB) prepare(ctx context.Context) error {
	var err error
	if db.insertAudit, err = db.w.PrepareContext(ctx, insertAuditSQL); err != nil {
		return err
	}
	if db.lookupKey, err = db.r.PrepareContext(ctx, lookupKeySQL); err != nil {
		return err
	}
	return nil
}

// Path returns the database file's absolute path.
func (db *DB) Path() string { return db.path }

// Close closes the database. Close a store.Auditor writing to it first.
func (db *DB) Close() error {
	var errs []error
	for _, s := range []*sql.Stmt{db.insertAudit, db.lookupKey} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		// Keeps the planner's statistics current at little cost, as
		// SQLite recommends before closing a connection.
		_, err := db.w.Exec("PRAGMA optimize")
		errs = append(errs, err, db.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// Migrations.

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrate applies the migrations the database has not had, each in its own
// transaction together with its schema_migrations row: a crash leaves the
// database at one version or the next, never between. Two processes
// opening a new database at once are serialised by BEGIN IMMEDIATE, and
// the second finds the work done.
func (db *DB) migrate(ctx context.Context) error {
	return migrateFS(ctx, db.w, migrationFiles)
}

func migrateFS(ctx context.Context, w *sql.DB, fsys fs.FS) error {
	ms, err := store.Migrations(fsys)
	if err != nil {
		return err
	}
	if _, err := w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT    NOT NULL,
		applied INTEGER NOT NULL -- unix nanoseconds
	) STRICT`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	var have int
	if err := w.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("database schema is at version %d, newer than this program's %d: use a newer interdict", have, len(ms))
	}
	for _, m := range ms {
		if err := apply(ctx, w, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, w *sql.DB, m store.Migration) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
		m.Version, m.Name, time.Now().UnixNano()); err != nil {
		return err
	}
	return tx.Commit()
}

// nanos and fromNanos are the one representation of time in the
// database: INTEGER unix nanoseconds, read back in UTC.
func nanos(t time.Time) int64 { return t.UnixNano() }

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }
