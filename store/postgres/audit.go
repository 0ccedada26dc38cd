package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// AppendAudit writes recs in one transaction and sets their IDs once it
// has committed (COMMIT returns after the WAL is flushed, as Open checked
// synchronous_commit): on error every ID is still 0.
//
// The transaction first takes an advisory lock that it holds until it
// ends, and only then draws its ids from the sequence. Appends (from every
// instance) thus draw ids and commit one after another, in id order, and
// a row never becomes visible after a row with a larger id: keyset
// pagination on the id cannot step past a row that commits a moment
// later, which a bare sequence, whose ids are taken at insert by
// transactions that commit in any order, would allow. The cost is that
// appends do not overlap; the store.Auditor in front of the store makes
// each one a batch, so the lock is taken once per commit, not per record.
func (db *DB) AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	n := len(recs)
	var (
		at                                 = make([]time.Time, n)
		keyID, user, route, snap, decision = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		query, matches                     = make([]string, n), make([]string, n)
	)
	for i, r := range recs {
		if err := store.CheckAudit(r); err != nil {
			return fmt.Errorf("postgres: append audit: record %d: %w", i, err)
		}
		for _, f := range []struct{ name, v string }{{"key_id", r.KeyID}, {"user", r.User}, {"route", r.Route}, {"snapshot", r.Snapshot}} {
			if badText(f.v) {
				return fmt.Errorf("postgres: append audit: record %d: %s holds a NUL byte or invalid UTF-8: %w", i, f.name, store.ErrInvalid)
			}
		}
		q, err := json.Marshal(r.Query)
		if err != nil {
			return fmt.Errorf("postgres: append audit: record %d: %w", i, err)
		}
		ms := r.Matches
		if ms == nil {
			ms = []interdict.AuditMatch{}
		}
		m, err := json.Marshal(ms)
		if err != nil {
			return fmt.Errorf("postgres: append audit: record %d: %w", i, err)
		}
		at[i], keyID[i], user[i], route[i], snap[i], decision[i] = r.At, r.KeyID, r.User, r.Route, r.Snapshot, r.Decision
		query[i], matches[i] = string(q), string(m)
	}
	var ids []int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", db.auditLock); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, "SELECT nextval('audit_id_seq') FROM generate_series(1, $1)", n)
		var err error
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return err
		}
		// Drawn one after another under the lock, so ascending already;
		// sorted in case the rows came back in another order.
		slices.Sort(ids)
		_, err = tx.Exec(ctx, `INSERT INTO audit (id, at, key_id, user_name, route, snapshot, query, decision, matches)
			SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::json[], $8::text[], $9::json[])`,
			ids, at, keyID, user, route, snap, query, decision, matches)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: append audit: %w", err)
	}
	for i, r := range recs {
		r.ID = ids[i]
	}
	return nil
}

// ListAudit returns the records f selects, in ascending id order. A user
// or a decision is read from its index, whose entries end with the id, so
// a page is a seek and a short walk; the planner chooses between the at
// index and the primary key for a time range.
func (db *DB) ListAudit(ctx context.Context, f interdict.AuditFilter) ([]interdict.AuditRecord, error) {
	if f.Limit < 0 || f.AfterID < 0 {
		return nil, fmt.Errorf("postgres: list audit: negative limit or after id: %w", store.ErrInvalid)
	}
	if badText(f.User) {
		return nil, nil // no record can hold it
	}
	q, args := listQuery(f)
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: list audit: %w", err)
	}
	defer rows.Close()
	var out []interdict.AuditRecord
	for rows.Next() {
		var (
			r      interdict.AuditRecord
			qj, mj string
		)
		if err := rows.Scan(&r.ID, &r.At, &r.KeyID, &r.User, &r.Route, &r.Snapshot, &qj, &r.Decision, &mj); err != nil {
			return nil, fmt.Errorf("postgres: list audit: %w", err)
		}
		r.At = utc(r.At)
		err := json.Unmarshal([]byte(qj), &r.Query)
		if err == nil {
			err = json.Unmarshal([]byte(mj), &r.Matches)
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: list audit: record %d: %w", r.ID, err)
		}
		if len(r.Matches) == 0 {
			r.Matches = nil
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: list audit: %w", err)
	}
	return out, nil
}

// listQuery returns ListAudit's query for f.
func listQuery(f interdict.AuditFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	add("id > ?", f.AfterID)
	if !f.From.IsZero() {
		add("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("at < ?", f.To)
	}
	if f.User != "" {
		add("user_name = ?", f.User)
	}
	if f.Decision != "" {
		add("decision = ?", f.Decision)
	}
	q := "SELECT id, at, key_id, user_name, route, snapshot, query::text, decision, matches::text FROM audit WHERE " +
		strings.Join(where, " AND ") + " ORDER BY id"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += " LIMIT $" + strconv.Itoa(len(args))
	}
	return q, args
}

// CountAudit returns the number of audit records.
func (db *DB) CountAudit(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM audit").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count audit: %w", err)
	}
	return n, nil
}
