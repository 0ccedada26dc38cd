package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const alertColumns = `id, party, party_name, query, entity_id, entity_name, source, fingerprint,
	score, matched, snapshot, origin, state, version, opened, updated`

const activeStates = `('open', 'pending-confirm', 'pending-dismiss')`

// OpenAlert opens an alert unless its pair is covered by an active alert
// or suppressed by a decision on the same fingerprint. The writer's
// BEGIN IMMEDIATE holds the database's write lock from the first read, so
// the check and the insert are one step for every process sharing the
// file; the unique index alerts_active backs that up.
func (db *DB) OpenAlert(ctx context.Context, a interdict.Alert, ev interdict.CaseEvent) (interdict.Alert, bool, error) {
	if err := store.CheckAlert(&a); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	q, err := json.Marshal(a.Query)
	if err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	defer tx.Rollback()

	existing, err := scanAlert(tx.QueryRowContext(ctx, "SELECT "+alertColumns+" FROM alerts WHERE party = ? AND entity_id = ? ORDER BY id DESC LIMIT 1", a.Party, a.EntityID))
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	default:
		// The latest alert of a pair is the active one if any is (an
		// active alert is never older than a decided one of its pair:
		// only the latest can be active, as a new one opens only when
		// none is).
		if existing.State.Active() || existing.Fingerprint == a.Fingerprint {
			return existing, false, nil
		}
	}

	a.State, a.Version, a.Updated = interdict.AlertOpen, 1, a.Opened
	a.Opened = fromNanos(nanos(a.Opened))
	a.Updated = a.Opened
	res, err := tx.ExecContext(ctx, `INSERT INTO alerts (party, party_name, query, entity_id, entity_name, source, fingerprint,
		score, matched, snapshot, origin, state, version, opened, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Party, a.PartyName, string(q), a.EntityID, a.EntityName, a.Source, a.Fingerprint,
		a.Score, a.MatchedName, a.Snapshot, a.Origin, string(a.State), a.Version, nanos(a.Opened), nanos(a.Updated))
	if err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	ev = interdict.CaseEvent{At: a.Opened, Kind: interdict.EventOpened, State: interdict.AlertOpen, KeyID: ev.KeyID, Actor: ev.Actor, Reason: ev.Reason}
	if _, err := insertEvent(ctx, tx, a.ID, &ev); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	// The outbox: one delivery per active webhook, in this transaction,
	// so that an alert never exists without its deliveries.
	rows, err := tx.QueryContext(ctx, "SELECT id FROM webhooks WHERE active = 1 ORDER BY id")
	if err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	var hooks []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
		}
		hooks = append(hooks, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: %w", err)
	}
	for _, h := range hooks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deliveries (webhook_id, alert_id, key, event, state, created, next_attempt)
			VALUES (?, ?, ?, ?, 'pending', ?, ?)`, h, a.ID, interdict.DeliveryKey(a.ID, h), interdict.EventAlertOpened,
			nanos(a.Opened), nanos(a.Opened)); err != nil {
			return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: delivery: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("sqlite: open alert: commit: %w", err)
	}
	return a, true, nil
}

func insertEvent(ctx context.Context, tx *sql.Tx, alertID int64, ev *interdict.CaseEvent) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO case_events (alert_id, at, kind, state, key_id, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
		alertID, nanos(ev.At), string(ev.Kind), string(ev.State), ev.KeyID, ev.Actor, ev.Reason)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	ev.ID, ev.AlertID, ev.At = id, alertID, fromNanos(nanos(ev.At))
	return id, nil
}

// GetAlert returns an alert and its history. The two reads share one
// read transaction, so the history matches the alert's state.
func (db *DB) GetAlert(ctx context.Context, id int64) (interdict.Alert, []interdict.CaseEvent, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert: %w", err)
	}
	defer tx.Rollback()
	a, err := scanAlert(tx.QueryRowContext(ctx, "SELECT "+alertColumns+" FROM alerts WHERE id = ?", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert %d: %w", id, store.ErrNotFound)
	case err != nil:
		return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert %d: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, alert_id, at, kind, state, key_id, actor, reason FROM case_events WHERE alert_id = ? ORDER BY id", id)
	if err != nil {
		return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert %d: %w", id, err)
	}
	defer rows.Close()
	var evs []interdict.CaseEvent
	for rows.Next() {
		var (
			ev          interdict.CaseEvent
			at          int64
			kind, state string
		)
		if err := rows.Scan(&ev.ID, &ev.AlertID, &at, &kind, &state, &ev.KeyID, &ev.Actor, &ev.Reason); err != nil {
			return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert %d: %w", id, err)
		}
		ev.At, ev.Kind, ev.State = fromNanos(at), interdict.CaseEventKind(kind), interdict.AlertState(state)
		evs = append(evs, ev)
	}
	if err := rows.Err(); err != nil {
		return interdict.Alert{}, nil, fmt.Errorf("sqlite: get alert %d: %w", id, err)
	}
	return a, evs, nil
}

// ListAlerts returns the alerts f selects in ascending id order.
func (db *DB) ListAlerts(ctx context.Context, f interdict.AlertFilter) ([]interdict.Alert, error) {
	var (
		where []string
		args  []any
	)
	if len(f.States) > 0 {
		ph := make([]string, len(f.States))
		for i, s := range f.States {
			ph[i] = "?"
			args = append(args, string(s))
		}
		where = append(where, "state IN ("+strings.Join(ph, ", ")+")")
	}
	if f.Party != "" {
		where = append(where, "party = ?")
		args = append(args, f.Party)
	}
	if f.EntityID != "" {
		where = append(where, "entity_id = ?")
		args = append(args, f.EntityID)
	}
	where = append(where, "id > ?")
	args = append(args, f.AfterID)
	q := "SELECT " + alertColumns + " FROM alerts WHERE " + strings.Join(where, " AND ") + " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list alerts: %w", err)
	}
	defer rows.Close()
	var out []interdict.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list alerts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list alerts: %w", err)
	}
	return out, nil
}

