package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
)

// UserEdge is one relation from a user's file: a company registry
// extract, a shipment history. From and To are entity ids or alternative
// keys of listed records, or the user's own keys for other parties;
// FromName and ToName name those (the key is the name when they are
// empty), FromCountry and ToCountry help screen them.
type UserEdge struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Type        string `json:"type"`
	FromName    string `json:"from_name,omitempty"`
	ToName      string `json:"to_name,omitempty"`
	FromCountry string `json:"from_country,omitempty"`
	ToCountry   string `json:"to_country,omitempty"`
	Evidence    string `json:"evidence,omitempty"`
	// Line is where the edge was read, for messages.
	Line int `json:"-"`
}

// MaxUserEdges bounds one file or request.
const MaxUserEdges = 100000

// ReadEdges reads user edges as CSV with a header (columns from, to, type
// and optionally from_name, to_name, from_country, to_country, evidence,
// in any order, names case-insensitive) or as JSON lines of UserEdge. The
// format is told by the first non-blank character: "{" is JSON lines.
// A line without from, to or type is an error naming the line.
func ReadEdges(r io.Reader) ([]UserEdge, error) {
	br := bufio.NewReader(r)
	for {
		c, _, err := br.ReadRune()
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if c == '\ufeff' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		if err := br.UnreadRune(); err != nil {
			return nil, err
		}
		if c == '{' {
			return readJSONEdges(br)
		}
		return readCSVEdges(br)
	}
}

func readJSONEdges(r io.Reader) ([]UserEdge, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []UserEdge
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var e UserEdge
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("edges line %d: %w", line, err)
		}
		e.Line = line
		if err := checkEdge(&e); err != nil {
			return nil, fmt.Errorf("edges line %d: %w", line, err)
		}
		if len(out) >= MaxUserEdges {
			return nil, fmt.Errorf("edges: more than %d edges", MaxUserEdges)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

func readCSVEdges(r io.Reader) ([]UserEdge, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("edges header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"from", "to", "type"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("edges header: no %q column (want from, to, type and optionally from_name, to_name, from_country, to_country, evidence)", need)
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []UserEdge
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("edges: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		e := UserEdge{From: get(rec, "from"), To: get(rec, "to"), Type: get(rec, "type"),
			FromName: get(rec, "from_name"), ToName: get(rec, "to_name"),
			FromCountry: get(rec, "from_country"), ToCountry: get(rec, "to_country"),
			Evidence: get(rec, "evidence"), Line: line}
		if err := checkEdge(&e); err != nil {
			return nil, fmt.Errorf("edges line %d: %w", line, err)
		}
		if len(out) >= MaxUserEdges {
			return nil, fmt.Errorf("edges: more than %d edges", MaxUserEdges)
		}
		out = append(out, e)
	}
}

// ErrBadEdge is returned (wrapped) for a user edge that cannot be used.
var ErrBadEdge = errors.New("bad edge")

func checkEdge(e *UserEdge) error {
	e.From, e.To = strings.TrimSpace(e.From), strings.TrimSpace(e.To)
	e.Type = strings.ToLower(strings.TrimSpace(e.Type))
	switch {
	case e.From == "":
		return fmt.Errorf("%w: no from", ErrBadEdge)
	case e.To == "":
		return fmt.Errorf("%w: no to", ErrBadEdge)
	case e.Type == "":
		return fmt.Errorf("%w: no type", ErrBadEdge)
	case len(e.From) > 1024 || len(e.To) > 1024 || len(e.FromName) > 1024 || len(e.ToName) > 1024:
		return fmt.Errorf("%w: a party over 1024 bytes", ErrBadEdge)
	}
	e.Type = strings.Join(strings.Fields(e.Type), "-")
	return nil
}

// Screener screens a party by name; *screen.Screener is one.
type Screener interface {
	Screen(q *interdict.Query, explain bool) ([]interdict.Match, error)
}

// Party says how one party of the user's edges was placed in the graph.
type Party struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// Node is the graph node of the party: a listed entity when Key is
	// its id or alternative key, else "user:" + Key.
	Node string `json:"node"`
	// How: "listed id", "screened: alert", "screened: no alert",
	// "not screened".
	How     string            `json:"how"`
	Matches []interdict.Match `json:"matches,omitempty"`
}

