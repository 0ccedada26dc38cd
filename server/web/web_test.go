package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// clock is a settable Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestSignInAndOut(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	srv, c := newServer(t, newFake(hostileSnapshot(t)), Options{SessionTTL: time.Hour, Now: clk.now})

	// Pages need a session; the sign-in form brings the reader back.
	a := c.get("/lists")
	if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/signin?next=%2Flists" {
		t.Fatalf("GET /lists signed out: %d %q", a.Status, a.Header.Get("Location"))
	}
	if a := c.get("/"); a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/signin" {
		t.Fatalf("GET / signed out: %d %q", a.Status, a.Header.Get("Location"))
	}

	form := c.get("/signin?next=%2Flists")
	if form.Status != http.StatusOK {
		t.Fatalf("sign-in form: %d", form.Status)
	}
	mustContain(t, form.Body, `<label for="key">API key</label>`, `type="password"`, `name="next" value="/lists"`)
	token := csrf(t, form)

	// A wrong key, a revoked key, an empty key.
	for key, status := range map[string]int{"nope": http.StatusUnauthorized, revokedKey: http.StatusUnauthorized, "  ": http.StatusBadRequest} {
		a := c.post("/signin", url.Values{"csrf": {token}, "key": {key}, "next": {"/lists"}})
		if a.Status != status {
			t.Errorf("key %q: status %d, want %d", key, a.Status, status)
		}
		if status == http.StatusUnauthorized {
			mustContain(t, a.Body, "That key was not accepted")
		}
		mustNotContain(t, a.Body, "not found", "revoked")
	}
	// The key store failing is not the reader's fault, and its error
	// text stays in the log.
	a = c.post("/signin", url.Values{"csrf": {token}, "key": {brokenKey}})
	if a.Status != http.StatusServiceUnavailable {
		t.Errorf("key store down: status %d", a.Status)
	}
	mustNotContain(t, a.Body, "sqlite", "locked", "/var/lib")

	// The right key: a session cookie, never the key.
	a = c.post("/signin", url.Values{"csrf": {token}, "key": {analystKey}, "next": {"/lists"}})
	if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/lists" {
		t.Fatalf("sign-in: %d %q\n%s", a.Status, a.Header.Get("Location"), a.Body)
	}
	var sess *http.Cookie
	for _, ck := range (&http.Response{Header: a.Header}).Cookies() {
		if ck.Name == "interdict_session" {
			sess = ck
		}
		if strings.Contains(ck.Value, analystKey) {
			t.Errorf("cookie %s holds the key", ck.Name)
		}
	}
	if sess == nil {
		t.Fatal("no session cookie")
	}
	if !sess.HttpOnly || sess.SameSite != http.SameSiteStrictMode || sess.Path != "/" || sess.Secure || len(sess.Value) < 40 {
		t.Errorf("session cookie: %+v", sess)
	}
	page := c.get("/lists")
	if page.Status != http.StatusOK {
		t.Fatalf("lists after sign-in: %d", page.Status)
	}
	mustContain(t, page.Body, "Ana Analyst", ">analyst<", `action="/signout"`)
	if c.get("/signin").Status != http.StatusSeeOther {
		t.Error("sign-in form shown to a signed-in reader")
	}

	// A second browser does not share the session.
	other := newClient(t, srv)
	if a := other.get("/lists"); a.Status != http.StatusSeeOther {
		t.Errorf("other browser: %d", a.Status)
	}

	// Sign out needs the token, then ends the session on the server.
	if a := c.post("/signout", url.Values{}); a.Status != http.StatusForbidden {
		t.Errorf("sign-out without token: %d", a.Status)
	}
	a = c.post("/signout", url.Values{"csrf": {csrf(t, page)}})
	if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/signin?m=signedout" {
		t.Fatalf("sign-out: %d %q", a.Status, a.Header.Get("Location"))
	}
	if a := c.get("/signin?m=signedout"); !strings.Contains(a.Body, "You have signed out.") {
		t.Error("no signed-out notice")
	}
	// The old cookie replayed is worthless.
	replay := newClient(t, srv)
	u, _ := url.Parse(srv.URL)
	replay.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "interdict_session", Value: sess.Value}})
	if a := replay.get("/lists"); a.Status != http.StatusSeeOther {
		t.Errorf("replayed session after sign-out: %d", a.Status)
	}

	// Sessions expire on the server whatever the browser keeps.
	c.signIn(analystKey)
	clk.add(59 * time.Minute)
	if a := c.get("/lists"); a.Status != http.StatusOK {
		t.Errorf("before expiry: %d", a.Status)
	}
	clk.add(2 * time.Minute)
	if a := c.get("/lists"); a.Status != http.StatusSeeOther {
		t.Errorf("after expiry: %d", a.Status)
	}
	// A form posted after expiry says why the reader must sign in again.
	a = c.post("/search", url.Values{"csrf": {"x"}, "name": {"x"}})
	if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/signin?m=expired" {
		t.Errorf("post after expiry: %d %q", a.Status, a.Header.Get("Location"))
	}
}

