// Package network answers the network questions over one snapshot of the
// lists: the neighbourhood of a party, the shortest paths between two,
// and a party's exposure to listed entities, with the user's own edges
// joined in. It holds what the command line and the HTTP API share: the
// graph of a snapshot's entities, how a party given by id or by name is
// found, and the JSON shapes of the answers.
//
// It does not import dataset, so that a dataset.Snapshot may hold a
// Network: at the end of dataset.Build,
//
//	cs, err := resolve.Resolve(ctx, s.Index, resolve.Options{})
//	s.Network = network.New(s.Version, s.Screener, s.Index.Entities, cs)
//
// (about 3 s and 0.4 s over every list of ../shared/data on two cores).
// A Network is immutable and safe for concurrent use.
package network

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/graph"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/screen"
)

// Network is the graph of one snapshot.
type Network struct {
	// Version is the snapshot's, named in every answer.
	Version  string
	Screener *screen.Screener
	Graph    *graph.Graph
	// Clusters are the records of one party on several lists, when the
	// network was built with them.
	Clusters *resolve.Clusters
	// sources are the lists of the graph's records, for bare ids.
	sources []string
}

// New builds the graph of a snapshot's entities; links that name a party
// only by a name no record has exactly are resolved by screening the name
// (graph.LinkScreenBar). With clusters (nil for none), the records of one
// party on several lists are joined by same-party edges, so that what one
// list says of a party (its owners) and what another says (its links)
// meet.
func New(version string, s *screen.Screener, ents []*interdict.Entity, clusters *resolve.Clusters) *Network {
	opt := graph.Options{Screener: s}
	if clusters != nil {
		for _, cl := range clusters.All() {
			for _, d := range cl.Decisions {
				if d.Joined {
					opt.SameParty = append(opt.SameParty, graph.Pair{A: d.A, B: d.B, Evidence: string(d.Rule) + ": " + d.Evidence})
				}
			}
		}
	}
	n := &Network{Version: version, Screener: s, Graph: graph.Build(ents, opt), Clusters: clusters}
	for _, e := range ents {
		if !slices.Contains(n.sources, e.Source) {
			n.sources = append(n.sources, e.Source)
		}
	}
	return n
}

// Errors, for the API to map to status codes.
var (
	// ErrNoParty: the party is neither a node id nor a name that alerts.
	ErrNoParty = errors.New("no such party")
	// ErrBadRequest: a request that cannot be answered as given.
	ErrBadRequest = errors.New("bad request")
)

// Party is how a party given by a user was found.
type Party struct {
	Given string `json:"given"`
	// Node is the graph node the party is.
	Node graph.Node `json:"node"`
	// How: "id" (a node id or alternative key), "your edges" (a party of
	// the user's edges, by key or name), "screened" (the best alerting
	// match of the name).
	How   string           `json:"how"`
	Match *interdict.Match `json:"match,omitempty"`
}

// Find finds a party given by id, alternative key, bare publisher id or
// name in g (the network's graph, or one with user edges): a node id or
// key first, then a party of the user's edges by key or name, then the
// best alerting screening match of the name (with country, when given).
func (n *Network) Find(g *graph.Graph, given, country string, parties []graph.Party) (*Party, error) {
	given = strings.TrimSpace(given)
	if given == "" {
		return nil, fmt.Errorf("%w: no party given", ErrBadRequest)
	}
	if nd, ok := g.Node(given); ok {
		return &Party{Given: given, Node: *nd, How: "id"}, nil
	}
	for _, p := range parties {
		if p.Key == given || strings.EqualFold(p.Name, given) {
			if nd, ok := g.Node(p.Node); ok {
				return &Party{Given: given, Node: *nd, How: "your edges"}, nil
			}
		}
	}
	if b, ok := n.bareID(given); ok {
		if nd, ok := g.Node(b.ID); ok {
			return &Party{Given: given, Node: *nd, How: "id"}, nil
		}
	}
	q := &interdict.Query{Names: []string{given}, Limit: 5}
	if country != "" {
		q.Countries = []string{strings.ToUpper(country)}
	}
	ms, err := n.Screener.Screen(q, false)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	// The best alerting match; among equals, the one of the list first in
	// resolve.SourceOrder (the same party is often on several lists with
	// the same name).
	best := -1
	for i, m := range ms {
		if !m.Alert || best >= 0 && m.Score < ms[best].Score {
			break
		}
		if _, ok := g.Node(m.ID); !ok {
			continue
		}
		if best < 0 || rank(m.Source) < rank(ms[best].Source) {
			best = i
		}
	}
	if best >= 0 {
		nd, _ := g.Node(ms[best].ID)
		return &Party{Given: given, Node: *nd, How: "screened", Match: &ms[best]}, nil
	}
	why := "no listed name matches it"
	if len(ms) > 0 {
		why = fmt.Sprintf("the best match, %s %q, scores %.2f, under the alert threshold %.2f", ms[0].ID, ms[0].Name, ms[0].Score, n.Screener.Threshold)
	}
	return nil, fmt.Errorf("%w: %q is no id in the graph and %s", ErrNoParty, given, why)
}

// bareID finds the record whose id is "<source>:given", when exactly one
// list has it ("35096" for "ofac-sdn:35096").
func (n *Network) bareID(given string) (*graph.Node, bool) {
	if strings.ContainsAny(given, ": ") {
		return nil, false
	}
	var found *graph.Node
	for _, src := range n.sources {
		if nd, ok := n.Graph.Node(src + ":" + given); ok {
			if found != nil {
				return nil, false
			}
			found = nd
		}
	}
	return found, found != nil
}

