package server

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// fakeStore is an in-memory store.Store for the unit tests. Its failure
// hooks let a test break the audit trail or the key table.
type fakeStore struct {
	mu      sync.Mutex
	keys    map[string]*interdict.APIKey // by secret
	audit   []interdict.AuditRecord
	lookups int
	// appendErr and lookupErr, when set, are returned by AppendAudit and
	// LookupKey.
	appendErr, lookupErr error
	// appendHook, when set, runs at the start of AppendAudit, outside the
	// lock (a test blocks commits with it).
	appendHook func()
	closed     bool
}

var _ store.Store = (*fakeStore)(nil)

func newFakeStore() *fakeStore { return &fakeStore{keys: map[string]*interdict.APIKey{}} }

func (f *fakeStore) AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error {
	f.mu.Lock()
	hook := f.appendHook
	f.mu.Unlock()
	if hook != nil {
		hook()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.appendErr != nil {
		return f.appendErr
	}
	for _, r := range recs {
		if err := store.CheckAudit(r); err != nil {
			return err
		}
	}
	for _, r := range recs {
		r.ID = int64(len(f.audit) + 1)
		f.audit = append(f.audit, *r)
	}
	return nil
}

func (f *fakeStore) ListAudit(ctx context.Context, flt interdict.AuditFilter) ([]interdict.AuditRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []interdict.AuditRecord
	for _, r := range f.audit {
		switch {
		case r.ID <= flt.AfterID,
			!flt.From.IsZero() && r.At.Before(flt.From),
			!flt.To.IsZero() && !r.At.Before(flt.To),
			flt.User != "" && r.User != flt.User,
			flt.Decision != "" && r.Decision != flt.Decision:
			continue
		}
		out = append(out, r)
		if flt.Limit > 0 && len(out) == flt.Limit {
			break
		}
	}
	return out, nil
}

func (f *fakeStore) CountAudit(ctx context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return int64(len(f.audit)), nil
}

func (f *fakeStore) CreateKey(ctx context.Context, name string, role interdict.Role) (interdict.APIKey, string, error) {
	if err := store.CheckKey(name, role); err != nil {
		return interdict.APIKey{}, "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	k := &interdict.APIKey{ID: fmt.Sprintf("k_%d", len(f.keys)+1), Name: name, Role: role, Created: time.Now().UTC()}
	secret := store.NewSecret()
	f.keys[secret] = k
	return *k, secret, nil
}

func (f *fakeStore) ListKeys(ctx context.Context) ([]interdict.APIKey, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []interdict.APIKey
	for _, k := range f.keys {
		out = append(out, *k)
	}
	slices.SortFunc(out, func(a, b interdict.APIKey) int { return a.Created.Compare(b.Created) })
	return out, nil
}

func (f *fakeStore) find(id string) *interdict.APIKey {
	for _, k := range f.keys {
		if k.ID == id {
			return k
		}
	}
	return nil
}

func (f *fakeStore) RevokeKey(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := f.find(id)
	if k == nil {
		return store.ErrNotFound
	}
	if k.Revoked != nil {
		return store.ErrRevoked
	}
	now := time.Now().UTC()
	k.Revoked = &now
	return nil
}

func (f *fakeStore) SetKeyRate(ctx context.Context, id string, perMinute int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := f.find(id)
	if k == nil {
		return store.ErrNotFound
	}
	k.RatePerMinute = perMinute
	return nil
}

func (f *fakeStore) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	if f.lookupErr != nil {
		return interdict.APIKey{}, f.lookupErr
	}
	k := f.keys[secret]
	if k == nil {
		return interdict.APIKey{}, store.ErrNotFound
	}
	if k.Revoked != nil {
		return *k, store.ErrRevoked
	}
	return *k, nil
}

func (f *fakeStore) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return nil
}

func (f *fakeStore) records() []interdict.AuditRecord {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.audit)
}

func (f *fakeStore) set(fn func(f *fakeStore)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}