func TestNextIsLocal(t *testing.T) {
	_, c := newServer(t, newFake(hostileSnapshot(t)), Options{})
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/signout"} {
		form := c.get("/signin?next=" + url.QueryEscape(next))
		a := c.post("/signin", url.Values{"csrf": {csrf(t, form)}, "key": {analystKey}, "next": {next}})
		if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/" {
			t.Errorf("next %q: %d %q", next, a.Status, a.Header.Get("Location"))
		}
		c.post("/signout", url.Values{"csrf": {csrf(t, c.get("/"))}})
	}
}

func TestSecureCookies(t *testing.T) {
	h := New(newFake(hostileSnapshot(t)), Options{Secure: true, SessionTTL: 30 * time.Minute})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/signin", nil))
	pre := rec.Result().Cookies()
	if len(pre) != 1 || pre[0].Name != "__Host-interdict_signin" || !pre[0].Secure || !pre[0].HttpOnly || pre[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("sign-in cookie: %+v", pre)
	}
	token := csrfRE.FindStringSubmatch(rec.Body.String())[1]
	req := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(url.Values{"csrf": {token}, "key": {analystKey}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(pre[0])
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", rec.Code)
	}
	var sess *http.Cookie
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == "__Host-interdict_session" {
			sess = ck
		}
	}
	if sess == nil || !sess.Secure || !sess.HttpOnly || sess.Path != "/" || sess.Domain != "" || sess.MaxAge != 1800 {
		t.Fatalf("session cookie: %+v", sess)
	}
}

