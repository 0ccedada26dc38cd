package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/source"
)

// health is the body of /healthz and /readyz.
type health struct {
	Status   string `json:"status"`
	Snapshot string `json:"snapshot,omitempty"`
	Entities int    `json:"entities,omitempty"`
	Message  string `json:"message,omitempty"`
}

// healthz answers 200 once a snapshot is in service, 503 before.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ *call) error {
	snap := s.holder.Current()
	if snap == nil {
		h := health{Status: "loading"}
		if s.loadFailed.Load() {
			h.Message = "no lists could be loaded; the server log says why (start the server with --data DIR, a directory of official list files, or let it fetch them)"
		}
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusServiceUnavailable, h)
		return nil
	}
	writeJSON(w, http.StatusOK, health{Status: "ok", Snapshot: snap.Version, Entities: snap.Entities()})
	return nil
}

// readyz answers 200 when requests can be served: a snapshot is in
// service, the store is open, and the server is not shutting down.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request, _ *call) error {
	snap := s.holder.Current()
	switch {
	case s.closing.Load():
		writeJSON(w, http.StatusServiceUnavailable, health{Status: "closing"})
	case snap == nil:
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusServiceUnavailable, health{Status: "loading", Message: "the lists are not loaded yet"})
	case s.backend.Load() == nil:
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusServiceUnavailable, health{Status: "loading", Message: "the store is not open"})
	default:
		writeJSON(w, http.StatusOK, health{Status: "ready", Snapshot: snap.Version, Entities: snap.Entities()})
	}
	return nil
}

// serveMetrics answers GET /metrics in the Prometheus exposition format.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request, _ *call) error {
	s.metrics.handler().ServeHTTP(w, r)
	return nil
}

// readGauges reads the snapshot gauges at scrape time.
func (s *Server) readGauges() gauges {
	g := gauges{snapshotAge: -1}
	snap := s.holder.Current()
	g.ready = snap != nil && s.backend.Load() != nil && !s.closing.Load()
	if snap != nil {
		g.snapshot = snap.Version
		g.snapshotAge = s.now().Sub(snap.Built).Seconds()
		g.entities = snap.Entities()
		g.sourceEntities = map[string]int{}
		g.published = map[string]float64{}
		for _, l := range snap.Catalog.Lists {
			g.sourceEntities[l.Source] = len(l.Live.Entities)
			if t, err := time.Parse(time.DateOnly, l.Live.Published); err == nil {
				g.published[l.Source] = float64(t.Unix())
			}
		}
	}
	return g
}

// openapi serves the API's description.
func (s *Server) openapi(w http.ResponseWriter, r *http.Request, _ *call) error {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(openapiJSON)))
	w.WriteHeader(http.StatusOK)
	w.Write(openapiJSON)
	return nil
}

// entityResponse is an entity with every field, the snapshot it is from,
// and the entities that link to it.
type entityResponse struct {
	*interdict.Entity
	Snapshot   string       `json:"snapshot"`
	LinkedFrom []linkedFrom `json:"linked_from"`
	// Cluster is the party's records on every loaded list, once the
	// snapshot's network is built (see network.go).
	Cluster *clusterView `json:"cluster,omitempty"`
}

// linkedFrom is another live entity's link to this one.
type linkedFrom struct {
	ID     string             `json:"id"`
	Name   string             `json:"name"`
	Source string             `json:"source"`
	Kind   interdict.Kind     `json:"kind"`
	Type   interdict.LinkType `json:"type"`
	Note   string             `json:"note,omitempty"`
}

