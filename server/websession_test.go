package server

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWebSessionRevoked signs a browser in to the real server's web UI,
// revokes its key in the store, and checks that once the key cache's time
// has passed every page refuses the session (not only screening), and
// that the session is over.
func TestWebSessionRevoked(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ts := startTest(t, true, func(c *Config) { c.Now, c.KeyTTL = clock, DefaultKeyTTL })

	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := hc.Get("http://" + ts.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, form := get("/signin")
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("no sign-in form:\n%s", form)
	}
	resp, err := hc.PostForm("http://"+ts.Addr()+"/signin", url.Values{"csrf": {m[1]}, "key": {ts.analyst}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	for _, p := range []string{"/", "/lists", "/entities/test:1"} {
		if code, _ := get(p); code != http.StatusOK {
			t.Fatalf("GET %s signed in: %d", p, code)
		}
	}

	if err := ts.st.RevokeKey(context.Background(), ts.analystKey.ID); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(DefaultKeyTTL)
	mu.Unlock()
	code, body := get("/entities/test:1")
	if code != http.StatusForbidden || !strings.Contains(body, "Your key is no longer valid") || strings.Contains(body, "PUTIN") {
		t.Errorf("GET /entities/test:1 a key-cache time after revocation: %d\n%s", code, body)
	}
	for _, p := range []string{"/", "/lists"} {
		if code, _ := get(p); code != http.StatusSeeOther {
			t.Errorf("GET %s after the session was refused: %d, want a redirect to sign in", p, code)
		}
	}
}