func TestCSRF(t *testing.T) {
	fake := newFake(ofacSnapshot(t))
	srv, c := newServer(t, fake, Options{})
	token := c.signIn(analystKey)

	name := url.Values{"name": {"Vladimir Putin"}}
	for _, tc := range []struct {
		what  string
		token string
	}{{"no token", ""}, {"wrong token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, {"token with a character changed", token[:len(token)-1] + "x"}} {
		form := url.Values{"name": name["name"]}
		if tc.token != "" {
			form.Set("csrf", tc.token)
		}
		a := c.post("/search", form)
		if a.Status != http.StatusForbidden {
			t.Errorf("%s: status %d", tc.what, a.Status)
		}
		mustContain(t, a.Body, "That form could not be accepted")
	}
	// Another session's token is no good either.
	other := newClient(t, srv)
	otherToken := other.signIn(analystKey)
	if otherToken == token {
		t.Fatal("two sessions share a CSRF token")
	}
	if a := c.post("/search", url.Values{"csrf": {otherToken}, "name": {"x"}}); a.Status != http.StatusForbidden {
		t.Errorf("other session's token: %d", a.Status)
	}
	// A cross-site post with the right token is refused too (Sec-Fetch-Site
	// or, from older browsers, Origin).
	body := url.Values{"csrf": {token}, "name": {"Vladimir Putin"}}
	if a := c.do(http.MethodPost, "/search", body, "Sec-Fetch-Site", "cross-site"); a.Status != http.StatusForbidden {
		t.Errorf("cross-site post: %d", a.Status)
	}
	if a := c.do(http.MethodPost, "/search", body, "Origin", "https://evil.example"); a.Status != http.StatusForbidden {
		t.Errorf("foreign origin post: %d", a.Status)
	}
	if n := fake.screenings(); n != 0 {
		t.Errorf("%d screenings ran from refused forms", n)
	}
	// The same form, same-origin, works.
	if a := c.do(http.MethodPost, "/search", body, "Sec-Fetch-Site", "same-origin"); a.Status != http.StatusSeeOther {
		t.Errorf("same-origin post: %d\n%s", a.Status, a.Body)
	}

	// Login CSRF: a sign-in post needs the token of a form this browser
	// was given.
	fresh := newClient(t, srv)
	a := fresh.post("/signin", url.Values{"key": {analystKey}, "csrf": {"forged"}})
	if a.Status != http.StatusForbidden {
		t.Errorf("sign-in without the form's cookie: %d", a.Status)
	}
	mustContain(t, a.Body, "The sign-in form had expired")
	if a := fresh.get("/"); a.Status != http.StatusSeeOther {
		t.Error("forged sign-in made a session")
	}
	// The refusal came with a fresh form that works.
	a = fresh.post("/signin", url.Values{"key": {analystKey}, "csrf": {csrf(t, a)}})
	if a.Status != http.StatusSeeOther {
		t.Errorf("sign-in with the renewed form: %d", a.Status)
	}
}

func TestSearch(t *testing.T) {
	fake := newFake(ofacSnapshot(t))
	srv, c := newServer(t, fake, Options{})
	token := c.signIn(analystKey)

	page := c.get("/")
	mustContain(t, page.Body, `<h1>Screen a name</h1>`, `<label for="name">Name</label>`, `<label for="kind">Kind</label>`,
		`<label for="dob">Birth date`, `<label for="country">Country`, `<option value="Russia">RU</option>`, `autofocus`)

	a := c.search(token, url.Values{"name": {"Vladimir Putin"}, "kind": {"person"}, "dob": {"1952"}, "country": {"Russia"}})
	if a.Status != http.StatusOK {
		t.Fatalf("results: %d\n%s", a.Status, a.Body)
	}
	q := fake.lastQuery(t)
	if len(q.Names) != 1 || q.Names[0] != "Vladimir Putin" || q.Kind != interdict.KindPerson ||
		len(q.BirthDates) != 1 || q.BirthDates[0] != (interdict.Date{Year: 1952}) || len(q.Countries) != 1 || q.Countries[0] != "RU" {
		t.Errorf("query: %+v", q)
	}
	if k := fake.keys[len(fake.keys)-1]; k.ID != "key-analyst" || k.Role != interdict.RoleAnalyst {
		t.Errorf("screened for key %+v", k)
	}
	snap := fake.Snapshot()
	mustContain(t, a.Body,
		`<title>`, `matches for Vladimir Putin · Interdict</title>`,
		`<a href="/entities/ofac-sdn:35096">PUTIN, Vladimir Vladimirovich</a>`,
		`<span class="badge alert">Alert</span>`,
		`Matched a.k.a.: <span dir="auto">PUTIN, Vladimir</span>`,
		`ofac-sdn`, `person`,
		// The explanation in words and in tables.
		`The query name “Vladimir Putin” was compared with the listed a.k.a. “PUTIN, Vladimir”`,
		`2 of 2 query tokens were paired with listed tokens (2 identical).`,
		`Birth date raised the score by 0.03 (birth year agrees: 1952 vs 1952-10-07); country raised the score by 0.02 (country RU agrees).`,
		fmt.Sprintf(`reaches the alert threshold of %.2f, so this match alerts.`, interdict.DefaultThreshold),
		`<th scope="col">Query token</th>`,
		`Filtered by person, born 1952, country Russia (RU).`,
		`Snapshot <code>`+snap.Version+`</code>`,
		`value="Vladimir Putin"`, `<option value="person" selected>`, `value="1952"`, `value="Russia"`,
	)
	// The weights depend on the matcher's tuning; the pairing does not.
	if !strings.Contains(strings.Join(rows(a.Body), "\n"), "putin | putin | identical | 1.00 | ") {
		t.Errorf("no row pairing putin with putin")
	}
	mustHaveRow(t, a.Body,
		"Name score | 1.000 | similarity of the best-matching name, weighted by token rarity",
		"Birth date | +0.03 | birth year agrees: 1952 vs 1952-10-07",
		"Country | +0.02 | country RU agrees",
		fmt.Sprintf("Final score | 1.000 | the sum 1.050, kept within 0 to 1; alert threshold %.2f", interdict.DefaultThreshold),
	)
	// A lowering attribute (another birth year, another kind) shows as such.
	if !strings.Contains(strings.Join(rows(a.Body), "\n"), " | −0.") {
		t.Errorf("no lowering adjustment shown")
	}
	mustContain(t, a.Body, `<td class="n down">−0.`)

	// Reloading the results page shows them again without screening again.
	n := fake.screenings()
	again := c.search(token, url.Values{"name": {"Vladimir Putin"}})
	if again.Status != http.StatusOK || fake.screenings() != n+1 {
		t.Fatalf("second search: %d, %d screenings", again.Status, fake.screenings())
	}

	// Form errors are shown by the fields, with the values kept.
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"name": {"  "}}, "Enter a name to screen."},
		{url.Values{"name": {"X"}, "dob": {"07/10/1952"}}, "Enter the birth date as a year"},
		{url.Values{"name": {"X"}, "dob": {"1952-13-40"}}, "Enter the birth date as a year"},
		{url.Values{"name": {"X"}, "country": {"Atlantis"}}, "That country was not recognised."},
		{url.Values{"name": {"X"}, "kind": {"dragon"}}, "Choose a kind from the list."},
		{url.Values{"name": {strings.Repeat("a", 1100)}}, "The name is too long"},
	} {
		before := fake.screenings()
		a := c.search(token, tc.form)
		if a.Status != http.StatusBadRequest {
			t.Errorf("%v: status %d", tc.form, a.Status)
		}
		mustContain(t, a.Body, tc.want, `<div class="problem" role="alert">`, `aria-invalid="true"`)
		if fake.screenings() != before {
			t.Errorf("%v was screened", tc.form)
		}
	}

	// No matches.
	a = c.search(token, url.Values{"name": {"Zzyzx Qwrtplk"}})
	if a.Status != http.StatusOK {
		t.Fatalf("no-match search: %d", a.Status)
	}
	mustContain(t, a.Body, "0 matches for", "No listed name scored 0.30 or more", "No alerts")

	// Results belong to the session that asked.
	m := regexp.MustCompile(`/results/[A-Za-z0-9_-]+`)
	form := url.Values{"csrf": {token}, "name": {"Vladimir Putin"}}
	resp := c.post("/search", form)
	path := resp.Header.Get("Location")
	if !m.MatchString(path) {
		t.Fatalf("results location %q", path)
	}
	other := newClient(t, srv)
	other.signIn(analystKey)
	if a := other.get(path); a.Status != http.StatusNotFound {
		t.Errorf("another session's results: %d", a.Status)
	}
	if a := c.get("/results/doesnotexist"); a.Status != http.StatusNotFound || !strings.Contains(a.Body, "no longer available") {
		t.Errorf("unknown results: %d", a.Status)
	}
	if a := c.get("/search"); a.Status != http.StatusSeeOther {
		t.Errorf("GET /search: %d", a.Status)
	}
}

