// Package graph holds the network of listed parties: every link the lists
// carry (OFAC "Linked To", vessel owners and operators, the FtM
// Ownership, Directorship, Family, Associate and UnknownLink entities, the
// owners and subsidiaries of the UK list, the associates of the UN list)
// as a typed edge between entity ids, and edges derived from what two
// records share: an identifier number or a full street address. Users add
// their own edges (a registry extract, a shipment history) with With.
//
// A Graph is immutable once built: node ids are interned to int32 and the
// adjacency is kept in compressed sparse row form (Graph.off indexes
// Graph.adj, which holds edge numbers), so any number of goroutines may
// query it at once. The queries walk edges in both directions: an owner is
// as exposed to its subsidiary as the subsidiary to its owner; each edge
// keeps its own direction for display.
package graph

import (
	"context"
	"fmt"
	"slices"
	"sync"

	interdict "github.com/interdict/interdict"
)

// EdgeType names a relation. Edges read "From <type> To".
type EdgeType string

// The edge types the lists give, and the derived ones. Users may give
// types of their own ("supplies", "ships-to").
const (
	// EdgeLinkedTo: From's record names To as linked (OFAC "Linked To",
	// FtM UnknownLink, Membership, Employment, Representation,
	// Succession).
	EdgeLinkedTo EdgeType = "linked-to"
	// EdgeOwns: From owns (part of) To.
	EdgeOwns EdgeType = "owns"
	// EdgeDirects: From is a director of To.
	EdgeDirects EdgeType = "directs"
	// EdgeOperates: From owns or operates the vessel To.
	EdgeOperates EdgeType = "owns-or-operates"
	// EdgeFamily and EdgeAssociate: persons related or associated.
	EdgeFamily    EdgeType = "family"
	EdgeAssociate EdgeType = "associate"
	// EdgeSharedID: both hold the same identifier number (evidence says
	// which).
	EdgeSharedID EdgeType = "shared-identifier"
	// EdgeSharedAddress: both give the same full street address.
	EdgeSharedAddress EdgeType = "shared-address"
	// EdgeScreened: a user's party whose name alerted against the
	// listed entity To (evidence: the match).
	EdgeScreened EdgeType = "screening-match"
	// EdgeSameParty: two lists' records of one party (package resolve;
	// evidence: the rule and what it found).
	EdgeSameParty EdgeType = "same-party"
)

// Sources of edges that are not a list.
const (
	SourceDerived  = "derived"
	SourceUser     = "user"
	SourceResolved = "resolved"
)

// Node is a party in the graph: a listed entity, a party a list names
// only in a link, or a party of the user's.
type Node struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	Kind      interdict.Kind `json:"kind"`
	Source    string         `json:"source,omitempty"`
	Listed    bool           `json:"listed"`
	Programs  []string       `json:"programs,omitempty"`
	Countries []string       `json:"countries,omitempty"`
	// Note says what an unlisted node is ("named by a link of
	// ofac-sdn:123 only", "your party, screened: no alert").
	Note   string            `json:"note,omitempty"`
	Entity *interdict.Entity `json:"-"`
}

// Edge is one relation, with where it comes from and why.
type Edge struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Type     EdgeType `json:"type"`
	Source   string   `json:"source"`
	Evidence string   `json:"evidence,omitempty"`
}

// edge is an Edge with interned ends, type and source.
type edge struct {
	from, to int32
	typ, src uint16
	evidence string
}

// Graph is an immutable network. Build it with Build or a Builder.
type Graph struct {
	nodes   []Node
	index   map[string]int32 // node id and entity alternative keys → node
	edges   []edge
	types   []EdgeType
	sources []string
	// off and adj are the adjacency in CSR form: the edges at node n are
	// adj[off[n]:off[n+1]], edge numbers into edges, both directions.
	off []int32
	adj []int32
	// zero marks the edge types that cost no hop, by type number.
	zero []bool
	// Unresolved are the list links that could not be tied to a listed
	// entity, and why; each still has an edge, to a node of the name.
	Unresolved []Unresolved
	Stats      Stats
	pool       sync.Pool
}

// Unresolved is one link a list gives whose other party is no listed
// entity (it gets a node of its own, keyed by name).
type Unresolved struct {
	From   string         `json:"from"`
	Link   interdict.Link `json:"link"`
	Reason string         `json:"reason"`
}

