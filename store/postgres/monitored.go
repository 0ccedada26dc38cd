package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const monitoredColumns = "id, query::text, added, updated, screened, snapshot, nearest"

// PutMonitored registers parties in one statement: an upsert whose update
// applies only where the query changed (compared as the JSON text
// written), so that an unchanged party keeps its last screening. The
// upsert takes each row's lock, so two calls registering one new ID at
// once give one insert and, if the queries differ, one change.
func (db *DB) PutMonitored(ctx context.Context, parties []interdict.MonitoredParty, at time.Time) (added, changed int, err error) {
	if !validTime(at) {
		return 0, 0, fmt.Errorf("postgres: put monitored: time %v: %w", at, store.ErrInvalid)
	}
	// The last of an ID wins (an upsert may not touch one row twice).
	last := map[string]int{}
	for i := range parties {
		if err := store.CheckMonitored(&parties[i]); err != nil {
			return 0, 0, fmt.Errorf("postgres: put monitored: party %d: %w", i, err)
		}
		last[parties[i].ID] = i
	}
	ids := make([]string, 0, len(last))
	queries := make([]string, 0, len(last))
	for i := range parties {
		if last[parties[i].ID] != i {
			continue
		}
		q, err := json.Marshal(parties[i].Query)
		if err != nil {
			return 0, 0, fmt.Errorf("postgres: put monitored: party %s: %w", parties[i].ID, err)
		}
		ids = append(ids, parties[i].ID)
		queries = append(queries, string(q))
	}
	if len(ids) == 0 {
		return 0, 0, nil
	}
	// xmax is 0 on a row version this statement inserted and the
	// statement's own transaction id on one it updated.
	rows, _ := db.pool.Query(ctx, `INSERT INTO monitored AS m (id, query, added, updated)
		SELECT id, q::json, $3, $3 FROM unnest($1::text[], $2::text[]) AS p(id, q)
		ON CONFLICT (id) DO UPDATE SET query = excluded.query, updated = excluded.updated,
			screened = NULL, snapshot = '', nearest = 0
		WHERE m.query::text <> excluded.query::text
		RETURNING xmax = 0`, ids, queries, micro(at))
	var inserted bool
	_, err = pgx.ForEachRow(rows, []any{&inserted}, func() error {
		if inserted {
			added++
		} else {
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("postgres: put monitored: %w", err)
	}
	return added, changed, nil
}

// GetMonitored returns one party.
func (db *DB) GetMonitored(ctx context.Context, id string) (interdict.MonitoredParty, error) {
	if badText(id) {
		return interdict.MonitoredParty{}, fmt.Errorf("postgres: monitored party %q: %w", id, store.ErrNotFound)
	}
	p, err := scanMonitored(db.pool.QueryRow(ctx, "SELECT "+monitoredColumns+" FROM monitored WHERE id = $1", id))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return p, fmt.Errorf("postgres: monitored party %q: %w", id, store.ErrNotFound)
	case err != nil:
		return p, fmt.Errorf("postgres: monitored party %q: %w", id, err)
	}
	return p, nil
}

// ListMonitored returns parties in ascending id (byte) order.
func (db *DB) ListMonitored(ctx context.Context, after string, limit int) ([]interdict.MonitoredParty, error) {
	if badText(after) {
		return nil, fmt.Errorf("postgres: list monitored: after %q: %w", after, store.ErrInvalid)
	}
	q := "SELECT " + monitoredColumns + " FROM monitored WHERE id > $1 ORDER BY id"
	args := []any{after}
	if limit > 0 {
		q += " LIMIT $2"
		args = append(args, limit)
	}
	rows, _ := db.pool.Query(ctx, q, args...)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.MonitoredParty, error) { return scanMonitored(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list monitored: %w", err)
	}
	return out, nil
}

// CountMonitored counts the registered parties.
func (db *DB) CountMonitored(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM monitored").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count monitored: %w", err)
	}
	return n, nil
}

// DeleteMonitored stops watching a party.
func (db *DB) DeleteMonitored(ctx context.Context, id string) error {
	if badText(id) {
		return fmt.Errorf("postgres: delete monitored %q: %w", id, store.ErrNotFound)
	}
	tag, err := db.pool.Exec(ctx, "DELETE FROM monitored WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("postgres: delete monitored: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: delete monitored %q: %w", id, store.ErrNotFound)
	}
	return nil
}

// RecordScreenings stores the latest screening of parties in one
// statement (the last screening of an ID in rs wins, as if applied in
// order).
func (db *DB) RecordScreenings(ctx context.Context, rs []interdict.MonitoredScreening) error {
	last := map[string]int{}
	for i := range rs {
		if err := store.CheckScreening(&rs[i]); err != nil {
			return fmt.Errorf("postgres: record screenings: %w", err)
		}
		if err := checkText("screening", rs[i].Snapshot); err != nil {
			return fmt.Errorf("postgres: record screenings: %w", err)
		}
		last[rs[i].ID] = i
	}
	if len(rs) == 0 {
		return nil
	}
	var (
		ids, snaps []string
		ats        []time.Time
		nearest    []float64
	)
	for i, r := range rs {
		if last[r.ID] != i || badText(r.ID) {
			continue // a bad ID is registered to no party: skipped like an unknown one
		}
		ids, snaps, ats, nearest = append(ids, r.ID), append(snaps, r.Snapshot), append(ats, micro(r.At)), append(nearest, r.Nearest)
	}
	if _, err := db.pool.Exec(ctx, `UPDATE monitored m SET screened = s.at, snapshot = s.snapshot, nearest = s.nearest
		FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[]) AS s(id, at, snapshot, nearest)
		WHERE m.id = s.id`, ids, ats, snaps, nearest); err != nil {
		return fmt.Errorf("postgres: record screenings: %w", err)
	}
	return nil
}

func scanMonitored(s pgx.Row) (interdict.MonitoredParty, error) {
	var (
		p              interdict.MonitoredParty
		q              string
		added, updated time.Time
		screened       *time.Time
	)
	if err := s.Scan(&p.ID, &q, &added, &updated, &screened, &p.Snapshot, &p.Nearest); err != nil {
		return interdict.MonitoredParty{}, err
	}
	if err := json.Unmarshal([]byte(q), &p.Query); err != nil {
		return interdict.MonitoredParty{}, fmt.Errorf("monitored %s query: %w", p.ID, err)
	}
	p.Added, p.Updated = utc(added), utc(updated)
	if screened != nil {
		p.Screened = utc(*screened)
	}
	return p, nil
}

func validTime(t time.Time) bool { return !t.IsZero() && t.Year() >= 1970 && t.Year() <= 2261 }
