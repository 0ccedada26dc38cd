package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/interdict/interdict/store"
)

// channel is the NOTIFY channel of new list versions. Channels are
// database-wide; the payload is "SCHEMA ID", so that a watcher of one
// schema ignores the others (the tests run many schemas in one database).
const channel = "interdict_lists"

// Watch timing. pingEvery: how long a watch waits for a notification
// before checking that its connection is alive, so that a connection
// lost without a word from the network (no RST) is noticed within about
// this long and not only when the kernel's keepalive gives up.
// The reconnection delay doubles from retryMin to retryMax.
const (
	pingEvery = 30 * time.Second
	retryMin  = 100 * time.Millisecond
	retryMax  = 5 * time.Second
)

// RecordListVersion records v unless the newest record holds its version
// already; see store.ListVersions. The check and the insert run under an
// advisory lock, so two instances recording one version at once make one
// record; the NOTIFY is sent by PostgreSQL at commit, never for a record
// that was rolled back.
func (db *DB) RecordListVersion(ctx context.Context, v store.ListVersion) (store.ListVersion, bool, error) {
	if v.Version == "" || v.Entities < 0 || badText(v.Version) || badText(v.Instance) {
		return store.ListVersion{}, false, fmt.Errorf("postgres: record list version %q: %w", v.Version, store.ErrInvalid)
	}
	lists := v.Lists
	if lists == nil {
		lists = []store.ListFiles{}
	}
	lj, err := json.Marshal(lists)
	if err != nil {
		return store.ListVersion{}, false, fmt.Errorf("postgres: record list version: %w", err)
	}
	var (
		out      store.ListVersion
		recorded bool
	)
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", db.versionLock); err != nil {
			return err
		}
		latest, err := latestVersion(ctx, tx)
		switch {
		case err == nil && latest.Version == v.Version:
			out = latest
			return nil
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		out = v
		out.Lists = lists
		if err := tx.QueryRow(ctx, `INSERT INTO list_versions (version, instance, entities, lists)
			VALUES ($1, $2, $3, $4::json) RETURNING id, recorded`,
			v.Version, v.Instance, v.Entities, string(lj)).Scan(&out.ID, &out.Recorded); err != nil {
			return err
		}
		out.Recorded = utc(out.Recorded)
		if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", channel, fmt.Sprintf("%s %d", db.schema, out.ID)); err != nil {
			return err
		}
		recorded = true
		return nil
	})
	if err != nil {
		return store.ListVersion{}, false, fmt.Errorf("postgres: record list version: %w", err)
	}
	return out, recorded, nil
}

// LatestListVersion returns the newest record, store.ErrNotFound if none.
func (db *DB) LatestListVersion(ctx context.Context) (store.ListVersion, error) {
	v, err := latestVersion(ctx, db.pool)
	if err != nil {
		return store.ListVersion{}, fmt.Errorf("postgres: latest list version: %w", err)
	}
	return v, nil
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func latestVersion(ctx context.Context, q querier) (store.ListVersion, error) {
	var (
		v  store.ListVersion
		lj string
	)
	err := q.QueryRow(ctx, `SELECT id, version, instance, recorded, entities, lists::text
		FROM list_versions ORDER BY id DESC LIMIT 1`).Scan(&v.ID, &v.Version, &v.Instance, &v.Recorded, &v.Entities, &lj)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return v, store.ErrNotFound
	case err != nil:
		return v, err
	}
	v.Recorded = utc(v.Recorded)
	if err := json.Unmarshal([]byte(lj), &v.Lists); err != nil {
		return v, fmt.Errorf("list version %d: %w", v.ID, err)
	}
	return v, nil
}

// WatchListVersions listens for new versions on a connection of its own
// (LISTEN holds a session, so it cannot borrow a pooled connection for a
// moment), reconnecting when the connection is lost; see
// store.ListVersions.
func (db *DB) WatchListVersions(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	signal := func() {
		select {
		case ch <- struct{}{}:
		default: // one is pending already
		}
	}
	go func() {
		defer close(ch)
		delay := retryMin
		for ctx.Err() == nil {
			if db.listen(ctx, signal) {
				delay = retryMin
			}
			select {
			case <-ctx.Done():
			case <-time.After(delay):
			}
			delay = min(2*delay, retryMax)
		}
	}()
	return ch
}

// listen runs one connection of a watch until it fails or ctx ends, and
// reports whether it got as far as listening.
func (db *DB) listen(ctx context.Context, signal func()) bool {
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return false
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return false
	}
	// Whatever was recorded before this LISTEN took effect (at start, or
	// while the connection was down) was not heard: have it read.
	signal()
	prefix := db.schema + " "
	for {
		wctx, cancel := context.WithTimeout(ctx, pingEvery)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			if strings.HasPrefix(n.Payload, prefix) {
				signal()
			}
		case ctx.Err() != nil:
			return true
		case errors.Is(err, context.DeadlineExceeded) || wctx.Err() != nil:
			// Quiet for a while: check the connection is still there.
			pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return true
			}
		default:
			return true
		}
	}
}

// LockRefresh takes the cluster-wide refresh lock: a session advisory
// lock on a connection of its own, so that it goes with the process if
// the process dies; see store.ListVersions.
func (db *DB) LockRefresh(ctx context.Context) (func(), error) {
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("postgres: refresh lock: %w", err)
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", db.refreshLock); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("postgres: refresh lock: %w", err)
	}
	return func() {
		// Closing the session would release the lock anyway; unlocking
		// first says what is meant.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", db.refreshLock)
		conn.Close(ctx)
	}, nil
}
