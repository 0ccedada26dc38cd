package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/postgres/pgtest"
	"github.com/interdict/interdict/store/storetest"
)

func openURL(t testing.TB, u string) *DB {
	t.Helper()
	db, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// open returns a store on a fresh schema of the test server.
func open(t testing.TB) *DB {
	t.Helper()
	db := openURL(t, pgtest.URL(t))
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openURL(t, pgtest.URL(t))
	})
}

// TestMigrateTogether opens one new schema from several goroutines at
// once, as instances starting together do: the advisory lock lets one
// migrate and the others find the work done.
func TestMigrateTogether(t *testing.T) {
	u := pgtest.URL(t)
	const n = 6
	dbs := make([]*DB, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { dbs[i], errs[i] = Open(context.Background(), u) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("open %d: %v", i, errs[i])
		}
		defer dbs[i].Close()
	}
	have, want, err := dbs[0].SchemaVersion(context.Background())
	if err != nil || have != want || want < 2 {
		t.Fatalf("schema version %d of %d (%v)", have, want, err)
	}
	var rows, distinct int
	if err := dbs[0].pool.QueryRow(context.Background(),
		"SELECT count(*), count(DISTINCT version) FROM schema_migrations").Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if rows != want || distinct != want {
		t.Errorf("schema_migrations: %d rows, %d versions; want %d", rows, distinct, want)
	}
}

// TestMigrateNewer: a schema migrated by a newer program is refused, and a
// migration that fails leaves the schema at the version before it.
func TestMigrateNewer(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	if _, err := db.pool.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')"); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, db.pool.Config().ConnString())
	if err == nil {
		t.Fatal("a schema at version 99 was opened")
	}
	t.Log(err)

	db2 := open(t)
	bad := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x integer);")},
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (x integer); SELECT no_such_function();")},
	}
	if err := migrateFS(ctx, db2.pool, db2.schema, bad); err == nil {
		t.Fatal("a failing migration succeeded")
	}
	// The schema of db2 holds the real migrations already (Open ran
	// them), so 0001_a.sql was skipped as applied and 0002_b failed whole.
	var b *string
	if err := db2.pool.QueryRow(ctx, "SELECT to_regclass('b')::text").Scan(&b); err != nil || b != nil {
		t.Errorf("table b exists after its migration failed (%v)", err)
	}
}

// TestSyncCommitOff: Open refuses a session whose commits would not wait
// for the WAL flush.
func TestSyncCommitOff(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	if db, err := Open(context.Background(), u.String()); err == nil {
		db.Close()
		t.Fatal("opened with synchronous_commit off")
	} else {
		t.Log(err)
	}
}

func TestOpenErrors(t *testing.T) {
	u := pgtest.URL(t)
	ctx := context.Background()
	if _, err := Open(ctx, "postgres://u:secretpw@[::1"); err == nil {
		t.Error("a malformed URL was accepted")
	} else if s := err.Error(); strings.Contains(s, "secretpw") {
		t.Errorf("the error shows the password: %s", s)
	}
	parsed, _ := url.Parse(u)
	q := parsed.Query()
	q.Set("search_path", "no_such_schema_here")
	parsed.RawQuery = q.Encode()
	if db, err := Open(ctx, parsed.String()); err == nil {
		db.Close()
		t.Error("a search_path naming no schema was accepted")
	}
}

// TestTextRefused: what PostgreSQL text cannot hold is refused before the
// transaction (ErrInvalid), not half-way through it.
func TestTextRefused(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	rec := func(user string) *interdict.AuditRecord {
		return &interdict.AuditRecord{At: time.Now(), User: user, Decision: "clear",
			Query: interdict.Query{Names: []string{"a\x00b", "\xff"}}}
	}
	// NUL and invalid UTF-8 inside the query are JSON-escaped, and kept.
	good := rec("u")
	if err := db.AppendAudit(ctx, []*interdict.AuditRecord{good}); err != nil {
		t.Fatalf("a query holding NUL: %v", err)
	}
	got, err := db.ListAudit(ctx, interdict.AuditFilter{})
	if err != nil || len(got) != 1 || got[0].Query.Names[0] != "a\x00b" {
		t.Errorf("read back %+v, %v", got, err)
	}
	for _, u := range []string{"x\x00y", "\xff"} {
		if err := db.AppendAudit(ctx, []*interdict.AuditRecord{rec(u)}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("user %q: %v, want ErrInvalid", u, err)
		}
		if recs, err := db.ListAudit(ctx, interdict.AuditFilter{User: u}); err != nil || len(recs) != 0 {
			t.Errorf("ListAudit(user %q) = %v, %v", u, recs, err)
		}
	}
	if _, _, err := db.CreateKey(ctx, "a\x00b", interdict.RoleAdmin); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("key name with NUL: %v, want ErrInvalid", err)
	}
	if err := db.RevokeKey(ctx, "k_\x00"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevokeKey(NUL) = %v, want ErrNotFound", err)
	}
}

