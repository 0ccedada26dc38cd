package monitor

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/store/sqlite"
)

func newMonitor(t *testing.T) *Monitor {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Millisecond); return now }
	return &Monitor{Store: db, Cases: &cases.Service{Store: db, Now: clock}, Now: clock}
}

func loadSnap(t *testing.T, dir string) *dataset.Snapshot {
	t.Helper()
	snap, err := dataset.Load(context.Background(), shared.Data(t, dir), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// negatives reads innocent names from the synthetic negatives.
func negatives(t *testing.T, n int) []string {
	t.Helper()
	var out []string
	for _, f := range []string{"negatives_global.csv", "negatives_us.csv"} {
		fh, err := os.Open(shared.Data(t, "negatives_yente_synthetic", f))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(fh)
		r.Read() // header
		for len(out) < n {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(rec[0]) != "" {
				out = append(out, rec[0])
			}
		}
		fh.Close()
	}
	if len(out) < n {
		t.Fatalf("only %d negative names", len(out))
	}
	return out
}

// customerSpelling writes a listed person's "FAMILY, Given" as a customer
// file would: "Given Family".
func customerSpelling(e *interdict.Entity) string {
	n := e.PrimaryName()
	if fam, given, ok := strings.Cut(n, ", "); ok && e.Kind == interdict.KindPerson {
		return given + " " + fam
	}
	return n
}

type pair struct{ party, entity string }

// TestRefreshOFAC is the monitoring acceptance test: a book of 10,000
// parties, some of them designated between the OFAC SDN files of
// 2024-02-20 and 2024-05-03, registered against the older; the refresh to
// the newer must open exactly the alerts a full re-screen finds (hits
// against the new file that were not hits against the old), and re-screen
// far fewer than all the parties.
func TestRefreshOFAC(t *testing.T) {
	old := loadSnap(t, "ofac_sdn_2024-02-20")
	next := loadSnap(t, "ofac_sdn_2024-05-03")
	d := Compare(old, next)
	t.Logf("diff: %d added, %d changed, %d removed (%d → %d entities)", len(d.Added), len(d.Changed), len(d.Removed), old.Entities(), next.Entities())
	if len(d.Added) != 1140 || len(d.Removed) != 106 {
		t.Errorf("diff: %d added, %d removed; the OFAC files differ by 1,140 and 106 (cmd/interdict TestDiffOFAC)", len(d.Added), len(d.Removed))
	}

	const size = 10000
	var book []interdict.MonitoredParty
	add := func(kind interdict.Kind, name string) {
		book = append(book, interdict.MonitoredParty{ID: fmt.Sprintf("cust-%05d", len(book)), Query: interdict.Query{Names: []string{name}, Kind: kind}})
	}
	for i, e := range d.Added {
		switch i % 5 {
		case 0: // as listed
			add(e.Kind, e.PrimaryName())
		case 1: // as a customer file spells it
			add("", customerSpelling(e))
		}
	}
	for i, c := range d.Changed {
		if i%2 == 0 {
			add(c[1].Kind, c[1].PrimaryName())
		}
	}
	for i, e := range d.Removed {
		if i%4 == 0 {
			add(e.Kind, e.PrimaryName())
		}
	}
	for i, e := range old.Index.Entities {
		if i%150 == 0 {
			add("", customerSpelling(e))
		}
	}
	listedParties := len(book)
	for _, n := range negatives(t, size-len(book)) {
		add("", n)
	}
	t.Logf("book: %d parties, %d of them named after listed entities", len(book), listedParties)

	// The oracle: every party screened in full against both files.
	m := newMonitor(t)
	hitsOf := func(snap *dataset.Snapshot) (map[pair]float64, map[pair]float64) {
		hits, all := map[pair]float64{}, map[pair]float64{}
		for _, p := range book {
			q := p.Query
			q.MinScore, q.Limit = 0.5, 500
			ms, err := snap.Screener.Screen(&q, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, mt := range ms {
				all[pair{p.ID, mt.ID}] = mt.Score
				if mt.Alert {
					hits[pair{p.ID, mt.ID}] = mt.Score
				}
			}
		}
		return hits, all
	}
	oldHits, oldAll := hitsOf(old)
	newHits, newAll := hitsOf(next)
	var want []pair
	for p := range newHits {
		if _, ok := oldHits[p]; !ok {
			want = append(want, p)
		}
	}
	// How far one list version moves the score of an unchanged pair: the
	// measurement behind DefaultMargin.
	// Only entities the refresh left unchanged: the others are found by
	// the probe.
	touched := map[string]bool{}
	for _, c := range d.Changed {
		touched[c[0].ID] = true
	}
	var drift float64
	var driftPair pair
	moved := 0
	for p, s := range newAll {
		if o, ok := oldAll[p]; ok && !touched[p.entity] {
			if math.Abs(s-o) > drift {
				drift, driftPair = math.Abs(s-o), p
			}
			if math.Abs(s-o) >= 0.01 {
				moved++
			}
		}
	}
	t.Logf("oracle: %d hits against the old file, %d against the new, %d new pairs; of the pairs of an unchanged entity scoring ≥ 0.5 in both, %d moved by 0.01 or more, the most %.3f (%v)",
		len(oldHits), len(newHits), len(want), moved, drift, driftPair)
	if drift >= DefaultMargin {
		t.Errorf("a score of an unchanged entity moved by %.3f, not under DefaultMargin %.3f", drift, DefaultMargin)
	}

	ctx := context.Background()
	reg, err := m.Register(ctx, old, book, cases.System)
	if err != nil {
		t.Fatal(err)
	}
	if reg.Opened != len(oldHits) || reg.Rescreened != size {
		t.Errorf("registration: %d screened, %d alerts opened; want %d and %d", reg.Rescreened, reg.Opened, size, len(oldHits))
	}
	res, err := m.Refresh(ctx, old, next)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("refresh: %d parties, %d probed, %d re-screened, %d hits, %d alerts opened, %d covered, %d notes, %v",
		res.Parties, res.Probed, res.Rescreened, res.Hits, res.Opened, res.Covered, res.Noted, time.Duration(res.TookMS)*time.Millisecond)

	var got []pair
	for _, id := range res.OpenedAlerts {
		a, _, err := m.Store.GetAlert(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Origin != interdict.OriginRefresh || a.Snapshot != next.Version {
			t.Errorf("alert %d: origin %s snapshot %s", id, a.Origin, a.Snapshot)
		}
		got = append(got, pair{a.Party, a.EntityID})
	}
	cmp := func(a, b pair) int { return strings.Compare(a.party+"|"+a.entity, b.party+"|"+b.entity) }
	slices.SortFunc(got, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(got, want) {
		var missing, extra []pair
		for _, p := range want {
			if _, ok := slices.BinarySearchFunc(got, p, cmp); !ok {
				missing = append(missing, p)
			}
		}
		for _, p := range got {
			if _, ok := slices.BinarySearchFunc(want, p, cmp); !ok {
				extra = append(extra, p)
			}
		}
		t.Errorf("refresh opened %d alerts, the full re-screen expects %d: missing %v, extra %v", len(got), len(want), missing, extra)
	}
	if len(want) < 100 {
		t.Errorf("only %d new hits: the book does not exercise the refresh", len(want))
	}
	if res.Rescreened*10 > size {
		t.Errorf("re-screened %d of %d parties: not far fewer than all", res.Rescreened, size)
	}
	// Removed designations are noted on the open cases.
	noted := 0
	for _, e := range d.Removed {
		for p := range oldHits {
			if p.entity == e.ID {
				noted++
			}
		}
	}
	if res.Noted < noted {
		t.Errorf("%d notes written, want at least the %d open alerts on removed entities", res.Noted, noted)
	}
	// The same change put in service by a second instance (which runs the
	// same pass on the shared store) opens nothing and notes nothing again.
	other, err := m.Refresh(ctx, old, next)
	if err != nil {
		t.Fatal(err)
	}
	if other.Opened != 0 || other.Noted != 0 {
		t.Errorf("the same change again: %d alerts opened, %d notes written (want none: the first pass made them)", other.Opened, other.Noted)
	}
	// A second refresh to the same file re-screens nothing and opens
	// nothing.
	again, err := m.Refresh(ctx, next, next)
	if err != nil {
		t.Fatal(err)
	}
	if again.Rescreened != 0 || again.Opened != 0 {
		t.Errorf("refresh to the same snapshot: %d re-screened, %d opened", again.Rescreened, again.Opened)
	}
}
