package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const alertColumns = `id, party, party_name, query::text, entity_id, entity_name, source, fingerprint,
	score, matched, snapshot, origin, state, version, opened, updated`

const activeStates = `('open', 'pending-confirm', 'pending-dismiss')`

// micro is a time as PostgreSQL keeps it: UTC, to the microsecond. What a
// method returns is what a later read gives back.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// uniqueViolation reports a unique index refusing a row (SQLSTATE 23505).
func uniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

func checkText(what string, vs ...string) error {
	for _, v := range vs {
		if badText(v) {
			return fmt.Errorf("%s holds a NUL byte or invalid UTF-8: %w", what, store.ErrInvalid)
		}
	}
	return nil
}

// OpenAlert opens an alert unless its pair is covered by an active alert
// or suppressed by a decision on the same fingerprint. Two openers of one
// pair (in one process or several) may both find it uncovered; the
// insert's ON CONFLICT on the unique index of active alerts then lets one
// write, makes the other wait for that commit and write nothing, and the
// loser returns the winner's alert.
func (db *DB) OpenAlert(ctx context.Context, a interdict.Alert, ev interdict.CaseEvent) (interdict.Alert, bool, error) {
	if err := store.CheckAlert(&a); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("postgres: open alert: %w", err)
	}
	if err := checkText("alert", a.PartyName, a.EntityID, a.EntityName, a.Source, a.Fingerprint, a.MatchedName, a.Snapshot, ev.KeyID, ev.Actor, ev.Reason); err != nil {
		return interdict.Alert{}, false, fmt.Errorf("postgres: open alert: %w", err)
	}
	q, err := json.Marshal(a.Query)
	if err != nil {
		return interdict.Alert{}, false, fmt.Errorf("postgres: open alert: %w", err)
	}
	a.State, a.Version = interdict.AlertOpen, 1
	a.Opened = micro(a.Opened)
	a.Updated = a.Opened
	// A loser whose winner was decided before it could read it (the pair
	// is uncovered again) tries once more; a third round would need two
	// decisions within one opening.
	for range 3 {
		var (
			out    interdict.Alert
			opened bool
			again  bool
		)
		err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
			existing, err := scanAlert(tx.QueryRow(ctx, "SELECT "+alertColumns+" FROM alerts WHERE party = $1 AND entity_id = $2 ORDER BY id DESC LIMIT 1", a.Party, a.EntityID))
			switch {
			case errors.Is(err, pgx.ErrNoRows):
			case err != nil:
				return err
			case existing.State.Active() || existing.Fingerprint == a.Fingerprint:
				// The latest alert of a pair is the active one if any is.
				out = existing
				return nil
			}
			var id int64
			err = tx.QueryRow(ctx, `INSERT INTO alerts (party, party_name, query, entity_id, entity_name, source, fingerprint,
				score, matched, snapshot, origin, state, version, opened, updated)
				VALUES ($1, $2, $3::json, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
				ON CONFLICT (party, entity_id) WHERE state IN `+activeStates+` DO NOTHING RETURNING id`,
				a.Party, a.PartyName, string(q), a.EntityID, a.EntityName, a.Source, a.Fingerprint,
				a.Score, a.MatchedName, a.Snapshot, a.Origin, string(a.State), a.Version, a.Opened, a.Updated).Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				// Another opener committed first: its alert, read in a
				// new statement, which sees that commit.
				out, err = scanAlert(tx.QueryRow(ctx, "SELECT "+alertColumns+" FROM alerts WHERE party = $1 AND entity_id = $2 AND state IN "+activeStates, a.Party, a.EntityID))
				if errors.Is(err, pgx.ErrNoRows) {
					again = true
					return nil
				}
				return err
			}
			if err != nil {
				return err
			}
			out, opened = a, true
			out.ID = id
			e := interdict.CaseEvent{At: a.Opened, Kind: interdict.EventOpened, State: interdict.AlertOpen, KeyID: ev.KeyID, Actor: ev.Actor, Reason: ev.Reason}
			if err := insertEvent(ctx, tx, id, &e); err != nil {
				return err
			}
			// The outbox: one delivery per active webhook, in this
			// transaction, so that an alert never exists without them.
			rows, _ := tx.Query(ctx, "SELECT id FROM webhooks WHERE active ORDER BY id")
			hooks, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil || len(hooks) == 0 {
				return err
			}
			keys := make([]string, len(hooks))
			for i, h := range hooks {
				keys[i] = interdict.DeliveryKey(id, h)
			}
			_, err = tx.Exec(ctx, `INSERT INTO deliveries (webhook_id, alert_id, key, event, state, created, next_attempt)
				SELECT h, $1, k, $2, 'pending', $3, $3 FROM unnest($4::bigint[], $5::text[]) WITH ORDINALITY AS d(h, k, n) ORDER BY n`,
				id, interdict.EventAlertOpened, a.Opened, hooks, keys)
			return err
		})
		if err != nil {
			return interdict.Alert{}, false, fmt.Errorf("postgres: open alert: %w", err)
		}
		if !again {
			return out, opened, nil
		}
	}
	return interdict.Alert{}, false, fmt.Errorf("postgres: open alert %s/%s: the pair kept changing: %w", a.Party, a.EntityID, store.ErrConflict)
}

