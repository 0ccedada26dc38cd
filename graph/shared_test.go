package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
)

func load(tb testing.TB, dir string) *source.Catalog {
	tb.Helper()
	cat, err := source.Load(context.Background(), dir)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// TestOFACLinkedTo: at least 95 % of the "Linked To:" targets of the OFAC
// SDN list of 2024-05-03 resolve to an entity id; the others are listed
// with the reason. The number of links is checked against the raw file:
// every "Linked To:" of the remarks column is one link (a remark naming
// the same party twice counts once).
func TestOFACLinkedTo(t *testing.T) {
	dir := shared.Data(t, "ofac_sdn_2024-05-03")
	cat := load(t, dir)
	l := cat.List("ofac-sdn")
	// loaded from its own folder the file has no date of its own (the
	// folder name is not part of its path then): check it by size
	if l == nil || len(l.Live.Entities) != 14965 {
		t.Fatalf("no ofac-sdn of 14,965 records in %s", dir)
	}
	g := Build(l.Live.Entities, Options{})

	total, resolved := 0, 0
	for _, e := range l.Live.Entities {
		for _, lk := range e.Links {
			if lk.Type == interdict.LinkLinkedTo {
				total++
			}
		}
	}
	var unresolved []Unresolved
	for _, u := range g.Unresolved {
		if u.Link.Type == interdict.LinkLinkedTo {
			unresolved = append(unresolved, u)
		}
	}
	resolved = total - len(unresolved)
	share := float64(resolved) / float64(total)
	t.Logf("OFAC SDN 2024-05-03: %d Linked To links, %d resolved to an entity id (%.2f %%), %d not:", total, resolved, 100*share, len(unresolved))
	for _, u := range unresolved {
		t.Logf("  %s → %q: %s", u.From, u.Link.OtherName, u.Reason)
	}
	if share < 0.95 {
		t.Errorf("%.2f %% of Linked To targets resolved, want at least 95 %%", 100*share)
	}
	// every resolved one is an edge to a listed node of the list
	for _, e := range g.Edges() {
		if e.Type == EdgeLinkedTo && strings.HasPrefix(e.To, "name:") && strings.HasPrefix(e.From, "name:") {
			t.Errorf("edge between two unlisted names: %+v", e)
		}
	}

	// independent count from the raw CSV: remarks are the 12th column
	raw := rawLinkedTo(t, filepath.Join(dir, "sdn.csv"))
	if raw != total {
		t.Errorf("sdn.csv has %d distinct Linked To per record, the parser gave %d", raw, total)
	}
}

// rawLinkedTo counts the distinct "Linked To: X" of each record of an
// OFAC sdn.csv, reading the quoted CSV by hand.
func rawLinkedTo(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		seen := map[string]bool{}
		for rest := line; ; {
			i := strings.Index(rest, "Linked To: ")
			if i < 0 {
				break
			}
			rest = rest[i+len("Linked To: "):]
			end := strings.IndexAny(rest, ";\"")
			if end < 0 {
				end = len(rest)
			}
			name := strings.TrimSuffix(strings.TrimSpace(rest[:end]), ".")
			name = strings.TrimSuffix(name, ")")
			if !seen[name] {
				seen[name] = true
				n++
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestZALA: the OpenSanctions ZALA fixture loads as one connected graph in
// which every relationship entity of the file (Ownership, Directorship,
// Family, Associate, UnknownLink) is an edge of its type between its two
// ends, read from the raw file independently of the parser.
func TestZALA(t *testing.T) {
	dir := shared.Data(t, "opensanctions_ftm_fixtures", "zala")
	cat := load(t, dir)
	g := Build(cat.Entities(), Options{})

	// connected: a walk from any node reaches them all
	sub, err := g.Neighbourhood(context.Background(), g.Nodes()[0].ID, MaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Stats.Nodes != len(g.Nodes()) {
		var missing []string
		reached := map[string]bool{}
		for _, n := range sub.Nodes {
			reached[n.ID] = true
		}
		for _, n := range g.Nodes() {
			if !reached[n.ID] {
				missing = append(missing, n.ID+" "+n.Name)
			}
		}
		t.Errorf("ZALA graph not connected: %d of %d nodes reached from %s; not: %v", sub.Stats.Nodes, len(g.Nodes()), g.Nodes()[0].ID, missing)
	}

	want := map[string]EdgeType{"Ownership": EdgeOwns, "Directorship": EdgeDirects, "Family": EdgeFamily, "Associate": EdgeAssociate, "UnknownLink": EdgeLinkedTo}
	ends := map[string][2]string{"Ownership": {"owner", "asset"}, "Directorship": {"director", "organization"}, "Family": {"person", "relative"}, "Associate": {"person", "associate"}, "UnknownLink": {"subject", "object"}}
	f, err := os.Open(filepath.Join(dir, "entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	rels := 0
	for sc.Scan() {
		var o struct {
			ID         string              `json:"id"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		}
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		typ, ok := want[o.Schema]
		if !ok {
			continue
		}
		rels++
		e := ends[o.Schema]
		for _, from := range o.Properties[e[0]] {
			for _, to := range o.Properties[e[1]] {
				a, okA := g.Node("ftm:" + from)
				b, okB := g.Node("ftm:" + to)
				if !okA || !okB {
					t.Errorf("%s %s: end not in the graph (%s %v, %s %v)", o.Schema, o.ID, from, okA, to, okB)
					continue
				}
				if !hasEdge(g, a.ID, b.ID, typ) {
					t.Errorf("%s %s: no %s edge %s → %s", o.Schema, o.ID, typ, a.ID, b.ID)
				}
			}
		}
	}
	if rels != 21 {
		t.Errorf("%d relationship entities in the fixture, want 21 (14 Ownership, 3 Directorship, 4 Family)", rels)
	}
	t.Logf("ZALA: %d nodes, %d edges %v; %d relationship entities, each an edge", g.Stats.Nodes, g.Stats.Edges, g.Stats.ByType, rels)
}

func hasEdge(g *Graph, from, to string, typ EdgeType) bool {
	for _, e := range g.EdgesOf(from) {
		if e.Type != typ {
			continue
		}
		if e.From == from && e.To == to || symmetric(typ) && e.From == to && e.To == from {
			return true
		}
	}
	return false
}

var (
	allOnce sync.Once
	allG    *Graph
	allErr  error
)

// allLists builds the graph of every list of ../shared/data once.
func allLists(tb testing.TB) *Graph {
	tb.Helper()
	dir := shared.Data(tb)
	allOnce.Do(func() {
		cat, err := source.Load(context.Background(), dir)
		if err != nil {
			allErr = err
			return
		}
		allG = Build(cat.Entities(), Options{})
	})
	if allErr != nil {
		tb.Fatal(allErr)
	}
	return allG
}

// busiest returns the n nodes with the largest neighbourhoods at depth 3,
// the worst cases for the query benchmarks.
func busiest(tb testing.TB, g *Graph, n int) []string {
	tb.Helper()
	type sized struct {
		id   string
		size int
	}
	// candidates: the highest degrees
	var cands []sized
	for i := range g.nodes {
		cands = append(cands, sized{g.nodes[i].ID, int(g.off[i+1] - g.off[i])})
	}
	sort.Slice(cands, func(i, j int) bool {
		return cands[i].size > cands[j].size || cands[i].size == cands[j].size && cands[i].id < cands[j].id
	})
	cands = cands[:min(200, len(cands))]
	for i := range cands {
		sub, err := g.Neighbourhood(context.Background(), cands[i].id, 3)
		if err != nil {
			tb.Fatal(err)
		}
		cands[i].size = sub.Stats.Nodes
	}
	sort.Slice(cands, func(i, j int) bool {
		return cands[i].size > cands[j].size || cands[i].size == cands[j].size && cands[i].id < cands[j].id
	})
	var out []string
	for _, c := range cands[:n] {
		out = append(out, c.id)
	}
	return out
}

// TestQueryLatency: depth-3 queries over every list answer in under 50 ms,
// even from the parties with the largest neighbourhoods (the median of
// five runs each, so that a busy machine does not fail it).
func TestQueryLatency(t *testing.T) {
	g := allLists(t)
	ctx := context.Background()
	for _, id := range busiest(t, g, 5) {
		var times []time.Duration
		var size int
		for range 5 {
			start := time.Now()
			sub, err := g.Neighbourhood(ctx, id, 3)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := g.Exposure(ctx, id, 3); err != nil {
				t.Fatal(err)
			}
			times = append(times, time.Since(start))
			size = sub.Stats.Nodes
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%s: depth 3, %d nodes: neighbourhood + exposure in %v (median of 5)", id, size, times[2])
		if times[2] > 50*time.Millisecond {
			t.Errorf("%s: depth-3 queries took %v, want under 50 ms", id, times[2])
		}
	}
}

// BenchmarkNeighbourhood3 queries depth 3 from the parties with the
// largest neighbourhoods over every list of ../shared/data.
func BenchmarkNeighbourhood3(b *testing.B) {
	g := allLists(b)
	ids := busiest(b, g, 10)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := g.Neighbourhood(ctx, ids[i%len(ids)], 3); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkExposure3 is the exposure query at 3 hops from the same
// parties.
func BenchmarkExposure3(b *testing.B) {
	g := allLists(b)
	ids := busiest(b, g, 10)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := g.Exposure(ctx, ids[i%len(ids)], 3); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkShortestPaths finds the paths between the busiest parties.
func BenchmarkShortestPaths(b *testing.B) {
	g := allLists(b)
	ids := busiest(b, g, 10)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := g.ShortestPaths(ctx, ids[i%len(ids)], ids[(i+3)%len(ids)], 0, 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBuild builds the graph of every list.
func BenchmarkBuild(b *testing.B) {
	cat := load(b, shared.Data(b))
	ents := cat.Entities()
	b.ReportAllocs()
	for b.Loop() {
		Build(ents, Options{})
	}
}
