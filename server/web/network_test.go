package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/interdict/interdict/dataset"
)

// networkSnapshot is the shared OFAC snapshot with its network built.
func networkSnapshot(t testing.TB) *dataset.Snapshot {
	t.Helper()
	snap := ofacSnapshot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := snap.BuildNetwork(ctx); err != nil {
		t.Fatalf("network: %v", err)
	}
	return snap
}

// TestNetworkPage reads Putin's network on the OFAC list: his yachts and
// companies one hop away, each with the edge that links it (type, list,
// evidence) and a link to its page, and the person linked to one of his
// companies two hops away.
func TestNetworkPage(t *testing.T) {
	_, c := newServer(t, newFake(networkSnapshot(t)), Options{})
	c.signIn(analystKey)

	a := c.get("/entities/ofac-sdn:35096/network")
	if a.Status != http.StatusOK {
		t.Fatalf("Putin's network: %d\n%s", a.Status, a.Body)
	}
	mustContain(t, a.Body,
		`<title>Network of PUTIN, Vladimir Vladimirovich · Interdict</title>`,
		`<h1 dir="auto">PUTIN, Vladimir Vladimirovich</h1>`,
		`<a href="/entities/ofac-sdn:35096">Back to the entity record</a>`,
		`<h2 id="hop-1">1 hop: direct links`,
		`<a class="strong" href="/entities/ofac-sdn:37444" dir="auto">GRACEFUL</a>`,
		`<a class="strong" href="/entities/ofac-sdn:37445" dir="auto">OLYMPIA</a>`,
		`<span class="rel">linked to</span> <a href="/entities/ofac-sdn:35096" dir="auto">PUTIN, Vladimir Vladimirovich</a>`,
		`source: ofac-sdn`,
		`Linked To: PUTIN, Vladimir Vladimirovich`,
		`<h2 id="hop-2">2 hops away`,
		`GASILOV, Andrei Valeryevich`,
		`<a href="/entities/ofac-sdn:35096/network?depth=1">1 hop</a>`,
		`<a href="/entities/ofac-sdn:35096/network" aria-current="page">2 hops</a>`,
		`<svg class="net-svg"`,
	)
	// Every party is in exactly one hop group, and GASILOV is reached
	// through JSC ARGUMENT, not Putin.
	hop2 := a.Body[strings.Index(a.Body, `id="hop-2"`):]
	if !strings.Contains(hop2, `<a href="/entities/ofac-sdn:37447" dir="auto">JSC ARGUMENT</a>`) {
		t.Errorf("GASILOV's link to JSC ARGUMENT is not shown:\n%s", hop2)
	}
	if strings.Count(a.Body, `href="/entities/ofac-sdn:37444" dir="auto">GRACEFUL</a>`) != 1 {
		t.Error("GRACEFUL is listed more than once")
	}

	// Depth 1 stops at the yachts.
	one := c.get("/entities/ofac-sdn:35096/network?depth=1")
	if one.Status != http.StatusOK {
		t.Fatalf("depth 1: %d", one.Status)
	}
	mustContain(t, one.Body, "GRACEFUL", `aria-current="page">1 hop</a>`)
	mustNotContain(t, one.Body, "GASILOV", `id="hop-2"`)

	// The entity page links to the network, and says which lists carry
	// the party (one here: only OFAC is loaded).
	ent := c.get("/entities/ofac-sdn:35096")
	mustContain(t, ent.Body, `<a href="/entities/ofac-sdn:35096/network" class="strong">Network of this party</a>`,
		`<h2 id="sources">On 1 list</h2>`, "No record of another loaded list is this party.")
	mustHaveRow(t, ent.Body, "ofac-sdn | PUTIN, Vladimir Vladimirovich ofac-sdn:35096 (this record) | RUSSIA-EO14024 | ")

	for _, tc := range []struct {
		path   string
		status int
		text   string
	}{
		{"/entities/ofac-sdn:35096/network?depth=4", http.StatusBadRequest, "from 1 to 3"},
		{"/entities/ofac-sdn:35096/network?depth=two", http.StatusBadRequest, "from 1 to 3"},
		{"/entities/ofac-sdn:35096/network?depth=1&depth=2", http.StatusBadRequest, "from 1 to 3"},
		{"/entities/ofac-sdn:999999999/network", http.StatusNotFound, "No such party in the network"},
	} {
		if a := c.get(tc.path); a.Status != tc.status || !strings.Contains(a.Body, tc.text) {
			t.Errorf("%s: %d, want %d with %q", tc.path, a.Status, tc.status, tc.text)
		}
	}
	if a := c.do(http.MethodPost, "/entities/ofac-sdn:35096/network", nil); a.Status != http.StatusMethodNotAllowed && a.Status != http.StatusForbidden {
		t.Errorf("POST: %d", a.Status)
	}

	// A screener may not read networks.
	_, sc := newServer(t, newFake(networkSnapshot(t)), Options{})
	sc.signIn(screenerKey)
	if a := sc.get("/entities/ofac-sdn:35096/network"); a.Status != http.StatusForbidden || !strings.Contains(a.Body, "analyst role") {
		t.Errorf("screener: %d", a.Status)
	}
}

// TestNetworkPageBuilding: until the snapshot's network is built, the
// page says so with 503 and reloads itself, and the entity page says the
// other lists are still being worked out.
func TestNetworkPageBuilding(t *testing.T) {
	snap := hostileSnapshot(t) // a fresh snapshot, whose network nobody built
	_, c := newServer(t, newFake(snap), Options{})
	c.signIn(analystKey)
	a := c.get("/entities/test:1/network")
	if a.Status != http.StatusServiceUnavailable || a.Header.Get("Retry-After") == "" {
		t.Fatalf("before the build: %d, Retry-After %q", a.Status, a.Header.Get("Retry-After"))
	}
	mustContain(t, a.Body, "The network is being built", `<meta http-equiv="refresh"`)
	mustContain(t, c.get("/entities/test:1").Body, "still being worked out")

	if _, err := snap.BuildNetwork(context.Background()); err != nil {
		t.Fatal(err)
	}
	if a := c.get("/entities/test:1/network"); a.Status != http.StatusOK {
		t.Errorf("after the build: %d", a.Status)
	}
	// An alternative key leads to the entity's own network page.
	a = c.get("/entities/test-group:77/network?depth=3")
	if a.Status != http.StatusSeeOther || a.Header.Get("Location") != "/entities/test:1/network?depth=3" {
		t.Errorf("alternative key: %d %q", a.Status, a.Header.Get("Location"))
	}
}

// TestNetworkPageEscapes: names, notes and evidence full of markup come
// out as text.
func TestNetworkPageEscapes(t *testing.T) {
	snap := hostileSnapshot(t)
	if _, err := snap.BuildNetwork(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, c := newServer(t, newFake(snap), Options{})
	c.signIn(analystKey)
	for _, id := range []string{"test:1", "test:2"} {
		a := c.get("/entities/" + id + "/network?depth=3")
		if a.Status != http.StatusOK {
			t.Fatalf("%s: %d\n%s", id, a.Status, a.Body)
		}
		mustNotContain(t, a.Body, "<script", "<img src=x", "<svg onload", "<iframe", "<a href=\"javascript:", "<b>", "<em>", `onclick="alert`)
	}
	a := c.get("/entities/test:1/network")
	mustContain(t, a.Body, `Ivan &lt;b&gt;Badguy&lt;/b&gt;`, `&lt;iframe src=//evil.example&gt;`)
}
