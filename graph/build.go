package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	interdict "github.com/interdict/interdict"
)

// Builder accumulates nodes and edges; Build makes the immutable Graph.
// A Builder is not safe for concurrent use.
type Builder struct {
	nodes   []Node
	index   map[string]int32
	edges   []edge
	seen    map[edgeKey]bool
	types   []EdgeType
	typeNo  map[EdgeType]uint16
	sources []string
	srcNo   map[string]uint16
	unres   []Unresolved
	stats   Stats
}

// edgeKey identifies an edge for de-duplication: the two ends of a
// relationship each carry a link to the other, which is one edge.
type edgeKey struct {
	from, to int32
	typ      uint16
	note     string
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{index: map[string]int32{}, seen: map[edgeKey]bool{}, typeNo: map[EdgeType]uint16{}, srcNo: map[string]uint16{}}
}

// AddNode adds n unless a node of its id exists, and returns its number.
func (b *Builder) AddNode(n Node) int32 {
	if i, ok := b.index[n.ID]; ok && b.nodes[i].ID == n.ID {
		return i
	}
	i := int32(len(b.nodes))
	b.nodes = append(b.nodes, n)
	b.index[n.ID] = i
	return i
}

// alias makes key another name of node i, unless it names a node already.
func (b *Builder) alias(key string, i int32) {
	if _, ok := b.index[key]; !ok {
		b.index[key] = i
	}
}

// AddEdge adds the edge from → to unless the same edge (same ends, type
// and evidence) is there already. Both ends must have been added.
func (b *Builder) AddEdge(from, to int32, typ EdgeType, source, evidence string) {
	b.addEdge(from, to, typ, source, evidence, evidence)
}

// addEdge adds an edge whose identity, besides its ends and type, is key
// (the publisher's note on a relationship, which both its ends repeat).
func (b *Builder) addEdge(from, to int32, typ EdgeType, source, evidence, key string) {
	t, ok := b.typeNo[typ]
	if !ok {
		t = uint16(len(b.types))
		b.types = append(b.types, typ)
		b.typeNo[typ] = t
	}
	sn, ok := b.srcNo[source]
	if !ok {
		sn = uint16(len(b.sources))
		b.sources = append(b.sources, source)
		b.srcNo[source] = sn
	}
	k := edgeKey{from, to, t, key}
	if symmetric(typ) && to < from {
		k.from, k.to = to, from
	}
	if b.seen[k] {
		return
	}
	b.seen[k] = true
	b.edges = append(b.edges, edge{from: from, to: to, typ: t, src: sn, evidence: evidence})
}

// symmetric types relate two parties alike, so A–B and B–A are one edge.
// A "Linked To" is counted so too: OFAC often gives it on both records.
func symmetric(t EdgeType) bool {
	switch t {
	case EdgeFamily, EdgeAssociate, EdgeSharedID, EdgeSharedAddress, EdgeLinkedTo, EdgeSameParty:
		return true
	}
	return false
}

// Build makes the graph. The builder may be used again afterwards; the
// graph shares nothing with it.
func (b *Builder) Build() *Graph {
	g := &Graph{
		nodes: slices.Clone(b.nodes), edges: slices.Clone(b.edges),
		types: slices.Clone(b.types), sources: slices.Clone(b.sources),
		index: make(map[string]int32, len(b.index)), Unresolved: slices.Clone(b.unres),
		Stats: b.stats,
	}
	for k, v := range b.index {
		g.index[k] = v
	}
	n := len(g.nodes)
	g.off = make([]int32, n+1)
	for _, e := range g.edges {
		g.off[e.from+1]++
		if e.to != e.from {
			g.off[e.to+1]++
		}
	}
	for i := 1; i <= n; i++ {
		g.off[i] += g.off[i-1]
	}
	g.adj = make([]int32, g.off[n])
	fill := slices.Clone(g.off[:n])
	for i, e := range g.edges {
		g.adj[fill[e.from]] = int32(i)
		fill[e.from]++
		if e.to != e.from {
			g.adj[fill[e.to]] = int32(i)
			fill[e.to]++
		}
	}
	g.Stats.Nodes, g.Stats.Edges = n, len(g.edges)
	g.Stats.ListedNodes = 0
	for i := range g.nodes {
		if g.nodes[i].Listed {
			g.Stats.ListedNodes++
		}
	}
	g.zero = make([]bool, len(g.types))
	for i, t := range g.types {
		g.zero[i] = t == EdgeSameParty || t == EdgeScreened
	}
	g.Stats.ByType = map[EdgeType]int{}
	for _, e := range g.edges {
		g.Stats.ByType[g.types[e.typ]]++
	}
	g.pool.New = func() any {
		return &scratch{stamp: make([]uint32, n), dist: make([]int32, n), parent: make([]int32, n), order: make([]int32, n)}
	}
	return g
}