// Stats counts what a graph holds.
type Stats struct {
	Nodes         int              `json:"nodes"`
	ListedNodes   int              `json:"listed_nodes"`
	Edges         int              `json:"edges"`
	ByType        map[EdgeType]int `json:"by_type"`
	Links         int              `json:"links"`
	LinksResolved int              `json:"links_resolved"`
	// GenericSkipped counts identifier values and addresses shared by too
	// many records to relate them (a ministry's address, "0000000").
	GenericSkipped int `json:"generic_skipped"`
}

// Node returns a node by id or by an alternative key of its entity.
func (g *Graph) Node(id string) (*Node, bool) {
	n, ok := g.index[id]
	if !ok {
		return nil, false
	}
	return &g.nodes[n], true
}

// Nodes returns every node; the slice must not be changed.
func (g *Graph) Nodes() []Node { return g.nodes }

// Edges returns every edge.
func (g *Graph) Edges() []Edge {
	out := make([]Edge, len(g.edges))
	for i := range g.edges {
		out[i] = g.edgeAt(int32(i))
	}
	return out
}

// EdgesOf returns the edges at a node, both directions.
func (g *Graph) EdgesOf(id string) []Edge {
	n, ok := g.index[id]
	if !ok {
		return nil
	}
	var out []Edge
	for _, e := range g.adj[g.off[n]:g.off[n+1]] {
		out = append(out, g.edgeAt(e))
	}
	return out
}

func (g *Graph) edgeAt(i int32) Edge {
	e := &g.edges[i]
	return Edge{From: g.nodes[e.from].ID, To: g.nodes[e.to].ID, Type: g.types[e.typ], Source: g.sources[e.src], Evidence: e.evidence}
}

// other is the end of edge e that is not n.
func (g *Graph) other(e, n int32) int32 {
	if x := &g.edges[e]; x.from == n {
		return x.to
	}
	return g.edges[e].from
}

// ErrNotFound is returned (wrapped) for a party that is not in the graph.
var ErrNotFound = fmt.Errorf("not in the graph")

func (g *Graph) lookup(id string) (int32, error) {
	n, ok := g.index[id]
	if !ok {
		return 0, fmt.Errorf("graph: %q: %w", id, ErrNotFound)
	}
	return n, nil
}

// Limits on one query, so that a hub (a ministry named by hundreds of
// records) cannot make one answer unbounded.
const (
	MaxDepth = 6
	// MaxNodes bounds a neighbourhood; past it the answer is marked
	// Truncated.
	MaxNodes = 5000
	// MaxPaths bounds the shortest paths returned between two parties.
	MaxPaths = 20
)

// Subgraph is a neighbourhood: the nodes within Depth hops of Center,
// each with its distance, and the edges between them.
type Subgraph struct {
	Center    string       `json:"center"`
	Depth     int          `json:"depth"`
	Nodes     []HopNode    `json:"nodes"`
	Edges     []Edge       `json:"edges"`
	Truncated bool         `json:"truncated,omitempty"`
	Stats     SubgraphSize `json:"stats"`
}

// SubgraphSize counts a neighbourhood.
type SubgraphSize struct {
	Nodes  int `json:"nodes"`
	Listed int `json:"listed"`
	Edges  int `json:"edges"`
}

// HopNode is a node with its distance from the query's party.
type HopNode struct {
	Node
	Hops int `json:"hops"`
}

// scratch is per-query memory: a distance, a parent edge and a discovery
// order per node, valid where stamp equals gen, so resetting costs
// nothing.
type scratch struct {
	stamp  []uint32
	gen    uint32
	dist   []int32
	parent []int32
	order  []int32
	queue  []int32 // the nodes reached, in discovery order
	level  []int32
	next   []int32
}

func (g *Graph) getScratch() *scratch {
	s := g.pool.Get().(*scratch)
	s.gen++
	if s.gen == 0 {
		clear(s.stamp)
		s.gen = 1
	}
	s.queue, s.level, s.next = s.queue[:0], s.level[:0], s.next[:0]
	return s
}

func (s *scratch) seen(n int32) bool { return s.stamp[n] == s.gen }
func (s *scratch) mark(n, dist, parent int32) {
	s.stamp[n], s.dist[n], s.parent[n], s.order[n] = s.gen, dist, parent, int32(len(s.queue))
	s.queue = append(s.queue, n)
}

// free reports whether walking the edge costs no hop: the records of one
// party on two lists, and a user's party and the listed entity its name
// matches, are one party.
func (g *Graph) free(e int32) bool { return g.zero[g.edges[e].typ] }

