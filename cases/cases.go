// Package cases holds the rules of an alert's life: how a screening hit
// opens one, who may decide it and how (confirm a true match, dismiss a
// false positive, with a reason; under the four-eyes rule a second
// analyst approves), and that the history is only ever appended to.
//
// The store keeps alerts unique per active (party, entity) pair and
// applies each change atomically against the version the rules were
// checked on (store.TransitionAlert); this package decides whether a
// change is allowed.
package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// Errors of the rules, wrapped with the reason.
var (
	// ErrNotAllowed: the action does not apply to the alert in its state
	// (a decided alert, an approval of an open one), or the analyst may
	// not take it (approving one's own proposal).
	ErrNotAllowed = errors.New("not allowed")
	// ErrBadDecision: the request itself is wrong (an unknown action, a
	// missing or oversized reason).
	ErrBadDecision = errors.New("bad decision")
	// ErrNeedsReason (with ErrBadDecision) and ErrOwnProposal (with
	// ErrNotAllowed) name the two refusals an analyst meets most.
	ErrNeedsReason = errors.New("a reason is required")
	ErrOwnProposal = errors.New("a second analyst must approve")
)

// Actions an analyst takes on an alert.
const (
	ActionConfirm = "confirm" // a true match
	ActionDismiss = "dismiss" // a false positive
	ActionApprove = "approve" // the second analyst agrees (four-eyes)
	ActionReject  = "reject"  // the second analyst disagrees: back to open
)

// MaxReason bounds a decision's reason.
const MaxReason = 4000

// Actor is who acts: an API key and its name.
type Actor struct {
	KeyID string
	Name  string
}

// System is the service acting by itself (monitoring, refresh).
var System = Actor{Name: "system"}

// Decision is an analyst's request.
type Decision struct {
	Action string `json:"action"`
	Reason string `json:"reason"`
	// Version, when set, is the alert version the analyst saw: a
	// decision on a stale view is refused (store.ErrConflict) rather than
	// applied to a case that moved on.
	Version int64 `json:"version,omitempty"`
}