// Options tune Build. The zero value is the default.
type Options struct {
	// MaxShared is the number of records above which an identifier value
	// or an address is generic and relates nobody (0: DefaultMaxShared).
	MaxShared int
	// Screener, when set, resolves the links that name a party no
	// record has by that exact name: the best match of the name, when it
	// scores at least LinkScreenBar (the UK list names owners in its own
	// words: "Russian Ministry of Defence").
	Screener Screener
	// SameParty are pairs of records that are one party on two lists
	// (from package resolve); each becomes an EdgeSameParty.
	SameParty []Pair
}

// Pair is two records of one party, and why they are.
type Pair struct {
	A, B     string
	Evidence string
}

// LinkScreenBar is the score a screened name needs to resolve a link:
// above the alert threshold, since nobody reviews these matches.
const LinkScreenBar = 0.9

// DefaultMaxShared: an address given by more records than this is an
// institution's (the State Duma's 1 Okhotny Ryad is given by 403 records,
// the Federation Council's by 147, a Donetsk administration building by
// 74), not evidence that its holders act together; the largest shared
// identifier groups in ../shared/data are 5 records.
const DefaultMaxShared = 20

// Build makes the graph of entities: a node per entity, an edge per link
// they carry (resolved to an entity where the list says which, or by
// name), and the derived edges.
func Build(ents []*interdict.Entity, opt Options) *Graph {
	b := NewBuilder()
	b.AddEntities(ents, opt)
	return b.Build()
}

// AddEntities adds a node per entity and the edges of their links and the
// derived edges (see Build).
func (b *Builder) AddEntities(ents []*interdict.Entity, opt Options) {
	if opt.MaxShared <= 0 {
		opt.MaxShared = DefaultMaxShared
	}
	first := len(b.nodes)
	for _, e := range ents {
		b.AddNode(entityNode(e))
	}
	for _, e := range ents {
		i := b.index[e.ID]
		for _, k := range e.AltKeys {
			b.alias(k, i)
		}
	}
	names := newNameIndex(b.nodes[first:], int32(first))
	names.screener = opt.Screener
	names.index = b.index
	for _, e := range ents {
		for _, l := range e.Links {
			b.addLink(e, l, names)
		}
	}
	b.sharedIDs(ents, opt.MaxShared)
	b.sharedAddresses(ents, opt.MaxShared)
	for _, p := range opt.SameParty {
		x, okA := b.index[p.A]
		y, okB := b.index[p.B]
		if okA && okB && x != y {
			b.AddEdge(x, y, EdgeSameParty, SourceResolved, p.Evidence)
		}
	}
}

// entityNode is the node of a listed entity. Entities a list carries only
// as related parties (the FtM non-targets) are nodes but not Listed.
func entityNode(e *interdict.Entity) Node {
	var cs []string
	cs = append(cs, e.Nationalities...)
	cs = append(cs, e.Citizenships...)
	cs = append(cs, e.Countries...)
	n := Node{ID: e.ID, Name: e.PrimaryName(), Kind: e.Kind, Source: e.Source, Listed: true,
		Programs: e.Programs, Countries: interdict.SortStrings(cs), Entity: e}
	if strings.HasPrefix(e.Remarks, notTarget) {
		n.Listed = false
		n.Note = "in the list data as a party related to targets, not itself a target"
	}
	return n
}

// notTarget starts the remarks of the FtM entities that are not sanctions
// targets (see source/ftm).
const notTarget = "Not a sanctions target"

// linkEdge maps a link type, which reads "the other party is my …", to
// an edge type and whether the edge runs from the other party.
func linkEdge(t interdict.LinkType) (EdgeType, bool) {
	switch t {
	case interdict.LinkOwner:
		return EdgeOwns, true
	case interdict.LinkSubsidiary:
		return EdgeOwns, false
	case interdict.LinkDirector:
		return EdgeDirects, true
	case interdict.LinkDirects:
		return EdgeDirects, false
	case interdict.LinkVesselOwner:
		return EdgeOperates, true
	case interdict.LinkVessel:
		return EdgeOperates, false
	case interdict.LinkFamily:
		return EdgeFamily, false
	case interdict.LinkAssociate:
		return EdgeAssociate, false
	}
	return EdgeLinkedTo, false
}