// CountAlerts counts the alerts in each state.
func (db *DB) CountAlerts(ctx context.Context) (map[interdict.AlertState]int64, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT state, count(*) FROM alerts GROUP BY state")
	if err != nil {
		return nil, fmt.Errorf("sqlite: count alerts: %w", err)
	}
	defer rows.Close()
	out := map[interdict.AlertState]int64{}
	for rows.Next() {
		var (
			s string
			n int64
		)
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("sqlite: count alerts: %w", err)
		}
		out[interdict.AlertState(s)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: count alerts: %w", err)
	}
	return out, nil
}

// TransitionAlert moves an alert from version to ev.State.
func (db *DB) TransitionAlert(ctx context.Context, id, version int64, ev interdict.CaseEvent) (interdict.Alert, error) {
	if err := store.CheckEvent(&ev, true); err != nil {
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	defer tx.Rollback()
	a, err := scanAlert(tx.QueryRowContext(ctx, "SELECT "+alertColumns+" FROM alerts WHERE id = ?", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, store.ErrNotFound)
	case err != nil:
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	case a.Version != version:
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d is at version %d, not %d: %w", id, a.Version, version, store.ErrConflict)
	}
	if ev.State.Active() && !a.State.Active() {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM alerts WHERE party = ? AND entity_id = ? AND id <> ? AND state IN "+activeStates,
			a.Party, a.EntityID, id).Scan(&n); err != nil {
			return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
		}
		if n > 0 {
			return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: its pair has another active alert: %w", id, store.ErrConflict)
		}
	}
	a.State, a.Version, a.Updated = ev.State, a.Version+1, fromNanos(nanos(ev.At))
	if _, err := tx.ExecContext(ctx, "UPDATE alerts SET state = ?, version = ?, updated = ? WHERE id = ?",
		string(a.State), a.Version, nanos(a.Updated), id); err != nil {
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	if _, err := insertEvent(ctx, tx, id, &ev); err != nil {
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return interdict.Alert{}, fmt.Errorf("sqlite: alert %d: commit: %w", id, err)
	}
	return a, nil
}

// AddCaseEvent appends an event without changing the alert's state.
func (db *DB) AddCaseEvent(ctx context.Context, id int64, ev interdict.CaseEvent) (interdict.CaseEvent, error) {
	if err := store.CheckEvent(&ev, false); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	defer tx.Rollback()
	var state string
	err = tx.QueryRowContext(ctx, "SELECT state FROM alerts WHERE id = ?", id).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, store.ErrNotFound)
	case err != nil:
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	ev.State = interdict.AlertState(state)
	if _, err := tx.ExecContext(ctx, "UPDATE alerts SET updated = ? WHERE id = ?", nanos(ev.At), id); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	if _, err := insertEvent(ctx, tx, id, &ev); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("sqlite: alert %d: commit: %w", id, err)
	}
	return ev, nil
}

func scanAlert(s interface{ Scan(...any) error }) (interdict.Alert, error) {
	var (
		a               interdict.Alert
		q, origin       string
		state           string
		opened, updated int64
	)
	if err := s.Scan(&a.ID, &a.Party, &a.PartyName, &q, &a.EntityID, &a.EntityName, &a.Source, &a.Fingerprint,
		&a.Score, &a.MatchedName, &a.Snapshot, &origin, &state, &a.Version, &opened, &updated); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(q), &a.Query); err != nil {
		return a, fmt.Errorf("alert %d query: %w", a.ID, err)
	}
	a.Origin, a.State = origin, interdict.AlertState(state)
	a.Opened, a.Updated = fromNanos(opened), fromNanos(updated)
	return a, nil
}
