package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
)

// screenResult is the answer to one screened query: the snapshot it was
// screened against, the decision, the audit record that holds it, and the
// matches, best first.
type screenResult struct {
	Snapshot string            `json:"snapshot"`
	Decision string            `json:"decision"`
	AuditID  int64             `json:"audit_id"`
	Matches  []interdict.Match `json:"matches"`
}

// Decisions as recorded in the audit trail.
const (
	decisionAlert = "alert"
	decisionClear = "clear"
)

// Audit routes name where a decision was asked for.
const (
	auditSearch = "GET /v1/search"
	auditScreen = "POST /v1/screen"
	auditBatch  = "POST /v1/screen/batch"
)

// screen screens one query against snap and makes the decision durable in
// the audit trail before returning it: an answer is never sent for a
// decision the trail could lose.
func (s *Server) screen(ctx context.Context, key interdict.APIKey, b *backend, route string, snap *dataset.Snapshot, p *parsed) (*screenResult, error) {
	if err := checkLoaded(snap, p.q.Sources); err != nil {
		return nil, err
	}
	start := time.Now()
	ms, err := snap.Screener.Screen(&p.q, p.explain)
	s.metrics.screening.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, err
	}
	if ms == nil {
		ms = []interdict.Match{}
	}
	rec := &interdict.AuditRecord{
		At:       s.now().UTC(),
		KeyID:    key.ID,
		User:     key.Name,
		Route:    route,
		Snapshot: snap.Version,
		Query:    p.q,
		Decision: decisionClear,
		Matches:  make([]interdict.AuditMatch, len(ms)),
	}
	for i, m := range ms {
		rec.Matches[i] = interdict.AuditMatch{ID: m.ID, Score: m.Score, Alert: m.Alert}
		if m.Alert {
			rec.Decision = decisionAlert
		}
	}
	start = time.Now()
	if err := b.aud.Record(ctx, rec); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return nil, &Error{Code: CodeTimeout, Message: "the request ran out of time before its decision was recorded; nothing was decided", Err: err}
		}
		return nil, errInternal(fmt.Errorf("audit: %w", err))
	}
	s.metrics.auditWait.Observe(time.Since(start).Seconds())
	return &screenResult{Snapshot: snap.Version, Decision: rec.Decision, AuditID: rec.ID, Matches: ms}, nil
}

// checkLoaded refuses a query for a source the snapshot does not hold: it
// would match nothing, and the caller would take silence for a clear.
func checkLoaded(snap *dataset.Snapshot, sources []string) error {
	for _, src := range sources {
		if !snap.Screener.HasSource(src) {
			var loaded []string
			for _, l := range snap.Catalog.Lists {
				if len(l.Live.Entities) > 0 {
					loaded = append(loaded, l.Source)
				}
			}
			return errorf(CodeBadRequest, "source %q is not loaded (loaded: %s)", clip(src), strings.Join(loaded, ", "))
		}
	}
	return nil
}

// search answers GET /v1/search.
func (s *Server) search(w http.ResponseWriter, r *http.Request, c *call) error {
	p, err := parseSearch(r.URL.Query())
	if err != nil {
		return err
	}
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	res, err := s.screen(r.Context(), c.key, c.b, auditSearch, snap, &p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// screenParty answers POST /v1/screen.
func (s *Server) screenParty(w http.ResponseWriter, r *http.Request, c *call) error {
	p, err := decodeScreen(r.Body)
	if err != nil {
		return err
	}
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	res, err := s.screen(r.Context(), c.key, c.b, auditScreen, snap, &p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// batchLine is the answer to one query of a batch: its result, or the
// error that stopped it.
type batchLine struct {
	Index int `json:"index"`
	*screenResult
	Error *errorDetail `json:"error,omitempty"`
}

// batchResponse is the answer to a batch that is not streamed.
type batchResponse struct {
	Snapshot string      `json:"snapshot"`
	Results  []batchLine `json:"results"`
}

// ndjson is the media type of a streamed batch answer.
const ndjson = "application/x-ndjson"

// screenBatch answers POST /v1/screen/batch. Queries are screened and
// audited on several goroutines, so that they share audit commits; with
// "Accept: application/x-ndjson" each answer is streamed as a line as soon
// as its decision is durable, in the order answered, carrying its index.
// Every query of a batch is screened against the same snapshot.
func (s *Server) screenBatch(w http.ResponseWriter, r *http.Request, c *call) error {
	qs, errs, err := decodeBatch(r.Body, s.cfg.MaxBatch)
	if err != nil {
		return err
	}
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	s.metrics.batchSize.Observe(float64(len(qs)))
	if len(qs) > 1 {
		if err := s.takeTokens(c, len(qs)-1); err != nil {
			return err
		}
	}
	ctx := r.Context()
	lines := make(chan batchLine, len(qs))
	var next atomic.Int64
	workers := min(len(qs), batchWorkers())
	for range workers {
		go func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(qs) {
					return
				}
				line := batchLine{Index: i}
				err := errs[i]
				if err == nil {
					err = ctx.Err()
				}
				if err == nil {
					line.screenResult, err = s.screen(ctx, c.key, c.b, auditBatch, snap, &qs[i])
				}
				if err != nil {
					line.Error = s.detail(r, err)
				}
				lines <- line
			}
		}()
	}

	if !strings.Contains(r.Header.Get("Accept"), ndjson) {
		out := batchResponse{Snapshot: snap.Version, Results: make([]batchLine, len(qs))}
		for range qs {
			l := <-lines
			out.Results[l.Index] = l
		}
		writeJSON(w, http.StatusOK, out)
		return nil
	}
	h := w.Header()
	h.Set("Content-Type", ndjson)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	enc := newLineEncoder(buf)
	for range qs {
		l := <-lines
		buf.Reset()
		if err := enc.Encode(l); err != nil {
			buf.Reset()
			enc.Encode(batchLine{Index: l.Index, Error: s.detail(r, errInternal(err))})
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			// The client has gone; the workers finish their queries (each
			// is audited) and their lines are dropped.
			return nil
		}
		if len(lines) == 0 {
			rc.Flush()
		}
	}
	return nil
}

// batchWorkers is how many queries of a batch are in flight at once: more
// than the cores, so that screening goes on while records wait for their
// commit.
func batchWorkers() int { return min(32, 4*runtime.GOMAXPROCS(0)) }

// detail makes an error a batch line's error, logging the cause of
// server-side failures as writeError does.
func (s *Server) detail(r *http.Request, err error) *errorDetail {
	e := asError(err)
	if status := statusOf[e.Code]; status >= 500 && e.Code != CodeLoading {
		s.log.LogAttrs(r.Context(), slog.LevelError, "batch query failed", slog.String("error", e.Error()))
	}
	return &errorDetail{Code: e.Code, Message: e.Message}
}
