package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const insertAuditSQL = `INSERT INTO audit (at, key_id, user, route, snapshot, query, decision, matches)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// AppendAudit writes recs in one transaction, committed to the WAL before
// it returns (and synced too under SyncFull), and sets their IDs once it
// has committed: on error every ID is still 0.
func (db *DB) AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	// Validate and encode before taking the write lock, which is then
	// held only for the inserts.
	type row struct{ query, matches []byte }
	rows := make([]row, len(recs))
	for i, r := range recs {
		if err := store.CheckAudit(r); err != nil {
			return fmt.Errorf("sqlite: append audit: record %d: %w", i, err)
		}
		var err error
		if rows[i].query, err = json.Marshal(r.Query); err != nil {
			return fmt.Errorf("sqlite: append audit: record %d: %w", i, err)
		}
		ms := r.Matches
		if ms == nil {
			ms = []interdict.AuditMatch{}
		}
		if rows[i].matches, err = json.Marshal(ms); err != nil {
			return fmt.Errorf("sqlite: append audit: record %d: %w", i, err)
		}
	}
	ids := make([]int64, len(recs))
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: append audit: %w", err)
	}
	defer tx.Rollback()
	stmt := tx.StmtContext(ctx, db.insertAudit)
	for i, r := range recs {
		// The JSON goes in as TEXT (string), not BLOB ([]byte): the
		// columns are STRICT TEXT, and json_extract reads TEXT.
		res, err := stmt.ExecContext(ctx, nanos(r.At), r.KeyID, r.User, r.Route, r.Snapshot,
			string(rows[i].query), r.Decision, string(rows[i].matches))
		if err != nil {
			return fmt.Errorf("sqlite: append audit: %w", err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return fmt.Errorf("sqlite: append audit: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: append audit: commit: %w", err)
	}
	for i, r := range recs {
		r.ID = ids[i]
	}
	return nil
}

// ListAudit returns the records f selects, in ascending id order.
//
// How it reads, on a table of millions of rows: a user or a decision is
// looked up in its index, whose entries are ordered by (value, id), so a
// page is a seek and a short walk. A time range on its own is walked in
// id order, as id order is commit order and nearly time order; the walk
// starts at the smallest id inside the range (found in the at index,
// which holds ids too) instead of the table's first row, so exporting last
// week of a year-old table does not read the other fifty-one. The last
// page of a range in the past does walk on to the table's end, to be sure
// no later id falls in the range: measured at 0.3 s per million rows.
// (Exporting one week of a million-row year: 20 pages of 1,000 in 0.15 s.)
func (db *DB) ListAudit(ctx context.Context, f interdict.AuditFilter) ([]interdict.AuditRecord, error) {
	if f.Limit < 0 || f.AfterID < 0 {
		return nil, fmt.Errorf("sqlite: list audit: negative limit or after id: %w", store.ErrInvalid)
	}
	after := f.AfterID
	if after == 0 && !f.From.IsZero() {
		// Only on a first page: later ones start after an id that is in
		// the range already.
		first, err := db.firstIDFrom(ctx, f)
		if err != nil {
			return nil, err
		}
		if first == 0 {
			return nil, nil // nothing in the range
		}
		after = first - 1
	}
	q, args := listQuery(f, after)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list audit: %w", err)
	}
	defer rows.Close()
	var out []interdict.AuditRecord
	for rows.Next() {
		var (
			r         interdict.AuditRecord
			at        int64
			qj, mj    string
			unmarshal error
		)
		if err := rows.Scan(&r.ID, &at, &r.KeyID, &r.User, &r.Route, &r.Snapshot, &qj, &r.Decision, &mj); err != nil {
			return nil, fmt.Errorf("sqlite: list audit: %w", err)
		}
		r.At = fromNanos(at)
		if unmarshal = json.Unmarshal([]byte(qj), &r.Query); unmarshal == nil {
			unmarshal = json.Unmarshal([]byte(mj), &r.Matches)
		}
		if unmarshal != nil {
			return nil, fmt.Errorf("sqlite: list audit: record %d: %w", r.ID, unmarshal)
		}
		if len(r.Matches) == 0 {
			r.Matches = nil
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list audit: %w", err)
	}
	return out, nil
}

// listQuery returns ListAudit's query for f, reading ids above after.
func listQuery(f interdict.AuditFilter, after int64) (string, []any) {
	var (
		where = []string{"id > ?"}
		args  = []any{after}
		index = ""
	)
	if !f.From.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, nanos(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "at < ?")
		args = append(args, nanos(f.To))
	}
	// The planner, left to itself, may read the whole at range from its
	// index and sort it by id for every page; naming the index to use
	// keeps each page proportional to its size (TestQueryPlans).
	switch {
	case f.User != "":
		where = append(where, "user = ?")
		args = append(args, f.User)
		index = "INDEXED BY audit_user"
		if f.Decision != "" {
			where = append(where, "decision = ?")
			args = append(args, f.Decision)
		}
	case f.Decision != "":
		where = append(where, "decision = ?")
		args = append(args, f.Decision)
		index = "INDEXED BY audit_decision"
	default:
		index = "NOT INDEXED" // the table itself, in id order
	}
	q := "SELECT id, at, key_id, user, route, snapshot, query, decision, matches FROM audit " + index +
		" WHERE " + strings.Join(where, " AND ") + " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// firstIDFrom returns the smallest id of a record in f's time range, 0 if
// there is none. It reads only the at index (whose entries hold the id),
// over the range.
func (db *DB) firstIDFrom(ctx context.Context, f interdict.AuditFilter) (int64, error) {
	q, args := firstIDQuery(f)
	var id int64
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("sqlite: list audit: %w", err)
	}
	return id, nil
}

// CountAudit returns the number of audit records.
func (db *DB) CountAudit(ctx context.Context) (int64, error) {
	var n int64
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM audit").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count audit: %w", err)
	}
	return n, nil
}

func firstIDQuery(f interdict.AuditFilter) (string, []any) {
	q := "SELECT coalesce(min(id), 0) FROM audit INDEXED BY audit_at WHERE at >= ?"
	args := []any{nanos(f.From)}
	if !f.To.IsZero() {
		q += " AND at < ?"
		args = append(args, nanos(f.To))
	}
	return q, args
}
