package graph

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes the subgraph as indented JSON (the shape of the
// network API).
func (s *Subgraph) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteGraphML writes the subgraph as GraphML, for Gephi, yEd or
// Cytoscape: node attributes name, kind, source, listed, hops; edge
// attributes type, source, evidence.
func (s *Subgraph) WriteGraphML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	esc := func(v string) string {
		var b strings.Builder
		if err := xml.EscapeText(&b, []byte(v)); err != nil {
			return ""
		}
		return b.String()
	}
	fmt.Fprintln(bw, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`)
	for _, k := range []struct{ id, on, name, typ string }{
		{"n_name", "node", "name", "string"}, {"n_kind", "node", "kind", "string"}, {"n_source", "node", "source", "string"},
		{"n_listed", "node", "listed", "boolean"}, {"n_hops", "node", "hops", "int"}, {"n_programs", "node", "programs", "string"},
		{"e_type", "edge", "type", "string"}, {"e_source", "edge", "source", "string"}, {"e_evidence", "edge", "evidence", "string"},
	} {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.on, k.name, k.typ)
	}
	fmt.Fprintf(bw, "  <graph id=%q edgedefault=\"directed\">\n", esc(s.Center))
	for _, n := range s.Nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\">", esc(n.ID))
		fmt.Fprintf(bw, "<data key=\"n_name\">%s</data><data key=\"n_kind\">%s</data>", esc(n.Name), esc(string(n.Kind)))
		fmt.Fprintf(bw, "<data key=\"n_source\">%s</data><data key=\"n_listed\">%t</data><data key=\"n_hops\">%d</data>", esc(n.Source), n.Listed, n.Hops)
		if len(n.Programs) > 0 {
			fmt.Fprintf(bw, "<data key=\"n_programs\">%s</data>", esc(strings.Join(n.Programs, "; ")))
		}
		fmt.Fprintln(bw, "</node>")
	}
	for i, e := range s.Edges {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">", i, esc(e.From), esc(e.To))
		fmt.Fprintf(bw, "<data key=\"e_type\">%s</data><data key=\"e_source\">%s</data><data key=\"e_evidence\">%s</data></edge>\n",
			esc(string(e.Type)), esc(e.Source), esc(e.Evidence))
	}
	fmt.Fprintln(bw, "  </graph>")
	fmt.Fprintln(bw, "</graphml>")
	return bw.Flush()
}

// WriteDOT writes the subgraph in Graphviz DOT: listed entities filled,
// the center doubled, edges labelled with their type.
func (s *Subgraph) WriteDOT(w io.Writer) error {
	bw := bufio.NewWriter(w)
	q := strconv.Quote
	fmt.Fprintf(bw, "digraph %s {\n", q("network of "+s.Center))
	fmt.Fprintln(bw, "  node [shape=box, fontname=\"Helvetica\"];")
	for _, n := range s.Nodes {
		attrs := []string{"label=" + q(dotLabel(n.Node))}
		if n.Listed {
			attrs = append(attrs, "style=filled", "fillcolor=\"#f4c7c3\"")
		}
		if n.ID == s.Center {
			attrs = append(attrs, "peripheries=2")
		}
		fmt.Fprintf(bw, "  %s [%s];\n", q(n.ID), strings.Join(attrs, ", "))
	}
	for _, e := range s.Edges {
		style := ""
		if e.Source == SourceDerived {
			style = ", style=dashed"
		}
		fmt.Fprintf(bw, "  %s -> %s [label=%s%s];\n", q(e.From), q(e.To), q(string(e.Type)), style)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func dotLabel(n Node) string {
	l := n.Name
	if l == "" {
		l = n.ID
	}
	if r := []rune(l); len(r) > 48 {
		l = string(r[:45]) + "..."
	}
	return l + "\n" + n.ID
}
