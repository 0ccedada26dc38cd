package web

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/graph"
)

func init() {
	pages["network"] = template.Must(template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")).ParseFS(templateFS, "templates/network.html"))
}

// The network page: the parties within a few hops of an entity, grouped
// by hop, each with the edges that reach it (type, list, evidence), and a
// small drawing of the nearest ones. Server-rendered, no script.
const (
	// maxPageDepth bounds the depth a page offers; deeper networks are
	// for the API (and a page of thousands of parties is no use to read).
	maxPageDepth     = 3
	defaultPageDepth = 2
	// maxPageNodes bounds the parties listed on one page.
	maxPageNodes = 300
	// maxVia bounds the edges shown for one party.
	maxVia = 6
	// maxRing bounds the parties drawn on each ring of the drawing.
	maxRing = 24
)

type networkView struct {
	Center    partyView
	EntityURL string
	Depth     int
	Depths    []depthLink
	Groups    []hopGroup
	Nodes     int // in the neighbourhood, the center included
	Listed    int
	Edges     int
	Omitted   int  // parties past maxPageNodes
	Truncated bool // the walk itself stopped at graph.MaxNodes
	Drawing   *drawing
}

type depthLink struct {
	Depth   int
	URL     string
	Current bool
}

type hopGroup struct {
	Hops    int
	Title   string
	Hint    string
	Parties []partyView
}

type partyView struct {
	Name, ID, URL, Kind, Source string
	Listed                      bool
	Programs, Note              string
	Via                         []viaView
	MoreVia                     int
}

// viaView is one edge that reaches a party from a nearer one.
type viaView struct {
	Relation         string // read from the party's side: "owned by"
	Other, OtherURL  string
	OtherID          string
	Source, Evidence string
	SameParty        bool
}

// networkURL is the network page of a node; entityURL escapes the id
// into one path segment.
func networkURL(id string) string { return entityURL(id) + "/network" }

func (h *handler) networkPage(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r.Context())
	if !sess.key.Role.Allows(interdict.RoleAnalyst) {
		h.failWith(w, r, http.StatusForbidden, "Networks need the analyst role",
			"Your key may screen names, but the network of a listed entity needs an analyst or admin key. Ask your administrator if you need it.")
		return
	}
	depth := defaultPageDepth
	if v := r.URL.Query()["depth"]; len(v) > 0 {
		d, err := strconv.Atoi(v[0])
		if err != nil || len(v) > 1 || d < 1 || d > maxPageDepth {
			h.failWith(w, r, http.StatusBadRequest, "That depth cannot be shown",
				fmt.Sprintf("The depth of a network page is a whole number from 1 to %d.", maxPageDepth))
			return
		}
		depth = d
	}
	snap := h.snapshot(w, r)
	if snap == nil {
		return
	}
	n := snap.Network()
	if n == nil {
		st, _, err := snap.NetworkStatus()
		if st == dataset.NetworkFailed && !errors.Is(err, dataset.ErrNetworkStopped) {
			h.log.Error("the network could not be built", "snapshot", snap.Version, "err", err)
			h.fail(w, r, http.StatusInternalServerError)
			return
		}
		w.Header().Set("Retry-After", "5")
		h.failWith(w, r, http.StatusServiceUnavailable, "The network is being built",
			"The links between listed parties, and the records of each party on the other lists, are worked out in the background after the lists load. This takes a few seconds; this page reloads by itself.")
		return
	}
	id := r.PathValue("id")
	key := id
	if e, ok := snap.Entity(id); ok {
		key = e.ID // an alternative key leads where the entity page does
	}
	nd, ok := n.Graph.Node(key)
	if !ok {
		h.failWith(w, r, http.StatusNotFound, "No such party in the network",
			"No listed entity or linked party has this id in the loaded lists. It may have been mistyped, or the list it was on is not loaded.")
		return
	}
	if nd.ID != id {
		// Found by an alternative key: send the reader to the node's own
		// address.
		http.Redirect(w, r, networkURL(nd.ID)+depthQuery(depth), http.StatusSeeOther)
		return
	}
	sub, err := n.Graph.Neighbourhood(r.Context(), nd.ID, depth)
	if err != nil {
		if isClientGone(r.Context(), err) {
			return
		}
		h.log.Error("network page", "id", nd.ID, "err", err)
		h.fail(w, r, http.StatusInternalServerError)
		return
	}
	v := newNetworkView(snap, sub, depth)
	h.render(w, r, http.StatusOK, "network", &page{Title: "Network of " + v.Center.Name, Data: v})
}

