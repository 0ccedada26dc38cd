// Package store keeps what Interdict must not lose: the audit trail of
// screening decisions, the API keys, alerts and their case histories,
// monitored parties, and webhooks with their delivery outbox. One
// interface, two engines: store/sqlite (embedded, the default) and
// store/postgres (several instances).
package store

import (
	"context"
	"errors"
	"time"

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
	// ErrConflict marks a write that lost a race: a decision on an alert
	// whose version moved on, a delivery whose lease another worker took.
	// Nothing was written.
	ErrConflict = errors.New("conflict")
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

	// Cases. Rules (who may decide what) live in package cases; the store
	// keeps alerts unique per active pair and histories append-only, and
	// applies each change atomically.

	// OpenAlert opens a unless its pair (a.Party, a.EntityID) is covered:
	//   - an active alert (open or pending-*) of the pair exists: it is
	//     returned with opened false and nothing is written;
	//   - else, the pair's latest alert (largest id) is decided (confirmed
	//     or dismissed) and its Fingerprint equals a.Fingerprint: it is
	//     returned with opened false (suppressed: the listed entity has
	//     not changed since the decision);
	//   - else a new alert is written with State open, Version 1, Updated =
	//     Opened, together with, in the same transaction, one event
	//     (Kind opened, State open, At a.Opened, KeyID/Actor/Reason from
	//     ev; ev's other fields are ignored) and one pending delivery per
	//     active webhook (Key interdict.DeliveryKey, Event alert.opened,
	//     Attempts 0, Created = NextAttempt = a.Opened). It is returned
	//     with its ID and opened true.
	// a must pass CheckAlert (ErrInvalid; a.ID, State, Version and
	// Updated are ignored). Concurrent calls for one pair, from any
	// number of processes sharing the database, open at most one alert:
	// the engine keeps a unique index on the active alert of a pair, and
	// the call that loses returns the winner's alert with opened false.
	OpenAlert(ctx context.Context, a interdict.Alert, ev interdict.CaseEvent) (alert interdict.Alert, opened bool, err error)
	// GetAlert returns an alert and its history, events in ascending id
	// (and so time) order. ErrNotFound for an unknown id.
	GetAlert(ctx context.Context, id int64) (interdict.Alert, []interdict.CaseEvent, error)
	// ListAlerts returns the alerts matching f in ascending id order
	// (keyset pagination on AfterID). States match any of the listed.
	ListAlerts(ctx context.Context, f interdict.AlertFilter) ([]interdict.Alert, error)
	// CountAlerts counts the alerts in each state; states without any
	// are absent from the map.
	CountAlerts(ctx context.Context) (map[interdict.AlertState]int64, error)
	// TransitionAlert moves alert id, read at version, to ev.State and
	// appends ev to its history (the store sets ev.ID and ev.AlertID);
	// the alert's Version becomes version+1 and Updated ev.At. It
	// returns the alert after the change. ErrNotFound for an unknown id;
	// ErrConflict, writing nothing, when the alert is no longer at
	// version (another decision came first) or when the move would make
	// a second active alert of its pair; ErrInvalid when ev has no Kind
	// or At, or ev.State is not a valid state. Whether the move is
	// allowed is for package cases to judge, on the alert it read.
	TransitionAlert(ctx context.Context, id, version int64, ev interdict.CaseEvent) (interdict.Alert, error)
	// AddCaseEvent appends ev to alert id's history without changing its
	// state or version (a note, an entity changed or removed); the store
	// sets ev.ID, ev.AlertID and ev.State (the current state) and the
	// alert's Updated becomes ev.At. It returns the event as written.
	// ErrNotFound; ErrInvalid without Kind or At. Not idempotent: two
	// calls append two events.
	AddCaseEvent(ctx context.Context, id int64, ev interdict.CaseEvent) (interdict.CaseEvent, error)

	// Monitoring.

	// PutMonitored registers parties in one transaction (a bulk import is
	// one call): a new ID is inserted with Added = Updated = at; a known
	// ID whose Query differs (compared as JSON) takes the new Query,
	// Updated = at, and loses its last screening (Screened zero,
	// Snapshot "", Nearest 0: it was of another query); a known ID with
	// an equal Query is left as it is. The parties' own Added, Updated,
	// Screened, Snapshot and Nearest are ignored. Within one call the last
	// party of an ID wins. It returns how many IDs were added and how
	// many changed. Every party must pass CheckMonitored (ErrInvalid,
	// nothing written).
	PutMonitored(ctx context.Context, parties []interdict.MonitoredParty, at time.Time) (added, changed int, err error)
	// GetMonitored returns one party; ErrNotFound.
	GetMonitored(ctx context.Context, id string) (interdict.MonitoredParty, error)
	// ListMonitored returns parties in ascending ID order (byte order,
	// "C" collation), from the first ID above after ("" for the start);
	// limit 0 means all.
	ListMonitored(ctx context.Context, after string, limit int) ([]interdict.MonitoredParty, error)
	CountMonitored(ctx context.Context) (int64, error)
	// DeleteMonitored stops watching a party; its alerts stay.
	// ErrNotFound for an unknown ID.
	DeleteMonitored(ctx context.Context, id string) error
	// RecordScreenings stores the latest screening of parties (Screened,
	// Snapshot, Nearest), in one transaction. IDs not registered (deleted
	// meanwhile) are skipped without error. ErrInvalid for a zero At or a
	// Nearest that is not finite.
	RecordScreenings(ctx context.Context, rs []interdict.MonitoredScreening) error

	// Webhooks and their outbox.

	// CreateWebhook stores w (the store sets ID; Created, Name, URL,
	// Secret and Active are kept as given) and returns it. CheckWebhook
	// must pass (ErrInvalid). Alerts opened before it get no deliveries.
	CreateWebhook(ctx context.Context, w interdict.Webhook) (interdict.Webhook, error)
	// GetWebhook returns one webhook with its secret; ErrNotFound.
	GetWebhook(ctx context.Context, id int64) (interdict.Webhook, error)
	// ListWebhooks returns every webhook, inactive ones included, with
	// their secrets, in ascending id order.
	ListWebhooks(ctx context.Context) ([]interdict.Webhook, error)
	// SetWebhookActive turns a webhook on or off. An inactive webhook gets
	// no deliveries for new alerts, and its pending deliveries wait
	// (ClaimDeliveries skips them) until it is on again. ErrNotFound.
	SetWebhookActive(ctx context.Context, id int64, active bool) error
	// ClaimDeliveries leases up to limit due deliveries: pending, of an
	// active webhook, NextAttempt <= now, and not leased (LeaseUntil zero
	// or <= now); earliest NextAttempt first, then lowest id. Each gets
	// LeaseUntil = now+lease and a fresh random LeaseToken, returned in
	// it. While a lease holds, no other call, in any process, claims that
	// delivery. limit must be positive (ErrInvalid).
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]interdict.Delivery, error)
	// FinishAttempt records one attempt of a delivery claimed with token.
	//   - att.OK: the delivery becomes delivered (Attempts+1, Done =
	//     att.At, lease cleared) whatever the token, since the receiver
	//     has it; if it is delivered already, nothing changes and the
	//     call succeeds.
	//   - a failure applies only while the delivery is pending and still
	//     leased with token (else ErrConflict, nothing written): Attempts+1,
	//     LastStatus and LastError set, lease cleared, and NextAttempt =
	//     att.Next, or, when att.Next is zero, State dead and Done =
	//     att.At (a dead letter).
	// ErrNotFound for an unknown id; ErrInvalid for a zero att.At.
	FinishAttempt(ctx context.Context, id int64, token string, att interdict.DeliveryAttempt) error
	// ListDeliveries returns the deliveries matching f in ascending id
	// order; the dead letters are State dead.
	ListDeliveries(ctx context.Context, f interdict.DeliveryFilter) ([]interdict.Delivery, error)
	// RequeueDelivery gives a dead delivery a new round of attempts:
	// pending, Attempts 0, NextAttempt = at, Done cleared (LastStatus and
	// LastError stay until the next attempt). ErrNotFound; ErrConflict
	// when it is not dead.
	RequeueDelivery(ctx context.Context, id int64, at time.Time) error

	Close() error
}