func insertEvent(ctx context.Context, tx pgx.Tx, alertID int64, ev *interdict.CaseEvent) error {
	ev.At = micro(ev.At)
	if err := tx.QueryRow(ctx, `INSERT INTO case_events (alert_id, at, kind, state, key_id, actor, reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		alertID, ev.At, string(ev.Kind), string(ev.State), ev.KeyID, ev.Actor, ev.Reason).Scan(&ev.ID); err != nil {
		return err
	}
	ev.AlertID = alertID
	return nil
}

// GetAlert returns an alert and its history, read in one repeatable-read
// transaction, so that the history matches the alert's state.
func (db *DB) GetAlert(ctx context.Context, id int64) (interdict.Alert, []interdict.CaseEvent, error) {
	var (
		a   interdict.Alert
		evs []interdict.CaseEvent
	)
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		a, err = scanAlert(tx.QueryRow(ctx, "SELECT "+alertColumns+" FROM alerts WHERE id = $1", id))
		if err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, "SELECT id, alert_id, at, kind, state, key_id, actor, reason FROM case_events WHERE alert_id = $1 ORDER BY id", id)
		evs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.CaseEvent, error) {
			var (
				ev          interdict.CaseEvent
				kind, state string
			)
			err := r.Scan(&ev.ID, &ev.AlertID, &ev.At, &kind, &state, &ev.KeyID, &ev.Actor, &ev.Reason)
			ev.At, ev.Kind, ev.State = utc(ev.At), interdict.CaseEventKind(kind), interdict.AlertState(state)
			return ev, err
		})
		return err
	})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return interdict.Alert{}, nil, fmt.Errorf("postgres: get alert %d: %w", id, store.ErrNotFound)
	case err != nil:
		return interdict.Alert{}, nil, fmt.Errorf("postgres: get alert %d: %w", id, err)
	}
	return a, evs, nil
}

// ListAlerts returns the alerts f selects in ascending id order.
func (db *DB) ListAlerts(ctx context.Context, f interdict.AlertFilter) ([]interdict.Alert, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, s := range f.States {
			states[i] = string(s)
		}
		add("state = ANY(?::text[])", states)
	}
	if f.Party != "" {
		add("party = ?", f.Party)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	add("id > ?", f.AfterID)
	q := "SELECT " + alertColumns + " FROM alerts WHERE " + strings.Join(where, " AND ") + " ORDER BY id"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += " LIMIT $" + strconv.Itoa(len(args))
	}
	if badText(f.Party) || badText(f.EntityID) {
		return nil, nil // no alert can hold it
	}
	rows, _ := db.pool.Query(ctx, q, args...)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.Alert, error) { return scanAlert(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list alerts: %w", err)
	}
	return out, nil
}

// CountAlerts counts the alerts in each state.
func (db *DB) CountAlerts(ctx context.Context) (map[interdict.AlertState]int64, error) {
	rows, _ := db.pool.Query(ctx, "SELECT state, count(*) FROM alerts GROUP BY state")
	out := map[interdict.AlertState]int64{}
	var (
		s string
		n int64
	)
	_, err := pgx.ForEachRow(rows, []any{&s, &n}, func() error {
		out[interdict.AlertState(s)] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: count alerts: %w", err)
	}
	return out, nil
}

// TransitionAlert moves an alert from version to ev.State. The alert's
// row is locked for the transaction, so of two decisions on one version
// the second reads the first's result and finds the version moved on.
func (db *DB) TransitionAlert(ctx context.Context, id, version int64, ev interdict.CaseEvent) (interdict.Alert, error) {
	if err := store.CheckEvent(&ev, true); err != nil {
		return interdict.Alert{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	if err := checkText("case event", string(ev.Kind), ev.KeyID, ev.Actor, ev.Reason); err != nil {
		return interdict.Alert{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	var a interdict.Alert
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		a, err = scanAlert(tx.QueryRow(ctx, "SELECT "+alertColumns+" FROM alerts WHERE id = $1 FOR UPDATE", id))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return store.ErrNotFound
		case err != nil:
			return err
		case a.Version != version:
			return fmt.Errorf("it is at version %d, not %d: %w", a.Version, version, store.ErrConflict)
		}
		if ev.State.Active() && !a.State.Active() {
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM alerts WHERE party = $1 AND entity_id = $2 AND id <> $3 AND state IN "+activeStates,
				a.Party, a.EntityID, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("its pair has another active alert: %w", store.ErrConflict)
			}
		}
		a.State, a.Version, a.Updated = ev.State, a.Version+1, micro(ev.At)
		if _, err := tx.Exec(ctx, "UPDATE alerts SET state = $1, version = $2, updated = $3 WHERE id = $4",
			string(a.State), a.Version, a.Updated, id); err != nil {
			if uniqueViolation(err) {
				// An alert of the pair was opened meanwhile.
				return fmt.Errorf("its pair has another active alert: %w", store.ErrConflict)
			}
			return err
		}
		return insertEvent(ctx, tx, id, &ev)
	})
	if err != nil {
		return interdict.Alert{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	return a, nil
}

// AddCaseEvent appends an event without changing the alert's state.
func (db *DB) AddCaseEvent(ctx context.Context, id int64, ev interdict.CaseEvent) (interdict.CaseEvent, error) {
	if err := store.CheckEvent(&ev, false); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	if err := checkText("case event", string(ev.Kind), ev.KeyID, ev.Actor, ev.Reason); err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// The row lock orders this event with concurrent decisions, so
		// the state it records is the state it was written in.
		var state string
		err := tx.QueryRow(ctx, "UPDATE alerts SET updated = $1 WHERE id = $2 RETURNING state", micro(ev.At), id).Scan(&state)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return store.ErrNotFound
		case err != nil:
			return err
		}
		ev.State = interdict.AlertState(state)
		return insertEvent(ctx, tx, id, &ev)
	})
	if err != nil {
		return interdict.CaseEvent{}, fmt.Errorf("postgres: alert %d: %w", id, err)
	}
	return ev, nil
}

func scanAlert(s pgx.Row) (interdict.Alert, error) {
	var (
		a                interdict.Alert
		q, origin, state string
		opened, updated  time.Time
	)
	if err := s.Scan(&a.ID, &a.Party, &a.PartyName, &q, &a.EntityID, &a.EntityName, &a.Source, &a.Fingerprint,
		&a.Score, &a.MatchedName, &a.Snapshot, &origin, &state, &a.Version, &opened, &updated); err != nil {
		return interdict.Alert{}, err
	}
	if err := json.Unmarshal([]byte(q), &a.Query); err != nil {
		return interdict.Alert{}, fmt.Errorf("alert %d query: %w", a.ID, err)
	}
	a.Origin, a.State = origin, interdict.AlertState(state)
	a.Opened, a.Updated = utc(opened), utc(updated)
	return a, nil
}