// TestPaginationWhileAppending pages through the audit trail while two
// stores (two instances) append to it, and checks that no page walk ever
// steps past a record that becomes visible later: every record with an id
// at or below a walk's cursor must have been seen by the walk. With ids
// drawn from a bare sequence outside the lock, a slow transaction's
// smaller id can commit after a faster one's larger id has been read.
func TestPaginationWhileAppending(t *testing.T) {
	u := pgtest.URL(t)
	writers := []*DB{openURL(t, u), openURL(t, u)}
	reader := openURL(t, u)
	defer func() {
		for _, db := range append(writers, reader) {
			db.Close()
		}
	}()
	ctx := context.Background()
	const perWriter = 300
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w, db := range writers {
		for g := range 3 {
			wg.Go(func() {
				for i := range perWriter / 3 {
					n := 1 + (i+g)%5
					batch := make([]*interdict.AuditRecord, n)
					for j := range batch {
						batch[j] = &interdict.AuditRecord{At: time.Now(), User: fmt.Sprintf("w%d", w), Decision: "clear", Route: "/t"}
					}
					if err := db.AppendAudit(ctx, batch); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
	}
	seen := map[int64]bool{}
	var cursor int64
	walks := 0
	go func() { wg.Wait(); close(done) }()
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		recs, err := reader.ListAudit(ctx, interdict.AuditFilter{AfterID: cursor, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			seen[r.ID] = true
			cursor = r.ID
		}
		walks++
	}
	all, err := reader.ListAudit(ctx, interdict.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	skipped := 0
	for _, r := range all {
		if r.ID <= cursor && !seen[r.ID] {
			skipped++
		}
	}
	t.Logf("%d records by 2 stores x 3 goroutines, %d pages read while appending, %d seen below the final cursor %d", len(all), walks, len(seen), cursor)
	if skipped > 0 {
		t.Errorf("%d records became visible behind the pagination cursor", skipped)
	}
}

// TestListVersions records versions from two stores (two instances) and
// watches from one: a record reaches the watch, a repeated version makes
// no record, and simultaneous records of one version make one.
func TestListVersions(t *testing.T) {
	u := pgtest.URL(t)
	a, b := openURL(t, u), openURL(t, u)
	defer a.Close()
	defer b.Close()
	other := open(t) // another schema of the same database
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	if _, err := a.LatestListVersion(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("LatestListVersion on a new schema = %v, want ErrNotFound", err)
	}
	watch := b.WatchListVersions(ctx)
	// The first value says the watch is listening.
	wait(t, watch, "the watch's first signal")

	v1 := store.ListVersion{Version: "s-111", Instance: "a", Entities: 3, Lists: []store.ListFiles{
		{Source: "un", Published: "2026-02-27", Entities: 3, Files: []store.ListFile{{Name: "un.xml", SHA256: "ab", Size: 10}}},
	}}
	got, rec, err := a.RecordListVersion(ctx, v1)
	if err != nil || !rec || got.ID == 0 || got.Recorded.IsZero() || got.Recorded.Location() != time.UTC {
		t.Fatalf("RecordListVersion = %+v, %v, %v", got, rec, err)
	}
	wait(t, watch, "the record's notification")
	latest, err := b.LatestListVersion(ctx)
	if err != nil || latest.ID != got.ID || latest.Version != "s-111" || !slices.EqualFunc(latest.Lists, v1.Lists, sameList) {
		t.Errorf("LatestListVersion = %+v, %v; want %+v", latest, err, got)
	}
	// Another schema's records are not heard.
	if _, _, err := other.RecordListVersion(ctx, store.ListVersion{Version: "s-999", Instance: "x"}); err != nil {
		t.Fatal(err)
	}
	again, rec, err := b.RecordListVersion(ctx, store.ListVersion{Version: "s-111", Instance: "b"})
	if err != nil || rec || again.ID != got.ID || again.Instance != "a" {
		t.Errorf("recording the newest version again = %+v, %v, %v; want the first record", again, rec, err)
	}
	select {
	case <-watch:
		t.Error("a signal without a new record of this schema")
	case <-time.After(300 * time.Millisecond):
	}

	// Both stores record one new version at once, many times over.
	var wg sync.WaitGroup
	var mu sync.Mutex
	made := 0
	for i := range 8 {
		db := []*DB{a, b}[i%2]
		wg.Go(func() {
			_, rec, err := db.RecordListVersion(ctx, store.ListVersion{Version: "s-222", Instance: fmt.Sprint(i)})
			if err != nil {
				t.Error(err)
			}
			if rec {
				mu.Lock()
				made++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if made != 1 {
		t.Errorf("8 simultaneous records of one version made %d records", made)
	}
	var n int
	a.pool.QueryRow(ctx, "SELECT count(*) FROM list_versions").Scan(&n)
	if n != 2 {
		t.Errorf("%d list_versions rows, want 2", n)
	}
	for _, bad := range []store.ListVersion{{}, {Version: "x", Entities: -1}, {Version: "a\x00"}} {
		if _, _, err := a.RecordListVersion(ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("RecordListVersion(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	cancel()
	for range watch {
	}
}

func sameList(a, b store.ListFiles) bool {
	return a.Source == b.Source && a.Published == b.Published && a.Entities == b.Entities && slices.Equal(a.Files, b.Files)
}

func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if !ok {
			t.Fatalf("%s: the watch ended", what)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: nothing in 30 s", what)
	}
}

// TestWatchReconnects kills the watch's connection from the server side
// and checks that it reconnects and signals (the receiver must re-read:
// whatever was recorded meanwhile was not heard), then hears new records.
func TestWatchReconnects(t *testing.T) {
	db := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watch := db.WatchListVersions(ctx)
	wait(t, watch, "first signal")
	var killed int
	// The watch's backend is the one listening on the channel.
	for range 100 {
		if err := db.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND query = 'LISTEN `+channel+`' AND pid <> pg_backend_pid()
			AND state = 'idle' AND backend_type = 'client backend'`).Scan(&killed); err != nil {
			t.Fatal(err)
		}
		if killed > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if killed == 0 {
		t.Fatal("no listening connection found to terminate")
	}
	wait(t, watch, "signal after reconnecting")
	if _, _, err := db.RecordListVersion(ctx, store.ListVersion{Version: "s-after", Instance: "t"}); err != nil {
		t.Fatal(err)
	}
	wait(t, watch, "notification after reconnecting")
}

// TestLockRefresh: the refresh lock is held by one store at a time, and
// goes when the holder's connection does (a process killed mid-refresh).
func TestLockRefresh(t *testing.T) {
	u := pgtest.URL(t)
	a, b := openURL(t, u), openURL(t, u)
	defer a.Close()
	defer b.Close()
	ctx := context.Background()
	unlock, err := a.LockRefresh(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	if _, err := b.LockRefresh(short); err == nil {
		t.Fatal("two stores hold the refresh lock")
	}
	cancel()
	got := make(chan func(), 1)
	go func() {
		u, err := b.LockRefresh(ctx)
		if err != nil {
			t.Error(err)
			close(got)
			return
		}
		got <- u
	}()
	unlock()
	unlockB, ok := <-got
	if !ok {
		t.FailNow()
	}
	// The holder's session ends without an unlock: the lock goes with it.
	var pid int
	if err := b.pool.QueryRow(ctx, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = (($1::bigint >> 32) & 4294967295)::oid AND objid = ($1::bigint & 4294967295)::oid", b.refreshLock).Scan(&pid); err != nil {
		t.Fatalf("finding the lock holder: %v", err)
	}
	if _, err := a.pool.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	unlockA, err := a.LockRefresh(ctx)
	if err != nil {
		t.Fatalf("the lock of a dead session was not released: %v", err)
	}
	unlockA()
	unlockB() // on a dead connection: must not panic
}

// TestAlertsTwoInstances opens alerts for the same pairs from two stores
// (two instances, each with its own connection pool) at once, as two
// instances re-screening after one refresh do: each pair gets one alert,
// and every opener is handed it.
func TestAlertsTwoInstances(t *testing.T) {
	u := pgtest.URL(t)
	dbs := []*DB{openURL(t, u), openURL(t, u)}
	defer dbs[0].Close()
	defer dbs[1].Close()
	ctx := context.Background()
	const pairs, openers = 20, 8
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		opened = map[string]int{}
		got    = map[string]map[int64]bool{}
	)
	for w := range openers {
		db := dbs[w%2]
		wg.Go(func() {
			for p := range pairs {
				pair := fmt.Sprintf("cust-%d", p)
				a, ok, err := db.OpenAlert(ctx, interdict.Alert{
					Party: pair, PartyName: "Customer", Query: interdict.Query{Names: []string{"Customer"}},
					EntityID: "ofac-sdn:36", EntityName: "Listed", Source: "ofac-sdn", Fingerprint: "f-1",
					Score: 0.9, Snapshot: "s-1", Origin: interdict.OriginRefresh, Opened: time.Now(),
				}, interdict.CaseEvent{Actor: "system"})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if ok {
					opened[pair]++
				}
				if got[pair] == nil {
					got[pair] = map[int64]bool{}
				}
				got[pair][a.ID] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for p := range pairs {
		pair := fmt.Sprintf("cust-%d", p)
		if opened[pair] != 1 || len(got[pair]) != 1 {
			t.Errorf("%s: opened %d times, %d alert ids handed out", pair, opened[pair], len(got[pair]))
		}
	}
	as, err := dbs[0].ListAlerts(ctx, interdict.AlertFilter{})
	if err != nil || len(as) != pairs {
		t.Errorf("ListAlerts: %d alerts (%v), want %d", len(as), err, pairs)
	}
	var events int
	dbs[0].pool.QueryRow(ctx, "SELECT count(*) FROM case_events").Scan(&events)
	if events != pairs {
		t.Errorf("%d case events, want one per alert (%d)", events, pairs)
	}
}
