package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// The cases, monitoring and webhook tests. Each is listed in Run.

func alert(party, entity, fp string, offset time.Duration) interdict.Alert {
	return interdict.Alert{
		Party:       party,
		PartyName:   "Name of " + party,
		Query:       interdict.Query{Names: []string{"Name of " + party}, Kind: interdict.KindPerson},
		EntityID:    entity,
		EntityName:  "Listed " + entity,
		Source:      "ofac-sdn",
		Fingerprint: fp,
		Score:       0.875,
		MatchedName: "LISTED " + entity,
		Snapshot:    "s-abc",
		Origin:      interdict.OriginMonitor,
		Opened:      base.Add(offset),
	}
}

var system = interdict.CaseEvent{Actor: "system", Reason: "screening"}

func open(t *testing.T, s store.Store, a interdict.Alert) (interdict.Alert, bool) {
	t.Helper()
	got, opened, err := s.OpenAlert(context.Background(), a, system)
	if err != nil {
		t.Fatalf("OpenAlert(%s, %s): %v", a.Party, a.EntityID, err)
	}
	return got, opened
}

func getAlert(t *testing.T, s store.Store, id int64) (interdict.Alert, []interdict.CaseEvent) {
	t.Helper()
	a, evs, err := s.GetAlert(context.Background(), id)
	if err != nil {
		t.Fatalf("GetAlert(%d): %v", id, err)
	}
	return a, evs
}

func decide(kind interdict.CaseEventKind, state interdict.AlertState, key string, offset time.Duration) interdict.CaseEvent {
	return interdict.CaseEvent{At: base.Add(offset), Kind: kind, State: state, KeyID: key, Actor: "analyst " + key, Reason: "reason of " + key}
}

func testAlertOpen(t *testing.T, s store.Store) {
	ctx := context.Background()
	in := alert("cust-1", "ofac-sdn:36", "f-1", 0)
	a, opened := open(t, s, in)
	if !opened || a.ID <= 0 {
		t.Fatalf("first OpenAlert: opened %v, id %d", opened, a.ID)
	}
	want := in
	want.ID, want.State, want.Version, want.Updated = a.ID, interdict.AlertOpen, 1, in.Opened
	if !a.Opened.Equal(in.Opened) || !a.Updated.Equal(in.Opened) {
		t.Errorf("opened %v updated %v, want %v", a.Opened, a.Updated, in.Opened)
	}
	got, evs := getAlert(t, s, a.ID)
	if got.Opened.Location() != time.UTC || !got.Opened.Equal(in.Opened) {
		t.Errorf("read back opened %v, want %v in UTC", got.Opened, in.Opened)
	}
	got.Opened, got.Updated, want.Opened, want.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("alert read back:\n got %+v\nwant %+v", got, want)
	}
	if len(evs) != 1 || evs[0].Kind != interdict.EventOpened || evs[0].State != interdict.AlertOpen ||
		evs[0].AlertID != a.ID || evs[0].ID <= 0 || !evs[0].At.Equal(in.Opened) || evs[0].Actor != "system" || evs[0].Reason != "screening" {
		t.Errorf("history after opening: %+v", evs)
	}

	// The same pair again, even with another fingerprint or score: the
	// active alert covers it.
	again := alert("cust-1", "ofac-sdn:36", "f-2", time.Hour)
	again.Score = 0.99
	b, opened := open(t, s, again)
	if opened || b.ID != a.ID || b.Fingerprint != "f-1" {
		t.Errorf("OpenAlert of an active pair: opened %v, id %d (want %d), fingerprint %s", opened, b.ID, a.ID, b.Fingerprint)
	}
	// Another entity, another party: new alerts.
	if c, opened := open(t, s, alert("cust-1", "ofac-sdn:37", "f-1", 0)); !opened || c.ID == a.ID {
		t.Errorf("OpenAlert of another entity: opened %v id %d", opened, c.ID)
	}
	if c, opened := open(t, s, alert("cust-2", "ofac-sdn:36", "f-1", 0)); !opened || c.ID == a.ID {
		t.Errorf("OpenAlert of another party: opened %v id %d", opened, c.ID)
	}
	if _, _, err := s.GetAlert(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetAlert(unknown) = %v, want ErrNotFound", err)
	}

	for name, mut := range map[string]func(a *interdict.Alert){
		"no party":        func(a *interdict.Alert) { a.Party = "" },
		"long party":      func(a *interdict.Alert) { a.Party = string(make([]byte, 200)) },
		"control":         func(a *interdict.Alert) { a.Party = "a\nb" },
		"no entity":       func(a *interdict.Alert) { a.EntityID = "" },
		"no fingerprint":  func(a *interdict.Alert) { a.Fingerprint = "" },
		"no time":         func(a *interdict.Alert) { a.Opened = time.Time{} },
		"score above one": func(a *interdict.Alert) { a.Score = 1.5 },
		"bad origin":      func(a *interdict.Alert) { a.Origin = "elsewhere" },
	} {
		bad := alert("cust-bad", "ofac-sdn:1", "f", 0)
		mut(&bad)
		if _, _, err := s.OpenAlert(ctx, bad, system); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("OpenAlert(%s) = %v, want ErrInvalid", name, err)
		}
	}
	if as, err := s.ListAlerts(ctx, interdict.AlertFilter{Party: "cust-bad"}); err != nil || len(as) != 0 {
		t.Errorf("invalid alerts written: %v, %v", as, err)
	}
}

