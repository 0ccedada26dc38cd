package graph

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	interdict "github.com/interdict/interdict"
)

func person(id, name string) *interdict.Entity {
	src, _, _ := strings.Cut(id, ":")
	return &interdict.Entity{ID: id, Source: src, Kind: interdict.KindPerson, Names: []interdict.Name{{Full: name, Type: interdict.NamePrimary}}}
}

func org(id, name string) *interdict.Entity {
	e := person(id, name)
	e.Kind = interdict.KindOrganization
	return e
}

// fixture is a small network in the shapes the parsers give:
//
//	uk:1 ACME HOLDING  owns  uk:2 ACME TRADING (UK owner link by name)
//	uk:2  linked-to  ofac-sdn:3 BLUE SHIPPING (resolved id)
//	ofac-sdn:4 vessel SEA STAR, owned by BLUE SHIPPING (Vess_owner by name)
//	ftm:a owns ftm:b, given on both ends (one edge)
//	ofac-sdn:3 and un:9 share IMO-company number; ofac-sdn:5 and au:6 a street address
func fixture() []*interdict.Entity {
	acme := org("uk:1", "ACME HOLDING")
	trading := org("uk:2", "ACME TRADING")
	trading.Links = []interdict.Link{{Type: interdict.LinkOwner, OtherName: "Acme Holding"}, {Type: interdict.LinkLinkedTo, OtherName: "BLUE SHIPPING", OtherID: "ofac-sdn:3", Note: "Linked To: BLUE SHIPPING."}}
	blue := org("ofac-sdn:3", "BLUE SHIPPING")
	blue.Identifiers = []interdict.Identifier{{Type: interdict.IDIMO, Value: "IMO 5551234"}}
	vessel := &interdict.Entity{ID: "ofac-sdn:4", Source: "ofac-sdn", Kind: interdict.KindVessel, Names: []interdict.Name{{Full: "SEA STAR", Type: interdict.NamePrimary}},
		Links: []interdict.Link{{Type: interdict.LinkVesselOwner, OtherName: "BLUE SHIPPING.", Note: "Vess_owner"}}}
	a := org("ftm:a", "Alpha")
	a.Links = []interdict.Link{{Type: interdict.LinkSubsidiary, OtherID: "ftm:b", OtherName: "Beta", Note: "51"}}
	bb := org("ftm:b", "Beta")
	bb.Links = []interdict.Link{{Type: interdict.LinkOwner, OtherID: "ftm:a", OtherName: "Alpha", Note: "51"}}
	un := org("un:9", "BLUE SHIPPING CO")
	un.Identifiers = []interdict.Identifier{{Type: interdict.IDIMO, Value: "5551234"}}
	p5 := person("ofac-sdn:5", "DOE, John")
	p5.Addresses = []interdict.Address{{Street: "12 Harbour Road", City: "Limassol", Country: "CY", Full: "12 Harbour Road, Limassol, Cyprus"}}
	p6 := person("au:6", "John Doe")
	p6.Addresses = []interdict.Address{{Full: "12 Harbour Road, Limassol, Cyprus", Country: "CY"}, {Full: "Limassol, Cyprus", Country: "CY"}}
	p7 := person("au:7", "Jane Roe")
	p7.Addresses = []interdict.Address{{Full: "Limassol, Cyprus", Country: "CY"}}
	orphan := org("uk:8", "LONELY LTD")
	orphan.Links = []interdict.Link{{Type: interdict.LinkOwner, OtherName: "Nobody Listed Holdings"}}
	return []*interdict.Entity{acme, trading, blue, vessel, a, bb, un, p5, p6, p7, orphan}
}

func edgesOf(g *Graph) map[string]Edge {
	out := map[string]Edge{}
	for _, e := range g.Edges() {
		out[e.From+" "+string(e.Type)+" "+e.To] = e
	}
	return out
}