func TestScreenerRole(t *testing.T) {
	_, c := newServer(t, newFake(ofacSnapshot(t)), Options{})
	token := c.signIn(screenerKey)
	a := c.search(token, url.Values{"name": {"Vladimir Putin"}})
	if a.Status != http.StatusOK {
		t.Fatalf("screener search: %d", a.Status)
	}
	// The match is shown, but not as a link a screener cannot follow.
	mustContain(t, a.Body, `<h3 id="match-1" dir="auto">PUTIN, Vladimir Vladimirovich</h3>`)
	mustNotContain(t, a.Body, `href="/entities/`)
	e := c.get("/entities/ofac-sdn:35096")
	if e.Status != http.StatusForbidden {
		t.Errorf("screener entity page: %d", e.Status)
	}
	mustContain(t, e.Body, "Entity records need the analyst role")
	mustNotContain(t, e.Body, "PUTIN")
	if a := c.get("/lists"); a.Status != http.StatusOK {
		t.Errorf("screener lists page: %d", a.Status)
	}
}

func TestEntityPage(t *testing.T) {
	_, c := newServer(t, newFake(ofacSnapshot(t)), Options{})
	c.signIn(analystKey)

	a := c.get("/entities/ofac-sdn:35096")
	if a.Status != http.StatusOK {
		t.Fatalf("Putin: %d", a.Status)
	}
	mustContain(t, a.Body,
		`<title>PUTIN, Vladimir Vladimirovich · Interdict</title>`,
		`<h1 dir="auto">PUTIN, Vladimir Vladimirovich</h1>`,
		`Listed by <strong>ofac-sdn</strong> in the list published 2024-05-03 (OFAC legacy CSV)`,
		`<dt>Born</dt><dd dir="auto">1952-10-07</dd>`,
		`<dt>Birth places</dt><dd dir="auto">Leningrad, Russia</dd>`,
		`<dt>Nationality</dt><dd dir="auto">Russia (RU)</dd>`,
		`<dt>Titles</dt><dd dir="auto">President of the Russian Federation</dd>`,
		`<dt>Programs</dt><dd dir="auto">RUSSIA-EO14024</dd>`,
		`<dt>Gender</dt><dd dir="auto">male</dd>`,
		`<h2 id="named-by">Named by</h2>`,
		`<a href="/entities/ofac-sdn:37444">GRACEFUL</a>`,
		`<a href="/entities/ofac-sdn:37445">OLYMPIA</a>`,
		`<h2 id="remarks">Remarks</h2>`,
		`Skip to main content`,
	)
	mustHaveRow(t, a.Body,
		"PUTIN, Vladimir Vladimirovich | primary name | Latin | given: Vladimir Vladimirovich; family: PUTIN",
		"PUTIN, Vladimir | a.k.a. | Latin | given: Vladimir; family: PUTIN",
		"Kremlin, Moscow, Russia | Russia (RU)",
		"GRACEFUL ofac-sdn:37444 | vessel | Linked to this party | ofac-sdn",
		"OLYMPIA ofac-sdn:37445 | vessel | Linked to this party | ofac-sdn",
	)

	a = c.get("/entities/ofac-sdn:37444")
	if a.Status != http.StatusOK {
		t.Fatalf("GRACEFUL: %d", a.Status)
	}
	mustContain(t, a.Body,
		`<h1 dir="auto">GRACEFUL</h1>`,
		`<h2 id="vessel">Vessel particulars</h2>`,
		`<dt>Type</dt><dd dir="auto">Yacht</dd>`, `<dt>Flag</dt><dd dir="auto">Russia (RU)</dd>`,
		`<dt>Gross registered tonnage</dt><dd dir="auto">2685</dd>`,
		`<a href="/entities/ofac-sdn:35096">PUTIN, Vladimir Vladimirovich</a>`,
	)
	mustHaveRow(t, a.Body,
		"IMO number | 1011551 | Vessel Registration Identification IMO",
		"Call sign | UBGV8 | Call_Sign",
		"Linked to | PUTIN, Vladimir Vladimirovich ofac-sdn:35096 | person | Linked To: PUTIN, Vladimir Vladimirovich",
	)

	// Not found is a friendly 404.
	a = c.get("/entities/ofac-sdn:999999999")
	if a.Status != http.StatusNotFound {
		t.Errorf("unknown entity: %d", a.Status)
	}
	mustContain(t, a.Body, "No such entity", "Error 404")

	// A delisted entity is found in the earlier version, and says so.
	snap := ofacSnapshot(t)
	var gone string
	for _, l := range snap.Catalog.Lists {
		for _, v := range l.Earlier {
			for _, e := range v.Entities {
				if _, ok := snap.Entity(e.ID); !ok {
					gone = e.ID
					break
				}
			}
		}
	}
	if gone == "" {
		t.Fatal("no entity of 2024-02-20 is missing from 2024-05-03")
	}
	a = c.get(entityURL(gone))
	if a.Status != http.StatusOK {
		t.Fatalf("delisted %s: %d", gone, a.Status)
	}
	mustContain(t, a.Body, "Not on the live list.", "ofac-sdn version of 2024-02-20")
}

