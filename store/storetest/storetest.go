// Package storetest is the conformance suite every store engine passes:
// one set of tests, run by each engine's own tests against a real
// database (store/sqlite on a temporary file; store/postgres on a real
// server).
//
// Times go in with microsecond precision, the finest PostgreSQL keeps;
// an engine that keeps more tests that itself.
//
// A note for engines with concurrent writers (PostgreSQL): keyset
// pagination on the id assumes a row never becomes visible after a row
// with a larger id. SQLite's single writer gives that; a PostgreSQL
// sequence does not (ids are taken at insert, transactions commit in any
// order), so a reader paging while writers commit can step past a row
// that commits a moment later. The suite cannot catch that race
// reliably; the engine has to rule it out (e.g. serialise audit appends
// with an advisory lock, or page only below the oldest in-progress id).
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// Run runs the suite. open returns a new, empty store for one subtest; Run
// closes it when the subtest ends and checks that Close succeeds (open may
// register cleanups of its own, which run after that Close).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"AuditEmpty", testAuditEmpty},
		{"AuditRoundTrip", testAuditRoundTrip},
		{"AuditIDs", testAuditIDs},
		{"AuditInvalid", testAuditInvalid},
		{"AuditCancelled", testAuditCancelled},
		{"AuditFilters", testAuditFilters},
		{"AuditPagination", testAuditPagination},
		{"AuditConcurrent", testAuditConcurrent},
		{"AuditLargeBatch", testAuditLargeBatch},
		{"Auditor", testAuditor},
		{"KeysCreateLookup", testKeysCreateLookup},
		{"KeysInvalid", testKeysInvalid},
		{"KeysUnknown", testKeysUnknown},
		{"KeysRevoke", testKeysRevoke},
		{"KeysRate", testKeysRate},
		{"KeysList", testKeysList},
		{"AlertOpen", testAlertOpen},
		{"AlertSuppression", testAlertSuppression},
		{"AlertOpenConcurrent", testAlertOpenConcurrent},
		{"AlertTransition", testAlertTransition},
		{"AlertDecideConcurrent", testAlertDecideConcurrent},
		{"AlertEvents", testAlertEvents},
		{"AlertList", testAlertList},
		{"Monitored", testMonitored},
		{"MonitoredBulk", testMonitoredBulk},
		{"Webhooks", testWebhooks},
		{"Outbox", testOutbox},
		{"OutboxConcurrent", testOutboxConcurrent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

// base is the time the test records are dated from: a fixed instant, not
// the clock, so that failures reproduce.
var base = time.Date(2025, 3, 1, 9, 30, 0, 123456000, time.UTC)

// record returns a valid record at base+offset.
func record(user, decision string, offset time.Duration) *interdict.AuditRecord {
	r := &interdict.AuditRecord{
		At:       base.Add(offset),
		KeyID:    "k_" + user,
		User:     user,
		Route:    "/v1/search",
		Snapshot: "2025-03-01T00:00:00Z/abc",
		Query:    interdict.Query{Names: []string{"name of " + user}},
		Decision: decision,
	}
	if decision == "alert" {
		r.Matches = []interdict.AuditMatch{{ID: "ofac-sdn:36", Score: 0.91, Alert: true}}
	}
	return r
}

func appendAll(t *testing.T, s store.Store, recs ...*interdict.AuditRecord) {
	t.Helper()
	if err := s.AppendAudit(context.Background(), recs); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
}

func list(t *testing.T, s store.Store, f interdict.AuditFilter) []interdict.AuditRecord {
	t.Helper()
	recs, err := s.ListAudit(context.Background(), f)
	if err != nil {
		t.Fatalf("ListAudit(%+v): %v", f, err)
	}
	return recs
}

func count(t *testing.T, s store.Store) int64 {
	t.Helper()
	n, err := s.CountAudit(context.Background())
	if err != nil {
		t.Fatalf("CountAudit: %v", err)
	}
	return n
}

func ids(recs []interdict.AuditRecord) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

// sameRecord compares a record read back with the one written: the same
// instant, in UTC, and every other field equal.
func sameRecord(t *testing.T, got interdict.AuditRecord, want *interdict.AuditRecord) {
	t.Helper()
	if !got.At.Equal(want.At) || got.At.Location() != time.UTC {
		t.Errorf("record %d: at %v, want %v in UTC", got.ID, got.At, want.At.UTC())
	}
	w := *want
	got.At, w.At = time.Time{}, time.Time{}
	if len(w.Matches) == 0 {
		w.Matches = nil
	}
	if len(got.Matches) == 0 {
		got.Matches = nil
	}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("record read back differs:\n got %+v\nwant %+v", got, w)
	}
}

func testAuditEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	if n := count(t, s); n != 0 {
		t.Errorf("CountAudit on a new store = %d", n)
	}
	for _, f := range []interdict.AuditFilter{
		{},
		{User: "u"},
		{Decision: "alert"},
		{From: base, To: base.Add(time.Hour)},
		{From: base},
		{To: base},
		{AfterID: 10, Limit: 5},
	} {
		if recs := list(t, s, f); len(recs) != 0 {
			t.Errorf("ListAudit(%+v) on a new store: %d records", f, len(recs))
		}
	}
	if err := s.AppendAudit(ctx, nil); err != nil {
		t.Errorf("AppendAudit(nil): %v", err)
	}
	if err := s.AppendAudit(ctx, []*interdict.AuditRecord{}); err != nil {
		t.Errorf("AppendAudit(empty): %v", err)
	}
	if n := count(t, s); n != 0 {
		t.Errorf("CountAudit after empty appends = %d", n)
	}
}

func testAuditRoundTrip(t *testing.T, s store.Store) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	full := &interdict.AuditRecord{
		// Not in UTC: it must come back as the same instant, in UTC.
		At:       time.Date(2025, 7, 14, 23, 59, 58, 999999000, paris),
		KeyID:    "k_abcdefghij",
		User:     "Zoë O'Brien, compliance \"desk 3\"",
		Route:    "/v1/screen/batch",
		Snapshot: "ofac-sdn@2024-05-03+un@2026-02-27",
		Query: interdict.Query{
			Names:       []string{"Владимир Путин", "PUTIN, Vladimir"},
			Kind:        interdict.KindPerson,
			BirthDates:  []interdict.Date{{Year: 1952, Month: 10, Day: 7}, {Year: 1960, Circa: true, ToYear: 1962}},
			Countries:   []string{"RU"},
			Identifiers: []interdict.Identifier{{Type: interdict.IDPassport, Value: "123; 456", Country: "RU"}},
			Gender:      interdict.GenderMale,
			Sources:     []string{"ofac-sdn"},
			Limit:       7,
			MinScore:    0.75,
		},
		Decision: "alert",
		Matches: []interdict.AuditMatch{
			{ID: "ofac-sdn:35096", Score: 0.9876543210123, Alert: true},
			{ID: "uk:RUS0251", Score: 0.5, Alert: false},
		},
	}
	bare := &interdict.AuditRecord{At: base, Query: interdict.Query{Names: []string{"x"}}, Decision: "clear"}
	empty := &interdict.AuditRecord{At: base, Decision: "clear", Matches: []interdict.AuditMatch{}}
	appendAll(t, s, full, bare, empty)
	for _, r := range []*interdict.AuditRecord{full, bare, empty} {
		if r.ID <= 0 {
			t.Fatalf("record got id %d", r.ID)
		}
	}
	got := list(t, s, interdict.AuditFilter{})
	if len(got) != 3 {
		t.Fatalf("%d records, want 3", len(got))
	}
	sameRecord(t, got[0], full)
	sameRecord(t, got[1], bare)
	sameRecord(t, got[2], empty)
	if n := count(t, s); n != 3 {
		t.Errorf("CountAudit = %d, want 3", n)
	}
}

