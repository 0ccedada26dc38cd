package cases

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

func newService(t *testing.T, fourEyes bool) *Service {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return &Service{Store: db, FourEyes: fourEyes, Now: func() time.Time { now = now.Add(time.Second); return now }}
}

var listed = &interdict.Entity{ID: "ofac-sdn:36", Source: "ofac-sdn", Kind: interdict.KindPerson,
	Names: []interdict.Name{{Full: "AEROCARIBBEAN AIRLINES", Type: interdict.NamePrimary}}}

func hit(party string, e *interdict.Entity) Hit {
	return Hit{Party: party, Query: interdict.Query{Names: []string{"Aero Caribbean"}}, Entity: e, Snapshot: "s-1", Origin: interdict.OriginMonitor,
		Match: interdict.Match{ID: e.ID, Score: 0.91, MatchedName: e.Names[0].Full, Alert: true}}
}

var (
	ana = Actor{KeyID: "k_ana", Name: "ana"}
	bob = Actor{KeyID: "k_bob", Name: "bob"}
)

func TestRules(t *testing.T) {
	type step struct {
		by     Actor
		action string
		reason string
		state  interdict.AlertState // after; "" when refused
		err    error
	}
	for _, tc := range []struct {
		name     string
		fourEyes bool
		steps    []step
	}{
		{"confirm", false, []step{{ana, ActionConfirm, "same DOB and passport", interdict.AlertConfirmed, nil}}},
		{"dismiss", false, []step{{ana, ActionDismiss, "different person: DOB 1990", interdict.AlertDismissed, nil}}},
		{"no reason", false, []step{{ana, ActionDismiss, "  ", "", ErrBadDecision}}},
		{"unknown action", false, []step{{ana, "escalate", "x", "", ErrBadDecision}}},
		{"approve open", false, []step{{ana, ActionApprove, "", "", ErrNotAllowed}}},
		{"decided is final", false, []step{
			{ana, ActionDismiss, "no", interdict.AlertDismissed, nil},
			{bob, ActionConfirm, "yes", "", ErrNotAllowed},
		}},
		{"four eyes", true, []step{
			{ana, ActionDismiss, "different person", interdict.AlertPendingDismiss, nil},
			{ana, ActionApprove, "", "", ErrNotAllowed},
			{ana, ActionConfirm, "changed my mind", "", ErrNotAllowed},
			{bob, ActionApprove, "agreed", interdict.AlertDismissed, nil},
		}},
		{"four eyes reject", true, []step{
			{ana, ActionConfirm, "same person", interdict.AlertPendingConfirm, nil},
			{bob, ActionReject, "needs the passport", interdict.AlertOpen, nil},
			{bob, ActionConfirm, "passport matches", interdict.AlertPendingConfirm, nil},
			{bob, ActionApprove, "", "", ErrNotAllowed},
			{ana, ActionApprove, "", interdict.AlertConfirmed, nil},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, tc.fourEyes)
			ctx := context.Background()
			a, opened, err := s.Open(ctx, hit("cust-1", listed), System)
			if err != nil || !opened {
				t.Fatalf("Open: %v, %v", opened, err)
			}
			want := []interdict.AlertState{interdict.AlertOpen}
			for i, st := range tc.steps {
				got, err := s.Decide(ctx, a.ID, st.by, Decision{Action: st.action, Reason: st.reason})
				if st.err != nil {
					if !errors.Is(err, st.err) {
						t.Fatalf("step %d %s by %s: %v, want %v", i, st.action, st.by.Name, err, st.err)
					}
					continue
				}
				if err != nil || got.State != st.state {
					t.Fatalf("step %d %s by %s: %s, %v; want %s", i, st.action, st.by.Name, got.State, err, st.state)
				}
				want = append(want, st.state)
			}
			_, evs, err := s.Store.GetAlert(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var states []interdict.AlertState
			for _, e := range evs {
				states = append(states, e.State)
			}
			if !slices.Equal(states, want) {
				t.Errorf("history states %v, want %v", states, want)
			}
		})
	}
}

func TestStaleVersion(t *testing.T) {
	s := newService(t, false)
	ctx := context.Background()
	a, _, _ := s.Open(ctx, hit("c", listed), System)
	if _, err := s.Note(ctx, a.ID, ana, "called the customer"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decide(ctx, a.ID, ana, Decision{Action: ActionDismiss, Reason: "no", Version: a.Version + 1}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("decision on a version never seen: %v", err)
	}
	if _, err := s.Decide(ctx, a.ID, ana, Decision{Action: ActionDismiss, Reason: "no", Version: a.Version}); err != nil {
		t.Errorf("decision on the current version: %v", err)
	}
	if _, err := s.Decide(ctx, a.ID, ana, Decision{Action: ActionDismiss, Reason: "no", Version: a.Version}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second decision on the same version: %v", err)
	}
	if _, err := s.Decide(ctx, 424242, ana, Decision{Action: ActionDismiss, Reason: "no"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown alert: %v", err)
	}
}

// TestSuppression: a dismissed pair stays quiet until the entity changes.
func TestSuppression(t *testing.T) {
	s := newService(t, false)
	ctx := context.Background()
	a, _, _ := s.Open(ctx, hit("c", listed), System)
	if _, err := s.Decide(ctx, a.ID, ana, Decision{Action: ActionDismiss, Reason: "another airline"}); err != nil {
		t.Fatal(err)
	}
	if b, opened, err := s.Open(ctx, hit("c", listed), System); err != nil || opened || b.ID != a.ID {
		t.Errorf("same entity again: opened %v id %d, %v", opened, b.ID, err)
	}
	changed := *listed
	changed.Names = append(slices.Clone(listed.Names), interdict.Name{Full: "AERO-CARIBBEAN", Type: interdict.NameAKA})
	b, opened, err := s.Open(ctx, hit("c", &changed), System)
	if err != nil || !opened || b.ID == a.ID {
		t.Errorf("entity changed: opened %v id %d, %v", opened, b.ID, err)
	}
}
