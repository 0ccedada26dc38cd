package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/server/web"
)

// route is one operation of the service. The table of routes is the one
// source of truth for the router, the role checks and the OpenAPI test.
type route struct {
	method string
	// path is in the router's (and OpenAPI's) form: "/v1/entities/{id}".
	path string
	// role is the least role a key needs; "" leaves the route public.
	role interdict.Role
	// body bounds the request body; 0 allows none.
	body func(s *Server) int64
	// timeout bounds the request (0: the configured request timeout).
	timeout func(s *Server) time.Duration
	// screens marks the routes that screen, and so write the audit trail:
	// a GET among them does not answer HEAD, which would record a
	// decision nobody reads.
	screens bool
	handle  func(s *Server, w http.ResponseWriter, r *http.Request, c *call) error
}

// call is what the route wrapper hands a handler.
type call struct {
	key interdict.APIKey
	b   *backend // nil on public routes
}

// routeTable lists every route. The web UI is mounted at "/" for
// everything else.
var routeTable = []*route{
	{method: "GET", path: "/healthz", handle: (*Server).healthz},
	{method: "GET", path: "/readyz", handle: (*Server).readyz},
	{method: "GET", path: "/metrics", role: interdict.RoleAnalyst, handle: (*Server).serveMetrics},
	{method: "GET", path: "/v1/openapi.json", role: interdict.RoleScreener, handle: (*Server).openapi},
	{method: "GET", path: "/v1/search", role: interdict.RoleScreener, screens: true, handle: (*Server).search},
	{method: "POST", path: "/v1/screen", role: interdict.RoleScreener, screens: true, body: func(*Server) int64 { return maxQueryBody }, handle: (*Server).screenParty},
	{method: "POST", path: "/v1/screen/batch", role: interdict.RoleScreener, screens: true, body: batchBody, handle: (*Server).screenBatch},
	{method: "GET", path: "/v1/entities/{id}", role: interdict.RoleAnalyst, handle: (*Server).entity},
	{method: "GET", path: "/v1/entities/{id}/network", role: interdict.RoleAnalyst, handle: (*Server).entityNetwork},
	{method: "GET", path: "/v1/paths", role: interdict.RoleAnalyst, handle: (*Server).paths},
	{method: "POST", path: "/v1/exposure", role: interdict.RoleAnalyst, body: func(*Server) int64 { return maxExposureBody }, handle: (*Server).exposure},
	{method: "GET", path: "/v1/lists", role: interdict.RoleAnalyst, handle: (*Server).lists},
	{method: "POST", path: "/v1/lists/refresh", role: interdict.RoleAdmin, body: func(*Server) int64 { return 4 << 10 },
		timeout: func(s *Server) time.Duration { return s.cfg.FetchTimeout + 5*time.Minute }, handle: (*Server).refreshLists},
	{method: "GET", path: "/v1/audit", role: interdict.RoleAnalyst, handle: (*Server).audit},
	{method: "POST", path: "/v1/shipments/screen", role: interdict.RoleScreener, screens: true, body: func(*Server) int64 { return maxShipmentBody }, handle: (*Server).screenShipment},
	{method: "POST", path: "/v1/scan", role: interdict.RoleScreener, screens: true, body: func(*Server) int64 { return maxScanBody },
		timeout: func(s *Server) time.Duration { return s.cfg.RequestTimeout + time.Minute }, handle: (*Server).scanDocument},
	{method: "GET", path: "/v1/alerts", role: interdict.RoleAnalyst, handle: (*Server).listAlerts},
	{method: "GET", path: "/v1/alerts/{id}", role: interdict.RoleAnalyst, handle: (*Server).getAlert},
	{method: "POST", path: "/v1/alerts/{id}/decision", role: interdict.RoleAnalyst, body: func(*Server) int64 { return 16 << 10 }, handle: (*Server).decideAlert},
	{method: "POST", path: "/v1/alerts/{id}/notes", role: interdict.RoleAnalyst, body: func(*Server) int64 { return 16 << 10 }, handle: (*Server).noteAlert},
	{method: "POST", path: "/v1/monitored", role: interdict.RoleScreener, body: func(*Server) int64 { return maxMonitoredPerRequest * 8 << 10 }, handle: (*Server).addMonitored},
	{method: "POST", path: "/v1/monitored/import", role: interdict.RoleScreener, body: func(*Server) int64 { return maxImportBody },
		timeout: func(s *Server) time.Duration { return s.cfg.RequestTimeout + 10*time.Minute }, handle: (*Server).importMonitored},
	{method: "GET", path: "/v1/monitored", role: interdict.RoleAnalyst, handle: (*Server).listMonitored},
	{method: "DELETE", path: "/v1/monitored/{id}", role: interdict.RoleAnalyst, handle: (*Server).deleteMonitored},
	{method: "POST", path: "/v1/webhooks", role: interdict.RoleAdmin, body: func(*Server) int64 { return 8 << 10 }, handle: (*Server).createWebhook},
	{method: "GET", path: "/v1/webhooks", role: interdict.RoleAdmin, handle: (*Server).listWebhooks},
	{method: "GET", path: "/v1/webhooks/dead-letters", role: interdict.RoleAdmin, handle: (*Server).deadLetters},
	{method: "POST", path: "/v1/webhooks/dead-letters/{id}/requeue", role: interdict.RoleAdmin, handle: (*Server).requeueDelivery},
}

