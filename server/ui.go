package server

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

// auditWeb is the audit route of a screening asked for in the browser.
const auditWeb = "POST /search (web)"

// errNotReady is what the web UI is told while the store is not open.
var errNotReady = errors.New("server: the store is not open yet")

// Backend is the server as the web UI sees it (web.Backend): the snapshot
// in service, key lookups through the same cache as the API, and
// screening with the API's audit, rate limit and revocation checks.
type Backend struct{ s *Server }

// Snapshot returns the snapshot in service, or nil while loading.
func (b Backend) Snapshot() *dataset.Snapshot { return b.s.holder.Current() }

// LookupKey finds the key of a secret: store.ErrNotFound, or
// store.ErrRevoked.
func (b Backend) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	be := b.s.backend.Load()
	if be == nil {
		return interdict.APIKey{}, errNotReady
	}
	return b.s.keys.lookup(ctx, be.st, secret, b.s.now())
}

// CheckKey tells the web UI whether a signed-in key may still be used:
// store.ErrRevoked (wrapped) once the key is revoked or may no longer
// screen. Revocation is read from the store's list of keys, refreshed as
// often as key lookups are, so a browser session is refused within the
// same time as an API client.
func (b Backend) CheckKey(ctx context.Context, key interdict.APIKey) error {
	s := b.s
	be := s.backend.Load()
	if be == nil {
		return errNotReady
	}
	revoked, err := s.revoked.check(ctx, be.st, key.ID, s.now())
	if err != nil {
		return err
	}
	if revoked || !key.Role.Allows(interdict.RoleScreener) {
		return fmt.Errorf("server: key %s may not be used: %w", key.ID, store.ErrRevoked)
	}
	return nil
}

// Screen screens q for key against the snapshot in service, with
// explanations, and records the decision before returning it. A browser
// session holds the key it signed in with, not its secret, so revocation
// is checked here against the store's list of keys (refreshed as often as
// key lookups are); the key is rate-limited like an API client. A query
// the screener cannot take is reported as screen.ErrBadQuery.
func (b Backend) Screen(ctx context.Context, key interdict.APIKey, q *interdict.Query) ([]interdict.Match, string, error) {
	s := b.s
	snap, be, err := s.ready()
	if err != nil {
		return nil, "", err
	}
	revoked, err := s.revoked.check(ctx, be.st, key.ID, s.now())
	if err != nil {
		return nil, "", err
	}
	if revoked || !key.Role.Allows(interdict.RoleScreener) {
		return nil, "", fmt.Errorf("server: key %s may not screen: %w", key.ID, store.ErrRevoked)
	}
	if ok, _ := s.limits.take(key, 1, s.now()); !ok {
		return nil, "", errors.New("server: rate limited")
	}
	p := parsed{q: *q, explain: true}
	if err := validate(&p.q); err != nil {
		return nil, "", fmt.Errorf("%w: %s", screen.ErrBadQuery, asError(err).Message)
	}
	res, err := s.screen(ctx, key, be, auditWeb, snap, &p)
	if err != nil {
		if e := asError(err); e.Code == CodeBadRequest {
			return nil, "", fmt.Errorf("%w: %s", screen.ErrBadQuery, e.Message)
		}
		return nil, "", err
	}
	return res.Matches, res.Snapshot, nil
}

// revokedKeys remembers which keys are revoked, read from the store at
// most once per ttl.
type revokedKeys struct {
	ttl     time.Duration
	mu      sync.Mutex
	ids     map[string]bool
	expires time.Time
}

func (r *revokedKeys) check(ctx context.Context, st store.Store, id string, now time.Time) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ids == nil || !now.Before(r.expires) {
		keys, err := st.ListKeys(ctx)
		if err != nil {
			return false, err
		}
		r.ids = map[string]bool{}
		for _, k := range keys {
			if k.Revoked != nil {
				r.ids[k.ID] = true
			}
		}
		r.expires = now.Add(r.ttl)
	}
	return r.ids[id], nil
}