// walk visits the nodes within maxDist hops of start by levels: each
// level is closed over free edges before the next is begun, so a node's
// distance counts only the edges that are not free (a breadth-first search
// with weights 0 and 1). It stops early when stop returns true after a
// level is complete, or when MaxNodes nodes are reached (truncated).
func (g *Graph) walk(ctx context.Context, s *scratch, start int32, maxDist int, stop func() bool) (truncated bool, err error) {
	s.mark(start, 0, -1)
	s.level = append(s.level, start)
	for d := int32(0); ; d++ {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		// close the level over free edges
		for i := 0; i < len(s.level); i++ {
			n := s.level[i]
			for _, e := range g.adj[g.off[n]:g.off[n+1]] {
				if !g.free(e) {
					continue
				}
				if m := g.other(e, n); !s.seen(m) {
					if len(s.queue) >= MaxNodes {
						return true, nil
					}
					s.mark(m, d, e)
					s.level = append(s.level, m)
				}
			}
		}
		if int(d) == maxDist || stop != nil && stop() {
			return false, nil
		}
		s.next = s.next[:0]
		for _, n := range s.level {
			for _, e := range g.adj[g.off[n]:g.off[n+1]] {
				if g.free(e) {
					continue
				}
				if m := g.other(e, n); !s.seen(m) {
					if len(s.queue) >= MaxNodes {
						return true, nil
					}
					s.mark(m, d+1, e)
					s.next = append(s.next, m)
				}
			}
		}
		if len(s.next) == 0 {
			return false, nil
		}
		s.level, s.next = s.next, s.level
	}
}

// Neighbourhood returns the nodes within depth hops of id and the edges
// among them, nearest first. Same-party and screening-match edges cost no
// hop. depth is clamped to 1..MaxDepth; past MaxNodes nodes the walk stops
// and the answer says Truncated.
func (g *Graph) Neighbourhood(ctx context.Context, id string, depth int) (*Subgraph, error) {
	start, err := g.lookup(id)
	if err != nil {
		return nil, err
	}
	depth = min(max(depth, 1), MaxDepth)
	s := g.getScratch()
	defer g.pool.Put(s)
	truncated, err := g.walk(ctx, s, start, depth, nil)
	if err != nil {
		return nil, err
	}
	sub := &Subgraph{Center: g.nodes[start].ID, Depth: depth, Truncated: truncated}
	for _, n := range s.queue {
		sub.Nodes = append(sub.Nodes, HopNode{Node: g.nodes[n], Hops: int(s.dist[n])})
		if g.nodes[n].Listed {
			sub.Stats.Listed++
		}
		for _, e := range g.adj[g.off[n]:g.off[n+1]] {
			m := g.other(e, n)
			// each edge once: from the end found first, or a loop
			if s.seen(m) && (s.order[n] < s.order[m] || n == m && g.edges[e].from == n) {
				sub.Edges = append(sub.Edges, g.edgeAt(e))
			}
		}
	}
	sub.Stats.Nodes, sub.Stats.Edges = len(sub.Nodes), len(sub.Edges)
	return sub, nil
}

// Step is one edge of a path, in the direction the path walks it.
type Step struct {
	Edge
	// Reverse is set when the path walks the edge from To to From ("is
	// owned by" rather than "owns").
	Reverse bool `json:"reverse,omitempty"`
	// Free is set for an edge that costs no hop (same party).
	Free bool `json:"free,omitempty"`
}

// Path is a walk from one party to another.
type Path struct {
	Nodes []Node `json:"nodes"`
	Steps []Step `json:"steps"`
}

// Hops is the length of the path: its steps that are not free.
func (p Path) Hops() int {
	n := 0
	for _, st := range p.Steps {
		if !st.Free {
			n++
		}
	}
	return n
}

// String writes the path as "A -owns-> B <-directs- C".
func (p Path) String() string {
	if len(p.Nodes) == 0 {
		return ""
	}
	out := label(p.Nodes[0])
	for i, st := range p.Steps {
		if st.Reverse {
			out += " <-" + string(st.Type) + "- "
		} else {
			out += " -" + string(st.Type) + "-> "
		}
		out += label(p.Nodes[i+1])
	}
	return out
}

func label(n Node) string {
	if n.Name == "" || n.Name == n.ID {
		return n.ID
	}
	return n.Name + " [" + n.ID + "]"
}

