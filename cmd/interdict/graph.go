package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/interdict/interdict/graph"
	"github.com/interdict/interdict/network"
	"github.com/interdict/interdict/resolve"
)

// loadNetwork loads the lists, builds the snapshot, resolves the records
// of one party on several lists (unless sameParty is false) and builds the
// graph. It returns nil after saying why on stderr.
func (m *Main) loadNetwork(ctx context.Context, d *dirs, sameParty bool) (*loaded, *network.Network) {
	ld := m.loadScreener(ctx, d)
	if ld == nil {
		return nil, nil
	}
	var cs *resolve.Clusters
	if sameParty {
		var err error
		if cs, err = resolve.Resolve(ctx, ld.snap.Index, resolve.Options{}); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return nil, nil
		}
	}
	return ld, network.New(ld.snap.Version, ld.screener, ld.snap.Index.Entities, cs)
}

// sameParty is the flag every network command shares.
func sameParty(fs *flag.FlagSet) *bool {
	return fs.Bool("same-party", true, "join the records of one party on several lists (resolving them takes a few seconds)")
}

// readEdgesFile reads a --edges file ("-" is stdin).
func (m *Main) readEdgesFile(path string) ([]graph.UserEdge, error) {
	if path == "" {
		return nil, nil
	}
	var r io.Reader
	if path == "-" {
		r = m.stdin()
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	es, err := graph.ReadEdges(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return es, nil
}

// networkError prints a query error; a party not found or a bad request
// is the user's (exit 1 and 2), anything else an error.
func (m *Main) networkError(cmd string, err error) int {
	fmt.Fprintf(m.Stderr, "interdict %s: %v\n", cmd, err)
	if errors.Is(err, network.ErrBadRequest) {
		return exitUsage
	}
	return exitError
}

func (m *Main) encodeJSON(v any) int {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		return exitError
	}
	return exitOK
}

func (m *Main) runGraph(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("graph", &d)
	depth := fs.Int("depth", 2, fmt.Sprintf("how many edges out from the party (1..%d)", graph.MaxDepth))
	format := fs.String("format", "text", "text, json, graphml or dot")
	same := sameParty(fs)
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict graph ID|NAME [--depth N] [--format text|json|graphml|dot]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *depth < 1 || *depth > graph.MaxDepth {
		fmt.Fprintf(m.Stderr, "interdict graph: %v\n", &flagError{"depth", fmt.Sprint(*depth), fmt.Sprintf("want 1..%d", graph.MaxDepth)})
		return exitUsage
	}
	switch *format {
	case "text", "json", "graphml", "dot":
	default:
		fmt.Fprintf(m.Stderr, "interdict graph: %v\n", &flagError{"format", *format, "want text, json, graphml or dot"})
		return exitUsage
	}
	ld, nw := m.loadNetwork(ctx, &d, *same)
	if ld == nil {
		return exitError
	}
	res, err := nw.Neighbourhood(ctx, strings.Join(pos, " "), *depth)
	if err != nil {
		return m.networkError("graph", err)
	}
	switch *format {
	case "json":
		return m.encodeJSON(res)
	case "graphml":
		err = res.WriteGraphML(m.Stdout)
	case "dot":
		err = res.WriteDOT(m.Stdout)
	default:
		writeSubgraph(m.Stdout, res)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
		return exitError
	}
	return exitOK
}

// writeSubgraph prints a neighbourhood: the nodes by distance, then the
// edges.
func writeSubgraph(w io.Writer, res *network.NetworkResponse) {
	writeParty(w, res.Party)
	fmt.Fprintf(w, "network to depth %d: %s (%d listed), %s", res.Depth, plural(res.Stats.Nodes, "node", "nodes"),
		res.Stats.Listed, plural(res.Stats.Edges, "edge", "edges"))
	if res.Truncated {
		fmt.Fprintf(w, " (stopped at %d nodes)", graph.MaxNodes)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "hops\tid\tlisted\tkind\tname\tprograms")
	for _, n := range res.Nodes {
		listed := ""
		if n.Listed {
			listed = "LISTED"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", n.Hops, n.ID, listed, n.Kind, clip(n.Name, 60), clip(strings.Join(n.Programs, ", "), 40))
	}
	tw.Flush()
	if len(res.Edges) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "edges:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range res.Edges {
		fmt.Fprintf(tw, "  %s\t-%s->\t%s\t[%s]\t%s\n", e.From, e.Type, e.To, e.Source, clip(e.Evidence, 100))
	}
	tw.Flush()
}

func writeParty(w io.Writer, p *network.Party) {
	switch p.How {
	case "screened":
		fmt.Fprintf(w, "%q is %s %s (screened: %q at %.2f)\n", p.Given, p.Node.ID, p.Node.Name, p.Match.MatchedName, p.Match.Score)
	case "your edges":
		fmt.Fprintf(w, "%q is %s, a party of your edges\n", p.Given, p.Node.ID)
	default:
		fmt.Fprintf(w, "%s  %s\n", p.Node.ID, p.Node.Name)
	}
}

func (m *Main) runPath(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("path", &d)
	maxLen := fs.Int("max", graph.MaxDepth, "longest path looked for, in edges")
	limit := fs.Int("limit", 10, fmt.Sprintf("most paths shown (at most %d)", graph.MaxPaths))
	edges := fs.String("edges", "", "your own edges to add: CSV (from,to,type[,from_name,to_name,from_country,to_country,evidence]) or JSON lines")
	asJSON := fs.Bool("json", false, "print the paths as JSON")
	same := sameParty(fs)
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict path A B [--max N] [--limit N] [--edges FILE] [--json]   (A and B: ids or names; quote names)")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitUsage
	}
	if *maxLen < 1 || *maxLen > graph.MaxDepth {
		fmt.Fprintf(m.Stderr, "interdict path: %v\n", &flagError{"max", fmt.Sprint(*maxLen), fmt.Sprintf("want 1..%d", graph.MaxDepth)})
		return exitUsage
	}
	if *limit < 1 || *limit > graph.MaxPaths {
		fmt.Fprintf(m.Stderr, "interdict path: %v\n", &flagError{"limit", fmt.Sprint(*limit), fmt.Sprintf("want 1..%d", graph.MaxPaths)})
		return exitUsage
	}
	ues, err := m.readEdgesFile(*edges)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict path: %v\n", err)
		return exitUsage
	}
	ld, nw := m.loadNetwork(ctx, &d, *same)
	if ld == nil {
		return exitError
	}
	res, err := nw.Paths(ctx, network.PathsRequest{From: pos[0], To: pos[1], MaxLen: *maxLen, Limit: *limit, Edges: ues})
	if err != nil {
		return m.networkError("path", err)
	}
	if *asJSON {
		return m.encodeJSON(res)
	}
	writeParty(m.Stdout, res.From)
	writeParty(m.Stdout, res.To)
	if len(res.Paths) == 0 {
		fmt.Fprintf(m.Stdout, "no path of %d edges or fewer\n", *maxLen)
		return exitOK
	}
	fmt.Fprintf(m.Stdout, "%s of %d edges:\n", plural(len(res.Paths), "shortest path", "shortest paths"), res.Paths[0].Hops())
	for i, p := range res.Paths {
		fmt.Fprintf(m.Stdout, "\n%d. ", i+1)
		writePath(m.Stdout, p, "   ")
	}
	return exitOK
}