// entity answers GET /v1/entities/{id}. An alternative key of the
// publisher's (uk-group:…, un-ref:…) finds the entity too.
func (s *Server) entity(w http.ResponseWriter, r *http.Request, _ *call) error {
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	e, ok := snap.Entity(id)
	if !ok {
		return errorf(CodeNotFound, "no entity %q in snapshot %s", clip(id), snap.Version)
	}
	out := entityResponse{Entity: e, Snapshot: snap.Version, LinkedFrom: []linkedFrom{}, Cluster: clusterOf(snap, e)}
	for _, in := range snap.Inbound(e.ID) {
		out.LinkedFrom = append(out.LinkedFrom, linkedFrom{ID: in.From.ID, Name: in.From.PrimaryName(), Source: in.From.Source,
			Kind: in.From.Kind, Type: in.Link.Type, Note: in.Link.Note})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// listsInfo is the answer to GET /v1/lists, computed once per snapshot.
type listsInfo struct {
	Snapshot string     `json:"snapshot"`
	Built    time.Time  `json:"built"`
	Entities int        `json:"entities"`
	Lists    []listInfo `json:"lists"`
	// Failures are file sets that could not be loaded at all; the reasons
	// are in the server log.
	Failures []failureInfo `json:"failures,omitempty"`
}

type listInfo struct {
	Source    string             `json:"source"`
	Format    string             `json:"format"`
	Published string             `json:"published,omitempty"`
	Coverage  interdict.Coverage `json:"coverage"`
	Files     []string           `json:"files"`
	// FetchedAt and Downloads are set when the list was fetched into the
	// state directory: when, from where, and each file's SHA-256.
	FetchedAt *time.Time      `json:"fetched_at,omitempty"`
	Downloads []downloadInfo  `json:"downloads,omitempty"`
	Stats     interdict.Stats `json:"stats"`
	Notes     []string        `json:"notes,omitempty"`
	Earlier   []versionInfo   `json:"earlier,omitempty"`
}

type downloadInfo struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

type versionInfo struct {
	Published string   `json:"published,omitempty"`
	Entities  int      `json:"entities"`
	Files     []string `json:"files,omitempty"`
}

type failureInfo struct {
	Files []string `json:"files"`
}

func newListsInfo(snap *dataset.Snapshot, man *source.Manifest) *listsInfo {
	info := &listsInfo{Snapshot: snap.Version, Built: snap.Built.UTC(), Entities: snap.Entities(), Lists: []listInfo{}}
	for _, l := range snap.Catalog.Lists {
		li := listInfo{Source: l.Source, Format: l.Live.Format, Published: l.Live.Published, Coverage: l.Live.Coverage,
			Files: l.Live.Files, Stats: l.Live.Stats(), Notes: append(slices.Clip(l.Live.Notes), l.Notes...)}
		if li.Files == nil {
			li.Files = []string{}
		}
		for _, e := range l.Earlier {
			li.Earlier = append(li.Earlier, versionInfo{Published: e.Published, Entities: len(e.Entities), Files: e.Files})
		}
		if man != nil {
			if rec := man.Sources[l.Source]; rec != nil {
				at := rec.FetchedAt.UTC()
				li.FetchedAt = &at
				for _, f := range rec.Files {
					li.Downloads = append(li.Downloads, downloadInfo{Name: f.Name, URL: f.URL, SHA256: f.SHA256, Size: f.Size})
				}
			}
		}
		info.Lists = append(info.Lists, li)
	}
	for _, f := range snap.Catalog.Failures {
		fi := failureInfo{}
		for _, name := range f.Files {
			fi.Files = append(fi.Files, filepath.Base(name))
		}
		info.Failures = append(info.Failures, fi)
	}
	return info
}

// lists answers GET /v1/lists.
func (s *Server) lists(w http.ResponseWriter, r *http.Request, _ *call) error {
	if _, _, err := s.ready(); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.info.Load())
	return nil
}

// refreshReport says what a refresh changed.
type refreshReport struct {
	Changed  bool   `json:"changed"`
	Previous string `json:"previous,omitempty"`
	Snapshot string `json:"snapshot"`
	TookMS   int64  `json:"took_ms"`
	// Fetched is each source's download status when the lists were
	// fetched ("updated", "unchanged", "refused", "failed"); the reasons
	// for failures are in the server log.
	Fetched []fetchInfo  `json:"fetched,omitempty"`
	Lists   []listChange `json:"lists"`
}

type fetchInfo struct {
	Source string `json:"source"`
	Status string `json:"status"`
}

// listChange is one source's change: "added", "removed", "updated" or
// "unchanged", with the entity ids that came and went.
type listChange struct {
	Source  string       `json:"source"`
	Change  string       `json:"change"`
	Before  *versionInfo `json:"before,omitempty"`
	After   *versionInfo `json:"after,omitempty"`
	Added   int          `json:"added"`
	Removed int          `json:"removed"`
}

// refreshLists answers POST /v1/lists/refresh: fetch (unless the lists
// come from a data directory), load, build a new snapshot beside the one
// in service and swap it in. The refresh runs in the background, so that a
// client giving up does not leave a half-done refresh; queries in flight
// finish on the snapshot they started with.
func (s *Server) refreshLists(w http.ResponseWriter, r *http.Request, _ *call) error {
	type outcome struct {
		rep *refreshReport
		err error
	}
	done := make(chan outcome, 1)
	started := s.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, s.cfg.FetchTimeout+5*time.Minute)
		defer cancel()
		rep, err := s.refresh(ctx)
		done <- outcome{rep, err}
	})
	if !started {
		return errorf(CodeLoading, "the server is shutting down")
	}
	select {
	case o := <-done:
		if o.err != nil {
			return o.err
		}
		writeJSON(w, http.StatusOK, o.rep)
		return nil
	case <-r.Context().Done():
		return &Error{Code: CodeTimeout, Message: "the refresh is still running; GET /v1/lists shows the snapshot in service", Err: r.Context().Err()}
	}
}

