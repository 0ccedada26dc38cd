// Package monitor watches registered parties (a customer book) for new
// designations. A party is screened when it is registered, and a list
// refresh re-screens only the parties the change between the two
// snapshots can affect; every hit opens an alert through package cases
// (which keeps one active alert per pair and suppresses decided ones).
//
// Which parties a refresh re-screens, against the new snapshot in full:
//
//   - those never screened, or last screened against another snapshot
//     than the one being replaced (a restart across a list update);
//   - those whose last screening came within Margin of the threshold
//     (Nearest): a new version moves every score a little, since token
//     weights are counted over the whole list;
//   - those that the probe finds: every party is screened against a
//     small index built over the entities added, changed (old and new
//     versions) and removed by the refresh, and any match at or above
//     ProbeFloor there marks it. A removed or changed entity is probed
//     too because its departure can let another candidate into a
//     party's ranking.
//
// The acceptance test (TestRefreshOFAC) holds this to the full re-screen
// of a 10,000-party book: the same alerts, exactly.
package monitor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/listdiff"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

// DefaultMargin is how far under the threshold a party's last best score
// must lie for a refresh to leave it alone (unless the probe marks it).
// Measured by TestRefreshOFAC between the OFAC SDN files of 2024-02-20
// and 2024-05-03 (1,140 entities added, 106 removed, 37 changed) over a
// 10,000-party book: of the pairs of an unchanged entity scoring 0.5 or
// more in both, 60 moved by 0.01 or more and the largest move was 0.037.
// 0.1 would re-screen 1,126 parties instead of 820 there.
const DefaultMargin = 0.05

// ProbeFloor is the score against the probe index (the changed entities
// alone) at which a party is re-screened. The probe's token weights are
// counted over a few hundred entities, not the whole list, so its scores
// differ from the real ones; the floor is set far under the threshold
// to leave room for that, and TestRefreshOFAC checks that nothing is
// missed.
const ProbeFloor = 0.5

// pageSize is how many parties are read, screened and recorded at a time.
const pageSize = 1000

// Monitor screens monitored parties and opens their alerts.
type Monitor struct {
	Store store.Store
	Cases *cases.Service
	// Margin (0: DefaultMargin) and Workers (0: GOMAXPROCS).
	Margin  float64
	Workers int
	Log     *slog.Logger
	Now     func() time.Time
}

// Result counts what a registration or a refresh did.
type Result struct {
	Snapshot string `json:"snapshot"`
	// Parties registered (Register: in the request; Refresh: in the store).
	Parties int `json:"parties"`
	// Added and Changed: parties new to the store, and parties whose
	// query changed (Register).
	Added   int `json:"added,omitempty"`
	Changed int `json:"changed,omitempty"`
	// The diff (Refresh): entities added, changed and removed.
	EntitiesAdded   int `json:"entities_added,omitempty"`
	EntitiesChanged int `json:"entities_changed,omitempty"`
	EntitiesRemoved int `json:"entities_removed,omitempty"`
	// Probed: parties screened against the probe index; Rescreened:
	// parties screened against the full snapshot.
	Probed     int `json:"probed"`
	Rescreened int `json:"rescreened"`
	// Hits: matches at or above the threshold; Opened: alerts opened for
	// them; Covered: hits of a pair with an active alert or a decision
	// on the same entity version.
	Hits    int `json:"hits"`
	Opened  int `json:"opened"`
	Covered int `json:"covered"`
	// Noted: events written on active alerts whose entity changed or was
	// removed.
	Noted int `json:"noted"`
	// OpenedAlerts are the ids of the alerts opened.
	OpenedAlerts []int64 `json:"-"`
	// TookMS is the wall time in milliseconds.
	TookMS int64 `json:"took_ms"`
}

func (m *Monitor) margin() float64 {
	if m.Margin > 0 {
		return m.Margin
	}
	return DefaultMargin
}