func TestBuildEdges(t *testing.T) {
	g := Build(fixture(), Options{})
	es := edgesOf(g)
	for _, want := range []string{
		"uk:1 owns uk:2",
		"uk:2 linked-to ofac-sdn:3",
		"ofac-sdn:3 owns-or-operates ofac-sdn:4",
		"ftm:a owns ftm:b",
		"ofac-sdn:3 shared-identifier un:9",
		"ofac-sdn:5 shared-address au:6",
		"name:NOBODY LISTED HOLDINGS owns uk:8",
	} {
		if _, ok := es[want]; !ok {
			t.Errorf("no edge %s; have %v", want, slices.Sorted(mapKeys(es)))
		}
	}
	if e := es["ofac-sdn:3 shared-identifier un:9"]; e.Source != SourceDerived || !strings.Contains(e.Evidence, "5551234") {
		t.Errorf("shared identifier edge %+v", e)
	}
	// a city alone relates no one
	if _, ok := es["au:6 shared-address au:7"]; ok {
		t.Error("a city and country alone made a shared-address edge")
	}
	// the two ends of one ownership are one edge
	n := 0
	for _, e := range g.Edges() {
		if e.Type == EdgeOwns && (e.From == "ftm:a" || e.To == "ftm:a") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d owns edges at ftm:a, want 1", n)
	}
	if len(g.Unresolved) != 1 || g.Unresolved[0].From != "uk:8" || !strings.Contains(g.Unresolved[0].Reason, "no record") {
		t.Errorf("unresolved %+v", g.Unresolved)
	}
	if nd, ok := g.Node("name:NOBODY LISTED HOLDINGS"); !ok || nd.Listed {
		t.Errorf("unlisted node %+v %v", nd, ok)
	}
	if g.Stats.Links != 6 || g.Stats.LinksResolved != 5 {
		t.Errorf("links %d resolved %d, want 6 and 5", g.Stats.Links, g.Stats.LinksResolved)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestGenericShared(t *testing.T) {
	var ents []*interdict.Entity
	for i := range 30 {
		e := person("x:"+string(rune('a'+i)), "P")
		e.Addresses = []interdict.Address{{Full: "1 Okhotny Ryad str, Moscow, 103265, Russia", Country: "RU"}}
		e.Identifiers = []interdict.Identifier{{Type: interdict.IDPassport, Value: "000000"}}
		ents = append(ents, e)
	}
	g := Build(ents, Options{})
	if g.Stats.Edges != 0 {
		t.Errorf("%d edges from an address of 30 records and a passport 000000, want none", g.Stats.Edges)
	}
	if g.Stats.GenericSkipped != 1 {
		t.Errorf("generic skipped %d, want 1", g.Stats.GenericSkipped)
	}
}

func TestNeighbourhood(t *testing.T) {
	g := Build(fixture(), Options{})
	ctx := context.Background()
	sub, err := g.Neighbourhood(ctx, "uk:1", 1)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Stats.Nodes != 2 || sub.Stats.Edges != 1 {
		t.Errorf("depth 1: %+v", sub.Stats)
	}
	sub, _ = g.Neighbourhood(ctx, "uk:1", 3)
	var ids []string
	for _, n := range sub.Nodes {
		ids = append(ids, n.ID)
	}
	want := []string{"uk:1", "uk:2", "ofac-sdn:3", "ofac-sdn:4", "un:9"}
	if !slices.Equal(ids, want) {
		t.Errorf("depth 3 nodes %v, want %v", ids, want)
	}
	if sub.Nodes[4].Hops != 3 {
		t.Errorf("un:9 at %d hops", sub.Nodes[4].Hops)
	}
	// by alternative key
	if _, err := g.Neighbourhood(ctx, "nope", 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestShortestPaths(t *testing.T) {
	g := Build(fixture(), Options{})
	ctx := context.Background()
	ps, err := g.ShortestPaths(ctx, "uk:1", "ofac-sdn:4", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Hops() != 3 {
		t.Fatalf("paths %v", ps)
	}
	if got := ps[0].String(); got != "ACME HOLDING [uk:1] -owns-> ACME TRADING [uk:2] -linked-to-> BLUE SHIPPING [ofac-sdn:3] -owns-or-operates-> SEA STAR [ofac-sdn:4]" {
		t.Errorf("path %s", got)
	}
	ps, _ = g.ShortestPaths(ctx, "ofac-sdn:4", "uk:1", 0, 0)
	if len(ps) != 1 || !ps[0].Steps[0].Reverse {
		t.Errorf("reverse path %v", ps)
	}
	if ps, _ := g.ShortestPaths(ctx, "uk:1", "ofac-sdn:4", 2, 0); len(ps) != 0 {
		t.Errorf("paths longer than the bound: %v", ps)
	}
	if ps, _ := g.ShortestPaths(ctx, "uk:1", "ftm:a", 0, 0); len(ps) != 0 {
		t.Errorf("paths between parts not connected: %v", ps)
	}
}

// TestAllShortestPaths: a diamond has two shortest paths.
func TestAllShortestPaths(t *testing.T) {
	b := NewBuilder()
	n := map[string]int32{}
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		n[id] = b.AddNode(Node{ID: id, Listed: true})
	}
	b.AddEdge(n["a"], n["b"], "x", "t", "")
	b.AddEdge(n["a"], n["c"], "x", "t", "")
	b.AddEdge(n["b"], n["d"], "x", "t", "")
	b.AddEdge(n["c"], n["d"], "x", "t", "")
	b.AddEdge(n["d"], n["e"], "x", "t", "")
	b.AddEdge(n["a"], n["e"], "y", "t", "long way round is shorter")
	g := b.Build()
	ps, _ := g.ShortestPaths(context.Background(), "b", "c", 0, 0)
	if len(ps) != 2 {
		t.Fatalf("%d paths b–c, want 2: %v", len(ps), ps)
	}
	for _, p := range ps {
		if p.Hops() != 2 {
			t.Errorf("path %v", p)
		}
	}
	ps, _ = g.ShortestPaths(context.Background(), "a", "d", 0, 1)
	if len(ps) != 1 {
		t.Errorf("limit 1 gave %d", len(ps))
	}
}

func TestExposure(t *testing.T) {
	g := Build(fixture(), Options{})
	ex, trunc, err := g.Exposure(context.Background(), "uk:1", 2)
	if err != nil || trunc {
		t.Fatal(err, trunc)
	}
	var got []string
	for _, x := range ex {
		got = append(got, x.ID)
		if x.Path.Hops() != x.Hops || x.Path.Nodes[len(x.Path.Nodes)-1].ID != x.ID || x.Path.Nodes[0].ID != "uk:1" {
			t.Errorf("path of %s: %v", x.ID, x.Path)
		}
	}
	if !slices.Equal(got, []string{"uk:2", "ofac-sdn:3"}) {
		t.Errorf("exposure %v", got)
	}
}

// fakeScreener alerts on names containing "blue shipping".
type fakeScreener struct{}

func (fakeScreener) Screen(q *interdict.Query, _ bool) ([]interdict.Match, error) {
	if strings.Contains(strings.ToLower(q.Names[0]), "blue shipping") {
		return []interdict.Match{{ID: "ofac-sdn:3", Source: "ofac-sdn", Name: "BLUE SHIPPING", MatchedName: "BLUE SHIPPING", Score: 0.97, Alert: true},
			{ID: "un:9", Score: 0.6}}, nil
	}
	return nil, nil
}

func TestWithUserEdges(t *testing.T) {
	base := Build(fixture(), Options{})
	in := "from,to,type,from_name,to_name,evidence\n" +
		"p1,c1,owns,Mr Smith,Smith Components Ltd,registry extract 2024\n" +
		"c1,Blue Shipping Company,supplies,,,invoice 17\n" +
		"c1,uk:2,ships-to,,,\n"
	edges, err := ReadEdges(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	g, parties, err := base.With(edges, fakeScreener{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := base.Node("user:p1"); ok {
		t.Error("With changed the base graph")
	}
	var hows []string
	for _, p := range parties {
		hows = append(hows, p.Key+"="+p.How)
	}
	if want := []string{"p1=screened: no alert", "c1=screened: no alert", "Blue Shipping Company=screened: alert", "uk:2=listed id"}; !slices.Equal(hows, want) {
		t.Errorf("parties %v, want %v", hows, want)
	}
	ex, _, _ := g.Exposure(context.Background(), "user:p1", 3)
	var got []string
	for _, x := range ex {
		got = append(got, x.Path.String())
	}
	want := "Mr Smith [user:p1] -owns-> Smith Components Ltd [user:c1] -supplies-> Blue Shipping Company [user:Blue Shipping Company] -screening-match-> BLUE SHIPPING [ofac-sdn:3]"
	if !slices.Contains(got, want) {
		t.Errorf("exposure paths %q, want one %q", got, want)
	}
}

func TestReadEdges(t *testing.T) {
	jl := `{"from":"a","to":"b","type":"Owns Shares","evidence":"x"}` + "\n\n" + `{"from":"b","to":"c","type":"supplies"}`
	es, err := ReadEdges(strings.NewReader(jl))
	if err != nil || len(es) != 2 || es[0].Type != "owns-shares" || es[1].Line != 3 {
		t.Fatalf("%+v %v", es, err)
	}
	for _, bad := range []string{
		"from,to\na,b\n",
		"from,to,type\na,,owns\n",
		`{"from":"a","to":"b"}`,
		`{"from":"a","to":"b","type":"x","colour":"red"}`,
		`{"from":`,
	} {
		if _, err := ReadEdges(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
	if es, err := ReadEdges(strings.NewReader("\ufeffFrom,TO,Type\n a , b , owns\n")); err != nil || len(es) != 1 || es[0].From != "a" || es[0].Line != 2 {
		t.Errorf("BOM and case: %+v %v", es, err)
	}
}

func TestFormats(t *testing.T) {
	g := Build(fixture(), Options{})
	sub, _ := g.Neighbourhood(context.Background(), "uk:2", 2)
	var b strings.Builder
	if err := sub.WriteGraphML(&b); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(strings.NewReader(b.String()))
	nodes, edges := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("graphml is not XML: %v\n%s", err, b.String())
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "node":
				nodes++
			case "edge":
				edges++
			}
		}
	}
	if nodes != len(sub.Nodes) || edges != len(sub.Edges) {
		t.Errorf("graphml %d nodes %d edges, want %d %d", nodes, edges, len(sub.Nodes), len(sub.Edges))
	}
	b.Reset()
	if err := sub.WriteDOT(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "digraph ") || !strings.Contains(b.String(), `"uk:2" -> "ofac-sdn:3" [label="linked-to"]`) {
		t.Errorf("dot:\n%s", b.String())
	}
}

// TestConcurrentQueries runs queries from several goroutines (go test
// -race checks the graph is read-only).
func TestConcurrentQueries(t *testing.T) {
	g := Build(fixture(), Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for range 50 {
				if _, err := g.Neighbourhood(context.Background(), "uk:1", 1+i%3); err != nil {
					t.Error(err)
				}
				if _, err := g.ShortestPaths(context.Background(), "uk:1", "un:9", 0, 0); err != nil {
					t.Error(err)
				}
				if _, _, err := g.Exposure(context.Background(), "ofac-sdn:4", 3); err != nil {
					t.Error(err)
				}
			}
		}(i)
	}
	wg.Wait()
}

// FuzzReadEdges: any input gives edges or an error, never a panic.
func FuzzReadEdges(f *testing.F) {
	f.Add("from,to,type\na,b,owns\n")
	f.Add(`{"from":"a","to":"b","type":"x"}`)
	f.Add("from,to,type\n\"a,b\n")
	f.Add("\ufeff\n\n{")
	f.Fuzz(func(t *testing.T, in string) {
		es, err := ReadEdges(strings.NewReader(in))
		if err == nil {
			for _, e := range es {
				if e.From == "" || e.To == "" || e.Type == "" {
					t.Errorf("edge without an end or type: %+v", e)
				}
			}
		}
	})
}