func TestListsPage(t *testing.T) {
	_, c := newServer(t, newFake(ofacSnapshot(t)), Options{})
	c.signIn(analystKey)
	a := c.get("/lists")
	if a.Status != http.StatusOK {
		t.Fatalf("lists: %d", a.Status)
	}
	snap := ofacSnapshot(t)
	st := snap.Catalog.List("ofac-sdn").Live.Stats()
	mustContain(t, a.Body,
		`<h1>Lists</h1>`,
		`<h2 id="list-ofac-sdn">ofac-sdn</h2>`,
		`Snapshot <code>`+snap.Version+`</code>, built 2026-11-26 09:00 UTC.`,
		`<span class="badge clear">live</span>`, `<span class="badge">earlier</span>`,
		`<th scope="col" class="n">Rejects</th>`,
		`ofac_sdn_aux_2025-12-24/alt.csv`,
		`joined to ofac_sdn_2024-05-03/sdn.csv`,
	)
	mustHaveRow(t, a.Body,
		"Published | Coverage | Entities | People | Organizations | Vessels | Aircraft | Unknown kind | Names | Identifiers | Links | Rejects",
		strings.Join([]string{"2024-05-03 live", "full", thousands(st.Entities),
			thousands(st.ByKind[interdict.KindPerson]), thousands(st.ByKind[interdict.KindOrganization]),
			thousands(st.ByKind[interdict.KindVessel]), thousands(st.ByKind[interdict.KindAircraft]), "0",
			thousands(st.Names), thousands(st.Identifiers), thousands(st.Links), "0"}, " | "),
	)
	if !regexp.MustCompile(`2024-02-20 earlier \| full \| 13,931 \|`).MatchString(strings.Join(rows(a.Body), "\n")) {
		t.Error("no row for the earlier version 2024-02-20")
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	_, c := newServer(t, newFake(hostileSnapshot(t)), Options{})
	// Unknown pages are behind the session like the rest.
	if a := c.get("/admin"); a.Status != http.StatusSeeOther {
		t.Errorf("unknown page signed out: %d", a.Status)
	}
	token := c.signIn(analystKey)
	a := c.get("/no/such/page")
	if a.Status != http.StatusNotFound {
		t.Errorf("unknown page: %d", a.Status)
	}
	mustContain(t, a.Body, "Page not found", "Ana Analyst")
	a = c.do(http.MethodPut, "/lists", url.Values{"csrf": {token}})
	if a.Status != http.StatusMethodNotAllowed || !strings.Contains(a.Header.Get("Allow"), "GET") {
		t.Errorf("PUT /lists: %d, Allow %q", a.Status, a.Header.Get("Allow"))
	}
	mustContain(t, a.Body, "That action is not available here")
	if a := c.do(http.MethodDelete, "/signin", nil); a.Status != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /signin: %d", a.Status)
	}
	// An oversized form is refused before it is read.
	a = c.post("/search", url.Values{"csrf": {token}, "name": {strings.Repeat("x", 70<<10)}})
	if a.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized form: %d", a.Status)
	}
	// An alternative key leads to the entity's own page.
	if a := c.get("/entities/test-group:77"); a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/entities/test:1" {
		t.Errorf("alternative key: %d %q", a.Status, a.Header.Get("Location"))
	}
	if a := c.get("/entities/"); a.Status != http.StatusNotFound {
		t.Errorf("empty entity id: %d", a.Status)
	}
	if a := c.get("/static/nope.js"); a.Status != http.StatusNotFound {
		t.Errorf("unknown asset: %d", a.Status)
	}
}

