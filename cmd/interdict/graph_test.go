package main

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/interdict/interdict/graph"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/network"
)

// The fixture lists: the tankers ARTAVIL (15036) and ARK (15037) are both
// "Linked To: NATIONAL IRANIAN TANKER COMPANY", which is not in the
// fixture, so they meet at a node of that name.
func TestPathFixture(t *testing.T) {
	code, out, errs := run(t, nil, "path", "ofac-sdn:15036", "ofac-sdn:15037", "--data", "testdata/lists", "--same-party=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"1 shortest path of 2 edges", "-linked-to-> name:NATIONAL IRANIAN TANKER COMPANY", "<-linked-to- ofac-sdn:15037 ARK [LISTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("path output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, nil, "path", "ofac-sdn:15036", "ofac-sdn:15037", "--data", "testdata/lists", "--max", "1", "--same-party=false")
	if code != 0 || !strings.Contains(out, "no path of 1 edges or fewer") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestGraphFixtureFormats(t *testing.T) {
	code, out, errs := run(t, nil, "graph", "ofac-sdn:15036", "--data", "testdata/lists", "--depth", "2", "--format", "json", "--same-party=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res network.NetworkResponse
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range res.Nodes {
		ids = append(ids, n.ID)
	}
	if res.Center != "ofac-sdn:15036" || !slices.Contains(ids, "ofac-sdn:15037") || res.Stats.Edges != 2 {
		t.Errorf("network %+v", res)
	}

	code, out, _ = run(t, nil, "graph", "ofac-sdn:15036", "--data", "testdata/lists", "--format", "graphml", "--same-party=false")
	if code != 0 {
		t.Fatalf("graphml exit %d", code)
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("graphml: %v", err)
		}
	}
	code, out, _ = run(t, nil, "graph", "ofac-sdn:15036", "--data", "testdata/lists", "--format", "dot", "--same-party=false")
	if code != 0 || !strings.Contains(out, `"ofac-sdn:15036" -> "name:NATIONAL IRANIAN TANKER COMPANY" [label="linked-to"]`) {
		t.Errorf("dot exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, nil, "graph", "ofac-sdn:15036", "--data", "testdata/lists", "--same-party=false")
	if code != 0 || !strings.Contains(out, "network to depth 2: 3 nodes (2 listed), 2 edges") {
		t.Errorf("text exit %d:\n%s", code, out)
	}
}

func TestNetworkUsage(t *testing.T) {
	for _, args := range [][]string{
		{"graph"},
		{"graph", "x", "--depth", "0"},
		{"graph", "x", "--depth", "9"},
		{"graph", "x", "--format", "svg"},
		{"path", "a"},
		{"path", "a", "b", "--limit", "0"},
		{"exposure"},
		{"exposure", "x", "--hops", "7"},
		{"exposure", "x", "--edges", "testdata/no-such-file.csv"},
	} {
		if code, _, _ := run(t, nil, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// a party that is neither an id nor a name that alerts
	code, _, errs := run(t, nil, "graph", "Nobody At All Trading", "--data", "testdata/lists", "--same-party=false")
	if code != exitError || !strings.Contains(errs, "no such party") {
		t.Errorf("unknown party: exit %d: %s", code, errs)
	}
}

// TestExposureUAV is the acceptance check: a party on no list that owns
// (per testdata/uav_edges.csv, fictitious) a company supplying the listed
// Iranian drone maker Shahed Aviation Industries Research Center (OFAC
// 39637) is exposed to it, with the full path. The edges name the drone
// maker only by name, so the path runs through its screening match.
func TestExposureUAV(t *testing.T) {
	data := shared.Data(t)
	code, out, errs := run(t, nil, "exposure", "Kestrel Marlow Holdings Ltd", "--edges", filepath.Join("testdata", "uav_edges.csv"), "--data", data, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res network.ExposureResponse
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Party.Node.ID != "user:kmh" || res.Party.How != "your edges" {
		t.Errorf("party %+v", res.Party)
	}
	var found *network.Exposure
	for i := range res.Exposures {
		if res.Exposures[i].ID == "ofac-sdn:39637" {
			found = &res.Exposures[i]
		}
	}
	if found == nil {
		t.Fatalf("exposure lacks the drone maker ofac-sdn:39637:\n%s", out)
	}
	p := found.Path
	var types []graph.EdgeType
	for _, st := range p.Steps {
		types = append(types, st.Type)
	}
	if p.Nodes[0].ID != "user:kmh" || p.Nodes[len(p.Nodes)-1].ID != "ofac-sdn:39637" || len(types) < 3 ||
		!slices.Equal(types[:3], []graph.EdgeType{"owns", "supplies", graph.EdgeScreened}) {
		t.Errorf("path %v (types %v)", p.String(), types)
	}
	if found.Hops != 2 {
		t.Errorf("drone maker at %d hops, want 2 (owns, supplies; the screening match and the same-party edges cost none)", found.Hops)
	}
	// every step joins the nodes either side of it
	for i, st := range p.Steps {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if st.Reverse {
			a, b = b, a
		}
		if st.From != a || st.To != b {
			t.Errorf("step %d %s→%s does not join %s and %s", i, st.From, st.To, p.Nodes[i].ID, p.Nodes[i+1].ID)
		}
	}
	// the text form shows the path with its evidence
	code, out, _ = run(t, nil, "exposure", "Kestrel Marlow Holdings Ltd", "--edges", filepath.Join("testdata", "uav_edges.csv"), "--data", data, "--hops", "2")
	for _, want := range []string{"-owns-> user:vgc Vantor Gulf Components FZE", "-supplies-> user:shahed", "ofac-sdn:39637", "registry extract (fictitious)"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("text exposure (exit %d) lacks %q:\n%s", code, want, out)
		}
	}
}

// TestPathShared: two Iranian drone makers meet through the IRGC Air
// Force, which both OFAC records name as "Linked To".
func TestPathShared(t *testing.T) {
	data := shared.Data(t)
	code, out, errs := run(t, nil, "path", "ofac-sdn:39637", "PARAVAR PARS COMPANY", "--data", data, "--json", "--same-party=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res network.PathsResponse
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Paths) == 0 || res.Paths[0].Hops() != 2 || res.Paths[0].Nodes[1].ID != "ofac-sdn:12055" {
		t.Fatalf("paths %+v", res.Paths)
	}
	if res.To.How != "screened" {
		t.Errorf("to %+v", res.To)
	}
}
