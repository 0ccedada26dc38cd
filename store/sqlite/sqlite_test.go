package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/storetest"
)

func open(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "state", "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func closeDB(t testing.TB, db *DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestSettings checks what durability rests on: WAL, synchronous=NORMAL by
// default on the writer, foreign keys, a busy timeout, and files private to
// the user.
func TestSettings(t *testing.T) {
	db := open(t)
	defer closeDB(t, db)
	ctx := context.Background()
	for _, tc := range []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{db.w, "journal_mode", "wal"},
		{db.w, "synchronous", "1"},
		{db.w, "foreign_keys", "1"},
		{db.w, "busy_timeout", "10000"},
		{db.r, "busy_timeout", "10000"},
		{db.r, "query_only", "1"},
	} {
		var got string
		if err := tc.db.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
		}
	}
	full, err := OpenWith(ctx, filepath.Join(t.TempDir(), "full.db"), Options{Sync: SyncFull})
	if err != nil {
		t.Fatal(err)
	}
	var lvl string
	if err := full.w.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&lvl); err != nil || lvl != "2" {
		t.Errorf("SyncFull: synchronous = %s (%v), want 2", lvl, err)
	}
	full.Close()
	if _, err := OpenWith(ctx, filepath.Join(t.TempDir(), "x.db"), Options{Sync: "sometimes"}); err == nil {
		t.Error("an unknown sync setting was accepted")
	}
	if _, err := db.r.ExecContext(ctx, "DELETE FROM keys"); err == nil {
		t.Error("a reader connection could write")
	}
	appendRecs(t, db, 1) // creates the -wal file
	for _, suffix := range []string{"", "-wal"} {
		fi, err := os.Stat(db.Path() + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(db.Path()+suffix), fi.Mode().Perm())
		}
	}
	fi, err := os.Stat(filepath.Dir(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("state directory mode %v, want 0700", fi.Mode().Perm())
	}
}