func TestStaticAssets(t *testing.T) {
	_, c := newServer(t, newFake(nil), Options{})
	page := c.get("/signin")
	m := regexp.MustCompile(`href="(/static/style\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no stylesheet link")
	}
	a := c.get(m[1])
	if a.Status != http.StatusOK || a.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(a.Body, ":focus-visible") {
		t.Fatalf("stylesheet without a session: %d %q", a.Status, a.Header.Get("Content-Type"))
	}
	if a := c.do(http.MethodGet, m[1], nil, "If-None-Match", a.Header.Get("ETag")); a.Status != http.StatusNotModified {
		t.Errorf("revalidation: %d", a.Status)
	}
	if a := c.get("/static/icon.svg"); a.Status != http.StatusOK || a.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("icon: %d %q", a.Status, a.Header.Get("Content-Type"))
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv, c := newServer(t, newFake(hostileSnapshot(t)), Options{})
	c.signIn(analystKey)
	anon := newClient(t, srv)
	for _, path := range []string{"/signin", "/", "/lists", "/entities/test:1", "/nowhere", "/static/style.css"} {
		a := c.get(path)
		if path == "/signin" {
			a = anon.get(path)
		}
		csp := a.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", "style-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP allows unsafe sources: %q", path, csp)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if got := a.Header.Get(h); got != want {
				t.Errorf("%s: %s %q, want %q", path, h, got, want)
			}
		}
		if !strings.HasPrefix(path, "/static/") {
			if got := a.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s: Cache-Control %q", path, got)
			}
			mustContain(t, a.Body, `<meta name="viewport" content="width=device-width, initial-scale=1">`, `<html lang="en">`)
			// No inline script or style anywhere: the CSP would block them.
			mustNotContain(t, a.Body, "<script", "style=", "<style")
		}
	}
}

func TestHostileNamesAreEscaped(t *testing.T) {
	fake := newFake(hostileSnapshot(t))
	_, c := newServer(t, fake, Options{})
	token := c.signIn(analystKey)

	raw := []string{"<script", "<img src=x", "<svg", "<iframe", "<marquee", "<b>", "<i>", "<u>", "<em>", "<h1>format", `onclick="alert`, `"onmouseover="`, `href="javascript:`}
	results := c.search(token, url.Values{"name": {`Evil Corp <script>alert("q")</script>`}})
	if results.Status != http.StatusOK {
		t.Fatalf("search: %d\n%s", results.Status, results.Body)
	}
	mustContain(t, results.Body, `&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; Evil Corp`, `<a href="/entities/test:1">`)
	mustNotContain(t, results.Body, raw...)

	entity := c.get("/entities/test:1")
	if entity.Status != http.StatusOK {
		t.Fatalf("entity: %d", entity.Status)
	}
	mustContain(t, entity.Body, `&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; Evil Corp`, `&#34;&gt;&lt;img src=x onerror=alert(1)&gt; Ivan Badguy`,
		`&lt;/p&gt;&lt;script&gt;document.location=`, `javascript:alert(3)`, `lang="en&#34; onclick=&#34;alert(6)"`)
	mustNotContain(t, entity.Body, raw...)

	owner := c.get("/entities/test:2")
	mustNotContain(t, owner.Body, raw...)
	mustContain(t, owner.Body, `Ivan &lt;b&gt;Badguy&lt;/b&gt;`)

	lists := c.get("/lists")
	mustContain(t, lists.Body, `bad&lt;script&gt;.csv:3: &lt;img src=x onerror=alert(7)&gt;`)
	mustNotContain(t, lists.Body, raw...)

	// The query itself, echoed in the title, heading and field.
	mustContain(t, results.Body, `value="Evil Corp &lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;"`)

	// An id with markup or path tricks is one escaped path segment.
	if got := entityURL(`x:<a>/../"b"?c#d`); got != `/entities/x:%3Ca%3E%2F..%2F%22b%22%3Fc%23d` {
		t.Errorf("entityURL: %s", got)
	}
}