func testAuditIDs(t *testing.T, s store.Store) {
	var last int64
	for batch := range 4 {
		recs := make([]*interdict.AuditRecord, batch+1)
		for i := range recs {
			recs[i] = record("u", "clear", time.Duration(batch*10+i)*time.Second)
		}
		appendAll(t, s, recs...)
		for _, r := range recs {
			if r.ID <= last {
				t.Fatalf("batch %d: id %d after %d: ids must ascend in slice and commit order", batch, r.ID, last)
			}
			last = r.ID
		}
	}
	all := list(t, s, interdict.AuditFilter{})
	if len(all) != 10 || !slices.IsSorted(ids(all)) {
		t.Errorf("ListAudit: ids %v, want 10 ascending", ids(all))
	}
}

func testAuditInvalid(t *testing.T, s store.Store) {
	ctx := context.Background()
	nan := record("u", "alert", 0)
	nan.Matches[0].Score = math.NaN()
	hasID := record("u", "clear", 0)
	hasID.ID = 42
	noTime := record("u", "clear", 0)
	noTime.At = time.Time{}
	future := record("u", "clear", 0)
	future.At = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	nulUser := record("u\x00x", "clear", 0)
	badRoute := record("u", "clear", 0)
	badRoute.Route = "/v1/\xff"
	for name, bad := range map[string]*interdict.AuditRecord{
		"decision":   record("u", "maybe", 0),
		"empty":      record("u", "", 0),
		"nan score":  nan,
		"has id":     hasID,
		"no time":    noTime,
		"far future": future,
		"nul user":   nulUser,
		"bad utf8":   badRoute,
		"nil":        nil,
	} {
		good1, good2 := record("a", "clear", 0), record("b", "alert", 0)
		err := s.AppendAudit(ctx, []*interdict.AuditRecord{good1, bad, good2})
		if !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: AppendAudit = %v, want ErrInvalid", name, err)
		}
		if good1.ID != 0 || good2.ID != 0 {
			t.Errorf("%s: a failed batch left ids %d, %d (want 0)", name, good1.ID, good2.ID)
		}
		if bad != nil && store.CheckAudit(bad) == nil {
			t.Errorf("%s: CheckAudit accepts it", name)
		}
	}
	if n := count(t, s); n != 0 {
		t.Errorf("a refused batch wrote %d records", n)
	}
	if _, err := s.ListAudit(ctx, interdict.AuditFilter{Limit: -1}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("ListAudit(Limit -1) = %v, want ErrInvalid", err)
	}
}

func testAuditCancelled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := record("u", "clear", 0)
	if err := s.AppendAudit(ctx, []*interdict.AuditRecord{r}); err == nil {
		t.Error("AppendAudit with a cancelled context succeeded")
	}
	if r.ID != 0 {
		t.Errorf("id %d set by a failed append", r.ID)
	}
	if n := count(t, s); n != 0 {
		t.Errorf("%d records written with a cancelled context", n)
	}
	// The store is still usable.
	appendAll(t, s, record("u", "clear", 0))
	if n := count(t, s); n != 1 {
		t.Errorf("CountAudit = %d, want 1", n)
	}
}

// corpus writes 60 records: three users, an hour apart each, alternating
// decisions, in batches, out of time order (as concurrent requests commit).
func corpus(t *testing.T, s store.Store) []*interdict.AuditRecord {
	var all []*interdict.AuditRecord
	users := []string{"alice", "bob", "carol"}
	for b := range 6 {
		var batch []*interdict.AuditRecord
		for i := range 10 {
			n := b*10 + i
			// Each batch runs backwards in time within its ten hours.
			at := time.Duration(b*10+9-i) * time.Hour
			dec := "clear"
			if n%4 == 0 {
				dec = "alert"
			}
			batch = append(batch, record(users[n%3], dec, at))
		}
		appendAll(t, s, batch...)
		all = append(all, batch...)
	}
	return all
}

// want filters recs in memory: the reference the engines must agree with.
func want(recs []*interdict.AuditRecord, f interdict.AuditFilter) []int64 {
	var out []int64
	for _, r := range recs {
		if r.ID <= f.AfterID ||
			!f.From.IsZero() && r.At.Before(f.From) ||
			!f.To.IsZero() && !r.At.Before(f.To) ||
			f.User != "" && r.User != f.User ||
			f.Decision != "" && r.Decision != f.Decision {
			continue
		}
		out = append(out, r.ID)
	}
	slices.Sort(out)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out
}

