package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/graph"
	"github.com/interdict/interdict/network"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/screen"
)

// The network routes: GET /v1/entities/{id}/network, GET /v1/paths and
// POST /v1/exposure. They answer from the network of the snapshot in
// service, which is built in the background after the snapshot is put in
// service (a few seconds: the cross-list clusters, then the graph); until
// it is ready they answer 503 loading with Retry-After.

const (
	// maxNetworkDepth bounds GET /v1/entities/{id}/network. Depth 4 from
	// the largest hubs of every list already reaches graph.MaxNodes.
	maxNetworkDepth     = 4
	defaultNetworkDepth = 2
	// maxExposureBody bounds POST /v1/exposure: a party and a few
	// thousand edges of a registry extract or a shipment history.
	maxExposureBody = 1 << 20
	// maxAPIEdges bounds the edges of one request. Each of the user's
	// parties is screened (about 0.1 ms) and the graph is copied once.
	maxAPIEdges = 5000
	// networkRetry is the Retry-After of a network still building.
	networkRetry = 5 * time.Second
)

// networkParams and pathsParams are the query parameters each GET
// accepts; any other is refused, as for /v1/search.
var (
	networkParams = map[string]bool{"depth": true}
	pathsParams   = map[string]bool{"from": true, "to": true, "max": true, "limit": true}
)

// network returns the snapshot in service and its network, or the error
// to answer while the network is not ready.
func (s *Server) network() (*dataset.Snapshot, *network.Network, error) {
	snap, _, err := s.ready()
	if err != nil {
		return nil, nil, err
	}
	if n := snap.Network(); n != nil {
		return snap, n, nil
	}
	st, _, err := snap.NetworkStatus()
	if st == dataset.NetworkFailed && !errors.Is(err, dataset.ErrNetworkStopped) {
		return nil, nil, errInternal(fmt.Errorf("the network of %s: %w", snap.Version, err))
	}
	// Pending, building, or stopped because the snapshot was just
	// replaced (the next one's network is building) or the server is
	// closing: all pass with time.
	return nil, nil, &Error{Code: CodeLoading, RetryAfter: networkRetry,
		Message: fmt.Sprintf("the network of snapshot %s is still building (cross-list clusters and links; a few seconds after the lists load); retry shortly", snap.Version)}
}

// checkParams refuses parameters a route does not take.
func checkParams(v url.Values, accepted map[string]bool, names string) error {
	n := 0
	for k, vs := range v {
		if !accepted[k] {
			return errorf(CodeBadRequest, "unknown parameter %q (accepted: %s)", clip(k), names)
		}
		n += len(vs)
	}
	if n > maxSearchParams {
		return errorf(CodeBadRequest, "%d parameter values, at most %d", n, maxSearchParams)
	}
	return nil
}

// checkParty refuses a party a screening could not take, naming the
// field; ids and names pass alike.
func checkParty(field, v string) error {
	switch {
	case strings.TrimSpace(v) == "":
		return errorf(CodeBadRequest, "%s is required: an entity id or a name", field)
	case len(v) > screen.MaxNameBytes:
		return errorf(CodeBadRequest, "%s: %d bytes, at most %d", field, len(v), screen.MaxNameBytes)
	case !utf8.ValidString(v):
		return errorf(CodeBadRequest, "%s: not valid UTF-8", field)
	}
	return nil
}

// networkError maps the network package's errors for one field: a party
// that is nowhere is 404, a request it cannot answer 400; both messages
// describe only the client's own input and the lists.
func networkError(field string, err error) error {
	switch {
	case errors.Is(err, network.ErrNoParty), errors.Is(err, graph.ErrNotFound):
		return &Error{Code: CodeNotFound, Message: field + ": " + err.Error(), Err: err}
	case errors.Is(err, network.ErrBadRequest), errors.Is(err, graph.ErrBadEdge):
		return &Error{Code: CodeBadRequest, Message: field + ": " + strings.TrimPrefix(err.Error(), network.ErrBadRequest.Error()+": "), Err: err}
	}
	return err
}