func TestLoadingAndFailures(t *testing.T) {
	fake := newFake(nil)
	_, c := newServer(t, fake, Options{})
	// Signing in needs no lists.
	form := c.get("/signin")
	if a := c.post("/signin", url.Values{"csrf": {csrf(t, form)}, "key": {analystKey}}); a.Status != http.StatusSeeOther {
		t.Fatalf("sign-in while loading: %d", a.Status)
	}
	for _, path := range []string{"/", "/lists", "/entities/ofac-sdn:35096"} {
		a := c.get(path)
		if a.Status != http.StatusServiceUnavailable || a.Header.Get("Retry-After") == "" {
			t.Errorf("%s while loading: %d", path, a.Status)
		}
		mustContain(t, a.Body, "The lists are loading", `<meta http-equiv="refresh" content="10">`)
	}

	fake.mu.Lock()
	fake.snap = hostileSnapshot(t)
	fake.screenErr = errors.New("audit: write /var/lib/interdict/audit.db: disk full")
	fake.mu.Unlock()
	page := c.get("/")
	if page.Status != http.StatusOK {
		t.Fatalf("after loading: %d", page.Status)
	}
	token := csrf(t, page)
	a := c.search(token, url.Values{"name": {"Evil Corp"}})
	if a.Status != http.StatusServiceUnavailable {
		t.Errorf("screen failure: %d", a.Status)
	}
	mustContain(t, a.Body, "The name could not be screened", "nothing should be concluded")
	mustNotContain(t, a.Body, "disk full", "/var/lib", "audit.db")

	// Over the key's rate limit: said plainly, nothing screened.
	fake.mu.Lock()
	fake.screenErr = fmt.Errorf("server: key k1 over 60/min: %w", ErrRateLimited)
	fake.mu.Unlock()
	a = c.search(token, url.Values{"name": {"Evil Corp"}})
	if a.Status != http.StatusTooManyRequests || a.Header.Get("Retry-After") == "" {
		t.Errorf("rate limited: %d", a.Status)
	}
	mustContain(t, a.Body, "Too many screenings")

	fake.mu.Lock()
	fake.screenErr = nil
	fake.panicking = true
	fake.mu.Unlock()
	a = c.search(token, url.Values{"name": {"Evil Corp"}})
	if a.Status != http.StatusInternalServerError {
		t.Errorf("panic: %d", a.Status)
	}
	mustContain(t, a.Body, "Something went wrong")
	mustNotContain(t, a.Body, "exploded", "/var/lib")

	// A key revoked during the session ends the session at its next
	// screening.
	fake.mu.Lock()
	fake.panicking = false
	fake.screenErr = fmt.Errorf("server: key key-analyst may not screen: %w", store.ErrRevoked)
	fake.mu.Unlock()
	a = c.search(token, url.Values{"name": {"Evil Corp"}})
	if a.Status != http.StatusForbidden {
		t.Errorf("revoked during session: %d", a.Status)
	}
	mustContain(t, a.Body, "Your key is no longer valid", `href="/signin"`)
	mustNotContain(t, a.Body, "Ana Analyst")
	if a := c.get("/lists"); a.Status != http.StatusSeeOther {
		t.Errorf("session survived revocation: %d", a.Status)
	}
}

func TestScoreText(t *testing.T) {
	for _, tc := range []struct {
		score float64
		alert bool
		want  string
	}{{1, true, "1.00"}, {0.93, true, "0.93"}, {0.483, false, "0.48"}, {0.797, false, "0.797"}, {0.8, true, "0.80"}} {
		if got := scoreText(tc.score, tc.alert, 0.8); got != tc.want {
			t.Errorf("scoreText(%v, %v) = %q, want %q", tc.score, tc.alert, got, tc.want)
		}
	}
	if signed(-0.15) != "−0.15" || signed(0.03) != "+0.03" || signed(0.5170000001) != "+0.517" {
		t.Errorf("signed: %q %q %q", signed(-0.15), signed(0.03), signed(0.5170000001))
	}
	if thousands(14965) != "14,965" || thousands(999) != "999" || thousands(1000000) != "1,000,000" {
		t.Error("thousands")
	}
}
