package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
)

func TestSearchAudited(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.get("/v1/search?q=Vladimir+Putin&dob=1952&country=RU&kind=person", ts.screener)
	r.expect(t, http.StatusOK, "")
	var res screenResult
	r.decode(t, &res)
	if len(res.Matches) == 0 || res.Matches[0].ID != "test:1" || !res.Matches[0].Alert || res.Decision != decisionAlert {
		t.Fatalf("answer %s", r.body)
	}
	if res.Matches[0].Explanation == nil || len(res.Matches[0].Explanation.Tokens) == 0 {
		t.Errorf("no explanation: %s", r.body)
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	recs := ts.st.records()
	if len(recs) != 1 {
		t.Fatalf("%d audit records, want 1", len(recs))
	}
	rec := recs[0]
	if rec.ID != res.AuditID || rec.KeyID != ts.screenerKey.ID || rec.User != "alice" || rec.Route != auditSearch ||
		rec.Snapshot != res.Snapshot || rec.Decision != decisionAlert || rec.Query.Names[0] != "Vladimir Putin" ||
		rec.Query.Countries[0] != "RU" || len(rec.Matches) != len(res.Matches) || rec.Matches[0].ID != "test:1" || rec.At.IsZero() {
		t.Errorf("audit record %+v for answer %s", rec, r.body)
	}

	// A clear answer, without explanations; an unknown source is refused
	// rather than answered with silence.
	r = ts.c.get("/v1/search?q=Jane+Doe&explain=false", ts.screener)
	r.expect(t, http.StatusOK, "")
	r.decode(t, &res)
	if res.Decision != decisionClear || strings.Contains(string(r.body), "explanation") {
		t.Errorf("clear answer %s", r.body)
	}
	r = ts.c.get("/v1/search?q=Putin&source=nowhere", ts.screener)
	r.expect(t, http.StatusBadRequest, CodeBadRequest)
	if !strings.Contains(string(r.body), "loaded: other, test") {
		t.Errorf("unknown source: %s", r.body)
	}
	if n := len(ts.st.records()); n != 2 {
		t.Errorf("%d audit records after a refused query, want 2", n)
	}
}

func TestScreenParty(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.post("/v1/screen", ts.screener, map[string]any{"names": []string{"GRACEFULL"}, "kind": "vessel",
		"identifiers": []map[string]string{{"type": "imo", "value": "IMO 1009613"}}})
	r.expect(t, http.StatusOK, "")
	var res screenResult
	r.decode(t, &res)
	if len(res.Matches) == 0 || res.Matches[0].ID != "test:2" {
		t.Fatalf("answer %s", r.body)
	}
	if recs := ts.st.records(); len(recs) != 1 || recs[0].Route != auditScreen || recs[0].Query.Identifiers[0].Value != "IMO 1009613" {
		t.Errorf("audit %+v", recs)
	}
	ts.c.post("/v1/screen", ts.screener, `{"names":["x"],"limit":"many"}`).expect(t, http.StatusBadRequest, CodeBadRequest)
	ts.c.post("/v1/screen", ts.screener, `{"names":`).expect(t, http.StatusBadRequest, CodeBadRequest)
}

func TestAuth(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.get("/v1/search?q=x", "")
	r.expect(t, http.StatusUnauthorized, CodeUnauthorized)
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
	}
	ts.c.do("GET", "/v1/search?q=x", "", nil, "Authorization", "Basic dXNlcjpwYXNz").expect(t, http.StatusUnauthorized, CodeUnauthorized)
	ts.c.do("GET", "/v1/search?q=x", "", nil, "Authorization", "Bearer "+strings.Repeat("k", 300)).expect(t, http.StatusUnauthorized, CodeUnauthorized)
	ts.c.get("/v1/search?q=x", "idk_not-a-key").expect(t, http.StatusUnauthorized, CodeUnauthorized)

	// Roles: each includes the ones before it.
	for _, tc := range []struct {
		path   string
		method string
		ok     map[string]bool
	}{
		{"/v1/search?q=x", "GET", map[string]bool{"screener": true, "analyst": true, "admin": true}},
		{"/v1/entities/test:1", "GET", map[string]bool{"analyst": true, "admin": true}},
		{"/v1/lists", "GET", map[string]bool{"analyst": true, "admin": true}},
		{"/v1/audit", "GET", map[string]bool{"analyst": true, "admin": true}},
		{"/metrics", "GET", map[string]bool{"analyst": true, "admin": true}},
		{"/v1/openapi.json", "GET", map[string]bool{"screener": true, "analyst": true, "admin": true}},
		{"/v1/lists/refresh", "POST", map[string]bool{"admin": true}},
	} {
		for role, key := range map[string]string{"screener": ts.screener, "analyst": ts.analyst, "admin": ts.admin} {
			r := ts.c.do(tc.method, tc.path, key, nil)
			if tc.ok[role] {
				r.expect(t, http.StatusOK, "")
			} else {
				r.expect(t, http.StatusForbidden, CodeForbidden)
			}
		}
	}

	// Lookups are cached: a burst of requests costs one store lookup.
	ts.st.set(func(f *fakeStore) { f.lookups = 0 })
	for range 20 {
		ts.c.get("/v1/search?q=x", ts.screener).expect(t, http.StatusOK, "")
	}
	if n := ts.st.lookups; n > 2 {
		t.Errorf("%d store lookups for 20 requests", n)
	}

	// A revoked key is refused once the cache entry expires (KeyTTL is
	// 50 ms here; seconds in service).
	if err := ts.st.RevokeKey(context.Background(), ts.screenerKey.ID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
	r = ts.c.get("/v1/search?q=x", ts.screener)
	r.expect(t, http.StatusForbidden, CodeForbidden)
	if !strings.Contains(string(r.body), "revoked") {
		t.Errorf("revoked: %s", r.body)
	}

	// A store failure is an internal error whose text stays in the log.
	ts.st.set(func(f *fakeStore) { f.lookupErr = errors.New("disk on fire at /var/secret/interdict.db") })
	time.Sleep(60 * time.Millisecond)
	r = ts.c.get("/v1/search?q=x", ts.analyst)
	r.expect(t, http.StatusInternalServerError, CodeInternal)
	if strings.Contains(string(r.body), "secret") || strings.Contains(string(r.body), "fire") {
		t.Errorf("internal text leaked: %s", r.body)
	}
	if !strings.Contains(ts.logs.String(), "disk on fire") {
		t.Errorf("the cause was not logged: %s", ts.logs.String())
	}
}

func TestRateLimit(t *testing.T) {
	ts := startTest(t, true, func(c *Config) { c.Rate = 1000 })
	// A key's own rate overrides the server's: 60 a minute is one a
	// second with a bucket of one.
	if err := ts.st.SetKeyRate(context.Background(), ts.screenerKey.ID, 60); err != nil {
		t.Fatal(err)
	}
	ts.c.get("/v1/search?q=x", ts.screener).expect(t, http.StatusOK, "")
	r := ts.c.get("/v1/search?q=x", ts.screener)
	r.expect(t, http.StatusTooManyRequests, CodeRateLimited)
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 2 {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// Other keys have their own buckets.
	ts.c.get("/v1/search?q=x", ts.analyst).expect(t, http.StatusOK, "")
	time.Sleep(1100 * time.Millisecond)
	ts.c.get("/v1/search?q=x", ts.screener).expect(t, http.StatusOK, "")
	if n := len(ts.st.records()); n != 3 {
		t.Errorf("%d audit records, want 3 (a refused request is not screened)", n)
	}

	// A batch costs one token per query.
	ts2 := startTest(t, true, func(c *Config) { c.Rate = 5 })
	batch := map[string]any{"queries": []map[string]any{{"names": []string{"a"}}, {"names": []string{"b"}}, {"names": []string{"c"}}}}
	ts2.c.post("/v1/screen/batch", ts2.screener, batch).expect(t, http.StatusOK, "")
	ts2.c.post("/v1/screen/batch", ts2.screener, batch).expect(t, http.StatusTooManyRequests, CodeRateLimited)
}

func TestLimits(t *testing.T) {
	ts := startTest(t, true, func(c *Config) { c.MaxBatch = 4 })
	big := `{"names":["` + strings.Repeat("a", maxQueryBody) + `"]}`
	ts.c.post("/v1/screen", ts.screener, big).expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)
	// Without a Content-Length the body is cut while it is read.
	r := ts.c.do("POST", "/v1/screen", ts.screener, &unsized{strings.NewReader(big)})
	r.expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)
	var qs []map[string]any
	for range 5 {
		qs = append(qs, map[string]any{"names": []string{"x"}})
	}
	ts.c.post("/v1/screen/batch", ts.screener, map[string]any{"queries": qs}).expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)
	// A GET carries no body.
	ts.c.do("GET", "/v1/search?q=x", ts.screener, strings.NewReader("x")).expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)

	// Time limits. A record queued before the deadline is waited for and
	// answered: a decision is not left recorded but unanswered because of
	// the time limit alone. Queries of a batch not started by the deadline
	// are stopped with a timeout.
	slow := startTest(t, true, func(c *Config) { c.RequestTimeout = 50 * time.Millisecond })
	hold := make(chan struct{})
	slow.st.set(func(f *fakeStore) { f.appendHook = func() { <-hold } })
	go func() {
		time.Sleep(300 * time.Millisecond)
		close(hold)
	}()
	slow.c.get("/v1/search?q=Putin", slow.screener).expect(t, http.StatusOK, "")
	hold2 := make(chan struct{})
	slow.st.set(func(f *fakeStore) { f.appendHook = func() { <-hold2 } })
	go func() {
		time.Sleep(300 * time.Millisecond)
		close(hold2)
	}()
	qs = nil
	for range 3 * batchWorkers() {
		qs = append(qs, map[string]any{"names": []string{"Putin"}})
	}
	r = slow.c.post("/v1/screen/batch", slow.screener, map[string]any{"queries": qs})
	r.expect(t, http.StatusOK, "")
	var br testBatch
	r.decode(t, &br)
	answered, timedOut := 0, 0
	for _, l := range br.Results {
		switch {
		case l.Snapshot != "":
			answered++
		case l.Error != nil && l.Error.Code == CodeTimeout:
			timedOut++
		}
	}
	if answered == 0 || timedOut == 0 || answered+timedOut != len(qs) {
		t.Errorf("batch past its deadline: %d answered, %d timed out of %d", answered, timedOut, len(qs))
	}
	if n := len(slow.st.records()); n != 1+answered {
		t.Errorf("%d audit records, want %d", n, 1+answered)
	}
}

