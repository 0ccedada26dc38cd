package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

// The end-to-end tests run the real server on 127.0.0.1:0 over the real
// official lists in ../shared/data, with the SQLite store in a temporary
// state directory and keys created through that store. Every answer is
// checked against the OpenAPI document by the test client.

// e2e is one started server and what the tests need to drive it.
type e2e struct {
	srv  *Server
	db   *sqlite.DB
	c    *client
	logs *syncBuffer
	// keys by role name, and their ids.
	keys map[interdict.Role]string
	ids  map[interdict.Role]string
	// answered counts the screening decisions answered, which must each
	// be in the audit trail exactly once.
	mu       sync.Mutex
	answered int
}

func (e *e2e) countAnswered(n int) {
	e.mu.Lock()
	e.answered += n
	e.mu.Unlock()
}

// startE2E starts a server over data with a fresh SQLite store; mod
// adjusts the config.
func startE2E(t *testing.T, data string, mod func(*Config)) *e2e {
	t.Helper()
	state := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(state, "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	e := &e2e{db: db, logs: &syncBuffer{}, keys: map[interdict.Role]string{}, ids: map[interdict.Role]string{}}
	for _, role := range []interdict.Role{interdict.RoleScreener, interdict.RoleAnalyst, interdict.RoleAdmin} {
		k, secret, err := db.CreateKey(context.Background(), "e2e-"+string(role), role)
		if err != nil {
			t.Fatal(err)
		}
		e.keys[role], e.ids[role] = secret, k.ID
	}
	cfg := Config{
		Addr:      "127.0.0.1:0",
		DataDir:   data,
		StateDir:  state,
		OpenStore: func(context.Context) (store.Store, error) { return db, nil },
		MaxBatch:  50,
		Rate:      DefaultRate,
		KeyTTL:    100 * time.Millisecond,
		Logger:    slog.New(slog.NewTextHandler(e.logs, nil)),
	}
	if mod != nil {
		mod(&cfg)
	}
	e.srv = New(cfg)
	if err := e.srv.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", e.logs.String())
		}
	})
	e.c = newClient(t, e.srv.Addr())
	return e
}