func depthQuery(d int) string {
	if d == defaultPageDepth {
		return ""
	}
	return "?depth=" + strconv.Itoa(d)
}

// newNetworkView groups a neighbourhood by hop. Each party shows the
// edges that reach it: from a party one hop nearer, or, for edges that
// cost no hop (the same party on another list, a screening match), from
// a party of its own hop found before it.
func newNetworkView(snap *dataset.Snapshot, sub *graph.Subgraph, depth int) *networkView {
	v := &networkView{Depth: depth, Nodes: sub.Stats.Nodes, Listed: sub.Stats.Listed, Edges: sub.Stats.Edges, Truncated: sub.Truncated}
	for d := 1; d <= maxPageDepth; d++ {
		v.Depths = append(v.Depths, depthLink{Depth: d, URL: networkURL(sub.Center) + depthQuery(d), Current: d == depth})
	}
	pos := make(map[string]int, len(sub.Nodes))
	for i, nd := range sub.Nodes {
		pos[nd.ID] = i
	}
	byNode := make(map[string][]graph.Edge)
	for _, e := range sub.Edges {
		byNode[e.From] = append(byNode[e.From], e)
		byNode[e.To] = append(byNode[e.To], e)
	}
	shown := 0
	for i, nd := range sub.Nodes {
		p := partyOf(snap, nd.Node)
		if i == 0 {
			v.Center = p
			v.EntityURL = p.URL
			continue
		}
		if shown >= maxPageNodes {
			v.Omitted++
			continue
		}
		shown++
		for _, e := range byNode[nd.ID] {
			other := e.From
			if other == nd.ID {
				other = e.To
			}
			j, ok := pos[other]
			if !ok {
				continue
			}
			o := sub.Nodes[j]
			free := e.Type == graph.EdgeSameParty || e.Type == graph.EdgeScreened
			if !(o.Hops < nd.Hops || free && o.Hops == nd.Hops && j < i) {
				continue
			}
			if len(p.Via) >= maxVia {
				p.MoreVia++
				continue
			}
			op := partyOf(snap, o.Node)
			p.Via = append(p.Via, viaView{Relation: relation(e, nd.ID), Other: op.Name, OtherURL: op.URL, OtherID: o.ID,
				Source: e.Source, Evidence: e.Evidence, SameParty: e.Type == graph.EdgeSameParty})
		}
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].Hops != nd.Hops {
			v.Groups = append(v.Groups, newHopGroup(nd.Hops))
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Parties = append(g.Parties, p)
	}
	v.Drawing = newDrawing(sub, v.Center)
	return v
}

func newHopGroup(hops int) hopGroup {
	switch hops {
	case 0:
		return hopGroup{Hops: 0, Title: "The same party on other lists",
			Hint: "Records of other lists that are this party (the rule that tied each is its evidence). They cost no hop: their links count as this party's own."}
	case 1:
		return hopGroup{Hops: 1, Title: "1 hop: direct links", Hint: "Parties a list links to this one, or that share an identifier or a street address with it."}
	}
	return hopGroup{Hops: hops, Title: fmt.Sprintf("%d hops away", hops), Hint: fmt.Sprintf("Parties linked to one of the parties %s away.", plural(hops-1, "hop"))}
}

// partyOf describes a node: a listed entity links to its page, a party a
// list names only by name does not (it has no page).
func partyOf(snap *dataset.Snapshot, nd graph.Node) partyView {
	p := partyView{Name: nd.Name, ID: nd.ID, Kind: kindLabel(nd.Kind), Source: nd.Source, Listed: nd.Listed,
		Programs: strings.Join(nd.Programs, ", "), Note: nd.Note}
	if p.Name == "" {
		p.Name = nd.ID
	}
	if _, ok := snap.Entity(nd.ID); ok {
		p.URL = entityURL(nd.ID)
	}
	return p
}