// unsized hides a reader's length, so the request is sent chunked.
type unsized struct{ r *strings.Reader }

func (u *unsized) Read(p []byte) (int, error) { return u.r.Read(p) }

func TestRoutesAndMethods(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.get("/v1/nothing/here", ts.admin)
	r.expect(t, http.StatusNotFound, CodeNotFound)
	r = ts.c.do("DELETE", "/v1/search", ts.admin, nil)
	r.expect(t, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
	if r.header.Get("Allow") != "GET" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	ts.c.get("/v1/screen", ts.admin).expect(t, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
	ts.c.do("HEAD", "/healthz", "", nil).expect(t, http.StatusOK, "")
	// HEAD does not screen: it would record a decision nobody reads.
	ts.c.do("HEAD", "/v1/search?q=x", ts.admin, nil).expect(t, http.StatusMethodNotAllowed, "")
	ts.c.do("HEAD", "/v1/lists", ts.admin, nil).expect(t, http.StatusOK, "")
	if n := len(ts.st.records()); n != 0 {
		t.Errorf("%d audit records after HEAD requests", n)
	}
	ts.c.get("/v1/entities/test:999", ts.analyst).expect(t, http.StatusNotFound, CodeNotFound)
	// The web UI is at "/": a browser without a session is sent to sign in.
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get("http://" + ts.Addr() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Errorf("GET /: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestEntity(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.get("/v1/entities/test:1", ts.analyst)
	r.expect(t, http.StatusOK, "")
	var e struct {
		interdict.Entity
		Snapshot   string       `json:"snapshot"`
		LinkedFrom []linkedFrom `json:"linked_from"`
	}
	r.decode(t, &e)
	if e.ID != "test:1" || len(e.Names) != 2 || e.BirthDates[0].Year != 1952 || e.Programs[0] != "RUSSIA-EO14024" || e.Snapshot == "" {
		t.Errorf("entity %s", r.body)
	}
	if len(e.LinkedFrom) != 1 || e.LinkedFrom[0].ID != "test:2" || e.LinkedFrom[0].Type != interdict.LinkVesselOwner || e.LinkedFrom[0].Name != "GRACEFUL" {
		t.Errorf("linked_from %+v", e.LinkedFrom)
	}
	// By the publisher's alternative key, and with an escaped id.
	ts.c.get("/v1/entities/test-ref:P1", ts.analyst).expect(t, http.StatusOK, "")
	ts.c.get("/v1/entities/"+url.PathEscape("test:2"), ts.analyst).expect(t, http.StatusOK, "")
	ts.c.get("/v1/entities/a%2Fb", ts.analyst).expect(t, http.StatusNotFound, CodeNotFound)
}

func TestLoading(t *testing.T) {
	release := make(chan struct{})
	ts := startTest(t, false, func(c *Config) {
		c.LoadCatalog = func(ctx context.Context) (*source.Catalog, error) {
			select {
			case <-release:
				return testCatalog(), nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	})
	// The server answers at once, while it loads.
	var h health
	r := ts.c.get("/healthz", "")
	r.expect(t, http.StatusServiceUnavailable, "")
	r.decode(t, &h)
	if h.Status != "loading" || r.header.Get("Retry-After") == "" {
		t.Errorf("healthz while loading: %s", r.body)
	}
	ts.c.get("/readyz", "").expect(t, http.StatusServiceUnavailable, "")
	r = ts.c.get("/v1/search?q=x", ts.screener)
	r.expect(t, http.StatusServiceUnavailable, CodeLoading)
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After while loading")
	}
	ts.c.get("/v1/entities/test:1", ts.analyst).expect(t, http.StatusServiceUnavailable, CodeLoading)
	ts.c.get("/v1/lists", ts.analyst).expect(t, http.StatusServiceUnavailable, CodeLoading)
	ts.c.post("/v1/screen/batch", ts.screener, `{"queries":[{"names":["x"]}]}`).expect(t, http.StatusServiceUnavailable, CodeLoading)
	// The audit trail and the metrics do not need the lists.
	ts.c.get("/v1/audit", ts.analyst).expect(t, http.StatusOK, "")
	ts.c.get("/metrics", ts.analyst).expect(t, http.StatusOK, "")
	close(release)
	waitReady(t, ts.c)
	r = ts.c.get("/healthz", "")
	r.expect(t, http.StatusOK, "")
	r.decode(t, &h)
	if h.Status != "ok" || h.Entities != 3 {
		t.Errorf("healthz: %s", r.body)
	}
	ts.c.get("/v1/search?q=x", ts.screener).expect(t, http.StatusOK, "")
}

func TestNothingToLoad(t *testing.T) {
	ts := startTest(t, false, func(c *Config) {
		c.LoadCatalog = nil
		c.DataDir = t.TempDir() // empty: nothing loadable
	})
	deadline := time.Now().Add(10 * time.Second)
	var h health
	for time.Now().Before(deadline) {
		r := ts.c.get("/healthz", "")
		r.expect(t, http.StatusServiceUnavailable, "")
		r.decode(t, &h)
		if h.Message != "" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(h.Message, "--data") {
		t.Errorf("healthz: %+v", h)
	}
	if !strings.Contains(ts.logs.String(), "Point --data at a directory") {
		t.Errorf("log: %s", ts.logs.String())
	}
	// Still serving, still refusing to screen.
	ts.c.get("/v1/search?q=x", ts.screener).expect(t, http.StatusServiceUnavailable, CodeLoading)
}

func TestAuditFailure(t *testing.T) {
	ts := startTest(t, true, nil)
	ts.st.set(func(f *fakeStore) { f.appendErr = errors.New("sqlite: database is locked (/srv/state/interdict.db)") })
	r := ts.c.get("/v1/search?q=Vladimir+Putin", ts.screener)
	r.expect(t, http.StatusInternalServerError, CodeInternal)
	if strings.Contains(string(r.body), "test:1") || strings.Contains(string(r.body), "locked") {
		t.Errorf("an unaudited answer or internal text was sent: %s", r.body)
	}
	r = ts.c.post("/v1/screen/batch", ts.screener, `{"queries":[{"names":["Putin"]},{"names":["Bank Rossiya"]}]}`)
	r.expect(t, http.StatusOK, "")
	var br testBatch
	r.decode(t, &br)
	for _, l := range br.Results {
		if l.Error == nil || l.Error.Code != CodeInternal || l.Snapshot != "" {
			t.Errorf("batch line without its audit: %+v", l)
		}
	}
	if strings.Contains(string(r.body), "locked") {
		t.Errorf("internal text leaked: %s", r.body)
	}
}

func TestBatch(t *testing.T) {
	ts := startTest(t, true, nil)
	body := `{"queries":[{"names":["Vladimir Putin"]},{"names":[]},{"names":["Bank Rossiya"],"sources":["other"]},{"names":["GRACEFUL"],"explain":false}]}`
	r := ts.c.post("/v1/screen/batch", ts.screener, body)
	r.expect(t, http.StatusOK, "")
	var br testBatch
	r.decode(t, &br)
	if len(br.Results) != 4 || br.Snapshot == "" {
		t.Fatalf("batch %s", r.body)
	}
	for i, l := range br.Results {
		if l.Index != i {
			t.Errorf("result %d has index %d", i, l.Index)
		}
	}
	if br.Results[1].Error == nil || br.Results[1].Error.Code != CodeBadRequest || !strings.Contains(br.Results[1].Error.Message, "queries[1]") {
		t.Errorf("bad item: %+v", br.Results[1])
	}
	if br.Results[0].Snapshot == "" || br.Results[0].Matches[0].ID != "test:1" || br.Results[2].Matches[0].ID != "other:1" {
		t.Errorf("results %s", r.body)
	}
	recs := ts.st.records()
	if len(recs) != 3 {
		t.Fatalf("%d audit records, want 3", len(recs))
	}
	ids := map[int64]bool{}
	for _, rec := range recs {
		if rec.Route != auditBatch {
			t.Errorf("route %q", rec.Route)
		}
		ids[rec.ID] = true
	}
	for _, l := range br.Results {
		if l.Snapshot != "" && !ids[l.AuditID] {
			t.Errorf("result %d names audit record %d, not written", l.Index, l.AuditID)
		}
	}

	// Streamed: one line per query, each durable before it is sent.
	r = ts.c.post("/v1/screen/batch", ts.screener, body, "Accept", ndjson)
	r.expect(t, http.StatusOK, "")
	if ct := r.header.Get("Content-Type"); ct != ndjson {
		t.Errorf("Content-Type %q", ct)
	}
	seen := map[int]bool{}
	sc := bufio.NewScanner(strings.NewReader(string(r.body)))
	for sc.Scan() {
		var l testLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		seen[l.Index] = true
	}
	if len(seen) != 4 {
		t.Errorf("indexes %v", seen)
	}
	if n := len(ts.st.records()); n != 6 {
		t.Errorf("%d audit records, want 6", n)
	}
}

func TestRefresh(t *testing.T) {
	var mu sync.Mutex
	var extra []*interdict.Entity
	fail := false
	ts := startTest(t, true, func(c *Config) {
		c.LoadCatalog = func(context.Context) (*source.Catalog, error) {
			mu.Lock()
			defer mu.Unlock()
			if fail {
				return nil, &source.ErrNoLists{Root: "/secret/dir"}
			}
			return testCatalog(extra...), nil
		}
	})
	var before health
	ts.c.get("/healthz", "").decode(t, &before)

	// Unchanged lists: the snapshot in service stays.
	r := ts.c.post("/v1/lists/refresh", ts.admin, nil)
	r.expect(t, http.StatusOK, "")
	var rep refreshReport
	r.decode(t, &rep)
	if rep.Changed || rep.Snapshot != before.Snapshot || rep.Previous != before.Snapshot || len(rep.Lists) != 2 || rep.Lists[1].Change != "unchanged" {
		t.Errorf("unchanged refresh: %s", r.body)
	}

	// A new entity: a new snapshot, swapped in.
	e := &interdict.Entity{ID: "test:3", Source: "test", Kind: interdict.KindOrganization}
	e.AddName(interdict.Name{Full: "Rosneft Trading", Type: interdict.NamePrimary})
	mu.Lock()
	extra = []*interdict.Entity{e}
	mu.Unlock()
	r = ts.c.post("/v1/lists/refresh", ts.admin, nil)
	r.expect(t, http.StatusOK, "")
	r.decode(t, &rep)
	if !rep.Changed || rep.Snapshot == before.Snapshot || rep.Lists[1].Source != "test" || rep.Lists[1].Change != "updated" || rep.Lists[1].Added != 1 {
		t.Errorf("changed refresh: %s", r.body)
	}
	var after health
	ts.c.get("/healthz", "").decode(t, &after)
	if after.Snapshot != rep.Snapshot || after.Entities != 4 {
		t.Errorf("after refresh: %+v", after)
	}
	var res screenResult
	ts.c.get("/v1/search?q=Rosneft+Trading", ts.screener).decode(t, &res)
	if res.Snapshot != rep.Snapshot || len(res.Matches) == 0 || res.Matches[0].ID != "test:3" {
		t.Errorf("search after refresh: %+v", res)
	}

	// A failed refresh keeps the snapshot and says nothing internal.
	mu.Lock()
	fail = true
	mu.Unlock()
	r = ts.c.post("/v1/lists/refresh", ts.admin, nil)
	r.expect(t, http.StatusInternalServerError, CodeInternal)
	if strings.Contains(string(r.body), "secret") {
		t.Errorf("internal text leaked: %s", r.body)
	}
	ts.c.get("/healthz", "").decode(t, &after)
	if after.Snapshot != rep.Snapshot {
		t.Errorf("a failed refresh changed the snapshot: %+v", after)
	}
	ts.c.post("/v1/lists/refresh", ts.analyst, nil).expect(t, http.StatusForbidden, CodeForbidden)
}

func TestListsAndAudit(t *testing.T) {
	ts := startTest(t, true, nil)
	r := ts.c.get("/v1/lists", ts.analyst)
	r.expect(t, http.StatusOK, "")
	var li listsInfo
	r.decode(t, &li)
	if li.Snapshot == "" || li.Entities != 3 || len(li.Lists) != 2 || li.Lists[1].Source != "test" || li.Lists[1].Stats.ByKind[interdict.KindVessel] != 1 ||
		li.Lists[1].Stats.Links != 1 || li.Lists[1].Published != "2026-01-01" {
		t.Errorf("lists %s", r.body)
	}

	for _, q := range []string{"Vladimir+Putin", "Jane+Doe", "Bank+Rossiya"} {
		ts.c.get("/v1/search?q="+q, ts.screener).expect(t, http.StatusOK, "")
	}
	ts.c.get("/v1/search?q=Putin", ts.analyst).expect(t, http.StatusOK, "")
	var page auditPage
	ts.c.get("/v1/audit", ts.analyst).decode(t, &page)
	if len(page.Records) != 4 || page.NextAfter != 0 {
		t.Fatalf("audit %+v", page)
	}
	ts.c.get("/v1/audit?user=alice&limit=2", ts.analyst).decode(t, &page)
	if len(page.Records) != 2 || page.NextAfter != page.Records[1].ID || page.Records[0].User != "alice" {
		t.Fatalf("page 1 %+v", page)
	}
	ts.c.get(fmt.Sprintf("/v1/audit?user=alice&limit=2&after=%d", page.NextAfter), ts.analyst).decode(t, &page)
	if len(page.Records) != 1 || page.Records[0].Query.Names[0] != "Bank Rossiya" {
		t.Fatalf("page 2 %+v", page)
	}
	ts.c.get("/v1/audit?decision=alert", ts.analyst).decode(t, &page)
	for _, rec := range page.Records {
		if rec.Decision != decisionAlert {
			t.Errorf("decision filter: %+v", rec)
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	ts.c.get("/v1/audit?from="+today+"&to="+today, ts.analyst).decode(t, &page)
	if len(page.Records) != 4 {
		t.Errorf("today: %d records", len(page.Records))
	}
	ts.c.get("/v1/audit?to=2000-01-01T00:00:00Z", ts.analyst).decode(t, &page)
	if len(page.Records) != 0 {
		t.Errorf("before 2000: %d records", len(page.Records))
	}
	for _, q := range []string{"decision=maybe", "limit=0", "limit=5000", "after=-1", "from=yesterday", "from=2026-02-01&to=2026-01-01", "who=alice", "user=a&user=b"} {
		ts.c.get("/v1/audit?"+q, ts.analyst).expect(t, http.StatusBadRequest, CodeBadRequest)
	}
}

func TestMetrics(t *testing.T) {
	ts := startTest(t, true, nil)
	ts.c.get("/v1/search?q=Putin", ts.screener).expect(t, http.StatusOK, "")
	ts.c.get("/v1/entities/test:404", ts.analyst).expect(t, http.StatusNotFound, CodeNotFound)
	ts.c.get("/v1/search?q=x", "").expect(t, http.StatusUnauthorized, CodeUnauthorized)
	r := ts.c.get("/metrics", ts.analyst)
	r.expect(t, http.StatusOK, "")
	text := string(r.body)
	for _, want := range []string{
		`interdict_http_requests_total{code="200",method="GET",route="/v1/search"} 1`,
		`interdict_http_requests_total{code="404",method="GET",route="/v1/entities/{id}"} 1`,
		`interdict_http_requests_total{code="401",method="GET",route="/v1/search"} 1`,
		`interdict_http_request_duration_seconds_bucket{code="200",method="GET",route="/v1/search",le="+Inf"} 1`,
		`interdict_screening_duration_seconds_count 1`,
		`interdict_audit_wait_seconds_count 1`,
		`interdict_list_entities{source="test"} 2`,
		`interdict_list_entities{source="other"} 1`,
		`interdict_snapshot_entities 3`,
		`interdict_ready 1`,
		"# TYPE interdict_snapshot_age_seconds gauge",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Every sample line is well formed.
	line := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? [-+0-9.eEInf]+$`)
	for l := range strings.SplitSeq(strings.TrimSpace(text), "\n") {
		if !strings.HasPrefix(l, "#") && !line.MatchString(l) {
			t.Errorf("malformed metrics line %q", l)
		}
	}
}

func TestPanicIsRecovered(t *testing.T) {
	ts := startTest(t, true, nil)
	ts.handler = http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("secret panic text") })
	r := ts.c.get("/v1/search?q=x", ts.screener)
	r.expect(t, http.StatusInternalServerError, CodeInternal)
	if strings.Contains(string(r.body), "secret") {
		t.Errorf("panic text leaked: %s", r.body)
	}
	if !strings.Contains(ts.logs.String(), "secret panic text") {
		t.Error("the panic was not logged")
	}
}

func TestWebBackend(t *testing.T) {
	ts := startTest(t, true, nil)
	b := Backend{ts.Server}
	ctx := context.Background()
	if b.Snapshot() == nil {
		t.Fatal("no snapshot")
	}
	key, err := b.LookupKey(ctx, ts.screener)
	if err != nil || key.Name != "alice" {
		t.Fatalf("lookup: %v %v", key, err)
	}
	if _, err := b.LookupKey(ctx, "idk_nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown key: %v", err)
	}
	ms, version, err := b.Screen(ctx, key, &interdict.Query{Names: []string{"Vladimir Putin"}})
	if err != nil || len(ms) == 0 || ms[0].Explanation == nil || version == "" {
		t.Fatalf("screen: %v %v %v", ms, version, err)
	}
	if recs := ts.st.records(); len(recs) != 1 || recs[0].Route != auditWeb || recs[0].User != "alice" {
		t.Errorf("audit %+v", recs)
	}
	if _, _, err := b.Screen(ctx, key, &interdict.Query{}); !errors.Is(err, screen.ErrBadQuery) {
		t.Errorf("empty query: %v", err)
	}
	if _, _, err := b.Screen(ctx, key, &interdict.Query{Names: []string{"x"}, Sources: []string{"nowhere"}}); !errors.Is(err, screen.ErrBadQuery) {
		t.Errorf("unknown source: %v", err)
	}
	// A browser session holds a key, not its secret: revocation is seen
	// through the key list.
	ts.st.RevokeKey(ctx, key.ID)
	time.Sleep(60 * time.Millisecond)
	if _, _, err := b.Screen(ctx, key, &interdict.Query{Names: []string{"x"}}); !errors.Is(err, store.ErrRevoked) {
		t.Errorf("revoked key screened: %v", err)
	}
}

func TestClose(t *testing.T) {
	st := newFakeStore()
	s := New(Config{Addr: "127.0.0.1:0", LoadCatalog: func(context.Context) (*source.Catalog, error) { return testCatalog(), nil },
		OpenStore: func(context.Context) (store.Store, error) { return st, nil }, Logger: slog.New(slog.DiscardHandler)})
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitReady(t, newClient(t, s.Addr()))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if !st.closed {
		t.Error("the store was not closed")
	}
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Error("still serving after Close")
	}
}

// testLine and testBatch read batch answers (batchLine embeds an
// unexported type, which encoding/json writes but cannot read back).
type testLine struct {
	Index    int               `json:"index"`
	Snapshot string            `json:"snapshot"`
	Decision string            `json:"decision"`
	AuditID  int64             `json:"audit_id"`
	Matches  []interdict.Match `json:"matches"`
	Error    *errorDetail      `json:"error"`
}

type testBatch struct {
	Snapshot string     `json:"snapshot"`
	Results  []testLine `json:"results"`
}