// pathTo builds the path to n from the parent edges of a walk.
func (g *Graph) pathTo(s *scratch, n int32) Path {
	var nodes []int32
	var edges []int32
	for x := n; ; {
		nodes = append(nodes, x)
		e := s.parent[x]
		if e < 0 {
			break
		}
		edges = append(edges, e)
		x = g.other(e, x)
	}
	slices.Reverse(nodes)
	slices.Reverse(edges)
	return g.makePath(nodes, edges)
}

func (g *Graph) makePath(nodes, edges []int32) Path {
	p := Path{Nodes: make([]Node, len(nodes)), Steps: make([]Step, len(edges))}
	for i, n := range nodes {
		p.Nodes[i] = g.nodes[n]
	}
	for i, e := range edges {
		p.Steps[i] = Step{Edge: g.edgeAt(e), Reverse: g.edges[e].from != nodes[i], Free: g.free(e)}
	}
	return p
}

// ShortestPaths returns the shortest paths between two parties, up to
// limit of them (0: MaxPaths) and at most maxLen hops long (0: MaxDepth).
// The walk goes by levels from the first party (see walk) and stops at
// the level of the second; every edge into a node from the level before
// it (or, free, from a node found before it on its level) is a way in, so
// all the shortest paths are found, not one. No path within maxLen gives
// an empty answer, not an error.
func (g *Graph) ShortestPaths(ctx context.Context, from, to string, maxLen, limit int) ([]Path, error) {
	a, err := g.lookup(from)
	if err != nil {
		return nil, err
	}
	b, err := g.lookup(to)
	if err != nil {
		return nil, err
	}
	if maxLen <= 0 || maxLen > MaxDepth {
		maxLen = MaxDepth
	}
	if limit <= 0 || limit > MaxPaths {
		limit = MaxPaths
	}
	s := g.getScratch()
	defer g.pool.Put(s)
	if _, err := g.walk(ctx, s, a, maxLen, func() bool { return s.seen(b) }); err != nil {
		return nil, err
	}
	if !s.seen(b) {
		return nil, nil
	}
	var out []Path
	for _, w := range g.walks(s, a, b, limit) {
		out = append(out, g.makePath(w.nodes, w.edges))
	}
	return out, nil
}

type walkPath struct{ nodes, edges []int32 }

// ways are the edges into n on a shortest path from the walk's start.
func (g *Graph) ways(s *scratch, n int32) []int32 {
	var out []int32
	for _, e := range g.adj[g.off[n]:g.off[n+1]] {
		u := g.other(e, n)
		if u == n || !s.seen(u) {
			continue
		}
		if g.free(e) && s.dist[u] == s.dist[n] && s.order[u] < s.order[n] ||
			!g.free(e) && s.dist[u] == s.dist[n]-1 {
			out = append(out, e)
		}
	}
	return out
}

// walks lists the shortest paths from a to n, a first, at most limit.
func (g *Graph) walks(s *scratch, a, n int32, limit int) []walkPath {
	if n == a {
		return []walkPath{{nodes: []int32{a}}}
	}
	var out []walkPath
	for _, e := range g.ways(s, n) {
		for _, w := range g.walks(s, a, g.other(e, n), limit-len(out)) {
			out = append(out, walkPath{nodes: append(w.nodes, n), edges: append(w.edges, e)})
			if len(out) >= limit {
				return out
			}
		}
	}
	return out
}

// Exposure is one listed entity near a party, with the path to it.
type Exposure struct {
	Node
	Hops int  `json:"hops"`
	Path Path `json:"path"`
}

// Exposure returns every listed entity within hops of id (other than id
// itself), nearest first, each with one shortest path to it. Same-party
// and screening-match edges cost no hop. hops is clamped to 1..MaxDepth;
// the walk stops at MaxNodes nodes and says so in truncated.
func (g *Graph) Exposure(ctx context.Context, id string, hops int) (out []Exposure, truncated bool, err error) {
	start, err := g.lookup(id)
	if err != nil {
		return nil, false, err
	}
	hops = min(max(hops, 1), MaxDepth)
	s := g.getScratch()
	defer g.pool.Put(s)
	truncated, err = g.walk(ctx, s, start, hops, nil)
	if err != nil {
		return nil, false, err
	}
	for _, n := range s.queue {
		if n != start && g.nodes[n].Listed {
			out = append(out, Exposure{Node: g.nodes[n], Hops: int(s.dist[n]), Path: g.pathTo(s, n)})
		}
	}
	slices.SortStableFunc(out, func(x, y Exposure) int { return x.Hops - y.Hops })
	return out, truncated, nil
}