// relation reads edge e from the side of the party id: "owns" from its
// From, "owned by" from its To.
func relation(e graph.Edge, id string) string {
	forward := e.From == id
	pick := func(f, r string) string {
		if forward {
			return f
		}
		return r
	}
	switch e.Type {
	case graph.EdgeLinkedTo:
		return pick("linked to", "named as linked by")
	case graph.EdgeOwns:
		return pick("owns", "owned by")
	case graph.EdgeDirects:
		return pick("director of", "directed by")
	case graph.EdgeOperates:
		return pick("owns or operates the vessel", "vessel owned or operated by")
	case graph.EdgeFamily:
		return "family of"
	case graph.EdgeAssociate:
		return "associate of"
	case graph.EdgeSharedID:
		return "shares an identifier with"
	case graph.EdgeSharedAddress:
		return "shares a street address with"
	case graph.EdgeSameParty:
		return "the same party as"
	case graph.EdgeScreened:
		return pick("name matches", "matched by the name of")
	}
	return pick(string(e.Type), "← "+string(e.Type)+" of")
}

// drawing is a small radial picture of the nearest parties: the center
// with its records on other lists close around it, hop 1 on the inner
// ring (the records of one party side by side), hop 2 and beyond on the
// outer, each outer party drawn near the nearer party that reaches it. It is
// decoration for sighted readers (aria-hidden): the list is the content.
type drawing struct {
	Width, Height int
	Lines         []line
	Dots          []dot
	Shown, Total  int
}

type line struct {
	X1, Y1, X2, Y2 string
	Class          string
}

type dot struct {
	X, Y, R      string
	Class, Title string
	Label        string
	LX, LY       string
	Anchor       string
}

// The drawing's geometry, in its own units (it scales to the page): room
// for a label of maxLabel characters either side of the outer ring.
const (
	drawWidth   = 760
	sameRadius  = 34.0
	innerRadius = 110.0
	outerRadius = 200.0
	maxLabel    = 22
	// maxLabelled is the most parties a ring labels; past it the labels
	// would overlap, and a hover title names each dot.
	maxLabelled = 16
)