func (m *Monitor) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Monitor) log() *slog.Logger {
	if m.Log != nil {
		return m.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Screen screens one party's query as monitoring does: every match down
// to margin under the threshold, up to screen.MaxLimit of them (the
// party's own limit and floor do not apply). It returns the matches at or
// above the threshold and the best score of all.
func Screen(sc *screen.Screener, q interdict.Query, margin float64) (hits []interdict.Match, nearest float64, err error) {
	q.MinScore = max(0, sc.Threshold-margin)
	q.Limit = screen.MaxLimit
	ms, err := sc.Screen(&q, false)
	if err != nil {
		return nil, 0, err
	}
	for _, mt := range ms {
		nearest = max(nearest, mt.Score)
		if mt.Alert {
			hits = append(hits, mt)
		}
	}
	return hits, nearest, nil
}

// Register stores parties (replacing the query of a known id), screens
// them against snap and opens alerts for their hits. A nil snap only
// stores them; the next refresh screens them.
func (m *Monitor) Register(ctx context.Context, snap *dataset.Snapshot, parties []interdict.MonitoredParty, by cases.Actor) (Result, error) {
	start := time.Now()
	added, changed, err := m.Store.PutMonitored(ctx, parties, m.now())
	if err != nil {
		return Result{}, fmt.Errorf("monitor: register: %w", err)
	}
	res := Result{Parties: len(parties), Added: added, Changed: changed}
	if snap == nil {
		return res, nil
	}
	res.Snapshot = snap.Version
	// The last of an id wins, as in the store.
	last := map[string]int{}
	for i, p := range parties {
		last[p.ID] = i
	}
	var todo []interdict.MonitoredParty
	for i, p := range parties {
		if last[p.ID] == i {
			todo = append(todo, p)
		}
	}
	for lo := 0; lo < len(todo); lo += pageSize {
		page := todo[lo:min(lo+pageSize, len(todo))]
		if err := m.rescreen(ctx, snap, page, interdict.OriginMonitor, by, &res); err != nil {
			return res, err
		}
	}
	res.TookMS = time.Since(start).Milliseconds()
	return res, nil
}

// Diff is what changed between two snapshots, by entity id and content
// fingerprint.
type Diff struct {
	Added   []*interdict.Entity // in the new snapshot
	Changed [][2]*interdict.Entity
	Removed []*interdict.Entity // of the old snapshot
}

// Compare diffs two snapshots' live entities.
func Compare(old, new *dataset.Snapshot) Diff {
	var d Diff
	before := make(map[string]*interdict.Entity, len(old.Index.Entities))
	for _, e := range old.Index.Entities {
		before[e.ID] = e
	}
	seen := make(map[string]bool, len(new.Index.Entities))
	for _, e := range new.Index.Entities {
		seen[e.ID] = true
		o, ok := before[e.ID]
		switch {
		case !ok:
			d.Added = append(d.Added, e)
		case o != e && interdict.EntityFingerprint(o) != interdict.EntityFingerprint(e):
			d.Changed = append(d.Changed, [2]*interdict.Entity{o, e})
		}
	}
	for _, e := range old.Index.Entities {
		if !seen[e.ID] {
			d.Removed = append(d.Removed, e)
		}
	}
	return d
}

// Refresh re-screens, against next, the monitored parties the change from
// prev can affect (see the package comment), opens alerts for their hits
// and notes changed and removed entities on active alerts. prev nil (the
// first snapshot after a start) re-screens every party not last screened
// against next.
func (m *Monitor) Refresh(ctx context.Context, prev, next *dataset.Snapshot) (Result, error) {
	start := time.Now()
	res := Result{Snapshot: next.Version}
	var probe *screen.Screener
	if prev != nil {
		d := Compare(prev, next)
		res.EntitiesAdded, res.EntitiesChanged, res.EntitiesRemoved = len(d.Added), len(d.Changed), len(d.Removed)
		var ents []*interdict.Entity
		ents = append(ents, d.Added...)
		for _, c := range d.Changed {
			ents = append(ents, c[0], c[1])
		}
		ents = append(ents, d.Removed...)
		if len(ents) > 0 {
			probe = screen.New(index.Build(ents))
		}
		if err := m.note(ctx, prev, next, d, &res); err != nil {
			return res, err
		}
	}
	margin := m.margin()
	threshold := next.Screener.Threshold
	after := ""
	for {
		page, err := m.Store.ListMonitored(ctx, after, pageSize)
		if err != nil {
			return res, fmt.Errorf("monitor: refresh: %w", err)
		}
		if len(page) == 0 {
			break
		}
		after = page[len(page)-1].ID
		res.Parties += len(page)
		var todo []interdict.MonitoredParty
		var probeThese []interdict.MonitoredParty
		for _, p := range page {
			switch {
			case p.Snapshot == next.Version:
				// Screened against next already (by another instance, or
				// a registration racing the refresh).
			case prev == nil || p.Snapshot != prev.Version:
				todo = append(todo, p)
			case p.Nearest >= threshold-margin:
				todo = append(todo, p)
			case probe != nil:
				probeThese = append(probeThese, p)
			}
		}
		marked, err := m.probe(ctx, probe, probeThese)
		if err != nil {
			return res, err
		}
		res.Probed += len(probeThese)
		todo = append(todo, marked...)
		if err := m.rescreen(ctx, next, todo, interdict.OriginRefresh, cases.System, &res); err != nil {
			return res, err
		}
		// Parties left alone are still valid against next: record that
		// so the next refresh diffs from here.
		var keep []interdict.MonitoredScreening
		at := m.now()
		done := make(map[string]bool, len(todo))
		for _, p := range todo {
			done[p.ID] = true
		}
		for _, p := range page {
			if p.Snapshot == next.Version || done[p.ID] {
				continue
			}
			keep = append(keep, interdict.MonitoredScreening{ID: p.ID, At: at, Snapshot: next.Version, Nearest: p.Nearest})
		}
		if err := m.Store.RecordScreenings(ctx, keep); err != nil {
			return res, fmt.Errorf("monitor: refresh: %w", err)
		}
		if len(page) < pageSize {
			break
		}
	}
	res.TookMS = time.Since(start).Milliseconds()
	m.log().Info("monitored parties re-screened", "snapshot", next.Version, "parties", res.Parties, "probed", res.Probed,
		"rescreened", res.Rescreened, "hits", res.Hits, "opened", res.Opened, "noted", res.Noted, "took_ms", res.TookMS)
	return res, nil
}

// probe returns the parties with any match at or above ProbeFloor in the
// probe screener.
func (m *Monitor) probe(ctx context.Context, probe *screen.Screener, parties []interdict.MonitoredParty) ([]interdict.MonitoredParty, error) {
	if probe == nil || len(parties) == 0 {
		return nil, nil
	}
	hit := make([]bool, len(parties))
	err := m.parallel(ctx, len(parties), func(i int) error {
		q := parties[i].Query
		q.MinScore, q.Limit = ProbeFloor, 1
		ms, err := probe.Screen(&q, false)
		if err != nil {
			return fmt.Errorf("monitor: probe %s: %w", parties[i].ID, err)
		}
		hit[i] = len(ms) > 0
		return nil
	})
	var out []interdict.MonitoredParty
	for i, p := range parties {
		if hit[i] {
			out = append(out, p)
		}
	}
	return out, err
}

// rescreen screens parties against snap in full, opens alerts for their
// hits and records the screenings.
func (m *Monitor) rescreen(ctx context.Context, snap *dataset.Snapshot, parties []interdict.MonitoredParty, origin string, by cases.Actor, res *Result) error {
	if len(parties) == 0 {
		return nil
	}
	type out struct {
		hits    []interdict.Match
		nearest float64
		err     error
	}
	outs := make([]out, len(parties))
	margin := m.margin()
	err := m.parallel(ctx, len(parties), func(i int) error {
		o := &outs[i]
		o.hits, o.nearest, o.err = Screen(snap.Screener, parties[i].Query, margin)
		return nil
	})
	if err != nil {
		return err
	}
	res.Rescreened += len(parties)
	at := m.now()
	var recs []interdict.MonitoredScreening
	var bad []string
	for i, p := range parties {
		o := outs[i]
		if o.err != nil {
			// A query the screener refuses (a registration that predates a
			// stricter rule): counted and logged, the others go on.
			bad = append(bad, p.ID)
			m.log().Warn("monitored party could not be screened", "party", p.ID, "error", o.err)
			continue
		}
		for _, h := range o.hits {
			e, ok := snap.Entity(h.ID)
			if !ok {
				return fmt.Errorf("monitor: match %s of %s is not in snapshot %s", h.ID, p.ID, snap.Version)
			}
			res.Hits++
			a, opened, err := m.Cases.Open(ctx, cases.Hit{Party: p.ID, Query: p.Query, Match: h, Entity: e, Snapshot: snap.Version, Origin: origin}, by)
			if err != nil {
				return fmt.Errorf("monitor: %s: %w", p.ID, err)
			}
			if opened {
				res.Opened++
				res.OpenedAlerts = append(res.OpenedAlerts, a.ID)
			} else {
				res.Covered++
			}
		}
		recs = append(recs, interdict.MonitoredScreening{ID: p.ID, At: at, Snapshot: snap.Version, Nearest: o.nearest})
	}
	if err := m.Store.RecordScreenings(ctx, recs); err != nil {
		return fmt.Errorf("monitor: %w", err)
	}
	if len(bad) > 0 {
		return fmt.Errorf("monitor: %d parties could not be screened (first: %s): %w", len(bad), bad[0], ErrUnscreenable)
	}
	return nil
}

// ErrUnscreenable: some parties' queries were refused by the screener;
// the rest were screened.
var ErrUnscreenable = errors.New("unscreenable parties")

// note writes an event on every active alert whose entity changed or was
// removed.
func (m *Monitor) note(ctx context.Context, prev, next *dataset.Snapshot, d Diff, res *Result) error {
	write := func(id string, kind interdict.CaseEventKind, reason string) error {
		as, err := m.Store.ListAlerts(ctx, interdict.AlertFilter{EntityID: id, States: cases.Active})
		if err != nil {
			return fmt.Errorf("monitor: %w", err)
		}
	alerts:
		for _, a := range as {
			if a.Snapshot == next.Version {
				continue // opened against the new version: it shows the change
			}
			// Every instance that puts the new snapshot in service runs
			// this; the reason names the snapshot, so a note already in
			// the history is this change noted by another instance (or
			// an earlier pass), not a new one.
			_, history, err := m.Store.GetAlert(ctx, a.ID)
			if err != nil {
				return fmt.Errorf("monitor: alert %d: %w", a.ID, err)
			}
			for _, ev := range history {
				if ev.Kind == kind && ev.Reason == reason {
					continue alerts
				}
			}
			if _, err := m.Store.AddCaseEvent(ctx, a.ID, interdict.CaseEvent{At: m.now(), Kind: kind, Actor: cases.System.Name, Reason: reason}); err != nil {
				return fmt.Errorf("monitor: alert %d: %w", a.ID, err)
			}
			res.Noted++
		}
		return nil
	}
	for _, e := range d.Removed {
		if err := write(e.ID, interdict.EventEntityRemoved, fmt.Sprintf("%s is no longer on the list in snapshot %s (it was in %s)", e.ID, next.Version, prev.Version)); err != nil {
			return err
		}
	}
	for _, c := range d.Changed {
		var fields []string
		for _, f := range listdiff.Fields(c[0], c[1]) {
			fields = append(fields, f.Field)
		}
		if err := write(c[1].ID, interdict.EventEntityChanged, fmt.Sprintf("%s changed in snapshot %s: %s", c[1].ID, next.Version, strings.Join(fields, ", "))); err != nil {
			return err
		}
	}
	return nil
}

// parallel runs fn for 0..n-1 on the workers, stopping at the first error
// or when ctx ends.
func (m *Monitor) parallel(ctx context.Context, n int, fn func(i int) error) error {
	workers := m.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		next  int
		first error
	)
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				if first != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := ctx.Err(); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
