package store

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// CheckAudit validates a record before it is written. Engines call it on
// every record of a batch before starting the transaction, and the
// Auditor on each record before queueing it, so that one malformed
// record is refused alone instead of failing the whole group commit it
// would have shared with other requests.
func CheckAudit(rec *interdict.AuditRecord) error {
	switch {
	case rec == nil:
		return fmt.Errorf("nil audit record: %w", ErrInvalid)
	case rec.ID != 0:
		// Written already (or a caller's ID): appending it again would
		// record one decision twice.
		return fmt.Errorf("audit record already has id %d: %w", rec.ID, ErrInvalid)
	case rec.At.IsZero():
		return fmt.Errorf("audit record without a time: %w", ErrInvalid)
	case rec.At.Year() < 1970 || rec.At.Year() > 2261:
		// Beyond what int64 unix nanoseconds hold: a broken clock.
		return fmt.Errorf("audit record time %s out of range: %w", rec.At.Format(time.RFC3339), ErrInvalid)
	case rec.Decision != "alert" && rec.Decision != "clear":
		return fmt.Errorf("audit decision %q (want alert or clear): %w", rec.Decision, ErrInvalid)
	case !finite(rec.Query.MinScore):
		return fmt.Errorf("audit query min_score %v: %w", rec.Query.MinScore, ErrInvalid)
	}
	for _, f := range [...]struct{ name, v string }{{"key_id", rec.KeyID}, {"user", rec.User}, {"route", rec.Route}, {"snapshot", rec.Snapshot}} {
		// Stored as text columns: PostgreSQL refuses a NUL byte or
		// invalid UTF-8, which would fail the whole shared commit.
		if !utf8.ValidString(f.v) || strings.IndexByte(f.v, 0) >= 0 {
			return fmt.Errorf("audit %s %q: not valid UTF-8 text: %w", f.name, f.v, ErrInvalid)
		}
	}
	for _, m := range rec.Matches {
		// JSON has no NaN or infinity: such a score could not be stored.
		if !finite(m.Score) {
			return fmt.Errorf("audit match %s score %v: %w", m.ID, m.Score, ErrInvalid)
		}
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
