package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// TestRevokedSession revokes a signed-in key and checks that every page
// refuses the session at its next request, not only the search form: the
// session is ended (its cookie cleared, the next request sent to sign in)
// and nothing of the page is shown.
func TestRevokedSession(t *testing.T) {
	fake := newFake(hostileSnapshot(t))
	srv, _ := newServer(t, fake, Options{})

	// One signed-in browser per page, each with a page of results kept,
	// so that every page is reached by a session that was valid.
	type browser struct {
		c       *client
		token   string
		results string
	}
	var browsers []*browser
	signIn := func() *browser {
		b := &browser{c: newClient(t, srv)}
		b.token = b.c.signIn(analystKey)
		a := b.c.post("/search", url.Values{"csrf": {b.token}, "name": {"Ivan Badguy"}})
		if a.Status != http.StatusSeeOther {
			t.Fatalf("search before revocation: %d\n%s", a.Status, a.Body)
		}
		b.results = a.Header.Get("Location")
		if !regexp.MustCompile(`^/results/[A-Za-z0-9_-]+$`).MatchString(b.results) {
			t.Fatalf("search redirected to %q", b.results)
		}
		browsers = append(browsers, b)
		return b
	}
	pages := []struct {
		method, path string
	}{
		{"GET", "/"}, {"HEAD", "/"}, {"GET", "/lists"}, {"GET", "/entities/test:1"}, {"GET", "RESULTS"},
		{"GET", "/no-such-page"}, {"POST", "/search"}, {"POST", "/signout"},
	}
	for range pages {
		signIn()
	}
	// Valid so far: every page answers.
	for i, p := range pages[:5] {
		b := browsers[i]
		path := p.path
		if path == "RESULTS" {
			path = b.results
		}
		if a := b.c.do(p.method, path, nil); a.Status != http.StatusOK {
			t.Fatalf("%s %s before revocation: %d", p.method, path, a.Status)
		}
	}
	screenings := fake.screenings()

	fake.revoke("key-analyst")
	for i, p := range pages {
		b := browsers[i]
		path := p.path
		var form url.Values
		switch {
		case path == "RESULTS":
			path = b.results
		case p.method == "POST":
			form = url.Values{"csrf": {b.token}, "name": {"Ivan Badguy"}}
		}
		a := b.c.do(p.method, path, form)
		if path == "/signout" {
			// Signing out still signs out.
			if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/signin?m=signedout" {
				t.Errorf("POST /signout with a revoked key: %d %q", a.Status, a.Header.Get("Location"))
			}
		} else {
			if a.Status != http.StatusForbidden {
				t.Errorf("%s %s with a revoked key: status %d, want 403", p.method, path, a.Status)
			}
			if p.method != "HEAD" {
				mustContain(t, a.Body, "Your key is no longer valid", `href="/signin"`)
				mustNotContain(t, a.Body, "Ana Analyst", "Badguy", "Lists loaded", `name="csrf"`)
			}
		}
		cleared := false
		for _, ck := range (&http.Response{Header: a.Header}).Cookies() {
			cleared = cleared || (ck.Name == "interdict_session" && ck.MaxAge < 0)
		}
		if !cleared {
			t.Errorf("%s %s with a revoked key: the session cookie was not cleared", p.method, path)
		}
		// The session is gone on the server too: the browser's next
		// request goes to sign in whatever its cookie jar still holds.
		if a := b.c.get("/lists"); a.Status != http.StatusSeeOther {
			t.Errorf("after %s %s: the session survived revocation (%d)", p.method, path, a.Status)
		}
	}
	if n := fake.screenings(); n != screenings {
		t.Errorf("%d screenings after revocation", n-screenings)
	}

	// Signing in with a current key works again.
	b := &browser{c: newClient(t, srv)}
	b.c.signIn(screenerKey)
	if a := b.c.get("/lists"); a.Status != http.StatusOK {
		t.Errorf("a new session with another key: %d", a.Status)
	}
}

// TestSessionKeyCheckFails keeps the session but shows nothing while the
// key cannot be checked: a page is never served on an unchecked key.
func TestSessionKeyCheckFails(t *testing.T) {
	fake := newFake(hostileSnapshot(t))
	_, c := newServer(t, fake, Options{})
	c.signIn(analystKey)
	fake.mu.Lock()
	fake.checkErr = errors.New("sqlite: database /var/lib/interdict/interdict.db is locked")
	fake.mu.Unlock()
	for _, path := range []string{"/", "/lists", "/entities/test:1"} {
		a := c.get(path)
		if a.Status != http.StatusServiceUnavailable {
			t.Errorf("GET %s while keys cannot be checked: %d", path, a.Status)
		}
		mustNotContain(t, a.Body, "sqlite", "/var/lib", "Badguy")
	}
	fake.mu.Lock()
	fake.checkErr = nil
	fake.mu.Unlock()
	if a := c.get("/lists"); a.Status != http.StatusOK {
		t.Errorf("GET /lists once keys can be checked again: %d", a.Status)
	}
}