// writePath prints a path one step a line, with each edge's evidence.
func writePath(w io.Writer, p graph.Path, indent string) {
	if len(p.Nodes) == 0 {
		return
	}
	fmt.Fprintln(w, nodeLabel(p.Nodes[0]))
	for i, st := range p.Steps {
		arrow := fmt.Sprintf("-%s->", st.Type)
		if st.Reverse {
			arrow = fmt.Sprintf("<-%s-", st.Type)
		}
		fmt.Fprintf(w, "%s%s %s\n", indent, arrow, nodeLabel(p.Nodes[i+1]))
		if st.Evidence != "" {
			fmt.Fprintf(w, "%s     (%s: %s)\n", indent, st.Source, clip(st.Evidence, 140))
		}
	}
}

func nodeLabel(n graph.Node) string {
	s := n.ID
	if n.Name != "" && n.Name != n.ID {
		s += " " + n.Name
	}
	if n.Listed {
		s += " [LISTED"
		if len(n.Programs) > 0 {
			s += ": " + clip(strings.Join(n.Programs, ", "), 50)
		}
		s += "]"
	}
	return s
}

func (m *Main) runExposure(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("exposure", &d)
	hops := fs.Int("hops", network.DefaultHops, fmt.Sprintf("how many edges out to look (1..%d)", graph.MaxDepth))
	edges := fs.String("edges", "", "your own edges to add: CSV (from,to,type[,from_name,to_name,from_country,to_country,evidence]) or JSON lines")
	ctry := fs.String("country", "", "the party's country (ISO code), to help screen a name")
	asJSON := fs.Bool("json", false, "print the exposure as JSON (the shape of POST /v1/exposure)")
	same := sameParty(fs)
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict exposure NAME|ID [--hops N] [--edges FILE] [--country C] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *hops < 1 || *hops > graph.MaxDepth {
		fmt.Fprintf(m.Stderr, "interdict exposure: %v\n", &flagError{"hops", fmt.Sprint(*hops), fmt.Sprintf("want 1..%d", graph.MaxDepth)})
		return exitUsage
	}
	ues, err := m.readEdgesFile(*edges)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict exposure: %v\n", err)
		return exitUsage
	}
	ld, nw := m.loadNetwork(ctx, &d, *same)
	if ld == nil {
		return exitError
	}
	res, err := nw.Exposure(ctx, network.ExposureRequest{Party: strings.Join(pos, " "), Country: *ctry, Hops: *hops, Edges: ues})
	if err != nil {
		return m.networkError("exposure", err)
	}
	if *asJSON {
		return m.encodeJSON(res)
	}
	writeExposure(m.Stdout, res)
	return exitOK
}

