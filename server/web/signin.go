package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// maxKeyBytes bounds what the key field may hold; real keys are far
// shorter.
const maxKeyBytes = 512

// signinTokenAge is how long a sign-in form stays valid (seconds).
const signinTokenAge = 3600

type signinData struct {
	Next    string
	Notice  string // a fixed message chosen by the m parameter
	Problem string // why the last attempt failed
}

var notices = map[string]string{
	"expired":   "Your session ended. Sign in again to continue.",
	"signedout": "You have signed out.",
}

func (h *handler) signInForm(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !safeNext(next) {
		next = ""
	}
	if _, sess := h.current(r); sess != nil {
		if next == "" {
			next = "/"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	token := ""
	if c, err := r.Cookie(h.signinCookie()); err == nil {
		token = c.Value
	}
	h.renderSignin(w, r, http.StatusOK, token, signinData{Next: next, Notice: notices[r.URL.Query().Get("m")]})
}

// renderSignin shows the form with a sign-in CSRF token: the same random
// value in an HttpOnly cookie and in a hidden field, which a page on
// another site can neither read nor set (login CSRF). token is the one the
// browser already holds, kept so that two open forms both work; anything
// but a well-formed token is replaced.
func (h *handler) renderSignin(w http.ResponseWriter, r *http.Request, status int, token string, d signinData) {
	if len(token) != 43 || strings.Trim(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		token = randomToken()
	}
	h.setCookie(w, h.signinCookie(), token, signinTokenAge)
	h.render(w, r, status, "signin", &page{Title: "Sign in", CSRF: token, Data: d})
}

func (h *handler) signIn(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	next := r.PostForm.Get("next")
	if !safeNext(next) {
		next = ""
	}
	c, err := r.Cookie(h.signinCookie())
	if err != nil || !sameToken(r.PostForm.Get("csrf"), c.Value) {
		// Let a stale form be retried: a fresh token comes with the new
		// form, and the key is not kept.
		h.renderSignin(w, r, http.StatusForbidden, "", signinData{Next: next,
			Problem: "The sign-in form had expired or did not come from this site. Enter your key again."})
		return
	}
	secret := strings.TrimSpace(r.PostForm.Get("key"))
	if secret == "" || len(secret) > maxKeyBytes {
		h.renderSignin(w, r, http.StatusBadRequest, c.Value, signinData{Next: next, Problem: "Enter your API key."})
		return
	}
	key, err := h.b.LookupKey(r.Context(), secret)
	switch {
	case err == nil && key.Revoked == nil && key.Role.Allows(interdict.RoleScreener):
	case err == nil, errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrRevoked):
		h.renderSignin(w, r, http.StatusUnauthorized, c.Value, signinData{Next: next,
			Problem: "That key was not accepted. Check it and try again, or ask an administrator for a new one."})
		return
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		return
	default:
		h.log.Error("sign-in: key lookup failed", "err", err)
		h.fail(w, r, http.StatusServiceUnavailable)
		return
	}

	if old, sess := h.current(r); sess != nil {
		h.sessions.remove(old)
	}
	id, _, err := h.sessions.create(key)
	if err != nil {
		h.log.Error("sign-in: no session", "err", err)
		h.fail(w, r, http.StatusServiceUnavailable)
		return
	}
	h.setCookie(w, h.sessionCookie(), id, int(h.opts.SessionTTL.Seconds()))
	h.setCookie(w, h.signinCookie(), "", -1)
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *handler) signOut(w http.ResponseWriter, r *http.Request) {
	if id, _ := h.current(r); id != "" {
		h.sessions.remove(id)
	}
	h.setCookie(w, h.sessionCookie(), "", -1)
	http.Redirect(w, r, "/signin?m=signedout", http.StatusSeeOther)
}
