package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/graph"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/network"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
)

// The network routes end to end: a real server on 127.0.0.1:0 over every
// list of ../shared/data, its network built in the background after the
// lists load. Every answer is checked against the OpenAPI document by the
// test client.

// uavEdges are the fictitious relations of cmd/interdict/testdata/
// uav_edges.csv: Kestrel Marlow Holdings Ltd, on no list, owns Vantor
// Gulf Components FZE, which supplies "Shahed Aviation Industries
// Research Center", named only by name.
var uavEdges = []map[string]string{
	{"from": "kmh", "to": "vgc", "type": "owns", "from_name": "Kestrel Marlow Holdings Ltd", "to_name": "Vantor Gulf Components FZE",
		"from_country": "CY", "to_country": "AE", "evidence": "registry extract (fictitious): Kestrel Marlow Holdings Ltd holds 100 % of Vantor Gulf Components FZE"},
	{"from": "vgc", "to": "shahed", "type": "supplies", "to_name": "Shahed Aviation Industries Research Center", "to_country": "IR",
		"evidence": "shipment history (fictitious): servomotors and carbon-fibre airframe parts, 2023"},
}

// waitNetwork polls path until it answers 200; a 503 meanwhile must be
// the network's loading answer.
func waitNetwork(t *testing.T, c *client, path, key string) (building int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		r := c.get(path, key)
		switch r.status {
		case http.StatusOK:
			return building
		case http.StatusServiceUnavailable:
			r.expect(t, http.StatusServiceUnavailable, CodeLoading)
			if r.header.Get("Retry-After") == "" || !strings.Contains(string(r.body), "network") || !strings.Contains(string(r.body), "still building") {
				t.Fatalf("503 while the network builds: Retry-After %q, %s", r.header.Get("Retry-After"), r.body)
			}
			building++
		default:
			t.Fatalf("%s while the network builds: %d %s", path, r.status, r.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the network was not built")
	return building
}

func TestE2ENetwork(t *testing.T) {
	data := shared.Data(t)
	start := time.Now()
	e := startE2E(t, data, nil)
	waitReady(t, e.c)
	ready := time.Since(start)
	screener, analyst := e.keys[interdict.RoleScreener], e.keys[interdict.RoleAnalyst]
	// Screening is served while the network builds.
	e.c.get("/v1/search?q=Vladimir+Putin", screener).expect(t, http.StatusOK, "")
	building := waitNetwork(t, e.c, "/v1/entities/ofac-sdn:35096/network?depth=1", analyst)
	t.Logf("lists ready after %v; network ready %v later (%d answers of 503 meanwhile)", ready.Round(time.Millisecond),
		(time.Since(start) - ready).Round(100*time.Millisecond), building)

	t.Run("neighbourhood", func(t *testing.T) {
		r := e.c.get("/v1/entities/ofac-sdn:35096/network?depth=1", analyst)
		r.expect(t, http.StatusOK, "")
		var res network.NetworkResponse
		r.decode(t, &res)
		hops := map[string]int{}
		kinds := map[string]interdict.Kind{}
		for _, n := range res.Nodes {
			hops[n.ID], kinds[n.ID] = n.Hops, n.Kind
		}
		if res.Center != "ofac-sdn:35096" || res.Party.How != "id" || res.Depth != 1 || res.Snapshot == "" {
			t.Errorf("network %s", r.body)
		}
		// His linked yachts, one hop away.
		for _, yacht := range []string{"ofac-sdn:37444", "ofac-sdn:37445"} { // GRACEFUL, OLYMPIA
			if h, ok := hops[yacht]; !ok || h != 1 || kinds[yacht] != interdict.KindVessel {
				t.Errorf("yacht %s: hops %d (%v), kind %s", yacht, h, ok, kinds[yacht])
			}
		}
		// His records on the UK and Australian lists are him: hop 0.
		for _, id := range []string{"uk:RUS0251", "au:6678"} {
			if h, ok := hops[id]; !ok || h != 0 {
				t.Errorf("%s: hops %d (%v), want 0", id, h, ok)
			}
		}
		linked := false
		for _, ed := range res.Edges {
			if ed.From == "ofac-sdn:37444" && ed.To == "ofac-sdn:35096" && ed.Type == graph.EdgeLinkedTo && ed.Source == "ofac-sdn" && ed.Evidence != "" {
				linked = true
			}
		}
		if !linked {
			t.Errorf("no linked-to edge from GRACEFUL to Putin with its evidence: %v", res.Edges)
		}
		if res.Stats.Nodes != len(res.Nodes) || res.Stats.Edges != len(res.Edges) {
			t.Errorf("stats %+v for %d nodes, %d edges", res.Stats, len(res.Nodes), len(res.Edges))
		}
		// The default depth is 2: the director of one of his companies.
		r = e.c.get("/v1/entities/ofac-sdn:35096/network", analyst)
		r.expect(t, http.StatusOK, "")
		r.decode(t, &res)
		found := false
		for _, n := range res.Nodes {
			found = found || n.ID == "ofac-sdn:37451" && n.Hops == 2
		}
		if res.Depth != 2 || !found {
			t.Errorf("depth 2 lacks GASILOV (ofac-sdn:37451) at 2 hops: %s", r.body)
		}
		// An alternative key finds the party too.
		r = e.c.get("/v1/entities/"+url.PathEscape("un-ref:QDi.001")+"/network?depth=1", analyst)
		r.expect(t, http.StatusOK, "")
		r.decode(t, &res)
		want, _ := e.srv.holder.Current().Entity("un-ref:QDi.001")
		if res.Center != want.ID || res.Nodes[0].ID != want.ID {
			t.Errorf("un-ref:QDi.001 centred on %s, want %s (as GET /v1/entities/{id})", res.Center, want.ID)
		}
	})

	t.Run("entity sources", func(t *testing.T) {
		r := e.c.get("/v1/entities/ofac-sdn:35096", analyst)
		r.expect(t, http.StatusOK, "")
		var ent struct {
			Cluster *clusterView `json:"cluster"`
		}
		r.decode(t, &ent)
		if ent.Cluster == nil {
			t.Fatalf("no cluster once the network is built: %s", r.body)
		}
		for _, src := range []string{"ofac-sdn", "uk", "au", "ca"} {
			if !slices.Contains(ent.Cluster.Sources, src) {
				t.Errorf("Putin's sources %v lack %s", ent.Cluster.Sources, src)
			}
		}
		for _, m := range ent.Cluster.Members {
			if (m.ID == "ofac-sdn:35096") != (m.Rule == "") || m.Rule != "" && (m.Evidence == "" || m.With == "") {
				t.Errorf("member %+v", m)
			}
		}
	})

	t.Run("paths", func(t *testing.T) {
		// Two Iranian drone makers meet through the IRGC Air Force, which
		// both OFAC records name as "Linked To"; the second is given by
		// name.
		q := url.Values{"from": {"ofac-sdn:39637"}, "to": {"PARAVAR PARS COMPANY"}}
		r := e.c.get("/v1/paths?"+q.Encode(), analyst)
		r.expect(t, http.StatusOK, "")
		var res network.PathsResponse
		r.decode(t, &res)
		if res.From.Node.ID != "ofac-sdn:39637" || res.From.How != "id" || res.To.How != "screened" || res.To.Node.ID != "ofac-sdn:39038" {
			t.Fatalf("ends %+v %+v", res.From, res.To)
		}
		if len(res.Paths) == 0 {
			t.Fatalf("no path: %s", r.body)
		}
		viaIRGC := false
		for _, p := range res.Paths {
			if p.Hops() != 2 || p.Nodes[0].ID != "ofac-sdn:39637" || p.Nodes[len(p.Nodes)-1].ID != "ofac-sdn:39038" || len(p.Steps) != len(p.Nodes)-1 {
				t.Errorf("path %s (%d hops)", p, p.Hops())
			}
			for _, n := range p.Nodes {
				viaIRGC = viaIRGC || n.ID == "ofac-sdn:12055"
			}
		}
		if !viaIRGC {
			t.Errorf("no path through the IRGC Air Force (ofac-sdn:12055): %s", r.body)
		}
		// Too short a max finds none, which is an answer, not an error.
		q.Set("max", "1")
		r = e.c.get("/v1/paths?"+q.Encode(), analyst)
		r.expect(t, http.StatusOK, "")
		r.decode(t, &res)
		if len(res.Paths) != 0 {
			t.Errorf("a path of 1 hop: %s", r.body)
		}
	})

	t.Run("exposure", func(t *testing.T) {
		// An unlisted party that owns a supplier of a listed Iranian drone
		// maker is exposed to it at 2 hops, with the whole path.
		body := map[string]any{"party": "Kestrel Marlow Holdings Ltd", "hops": 3, "edges": uavEdges}
		r := e.c.post("/v1/exposure", analyst, body)
		r.expect(t, http.StatusOK, "")
		var res network.ExposureResponse
		r.decode(t, &res)
		if res.Party.Node.ID != "user:kmh" || res.Party.How != "your edges" || res.Hops != 3 {
			t.Errorf("party %+v, hops %d", res.Party, res.Hops)
		}
		var found *network.Exposure
		for i, x := range res.Exposures {
			if i > 0 && x.Hops < res.Exposures[i-1].Hops {
				t.Errorf("exposures not nearest first at %d", i)
			}
			if x.ID == "ofac-sdn:39637" {
				found = &res.Exposures[i]
			}
		}
		if found == nil {
			t.Fatalf("exposure lacks the drone maker ofac-sdn:39637: %s", r.body)
		}
		p := found.Path
		var types []graph.EdgeType
		for _, st := range p.Steps {
			types = append(types, st.Type)
		}
		if found.Hops != 2 || p.Nodes[0].ID != "user:kmh" || p.Nodes[len(p.Nodes)-1].ID != "ofac-sdn:39637" || len(types) < 3 ||
			!slices.Equal(types[:3], []graph.EdgeType{"owns", "supplies", graph.EdgeScreened}) || found.Cluster == "" {
			t.Errorf("drone maker at %d hops, cluster %q, path %s (types %v)", found.Hops, found.Cluster, p, types)
		}
		if !strings.Contains(p.Steps[0].Evidence, "registry extract (fictitious)") {
			t.Errorf("first step's evidence %q", p.Steps[0].Evidence)
		}
		var shahed *graph.Party
		for i := range res.Parties {
			if res.Parties[i].Key == "shahed" {
				shahed = &res.Parties[i]
			}
		}
		if shahed == nil || shahed.How != "screened: alert" || len(shahed.Matches) == 0 {
			t.Errorf("the drone maker's name did not alert: %+v", res.Parties)
		}
		// A listed party by id, with no edges of the user's.
		r = e.c.post("/v1/exposure", analyst, map[string]any{"party": "ofac-sdn:39637", "hops": 1})
		r.expect(t, http.StatusOK, "")
		r.decode(t, &res)
		irgc := false
		for _, x := range res.Exposures {
			irgc = irgc || x.ID == "ofac-sdn:12055" && x.Hops == 1
		}
		if !irgc {
			t.Errorf("the drone maker is not 1 hop from the IRGC Air Force: %s", r.body)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			method, path string
			body         any
			status       int
			code         Code
			field        string // the error message names it
		}{
			{"GET", "/v1/entities/ofac-sdn:35096/network?depth=0", nil, 400, CodeBadRequest, "depth"},
			{"GET", "/v1/entities/ofac-sdn:35096/network?depth=5", nil, 400, CodeBadRequest, "depth"},
			{"GET", "/v1/entities/ofac-sdn:35096/network?depth=two", nil, 400, CodeBadRequest, "depth"},
			{"GET", "/v1/entities/ofac-sdn:35096/network?deep=2", nil, 400, CodeBadRequest, "deep"},
			{"GET", "/v1/entities/ofac-sdn:0/network", nil, 404, CodeNotFound, "ofac-sdn:0"},
			{"GET", "/v1/paths?to=ofac-sdn:35096", nil, 400, CodeBadRequest, "from"},
			{"GET", "/v1/paths?from=ofac-sdn:35096", nil, 400, CodeBadRequest, "to"},
			{"GET", "/v1/paths?from=ofac-sdn:35096&to=ofac-sdn:37444&max=9", nil, 400, CodeBadRequest, "max"},
			{"GET", "/v1/paths?from=ofac-sdn:35096&to=ofac-sdn:37444&limit=0", nil, 400, CodeBadRequest, "limit"},
			{"GET", "/v1/paths?from=a&from=b&to=c", nil, 400, CodeBadRequest, "from"},
			{"GET", "/v1/paths?from=ofac-sdn:35096&to=Zqxwv+Nobody+Trading+Plc", nil, 404, CodeNotFound, "to:"},
			{"POST", "/v1/exposure", `{}`, 400, CodeBadRequest, "party"},
			{"POST", "/v1/exposure", `not json`, 400, CodeBadRequest, "body"},
			{"POST", "/v1/exposure", `{"party":"x","hop":2}`, 400, CodeBadRequest, "hop"},
			{"POST", "/v1/exposure", `{"party":"x","hops":7}`, 400, CodeBadRequest, "hops"},
			{"POST", "/v1/exposure", `{"party":"x","hops":"two"}`, 400, CodeBadRequest, "hops"},
			{"POST", "/v1/exposure", `{"party":"x","country":"Narnia"}`, 400, CodeBadRequest, "country"},
			{"POST", "/v1/exposure", map[string]any{"party": "kmh", "edges": []map[string]string{{"from": "kmh", "type": "owns"}}}, 400, CodeBadRequest, "edges[0].to"},
			{"POST", "/v1/exposure", map[string]any{"party": "kmh", "edges": []map[string]string{{"from": "kmh", "to": "x", "type": "owns", "to_country": "Atlantis"}}}, 400, CodeBadRequest, "edges[0].to_country"},
			{"POST", "/v1/exposure", map[string]any{"party": "Zqxwv Nobody Trading Plc"}, 404, CodeNotFound, "party:"},
			{"POST", "/v1/exposure", `{"party":"` + strings.Repeat("x", maxExposureBody) + `"}`, 413, CodeTooLarge, ""},
			{"PUT", "/v1/exposure", nil, 405, CodeMethodNotAllowed, ""},
			{"POST", "/v1/paths", nil, 405, CodeMethodNotAllowed, ""},
		} {
			var r response
			if tc.method == "POST" {
				r = e.c.post(tc.path, analyst, tc.body)
			} else {
				r = e.c.do(tc.method, tc.path, analyst, nil)
			}
			if r.status != tc.status {
				t.Errorf("%s %s %v: %d, want %d: %s", tc.method, tc.path, clip(fmt.Sprint(tc.body)), r.status, tc.status, r.body)
				continue
			}
			r.expect(t, tc.status, tc.code)
			var eb errorBody
			r.decode(t, &eb)
			if !strings.Contains(eb.Error.Message, tc.field) {
				t.Errorf("%s %s: the message %q does not name %q", tc.method, tc.path, eb.Error.Message, tc.field)
			}
		}
		// The key and its role.
		for _, path := range []string{"/v1/entities/ofac-sdn:35096/network", "/v1/paths?from=a&to=b"} {
			e.c.get(path, "").expect(t, http.StatusUnauthorized, CodeUnauthorized)
			e.c.get(path, screener).expect(t, http.StatusForbidden, CodeForbidden)
		}
		e.c.post("/v1/exposure", "", map[string]any{"party": "x"}).expect(t, http.StatusUnauthorized, CodeUnauthorized)
		e.c.post("/v1/exposure", screener, map[string]any{"party": "x"}).expect(t, http.StatusForbidden, CodeForbidden)
	})

	t.Run("latency", func(t *testing.T) {
		// Times of each route over the loopback, whole request and
		// answer included (read, not decoded: the test client's schema
		// check of a 2.5 MB answer would be most of it). Figures for the
		// log, not a test; speed is BenchmarkNetworkRoutes'.
		exp, err := json.Marshal(map[string]any{"party": "Kestrel Marlow Holdings Ltd", "edges": uavEdges})
		if err != nil {
			t.Fatal(err)
		}
		hc := &http.Client{Timeout: time.Minute}
		for _, rt := range []struct {
			name, method, path string
			body               []byte
		}{
			{"network depth 2", "GET", "/v1/entities/ofac-sdn:35096/network", nil},
			{"network depth 4 (hub)", "GET", "/v1/entities/ofac-sdn:12055/network?depth=4", nil},
			{"paths by id and name", "GET", "/v1/paths?from=ofac-sdn:39637&to=PARAVAR+PARS+COMPANY", nil},
			{"exposure with 2 edges", "POST", "/v1/exposure", exp},
			{"exposure of a hub", "POST", "/v1/exposure", []byte(`{"party":"ofac-sdn:12055"}`)},
		} {
			var took []time.Duration
			size := 0
			for range 15 {
				req, err := http.NewRequest(rt.method, e.c.base+rt.path, bytes.NewReader(rt.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+analyst)
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				took = append(took, time.Since(t0))
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d %v", rt.path, resp.StatusCode, err)
				}
				size = len(b)
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			t.Logf("%-22s median %v, fastest %v, slowest %v (15 requests; answer %d bytes)", rt.name, took[len(took)/2].Round(10*time.Microsecond),
				took[0].Round(10*time.Microsecond), took[len(took)-1].Round(10*time.Microsecond), size)
		}
	})
}

// TestNetworkBuilding: while the snapshot's network is not built, the
// network routes answer 503 loading with Retry-After, and the entity
// answer leaves the cluster out; everything else is served.
func TestNetworkBuilding(t *testing.T) {
	ts := startTest(t, true, nil)
	// A snapshot whose build was stopped before it began stands for one
	// still building: the server cannot tell them apart, nor should it.
	snap := dataset.Build(testCatalog(), time.Now())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := snap.BuildNetwork(ctx); err == nil {
		t.Fatal("a cancelled build succeeded")
	}
	ts.install(snap)
	for _, r := range []response{
		ts.c.get("/v1/entities/test:1/network", ts.analyst),
		ts.c.get("/v1/paths?from=test:1&to=test:2", ts.analyst),
		ts.c.post("/v1/exposure", ts.analyst, map[string]any{"party": "test:1"}),
	} {
		r.expect(t, http.StatusServiceUnavailable, CodeLoading)
		if r.header.Get("Retry-After") == "" || !strings.Contains(string(r.body), "still building") {
			t.Errorf("503 %q, Retry-After %q", r.body, r.header.Get("Retry-After"))
		}
	}
	r := ts.c.get("/v1/entities/test:1", ts.analyst)
	r.expect(t, http.StatusOK, "")
	if bytes.Contains(r.body, []byte(`"cluster"`)) {
		t.Errorf("a cluster before the network is built: %s", r.body)
	}
	ts.c.get("/v1/search?q=Putin", ts.screener).expect(t, http.StatusOK, "")

	// A new snapshot in service builds its own network.
	fresh := dataset.Build(testCatalog(), time.Now())
	ts.install(fresh)
	select {
	case <-fresh.NetworkDone():
	case <-time.After(time.Minute):
		t.Fatal("the new snapshot's network was not built")
	}
	r = ts.c.get("/v1/entities/test:1/network?depth=1", ts.analyst)
	r.expect(t, http.StatusOK, "")
	var res network.NetworkResponse
	r.decode(t, &res)
	if len(res.Nodes) != 2 || res.Nodes[1].ID != "test:2" || len(res.Edges) != 1 || res.Edges[0].Type != graph.EdgeOperates {
		t.Errorf("network of the test list: %s", r.body)
	}
	r = ts.c.get("/v1/entities/test:1", ts.analyst)
	var ent entityResponse
	r.decode(t, &ent)
	if ent.Cluster == nil || len(ent.Cluster.Members) != 1 || ent.Cluster.Members[0].ID != "test:1" {
		t.Errorf("cluster %s", r.body)
	}
}

// BenchmarkNetworkRoutes measures the network routes in process over
// every list of ../shared/data, the whole handler included (key check,
// JSON): Putin's network at depth 2, the IRGC Air Force's at depth 4 (a
// hub), all shortest paths between two drone makers (one by name), and
// exposure with and without two edges of the user's.
func BenchmarkNetworkRoutes(b *testing.B) {
	root := shared.Root()
	if root == "" {
		b.Skip("shared data not found")
	}
	data := root + "/data"
	st := newFakeStore()
	_, secret, _ := st.CreateKey(context.Background(), "bench", interdict.RoleAnalyst)
	s := New(Config{Addr: "127.0.0.1:0", LoadCatalog: func(ctx context.Context) (*source.Catalog, error) { return source.Load(ctx, data) },
		OpenStore: func(context.Context) (store.Store, error) { return st, nil }, Logger: slog.New(slog.DiscardHandler)})
	if err := s.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for s.holder.Current() == nil || s.backend.Load() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	<-s.holder.Current().NetworkDone()
	if s.holder.Current().Network() == nil {
		b.Fatal("no network")
	}
	exp, _ := json.Marshal(map[string]any{"party": "Kestrel Marlow Holdings Ltd", "edges": uavEdges})
	for _, rt := range []struct {
		name, method, path string
		body               []byte
	}{
		{"network-putin-2", "GET", "/v1/entities/ofac-sdn:35096/network", nil},
		{"network-irgc-af-4", "GET", "/v1/entities/ofac-sdn:12055/network?depth=4", nil},
		{"paths-by-name", "GET", "/v1/paths?from=ofac-sdn:39637&to=PARAVAR+PARS+COMPANY", nil},
		{"exposure-id-3", "POST", "/v1/exposure", []byte(`{"party":"ofac-sdn:12055"}`)},
		{"exposure-edges-3", "POST", "/v1/exposure", exp},
	} {
		b.Run(rt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(rt.method, rt.path, bytes.NewReader(rt.body))
				req.Header.Set("Authorization", "Bearer "+secret)
				w := httptest.NewRecorder()
				s.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", rt.path, w.Code, w.Body)
				}
			}
		})
	}
}