func writeExposure(w io.Writer, res *network.ExposureResponse) {
	writeParty(w, res.Party)
	if len(res.Parties) > 0 {
		fmt.Fprintln(w, "parties of your edges:")
		for _, p := range res.Parties {
			s := fmt.Sprintf("  %-30s %s", clip(p.Name, 30), p.How)
			for _, mt := range p.Matches {
				s += fmt.Sprintf("; %s %q %.2f", mt.ID, mt.MatchedName, mt.Score)
			}
			fmt.Fprintln(w, s)
		}
	}
	if len(res.Exposures) == 0 {
		fmt.Fprintf(w, "no listed entity within %d hops\n", res.Hops)
		return
	}
	// the records of one party on several lists are one entry: the
	// nearest with its path, the others named
	type group struct {
		first  network.Exposure
		others []string
	}
	var groups []*group
	byCluster := map[string]*group{}
	for _, x := range res.Exposures {
		if g := byCluster[x.Cluster]; x.Cluster != "" && g != nil {
			g.others = append(g.others, x.ID)
			continue
		}
		g := &group{first: x}
		groups = append(groups, g)
		if x.Cluster != "" {
			byCluster[x.Cluster] = g
		}
	}
	fmt.Fprintf(w, "%s (%s) within %d hops", plural(len(groups), "listed party", "listed parties"),
		plural(len(res.Exposures), "record", "records"), res.Hops)
	if res.Truncated {
		fmt.Fprintf(w, " (the walk stopped at %d nodes)", graph.MaxNodes)
	}
	fmt.Fprintln(w, ":")
	for i, g := range groups {
		x := g.first
		fmt.Fprintf(w, "\n%d. %s: %s\n", i+1, plural(x.Hops, "hop", "hops"), nodeLabel(x.Node))
		if len(g.others) > 0 {
			fmt.Fprintf(w, "   the same party on other lists: %s\n", strings.Join(g.others, ", "))
		}
		fmt.Fprint(w, "   ")
		writePath(w, x.Path, "   ")
	}
}
