package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const keyColumns = "id, name, role, created, revoked, rate_per_minute"

// lookupKeySQL finds a key by the SHA-256 of its secret through the
// column's unique index. No constant-time comparison is needed: what an
// attacker could time is the index search for the hash of a secret they
// chose, which tells them at most how much of that hash prefixes a stored
// one; that does not lead back to any secret, as inverting SHA-256 (or
// guessing 256 random bits) is out of reach.
const lookupKeySQL = "SELECT " + keyColumns + " FROM keys WHERE secret_sha256 = ?"

// CreateKey makes a key with a fresh id and secret; the secret is
// returned once and stored as its SHA-256 (see store.HashSecret).
func (db *DB) CreateKey(ctx context.Context, name string, role interdict.Role) (interdict.APIKey, string, error) {
	if err := store.CheckKey(name, role); err != nil {
		return interdict.APIKey{}, "", fmt.Errorf("sqlite: create key: %w", err)
	}
	created := fromNanos(nanos(db.Now()))
	secret := store.NewSecret()
	// An id collision (50 random bits) is all but impossible, but costs
	// only a retry.
	for range 3 {
		k := interdict.APIKey{ID: store.NewKeyID(), Name: name, Role: role, Created: created}
		res, err := db.w.ExecContext(ctx,
			`INSERT INTO keys (id, name, role, secret_sha256, created) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`,
			k.ID, k.Name, string(k.Role), store.HashSecret(secret), nanos(k.Created))
		if err != nil {
			return interdict.APIKey{}, "", fmt.Errorf("sqlite: create key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return interdict.APIKey{}, "", fmt.Errorf("sqlite: create key: %w", err)
		} else if n == 1 {
			return k, secret, nil
		}
	}
	return interdict.APIKey{}, "", errors.New("sqlite: create key: no free id after 3 tries")
}

// ListKeys returns every key, revoked ones included, oldest first.
func (db *DB) ListKeys(ctx context.Context) ([]interdict.APIKey, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+keyColumns+" FROM keys ORDER BY created, id")
	if err != nil {
		return nil, fmt.Errorf("sqlite: list keys: %w", err)
	}
	defer rows.Close()
	var out []interdict.APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list keys: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list keys: %w", err)
	}
	return out, nil
}

// RevokeKey revokes a key for good.
func (db *DB) RevokeKey(ctx context.Context, id string) error {
	res, err := db.w.ExecContext(ctx, "UPDATE keys SET revoked = ? WHERE id = ? AND revoked IS NULL", nanos(db.Now()), id)
	if err != nil {
		return fmt.Errorf("sqlite: revoke key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: revoke key: %w", err)
	} else if n == 1 {
		return nil
	}
	// Either unknown or revoked already; a key is never deleted, so the
	// answer cannot change between the two statements.
	var revoked sql.NullInt64
	err = db.w.QueryRowContext(ctx, "SELECT revoked FROM keys WHERE id = ?", id).Scan(&revoked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: revoke key %s: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("sqlite: revoke key: %w", err)
	}
	return fmt.Errorf("sqlite: revoke key %s: revoked at %s: %w", id, fromNanos(revoked.Int64).Format(time.RFC3339), store.ErrRevoked)
}

// SetKeyRate sets a key's requests per minute (0: the server default).
func (db *DB) SetKeyRate(ctx context.Context, id string, perMinute int) error {
	if perMinute < 0 {
		return fmt.Errorf("sqlite: set key rate: %d per minute: %w", perMinute, store.ErrInvalid)
	}
	res, err := db.w.ExecContext(ctx, "UPDATE keys SET rate_per_minute = ? WHERE id = ?", perMinute, id)
	if err != nil {
		return fmt.Errorf("sqlite: set key rate: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: set key rate: %w", err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: set key rate %s: %w", id, store.ErrNotFound)
	}
	return nil
}

// LookupKey finds the key of a secret.
func (db *DB) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	if !store.LooksLikeSecret(secret) {
		return interdict.APIKey{}, fmt.Errorf("sqlite: lookup key: %w", store.ErrNotFound)
	}
	k, err := scanKey(db.lookupKey.QueryRowContext(ctx, store.HashSecret(secret)))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return interdict.APIKey{}, fmt.Errorf("sqlite: lookup key: %w", store.ErrNotFound)
	case err != nil:
		return interdict.APIKey{}, fmt.Errorf("sqlite: lookup key: %w", err)
	case k.Revoked != nil:
		return k, fmt.Errorf("sqlite: lookup key %s: %w", k.ID, store.ErrRevoked)
	}
	return k, nil
}

func scanKey(s interface{ Scan(...any) error }) (interdict.APIKey, error) {
	var (
		k       interdict.APIKey
		role    string
		created int64
		revoked sql.NullInt64
	)
	if err := s.Scan(&k.ID, &k.Name, &role, &created, &revoked, &k.RatePerMinute); err != nil {
		return k, err
	}
	k.Role = interdict.Role(role)
	k.Created = fromNanos(created)
	if revoked.Valid {
		t := fromNanos(revoked.Int64)
		k.Revoked = &t
	}
	return k, nil
}
