// Package store keeps what Interdict must not lose: the audit trail of
// screening decisions and the API keys (and, later, cases, monitored
// parties and list versions). One interface, two engines: store/sqlite
// (embedded, the default) and store/postgres (several instances).
package store

import (
	"context"
	"errors"

	interdict "github.com/interdict/interdict"
)

// Errors the engines return (wrapped).
var (
	ErrNotFound = errors.New("not found")
	ErrRevoked  = errors.New("key revoked")
	// ErrInvalid marks a request the store refuses before touching the
	// database: an unknown role, an audit record without a time, a
	// decision other than "alert" or "clear".
	ErrInvalid = errors.New("invalid")
)

// Store is the persistence every engine provides. Implementations are
// safe for concurrent use.
type Store interface {
	// AppendAudit writes records durably (committed and synced) before it
	// returns; the records get their IDs, ascending in slice order. The
	// batch is one transaction: on error none is written and every ID
	// stays 0. Each record must pass CheckAudit (ErrInvalid otherwise).
	AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error
	// ListAudit returns the records matching f in ascending ID order, from
	// the first ID above f.AfterID (keyset pagination: pass the last ID of
	// one page to get the next). From is inclusive, To exclusive; Limit 0
	// means no limit. Times come back in UTC, to the microsecond at least.
	ListAudit(ctx context.Context, f interdict.AuditFilter) ([]interdict.AuditRecord, error)
	CountAudit(ctx context.Context) (int64, error)

	// CreateKey makes a key and returns it with its secret, which is shown
	// once and stored only as a hash.
	CreateKey(ctx context.Context, name string, role interdict.Role) (interdict.APIKey, string, error)
	// ListKeys returns every key, revoked ones included, oldest first.
	ListKeys(ctx context.Context) ([]interdict.APIKey, error)
	// RevokeKey revokes a key for good: ErrNotFound for an unknown id,
	// ErrRevoked (keeping the first revocation time) for a revoked one.
	RevokeKey(ctx context.Context, id string) error
	// SetKeyRate sets a key's requests per minute (0: the server
	// default): ErrNotFound for an unknown id.
	SetKeyRate(ctx context.Context, id string, perMinute int) error
	// LookupKey finds the key of a secret: ErrNotFound, or ErrRevoked
	// (with the key, so that the refusal can name it).
	LookupKey(ctx context.Context, secret string) (interdict.APIKey, error)

	Close() error
}