// maxScreenedLinks bounds the listed entities one user party is linked to
// by screening: its best alerting matches.
const maxScreenedLinks = 3

// With returns a new graph: g plus the user's edges. An end that is the
// id or an alternative key of a node is that node; any other is a party
// of the user's, node "user:<key>", screened by name (and country) with
// s when s is not nil: each alerting match (up to three, best first)
// links it to the listed entity with an EdgeScreened whose evidence is
// the match. g is not changed.
func (g *Graph) With(edges []UserEdge, s Screener) (*Graph, []Party, error) {
	b := g.builder()
	parties := map[string]*Party{}
	var order []string
	node := func(key, name, country string) int32 {
		if n, ok := b.index[key]; ok && !strings.HasPrefix(b.nodes[n].ID, "user:") {
			if _, seen := parties[key]; !seen {
				parties[key] = &Party{Key: key, Name: b.nodes[n].Name, Node: b.nodes[n].ID, How: "listed id"}
				order = append(order, key)
			}
			return n
		}
		if name == "" {
			name = key
		}
		id := "user:" + key
		n := b.AddNode(Node{ID: id, Name: name, Kind: interdict.KindUnknown, Source: SourceUser,
			Note: "a party of your edges"})
		if country != "" && !slices.Contains(b.nodes[n].Countries, strings.ToUpper(country)) {
			b.nodes[n].Countries = append(b.nodes[n].Countries, strings.ToUpper(country))
		}
		if _, seen := parties[key]; !seen {
			parties[key] = &Party{Key: key, Name: name, Node: id, How: "not screened"}
			order = append(order, key)
		}
		return n
	}
	for _, e := range edges {
		if err := checkEdge(&e); err != nil {
			return nil, nil, fmt.Errorf("edge %s -> %s: %w", e.From, e.To, err)
		}
		from := node(e.From, e.FromName, e.FromCountry)
		to := node(e.To, e.ToName, e.ToCountry)
		ev := e.Evidence
		if ev == "" {
			ev = "your edges"
			if e.Line > 0 {
				ev += fmt.Sprintf(", line %d", e.Line)
			}
		}
		b.AddEdge(from, to, EdgeType(e.Type), SourceUser, ev)
	}
	if s != nil {
		for _, key := range order {
			p := parties[key]
			if p.How == "listed id" {
				continue
			}
			n := b.index[p.Node]
			q := &interdict.Query{Names: []string{p.Name}, Countries: b.nodes[n].Countries, Limit: 5}
			ms, err := s.Screen(q, false)
			if err != nil {
				return nil, nil, fmt.Errorf("screening %q: %w", p.Name, err)
			}
			p.How = "screened: no alert"
			b.nodes[n].Note = "a party of your edges, screened: no alert"
			linked := 0
			for _, m := range ms {
				if !m.Alert || linked >= maxScreenedLinks {
					continue
				}
				t, ok := b.index[m.ID]
				if !ok {
					continue
				}
				p.How = "screened: alert"
				b.nodes[n].Note = "a party of your edges, screened: matches a listed entity"
				p.Matches = append(p.Matches, m)
				b.AddEdge(n, t, EdgeScreened, SourceUser,
					fmt.Sprintf("name %q matches %q at %.2f (alert threshold reached)", p.Name, m.MatchedName, m.Score))
				linked++
			}
		}
	}
	out := make([]Party, 0, len(order))
	for _, k := range order {
		out = append(out, *parties[k])
	}
	return b.Build(), out, nil
}

// builder returns a builder holding g's nodes and edges.
func (g *Graph) builder() *Builder {
	b := NewBuilder()
	b.nodes = slices.Clone(g.nodes)
	for k, v := range g.index {
		b.index[k] = v
	}
	b.types = slices.Clone(g.types)
	for i, t := range b.types {
		b.typeNo[t] = uint16(i)
	}
	b.sources = slices.Clone(g.sources)
	for i, s := range b.sources {
		b.srcNo[s] = uint16(i)
	}
	b.edges = slices.Clone(g.edges)
	for _, e := range g.edges {
		k := edgeKey{e.from, e.to, e.typ, e.evidence}
		if symmetric(g.types[e.typ]) && k.to < k.from {
			k.from, k.to = k.to, k.from
		}
		b.seen[k] = true
	}
	b.unres = slices.Clone(g.Unresolved)
	b.stats = g.Stats
	return b
}
