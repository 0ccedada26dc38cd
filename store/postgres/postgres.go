// Package postgres is the store engine for several instances of
// `interdict serve` sharing one PostgreSQL database, through
// github.com/jackc/pgx/v5 and its connection pool.
//
// The schema is built by the SQL files in migrations/, embedded in the
// binary and applied in order, each in its own transaction with its
// schema_migrations row, under an advisory lock so that instances starting
// together do not race; a database migrated by a newer binary is refused
// rather than misread. Tables are created in the schema the connection's
// search_path names (public by default; a URL parameter
// ?search_path=NAME picks another, which is how the tests get a fresh
// schema each).
//
// Besides store.Store it implements store.ListVersions: list versions
// recorded in a table, announced with NOTIFY and heard with LISTEN on a
// connection of its own.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/interdict/interdict/store"
)

// DB is the PostgreSQL store. It is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool
	// schema is where the tables are (current_schema() of a connection).
	schema string
	// locks are the advisory lock keys of this schema (see lockKey).
	auditLock, versionLock, refreshLock int64

	// Now is the clock that dates key creation and revocation (tests set
	// it). Audit records bring their own time; list versions take the
	// database server's, one clock for every instance.
	Now func() time.Time
}

var (
	_ store.Store        = (*DB)(nil)
	_ store.ListVersions = (*DB)(nil)
)

// Open connects to the database at url (postgres://user:pass@host:port/db?…,
// or any form pgx accepts), checks that commits are durable and migrates
// the schema.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, fmt.Errorf("postgres: the database URL cannot be parsed (postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…)")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{pool: pool, Now: time.Now}
	if err := db.init(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", where(cfg), err)
	}
	return db, nil
}

// where names the server and database for error messages, without the
// password.
func where(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

func (db *DB) init(ctx context.Context) error {
	var schema *string
	var syncCommit string
	if err := db.pool.QueryRow(ctx, "SELECT current_schema(), current_setting('synchronous_commit')").Scan(&schema, &syncCommit); err != nil {
		return err
	}
	if schema == nil {
		return errors.New("the search_path names no existing schema")
	}
	// An answered screening decision must survive a crash of the
	// database server too: with synchronous_commit off, COMMIT returns
	// before the WAL is flushed.
	if syncCommit == "off" {
		return errors.New("synchronous_commit is off, so an acknowledged audit record could be lost in a crash: set it to on (or add ?synchronous_commit=on to the URL)")
	}
	db.schema = *schema
	db.auditLock = lockKey("audit", db.schema)
	db.versionLock = lockKey("list_versions", db.schema)
	db.refreshLock = lockKey("refresh", db.schema)
	return db.migrate(ctx)
}

// lockKey is the advisory lock key of one purpose in one schema. Advisory
// locks are database-wide, so the schema is part of the key: two schemas
// of one database (the tests) never wait on each other. 64 bits of FNV-1a
// leave a collision with another application's key to chance alone.
func lockKey(purpose, schema string) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "interdict:%s:%s", purpose, schema)
	return int64(h.Sum64())
}

// Schema returns the schema holding the tables.
func (db *DB) Schema() string { return db.schema }

// Close closes every connection. Close a store.Auditor writing to it
// first; a watch (WatchListVersions) ends with its own context.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Migrations.

//go:embed migrations/*.sql
var migrationFiles embed.FS

func (db *DB) migrate(ctx context.Context) error {
	return migrateFS(ctx, db.pool, db.schema, migrationFiles)
}

// migrateFS applies the migrations the schema has not had, each in its own
// transaction together with its schema_migrations row, so that a crash
// leaves the schema at one version or the next. The whole run holds a
// session advisory lock on a connection of its own: instances starting
// together take turns, and the later ones find the work done. The lock
// goes with the connection, so a process killed mid-migration leaves no
// lock behind (and its open transaction is rolled back by the server).
func migrateFS(ctx context.Context, pool *pgxpool.Pool, schema string, fsys fs.FS) error {
	ms, err := store.Migrations(fsys)
	if err != nil {
		return err
	}
	conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockKey("migrate", schema)); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	// Closing the connection releases the lock.
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer     PRIMARY KEY,
		name    text        NOT NULL,
		applied timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("database schema is at version %d, newer than this program's %d: use a newer interdict", have, len(ms))
	}
	for _, m := range ms[have:] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name)
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// SchemaVersion returns the number of migrations applied, and the number
// this program has.
func (db *DB) SchemaVersion(ctx context.Context) (have, want int, err error) {
	ms, err := store.Migrations(migrationFiles)
	if err != nil {
		return 0, 0, err
	}
	if err := db.pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return 0, 0, fmt.Errorf("postgres: schema_migrations: %w", err)
	}
	return have, len(ms), nil
}

// utc normalises a time read back: pgx returns timestamptz in the local
// zone.
func utc(t time.Time) time.Time { return t.UTC() }

// badText reports whether s cannot be stored in a text column:
// PostgreSQL text holds no NUL byte, nor invalid UTF-8 in a UTF8
// database.
func badText(s string) bool {
	return strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s)
}
