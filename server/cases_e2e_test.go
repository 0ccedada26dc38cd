package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/webhook"
)

// hookReceiver records the deliveries that reach it, checking each
// signature with the secret it is given once the webhook exists.
type hookReceiver struct {
	mu     sync.Mutex
	secret string
	keys   map[string]int
	alerts map[int64]webhook.Payload
	bad    int
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := webhook.Verify(h.secret, r.Header.Get(webhook.HeaderSignature), body, time.Now(), time.Minute); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p webhook.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.keys[r.Header.Get(webhook.HeaderKey)]++
	h.alerts[p.Alert.ID] = p
	w.WriteHeader(http.StatusNoContent)
}

func (h *hookReceiver) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.alerts)
}

// TestCasesE2E drives cases, monitoring and webhooks through the API on
// SQLite: registration opens alerts, the four-eyes rule holds, a refresh
// that adds a listed party and changes another opens exactly their
// alerts (the dismissed pair alerts again, its entity having changed),
// and a webhook receives every alert, signed.
func TestCasesE2E(t *testing.T) {
	// The lists: version 1 is testCatalog; version 2 adds Chemezov and a
	// new alias of Putin.
	var version atomic.Int32
	version.Store(1)
	catalog := func(context.Context) (*source.Catalog, error) {
		if version.Load() == 1 {
			return testCatalog(), nil
		}
		chemezov := &interdict.Entity{ID: "test:3", Source: "test", Kind: interdict.KindPerson, Programs: []string{"RUSSIA-EO14024"}}
		chemezov.AddName(interdict.Name{Full: "Sergei Viktorovich CHEMEZOV", Type: interdict.NamePrimary})
		cat := testCatalog(chemezov)
		for _, l := range cat.Lists {
			if l.Source == "test" {
				l.Live.Published = "2026-02-01"
				l.Live.Entities[0].AddName(interdict.Name{Full: "Vladimir PUTIN", Type: interdict.NameAKA})
			}
		}
		return cat, nil
	}
	rc := &hookReceiver{keys: map[string]int{}, alerts: map[int64]webhook.Payload{}}
	hooks := httptest.NewServer(rc)
	defer hooks.Close()
	e := startE2E(t, "", func(c *Config) {
		c.LoadCatalog = catalog
		c.FourEyes = true
		c.WebhookClient = hooks.Client()
	})
	waitReady(t, e.c)
	screener, analyst, admin := e.keys[interdict.RoleScreener], e.keys[interdict.RoleAnalyst], e.keys[interdict.RoleAdmin]

	// Roles.
	e.c.get("/v1/alerts", screener).expect(t, http.StatusForbidden, CodeForbidden)
	e.c.post("/v1/webhooks", analyst, map[string]string{"url": hooks.URL}).expect(t, http.StatusForbidden, CodeForbidden)

	// A webhook, before any alert.
	r := e.c.post("/v1/webhooks", admin, map[string]string{"name": "case system", "url": hooks.URL + "/in"})
	r.expect(t, http.StatusOK, "")
	var created webhookCreated
	r.decode(t, &created)
	if !strings.HasPrefix(created.Secret, "whsec_") || created.ID == 0 {
		t.Fatalf("webhook created: %s", r.body)
	}
	rc.mu.Lock()
	rc.secret = created.Secret
	rc.mu.Unlock()
	if r := e.c.get("/v1/webhooks", admin); strings.Contains(string(r.body), created.Secret) {
		t.Errorf("GET /v1/webhooks shows the secret: %s", r.body)
	}
	e.c.post("/v1/webhooks", admin, map[string]string{"url": "ftp://x"}).expect(t, http.StatusBadRequest, CodeBadRequest)

	// Registration screens at once; Putin's customer record alerts.
	r = e.c.post("/v1/monitored", screener, map[string]any{"parties": []map[string]any{
		{"id": "cust-1", "names": []string{"Vladimir Putin"}, "kind": "person"},
		{"id": "cust-2", "names": []string{"Sergei Chemezov"}},
		{"id": "cust-3", "names": []string{"Maria Jensen"}},
	}})
	r.expect(t, http.StatusOK, "")
	var reg registerResponse
	r.decode(t, &reg)
	if reg.Result.Added != 3 || len(reg.Opened) != 1 {
		t.Fatalf("registration: %s", r.body)
	}
	putinAlert := reg.Opened[0]
	e.c.post("/v1/monitored", screener, map[string]any{"parties": []map[string]any{{"id": "", "names": []string{"X"}}}}).expect(t, http.StatusBadRequest, CodeBadRequest)

	// The queue and the case.
	var page alertsPage
	r = e.c.get("/v1/alerts?state=active", analyst)
	r.expect(t, http.StatusOK, "")
	r.decode(t, &page)
	if len(page.Alerts) != 1 || page.Alerts[0].ID != putinAlert || page.Alerts[0].EntityID != "test:1" || page.Counts[interdict.AlertOpen] != 1 {
		t.Fatalf("queue: %s", r.body)
	}
	e.c.get("/v1/alerts?state=maybe", analyst).expect(t, http.StatusBadRequest, CodeBadRequest)
	e.c.get("/v1/alerts/999", analyst).expect(t, http.StatusNotFound, CodeNotFound)
	e.c.get("/v1/alerts/abc", analyst).expect(t, http.StatusNotFound, CodeNotFound)

	// Four eyes: the analyst proposes, cannot approve alone; another key
	// approves.
	path := fmt.Sprintf("/v1/alerts/%d/decision", putinAlert)
	e.c.post(path, analyst, map[string]any{"action": "dismiss"}).expect(t, http.StatusBadRequest, CodeBadRequest)
	e.c.post(path, analyst, map[string]any{"action": "dismiss", "reason": "x", "version": 7}).expect(t, http.StatusConflict, CodeConflict)
	var cs caseResponse
	r = e.c.post(path, analyst, map[string]any{"action": "dismiss", "reason": "our customer is a namesake born 1980", "version": 1})
	r.expect(t, http.StatusOK, "")
	r.decode(t, &cs)
	if cs.Alert.State != interdict.AlertPendingDismiss || !cs.FourEyes || len(cs.History) != 2 {
		t.Fatalf("after the proposal: %s", r.body)
	}
	e.c.post(path, analyst, map[string]any{"action": "approve"}).expect(t, http.StatusConflict, CodeConflict)
	r = e.c.post(path, admin, map[string]any{"action": "approve", "reason": "checked the DOB"})
	r.expect(t, http.StatusOK, "")
	r.decode(t, &cs)
	if cs.Alert.State != interdict.AlertDismissed || len(cs.History) != 3 || cs.History[2].KeyID != e.ids[interdict.RoleAdmin] {
		t.Fatalf("after approval: %s", r.body)
	}
	e.c.post(path, admin, map[string]any{"action": "confirm", "reason": "again"}).expect(t, http.StatusConflict, CodeConflict)
	r = e.c.post(fmt.Sprintf("/v1/alerts/%d/notes", putinAlert), analyst, map[string]string{"text": "customer file updated"})
	r.expect(t, http.StatusOK, "")
	r.decode(t, &cs)
	if len(cs.History) != 4 || cs.History[3].Kind != interdict.EventNote || cs.Alert.State != interdict.AlertDismissed {
		t.Errorf("after a note: %s", r.body)
	}

	// A refresh to version 2: Chemezov is listed (cust-2 alerts), Putin's
	// record changed (the dismissed pair alerts again).
	version.Store(2)
	r = e.c.post("/v1/lists/refresh", admin, nil)
	r.expect(t, http.StatusOK, "")
	var rep refreshReport
	r.decode(t, &rep)
	var mp monitoredPage
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		e.c.get("/v1/monitored", analyst).decode(t, &mp)
		if mp.LastRefresh != nil && mp.LastRefresh.Snapshot == rep.Snapshot {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if mp.LastRefresh == nil || mp.LastRefresh.Snapshot != rep.Snapshot {
		t.Fatalf("monitoring did not follow the refresh to %s: %+v", rep.Snapshot, mp.LastRefresh)
	}
	lr := mp.LastRefresh
	if mp.Total != 3 || lr.EntitiesAdded != 1 || lr.EntitiesChanged != 1 || lr.Opened != 2 || lr.Rescreened >= 3 {
		t.Errorf("refresh monitoring: total %d, %+v", mp.Total, lr)
	}
	r = e.c.get("/v1/alerts?state=open", analyst)
	r.decode(t, &page)
	got := map[string]string{}
	for _, a := range page.Alerts {
		got[a.Party] = a.EntityID + " " + a.Origin
	}
	if len(page.Alerts) != 2 || got["cust-1"] != "test:1 refresh" || got["cust-2"] != "test:3 refresh" {
		t.Errorf("open alerts after the refresh: %v", got)
	}

	// A customer book import with a bad line.
	r = e.c.post("/v1/monitored/import", screener, "id,name,kind\ncust-4,Bank Rossiya,organization\ncust-5,Someone,robot\n", "Content-Type", "text/csv")
	r.expect(t, http.StatusOK, "")
	r.decode(t, &reg)
	if reg.Result.Added != 1 || len(reg.Opened) != 1 || len(reg.Rejects) != 1 || reg.Rejects[0].Line != 3 {
		t.Errorf("import: %s", r.body)
	}
	e.c.post("/v1/monitored/import", screener, "name\nX\n", "Content-Type", "text/csv").expect(t, http.StatusBadRequest, CodeBadRequest)

	// Every alert reached the webhook, signed, each under its key.
	var all alertsPage
	e.c.get("/v1/alerts", analyst).decode(t, &all)
	for time.Now().Before(deadline) && rc.count() < len(all.Alerts) {
		time.Sleep(20 * time.Millisecond)
	}
	rc.mu.Lock()
	for _, a := range all.Alerts {
		if p, ok := rc.alerts[a.ID]; !ok || p.IdempotencyKey != interdict.DeliveryKey(a.ID, created.ID) {
			t.Errorf("alert %d not delivered (or under another key): %+v", a.ID, p)
		}
	}
	if rc.bad != 0 {
		t.Errorf("%d deliveries failed the signature check", rc.bad)
	}
	rc.mu.Unlock()
	t.Logf("%d alerts, all delivered to the webhook", len(all.Alerts))
	var dl deliveriesPage
	r = e.c.get("/v1/webhooks/dead-letters", admin)
	r.expect(t, http.StatusOK, "")
	r.decode(t, &dl)
	if len(dl.Deliveries) != 0 {
		t.Errorf("dead letters: %s", r.body)
	}
	e.c.post("/v1/webhooks/dead-letters/1/requeue", admin, nil).expect(t, http.StatusConflict, CodeConflict)
	e.c.do(http.MethodDelete, "/v1/monitored/cust-3", analyst, nil).expect(t, http.StatusOK, "")
	e.c.do(http.MethodDelete, "/v1/monitored/cust-3", analyst, nil).expect(t, http.StatusNotFound, CodeNotFound)
}

// TestCasesWeb: the alert queue and the case page, with the decision
// form and its CSRF token.
func TestCasesWeb(t *testing.T) {
	e := startE2E(t, "", func(c *Config) {
		c.LoadCatalog = func(context.Context) (*source.Catalog, error) { return testCatalog(), nil }
	})
	waitReady(t, e.c)
	r := e.c.post("/v1/monitored", e.keys[interdict.RoleScreener], map[string]any{"parties": []map[string]any{{"id": "cust-web", "names": []string{"Vladimir Putin"}}}})
	r.expect(t, http.StatusOK, "")
	var reg registerResponse
	r.decode(t, &reg)
	if len(reg.Opened) != 1 {
		t.Fatalf("registration: %s", r.body)
	}
	id := reg.Opened[0]

	signIn := func(key string) (get func(string) (int, string), post func(string, url.Values) (int, string)) {
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar, Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		base := "http://" + e.srv.Addr()
		get = func(path string) (int, string) {
			t.Helper()
			resp, err := hc.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		post = func(path string, v url.Values) (int, string) {
			t.Helper()
			resp, err := hc.PostForm(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		_, form := get("/signin")
		m := csrfField.FindStringSubmatch(form)
		if m == nil {
			t.Fatalf("no sign-in form:\n%s", form)
		}
		if code, _ := post("/signin", url.Values{"csrf": {m[1]}, "key": {key}}); code != http.StatusSeeOther {
			t.Fatalf("sign-in: %d", code)
		}
		return get, post
	}

	sget, _ := signIn(e.keys[interdict.RoleScreener])
	if code, _ := sget("/alerts"); code != http.StatusForbidden {
		t.Errorf("GET /alerts with a screener key: %d", code)
	}

	get, post := signIn(e.keys[interdict.RoleAnalyst])
	code, body := get("/alerts")
	if code != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`href="/alerts/%d"`, id)) || !strings.Contains(body, "cust-web") {
		t.Fatalf("GET /alerts: %d\n%s", code, body)
	}
	casePath := fmt.Sprintf("/alerts/%d", id)
	code, body = get(casePath)
	m := csrfField.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil || !strings.Contains(body, `name="version" value="1"`) || !strings.Contains(body, "PUTIN") {
		t.Fatalf("GET %s: %d\n%s", casePath, code, body)
	}
	csrf := m[1]
	if code, _ := post(casePath+"/decision", url.Values{"action": {"dismiss"}, "reason": {"namesake"}, "version": {"1"}}); code != http.StatusForbidden {
		t.Errorf("decision without the CSRF token: %d", code)
	}
	if code, body := post(casePath+"/decision", url.Values{"csrf": {csrf}, "action": {"dismiss"}, "version": {"1"}}); code != http.StatusConflict || !strings.Contains(body, "Give a reason") {
		t.Errorf("decision without a reason: %d\n%s", code, body)
	}
	if code, _ := post(casePath+"/decision", url.Values{"csrf": {csrf}, "action": {"dismiss"}, "reason": {"a namesake born 1980"}, "version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("decision: %d", code)
	}
	if code, body := post(casePath+"/decision", url.Values{"csrf": {csrf}, "action": {"confirm"}, "reason": {"late"}, "version": {"1"}}); code != http.StatusConflict || !strings.Contains(body, "changed while you were reading") {
		t.Errorf("a decision on a stale version: %d\n%s", code, body)
	}
	code, body = get(casePath)
	if code != http.StatusOK || !strings.Contains(body, "dismissed: false positive") || !strings.Contains(body, "a namesake born 1980") || strings.Contains(body, `name="action"`) {
		t.Errorf("case page after the decision: %d\n%s", code, body)
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
