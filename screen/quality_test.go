package screen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
)

// holdoutQuery is one line of ../shared/bench/alias_holdout/queries.jsonl.
type holdoutQuery struct {
	ID         string `json:"id"`
	Set        string `json:"set"`
	Query      string `json:"query"`
	ExpectedID string `json:"expected_id"`
	Type       string `json:"type"`
}

func benchDir(tb testing.TB) string {
	tb.Helper()
	root := shared.Root()
	if root == "" {
		tb.Skip("shared bench not found: check out ../shared beside the module")
	}
	return filepath.Join(root, "bench")
}

var screeners sync.Map // dir → *Screener

// screenerFor loads a data directory and builds its screener once per test
// binary.
func screenerFor(tb testing.TB, dir string) *Screener {
	tb.Helper()
	if s, ok := screeners.Load(dir); ok {
		return s.(*Screener)
	}
	cat, err := source.Load(context.Background(), dir)
	if err != nil {
		tb.Fatal(err)
	}
	s := New(index.Build(cat.Entities()))
	screeners.Store(dir, s)
	return s
}

func kindOf(t string) interdict.Kind {
	switch t {
	case "person", "individual":
		return interdict.KindPerson
	case "business", "organization":
		return interdict.KindOrganization
	case "vessel":
		return interdict.KindVessel
	case "aircraft":
		return interdict.KindAircraft
	}
	return interdict.KindUnknown
}

type holdoutResult struct {
	recall1, recall10, calRecall1, negAlert, thrAt1 float64
	n, neg                                          int
	misses                                          []string
	rank                                            [10]int
}

// evalHoldout runs the alias holdout the way screenbench does: recall@1
// and @10 of the held-out aliases, the share of innocent names alerting at
// the default threshold, and recall@1 at the threshold where 1 % of the
// innocent names alert.
func evalHoldout(tb testing.TB) holdoutResult {
	dir := benchDir(tb)
	s := screenerFor(tb, filepath.Join(dir, "alias_holdout", "data"))
	f, err := os.Open(filepath.Join(dir, "alias_holdout", "queries.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r holdoutResult
	var posCorrect, negTop []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q holdoutQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			tb.Fatal(err)
		}
		ms, err := s.Screen(&interdict.Query{Names: []string{q.Query}, Kind: kindOf(q.Type), Limit: 10}, false)
		if err != nil {
			tb.Fatalf("%s: %v", q.ID, err)
		}
		top := 0.0
		if len(ms) > 0 {
			top = ms[0].Score
		}
		if q.Set == "negative" {
			r.neg++
			negTop = append(negTop, top)
			continue
		}
		r.n++
		want := "ofac-sdn:" + q.ExpectedID
		c := -1.0
		for i, m := range ms {
			if m.ID == want {
				r.rank[i]++
				if i == 0 {
					r.recall1++
					c = m.Score
				}
				r.recall10++
				break
			}
		}
		if c < 0 && len(r.misses) < 4000 {
			got := ""
			if len(ms) > 0 {
				got = fmt.Sprintf("%.3f %s %s", ms[0].Score, ms[0].MatchedName, ms[0].ID)
			}
			for i, m := range ms {
				if m.ID == want {
					got += fmt.Sprintf(" | rank %d %.3f %s", i+1, m.Score, m.MatchedName)
				}
			}
			r.misses = append(r.misses, q.Query+" | want "+want+" | got "+got)
		}
		posCorrect = append(posCorrect, c)
	}
	r.recall1 /= float64(r.n)
	r.recall10 /= float64(r.n)
	sorted := append([]float64(nil), negTop...)
	sort.Sort(sort.Reverse(sort.Float64Slice(sorted)))
	r.thrAt1 = sorted[int(math.Floor(0.01*float64(len(sorted))))]
	for _, c := range posCorrect {
		if c > r.thrAt1 {
			r.calRecall1++
		}
	}
	r.calRecall1 /= float64(r.n)
	for _, t := range negTop {
		if t >= interdict.DefaultThreshold {
			r.negAlert++
		}
	}
	r.negAlert /= float64(r.neg)
	return r
}

// Targets of the alias holdout (issue 3; the open-source reference
// scores 0.718 and 0.550).
const (
	wantRecall1    = 0.82
	wantCalRecall1 = 0.72
)

// TestAliasHoldout screens the 3,980 held-out OFAC aliases and 4,437 real
// unlisted names of ../shared/bench/alias_holdout against the rest of the
// list, as screenbench does.
func TestAliasHoldout(t *testing.T) {
	if testing.Short() {
		t.Skip("alias holdout: skipped in -short mode")
	}
	r := evalHoldout(t)
	t.Logf("ranks of the right entity: %v", r.rank)
	t.Logf("alias holdout: %d aliases, %d negatives: recall@1 %.3f, recall@10 %.3f, calibrated recall@1 at 1%% negatives %.3f (threshold %.3f), negatives alerting at %.3f: %.3f",
		r.n, r.neg, r.recall1, r.recall10, r.calRecall1, r.thrAt1, interdict.DefaultThreshold, r.negAlert)
	if os.Getenv("HOLDOUT_MISSES") != "" {
		if err := os.WriteFile(os.Getenv("HOLDOUT_MISSES"), []byte(strings.Join(r.misses, "\n")), 0o644); err != nil {
			t.Error(err)
		}
	}
	if r.recall1 < wantRecall1 {
		t.Errorf("recall@1 %.4f, want ≥ %.2f", r.recall1, wantRecall1)
	}
	if r.calRecall1 < wantCalRecall1 {
		t.Errorf("calibrated recall@1 %.4f, want ≥ %.2f", r.calRecall1, wantCalRecall1)
	}
}