func TestE2E(t *testing.T) {
	data := shared.Data(t)
	start := time.Now()
	e := startE2E(t, data, nil)
	// Listening at once, loading in the background.
	if r := e.c.get("/healthz", ""); r.status != http.StatusServiceUnavailable && r.status != http.StatusOK {
		t.Fatalf("healthz at start: %d", r.status)
	}
	waitReady(t, e.c)
	t.Logf("ready %v after start", time.Since(start).Round(time.Millisecond))
	screener, analyst, admin := e.keys[interdict.RoleScreener], e.keys[interdict.RoleAnalyst], e.keys[interdict.RoleAdmin]

	t.Run("health", func(t *testing.T) {
		var h health
		r := e.c.get("/healthz", "")
		r.expect(t, http.StatusOK, "")
		r.decode(t, &h)
		if h.Status != "ok" || h.Entities < 30000 || !strings.HasPrefix(h.Snapshot, "s-") {
			t.Errorf("healthz %s", r.body)
		}
		e.c.get("/readyz", "").expect(t, http.StatusOK, "")
	})

	t.Run("search", func(t *testing.T) {
		r := e.c.get("/v1/search?q=Vladimir+Putin&kind=person&dob=1952-10-07&country=RU&limit=5", screener)
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var res screenResult
		r.decode(t, &res)
		if len(res.Matches) == 0 || res.Decision != decisionAlert || res.AuditID == 0 {
			t.Fatalf("search %s", r.body)
		}
		ids := map[string]bool{}
		for _, m := range res.Matches {
			ids[m.ID] = true
			if m.Explanation == nil {
				t.Errorf("%s without an explanation", m.ID)
			}
		}
		if !ids["ofac-sdn:35096"] || !ids["uk:RUS0251"] {
			t.Errorf("Putin's entries missing: %s", r.body)
		}
		// The benchmark's form: a name, a kind, a limit, a source.
		r = e.c.get("/v1/search?q=AERO-CARIBBEAN&kind=organization&limit=10&source=ofac-sdn", screener)
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		r.decode(t, &res)
		for _, m := range res.Matches {
			if m.Source != "ofac-sdn" {
				t.Errorf("source filter let through %s", m.ID)
			}
		}
		// An identifier finds its vessel whatever the name.
		r = e.c.get("/v1/search?q=Some+Boat&id=imo:9187629", screener)
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
	})

	t.Run("screen", func(t *testing.T) {
		body := map[string]any{"names": []string{"Vladimir Putin", "Владимир Путин"}, "kind": "person", "birth_dates": []string{"1952-10-07"},
			"countries": []string{"Russia"}, "identifiers": []map[string]string{{"type": "passport", "value": "000000000"}}, "limit": 3}
		r := e.c.post("/v1/screen", screener, body)
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var res screenResult
		r.decode(t, &res)
		if len(res.Matches) == 0 || !res.Matches[0].Alert || len(res.Matches) > 3 {
			t.Errorf("screen %s", r.body)
		}
	})

	t.Run("shipment", func(t *testing.T) {
		// A drone engine for Russia through a transshipment country, with a
		// listed Iranian drone maker as end user: block, with reasons.
		body := map[string]any{
			"shipper":   map[string]any{"name": "Acme Motors GmbH", "country": "DE"},
			"consignee": map[string]any{"name": "Silk Road Trading FZE", "country": "AE"},
			"end_user":  map[string]any{"name": "Qods Aviation Industries", "country": "IR"},
			"route":     []string{"DE", "AE", "IR"},
			"goods":     []map[string]any{{"hs_code": "8407.10", "description": "2-stroke piston engine for UAV", "quantity": 20, "value": 40000, "currency": "EUR"}},
		}
		r := e.c.post("/v1/shipments/screen", screener, body)
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var res struct {
			AuditID  int64 `json:"audit_id"`
			Decision struct {
				Level   string `json:"level"`
				Reasons []struct {
					Rule string `json:"rule"`
				} `json:"reasons"`
			} `json:"decision"`
		}
		r.decode(t, &res)
		if res.AuditID == 0 || res.Decision.Level != "block" || len(res.Decision.Reasons) == 0 {
			t.Errorf("shipment %s", r.body)
		}
		// A shipment with an HS code of letters is refused, naming the field.
		body["goods"] = []map[string]any{{"hs_code": "ABCD", "description": "engine", "quantity": 1}}
		bad := e.c.post("/v1/shipments/screen", screener, body)
		bad.expect(t, http.StatusBadRequest, CodeBadRequest)
		if !strings.Contains(string(bad.body), "hs_code") {
			t.Errorf("refusal does not name the field: %s", bad.body)
		}
	})

	t.Run("batch", func(t *testing.T) {
		var qs []map[string]any
		names := []string{"Vladimir Putin", "Bank Rossiya", "Jane Doe", "", "Hamas", "Kim Jong Un", "GRACEFUL"}
		for _, n := range names {
			qs = append(qs, map[string]any{"names": []string{n}})
		}
		r := e.c.post("/v1/screen/batch", screener, map[string]any{"queries": qs})
		r.expect(t, http.StatusOK, "")
		var br testBatch
		r.decode(t, &br)
		ok := 0
		for i, l := range br.Results {
			if l.Index != i {
				t.Errorf("result %d index %d", i, l.Index)
			}
			if l.Error == nil {
				ok++
			} else if names[i] != "" || l.Error.Code != CodeBadRequest {
				t.Errorf("result %d: %+v", i, l.Error)
			}
		}
		if ok != len(names)-1 {
			t.Errorf("%d answered of %d", ok, len(names))
		}
		e.countAnswered(ok)

		// Streamed.
		r = e.c.post("/v1/screen/batch", screener, map[string]any{"queries": qs}, "Accept", ndjson)
		r.expect(t, http.StatusOK, "")
		sc := bufio.NewScanner(bytes.NewReader(r.body))
		lines, okLines := 0, 0
		for sc.Scan() {
			var l testLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatal(err)
			}
			lines++
			if l.Error == nil {
				okLines++
			}
		}
		if lines != len(names) || okLines != ok {
			t.Errorf("%d lines, %d answered", lines, okLines)
		}
		e.countAnswered(okLines)
	})

	t.Run("entity", func(t *testing.T) {
		r := e.c.get("/v1/entities/ofac-sdn:35096", analyst)
		r.expect(t, http.StatusOK, "")
		var ent struct {
			interdict.Entity
			LinkedFrom []linkedFrom `json:"linked_from"`
		}
		r.decode(t, &ent)
		if ent.PrimaryName() != "PUTIN, Vladimir Vladimirovich" || len(ent.Addresses) == 0 || ent.BirthDates[0].Year != 1952 {
			t.Errorf("entity %s", r.body)
		}
		yachts := map[string]bool{}
		for _, l := range ent.LinkedFrom {
			if l.Kind == interdict.KindVessel {
				yachts[l.Name] = true
			}
		}
		if !yachts["GRACEFUL"] || !yachts["OLYMPIA"] {
			t.Errorf("linked yachts %v", ent.LinkedFrom)
		}
		e.c.get("/v1/entities/uk:RUS0251", analyst).expect(t, http.StatusOK, "")
		e.c.get("/v1/entities/ofac-sdn:0", analyst).expect(t, http.StatusNotFound, CodeNotFound)
	})

	t.Run("lists", func(t *testing.T) {
		r := e.c.get("/v1/lists", analyst)
		r.expect(t, http.StatusOK, "")
		var li listsInfo
		r.decode(t, &li)
		bySource := map[string]listInfo{}
		for _, l := range li.Lists {
			bySource[l.Source] = l
		}
		if sdn := bySource["ofac-sdn"]; sdn.Published != "2024-05-03" || sdn.Stats.Entities != 14965 || sdn.Stats.ByKind[interdict.KindVessel] != 851 {
			t.Errorf("ofac-sdn %+v", sdn)
		}
		if un := bySource["un"]; un.Stats.Entities != 1003 || un.Format == "" {
			t.Errorf("un %+v", un)
		}
		if len(li.Lists) < 8 || li.Snapshot == "" {
			t.Errorf("lists %d", len(li.Lists))
		}
	})

	t.Run("metrics", func(t *testing.T) {
		r := e.c.get("/metrics", analyst)
		r.expect(t, http.StatusOK, "")
		for _, want := range []string{`interdict_list_entities{source="ofac-sdn"} 14965`, `route="/v1/search"`, "interdict_snapshot_age_seconds "} {
			if !bytes.Contains(r.body, []byte(want)) {
				t.Errorf("metrics lack %s", want)
			}
		}
		r = e.c.get("/v1/openapi.json", screener)
		r.expect(t, http.StatusOK, "")
		if !bytes.Equal(r.body, openapiJSON) {
			t.Error("openapi.json is not the embedded document")
		}
	})

	t.Run("errors", func(t *testing.T) {
		// 400
		e.c.get("/v1/search", screener).expect(t, http.StatusBadRequest, CodeBadRequest)
		e.c.get("/v1/search?q=x&dob=07.10.1952", screener).expect(t, http.StatusBadRequest, CodeBadRequest)
		e.c.get("/v1/search?q=x&limit=100000", screener).expect(t, http.StatusBadRequest, CodeBadRequest)
		e.c.post("/v1/screen", screener, `{"names": ["x"], "kind": 7}`).expect(t, http.StatusBadRequest, CodeBadRequest)
		e.c.post("/v1/screen", screener, `not json`).expect(t, http.StatusBadRequest, CodeBadRequest)
		e.c.get("/v1/audit?decision=perhaps", analyst).expect(t, http.StatusBadRequest, CodeBadRequest)
		// 401
		e.c.get("/v1/search?q=x", "").expect(t, http.StatusUnauthorized, CodeUnauthorized)
		e.c.get("/v1/search?q=x", "idk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").expect(t, http.StatusUnauthorized, CodeUnauthorized)
		e.c.get("/metrics", "").expect(t, http.StatusUnauthorized, CodeUnauthorized)
		// 403: the wrong role
		e.c.get("/v1/entities/ofac-sdn:35096", screener).expect(t, http.StatusForbidden, CodeForbidden)
		e.c.get("/v1/audit", screener).expect(t, http.StatusForbidden, CodeForbidden)
		e.c.post("/v1/lists/refresh", analyst, nil).expect(t, http.StatusForbidden, CodeForbidden)
		// 404
		e.c.get("/v1/entities/no-such:entity", analyst).expect(t, http.StatusNotFound, CodeNotFound)
		e.c.get("/v1/no-such-route", screener).expect(t, http.StatusNotFound, CodeNotFound)
		// 405
		e.c.do("PUT", "/v1/lists", analyst, nil).expect(t, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
		// 413
		big := `{"names":["` + strings.Repeat("x", 1<<20) + `"]}`
		e.c.post("/v1/screen", screener, big).expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)
		var many []map[string]any
		for range 51 {
			many = append(many, map[string]any{"names": []string{"x"}})
		}
		e.c.post("/v1/screen/batch", screener, map[string]any{"queries": many}).expect(t, http.StatusRequestEntityTooLarge, CodeTooLarge)

		// 403: a revoked key, refused within the cache's time to live.
		k, secret, err := e.db.CreateKey(context.Background(), "to-revoke", interdict.RoleScreener)
		if err != nil {
			t.Fatal(err)
		}
		e.c.get("/v1/search?q=Putin", secret).expect(t, http.StatusOK, "")
		e.countAnswered(1)
		if err := e.db.RevokeKey(context.Background(), k.ID); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			r := e.c.get("/v1/search?q=Putin", secret)
			if r.status == http.StatusForbidden {
				r.expect(t, http.StatusForbidden, CodeForbidden)
				break
			}
			r.expect(t, http.StatusOK, "")
			e.countAnswered(1)
			if time.Now().After(deadline) {
				t.Fatal("a revoked key is still accepted")
			}
			time.Sleep(20 * time.Millisecond)
		}

		// 429: a key limited to 120 requests a minute (two a second).
		k, secret, err = e.db.CreateKey(context.Background(), "slow", interdict.RoleScreener)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SetKeyRate(context.Background(), k.ID, 120); err != nil {
			t.Fatal(err)
		}
		limited := false
		for range 5 {
			r := e.c.get("/v1/search?q=x", secret)
			if r.status == http.StatusTooManyRequests {
				r.expect(t, http.StatusTooManyRequests, CodeRateLimited)
				if r.header.Get("Retry-After") == "" {
					t.Error("429 without Retry-After")
				}
				limited = true
				break
			}
			r.expect(t, http.StatusOK, "")
			e.countAnswered(1)
		}
		if !limited {
			t.Error("5 quick requests on a key of 2 a second were all served")
		}
	})

	t.Run("refresh", func(t *testing.T) {
		var before health
		e.c.get("/healthz", "").decode(t, &before)
		r := e.c.post("/v1/lists/refresh", admin, nil)
		r.expect(t, http.StatusOK, "")
		var rep refreshReport
		r.decode(t, &rep)
		// The same files give the same snapshot, which stays in service.
		if rep.Changed || rep.Snapshot != before.Snapshot || len(rep.Lists) < 8 {
			t.Errorf("refresh %s", r.body)
		}
		for _, l := range rep.Lists {
			if l.Change != "unchanged" {
				t.Errorf("%s: %s", l.Source, l.Change)
			}
		}
	})

	t.Run("audit", func(t *testing.T) {
		n, err := e.db.CountAudit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if int(n) != e.answered {
			t.Errorf("%d audit records for %d answered decisions", n, e.answered)
		}
		r := e.c.get("/v1/audit?limit=3", analyst)
		r.expect(t, http.StatusOK, "")
		var page auditPage
		r.decode(t, &page)
		if len(page.Records) != 3 || page.NextAfter != page.Records[2].ID {
			t.Fatalf("audit %s", r.body)
		}
		first := page.Records[0]
		if first.User != "e2e-screener" || first.KeyID != e.ids[interdict.RoleScreener] || first.Route != auditSearch ||
			first.Query.Names[0] != "Vladimir Putin" || first.Decision != decisionAlert || len(first.Matches) == 0 || first.Snapshot == "" {
			t.Errorf("first record %+v", first)
		}
		total := 0
		after := int64(0)
		for {
			var p auditPage
			e.c.get(fmt.Sprintf("/v1/audit?limit=7&after=%d", after), analyst).decode(t, &p)
			total += len(p.Records)
			if p.NextAfter == 0 {
				break
			}
			after = p.NextAfter
		}
		if total != int(n) {
			t.Errorf("paged through %d records of %d", total, n)
		}
		e.c.get("/v1/audit?user=e2e-screener&decision=clear", analyst).decode(t, &page)
		for _, rec := range page.Records {
			if rec.User != "e2e-screener" || rec.Decision != decisionClear {
				t.Errorf("filtered record %+v", rec)
			}
		}
	})
}