// FuzzExposureBody: whatever the body of POST /v1/exposure, decoding
// refuses it with a client error whose message is valid UTF-8, or the
// network answers it (the test list's network) or refuses it as a client
// error; nothing panics.
func FuzzExposureBody(f *testing.F) {
	for _, seed := range []string{
		`{"party":"test:1"}`,
		`{"party":"Vladimir Putin","hops":2,"country":"RU"}`,
		`{"party":"kmh","edges":[{"from":"kmh","to":"test:1","type":"owns","from_name":"Kestrel","from_country":"CY"}]}`,
		`{"party":"kmh","edges":[{"from":"kmh","to":"x","type":"  supplies  parts "},{"from":"x","to":"test:2","type":"ships-to"}]}`,
		`{"party":"","hops":-1}`,
		`{"party":"x","edges":[{"from":"","to":"","type":""}]}`,
		`{"party":"x","edges":null,"hops":6}`,
		`{"party":"\u0000\ud800","country":"zz"}`,
		`[1,2,3]`, `{"party":"x"} {"party":"y"}`, ``, `{`,
	} {
		f.Add([]byte(seed))
	}
	snap := fuzzSnap()
	n, err := snap.BuildNetwork(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := decodeExposure(bytes.NewReader(body))
		if err != nil {
			checkDecoded(t, parsed{}, err)
			return
		}
		if _, err := n.Exposure(context.Background(), req); err != nil {
			e := asError(exposureError(err))
			if e.Code != CodeBadRequest && e.Code != CodeNotFound || !utf8.ValidString(e.Message) {
				t.Fatalf("%s: %v", e.Code, err)
			}
		}
	})
}