func appendRecs(t testing.TB, db *DB, n int) []*interdict.AuditRecord {
	t.Helper()
	recs := make([]*interdict.AuditRecord, n)
	for i := range recs {
		recs[i] = &interdict.AuditRecord{
			At: time.Unix(1700000000, int64(i)).UTC(), KeyID: "k_test", User: fmt.Sprintf("u%d", i%5),
			Route: "/v1/search", Snapshot: "s", Query: interdict.Query{Names: []string{"John Smith"}}, Decision: "clear",
		}
	}
	if err := db.AppendAudit(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestNanoseconds: SQLite keeps times to the nanosecond (the suite asks
// only for microseconds), as unix nanoseconds; and key times come from
// the injected clock.
func TestNanoseconds(t *testing.T) {
	db := open(t)
	defer closeDB(t, db)
	ctx := context.Background()
	at := time.Date(2025, 1, 2, 3, 4, 5, 678901234, time.FixedZone("X", 7200))
	r := &interdict.AuditRecord{At: at, Decision: "clear"}
	if err := db.AppendAudit(ctx, []*interdict.AuditRecord{r}); err != nil {
		t.Fatal(err)
	}
	var raw int64
	if err := db.r.QueryRow("SELECT at FROM audit WHERE id = ?", r.ID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if raw != at.UnixNano() {
		t.Errorf("stored at = %d, want unix nanoseconds %d", raw, at.UnixNano())
	}
	got, err := db.ListAudit(ctx, interdict.AuditFilter{From: at, To: at.Add(1)})
	if err != nil || len(got) != 1 {
		t.Fatalf("ListAudit [at, at+1ns) = %v, %v", got, err)
	}
	if !got[0].At.Equal(at) || got[0].At.Location() != time.UTC {
		t.Errorf("at read back %v, want %v in UTC", got[0].At, at)
	}

	now := time.Date(2026, 2, 3, 4, 5, 6, 7, time.UTC)
	db.Now = func() time.Time { return now }
	k, secret, err := db.CreateKey(ctx, "clock", interdict.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if err := db.RevokeKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	got2, err := db.LookupKey(ctx, secret)
	if !errors.Is(err, store.ErrRevoked) || !got2.Created.Equal(k.Created) || !k.Created.Equal(now.Add(-time.Hour)) || !got2.Revoked.Equal(now) {
		t.Errorf("key times: %+v (revoked %v), %v", got2, got2.Revoked, err)
	}
}

// TestSecretNotStored looks for a secret in every byte SQLite wrote.
func TestSecretNotStored(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	_, secret, err := db.CreateKey(ctx, "s", interdict.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	var hash []byte
	if err := db.r.QueryRow("SELECT secret_sha256 FROM keys").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(hash, store.HashSecret(secret)) {
		t.Errorf("stored hash %x, want SHA-256 of the secret", hash)
	}
	path := db.Path()
	closeDB(t, db)
	tail := strings.TrimPrefix(secret, store.SecretPrefix)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(tail)) {
			t.Errorf("the secret is in %s", filepath.Base(path+suffix))
		}
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	path := db.Path()
	var n, v int
	if err := db.r.QueryRow("SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	ms, err := store.Migrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || v != len(ms) {
		t.Errorf("schema_migrations: %d rows up to version %d, want %d", n, v, len(ms))
	}
	appendRecs(t, db, 3)
	closeDB(t, db)

	// Reopening applies nothing and keeps the data.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := db.CountAudit(ctx); c != 3 {
		t.Errorf("%d records after reopening, want 3", c)
	}
	if _, err := db.w.Exec("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	closeDB(t, db)
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a database from a newer version: %v", err)
	}
}

// TestMigrationAtomic: a migration that fails halfway leaves nothing of
// itself, and the next start applies it whole once fixed.
func TestMigrationAtomic(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	w, err := sql.Open("sqlite", dsn(path, map[string][]string{"_txlock": {"immediate"}}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	one := &fstest.MapFile{Data: []byte("CREATE TABLE a (x INTEGER);")}
	bad := fstest.MapFS{
		"migrations/0001_a.sql": one,
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); INSERT INTO nosuch VALUES (1);")},
	}
	if err := migrateFS(ctx, w, bad); err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("failing migration: %v", err)
	}
	var v, b, a int
	if err := w.QueryRow("SELECT max(version) FROM schema_migrations").Scan(&v); err != nil || v != 1 {
		t.Errorf("version after a failed 0002: %d, %v", v, err)
	}
	if err := w.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'b'").Scan(&b); err != nil || b != 0 {
		t.Errorf("table b of the failed migration exists (%d, %v)", b, err)
	}
	if err := w.QueryRow("SELECT count(*) FROM a").Scan(&a); err != nil || a != 0 {
		t.Errorf("rows of the failed migration in a: %d, %v", a, err)
	}
	fixed := fstest.MapFS{
		"migrations/0001_a.sql": one,
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1);")},
	}
	if err := migrateFS(ctx, w, fixed); err != nil {
		t.Fatal(err)
	}
	if err := migrateFS(ctx, w, fixed); err != nil { // idempotent
		t.Fatal(err)
	}
	if err := w.QueryRow("SELECT count(*) FROM a").Scan(&a); err != nil || a != 1 {
		t.Errorf("0002 applied %d times, want once (%v)", a, err)
	}
}

// TestOpenConcurrently: two processes starting on a new database at once
// (two handles here) both migrate it without error, once.
func TestOpenConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x", "interdict.db")
	var wg sync.WaitGroup
	dbs := make([]*DB, 4)
	errs := make([]error, 4)
	for i := range dbs {
		wg.Go(func() { dbs[i], errs[i] = Open(context.Background(), path) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		defer closeDB(t, dbs[i])
	}
	var n int
	ms, _ := store.Migrations(migrationFiles)
	if err := dbs[0].r.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != len(ms) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(ms))
	}
}

// TestTwoHandles: a server and a CLI process write one file at once (the
// CLI creating keys while the server records); busy_timeout and BEGIN
// IMMEDIATE must turn that into waiting, never SQLITE_BUSY.
func TestTwoHandles(t *testing.T) {
	a := open(t)
	defer closeDB(t, a)
	b, err := Open(context.Background(), a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(t, b)
	ctx := context.Background()
	var wg sync.WaitGroup
	for _, db := range []*DB{a, b} {
		for range 3 {
			wg.Go(func() {
				for i := range 30 {
					r := &interdict.AuditRecord{At: time.Now(), Decision: "clear", User: fmt.Sprint(i)}
					if err := db.AppendAudit(ctx, []*interdict.AuditRecord{r}); err != nil {
						t.Errorf("AppendAudit: %v", err)
						return
					}
					if i%10 == 0 {
						if _, _, err := db.CreateKey(ctx, "k", interdict.RoleScreener); err != nil {
							t.Errorf("CreateKey: %v", err)
							return
						}
					}
				}
			})
		}
	}
	wg.Wait()
	if n, err := a.CountAudit(ctx); err != nil || n != 180 {
		t.Errorf("CountAudit = %d, %v; want 180", n, err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, p := range []string{"", ":memory:", "file:x.db?mode=memory"} {
		if db, err := Open(context.Background(), p); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
	// A regular file where the directory should be.
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(context.Background(), filepath.Join(f, "interdict.db")); err == nil {
		db.Close()
		t.Error("Open under a regular file succeeded")
	}
	// Not a database.
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(context.Background(), junk); err == nil {
		db.Close()
		t.Error("Open of a non-database succeeded")
	}
}

// TestOddPath: '?', '#' and '%' in a path stay part of it.
func TestOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a?b#c%20d")
	db, err := Open(context.Background(), filepath.Join(dir, "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	appendRecs(t, db, 1)
	closeDB(t, db)
	if _, err := os.Stat(filepath.Join(dir, "interdict.db")); err != nil {
		t.Errorf("database not at its path: %v", err)
	}
}

// TestQueryPlans: every shape of filter reads in id order from the table
// or an index, without sorting the matching rows (which would make each
// page cost as much as the whole range).
func TestQueryPlans(t *testing.T) {
	db := open(t)
	defer closeDB(t, db)
	recs := appendRecs(t, db, 200)
	if _, err := db.w.Exec("ANALYZE"); err != nil { // as PRAGMA optimize will have done
		t.Fatal(err)
	}
	from := recs[50].At
	to := recs[150].At
	for _, f := range []interdict.AuditFilter{
		{Limit: 10},
		{AfterID: 5, Limit: 10},
		{From: from, Limit: 10},
		{From: from, To: to, Limit: 10},
		{To: to, Limit: 10},
		{From: from, To: to, AfterID: 60, Limit: 10},
		{User: "u1", Limit: 10},
		{User: "u1", From: from, To: to, Limit: 10},
		{Decision: "alert", Limit: 10},
		{Decision: "clear", From: from, AfterID: 70, Limit: 10},
		{User: "u2", Decision: "clear", Limit: 10},
	} {
		plan := explain(t, db, f)
		if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "SEARCH") {
			t.Errorf("%+v: plan\n%s", f, plan)
		}
	}
}

// explain returns the plan of ListAudit's queries for f.
func explain(t *testing.T, db *DB, f interdict.AuditFilter) string {
	t.Helper()
	var plan strings.Builder
	queries := [][]any{}
	q, args := listQuery(f, f.AfterID)
	queries = append(queries, append([]any{q}, args...))
	if f.AfterID == 0 && !f.From.IsZero() {
		q, args := firstIDQuery(f)
		queries = append(queries, append([]any{q}, args...))
	}
	for _, qa := range queries {
		fmt.Fprintf(&plan, "%s\n", qa[0])
		rows, err := db.r.Query("EXPLAIN QUERY PLAN "+qa[0].(string), qa[1:]...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&plan, "  %s\n", detail)
		}
		rows.Close()
	}
	return plan.String()
}