func batchBody(s *Server) int64 { return 4<<10 + int64(s.cfg.MaxBatch)*perBatchQuery }

// routes builds the handler: the route table, a JSON 404 and 405 for the
// rest of /v1, and the web UI at "/".
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	byPath := map[string][]*route{}
	var paths []string
	for _, rt := range routeTable {
		if byPath[rt.path] == nil {
			paths = append(paths, rt.path)
		}
		byPath[rt.path] = append(byPath[rt.path], rt)
	}
	for _, p := range paths {
		mux.Handle(p, s.methods(byPath[p]))
	}
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, errorf(CodeNotFound, "no such route: %s %s (the API is described at /v1/openapi.json)", r.Method, clip(r.URL.Path)))
	})
	mux.Handle("/", web.New(Backend{s}, web.Options{Secure: s.cfg.SecureCookies, Now: s.cfg.Now}))
	return mux
}

// methods dispatches one path by method, answering 405 with the allowed
// methods for the others. GET routes that do not screen answer HEAD too.
func (s *Server) methods(rts []*route) http.Handler {
	handlers := map[string]http.Handler{}
	var allow []string
	for _, rt := range rts {
		h := s.wrap(rt)
		handlers[rt.method] = h
		allow = append(allow, rt.method)
		if rt.method == http.MethodGet && !rt.screens {
			handlers[http.MethodHead] = h
			allow = append(allow, http.MethodHead)
		}
	}
	slices.Sort(allow)
	allowed := strings.Join(allow, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := handlers[r.Method]; h != nil {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Allow", allowed)
		s.writeError(w, r, errorf(CodeMethodNotAllowed, "%s is not allowed here; use %s", clip(r.Method), allowed))
	})
}

// wrap applies a route's limits and checks around its handler: the time
// limit, the body limit, the key, its role and its rate.
func (s *Server) wrap(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		timeout := s.cfg.RequestTimeout
		if rt.timeout != nil {
			timeout = rt.timeout(s)
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r = r.WithContext(ctx)
		var limit int64
		if rt.body != nil {
			limit = rt.body(s)
		}
		if r.ContentLength > limit {
			s.writeError(w, r, errorf(CodeTooLarge, "request body of %d bytes, at most %d", r.ContentLength, limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if strings.HasPrefix(rt.path, "/v1/") {
			w.Header().Set("Cache-Control", "no-store")
		}
		c := &call{}
		if rt.role != "" {
			b := s.backend.Load()
			if b == nil {
				s.writeError(w, r, &Error{Code: CodeLoading, Message: "the server is starting; retry shortly", RetryAfter: 2 * time.Second})
				return
			}
			c.b = b
			if err := s.authorize(r, c, rt.role); err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		if err := rt.handle(s, w, r, c); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// ServeHTTP serves every request: it recovers from a panic (logged, and
// answered 500 when nothing was written yet) and records the request's
// metrics by route pattern.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic serving a request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if !sw.wrote {
				s.writeError(sw, r, errInternal(fmt.Errorf("panic: %v", p)))
			}
		}
		s.metrics.request(routeLabel(r), methodLabel(r.Method), sw.status(), time.Since(start))
	}()
	s.handler.ServeHTTP(sw, r)
}

// routeLabel is the metrics label of a request: the pattern it matched,
// so that the label's values are bounded.
func routeLabel(r *http.Request) string {
	switch r.Pattern {
	case "":
		return "unmatched"
	case "/":
		return "ui"
	}
	return r.Pattern
}

func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

// statusWriter remembers the status written. It passes Flush through for
// streamed answers.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if !w.wrote {
		return http.StatusOK
	}
	return w.code
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeJSON sends v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := newLineEncoder(buf).Encode(v); err != nil {
		// Only a value that cannot be JSON (a NaN) gets here; it is a
		// bug, and the client still gets the envelope.
		slog.Error("encoding a response", "error", err)
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error; the server log has the details"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	if buf.Cap() <= 1<<20 {
		bufPool.Put(buf)
	}
}

// newLineEncoder writes one JSON value per line. HTML characters are left
// as they are: answers are served as JSON with nosniff, never as HTML, and
// names such as "A & B Ltd" stay readable.
func newLineEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
