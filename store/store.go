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
)

// Store is the persistence every engine provides. Implementations are
// safe for concurrent use.
type Store interface {
	// AppendAudit writes records durably (committed and synced) before it
	// returns; the records get their IDs.
	AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error
	ListAudit(ctx context.Context, f interdict.AuditFilter) ([]interdict.AuditRecord, error)
	CountAudit(ctx context.Context) (int64, error)

	// CreateKey makes a key and returns it with its secret, which is shown
	// once and stored only as a hash.
	CreateKey(ctx context.Context, name string, role interdict.Role) (interdict.APIKey, string, error)
	ListKeys(ctx context.Context) ([]interdict.APIKey, error)
	RevokeKey(ctx context.Context, id string) error
	// LookupKey finds the key of a secret: ErrNotFound, or ErrRevoked.
	LookupKey(ctx context.Context, secret string) (interdict.APIKey, error)

	Close() error
}