func filters(recs []*interdict.AuditRecord) []interdict.AuditFilter {
	h := func(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }
	return []interdict.AuditFilter{
		{},
		{User: "alice"},
		{User: "nobody"},
		{Decision: "alert"},
		{Decision: "clear"},
		{User: "bob", Decision: "alert"},
		{From: h(10)},
		{To: h(10)},
		{From: h(5), To: h(25)},
		{From: h(5), To: h(5)},  // empty range
		{From: h(25), To: h(5)}, // reversed range
		{From: h(5).Add(time.Microsecond), To: h(25).Add(time.Microsecond)},
		{From: h(-100), To: h(1000)},
		{From: h(1000)},
		{To: h(-1)},
		{From: h(12), To: h(40), User: "carol"},
		{From: h(12), To: h(40), Decision: "alert"},
		{From: h(12), To: h(40), User: "alice", Decision: "clear"},
		{Limit: 7},
		{Limit: 1000},
		{AfterID: recs[17].ID},
		{AfterID: recs[17].ID, Limit: 5, User: "carol"},
		{AfterID: recs[len(recs)-1].ID},
		{AfterID: recs[30].ID, From: h(5), To: h(50), Decision: "clear", Limit: 3},
	}
}

func testAuditFilters(t *testing.T, s store.Store) {
	recs := corpus(t, s)
	byID := map[int64]*interdict.AuditRecord{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	for _, f := range filters(recs) {
		got := list(t, s, f)
		if g, w := ids(got), want(recs, f); !slices.Equal(g, w) {
			t.Errorf("ListAudit(%s):\n got %v\nwant %v", describe(f), g, w)
			continue
		}
		for _, r := range got {
			sameRecord(t, r, byID[r.ID])
		}
	}
	// Bounds: From is inclusive, To exclusive, to the microsecond.
	at := recs[0].At
	if got := list(t, s, interdict.AuditFilter{From: at, To: at.Add(time.Microsecond)}); len(got) != 1 || got[0].ID != recs[0].ID {
		t.Errorf("[at, at+1µs) = %v, want [%d]", ids(got), recs[0].ID)
	}
	if got := list(t, s, interdict.AuditFilter{From: at.Add(-time.Microsecond), To: at}); len(got) != 0 {
		t.Errorf("[at-1µs, at) = %v, want none", ids(got))
	}
	// A bound in another zone is the same instant.
	if got := list(t, s, interdict.AuditFilter{From: at.In(time.FixedZone("X", -5*3600)), To: at.Add(time.Microsecond)}); len(got) != 1 {
		t.Errorf("a From in UTC-5 matched %v", ids(got))
	}
}

func describe(f interdict.AuditFilter) string {
	var parts []string
	if !f.From.IsZero() {
		parts = append(parts, "from "+f.From.Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		parts = append(parts, "to "+f.To.Format(time.RFC3339Nano))
	}
	if f.User != "" {
		parts = append(parts, "user "+f.User)
	}
	if f.Decision != "" {
		parts = append(parts, "decision "+f.Decision)
	}
	if f.AfterID != 0 {
		parts = append(parts, fmt.Sprintf("after %d", f.AfterID))
	}
	if f.Limit != 0 {
		parts = append(parts, fmt.Sprintf("limit %d", f.Limit))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// testAuditPagination walks every filter a page at a time, each page
// starting after the last id of the one before, and checks the pages add
// up to the whole answer, each record once.
func testAuditPagination(t *testing.T, s store.Store) {
	recs := corpus(t, s)
	for _, f := range filters(recs) {
		f.Limit = 0
		whole := want(recs, f)
		for _, size := range []int{1, 4, 13} {
			var walked []int64
			p := f
			p.Limit = size
			for pages := 0; ; pages++ {
				if pages > len(recs)+1 {
					t.Fatalf("%s: pagination does not end", describe(f))
				}
				got := list(t, s, p)
				if len(got) > size {
					t.Fatalf("%s: a page of %d records, limit %d", describe(p), len(got), size)
				}
				walked = append(walked, ids(got)...)
				if len(got) < size {
					break
				}
				p.AfterID = got[len(got)-1].ID
			}
			if !slices.Equal(walked, whole) {
				t.Errorf("%s in pages of %d:\n got %v\nwant %v", describe(f), size, walked, whole)
			}
		}
	}
}

// testAuditConcurrent appends from many goroutines at once, as the server
// does when several Auditors (or instances) share one store.
func testAuditConcurrent(t *testing.T, s store.Store) {
	const workers, batches = 16, 12
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		all  []*interdict.AuditRecord
		errs = make(chan error, workers)
	)
	for w := range workers {
		wg.Go(func() {
			for b := range batches {
				batch := make([]*interdict.AuditRecord, 1+(w+b)%7)
				for i := range batch {
					batch[i] = record(fmt.Sprintf("w%d", w), "clear", time.Duration(b)*time.Minute)
					batch[i].Route = fmt.Sprintf("/w%d/b%d/r%d", w, b, i)
				}
				if err := s.AppendAudit(context.Background(), batch); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				all = append(all, batch...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent AppendAudit: %v", err)
	}
	seen := map[int64]*interdict.AuditRecord{}
	for _, r := range all {
		if r.ID <= 0 || seen[r.ID] != nil {
			t.Fatalf("id %d given twice or not at all", r.ID)
		}
		seen[r.ID] = r
	}
	if n := count(t, s); n != int64(len(all)) {
		t.Errorf("CountAudit = %d, want %d", n, len(all))
	}
	got := list(t, s, interdict.AuditFilter{})
	if len(got) != len(all) {
		t.Fatalf("ListAudit: %d records, want %d", len(got), len(all))
	}
	for _, r := range got {
		w := seen[r.ID]
		if w == nil {
			t.Fatalf("record %d not written by anyone", r.ID)
		}
		sameRecord(t, r, w)
	}
}

func testAuditLargeBatch(t *testing.T, s store.Store) {
	const n = 5000
	recs := make([]*interdict.AuditRecord, n)
	for i := range recs {
		recs[i] = record(fmt.Sprintf("u%d", i%10), []string{"clear", "alert"}[i%2], time.Duration(i)*time.Millisecond)
	}
	appendAll(t, s, recs...)
	if c := count(t, s); c != n {
		t.Fatalf("CountAudit = %d, want %d", c, n)
	}
	for i := 1; i < n; i++ {
		if recs[i].ID <= recs[i-1].ID {
			t.Fatalf("ids not ascending at %d: %d after %d", i, recs[i].ID, recs[i-1].ID)
		}
	}
	got := list(t, s, interdict.AuditFilter{User: "u3", Decision: "alert", From: base.Add(time.Second), Limit: 50})
	if g, w := ids(got), want(recs, interdict.AuditFilter{User: "u3", Decision: "alert", From: base.Add(time.Second), Limit: 50}); !slices.Equal(g, w) {
		t.Errorf("filtered page of the large batch:\n got %v\nwant %v", g, w)
	}
}

// testAuditor runs the group-commit Auditor on the engine: many requests
// at once, each acknowledged only once durable.
func testAuditor(t *testing.T, s store.Store) {
	a := store.NewAuditor(s, 0)
	const workers, each = 32, 25
	var wg sync.WaitGroup
	got := make([][]*interdict.AuditRecord, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r := record(fmt.Sprintf("w%d", w), "clear", time.Duration(i)*time.Second)
				if err := a.Record(context.Background(), r); err != nil {
					t.Errorf("Record: %v", err)
					return
				}
				got[w] = append(got[w], r)
			}
		})
	}
	wg.Wait()
	a.Close()
	seen := map[int64]bool{}
	for _, rs := range got {
		for _, r := range rs {
			if r.ID <= 0 || seen[r.ID] {
				t.Fatalf("id %d given twice or not at all", r.ID)
			}
			seen[r.ID] = true
		}
	}
	if n := count(t, s); n != workers*each {
		t.Errorf("CountAudit = %d, want %d", n, workers*each)
	}
	if err := a.Record(context.Background(), record("late", "clear", 0)); !errors.Is(err, store.ErrAuditorClosed) {
		t.Errorf("Record after Close = %v, want ErrAuditorClosed", err)
	}
}

func testKeysCreateLookup(t *testing.T, s store.Store) {
	ctx := context.Background()
	before := time.Now().Add(-time.Millisecond)
	k, secret, err := s.CreateKey(ctx, "ci pipeline", interdict.RoleAnalyst)
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now().Add(time.Millisecond)
	if !strings.HasPrefix(k.ID, "k_") || len(k.ID) != 12 {
		t.Errorf("key id %q, want k_ and 10 characters", k.ID)
	}
	if !store.LooksLikeSecret(secret) || strings.Contains(secret, k.ID) {
		t.Errorf("secret %q", secret)
	}
	if k.Name != "ci pipeline" || k.Role != interdict.RoleAnalyst || k.Revoked != nil || k.RatePerMinute != 0 {
		t.Errorf("created %+v", k)
	}
	if k.Created.Before(before) || k.Created.After(after) || k.Created.Location() != time.UTC {
		t.Errorf("created at %v, want between %v and %v, in UTC", k.Created, before, after)
	}
	got, err := s.LookupKey(ctx, secret)
	if err != nil {
		t.Fatalf("LookupKey: %v", err)
	}
	if !sameKey(got, k) {
		t.Errorf("LookupKey = %+v, want %+v", got, k)
	}
	k2, secret2, err := s.CreateKey(ctx, "ci pipeline", interdict.RoleScreener) // names need not be unique
	if err != nil {
		t.Fatal(err)
	}
	if k2.ID == k.ID || secret2 == secret {
		t.Error("two keys share an id or a secret")
	}
	if got, err := s.LookupKey(ctx, secret2); err != nil || got.ID != k2.ID || got.Role != interdict.RoleScreener {
		t.Errorf("LookupKey(second) = %+v, %v", got, err)
	}
}

// sameKey compares keys with times as instants.
func sameKey(a, b interdict.APIKey) bool {
	if !a.Created.Equal(b.Created) || (a.Revoked == nil) != (b.Revoked == nil) ||
		a.Revoked != nil && !a.Revoked.Equal(*b.Revoked) {
		return false
	}
	a.Created, b.Created, a.Revoked, b.Revoked = time.Time{}, time.Time{}, nil, nil
	return a == b
}

func testKeysInvalid(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		role interdict.Role
	}{
		{"x", ""},
		{"x", "root"},
		{"x", "Admin"},
		{"", interdict.RoleAdmin},
		{"   ", interdict.RoleAdmin},
	} {
		if _, _, err := s.CreateKey(ctx, tc.name, tc.role); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("CreateKey(%q, %q) = %v, want ErrInvalid", tc.name, tc.role, err)
		}
	}
	if keys, err := s.ListKeys(ctx); err != nil || len(keys) != 0 {
		t.Errorf("ListKeys after refused creations = %v, %v", keys, err)
	}
}

func testKeysUnknown(t *testing.T, s store.Store) {
	ctx := context.Background()
	_, secret, err := s.CreateKey(ctx, "real", interdict.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"",
		"Bearer " + secret,
		secret + "x",
		secret[:len(secret)-1],
		strings.ToUpper(secret),
		store.NewSecret(), // well formed, never issued
		strings.TrimPrefix(secret, store.SecretPrefix),
	} {
		if k, err := s.LookupKey(ctx, bad); !errors.Is(err, store.ErrNotFound) || k.ID != "" {
			t.Errorf("LookupKey(%q) = %+v, %v; want ErrNotFound", bad, k, err)
		}
	}
}

func testKeysRevoke(t *testing.T, s store.Store) {
	ctx := context.Background()
	k, secret, err := s.CreateKey(ctx, "leaked", interdict.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	other, otherSecret, err := s.CreateKey(ctx, "kept", interdict.RoleScreener)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeKey(ctx, k.ID); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}
	got, err := s.LookupKey(ctx, secret)
	if !errors.Is(err, store.ErrRevoked) {
		t.Fatalf("LookupKey(revoked) = %v, want ErrRevoked", err)
	}
	if got.ID != k.ID || got.Revoked == nil || got.Revoked.Before(got.Created) {
		t.Errorf("LookupKey(revoked) returned %+v", got)
	}
	first := *got.Revoked
	if err := s.RevokeKey(ctx, k.ID); !errors.Is(err, store.ErrRevoked) {
		t.Errorf("RevokeKey twice = %v, want ErrRevoked", err)
	}
	if got, _ := s.LookupKey(ctx, secret); got.Revoked == nil || !got.Revoked.Equal(first) {
		t.Errorf("a second revocation moved the time: %v, want %v", got.Revoked, first)
	}
	if err := s.RevokeKey(ctx, "k_nosuchkey0"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevokeKey(unknown) = %v, want ErrNotFound", err)
	}
	if err := s.RevokeKey(ctx, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevokeKey(\"\") = %v, want ErrNotFound", err)
	}
	if got, err := s.LookupKey(ctx, otherSecret); err != nil || got.ID != other.ID {
		t.Errorf("the other key after a revocation: %+v, %v", got, err)
	}
	keys, err := s.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range keys {
		if revoked := l.Revoked != nil; revoked != (l.ID == k.ID) {
			t.Errorf("ListKeys: %s revoked = %v", l.ID, revoked)
		}
	}
}

func testKeysRate(t *testing.T, s store.Store) {
	ctx := context.Background()
	k, secret, err := s.CreateKey(ctx, "batch", interdict.RoleScreener)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetKeyRate(ctx, k.ID, 600); err != nil {
		t.Fatalf("SetKeyRate: %v", err)
	}
	if got, err := s.LookupKey(ctx, secret); err != nil || got.RatePerMinute != 600 {
		t.Errorf("LookupKey after SetKeyRate = %+v, %v", got, err)
	}
	if keys, err := s.ListKeys(ctx); err != nil || len(keys) != 1 || keys[0].RatePerMinute != 600 {
		t.Errorf("ListKeys after SetKeyRate = %+v, %v", keys, err)
	}
	if err := s.SetKeyRate(ctx, k.ID, 0); err != nil {
		t.Errorf("SetKeyRate(0): %v", err)
	}
	if err := s.SetKeyRate(ctx, k.ID, -1); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("SetKeyRate(-1) = %v, want ErrInvalid", err)
	}
	if err := s.SetKeyRate(ctx, "k_nosuchkey0", 5); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetKeyRate(unknown) = %v, want ErrNotFound", err)
	}
	if got, _ := s.LookupKey(ctx, secret); got.RatePerMinute != 0 {
		t.Errorf("rate %d after SetKeyRate(0) and refused changes", got.RatePerMinute)
	}
}

func testKeysList(t *testing.T, s store.Store) {
	ctx := context.Background()
	if keys, err := s.ListKeys(ctx); err != nil || len(keys) != 0 {
		t.Fatalf("ListKeys on a new store = %v, %v", keys, err)
	}
	var made []interdict.APIKey
	for i, role := range []interdict.Role{interdict.RoleAdmin, interdict.RoleScreener, interdict.RoleAnalyst} {
		k, _, err := s.CreateKey(ctx, fmt.Sprintf("key %d", i), role)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, k)
		time.Sleep(2 * time.Millisecond) // distinct creation times
	}
	keys, err := s.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != len(made) {
		t.Fatalf("ListKeys: %d keys, want %d", len(keys), len(made))
	}
	for i := range made {
		if !sameKey(keys[i], made[i]) {
			t.Errorf("ListKeys[%d] = %+v, want %+v (oldest first)", i, keys[i], made[i])
		}
	}
}