// testAlertSuppression: a decided pair stays closed while the listed
// entity's fingerprint is unchanged, and alerts again when it changes.
func testAlertSuppression(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, final := range []interdict.AlertState{interdict.AlertDismissed, interdict.AlertConfirmed} {
		party := "p-" + string(final)
		a, _ := open(t, s, alert(party, "ofac-sdn:36", "f-1", 0))
		d, err := s.TransitionAlert(ctx, a.ID, 1, decide(interdict.CaseEventKind(final), final, "k_a", time.Minute))
		if err != nil {
			t.Fatalf("TransitionAlert: %v", err)
		}
		if d.State != final || d.Version != 2 || !d.Updated.Equal(base.Add(time.Minute)) {
			t.Errorf("after decision: %+v", d)
		}
		b, opened := open(t, s, alert(party, "ofac-sdn:36", "f-1", time.Hour))
		if opened || b.ID != a.ID || b.State != final {
			t.Errorf("%s pair, same fingerprint: opened %v, got alert %d (%s), want %d", final, opened, b.ID, b.State, a.ID)
		}
		c, opened := open(t, s, alert(party, "ofac-sdn:36", "f-2", 2*time.Hour))
		if !opened || c.ID <= a.ID || c.State != interdict.AlertOpen || c.Fingerprint != "f-2" {
			t.Errorf("%s pair, changed fingerprint: opened %v, %+v", final, opened, c)
		}
		// The new alert is now the pair's latest and active.
		if e, opened := open(t, s, alert(party, "ofac-sdn:36", "f-1", 3*time.Hour)); opened || e.ID != c.ID {
			t.Errorf("after reopening: opened %v id %d, want %d", opened, e.ID, c.ID)
		}
		// Dismiss it too; the old fingerprint f-1 is no longer the latest
		// decision's, so it alerts again.
		if _, err := s.TransitionAlert(ctx, c.ID, 1, decide(interdict.EventDismiss, interdict.AlertDismissed, "k_a", 4*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if e, opened := open(t, s, alert(party, "ofac-sdn:36", "f-1", 5*time.Hour)); !opened || e.ID <= c.ID {
			t.Errorf("fingerprint back to an older one: opened %v id %d", opened, e.ID)
		}
	}
}

// testAlertOpenConcurrent: many openers of one pair at once open one alert.
func testAlertOpenConcurrent(t *testing.T, s store.Store) {
	const workers = 12
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		opened int
		ids    = map[int64]bool{}
	)
	for w := range workers {
		wg.Go(func() {
			for pair := range 5 {
				a, ok, err := s.OpenAlert(context.Background(), alert(fmt.Sprintf("c%d", pair), "ofac-sdn:36", "f-1", time.Duration(w)*time.Second), system)
				if err != nil {
					t.Errorf("OpenAlert: %v", err)
					return
				}
				mu.Lock()
				if ok {
					opened++
				}
				ids[a.ID] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if opened != 5 || len(ids) != 5 {
		t.Errorf("%d openers of 5 pairs: %d opened, %d distinct ids; want 5 and 5", workers, opened, len(ids))
	}
	as, err := s.ListAlerts(context.Background(), interdict.AlertFilter{})
	if err != nil || len(as) != 5 {
		t.Errorf("ListAlerts: %d alerts, %v; want 5", len(as), err)
	}
}

func testAlertTransition(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _ := open(t, s, alert("c", "ofac-sdn:36", "f-1", 0))
	p, err := s.TransitionAlert(ctx, a.ID, 1, decide(interdict.EventPropose, interdict.AlertPendingDismiss, "k_a", time.Minute))
	if err != nil || p.State != interdict.AlertPendingDismiss || p.Version != 2 {
		t.Fatalf("propose: %+v, %v", p, err)
	}
	// A decision made on the version before loses.
	if _, err := s.TransitionAlert(ctx, a.ID, 1, decide(interdict.EventConfirm, interdict.AlertConfirmed, "k_b", 2*time.Minute)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale version: %v, want ErrConflict", err)
	}
	if _, err := s.TransitionAlert(ctx, 999999, 1, decide(interdict.EventConfirm, interdict.AlertConfirmed, "k_b", 2*time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown alert: %v, want ErrNotFound", err)
	}
	for name, ev := range map[string]interdict.CaseEvent{
		"no kind":  {At: base, State: interdict.AlertOpen},
		"no time":  {Kind: interdict.EventReject, State: interdict.AlertOpen},
		"no state": {At: base, Kind: interdict.EventReject},
		"bad":      {At: base, Kind: interdict.EventReject, State: "maybe"},
	} {
		if _, err := s.TransitionAlert(ctx, a.ID, 2, ev); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("TransitionAlert(%s) = %v, want ErrInvalid", name, err)
		}
	}
	r, err := s.TransitionAlert(ctx, a.ID, 2, decide(interdict.EventReject, interdict.AlertOpen, "k_b", 3*time.Minute))
	if err != nil || r.State != interdict.AlertOpen || r.Version != 3 {
		t.Fatalf("reject: %+v, %v", r, err)
	}
	d, err := s.TransitionAlert(ctx, a.ID, 3, decide(interdict.EventDismiss, interdict.AlertDismissed, "k_c", 4*time.Minute))
	if err != nil || d.State != interdict.AlertDismissed || d.Version != 4 {
		t.Fatalf("dismiss: %+v, %v", d, err)
	}
	// A new alert of the pair (new fingerprint), then the old one moved
	// back to active: two active alerts of one pair are refused.
	if _, opened := open(t, s, alert("c", "ofac-sdn:36", "f-2", time.Hour)); !opened {
		t.Fatal("changed fingerprint did not open")
	}
	if _, err := s.TransitionAlert(ctx, a.ID, 4, decide("reopened", interdict.AlertOpen, "k_c", 2*time.Hour)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second active alert of a pair: %v, want ErrConflict", err)
	}
	got, evs := getAlert(t, s, a.ID)
	if got.State != interdict.AlertDismissed || got.Version != 4 {
		t.Errorf("alert after refused moves: %+v", got)
	}
	var kinds []interdict.CaseEventKind
	var states []interdict.AlertState
	for i, ev := range evs {
		kinds = append(kinds, ev.Kind)
		states = append(states, ev.State)
		if i > 0 && (ev.ID <= evs[i-1].ID || ev.At.Before(evs[i-1].At)) {
			t.Errorf("history out of order at %d: %+v", i, evs)
		}
	}
	wantKinds := []interdict.CaseEventKind{interdict.EventOpened, interdict.EventPropose, interdict.EventReject, interdict.EventDismiss}
	wantStates := []interdict.AlertState{interdict.AlertOpen, interdict.AlertPendingDismiss, interdict.AlertOpen, interdict.AlertDismissed}
	if !slices.Equal(kinds, wantKinds) || !slices.Equal(states, wantStates) {
		t.Errorf("history kinds %v states %v, want %v %v", kinds, states, wantKinds, wantStates)
	}
	if evs[1].KeyID != "k_a" || evs[1].Actor != "analyst k_a" || evs[1].Reason != "reason of k_a" || !evs[1].At.Equal(base.Add(time.Minute)) {
		t.Errorf("proposal event: %+v", evs[1])
	}
}

// testAlertDecideConcurrent: of several decisions on one version, one wins.
func testAlertDecideConcurrent(t *testing.T, s store.Store) {
	a, _ := open(t, s, alert("c", "ofac-sdn:36", "f-1", 0))
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		won, lost int
	)
	for w := range 8 {
		wg.Go(func() {
			_, err := s.TransitionAlert(context.Background(), a.ID, 1, decide(interdict.EventDismiss, interdict.AlertDismissed, fmt.Sprintf("k_%d", w), time.Minute))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, store.ErrConflict):
				lost++
			default:
				t.Errorf("TransitionAlert: %v", err)
			}
		})
	}
	wg.Wait()
	if won != 1 || lost != 7 {
		t.Errorf("8 decisions on one version: %d won, %d lost; want 1 and 7", won, lost)
	}
	if _, evs := getAlert(t, s, a.ID); len(evs) != 2 {
		t.Errorf("history has %d events, want 2", len(evs))
	}
}

func testAlertEvents(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _ := open(t, s, alert("c", "ofac-sdn:36", "f-1", 0))
	ev, err := s.AddCaseEvent(ctx, a.ID, interdict.CaseEvent{At: base.Add(time.Hour), Kind: interdict.EventEntityRemoved, Actor: "system", Reason: "removed from ofac-sdn"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID <= 0 || ev.AlertID != a.ID || ev.State != interdict.AlertOpen {
		t.Errorf("event written: %+v", ev)
	}
	got, evs := getAlert(t, s, a.ID)
	if got.Version != 1 || got.State != interdict.AlertOpen || !got.Updated.Equal(base.Add(time.Hour)) {
		t.Errorf("alert after a note: %+v", got)
	}
	if len(evs) != 2 || !reflect.DeepEqual(evs[1], ev) {
		t.Errorf("history: %+v, want the note %+v last", evs, ev)
	}
	if _, err := s.AddCaseEvent(ctx, 999999, interdict.CaseEvent{At: base, Kind: interdict.EventNote}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddCaseEvent(unknown) = %v", err)
	}
	if _, err := s.AddCaseEvent(ctx, a.ID, interdict.CaseEvent{At: base}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("AddCaseEvent(no kind) = %v", err)
	}
	// Decisions after a note work on the unchanged version.
	if _, err := s.TransitionAlert(ctx, a.ID, 1, decide(interdict.EventConfirm, interdict.AlertConfirmed, "k", 2*time.Hour)); err != nil {
		t.Errorf("decision after a note: %v", err)
	}
}

func testAlertList(t *testing.T, s store.Store) {
	ctx := context.Background()
	var all []interdict.Alert
	for i := range 12 {
		a, _ := open(t, s, alert(fmt.Sprintf("c%d", i%3), fmt.Sprintf("ofac-sdn:%d", i%4), "f", time.Duration(i)*time.Minute))
		all = append(all, a)
	}
	// (c0..c2 x 0..3: 12 distinct pairs; i%3, i%4 cover all 12.)
	for i, a := range all {
		if i%5 == 0 {
			if _, err := s.TransitionAlert(ctx, a.ID, 1, decide(interdict.EventDismiss, interdict.AlertDismissed, "k", time.Hour)); err != nil {
				t.Fatal(err)
			}
			all[i].State = interdict.AlertDismissed
		}
	}
	check := func(f interdict.AlertFilter) {
		t.Helper()
		var want []int64
		for _, a := range all {
			if (len(f.States) == 0 || slices.Contains(f.States, a.State)) && (f.Party == "" || a.Party == f.Party) &&
				(f.EntityID == "" || a.EntityID == f.EntityID) && a.ID > f.AfterID {
				want = append(want, a.ID)
			}
		}
		if f.Limit > 0 && len(want) > f.Limit {
			want = want[:f.Limit]
		}
		got, err := s.ListAlerts(ctx, f)
		if err != nil {
			t.Fatalf("ListAlerts(%+v): %v", f, err)
		}
		var gotIDs []int64
		for _, a := range got {
			gotIDs = append(gotIDs, a.ID)
		}
		if !slices.Equal(gotIDs, want) {
			t.Errorf("ListAlerts(%+v) = %v, want %v", f, gotIDs, want)
		}
	}
	check(interdict.AlertFilter{})
	check(interdict.AlertFilter{States: []interdict.AlertState{interdict.AlertOpen}})
	check(interdict.AlertFilter{States: []interdict.AlertState{interdict.AlertOpen, interdict.AlertDismissed}})
	check(interdict.AlertFilter{States: []interdict.AlertState{interdict.AlertConfirmed}})
	check(interdict.AlertFilter{Party: "c1"})
	check(interdict.AlertFilter{EntityID: "ofac-sdn:2", States: []interdict.AlertState{interdict.AlertOpen}})
	check(interdict.AlertFilter{AfterID: all[3].ID, Limit: 4})
	check(interdict.AlertFilter{Party: "c0", AfterID: all[0].ID, Limit: 1})
	counts, err := s.CountAlerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[interdict.AlertState]int64{interdict.AlertOpen: 9, interdict.AlertDismissed: 3}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("CountAlerts = %v, want %v", counts, want)
	}
}

func party(id, name string) interdict.MonitoredParty {
	return interdict.MonitoredParty{ID: id, Query: interdict.Query{Names: []string{name}, Countries: []string{"RU"}}}
}

func testMonitored(t *testing.T, s store.Store) {
	ctx := context.Background()
	if n, err := s.CountMonitored(ctx); err != nil || n != 0 {
		t.Errorf("CountMonitored on a new store: %d, %v", n, err)
	}
	if ps, err := s.ListMonitored(ctx, "", 0); err != nil || len(ps) != 0 {
		t.Errorf("ListMonitored on a new store: %v, %v", ps, err)
	}
	added, changed, err := s.PutMonitored(ctx, []interdict.MonitoredParty{
		party("b", "Beta"), party("a", "Alpha"), party("c", "Gamma"), party("c", "Gamma Two"), party("Z", "Zed"), party("é", "E"),
	}, base)
	if err != nil || added != 5 || changed != 0 {
		t.Fatalf("PutMonitored: %d added, %d changed, %v; want 5, 0", added, changed, err)
	}
	c, err := s.GetMonitored(ctx, "c")
	if err != nil || c.Query.Names[0] != "Gamma Two" || !c.Added.Equal(base) || !c.Updated.Equal(base) || !c.Screened.IsZero() || c.Snapshot != "" {
		t.Errorf("GetMonitored(c) = %+v, %v; the last of an ID wins", c, err)
	}
	if err := s.RecordScreenings(ctx, []interdict.MonitoredScreening{
		{ID: "a", At: base.Add(time.Minute), Snapshot: "s-1", Nearest: 0.71},
		{ID: "c", At: base.Add(time.Minute), Snapshot: "s-1", Nearest: 0.5},
		{ID: "gone", At: base.Add(time.Minute), Snapshot: "s-1", Nearest: 0.9},
	}); err != nil {
		t.Fatalf("RecordScreenings: %v", err)
	}
	a, err := s.GetMonitored(ctx, "a")
	if err != nil || !a.Screened.Equal(base.Add(time.Minute)) || a.Screened.Location() != time.UTC || a.Snapshot != "s-1" || a.Nearest != 0.71 {
		t.Errorf("after RecordScreenings: %+v, %v", a, err)
	}
	if _, err := s.GetMonitored(ctx, "gone"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a screening of an unknown ID created it: %v", err)
	}
	// Again: a unchanged, c changed (its screening cleared), d new.
	added, changed, err = s.PutMonitored(ctx, []interdict.MonitoredParty{party("a", "Alpha"), party("c", "Gamma Three"), party("d", "Delta")}, base.Add(time.Hour))
	if err != nil || added != 1 || changed != 1 {
		t.Fatalf("second PutMonitored: %d added, %d changed, %v; want 1, 1", added, changed, err)
	}
	a, _ = s.GetMonitored(ctx, "a")
	if !a.Updated.Equal(base) || a.Snapshot != "s-1" {
		t.Errorf("unchanged party was touched: %+v", a)
	}
	c, _ = s.GetMonitored(ctx, "c")
	if !c.Added.Equal(base) || !c.Updated.Equal(base.Add(time.Hour)) || c.Snapshot != "" || c.Nearest != 0 || !c.Screened.IsZero() || c.Query.Names[0] != "Gamma Three" {
		t.Errorf("changed party: %+v", c)
	}
	// Byte order: "Z" < "a" < … < "é".
	var order []string
	after := ""
	for {
		page, err := s.ListMonitored(ctx, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, p := range page {
			order = append(order, p.ID)
		}
		after = page[len(page)-1].ID
	}
	if want := []string{"Z", "a", "b", "c", "d", "é"}; !slices.Equal(order, want) {
		t.Errorf("ListMonitored pages: %v, want %v", order, want)
	}
	if n, _ := s.CountMonitored(ctx); n != 6 {
		t.Errorf("CountMonitored = %d, want 6", n)
	}
	if err := s.DeleteMonitored(ctx, "b"); err != nil {
		t.Errorf("DeleteMonitored: %v", err)
	}
	if err := s.DeleteMonitored(ctx, "b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteMonitored twice: %v", err)
	}
	if n, _ := s.CountMonitored(ctx); n != 5 {
		t.Errorf("CountMonitored after delete = %d, want 5", n)
	}
	// Invalid parties: nothing of the call is written.
	for name, p := range map[string]interdict.MonitoredParty{
		"no id":    party("", "X"),
		"long id":  party(string(make([]byte, 129)), "X"),
		"no names": {ID: "x"},
	} {
		if _, _, err := s.PutMonitored(ctx, []interdict.MonitoredParty{party("ok", "OK"), p}, base); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("PutMonitored(%s) = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := s.GetMonitored(ctx, "ok"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused call wrote a party: %v", err)
	}
	if err := s.RecordScreenings(ctx, []interdict.MonitoredScreening{{ID: "a"}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("RecordScreenings without a time: %v", err)
	}
}

func testMonitoredBulk(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 5000
	ps := make([]interdict.MonitoredParty, n)
	for i := range ps {
		ps[i] = party(fmt.Sprintf("cust-%05d", i), fmt.Sprintf("Customer %d", i))
	}
	added, changed, err := s.PutMonitored(ctx, ps, base)
	if err != nil || added != n || changed != 0 {
		t.Fatalf("PutMonitored(%d): %d, %d, %v", n, added, changed, err)
	}
	got, err := s.ListMonitored(ctx, "", 0)
	if err != nil || len(got) != n || got[0].ID != "cust-00000" || got[n-1].ID != fmt.Sprintf("cust-%05d", n-1) {
		t.Fatalf("ListMonitored: %d, %v", len(got), err)
	}
}

func webhook(name string, active bool) interdict.Webhook {
	return interdict.Webhook{Name: name, URL: "https://example.test/hooks/" + name, Secret: "0123456789abcdef-" + name, Active: active, Created: base}
}

func testWebhooks(t *testing.T, s store.Store) {
	ctx := context.Background()
	w, err := s.CreateWebhook(ctx, webhook("one", true))
	if err != nil || w.ID <= 0 || w.Secret != "0123456789abcdef-one" || !w.Created.Equal(base) {
		t.Fatalf("CreateWebhook: %+v, %v", w, err)
	}
	w2, err := s.CreateWebhook(ctx, webhook("two", false))
	if err != nil || w2.ID <= w.ID {
		t.Fatalf("CreateWebhook: %+v, %v", w2, err)
	}
	g, err := s.GetWebhook(ctx, w.ID)
	if err != nil || !reflect.DeepEqual(g, w) {
		t.Errorf("GetWebhook = %+v, %v; want %+v", g, err, w)
	}
	if _, err := s.GetWebhook(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetWebhook(unknown) = %v", err)
	}
	if err := s.SetWebhookActive(ctx, w2.ID, true); err != nil {
		t.Error(err)
	}
	if err := s.SetWebhookActive(ctx, 99999, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetWebhookActive(unknown) = %v", err)
	}
	ws, err := s.ListWebhooks(ctx)
	if err != nil || len(ws) != 2 || ws[0].ID != w.ID || !ws[1].Active || ws[1].Secret == "" {
		t.Errorf("ListWebhooks = %+v, %v", ws, err)
	}
	for name, mut := range map[string]func(*interdict.Webhook){
		"relative url": func(w *interdict.Webhook) { w.URL = "/hooks" },
		"ftp":          func(w *interdict.Webhook) { w.URL = "ftp://example.test/" },
		"short secret": func(w *interdict.Webhook) { w.Secret = "short" },
		"no time":      func(w *interdict.Webhook) { w.Created = time.Time{} },
	} {
		bad := webhook("bad", true)
		mut(&bad)
		if _, err := s.CreateWebhook(ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("CreateWebhook(%s) = %v, want ErrInvalid", name, err)
		}
	}
}

func claim(t *testing.T, s store.Store, now time.Time, limit int) []interdict.Delivery {
	t.Helper()
	ds, err := s.ClaimDeliveries(context.Background(), now, time.Minute, limit)
	if err != nil {
		t.Fatalf("ClaimDeliveries: %v", err)
	}
	return ds
}

func deliveryIDs(ds []interdict.Delivery) []int64 {
	var out []int64
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func testOutbox(t *testing.T, s store.Store) {
	ctx := context.Background()
	on, _ := s.CreateWebhook(ctx, webhook("on", true))
	off, _ := s.CreateWebhook(ctx, webhook("off", false))
	on2, _ := s.CreateWebhook(ctx, webhook("on2", true))
	a, _ := open(t, s, alert("c", "ofac-sdn:36", "f", 0))
	// A covered pair writes no delivery.
	open(t, s, alert("c", "ofac-sdn:36", "f", time.Minute))
	ds, err := s.ListDeliveries(ctx, interdict.DeliveryFilter{AlertID: a.ID})
	if err != nil || len(ds) != 2 {
		t.Fatalf("deliveries of a new alert: %+v, %v; want one per active webhook", ds, err)
	}
	for i, w := range []int64{on.ID, on2.ID} {
		d := ds[i]
		if d.WebhookID != w || d.AlertID != a.ID || d.Key != interdict.DeliveryKey(a.ID, w) || d.Event != interdict.EventAlertOpened ||
			d.State != interdict.DeliveryPending || d.Attempts != 0 || !d.NextAttempt.Equal(a.Opened) || !d.Created.Equal(a.Opened) {
			t.Errorf("delivery %d: %+v", i, d)
		}
	}
	if err := s.SetWebhookActive(ctx, on2.ID, false); err != nil {
		t.Fatal(err)
	}
	_ = off

	// Not due yet, then due: only the active webhook's.
	if got := claim(t, s, base.Add(-time.Second), 10); len(got) != 0 {
		t.Errorf("claimed before due: %v", deliveryIDs(got))
	}
	now := base.Add(time.Second)
	got := claim(t, s, now, 10)
	if len(got) != 1 || got[0].ID != ds[0].ID || got[0].LeaseToken == "" || !got[0].LeaseUntil.Equal(now.Add(time.Minute)) {
		t.Fatalf("claim: %+v", got)
	}
	first := got[0]
	if again := claim(t, s, now.Add(30*time.Second), 10); len(again) != 0 {
		t.Errorf("claimed while leased: %v", deliveryIDs(again))
	}
	// The lease runs out: another worker claims it with another token.
	second := claim(t, s, now.Add(2*time.Minute), 10)
	if len(second) != 1 || second[0].ID != first.ID || second[0].LeaseToken == first.LeaseToken {
		t.Fatalf("claim after the lease: %+v", second)
	}
	fail := interdict.DeliveryAttempt{At: now.Add(2 * time.Minute), Status: 500, Error: "500 Internal Server Error", Next: now.Add(5 * time.Minute)}
	if err := s.FinishAttempt(ctx, first.ID, first.LeaseToken, fail); !errors.Is(err, store.ErrConflict) {
		t.Errorf("failure with a lost lease = %v, want ErrConflict", err)
	}
	if err := s.FinishAttempt(ctx, first.ID, second[0].LeaseToken, fail); err != nil {
		t.Fatalf("FinishAttempt(failure): %v", err)
	}
	d := listOne(t, s, first.ID)
	if d.State != interdict.DeliveryPending || d.Attempts != 1 || d.LastStatus != 500 || d.LastError != fail.Error || !d.NextAttempt.Equal(fail.Next) {
		t.Errorf("after a failure: %+v", d)
	}
	if err := s.FinishAttempt(ctx, first.ID, second[0].LeaseToken, fail); !errors.Is(err, store.ErrConflict) {
		t.Errorf("failure reported twice = %v, want ErrConflict (lease released)", err)
	}
	if got := claim(t, s, now.Add(4*time.Minute), 10); len(got) != 0 {
		t.Errorf("claimed before its next attempt: %v", deliveryIDs(got))
	}
	third := claim(t, s, now.Add(5*time.Minute), 10)
	if len(third) != 1 {
		t.Fatalf("claim at the next attempt: %+v", third)
	}
	// The last try fails: a dead letter.
	last := interdict.DeliveryAttempt{At: now.Add(5 * time.Minute), Error: "timeout"}
	if err := s.FinishAttempt(ctx, first.ID, third[0].LeaseToken, last); err != nil {
		t.Fatal(err)
	}
	dead, err := s.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDead})
	if err != nil || len(dead) != 1 || dead[0].ID != first.ID || dead[0].Attempts != 2 || dead[0].LastError != "timeout" || !dead[0].Done.Equal(last.At) {
		t.Errorf("dead letters: %+v, %v", dead, err)
	}
	if got := claim(t, s, now.Add(time.Hour), 10); len(got) != 0 {
		t.Errorf("a dead letter was claimed: %v", deliveryIDs(got))
	}
	if err := s.RequeueDelivery(ctx, ds[1].ID, now); !errors.Is(err, store.ErrConflict) {
		t.Errorf("requeue of a pending delivery = %v, want ErrConflict", err)
	}
	if err := s.RequeueDelivery(ctx, 99999, now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("requeue of an unknown delivery = %v", err)
	}
	if err := s.RequeueDelivery(ctx, first.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	d = listOne(t, s, first.ID)
	if d.State != interdict.DeliveryPending || d.Attempts != 0 || !d.Done.IsZero() || !d.NextAttempt.Equal(now.Add(time.Hour)) {
		t.Errorf("requeued: %+v", d)
	}
	fourth := claim(t, s, now.Add(time.Hour), 10)
	if len(fourth) != 1 {
		t.Fatalf("claim after requeue: %+v", fourth)
	}
	// A success counts whatever the token.
	ok := interdict.DeliveryAttempt{At: now.Add(time.Hour), OK: true, Status: 200}
	if err := s.FinishAttempt(ctx, first.ID, "not-the-token", ok); err != nil {
		t.Fatalf("success with another token: %v", err)
	}
	if err := s.FinishAttempt(ctx, first.ID, fourth[0].LeaseToken, ok); err != nil {
		t.Errorf("success reported twice: %v", err)
	}
	if err := s.FinishAttempt(ctx, first.ID, fourth[0].LeaseToken, fail); !errors.Is(err, store.ErrConflict) {
		t.Errorf("failure after success = %v, want ErrConflict", err)
	}
	d = listOne(t, s, first.ID)
	if d.State != interdict.DeliveryDelivered || d.Attempts != 1 || !d.Done.Equal(ok.At) {
		t.Errorf("delivered: %+v", d)
	}
	if err := s.FinishAttempt(ctx, 99999, "", ok); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FinishAttempt(unknown) = %v", err)
	}
	if err := s.FinishAttempt(ctx, first.ID, "", interdict.DeliveryAttempt{OK: true}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("FinishAttempt without a time = %v", err)
	}
	if _, err := s.ClaimDeliveries(ctx, now, time.Minute, 0); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("ClaimDeliveries(limit 0) = %v", err)
	}
	// The inactive webhook's delivery waits, and goes once it is on.
	if err := s.SetWebhookActive(ctx, on2.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, s, now.Add(2*time.Hour), 10); len(got) != 1 || got[0].ID != ds[1].ID {
		t.Errorf("claim after reactivation: %v", deliveryIDs(got))
	}
	page, err := s.ListDeliveries(ctx, interdict.DeliveryFilter{AfterID: ds[0].ID, Limit: 5, WebhookID: on2.ID})
	if err != nil || len(page) != 1 || page[0].ID != ds[1].ID {
		t.Errorf("ListDeliveries page: %+v, %v", page, err)
	}
}

func listOne(t *testing.T, s store.Store, id int64) interdict.Delivery {
	t.Helper()
	ds, err := s.ListDeliveries(context.Background(), interdict.DeliveryFilter{AfterID: id - 1, Limit: 1})
	if err != nil || len(ds) != 1 || ds[0].ID != id {
		t.Fatalf("ListDeliveries(%d): %+v, %v", id, ds, err)
	}
	return ds[0]
}

// testOutboxConcurrent: workers claiming at once never share a delivery.
func testOutboxConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := range 3 {
		if _, err := s.CreateWebhook(ctx, webhook(fmt.Sprintf("w%d", i), true)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		open(t, s, alert(fmt.Sprintf("c%d", i), "ofac-sdn:36", "f", 0))
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		got = map[int64]int{}
	)
	for range 6 {
		wg.Go(func() {
			for {
				ds, err := s.ClaimDeliveries(ctx, base.Add(time.Second), time.Hour, 7)
				if err != nil {
					t.Errorf("ClaimDeliveries: %v", err)
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					got[d.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(got) != 120 {
		t.Errorf("%d deliveries claimed, want 120", len(got))
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("delivery %d claimed %d times under one lease", id, n)
		}
	}
}
