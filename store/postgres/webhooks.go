package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const webhookColumns = "id, name, url, secret, active, created"

// CreateWebhook stores a webhook.
func (db *DB) CreateWebhook(ctx context.Context, w interdict.Webhook) (interdict.Webhook, error) {
	if err := store.CheckWebhook(&w); err != nil {
		return interdict.Webhook{}, fmt.Errorf("postgres: create webhook: %w", err)
	}
	if err := checkText("webhook", w.Name, w.URL, w.Secret); err != nil {
		return interdict.Webhook{}, fmt.Errorf("postgres: create webhook: %w", err)
	}
	w.Created = micro(w.Created)
	if err := db.pool.QueryRow(ctx, "INSERT INTO webhooks (name, url, secret, active, created) VALUES ($1, $2, $3, $4, $5) RETURNING id",
		w.Name, w.URL, w.Secret, w.Active, w.Created).Scan(&w.ID); err != nil {
		return interdict.Webhook{}, fmt.Errorf("postgres: create webhook: %w", err)
	}
	return w, nil
}

// GetWebhook returns one webhook with its secret.
func (db *DB) GetWebhook(ctx context.Context, id int64) (interdict.Webhook, error) {
	w, err := scanWebhook(db.pool.QueryRow(ctx, "SELECT "+webhookColumns+" FROM webhooks WHERE id = $1", id))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return w, fmt.Errorf("postgres: webhook %d: %w", id, store.ErrNotFound)
	case err != nil:
		return w, fmt.Errorf("postgres: webhook %d: %w", id, err)
	}
	return w, nil
}

// ListWebhooks returns every webhook in id order.
func (db *DB) ListWebhooks(ctx context.Context) ([]interdict.Webhook, error) {
	rows, _ := db.pool.Query(ctx, "SELECT "+webhookColumns+" FROM webhooks ORDER BY id")
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.Webhook, error) { return scanWebhook(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list webhooks: %w", err)
	}
	return out, nil
}

// SetWebhookActive turns a webhook on or off.
func (db *DB) SetWebhookActive(ctx context.Context, id int64, active bool) error {
	tag, err := db.pool.Exec(ctx, "UPDATE webhooks SET active = $1 WHERE id = $2", active, id)
	if err != nil {
		return fmt.Errorf("postgres: webhook %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: webhook %d: %w", id, store.ErrNotFound)
	}
	return nil
}

const deliveryColumns = `d.id, d.webhook_id, d.alert_id, d.key, d.event, d.state, d.attempts, d.created, d.next_attempt,
	d.lease_until, d.lease_token, d.last_status, d.last_error, d.done`

