// Package web is Interdict's browser interface: server-rendered pages for
// signing in with an API key, screening a name, reading a listed entity
// and the loaded lists. Package server mounts the handler New returns at
// "/".
//
// Security model, in one place:
//
//   - Signing in takes an API key once. The browser then holds only a
//     random session id (HttpOnly, SameSite=Strict, Path=/, Secure when
//     Options.Secure, "__Host-" prefixed then); the server maps the id's
//     SHA-256 to the key's id, name and role and an absolute expiry. The
//     secret itself is never kept. Every page asks the server whether the
//     key is still valid (Backend.CheckKey): a session whose key has been
//     revoked is ended and refused on every page within the API's key
//     cache time, not only when it screens.
//   - Every POST carries a CSRF token in a hidden field: the session's
//     token for signed-in forms, a double-submitted cookie token for the
//     sign-in form (login CSRF). Both are compared in constant time. Cross
//     origin POSTs are also refused by http.CrossOriginProtection (Sec-
//     Fetch-Site / Origin), so SameSite is never the only defence.
//   - Screening is a POST: the screened name (personal data) never lands in
//     a URL, browser history or access log, and a reload or prefetch never
//     writes an audit record silently.
//   - Pages carry a Content-Security-Policy without inline script or style
//     (there is no script at all), frame-ancestors 'none', nosniff, a
//     no-referrer policy and Cache-Control: no-store.
//   - Errors are friendly pages with fixed wording; internal error text
//     goes to the log only.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
)

// Backend is what the pages need from the server.
type Backend interface {
	Snapshot() *dataset.Snapshot // nil while loading
	// Screen screens q for key (auditing it as the API does) and returns the matches with explanations and the snapshot version.
	Screen(ctx context.Context, key interdict.APIKey, q *interdict.Query) ([]interdict.Match, string, error)
	LookupKey(ctx context.Context, secret string) (interdict.APIKey, error)
	// CheckKey tells whether a signed-in key may still be used: nil, an
	// error wrapping store.ErrRevoked once it has been revoked (seen within
	// the API's key-cache time), or another error when it cannot tell.
	CheckKey(ctx context.Context, key interdict.APIKey) error
}

// Options configure the pages.
type Options struct {
	Secure     bool          /* set cookies Secure */
	SessionTTL time.Duration // how long a sign-in lasts; 0 means 8 hours
	Now        func() time.Time
}

// DefaultSessionTTL is the session lifetime when Options.SessionTTL is 0.
const DefaultSessionTTL = 8 * time.Hour

// maxForm caps a form body: the largest legitimate form (a search) is far
// under a kilobyte.
const maxForm = 64 << 10

// handler serves every page.
type handler struct {
	b        Backend
	opts     Options
	sessions *sessions
	cop      *http.CrossOriginProtection
	mux      *http.ServeMux
	log      *slog.Logger
	lists    listsCache
}

// New returns the web interface over b.
func New(b Backend, opts Options) http.Handler {
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = DefaultSessionTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	h := &handler{
		b:        b,
		opts:     opts,
		sessions: newSessions(opts.Now, opts.SessionTTL),
		cop:      http.NewCrossOriginProtection(),
		mux:      http.NewServeMux(),
		log:      slog.Default().With("component", "web"),
	}
	h.routes()
	return h
}

func (h *handler) routes() {
	get := []string{http.MethodGet, http.MethodHead}
	post := []string{http.MethodPost}
	h.mux.Handle("/static/{name}", only(get, http.HandlerFunc(h.static)))
	h.mux.Handle("/signin", h.byMethod(map[string]http.HandlerFunc{
		http.MethodGet: h.signInForm, http.MethodHead: h.signInForm, http.MethodPost: h.signIn,
	}))
	h.mux.Handle("/signout", only(post, h.auth(h.signOut)))
	h.mux.Handle("/{$}", only(get, h.auth(h.searchPage)))
	h.mux.Handle("/search", h.byMethod(map[string]http.HandlerFunc{
		http.MethodGet:  func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/", http.StatusSeeOther) },
		http.MethodHead: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/", http.StatusSeeOther) },
		http.MethodPost: h.auth(h.search),
	}))
	h.mux.Handle("/results/{id}", only(get, h.auth(h.resultsPage)))
	h.mux.Handle("/entities/{id...}", only(get, h.auth(h.entityPage)))
	h.mux.Handle("/entities/{id}/network", only(get, h.auth(h.networkPage)))
	h.mux.Handle("/lists", only(get, h.auth(h.listsPage)))
	h.mux.Handle("/alerts", only(get, h.auth(h.alertsPage)))
	h.mux.Handle("/alerts/{id}", only(get, h.auth(h.casePage)))
	h.mux.Handle("/alerts/{id}/decision", only(post, h.auth(h.decide)))
	h.mux.Handle("/", h.auth(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, http.StatusNotFound)
	}))
}

// ServeHTTP sets the security headers every answer carries, refuses cross
// origin writes, and turns a panic into a friendly 500.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")

	rw := &trackingWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.log.Error("panic serving page", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if !rw.wrote {
				h.fail(rw, r, http.StatusInternalServerError)
			}
		}
	}()
	if err := h.cop.Check(r); err != nil {
		h.fail(rw, r, http.StatusForbidden)
		return
	}
	h.mux.ServeHTTP(rw, r)
}

// trackingWriter records whether a header was written, so that a panic
// after the page began is not answered twice.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(p)
}

func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// only serves h for the given methods and answers others with a friendly
// 405.
func only(methods []string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h.ServeHTTP(w, r)
				return
			}
		}
		methodNotAllowed(w, r, methods)
	})
}

func (h *handler) byMethod(m map[string]http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f, ok := m[r.Method]; ok {
			f(w, r)
			return
		}
		var allowed []string
		for _, k := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
			if _, ok := m[k]; ok {
				allowed = append(allowed, k)
			}
		}
		methodNotAllowed(w, r, allowed)
	})
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, allowed []string) {
	for i, m := range allowed {
		if i == 0 {
			w.Header().Set("Allow", m)
		} else {
			w.Header().Add("Allow", m)
		}
	}
	renderError(w, r, http.StatusMethodNotAllowed, sessionFrom(r.Context()), "", "")
}

// fail answers with the friendly page for status, showing the signed-in
// header when the request has a session.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int) {
	renderError(w, r, status, sessionFrom(r.Context()), "", "")
}

// failWith is fail with this package's own wording.
func (h *handler) failWith(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	renderError(w, r, status, sessionFrom(r.Context()), heading, message)
}

// snapshot returns the snapshot in service, or answers 503 and returns
// nil while the lists load.
func (h *handler) snapshot(w http.ResponseWriter, r *http.Request) *dataset.Snapshot {
	s := h.b.Snapshot()
	if s == nil {
		w.Header().Set("Retry-After", "10")
		h.failWith(w, r, http.StatusServiceUnavailable, "The lists are loading",
			"The sanctions lists are being loaded and indexed. This takes a minute or so after the service starts; reload this page shortly.")
	}
	return s
}

// isClientGone reports an error caused by the client leaving.
func isClientGone(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}