// with returns the graph with the user's edges, or the network's graph
// when there are none.
func (n *Network) with(edges []graph.UserEdge) (*graph.Graph, []graph.Party, error) {
	if len(edges) == 0 {
		return n.Graph, nil, nil
	}
	if len(edges) > graph.MaxUserEdges {
		return nil, nil, fmt.Errorf("%w: %d edges, at most %d", ErrBadRequest, len(edges), graph.MaxUserEdges)
	}
	g, parties, err := n.Graph.With(edges, n.Screener)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	return g, parties, nil
}

// NetworkResponse is the answer of GET /v1/entities/{id}/network.
type NetworkResponse struct {
	Snapshot string `json:"snapshot"`
	Party    *Party `json:"party"`
	*graph.Subgraph
}

// Neighbourhood answers the network of a party to depth.
func (n *Network) Neighbourhood(ctx context.Context, party string, depth int) (*NetworkResponse, error) {
	p, err := n.Find(n.Graph, party, "", nil)
	if err != nil {
		return nil, err
	}
	sub, err := n.Graph.Neighbourhood(ctx, p.Node.ID, depth)
	if err != nil {
		return nil, err
	}
	return &NetworkResponse{Snapshot: n.Version, Party: p, Subgraph: sub}, nil
}

// PathsRequest is GET /v1/paths?from=&to=&max=&limit=.
type PathsRequest struct {
	From   string           `json:"from"`
	To     string           `json:"to"`
	MaxLen int              `json:"max_len,omitempty"`
	Limit  int              `json:"limit,omitempty"`
	Edges  []graph.UserEdge `json:"edges,omitempty"`
}

// PathsResponse is the answer of GET /v1/paths: the shortest paths, all
// of one length, or none within MaxLen.
type PathsResponse struct {
	Snapshot string        `json:"snapshot"`
	From     *Party        `json:"from"`
	To       *Party        `json:"to"`
	Paths    []graph.Path  `json:"paths"`
	Parties  []graph.Party `json:"parties,omitempty"`
}

// Paths answers the shortest paths between two parties.
func (n *Network) Paths(ctx context.Context, req PathsRequest) (*PathsResponse, error) {
	g, parties, err := n.with(req.Edges)
	if err != nil {
		return nil, err
	}
	from, err := n.Find(g, req.From, "", parties)
	if err != nil {
		return nil, err
	}
	to, err := n.Find(g, req.To, "", parties)
	if err != nil {
		return nil, err
	}
	ps, err := g.ShortestPaths(ctx, from.Node.ID, to.Node.ID, req.MaxLen, req.Limit)
	if err != nil {
		return nil, err
	}
	if ps == nil {
		ps = []graph.Path{}
	}
	return &PathsResponse{Snapshot: n.Version, From: from, To: to, Paths: ps, Parties: parties}, nil
}

// ExposureRequest is the body of POST /v1/exposure: a party by id or name
// (with a country to help screen a name), how far to look, and the user's
// own edges.
type ExposureRequest struct {
	Party   string           `json:"party"`
	Country string           `json:"country,omitempty"`
	Hops    int              `json:"hops,omitempty"`
	Edges   []graph.UserEdge `json:"edges,omitempty"`
}

// DefaultHops is how far exposure looks when a request does not say.
const DefaultHops = 3

// ExposureResponse is the answer of POST /v1/exposure: every listed
// entity within Hops of the party, nearest first, each with its path;
// Parties says how each party of the user's edges was placed.
type ExposureResponse struct {
	Snapshot  string        `json:"snapshot"`
	Party     *Party        `json:"party"`
	Hops      int           `json:"hops"`
	Exposures []Exposure    `json:"exposures"`
	Truncated bool          `json:"truncated,omitempty"`
	Parties   []graph.Party `json:"parties,omitempty"`
}

// Exposure is one listed record near the party, with the cluster of
// records it belongs to (when the network has clusters): the records of
// one party on several lists share it.
type Exposure struct {
	graph.Exposure
	Cluster string `json:"cluster,omitempty"`
}

// Exposure answers a party's exposure.
func (n *Network) Exposure(ctx context.Context, req ExposureRequest) (*ExposureResponse, error) {
	if req.Hops == 0 {
		req.Hops = DefaultHops
	}
	if req.Hops < 0 || req.Hops > graph.MaxDepth {
		return nil, fmt.Errorf("%w: hops %d, want 1..%d", ErrBadRequest, req.Hops, graph.MaxDepth)
	}
	g, parties, err := n.with(req.Edges)
	if err != nil {
		return nil, err
	}
	p, err := n.Find(g, req.Party, req.Country, parties)
	if err != nil {
		return nil, err
	}
	ex, truncated, err := g.Exposure(ctx, p.Node.ID, req.Hops)
	if err != nil {
		return nil, err
	}
	out := make([]Exposure, len(ex))
	for i, x := range ex {
		out[i] = Exposure{Exposure: x}
		if n.Clusters != nil {
			if cl := n.Clusters.Of(x.ID); cl != nil {
				out[i].Cluster = cl.ID
			}
		}
	}
	return &ExposureResponse{Snapshot: n.Version, Party: p, Hops: req.Hops, Exposures: out, Truncated: truncated, Parties: parties}, nil
}

func rank(src string) int {
	if i := slices.Index(resolve.SourceOrder, src); i >= 0 {
		return i
	}
	return len(resolve.SourceOrder)
}