// TestE2ELoading holds a real server in its loading state: it answers at
// once, 503 everywhere that needs the lists, and 200 once they are in.
func TestE2ELoading(t *testing.T) {
	data := shared.Data(t, "un_consolidated")
	release := make(chan struct{})
	e := startE2E(t, "", func(c *Config) {
		c.LoadCatalog = func(ctx context.Context) (*source.Catalog, error) {
			select {
			case <-release:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return source.Load(ctx, data)
		}
	})
	screener := e.keys[interdict.RoleScreener]
	// The store opens first; wait for it, so that 503 below is the lists'.
	deadline := time.Now().Add(10 * time.Second)
	for e.srv.backend.Load() == nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	e.c.get("/healthz", "").expect(t, http.StatusServiceUnavailable, "")
	e.c.get("/readyz", "").expect(t, http.StatusServiceUnavailable, "")
	r := e.c.get("/v1/search?q=Ayman+al-Zawahiri", screener)
	r.expect(t, http.StatusServiceUnavailable, CodeLoading)
	if r.header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	e.c.post("/v1/screen", screener, `{"names":["x"]}`).expect(t, http.StatusServiceUnavailable, CodeLoading)
	close(release)
	waitReady(t, e.c)
	r = e.c.get("/v1/search?q=Ayman+al-Zawahiri", screener)
	r.expect(t, http.StatusOK, "")
	var res screenResult
	r.decode(t, &res)
	if len(res.Matches) == 0 || res.Matches[0].Source != "un" {
		t.Errorf("search %s", r.body)
	}
}

// TestE2EFirstStartFetches starts a server with an empty state directory
// and no --data: it fetches the lists (from a local stand-in for the
// publisher), loads them, and reports each file's SHA-256. A second
// server whose publisher is unreachable keeps answering 503 and says in
// its log how to start with --data.
func TestE2EFirstStartFetches(t *testing.T) {
	body, err := os.ReadFile(shared.Data(t, "un_consolidated", "UN_consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var down bool
	var mu sync.Mutex
	pub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if down {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Write(body)
	}))
	defer pub.Close()
	remotes := []source.Remote{{Source: "un", Files: []source.RemoteFile{{Name: "un_consolidated.xml", URL: pub.URL + "/un.xml"}}}}

	e := startE2E(t, "", func(c *Config) { c.Fetcher = &source.Fetcher{Remotes: remotes, Client: pub.Client()} })
	waitReady(t, e.c)
	r := e.c.get("/v1/lists", e.keys[interdict.RoleAnalyst])
	r.expect(t, http.StatusOK, "")
	var li listsInfo
	r.decode(t, &li)
	if len(li.Lists) != 1 || li.Lists[0].Source != "un" || li.Lists[0].FetchedAt == nil || len(li.Lists[0].Downloads) != 1 ||
		len(li.Lists[0].Downloads[0].SHA256) != 64 {
		t.Errorf("lists %s", r.body)
	}
	// A refresh fetches again: the publisher's file is the same.
	r = e.c.post("/v1/lists/refresh", e.keys[interdict.RoleAdmin], nil)
	r.expect(t, http.StatusOK, "")
	var rep refreshReport
	r.decode(t, &rep)
	if rep.Changed || len(rep.Fetched) != 1 || rep.Fetched[0].Status != "unchanged" {
		t.Errorf("refresh %s", r.body)
	}

	mu.Lock()
	down = true
	mu.Unlock()
	e2 := startE2E(t, "", func(c *Config) { c.Fetcher = &source.Fetcher{Remotes: remotes, Client: pub.Client()} })
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(e2.logs.String(), "--data DIR") {
		if time.Now().After(deadline) {
			t.Fatalf("no advice in the log:\n%s", e2.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	var h health
	r = e2.c.get("/healthz", "")
	r.expect(t, http.StatusServiceUnavailable, "")
	r.decode(t, &h)
	if h.Status != "loading" || h.Message == "" {
		t.Errorf("healthz %s", r.body)
	}
	e2.c.get("/v1/search?q=x", e2.keys[interdict.RoleScreener]).expect(t, http.StatusServiceUnavailable, CodeLoading)
}
