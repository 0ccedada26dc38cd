package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const monitoredColumns = "id, query, added, updated, screened, snapshot, nearest"

// PutMonitored registers parties in one transaction.
func (db *DB) PutMonitored(ctx context.Context, parties []interdict.MonitoredParty, at time.Time) (added, changed int, err error) {
	if !validTime(at) {
		return 0, 0, fmt.Errorf("sqlite: put monitored: time %v: %w", at, store.ErrInvalid)
	}
	// The last of an ID wins; validate and encode before the write lock.
	last := map[string]int{}
	for i := range parties {
		if err := store.CheckMonitored(&parties[i]); err != nil {
			return 0, 0, fmt.Errorf("sqlite: put monitored: party %d: %w", i, err)
		}
		last[parties[i].ID] = i
	}
	type row struct {
		id, q string
	}
	rows := make([]row, 0, len(last))
	for i := range parties {
		if last[parties[i].ID] != i {
			continue
		}
		q, err := json.Marshal(parties[i].Query)
		if err != nil {
			return 0, 0, fmt.Errorf("sqlite: put monitored: party %s: %w", parties[i].ID, err)
		}
		rows = append(rows, row{parties[i].ID, string(q)})
	}
	if len(rows) == 0 {
		return 0, 0, nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: put monitored: %w", err)
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, "INSERT INTO monitored (id, query, added, updated) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: put monitored: %w", err)
	}
	defer ins.Close()
	upd, err := tx.PrepareContext(ctx, "UPDATE monitored SET query = ?, updated = ?, screened = 0, snapshot = '', nearest = 0 WHERE id = ? AND query <> ?")
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: put monitored: %w", err)
	}
	defer upd.Close()
	t := nanos(at)
	for _, r := range rows {
		res, err := ins.ExecContext(ctx, r.id, r.q, t, t)
		if err != nil {
			return 0, 0, fmt.Errorf("sqlite: put monitored: %s: %w", r.id, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			added++
			continue
		}
		res, err = upd.ExecContext(ctx, r.q, t, r.id, r.q)
		if err != nil {
			return 0, 0, fmt.Errorf("sqlite: put monitored: %s: %w", r.id, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			changed++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("sqlite: put monitored: commit: %w", err)
	}
	return added, changed, nil
}

// GetMonitored returns one party.
func (db *DB) GetMonitored(ctx context.Context, id string) (interdict.MonitoredParty, error) {
	p, err := scanMonitored(db.r.QueryRowContext(ctx, "SELECT "+monitoredColumns+" FROM monitored WHERE id = ?", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return p, fmt.Errorf("sqlite: monitored party %q: %w", id, store.ErrNotFound)
	case err != nil:
		return p, fmt.Errorf("sqlite: monitored party %q: %w", id, err)
	}
	return p, nil
}

// ListMonitored returns parties in ascending id (byte) order.
func (db *DB) ListMonitored(ctx context.Context, after string, limit int) ([]interdict.MonitoredParty, error) {
	q := "SELECT " + monitoredColumns + " FROM monitored WHERE id > ? ORDER BY id"
	args := []any{after}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list monitored: %w", err)
	}
	defer rows.Close()
	var out []interdict.MonitoredParty
	for rows.Next() {
		p, err := scanMonitored(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list monitored: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list monitored: %w", err)
	}
	return out, nil
}

// CountMonitored counts the registered parties.
func (db *DB) CountMonitored(ctx context.Context) (int64, error) {
	var n int64
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM monitored").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count monitored: %w", err)
	}
	return n, nil
}

// DeleteMonitored stops watching a party.
func (db *DB) DeleteMonitored(ctx context.Context, id string) error {
	res, err := db.w.ExecContext(ctx, "DELETE FROM monitored WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("sqlite: delete monitored: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: delete monitored: %w", err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: delete monitored %q: %w", id, store.ErrNotFound)
	}
	return nil
}

// RecordScreenings stores the latest screening of parties.
func (db *DB) RecordScreenings(ctx context.Context, rs []interdict.MonitoredScreening) error {
	for i := range rs {
		if err := store.CheckScreening(&rs[i]); err != nil {
			return fmt.Errorf("sqlite: record screenings: %w", err)
		}
	}
	if len(rs) == 0 {
		return nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: record screenings: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, "UPDATE monitored SET screened = ?, snapshot = ?, nearest = ? WHERE id = ?")
	if err != nil {
		return fmt.Errorf("sqlite: record screenings: %w", err)
	}
	defer st.Close()
	for _, r := range rs {
		if _, err := st.ExecContext(ctx, nanos(r.At), r.Snapshot, r.Nearest, r.ID); err != nil {
			return fmt.Errorf("sqlite: record screenings: %s: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: record screenings: commit: %w", err)
	}
	return nil
}

func scanMonitored(s interface{ Scan(...any) error }) (interdict.MonitoredParty, error) {
	var (
		p                        interdict.MonitoredParty
		q                        string
		added, updated, screened int64
	)
	if err := s.Scan(&p.ID, &q, &added, &updated, &screened, &p.Snapshot, &p.Nearest); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(q), &p.Query); err != nil {
		return p, fmt.Errorf("monitored %s query: %w", p.ID, err)
	}
	p.Added, p.Updated = fromNanos(added), fromNanos(updated)
	if screened != 0 {
		p.Screened = fromNanos(screened)
	}
	return p, nil
}

func validTime(t time.Time) bool { return !t.IsZero() && t.Year() >= 1970 && t.Year() <= 2261 }