// addLink adds the edge of one link of e. The other party is the entity
// the list names by id; else the one entity of that name on the same
// list, else on the first other list that has exactly one (lists in a
// fixed order, see namePriority); else a node of the name alone, and the
// link is listed in Unresolved with the reason.
func (b *Builder) addLink(e *interdict.Entity, l interdict.Link, names *nameIndex) {
	b.stats.Links++
	from := b.index[e.ID]
	var to int32 = -1
	how := ""
	if l.OtherID != "" {
		if i, ok := b.index[l.OtherID]; ok {
			to, how = i, "resolved by the list's own reference"
		}
	}
	reason := ""
	if to < 0 && l.OtherName != "" {
		to, how, reason = names.resolve(l.OtherName, e.Source, from)
		how = "resolved " + how
	}
	if to >= 0 {
		b.stats.LinksResolved++
	} else {
		if l.OtherID != "" && reason == "" {
			reason = "the list's reference " + l.OtherID + " names no record loaded"
		}
		if reason == "" {
			reason = "the link names no party"
		}
		b.unres = append(b.unres, Unresolved{From: e.ID, Link: l, Reason: reason})
		to = b.unlistedNode(e, l)
		how = "unresolved: " + reason
	}
	typ, reverse := linkEdge(l.Type)
	key := strings.TrimPrefix(l.Note, "reverse: ")
	if typ == EdgeLinkedTo {
		key = ""
	}
	evidence := e.ID + ": " + string(l.Type)
	if l.OtherName != "" {
		evidence += " " + l.OtherName
	}
	if l.Note != "" && l.Note != l.OtherName {
		evidence += " (" + l.Note + ")"
	}
	evidence += "; " + how
	if reverse {
		b.addEdge(to, from, typ, e.Source, evidence, key)
	} else {
		b.addEdge(from, to, typ, e.Source, evidence, key)
	}
}

// unlistedNode is the node of a party a link names that is on no loaded
// list: keyed by the list's id for it when there is one (an FtM id of a
// file not loaded), else by its folded name, so that several links to one
// unlisted name meet there.
func (b *Builder) unlistedNode(e *interdict.Entity, l interdict.Link) int32 {
	id := l.OtherID
	name := l.OtherName
	if id == "" {
		id = "name:" + foldName(name)
	}
	if name == "" {
		name = id
	}
	return b.AddNode(Node{ID: id, Name: name, Kind: interdict.KindUnknown,
		Note: "named by a link of " + e.ID + " (" + e.Source + "), on no loaded list"})
}

// nameIndex finds entities by name for links that name their party only
// by name.
type nameIndex struct {
	// primary and any map a folded name to the nodes having it as a
	// primary name, or as any name, grouped by source.
	primary, any map[string]map[string][]int32
	sources      []string
	screener     Screener
	index        map[string]int32
}

func newNameIndex(nodes []Node, base int32) *nameIndex {
	x := &nameIndex{primary: map[string]map[string][]int32{}, any: map[string]map[string][]int32{}}
	srcs := map[string]bool{}
	for k := range nodes {
		n := &nodes[k]
		e := n.Entity
		if e == nil {
			continue
		}
		srcs[e.Source] = true
		for _, nm := range e.Names {
			for _, key := range nameKeys(nm.Full) {
				if nm.Type == interdict.NamePrimary {
					add(x.primary, key, e.Source, base+int32(k))
				}
				add(x.any, key, e.Source, base+int32(k))
			}
		}
	}
	for s := range srcs {
		x.sources = append(x.sources, s)
	}
	sort.Slice(x.sources, func(i, j int) bool {
		pi, pj := namePriority(x.sources[i]), namePriority(x.sources[j])
		if pi != pj {
			return pi < pj
		}
		return x.sources[i] < x.sources[j]
	})
	return x
}

func add(m map[string]map[string][]int32, key, src string, n int32) {
	bySrc := m[key]
	if bySrc == nil {
		bySrc = map[string][]int32{}
		m[key] = bySrc
	}
	if l := bySrc[src]; len(l) == 0 || l[len(l)-1] != n {
		bySrc[src] = append(l, n)
	}
}