// entityNetwork answers GET /v1/entities/{id}/network?depth=N: the
// parties within depth hops of the entity and the edges among them. The
// records of the same party on other lists are at hop 0.
func (s *Server) entityNetwork(w http.ResponseWriter, r *http.Request, _ *call) error {
	q := r.URL.Query()
	if err := checkParams(q, networkParams, "depth"); err != nil {
		return err
	}
	depth, err := parseInt(q["depth"], "depth", 1, maxNetworkDepth)
	if err != nil {
		return err
	}
	if depth == 0 {
		depth = defaultNetworkDepth
	}
	snap, n, err := s.network()
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	if e, ok := snap.Entity(id); ok {
		// An alternative key several lists carry (un-ref:…) names the
		// record GET /v1/entities/{id} gives.
		id = e.ID
	}
	nd, ok := n.Graph.Node(id)
	if !ok {
		return errorf(CodeNotFound, "no entity %q in the network of snapshot %s", clip(id), snap.Version)
	}
	res, err := n.Neighbourhood(r.Context(), nd.ID, depth)
	if err != nil {
		return networkError("id", err)
	}
	if res.Edges == nil {
		res.Edges = []graph.Edge{}
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// paths answers GET /v1/paths?from=&to=[&max=][&limit=]: every shortest
// path between two parties, each given by id, alternative key, bare
// publisher id or name (a name is screened; its best alerting match is
// the party).
func (s *Server) paths(w http.ResponseWriter, r *http.Request, _ *call) error {
	q := r.URL.Query()
	if err := checkParams(q, pathsParams, "from, to, max, limit"); err != nil {
		return err
	}
	var req network.PathsRequest
	for _, f := range []struct {
		name string
		dst  *string
	}{{"from", &req.From}, {"to", &req.To}} {
		vs := q[f.name]
		if len(vs) > 1 {
			return errorf(CodeBadRequest, "%s given %d times", f.name, len(vs))
		}
		if len(vs) == 1 {
			*f.dst = vs[0]
		}
		if err := checkParty(f.name, *f.dst); err != nil {
			return err
		}
	}
	var err error
	if req.MaxLen, err = parseInt(q["max"], "max", 1, graph.MaxDepth); err != nil {
		return err
	}
	if req.Limit, err = parseInt(q["limit"], "limit", 1, graph.MaxPaths); err != nil {
		return err
	}
	_, n, err := s.network()
	if err != nil {
		return err
	}
	// Each end is found here rather than in network.Paths, so that a
	// party that is nowhere is named by its field.
	from, err := n.Find(n.Graph, req.From, "", nil)
	if err != nil {
		return networkError("from", err)
	}
	to, err := n.Find(n.Graph, req.To, "", nil)
	if err != nil {
		return networkError("to", err)
	}
	ps, err := n.Graph.ShortestPaths(r.Context(), from.Node.ID, to.Node.ID, req.MaxLen, req.Limit)
	if err != nil {
		return networkError("from", err)
	}
	if ps == nil {
		ps = []graph.Path{}
	}
	writeJSON(w, http.StatusOK, &network.PathsResponse{Snapshot: n.Version, From: from, To: to, Paths: ps})
	return nil
}

// exposure answers POST /v1/exposure: every listed entity within hops of
// a party, nearest first, each with its path, the user's own edges
// joined in (an end that is a listed id is that record; any other is the
// user's party, screened by name).
func (s *Server) exposure(w http.ResponseWriter, r *http.Request, _ *call) error {
	req, err := decodeExposure(r.Body)
	if err != nil {
		return err
	}
	_, n, err := s.network()
	if err != nil {
		return err
	}
	res, err := n.Exposure(r.Context(), req)
	if err != nil {
		return exposureError(err)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// decodeExposure reads and checks the body of POST /v1/exposure; every
// refusal names its field.
func decodeExposure(body io.Reader) (network.ExposureRequest, error) {
	var req network.ExposureRequest
	if err := decodeJSON(body, &req); err != nil {
		return req, err
	}
	if err := checkParty("party", req.Party); err != nil {
		return req, err
	}
	if req.Hops < 0 || req.Hops > graph.MaxDepth {
		return req, errorf(CodeBadRequest, "hops %d: want a whole number from 1 to %d (default %d)", req.Hops, graph.MaxDepth, network.DefaultHops)
	}
	if req.Country != "" {
		cs, err := parseCountries([]string{req.Country}, "country")
		if err != nil {
			return req, err
		}
		req.Country = cs[0]
	}
	if len(req.Edges) > maxAPIEdges {
		return req, errorf(CodeBadRequest, "edges: %d given, at most %d", len(req.Edges), maxAPIEdges)
	}
	for i := range req.Edges {
		if err := checkEdge(i, &req.Edges[i]); err != nil {
			return req, err
		}
	}
	return req, nil
}

// exposureError names the field of an exposure the network refused: the
// party, hops and country were checked by decodeExposure, so a request
// it cannot answer is the edges'.
func exposureError(err error) error {
	if errors.Is(err, network.ErrBadRequest) {
		return networkError("edges", err)
	}
	return networkError("party", err)
}

// checkEdge checks one user edge, naming the field at fault.
func checkEdge(i int, e *graph.UserEdge) error {
	for _, f := range []struct {
		name     string
		v        string
		required bool
	}{{"from", e.From, true}, {"to", e.To, true}, {"type", e.Type, true},
		{"from_name", e.FromName, false}, {"to_name", e.ToName, false}, {"evidence", e.Evidence, false}} {
		switch {
		case f.required && strings.TrimSpace(f.v) == "":
			return errorf(CodeBadRequest, "edges[%d].%s is required", i, f.name)
		case len(f.v) > screen.MaxNameBytes:
			return errorf(CodeBadRequest, "edges[%d].%s: %d bytes, at most %d", i, f.name, len(f.v), screen.MaxNameBytes)
		case !utf8.ValidString(f.v):
			return errorf(CodeBadRequest, "edges[%d].%s: not valid UTF-8", i, f.name)
		}
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"from_country", &e.FromCountry}, {"to_country", &e.ToCountry}} {
		if *f.v == "" {
			continue
		}
		cs, err := parseCountries([]string{*f.v}, fmt.Sprintf("edges[%d].%s", i, f.name))
		if err != nil {
			return err
		}
		*f.v = cs[0]
	}
	return nil
}

// clusterView is the records of one party on every loaded list, as
// GET /v1/entities/{id} gives them once the network is built.
type clusterView struct {
	// ID names the cluster: its first record in resolve.SourceOrder.
	ID      string          `json:"id"`
	Sources []string        `json:"sources"`
	Members []clusterMember `json:"members"`
}

// clusterMember is one record of the party, and the decision that tied
// it to the cluster (none for the record asked for).
type clusterMember struct {
	ID       string         `json:"id"`
	Source   string         `json:"source"`
	Name     string         `json:"name"`
	Kind     interdict.Kind `json:"kind"`
	Programs []string       `json:"programs,omitempty"`
	Rule     resolve.Rule   `json:"rule,omitempty"`
	Evidence string         `json:"evidence,omitempty"`
	// With is the record the decision joined this one to.
	With string `json:"with,omitempty"`
}

// clusterOf returns the cluster of e in the snapshot's network, or nil
// while the network is building (the answer then says nothing of other
// lists rather than "none").
func clusterOf(snap *dataset.Snapshot, e *interdict.Entity) *clusterView {
	n := snap.Network()
	if n == nil || n.Clusters == nil {
		return nil
	}
	cl := n.Clusters.Of(e.ID)
	if cl == nil {
		return nil
	}
	v := &clusterView{ID: cl.ID, Sources: cl.Sources(), Members: make([]clusterMember, 0, len(cl.Members))}
	for _, m := range cl.Members {
		cm := clusterMember{ID: m.ID, Source: m.Source, Name: m.PrimaryName(), Kind: m.Kind, Programs: m.Programs}
		if m.ID != e.ID {
			for _, d := range cl.Decisions {
				if d.Joined && (d.A == m.ID || d.B == m.ID) {
					cm.Rule, cm.Evidence, cm.With = d.Rule, d.Evidence, d.A
					if d.A == m.ID {
						cm.With = d.B
					}
					break
				}
			}
		}
		v.Members = append(v.Members, cm)
	}
	return v
}
