package server

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/monitor"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

// Monitoring: parties registered with POST /v1/monitored (or imported)
// are screened at once against the snapshot in service, and their hits
// open alerts. Every snapshot put in service (a refresh, a start, a
// version another instance announced) re-screens, in the background, the
// parties the change can affect (package monitor). /v1/screen and
// /v1/search do not open alerts: they answer one question and record it
// in the audit trail; a party the institution keeps a relationship with
// is registered for monitoring, which both screens it and watches it.

// maxMonitoredPerRequest bounds POST /v1/monitored; a whole customer
// book goes to /v1/monitored/import.
const maxMonitoredPerRequest = 1000

// maxImportBody bounds POST /v1/monitored/import: 32 MiB holds several
// hundred thousand CSV lines.
const maxImportBody = 32 << 20

// monState is the server's monitoring: one refresh pass at a time, and
// the figures of the last.
type monState struct {
	mu   sync.Mutex
	last atomic.Pointer[monitor.Result]
}

func (s *Server) monitor(b *backend) *monitor.Monitor {
	return &monitor.Monitor{Store: b.st, Cases: s.casesService(b), Log: s.log, Now: s.now}
}

// monitorAfterSwap re-screens the monitored parties after next replaced
// prev (nil at start), in the background; alerts it opens wake the
// webhook worker.
func (s *Server) monitorAfterSwap(prev, next *dataset.Snapshot) {
	b := s.backend.Load()
	if b == nil || next == nil || (prev != nil && prev.Version == next.Version) {
		return
	}
	s.background(func(ctx context.Context) {
		s.mon.mu.Lock()
		defer s.mon.mu.Unlock()
		if s.holder.Current() != next {
			return // replaced again meanwhile; the next pass covers it
		}
		res, err := s.monitor(b).Refresh(ctx, prev, next)
		if err != nil && ctx.Err() == nil {
			s.log.Error("monitoring: re-screening after the list change failed", "snapshot", next.Version, "error", err)
		}
		s.mon.last.Store(&res)
		if res.Opened > 0 {
			s.notifyWebhooks()
		}
	})
}

// partyWire is one party of POST /v1/monitored: an id and a query.
type partyWire struct {
	ID string `json:"id"`
	interdict.Query
}

type monitoredRequest struct {
	Parties []partyWire `json:"parties"`
}

// registerResponse answers a registration or an import.
type registerResponse struct {
	Result  monitor.Result   `json:"result"`
	Opened  []int64          `json:"opened"`
	Rejects []monitor.Reject `json:"rejects,omitempty"`
}

// addMonitored answers POST /v1/monitored.
func (s *Server) addMonitored(w http.ResponseWriter, r *http.Request, c *call) error {
	var req monitoredRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		return err
	}
	if len(req.Parties) == 0 || len(req.Parties) > maxMonitoredPerRequest {
		return errorf(CodeBadRequest, "parties: %d given, want 1 to %d (a whole book goes to POST /v1/monitored/import)", len(req.Parties), maxMonitoredPerRequest)
	}
	ps := make([]interdict.MonitoredParty, len(req.Parties))
	for i, p := range req.Parties {
		ps[i] = interdict.MonitoredParty{ID: p.ID, Query: p.Query}
		if err := store.CheckMonitored(&ps[i]); err != nil {
			return errorf(CodeBadRequest, "parties[%d]: %v", i, err)
		}
		if err := screen.Validate(&ps[i].Query); err != nil {
			return errorf(CodeBadRequest, "parties[%d]: %v", i, err)
		}
	}
	return s.register(w, r, c, ps, nil)
}

// importMonitored answers POST /v1/monitored/import: a customer book in
// CSV or JSON lines (see monitor.ReadBook).
func (s *Server) importMonitored(w http.ResponseWriter, r *http.Request, c *call) error {
	book, err := monitor.ReadBook(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		if errors.Is(err, monitor.ErrBook) {
			return &Error{Code: CodeBadRequest, Message: err.Error()}
		}
		return errInternal(err)
	}
	if len(book.Parties) == 0 {
		return errorf(CodeBadRequest, "the book holds no party that could be read (%d lines rejected)", len(book.Rejects))
	}
	return s.register(w, r, c, book.Parties, book.Rejects)
}

func (s *Server) register(w http.ResponseWriter, r *http.Request, c *call, ps []interdict.MonitoredParty, rejects []monitor.Reject) error {
	snap := s.holder.Current()
	res, err := s.monitor(c.b).Register(r.Context(), snap, ps, actorOf(c))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return &Error{Code: CodeTimeout, Message: "the registration ran out of time; the parties are stored and the next refresh screens those left", Err: err}
		}
		return errInternal(err)
	}
	if res.Opened > 0 {
		s.notifyWebhooks()
	}
	out := registerResponse{Result: res, Opened: res.OpenedAlerts, Rejects: rejects}
	if out.Opened == nil {
		out.Opened = []int64{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// monitoredPage answers GET /v1/monitored.
type monitoredPage struct {
	Parties   []interdict.MonitoredParty `json:"parties"`
	Total     int64                      `json:"total"`
	NextAfter string                     `json:"next_after,omitempty"`
	// LastRefresh is what the last re-screening after a list change did
	// (absent before the first since the server started).
	LastRefresh *monitor.Result `json:"last_refresh,omitempty"`
}

// listMonitored answers GET /v1/monitored.
func (s *Server) listMonitored(w http.ResponseWriter, r *http.Request, c *call) error {
	v := r.URL.Query()
	limit := 100
	if l := v["limit"]; len(l) > 0 {
		var err error
		if limit, err = parseInt(l, "limit", 1, 1000); err != nil {
			return err
		}
	}
	ps, err := c.b.st.ListMonitored(r.Context(), v.Get("after"), limit)
	if err != nil {
		return errInternal(err)
	}
	n, err := c.b.st.CountMonitored(r.Context())
	if err != nil {
		return errInternal(err)
	}
	page := monitoredPage{Parties: ps, Total: n, LastRefresh: s.mon.last.Load()}
	if page.Parties == nil {
		page.Parties = []interdict.MonitoredParty{}
	}
	if len(ps) == limit {
		page.NextAfter = ps[len(ps)-1].ID
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// deleteMonitored answers DELETE /v1/monitored/{id}: the party is no
// longer watched; its alerts stay.
func (s *Server) deleteMonitored(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := c.b.st.DeleteMonitored(r.Context(), r.PathValue("id")); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errorf(CodeNotFound, "no monitored party %q", clip(r.PathValue("id")))
		}
		return errInternal(err)
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": r.PathValue("id")})
	return nil
}