// refresh loads the lists anew and swaps in the new snapshot if it
// differs.
func (s *Server) refresh(ctx context.Context) (*refreshReport, error) {
	s.refMu.Lock()
	defer s.refMu.Unlock()
	// Instances sharing a store refresh one at a time (propagate.go).
	defer s.lockRefresh(ctx)()
	start := time.Now()
	old := s.holder.Current()
	cat, fetched, err := s.loadCatalog(ctx, true)
	if err != nil {
		s.metrics.refreshed("failed")
		s.log.Error("refresh failed; the snapshot in service is unchanged", "error", err)
		return nil, &Error{Code: CodeInternal, Message: "the refresh could not load the lists; the snapshot in service is unchanged (the server log has the details)", Err: err}
	}
	snap := dataset.Build(cat, s.now())
	rep := &refreshReport{Snapshot: snap.Version, Lists: diffLists(old, snap)}
	for _, f := range fetched {
		rep.Fetched = append(rep.Fetched, fetchInfo{Source: f.Source, Status: f.Status})
	}
	if old != nil {
		rep.Previous = old.Version
	}
	if old == nil || old.Version != snap.Version {
		s.install(snap)
		rep.Changed = true
		s.metrics.refreshed("changed")
		s.log.Info("refresh: new snapshot in service", "snapshot", snap.Version, "previous", rep.Previous, "entities", snap.Entities())
	} else {
		s.metrics.refreshed("unchanged")
		s.log.Info("refresh: the lists are unchanged", "snapshot", snap.Version)
	}
	s.announce(ctx, s.holder.Current())
	rep.TookMS = time.Since(start).Milliseconds()
	return rep, nil
}

// diffLists compares the live lists of two snapshots, source by source.
func diffLists(old, cur *dataset.Snapshot) []listChange {
	before := map[string]*source.List{}
	if old != nil {
		for _, l := range old.Catalog.Lists {
			before[l.Source] = l
		}
	}
	out := []listChange{}
	seen := map[string]bool{}
	for _, l := range cur.Catalog.Lists {
		seen[l.Source] = true
		ch := listChange{Source: l.Source, After: versionOf(l.Live)}
		b := before[l.Source]
		if b == nil {
			ch.Change, ch.Added = "added", len(l.Live.Entities)
			out = append(out, ch)
			continue
		}
		ch.Before = versionOf(b.Live)
		ch.Added, ch.Removed = idDiff(b.Live.Entities, l.Live.Entities)
		ch.Change = "unchanged"
		if ch.Before.Published != ch.After.Published || ch.Added > 0 || ch.Removed > 0 || !slices.Equal(ch.Before.Files, ch.After.Files) {
			ch.Change = "updated"
		}
		out = append(out, ch)
	}
	if old != nil {
		for _, l := range old.Catalog.Lists {
			if !seen[l.Source] {
				out = append(out, listChange{Source: l.Source, Change: "removed", Before: versionOf(l.Live), Removed: len(l.Live.Entities)})
			}
		}
	}
	return out
}