// namePriority orders the lists searched for a name a link gives when its
// own list has no record of that name: the official lists first, the
// UN's (which the others copy) before the national ones.
func namePriority(src string) int {
	for i, s := range []string{"un", "ofac-sdn", "uk", "eu", "ca", "au", "ofac-cons", "jp-meti", "us-1260h", "us-mieu", "us-dpl", "ftm", "ua-war", "csl"} {
		if s == src {
			return i
		}
	}
	return 100
}

// resolve finds the one entity a linked name means, searching the
// linking record's own list first, by primary name then by any name,
// then the other lists in order. It returns how, or the reason none was
// found.
func (x *nameIndex) resolve(name, src string, self int32) (int32, string, string) {
	keys := nameKeys(name)
	ambiguous := ""
	try := func(m map[string]map[string][]int32, s, what string) (int32, string) {
		for _, k := range keys {
			l := slices.DeleteFunc(slices.Clone(m[k][s]), func(n int32) bool { return n == self })
			switch {
			case len(l) == 1:
				return l[0], fmt.Sprintf("by %s on %s", what, s)
			case len(l) > 1 && ambiguous == "":
				ambiguous = fmt.Sprintf("%d records of %s have the name %q", len(l), s, name)
			}
		}
		return -1, ""
	}
	for _, what := range []string{"primary name", "name"} {
		m := x.primary
		if what == "name" {
			m = x.any
		}
		if n, how := try(m, src, what); n >= 0 {
			return n, how, ""
		}
	}
	for _, s := range x.sources {
		if s == src {
			continue
		}
		for _, what := range []string{"primary name", "name"} {
			m := x.primary
			if what == "name" {
				m = x.any
			}
			if n, how := try(m, s, what); n >= 0 {
				return n, how, ""
			}
		}
	}
	if x.screener != nil {
		if n, how := x.screen(name, src, self); n >= 0 {
			return n, how, ""
		}
	}
	if ambiguous != "" {
		return -1, "", "ambiguous: " + ambiguous
	}
	why := fmt.Sprintf("no record of any loaded list has the name %q", name)
	if x.screener != nil {
		why += fmt.Sprintf(", and screening it finds no match of %.2f or more", LinkScreenBar)
	}
	return -1, "", why
}

// screen resolves a name by screening it: the best match scoring at least
// LinkScreenBar, a match on the linking record's own list preferred when
// it scores as well (within 0.02).
func (x *nameIndex) screen(name, src string, self int32) (int32, string) {
	ms, err := x.screener.Screen(&interdict.Query{Names: []string{name}, Limit: 10, MinScore: LinkScreenBar}, false)
	if err != nil || len(ms) == 0 {
		return -1, ""
	}
	best := -1
	for i, m := range ms {
		if n, ok := x.index[m.ID]; !ok || n == self || m.Score < LinkScreenBar {
			continue
		}
		switch {
		case best < 0:
			best = i
		case m.Source == src && ms[best].Source != src && m.Score >= ms[best].Score-0.02:
			best = i
		}
	}
	if best < 0 {
		return -1, ""
	}
	m := ms[best]
	return x.index[m.ID], fmt.Sprintf("by screening the name: %q matches %q at %.2f", name, m.MatchedName, m.Score)
}

// nameKeys are the forms a linked name is looked up under: folded
// (upper case, single spaces, no final period), and also without a
// bracketed part ("DEFENCE INDUSTRIES ORGANISATION (DIO)").
func nameKeys(name string) []string {
	k := foldName(name)
	if k == "" {
		return nil
	}
	out := []string{k}
	if i := strings.IndexByte(name, '('); i > 0 {
		if j := strings.IndexByte(name[i:], ')'); j > 0 {
			if k2 := foldName(name[:i] + name[i+j+1:]); k2 != "" && k2 != k {
				out = append(out, k2)
			}
		}
	}
	return out
}

// foldName folds a name for lookup: letters upper-cased, every run of
// spaces and punctuation but the apostrophe, ampersand and hyphen made
// one space, no space at the ends.
func foldName(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '\'' || r == '’' || r == '&' || r == '-' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r > 0x7f && r != 0xa0:
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			if r == '’' {
				r = '\''
			}
			sb.WriteRune(r)
		default:
			space = true
		}
	}
	return sb.String()
}
