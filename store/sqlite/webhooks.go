package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const webhookColumns = "id, name, url, secret, active, created"

// CreateWebhook stores a webhook.
func (db *DB) CreateWebhook(ctx context.Context, w interdict.Webhook) (interdict.Webhook, error) {
	if err := store.CheckWebhook(&w); err != nil {
		return interdict.Webhook{}, fmt.Errorf("sqlite: create webhook: %w", err)
	}
	w.Created = fromNanos(nanos(w.Created))
	res, err := db.w.ExecContext(ctx, "INSERT INTO webhooks (name, url, secret, active, created) VALUES (?, ?, ?, ?, ?)",
		w.Name, w.URL, w.Secret, boolInt(w.Active), nanos(w.Created))
	if err != nil {
		return interdict.Webhook{}, fmt.Errorf("sqlite: create webhook: %w", err)
	}
	if w.ID, err = res.LastInsertId(); err != nil {
		return interdict.Webhook{}, fmt.Errorf("sqlite: create webhook: %w", err)
	}
	return w, nil
}

// GetWebhook returns one webhook with its secret.
func (db *DB) GetWebhook(ctx context.Context, id int64) (interdict.Webhook, error) {
	w, err := scanWebhook(db.r.QueryRowContext(ctx, "SELECT "+webhookColumns+" FROM webhooks WHERE id = ?", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return w, fmt.Errorf("sqlite: webhook %d: %w", id, store.ErrNotFound)
	case err != nil:
		return w, fmt.Errorf("sqlite: webhook %d: %w", id, err)
	}
	return w, nil
}

// ListWebhooks returns every webhook in id order.
func (db *DB) ListWebhooks(ctx context.Context) ([]interdict.Webhook, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+webhookColumns+" FROM webhooks ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqlite: list webhooks: %w", err)
	}
	defer rows.Close()
	var out []interdict.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list webhooks: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list webhooks: %w", err)
	}
	return out, nil
}

// SetWebhookActive turns a webhook on or off.
func (db *DB) SetWebhookActive(ctx context.Context, id int64, active bool) error {
	res, err := db.w.ExecContext(ctx, "UPDATE webhooks SET active = ? WHERE id = ?", boolInt(active), id)
	if err != nil {
		return fmt.Errorf("sqlite: webhook %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: webhook %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: webhook %d: %w", id, store.ErrNotFound)
	}
	return nil
}

const deliveryColumns = `d.id, d.webhook_id, d.alert_id, d.key, d.event, d.state, d.attempts, d.created, d.next_attempt,
	d.lease_until, d.lease_token, d.last_status, d.last_error, d.done`

// ClaimDeliveries leases due deliveries. The select and the lease are one
// write transaction, so two workers (in one process or several) never
// claim one delivery at once.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]interdict.Delivery, error) {
	if limit <= 0 || lease <= 0 || !validTime(now) {
		return nil, fmt.Errorf("sqlite: claim deliveries: limit %d, lease %v, now %v: %w", limit, lease, now, store.ErrInvalid)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
	}
	defer tx.Rollback()
	t := nanos(now)
	rows, err := tx.QueryContext(ctx, "SELECT "+deliveryColumns+` FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
		WHERE d.state = 'pending' AND w.active = 1 AND d.next_attempt <= ? AND d.lease_until <= ?
		ORDER BY d.next_attempt, d.id LIMIT ?`, t, t, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
	}
	var out []interdict.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
	}
	until := fromNanos(nanos(now.Add(lease)))
	for i := range out {
		out[i].LeaseUntil, out[i].LeaseToken = until, newToken()
		if _, err := tx.ExecContext(ctx, "UPDATE deliveries SET lease_until = ?, lease_token = ? WHERE id = ?",
			nanos(until), out[i].LeaseToken, out[i].ID); err != nil {
			return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: commit: %w", err)
	}
	return out, nil
}