func versionOf(l *interdict.ListLoad) *versionInfo {
	return &versionInfo{Published: l.Published, Entities: len(l.Entities), Files: l.Files}
}

// idDiff counts the entity ids of b missing from a (added) and of a
// missing from b (removed).
func idDiff(a, b []*interdict.Entity) (added, removed int) {
	ids := make(map[string]bool, len(a))
	for _, e := range a {
		ids[e.ID] = true
	}
	for _, e := range b {
		if ids[e.ID] {
			delete(ids, e.ID)
		} else {
			added++
		}
	}
	return added, len(ids)
}

// auditParams are the parameters GET /v1/audit accepts.
var auditParams = map[string]bool{"from": true, "to": true, "user": true, "decision": true, "limit": true, "after": true}

// Audit page sizes.
const (
	defaultAuditLimit = 100
	maxAuditLimit     = 1000
)

// auditPage is the answer to GET /v1/audit. NextAfter, when set, is the
// "after" that fetches the next page.
type auditPage struct {
	Records   []interdict.AuditRecord `json:"records"`
	NextAfter int64                   `json:"next_after,omitempty"`
}

// parseAudit reads the query string of GET /v1/audit.
func parseAudit(v url.Values) (interdict.AuditFilter, error) {
	f := interdict.AuditFilter{Limit: defaultAuditLimit}
	for k, vs := range v {
		if !auditParams[k] {
			return f, errorf(CodeBadRequest, "unknown parameter %q (accepted: from, to, user, decision, limit, after)", clip(k))
		}
		if len(vs) > 1 {
			return f, errorf(CodeBadRequest, "%s given %d times", clip(k), len(vs))
		}
	}
	var err error
	if s := v.Get("from"); s != "" {
		if f.From, err = parseTime(s, false); err != nil {
			return f, errorf(CodeBadRequest, "from %q: want an RFC 3339 time or YYYY-MM-DD", clip(s))
		}
	}
	if s := v.Get("to"); s != "" {
		if f.To, err = parseTime(s, true); err != nil {
			return f, errorf(CodeBadRequest, "to %q: want an RFC 3339 time or YYYY-MM-DD", clip(s))
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, errorf(CodeBadRequest, "to is before from")
	}
	f.User = v.Get("user")
	switch d := v.Get("decision"); d {
	case "", decisionAlert, decisionClear:
		f.Decision = d
	default:
		return f, errorf(CodeBadRequest, "decision %q: want alert or clear", clip(d))
	}
	if s := v.Get("limit"); s != "" {
		if f.Limit, err = strconv.Atoi(s); err != nil || f.Limit < 1 || f.Limit > maxAuditLimit {
			return f, errorf(CodeBadRequest, "limit %q: want a whole number from 1 to %d", clip(s), maxAuditLimit)
		}
	}
	if s := v.Get("after"); s != "" {
		if f.AfterID, err = strconv.ParseInt(s, 10, 64); err != nil || f.AfterID < 0 {
			return f, errorf(CodeBadRequest, "after %q: want a record id", clip(s))
		}
	}
	return f, nil
}

// parseTime reads an RFC 3339 time or a date; a date as the end of a range
// means the end of that day.
func parseTime(s string, end bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, err
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// audit answers GET /v1/audit.
func (s *Server) audit(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := parseAudit(r.URL.Query())
	if err != nil {
		return err
	}
	recs, err := c.b.st.ListAudit(r.Context(), f)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return errInternal(err)
	}
	page := auditPage{Records: recs}
	if page.Records == nil {
		page.Records = []interdict.AuditRecord{}
	}
	for i := range page.Records {
		if page.Records[i].Matches == nil {
			page.Records[i].Matches = []interdict.AuditMatch{} // a clear decision matched nothing: [], not null
		}
	}
	if len(recs) == f.Limit && f.Limit > 0 {
		page.NextAfter = recs[len(recs)-1].ID
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}
