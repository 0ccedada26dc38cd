package server

import (
	"context"
	"crypto/sha256"
	"errors"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// maxKeyBytes bounds a bearer token; keys are far shorter, and a longer
// one is refused before the store is asked.
const maxKeyBytes = 256

// keyCache remembers key lookups for ttl, so that a screening request does
// not cost a store query; a revoked key is refused at most ttl after its
// revocation. Unknown and revoked keys are remembered too, so that a
// client retrying a bad key does not reach the store either.
type keyCache struct {
	ttl time.Duration
	// max bounds the entries; past it, expired entries are dropped, and if
	// that is not enough, all of them (a flood of random keys must not
	// grow memory).
	max int

	mu sync.RWMutex
	m  map[[sha256.Size]byte]cachedKey
}

type cachedKey struct {
	key     interdict.APIKey
	err     error // nil, store.ErrNotFound or store.ErrRevoked
	expires time.Time
}

func newKeyCache(ttl time.Duration) *keyCache {
	return &keyCache{ttl: ttl, max: 10000, m: map[[sha256.Size]byte]cachedKey{}}
}

// lookup finds the key of secret, from the cache or the store. The map is
// keyed by the secret's hash so that secrets do not linger in memory.
func (c *keyCache) lookup(ctx context.Context, st store.Store, secret string, now time.Time) (interdict.APIKey, error) {
	h := sha256.Sum256([]byte(secret))
	c.mu.RLock()
	e, ok := c.m[h]
	c.mu.RUnlock()
	if ok && now.Before(e.expires) {
		return e.key, e.err
	}
	key, err := st.LookupKey(ctx, secret)
	switch {
	case err == nil && key.Revoked != nil:
		err = store.ErrRevoked
	case err != nil && !errors.Is(err, store.ErrNotFound) && !errors.Is(err, store.ErrRevoked):
		return key, err // a store failure is not remembered
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		for k, v := range c.m {
			if !now.Before(v.expires) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max {
			clear(c.m)
		}
	}
	c.m[h] = cachedKey{key: key, err: err, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return key, err
}

// limiters are the per-key token buckets.
type limiters struct {
	perSecond float64 // the default for keys without their own rate; 0: none
	mu        sync.Mutex
	m         map[string]*rate.Limiter
}

func newLimiters(perSecond float64) *limiters {
	return &limiters{perSecond: perSecond, m: map[string]*rate.Limiter{}}
}

// take takes n tokens from the key's bucket. When there are not enough,
// it takes none and says how long to wait before retrying. A key's own
// RatePerMinute overrides the default.
func (l *limiters) take(key interdict.APIKey, n int, now time.Time) (ok bool, retry time.Duration) {
	perSecond := l.perSecond
	if key.RatePerMinute > 0 {
		perSecond = float64(key.RatePerMinute) / 60
	}
	if perSecond <= 0 {
		return true, 0
	}
	// The bucket holds one second of requests (at least one), so a
	// client may burst briefly but not sustain more than its rate.
	burst := max(1, int(math.Ceil(perSecond)))
	l.mu.Lock()
	lim := l.m[key.ID]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(perSecond), burst)
		l.m[key.ID] = lim
	} else if lim.Limit() != rate.Limit(perSecond) {
		lim.SetLimitAt(now, rate.Limit(perSecond))
		lim.SetBurstAt(now, burst)
	}
	l.mu.Unlock()
	n = min(n, burst) // a batch larger than the bucket waits for a full one
	r := lim.ReserveN(now, n)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// bearer returns the key sent as "Authorization: Bearer KEY".
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, key, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	key = strings.TrimSpace(key)
	return key, key != "" && len(key) <= maxKeyBytes
}

// authorize checks the request's key, its role and its rate, taking one
// token.
func (s *Server) authorize(r *http.Request, c *call, need interdict.Role) error {
	secret, ok := bearer(r)
	if !ok {
		return errorf(CodeUnauthorized, "an API key is required: send it as \"Authorization: Bearer KEY\"")
	}
	key, err := s.keys.lookup(r.Context(), c.b.st, secret, s.now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errorf(CodeUnauthorized, "unknown API key")
	case errors.Is(err, store.ErrRevoked):
		return errorf(CodeForbidden, "this API key has been revoked")
	case err != nil:
		return errInternal(err)
	}
	if !key.Role.Allows(need) {
		return errorf(CodeForbidden, "this route needs the %s role; the key %q has the role %s", need, key.Name, key.Role)
	}
	c.key = key
	return s.takeTokens(c, 1)
}

// takeTokens charges n requests to the call's key.
func (s *Server) takeTokens(c *call, n int) error {
	if ok, retry := s.limits.take(c.key, n, s.now()); !ok {
		return &Error{Code: CodeRateLimited, Message: "too many requests for this API key; retry later", RetryAfter: retry}
	}
	return nil
}
