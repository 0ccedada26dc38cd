package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
)

// client sends requests to a test server and checks every answer against
// the OpenAPI document.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func newClient(t testing.TB, addr string) *client {
	return &client{t: t, base: "http://" + addr, hc: &http.Client{Timeout: time.Minute}}
}

// do sends a request with key as the bearer token ("" sends none) and
// extra headers as name, value pairs.
func (c *client) do(method, path, key string, body io.Reader, headers ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: reading: %v", method, path, err)
	}
	for _, e := range doc(c.t).checkResponse(method, req.URL.EscapedPath(), resp.StatusCode, resp.Header.Get("Content-Type"), b) {
		c.t.Errorf("openapi: %s", e)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

func (c *client) get(path, key string) response {
	c.t.Helper()
	return c.do(http.MethodGet, path, key, nil)
}

func (c *client) post(path, key string, body any, headers ...string) response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	return c.do(http.MethodPost, path, key, r, headers...)
}

// decode reads the body as JSON into v.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
}

// code is the error code of an error answer.
func (r response) code(t testing.TB) Code {
	t.Helper()
	var e errorBody
	r.decode(t, &e)
	return e.Error.Code
}

// expect fails the test unless the answer has the status (and, for an
// error, the code).
func (r response) expect(t testing.TB, status int, code Code) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if code != "" {
		if got := r.code(t); got != code {
			t.Fatalf("error code %q, want %q; body %s", got, code, r.body)
		}
	}
}

// testCatalog is a small catalog built in memory: Putin, a yacht linked
// to him, and a bank on another list.
func testCatalog(extra ...*interdict.Entity) *source.Catalog {
	putin := &interdict.Entity{ID: "test:1", Source: "test", Kind: interdict.KindPerson, AltKeys: []string{"test-ref:P1"},
		BirthDates: []interdict.Date{{Year: 1952, Month: 10, Day: 7}}, Nationalities: []string{"RU"}, Programs: []string{"RUSSIA-EO14024"}}
	putin.AddName(interdict.Name{Full: "Vladimir Vladimirovich PUTIN", Type: interdict.NamePrimary})
	putin.AddName(interdict.Name{Full: "Владимир Путин", Type: interdict.NameAKA})
	yacht := &interdict.Entity{ID: "test:2", Source: "test", Kind: interdict.KindVessel,
		Identifiers: []interdict.Identifier{{Type: interdict.IDIMO, Value: "1009613"}},
		Links:       []interdict.Link{{Type: interdict.LinkVesselOwner, OtherID: "test:1", OtherName: "PUTIN", Note: "beneficial owner"}}}
	yacht.AddName(interdict.Name{Full: "GRACEFUL", Type: interdict.NamePrimary})
	bank := &interdict.Entity{ID: "other:1", Source: "other", Kind: interdict.KindOrganization, Countries: []string{"RU"}}
	bank.AddName(interdict.Name{Full: "Bank Rossiya", Type: interdict.NamePrimary})
	test := append([]*interdict.Entity{putin, yacht}, extra...)
	return &source.Catalog{Root: "memory", Lists: []*source.List{
		{Source: "other", Live: &interdict.ListLoad{Source: "other", Format: "test format", Published: "2026-01-02", Coverage: interdict.CoverageFull,
			Files: []string{"other.csv"}, Records: 1, Entities: []*interdict.Entity{bank}}},
		{Source: "test", Live: &interdict.ListLoad{Source: "test", Format: "test format", Published: "2026-01-01", Coverage: interdict.CoverageFull,
			Files: []string{"test.csv"}, Records: len(test), Entities: test}},
	}}
}

// testServer is a server over testCatalog and a fake store, with a key of
// each role.
type testServer struct {
	*Server
	st                       *fakeStore
	c                        *client
	screener, analyst, admin string
	screenerKey, analystKey  interdict.APIKey
	logs                     *syncBuffer
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startTest starts a server on 127.0.0.1:0; mod adjusts its config. It
// waits for readiness unless the config's loader blocks (wait false).
func startTest(t *testing.T, wait bool, mod func(*Config)) *testServer {
	t.Helper()
	st := newFakeStore()
	ts := &testServer{st: st, logs: &syncBuffer{}}
	ctx := context.Background()
	var err error
	if ts.screenerKey, ts.screener, err = st.CreateKey(ctx, "alice", interdict.RoleScreener); err != nil {
		t.Fatal(err)
	}
	if ts.analystKey, ts.analyst, err = st.CreateKey(ctx, "bob", interdict.RoleAnalyst); err != nil {
		t.Fatal(err)
	}
	if _, ts.admin, err = st.CreateKey(ctx, "carol", interdict.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Addr:        "127.0.0.1:0",
		LoadCatalog: func(context.Context) (*source.Catalog, error) { return testCatalog(), nil },
		OpenStore:   func(context.Context) (store.Store, error) { return st, nil },
		KeyTTL:      50 * time.Millisecond,
		Logger:      slog.New(slog.NewTextHandler(ts.logs, nil)),
	}
	if mod != nil {
		mod(&cfg)
	}
	ts.Server = New(cfg)
	if err := ts.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ts.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	ts.c = newClient(t, ts.Addr())
	if wait {
		waitReady(t, ts.c)
	}
	return ts
}

// waitReady polls /readyz until it answers 200.
func waitReady(t testing.TB, c *client) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if r := c.get("/readyz", ""); r.status == http.StatusOK {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the server did not become ready")
}