func newDrawing(sub *graph.Subgraph, center partyView) *drawing {
	// free joins the records of one party (and a screened party to its
	// match): they are drawn side by side and labelled once.
	free := map[string][]string{}
	for _, e := range sub.Edges {
		if e.Type == graph.EdgeSameParty || e.Type == graph.EdgeScreened {
			free[e.From] = append(free[e.From], e.To)
			free[e.To] = append(free[e.To], e.From)
		}
	}
	var same, inner, outer []graph.HopNode
	for _, nd := range sub.Nodes[1:] {
		switch {
		case nd.Hops == 0:
			if len(same) < maxRing {
				same = append(same, nd)
			}
		case nd.Hops == 1:
			if len(inner) < maxRing {
				inner = append(inner, nd)
			}
		case len(outer) < maxRing*2:
			outer = append(outer, nd)
		}
	}
	if len(same)+len(inner)+len(outer) == 0 {
		return nil
	}
	inner, firsts := grouped(inner, free)
	height := int(2*innerRadius) + 70
	if len(outer) > 0 {
		height = int(2*outerRadius) + 70
	}
	d := &drawing{Width: drawWidth, Height: height, Total: len(sub.Nodes), Shown: len(same) + len(inner) + len(outer) + 1}
	cx, cy := float64(drawWidth)/2, float64(height)/2
	angle := map[string]float64{}
	at := map[string][2]float64{sub.Center: {cx, cy}}
	place := func(nd graph.HopNode, a, radius float64, labelled bool) {
		x, y := cx+radius*math.Cos(a), cy+radius*math.Sin(a)
		angle[nd.ID], at[nd.ID] = a, [2]float64{x, y}
		cls := "net-dot"
		if nd.Listed {
			cls += " listed"
		}
		r := "7"
		if radius < innerRadius {
			r = "5"
		}
		dt := dot{X: f1(x), Y: f1(y), R: r, Class: cls, Title: nd.Name + " (" + nd.ID + ")"}
		if labelled {
			// Beside the dot, away from the center; above or below it
			// at the top and bottom of the ring.
			lx, ly, anchor := x+11, y+4, "start"
			switch c, s := math.Cos(a), math.Sin(a); {
			case math.Abs(c) <= 0.25 && s < 0:
				lx, ly, anchor = x, y-12, "middle"
			case math.Abs(c) <= 0.25:
				lx, ly, anchor = x, y+21, "middle"
			case c < 0:
				lx, anchor = x-11, "end"
			}
			dt.Label, dt.LX, dt.LY, dt.Anchor = short(nd.Name, maxLabel), f1(lx), f1(ly), anchor
		}
		d.Dots = append(d.Dots, dt)
	}
	// The party's records on other lists sit close around it.
	for i, nd := range same {
		place(nd, 2*math.Pi*float64(i)/float64(len(same))-math.Pi/2, sameRadius, false)
	}
	// Hop 1 around the inner ring, the records of one party side by side
	// and one label for them.
	// Each group has an equal slot of the ring; its members sit close
	// together in the middle of it.
	groups := countTrue(firsts)
	slot := 2 * math.Pi / float64(max(groups, 1))
	for i, g := 0, -1; i < len(inner); {
		g++
		k := 1
		for i+k < len(inner) && !firsts[i+k] {
			k++
		}
		step := math.Min(slot*0.8/float64(k), 0.16)
		for j := range k {
			a := slot*float64(g) - math.Pi/2 + (float64(j)-float64(k-1)/2)*step
			place(inner[i+j], a, innerRadius, groups <= maxLabelled && j == 0)
		}
		i += k
	}
	// Each outer party wants the angle of the first nearer party linked
	// to it; in that order, they are pushed apart to a minimum gap.
	want := make([]float64, len(outer))
	for i, nd := range outer {
		want[i] = math.NaN()
		for _, e := range sub.Edges {
			o := e.From
			if o == nd.ID {
				o = e.To
			} else if e.To != nd.ID {
				continue
			}
			if a, ok := angle[o]; ok {
				want[i] = a
				break
			}
		}
		if math.IsNaN(want[i]) {
			want[i] = 2*math.Pi*float64(i)/float64(len(outer)) - math.Pi/2
		}
	}
	order := make([]int, len(outer))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(want[a], want[b]) })
	gap := math.Min(2*math.Pi/float64(max(len(outer), 1)), 0.3)
	prev := math.Inf(-1)
	for _, i := range order {
		a := math.Max(want[i], prev+gap)
		prev = a
		place(outer[i], a, outerRadius, len(outer) <= maxLabelled/2)
	}
	for _, e := range sub.Edges {
		a, okA := at[e.From]
		b, okB := at[e.To]
		if !okA || !okB {
			continue
		}
		cls := "net-line"
		if e.Type == graph.EdgeSameParty || e.Type == graph.EdgeScreened {
			cls += " same"
		}
		d.Lines = append(d.Lines, line{X1: f1(a[0]), Y1: f1(a[1]), X2: f1(b[0]), Y2: f1(b[1]), Class: cls})
	}
	d.Dots = append(d.Dots, dot{X: f1(cx), Y: f1(cy), R: "11", Class: "net-dot center", Title: center.Name + " (" + center.ID + ")"})
	return d
}

// grouped orders nodes so that those joined by free edges follow one
// another; first marks the first node of each group.
func grouped(nodes []graph.HopNode, free map[string][]string) (out []graph.HopNode, first []bool) {
	idx := make(map[string]int, len(nodes))
	for i, nd := range nodes {
		idx[nd.ID] = i
	}
	done := make([]bool, len(nodes))
	for i := range nodes {
		if done[i] {
			continue
		}
		// the group of nodes[i]: everything its free edges reach among
		// nodes
		queue := []int{i}
		done[i] = true
		for k := 0; k < len(queue); k++ {
			out = append(out, nodes[queue[k]])
			first = append(first, k == 0)
			for _, o := range free[nodes[queue[k]].ID] {
				if j, ok := idx[o]; ok && !done[j] {
					done[j] = true
					queue = append(queue, j)
				}
			}
		}
	}
	return out, first
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func f1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
