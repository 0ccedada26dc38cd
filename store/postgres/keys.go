package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const keyColumns = "id, name, role, created, revoked, rate_per_minute"

// CreateKey makes a key with a fresh id and secret; the secret is
// returned once and stored as its SHA-256 (see store.HashSecret).
func (db *DB) CreateKey(ctx context.Context, name string, role interdict.Role) (interdict.APIKey, string, error) {
	if err := store.CheckKey(name, role); err != nil {
		return interdict.APIKey{}, "", fmt.Errorf("postgres: create key: %w", err)
	}
	if badText(name) {
		return interdict.APIKey{}, "", fmt.Errorf("postgres: create key: the name holds a NUL byte or invalid UTF-8: %w", store.ErrInvalid)
	}
	// PostgreSQL keeps microseconds: the key returned holds the time
	// stored.
	created := db.Now().UTC().Truncate(time.Microsecond)
	secret := store.NewSecret()
	// An id collision (50 random bits) is all but impossible, but costs
	// only a retry.
	for range 3 {
		k := interdict.APIKey{ID: store.NewKeyID(), Name: name, Role: role, Created: created}
		tag, err := db.pool.Exec(ctx,
			`INSERT INTO keys (id, name, role, secret_sha256, created) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO NOTHING`,
			k.ID, k.Name, string(k.Role), store.HashSecret(secret), k.Created)
		if err != nil {
			return interdict.APIKey{}, "", fmt.Errorf("postgres: create key: %w", err)
		}
		if tag.RowsAffected() == 1 {
			return k, secret, nil
		}
	}
	return interdict.APIKey{}, "", errors.New("postgres: create key: no free id after 3 tries")
}

// ListKeys returns every key, revoked ones included, oldest first.
func (db *DB) ListKeys(ctx context.Context) ([]interdict.APIKey, error) {
	rows, err := db.pool.Query(ctx, "SELECT "+keyColumns+" FROM keys ORDER BY created, id")
	if err != nil {
		return nil, fmt.Errorf("postgres: list keys: %w", err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (interdict.APIKey, error) { return scanKey(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list keys: %w", err)
	}
	return keys, nil
}

// RevokeKey revokes a key for good.
func (db *DB) RevokeKey(ctx context.Context, id string) error {
	if badText(id) {
		return fmt.Errorf("postgres: revoke key %q: %w", id, store.ErrNotFound)
	}
	tag, err := db.pool.Exec(ctx, "UPDATE keys SET revoked = $1 WHERE id = $2 AND revoked IS NULL", db.Now().UTC(), id)
	if err != nil {
		return fmt.Errorf("postgres: revoke key: %w", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	// Either unknown or revoked already; a key is never deleted, so the
	// answer cannot change between the two statements.
	var revoked *time.Time
	err = db.pool.QueryRow(ctx, "SELECT revoked FROM keys WHERE id = $1", id).Scan(&revoked)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("postgres: revoke key %s: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("postgres: revoke key: %w", err)
	case revoked == nil:
		// Not possible while keys are never un-revoked; said rather than
		// reported as success.
		return fmt.Errorf("postgres: revoke key %s: not revoked after the update", id)
	}
	return fmt.Errorf("postgres: revoke key %s: revoked at %s: %w", id, revoked.UTC().Format(time.RFC3339), store.ErrRevoked)
}

// SetKeyRate sets a key's requests per minute (0: the server default).
func (db *DB) SetKeyRate(ctx context.Context, id string, perMinute int) error {
	if perMinute < 0 {
		return fmt.Errorf("postgres: set key rate: %d per minute: %w", perMinute, store.ErrInvalid)
	}
	if badText(id) {
		return fmt.Errorf("postgres: set key rate %q: %w", id, store.ErrNotFound)
	}
	tag, err := db.pool.Exec(ctx, "UPDATE keys SET rate_per_minute = $1 WHERE id = $2", perMinute, id)
	if err != nil {
		return fmt.Errorf("postgres: set key rate: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: set key rate %s: %w", id, store.ErrNotFound)
	}
	return nil
}

// LookupKey finds the key of a secret through the unique index on the
// secret's SHA-256 (see store/sqlite for why no constant-time comparison
// is needed).
func (db *DB) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	if !store.LooksLikeSecret(secret) {
		return interdict.APIKey{}, fmt.Errorf("postgres: lookup key: %w", store.ErrNotFound)
	}
	k, err := scanKey(db.pool.QueryRow(ctx, "SELECT "+keyColumns+" FROM keys WHERE secret_sha256 = $1", store.HashSecret(secret)))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return interdict.APIKey{}, fmt.Errorf("postgres: lookup key: %w", store.ErrNotFound)
	case err != nil:
		return interdict.APIKey{}, fmt.Errorf("postgres: lookup key: %w", err)
	case k.Revoked != nil:
		return k, fmt.Errorf("postgres: lookup key %s: %w", k.ID, store.ErrRevoked)
	}
	return k, nil
}

func scanKey(s pgx.Row) (interdict.APIKey, error) {
	var (
		k       interdict.APIKey
		role    string
		revoked *time.Time
	)
	if err := s.Scan(&k.ID, &k.Name, &role, &k.Created, &revoked, &k.RatePerMinute); err != nil {
		return interdict.APIKey{}, err
	}
	k.Role = interdict.Role(role)
	k.Created = utc(k.Created)
	if revoked != nil {
		t := utc(*revoked)
		k.Revoked = &t
	}
	return k, nil
}
