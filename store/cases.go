package store

import (
	"fmt"
	"net/url"
	"time"
	"unicode"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// CheckAlert validates an alert before OpenAlert writes it.
func CheckAlert(a *interdict.Alert) error {
	if err := CheckPartyID(a.Party); err != nil {
		return fmt.Errorf("alert party: %w", err)
	}
	switch {
	case a.EntityID == "":
		return fmt.Errorf("alert without an entity id: %w", ErrInvalid)
	case a.Fingerprint == "":
		return fmt.Errorf("alert without an entity fingerprint: %w", ErrInvalid)
	case !validTime(a.Opened):
		return fmt.Errorf("alert opening time %v: %w", a.Opened, ErrInvalid)
	case !finite(a.Score) || a.Score < 0 || a.Score > 1:
		return fmt.Errorf("alert score %v: %w", a.Score, ErrInvalid)
	case !finite(a.Query.MinScore):
		return fmt.Errorf("alert query min_score %v: %w", a.Query.MinScore, ErrInvalid)
	case a.Origin != interdict.OriginMonitor && a.Origin != interdict.OriginRefresh && a.Origin != interdict.OriginScreen:
		return fmt.Errorf("alert origin %q: %w", a.Origin, ErrInvalid)
	}
	return nil
}

// CheckEvent validates a case event given to TransitionAlert (state
// required) or AddCaseEvent (state set by the store).
func CheckEvent(ev *interdict.CaseEvent, needState bool) error {
	switch {
	case ev.Kind == "":
		return fmt.Errorf("case event without a kind: %w", ErrInvalid)
	case !validTime(ev.At):
		return fmt.Errorf("case event time %v: %w", ev.At, ErrInvalid)
	case needState && !ev.State.Valid():
		return fmt.Errorf("case event state %q: %w", ev.State, ErrInvalid)
	}
	return nil
}

// CheckPartyID validates a party reference: 1 to interdict.MaxPartyID
// bytes of valid UTF-8 without control characters.
func CheckPartyID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("empty party id: %w", ErrInvalid)
	case len(id) > interdict.MaxPartyID:
		return fmt.Errorf("party id of %d bytes, at most %d: %w", len(id), interdict.MaxPartyID, ErrInvalid)
	case !utf8.ValidString(id):
		return fmt.Errorf("party id is not UTF-8: %w", ErrInvalid)
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return fmt.Errorf("party id %q holds a control character: %w", id, ErrInvalid)
		}
	}
	return nil
}

// CheckMonitored validates a party before PutMonitored writes it.
func CheckMonitored(p *interdict.MonitoredParty) error {
	if err := CheckPartyID(p.ID); err != nil {
		return err
	}
	if len(p.Query.Names) == 0 {
		return fmt.Errorf("party %s without a name: %w", p.ID, ErrInvalid)
	}
	if !finite(p.Query.MinScore) {
		return fmt.Errorf("party %s min_score %v: %w", p.ID, p.Query.MinScore, ErrInvalid)
	}
	return nil
}

// CheckScreening validates a recorded screening.
func CheckScreening(r *interdict.MonitoredScreening) error {
	switch {
	case !validTime(r.At):
		return fmt.Errorf("screening of %s at %v: %w", r.ID, r.At, ErrInvalid)
	case !finite(r.Nearest):
		return fmt.Errorf("screening of %s nearest %v: %w", r.ID, r.Nearest, ErrInvalid)
	}
	return nil
}

// CheckWebhook validates a webhook before CreateWebhook writes it: an
// absolute http or https URL, a secret of at least 16 bytes, a time.
func CheckWebhook(w *interdict.Webhook) error {
	u, err := url.Parse(w.URL)
	switch {
	case err != nil:
		return fmt.Errorf("webhook url: %v: %w", err, ErrInvalid)
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		return fmt.Errorf("webhook url %q: want an absolute http or https URL: %w", w.URL, ErrInvalid)
	case len(w.Secret) < 16:
		return fmt.Errorf("webhook secret of %d bytes, at least 16: %w", len(w.Secret), ErrInvalid)
	case !validTime(w.Created):
		return fmt.Errorf("webhook creation time %v: %w", w.Created, ErrInvalid)
	case len(w.Name) > 200:
		return fmt.Errorf("webhook name of %d bytes, at most 200: %w", len(w.Name), ErrInvalid)
	}
	return nil
}

// validTime: set and within what int64 unix nanoseconds hold.
func validTime(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1970 && t.Year() <= 2261
}