// ClaimDeliveries leases due deliveries in one statement. FOR UPDATE SKIP
// LOCKED lets claimers in several instances run at once without waiting
// on each other's rows; a row another claimer leased and committed
// meanwhile is re-checked against the condition (its lease now holds)
// and left out, so no delivery is claimed twice under one lease.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]interdict.Delivery, error) {
	if limit <= 0 || lease <= 0 || !validTime(now) {
		return nil, fmt.Errorf("postgres: claim deliveries: limit %d, lease %v, now %v: %w", limit, lease, now, store.ErrInvalid)
	}
	now = micro(now)
	until := micro(now.Add(lease))
	// gen_random_uuid (PostgreSQL 13 on) gives each lease a token of 122
	// random bits.
	rows, _ := db.pool.Query(ctx, `WITH due AS (
			SELECT x.id FROM deliveries x JOIN webhooks w ON w.id = x.webhook_id
			WHERE x.state = 'pending' AND w.active AND x.next_attempt <= $1 AND (x.lease_until IS NULL OR x.lease_until <= $1)
			ORDER BY x.next_attempt, x.id LIMIT $3
			FOR UPDATE OF x SKIP LOCKED)
		UPDATE deliveries d SET lease_until = $2, lease_token = replace(gen_random_uuid()::text, '-', '')
		FROM due WHERE d.id = due.id
		RETURNING `+deliveryColumns, now, until, limit)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.Delivery, error) { return scanDelivery(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: claim deliveries: %w", err)
	}
	// RETURNING follows no ORDER BY.
	slices.SortFunc(out, func(a, b interdict.Delivery) int {
		if c := a.NextAttempt.Compare(b.NextAttempt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// FinishAttempt records one attempt of a claimed delivery.
func (db *DB) FinishAttempt(ctx context.Context, id int64, token string, att interdict.DeliveryAttempt) error {
	if !validTime(att.At) {
		return fmt.Errorf("postgres: delivery %d: attempt time %v: %w", id, att.At, store.ErrInvalid)
	}
	if err := checkText("attempt", att.Error); err != nil {
		return fmt.Errorf("postgres: delivery %d: %w", id, err)
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var state, leaseToken string
		err := tx.QueryRow(ctx, "SELECT state, lease_token FROM deliveries WHERE id = $1 FOR UPDATE", id).Scan(&state, &leaseToken)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return store.ErrNotFound
		case err != nil:
			return err
		}
		switch {
		case att.OK && state == string(interdict.DeliveryDelivered):
			return nil
		case att.OK:
			_, err = tx.Exec(ctx, `UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, done = $1,
				lease_until = NULL, lease_token = '' WHERE id = $2`, micro(att.At), id)
		case state != string(interdict.DeliveryPending) || token == "" || leaseToken != token:
			return fmt.Errorf("%s, lease not held: %w", state, store.ErrConflict)
		case att.Next.IsZero():
			_, err = tx.Exec(ctx, `UPDATE deliveries SET state = 'dead', attempts = attempts + 1, done = $1,
				last_status = $2, last_error = $3, lease_until = NULL, lease_token = '' WHERE id = $4`,
				micro(att.At), att.Status, att.Error, id)
		default:
			_, err = tx.Exec(ctx, `UPDATE deliveries SET attempts = attempts + 1, next_attempt = $1,
				last_status = $2, last_error = $3, lease_until = NULL, lease_token = '' WHERE id = $4`,
				micro(att.Next), att.Status, att.Error, id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: delivery %d: %w", id, err)
	}
	return nil
}

// ListDeliveries returns the deliveries f selects in ascending id order.
func (db *DB) ListDeliveries(ctx context.Context, f interdict.DeliveryFilter) ([]interdict.Delivery, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	add("d.id > ?", f.AfterID)
	if f.State != "" {
		add("d.state = ?", string(f.State))
	}
	if f.WebhookID != 0 {
		add("d.webhook_id = ?", f.WebhookID)
	}
	if f.AlertID != 0 {
		add("d.alert_id = ?", f.AlertID)
	}
	q := "SELECT " + deliveryColumns + " FROM deliveries d WHERE " + strings.Join(where, " AND ") + " ORDER BY d.id"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += " LIMIT $" + strconv.Itoa(len(args))
	}
	rows, _ := db.pool.Query(ctx, q, args...)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.Delivery, error) { return scanDelivery(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list deliveries: %w", err)
	}
	return out, nil
}

// RequeueDelivery gives a dead delivery a new round of attempts.
func (db *DB) RequeueDelivery(ctx context.Context, id int64, at time.Time) error {
	if !validTime(at) {
		return fmt.Errorf("postgres: requeue delivery %d: time %v: %w", id, at, store.ErrInvalid)
	}
	tag, err := db.pool.Exec(ctx, `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt = $1, done = NULL,
		lease_until = NULL, lease_token = '' WHERE id = $2 AND state = 'dead'`, micro(at), id)
	if err != nil {
		return fmt.Errorf("postgres: requeue delivery %d: %w", id, err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var state string
	err = db.pool.QueryRow(ctx, "SELECT state FROM deliveries WHERE id = $1", id).Scan(&state)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("postgres: requeue delivery %d: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("postgres: requeue delivery %d: %w", id, err)
	}
	return fmt.Errorf("postgres: requeue delivery %d: it is %s, not dead: %w", id, state, store.ErrConflict)
}

func scanWebhook(s pgx.Row) (interdict.Webhook, error) {
	var w interdict.Webhook
	if err := s.Scan(&w.ID, &w.Name, &w.URL, &w.Secret, &w.Active, &w.Created); err != nil {
		return interdict.Webhook{}, err
	}
	w.Created = utc(w.Created)
	return w, nil
}

func scanDelivery(s pgx.Row) (interdict.Delivery, error) {
	var (
		d                interdict.Delivery
		state            string
		leaseUntil, done *time.Time
	)
	if err := s.Scan(&d.ID, &d.WebhookID, &d.AlertID, &d.Key, &d.Event, &state, &d.Attempts, &d.Created, &d.NextAttempt,
		&leaseUntil, &d.LeaseToken, &d.LastStatus, &d.LastError, &done); err != nil {
		return interdict.Delivery{}, err
	}
	d.State, d.Created, d.NextAttempt = interdict.DeliveryState(state), utc(d.Created), utc(d.NextAttempt)
	if leaseUntil != nil {
		d.LeaseUntil = utc(*leaseUntil)
	}
	if done != nil {
		d.Done = utc(*done)
	}
	return d, nil
}
