package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// maxSessions bounds the session table; only a valid key can add to it,
// and expired sessions are swept before it is declared full.
const maxSessions = 100_000

// session is one signed-in browser. It holds what the key is (id, name,
// role), never the key's secret.
type session struct {
	key     interdict.APIKey
	csrf    string
	expires time.Time

	// results are the session's latest screenings, kept so that the
	// result page is a plain GET (Post/Redirect/Get): the back button and
	// a reload show it again without screening (and auditing) again, and
	// its address carries an opaque id, never the screened name.
	mu      sync.Mutex
	results map[string]*searchView
	order   []string
}

// maxResults is how many screenings a session keeps for redisplay.
const maxResults = 20

// keep stores a screening and returns its id.
func (s *session) keep(v *searchView) string {
	id := randomToken()[:22]
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.results == nil {
		s.results = map[string]*searchView{}
	}
	s.results[id] = v
	s.order = append(s.order, id)
	if len(s.order) > maxResults {
		delete(s.results, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

// result returns a kept screening, or nil.
func (s *session) result(id string) *searchView {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.results[id]
}

// sessions maps the SHA-256 of a session id to its session. Hashing the
// id means the table's keys are no use to anyone who reads memory or
// times the map lookup.
type sessions struct {
	mu        sync.Mutex
	m         map[[32]byte]*session
	now       func() time.Time
	ttl       time.Duration
	lastSweep time.Time
}

func newSessions(now func() time.Time, ttl time.Duration) *sessions {
	return &sessions{m: map[[32]byte]*session{}, now: now, ttl: ttl}
}

var errTooManySessions = errors.New("web: session table full")

// create starts a session for key and returns its id (for the cookie).
func (s *sessions) create(key interdict.APIKey) (string, *session, error) {
	id := randomToken()
	sess := &session{key: key, csrf: randomToken(), expires: s.now().Add(s.ttl)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if now := s.now(); len(s.m) >= maxSessions || now.Sub(s.lastSweep) > time.Minute {
		s.lastSweep = now
		s.sweepLocked()
		if len(s.m) >= maxSessions {
			return "", nil, errTooManySessions
		}
	}
	s.m[sha256.Sum256([]byte(id))] = sess
	return id, sess, nil
}

// get returns the live session of id, dropping it when expired.
func (s *sessions) get(id string) *session {
	if id == "" {
		return nil
	}
	k := sha256.Sum256([]byte(id))
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.m[k]
	if sess == nil {
		return nil
	}
	if !s.now().Before(sess.expires) {
		delete(s.m, k)
		return nil
	}
	return sess
}

func (s *sessions) remove(id string) {
	k := sha256.Sum256([]byte(id))
	s.mu.Lock()
	delete(s.m, k)
	s.mu.Unlock()
}

func (s *sessions) sweepLocked() {
	now := s.now()
	for k, v := range s.m {
		if !now.Before(v.expires) {
			delete(s.m, k)
		}
	}
}

// randomToken is 256 random bits, URL-safe.
func randomToken() string {
	var b [32]byte
	rand.Read(b[:]) // crypto/rand.Read never fails (it crashes the program instead)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// sameToken compares two tokens in constant time; empty never matches.
func sameToken(a, b string) bool {
	return a != "" && b != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Cookie names. With Secure set, the "__Host-" prefix makes the browser
// refuse the cookie unless it is Secure, host-only and Path=/, so a
// sibling subdomain cannot plant or shadow it.
func (h *handler) sessionCookie() string {
	if h.opts.Secure {
		return "__Host-interdict_session"
	}
	return "interdict_session"
}

func (h *handler) signinCookie() string {
	if h.opts.Secure {
		return "__Host-interdict_signin"
	}
	return "interdict_signin"
}

func (h *handler) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   h.opts.Secure,
		SameSite: http.SameSiteStrictMode,
	})
}

type ctxKey struct{}

func sessionFrom(ctx context.Context) *session {
	s, _ := ctx.Value(ctxKey{}).(*session)
	return s
}

// current returns the request's live session, or nil.
func (h *handler) current(r *http.Request) (string, *session) {
	c, err := r.Cookie(h.sessionCookie())
	if err != nil {
		return "", nil
	}
	return c.Value, h.sessions.get(c.Value)
}

// auth serves next only with a live session whose key is still valid.
// Without a session, a page request is sent to the sign-in form (which
// brings the reader back afterwards); a form post is sent there too, with
// a note that the session ended. A session whose key has been revoked is
// ended and refused on every page, not only when it screens: the session
// holds no secret, so the backend is asked about the key's id on each
// request (it answers from a cache as fresh as the API's key cache). Every
// POST must carry the session's CSRF token.
func (h *handler) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, sess := h.current(r)
		if sess != nil && !h.keyValid(w, r, id, sess) {
			return
		}
		if sess == nil {
			target := "/signin"
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				if p := r.URL.RequestURI(); p != "/" && safeNext(p) {
					target += "?next=" + url.QueryEscape(p)
				}
			} else {
				target += "?m=expired"
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess))
		if r.Method == http.MethodPost {
			if !h.parseForm(w, r) {
				return
			}
			if !sameToken(r.PostForm.Get("csrf"), sess.csrf) {
				h.fail(w, r, http.StatusForbidden)
				return
			}
		}
		next(w, r)
	}
}

// keyValid asks the backend whether the session's key may still be used.
// When it may not, it ends the session and answers: a sign-out goes to the
// signed-out page as asked, any other request is refused with 403. When
// the backend cannot tell, the request is refused with 503 and the
// session kept: a page is never shown on a key that could not be checked.
func (h *handler) keyValid(w http.ResponseWriter, r *http.Request, id string, sess *session) bool {
	err := h.b.CheckKey(r.Context(), sess.key)
	switch {
	case err == nil:
		return true
	case errors.Is(err, store.ErrRevoked):
		h.sessions.remove(id)
		h.setCookie(w, h.sessionCookie(), "", -1)
		if r.URL.Path == "/signout" {
			http.Redirect(w, r, "/signin?m=signedout", http.StatusSeeOther)
			return false
		}
		renderError(w, r, http.StatusForbidden, nil, "Your key is no longer valid",
			"The key you signed in with has been revoked, so this page is not shown. Sign in with a current key.")
	case isClientGone(r.Context(), err):
	default:
		h.log.Error("session: key check failed", "key", sess.key.ID, "err", err)
		h.fail(w, r, http.StatusServiceUnavailable)
	}
	return false
}

// parseForm reads a bounded form body, answering 413 or 400 itself.
func (h *handler) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.fail(w, r, http.StatusRequestEntityTooLarge)
		} else {
			h.fail(w, r, http.StatusBadRequest)
		}
		return false
	}
	return true
}

// safeNext accepts only a path on this site as a place to return to after
// signing in: no scheme, no host, no "//" or "\" tricks.
func safeNext(p string) bool {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n\t") {
		return false
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return false
	}
	return !strings.HasPrefix(u.Path, "/signin") && !strings.HasPrefix(u.Path, "/signout") && !strings.HasPrefix(u.Path, "/static/")
}