func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// FinishAttempt records one attempt of a claimed delivery.
func (db *DB) FinishAttempt(ctx context.Context, id int64, token string, att interdict.DeliveryAttempt) error {
	if !validTime(att.At) {
		return fmt.Errorf("sqlite: delivery %d: attempt time %v: %w", id, att.At, store.ErrInvalid)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: delivery %d: %w", id, err)
	}
	defer tx.Rollback()
	var state, leaseToken string
	err = tx.QueryRowContext(ctx, "SELECT state, lease_token FROM deliveries WHERE id = ?", id).Scan(&state, &leaseToken)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: delivery %d: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("sqlite: delivery %d: %w", id, err)
	}
	switch {
	case att.OK && state == string(interdict.DeliveryDelivered):
		return nil
	case att.OK:
		_, err = tx.ExecContext(ctx, `UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, done = ?,
			lease_until = 0, lease_token = '' WHERE id = ?`, nanos(att.At), id)
	case state != string(interdict.DeliveryPending) || token == "" || leaseToken != token:
		return fmt.Errorf("sqlite: delivery %d: %s, lease not held: %w", id, state, store.ErrConflict)
	case att.Next.IsZero():
		_, err = tx.ExecContext(ctx, `UPDATE deliveries SET state = 'dead', attempts = attempts + 1, done = ?,
			last_status = ?, last_error = ?, lease_until = 0, lease_token = '' WHERE id = ?`,
			nanos(att.At), att.Status, att.Error, id)
	default:
		_, err = tx.ExecContext(ctx, `UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?,
			last_status = ?, last_error = ?, lease_until = 0, lease_token = '' WHERE id = ?`,
			nanos(att.Next), att.Status, att.Error, id)
	}
	if err != nil {
		return fmt.Errorf("sqlite: delivery %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: delivery %d: commit: %w", id, err)
	}
	return nil
}

// ListDeliveries returns the deliveries f selects in ascending id order.
func (db *DB) ListDeliveries(ctx context.Context, f interdict.DeliveryFilter) ([]interdict.Delivery, error) {
	where := []string{"d.id > ?"}
	args := []any{f.AfterID}
	if f.State != "" {
		where = append(where, "d.state = ?")
		args = append(args, string(f.State))
	}
	if f.WebhookID != 0 {
		where = append(where, "d.webhook_id = ?")
		args = append(args, f.WebhookID)
	}
	if f.AlertID != 0 {
		where = append(where, "d.alert_id = ?")
		args = append(args, f.AlertID)
	}
	q := "SELECT " + deliveryColumns + " FROM deliveries d WHERE " + strings.Join(where, " AND ") + " ORDER BY d.id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list deliveries: %w", err)
	}
	defer rows.Close()
	var out []interdict.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list deliveries: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list deliveries: %w", err)
	}
	return out, nil
}

// RequeueDelivery gives a dead delivery a new round of attempts.
func (db *DB) RequeueDelivery(ctx context.Context, id int64, at time.Time) error {
	if !validTime(at) {
		return fmt.Errorf("sqlite: requeue delivery %d: time %v: %w", id, at, store.ErrInvalid)
	}
	res, err := db.w.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt = ?, done = 0,
		lease_until = 0, lease_token = '' WHERE id = ? AND state = 'dead'`, nanos(at), id)
	if err != nil {
		return fmt.Errorf("sqlite: requeue delivery %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: requeue delivery %d: %w", id, err)
	} else if n == 1 {
		return nil
	}
	var state string
	err = db.w.QueryRowContext(ctx, "SELECT state FROM deliveries WHERE id = ?", id).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: requeue delivery %d: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("sqlite: requeue delivery %d: %w", id, err)
	}
	return fmt.Errorf("sqlite: requeue delivery %d: it is %s, not dead: %w", id, state, store.ErrConflict)
}

func scanWebhook(s interface{ Scan(...any) error }) (interdict.Webhook, error) {
	var (
		w       interdict.Webhook
		active  int
		created int64
	)
	if err := s.Scan(&w.ID, &w.Name, &w.URL, &w.Secret, &active, &created); err != nil {
		return w, err
	}
	w.Active, w.Created = active == 1, fromNanos(created)
	return w, nil
}

func scanDelivery(s interface{ Scan(...any) error }) (interdict.Delivery, error) {
	var (
		d                               interdict.Delivery
		state                           string
		created, next, leaseUntil, done int64
	)
	if err := s.Scan(&d.ID, &d.WebhookID, &d.AlertID, &d.Key, &d.Event, &state, &d.Attempts, &created, &next,
		&leaseUntil, &d.LeaseToken, &d.LastStatus, &d.LastError, &done); err != nil {
		return d, err
	}
	d.State, d.Created, d.NextAttempt = interdict.DeliveryState(state), fromNanos(created), fromNanos(next)
	if leaseUntil != 0 {
		d.LeaseUntil = fromNanos(leaseUntil)
	}
	if done != 0 {
		d.Done = fromNanos(done)
	}
	return d, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