// Service applies the rules over a store.
type Service struct {
	Store store.Store
	// FourEyes requires a second analyst to approve every confirmation
	// and dismissal.
	FourEyes bool
	Now      func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Hit is a screening match to open an alert for.
type Hit struct {
	Party     string
	PartyName string
	Query     interdict.Query
	Match     interdict.Match
	// Entity is the listed entity matched, for its fingerprint.
	Entity   *interdict.Entity
	Snapshot string
	Origin   string
}

// Open opens an alert for a hit, unless its pair is covered (an active
// alert, or a decision on the same entity fingerprint): see
// store.Store.OpenAlert.
func (s *Service) Open(ctx context.Context, h Hit, by Actor) (interdict.Alert, bool, error) {
	if h.Entity == nil {
		return interdict.Alert{}, false, fmt.Errorf("cases: open: no entity for match %s", h.Match.ID)
	}
	a := interdict.Alert{
		Party:       h.Party,
		PartyName:   h.PartyName,
		Query:       h.Query,
		EntityID:    h.Entity.ID,
		EntityName:  h.Entity.PrimaryName(),
		Source:      h.Entity.Source,
		Fingerprint: interdict.EntityFingerprint(h.Entity),
		Score:       h.Match.Score,
		MatchedName: h.Match.MatchedName,
		Snapshot:    h.Snapshot,
		Origin:      h.Origin,
		Opened:      s.now(),
	}
	if a.PartyName == "" && len(h.Query.Names) > 0 {
		a.PartyName = h.Query.Names[0]
	}
	reason := fmt.Sprintf("score %.3f for %q against %s", h.Match.Score, h.Match.MatchedName, h.Snapshot)
	return s.Store.OpenAlert(ctx, a, interdict.CaseEvent{KeyID: by.KeyID, Actor: by.Name, Reason: reason})
}

// Decide applies an analyst's decision to alert id and returns the alert
// after it. Errors: store.ErrNotFound, store.ErrConflict (another decision
// came first, or d.Version is stale), ErrNotAllowed, ErrBadDecision.
func (s *Service) Decide(ctx context.Context, id int64, by Actor, d Decision) (interdict.Alert, error) {
	reason := strings.TrimSpace(d.Reason)
	if !utf8.ValidString(reason) || len(reason) > MaxReason {
		return interdict.Alert{}, fmt.Errorf("cases: reason of %d bytes (at most %d, UTF-8): %w", len(reason), MaxReason, ErrBadDecision)
	}
	if by.KeyID == "" {
		return interdict.Alert{}, fmt.Errorf("cases: a decision needs an analyst's key: %w", ErrBadDecision)
	}
	switch d.Action {
	case ActionConfirm, ActionDismiss, ActionReject:
		if reason == "" {
			return interdict.Alert{}, fmt.Errorf("cases: %s: %w: %w", d.Action, ErrNeedsReason, ErrBadDecision)
		}
	case ActionApprove:
	default:
		return interdict.Alert{}, fmt.Errorf("cases: action %q: want confirm, dismiss, approve or reject: %w", d.Action, ErrBadDecision)
	}
	a, evs, err := s.Store.GetAlert(ctx, id)
	if err != nil {
		return interdict.Alert{}, fmt.Errorf("cases: %w", err)
	}
	if d.Version != 0 && d.Version != a.Version {
		return interdict.Alert{}, fmt.Errorf("cases: alert %d is at version %d, the decision was made on %d: %w", id, a.Version, d.Version, store.ErrConflict)
	}
	ev, err := s.next(a, evs, by, d.Action, reason)
	if err != nil {
		return interdict.Alert{}, err
	}
	out, err := s.Store.TransitionAlert(ctx, id, a.Version, ev)
	if err != nil {
		return interdict.Alert{}, fmt.Errorf("cases: %w", err)
	}
	return out, nil
}

// next is the rule table: the event an action makes of an alert in its
// state, or why it may not.
func (s *Service) next(a interdict.Alert, evs []interdict.CaseEvent, by Actor, action, reason string) (interdict.CaseEvent, error) {
	ev := interdict.CaseEvent{At: s.now(), KeyID: by.KeyID, Actor: by.Name, Reason: reason}
	switch a.State {
	case interdict.AlertOpen:
		final, pending := interdict.AlertConfirmed, interdict.AlertPendingConfirm
		ev.Kind = interdict.EventConfirm
		switch action {
		case ActionConfirm:
		case ActionDismiss:
			final, pending, ev.Kind = interdict.AlertDismissed, interdict.AlertPendingDismiss, interdict.EventDismiss
		default:
			return ev, fmt.Errorf("cases: alert %d is open: %s applies only to a proposal awaiting approval: %w", a.ID, action, ErrNotAllowed)
		}
		if s.FourEyes {
			ev.Kind, ev.State = interdict.EventPropose, pending
		} else {
			ev.State = final
		}
		return ev, nil
	case interdict.AlertPendingConfirm, interdict.AlertPendingDismiss:
		proposer := ""
		for _, e := range evs {
			if e.Kind == interdict.EventPropose {
				proposer = e.KeyID
			}
		}
		switch action {
		case ActionApprove:
			if proposer == by.KeyID {
				return ev, fmt.Errorf("cases: alert %d: the proposal was made with this key: %w: %w", a.ID, ErrOwnProposal, ErrNotAllowed)
			}
			ev.Kind, ev.State = interdict.EventApprove, interdict.AlertConfirmed
			if a.State == interdict.AlertPendingDismiss {
				ev.State = interdict.AlertDismissed
			}
			return ev, nil
		case ActionReject:
			// The proposer may withdraw a proposal too: rejecting only
			// sends the alert back to open, it decides nothing.
			ev.Kind, ev.State = interdict.EventReject, interdict.AlertOpen
			return ev, nil
		}
		return ev, fmt.Errorf("cases: alert %d awaits a second analyst's approval of its %s proposal: approve or reject it: %w",
			a.ID, strings.TrimPrefix(string(a.State), "pending-"), ErrNotAllowed)
	}
	return ev, fmt.Errorf("cases: alert %d is %s; a decided case is final (it alerts again if the listed entity changes): %w", a.ID, a.State, ErrNotAllowed)
}

// Note appends a comment to an alert's history.
func (s *Service) Note(ctx context.Context, id int64, by Actor, text string) (interdict.CaseEvent, error) {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > MaxReason || !utf8.ValidString(text) {
		return interdict.CaseEvent{}, fmt.Errorf("cases: a note of 1 to %d bytes of UTF-8: %w", MaxReason, ErrBadDecision)
	}
	ev, err := s.Store.AddCaseEvent(ctx, id, interdict.CaseEvent{At: s.now(), Kind: interdict.EventNote, KeyID: by.KeyID, Actor: by.Name, Reason: text})
	if err != nil {
		return ev, fmt.Errorf("cases: %w", err)
	}
	return ev, nil
}

// Active lists the states an alert awaits a decision in.
var Active = []interdict.AlertState{interdict.AlertOpen, interdict.AlertPendingConfirm, interdict.AlertPendingDismiss}
