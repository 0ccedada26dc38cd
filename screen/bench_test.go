package screen

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
)

// holdoutQueries reads the alias-holdout queries (aliases and negatives).
func holdoutQueries(tb testing.TB) []interdict.Query {
	tb.Helper()
	f, err := os.Open(filepath.Join(benchDir(tb), "alias_holdout", "queries.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []interdict.Query
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q holdoutQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			tb.Fatal(err)
		}
		out = append(out, interdict.Query{Names: []string{q.Query}, Kind: kindOf(q.Type), Limit: 10})
	}
	return out
}

// BenchmarkScreen screens the alias-holdout queries against every list of
// ../shared/data, one query per iteration, on one goroutine.
func BenchmarkScreen(b *testing.B) {
	s := allLists(b)
	qs := holdoutQueries(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Screen(&qs[i%len(qs)], false); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkScreenExplain is BenchmarkScreen with explanations.
func BenchmarkScreenExplain(b *testing.B) {
	s := allLists(b)
	qs := holdoutQueries(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Screen(&qs[i%len(qs)], true); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestBatchThroughput screens every alias-holdout query against all lists
// on all cores, the way a batch run does, and reports names per second.
func TestBatchThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("throughput: skipped in -short mode")
	}
	s := allLists(t)
	qs := holdoutQueries(t)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	const rounds = 3
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(rounds*len(qs)) {
					return
				}
				if _, err := s.Screen(&qs[i%int64(len(qs))], false); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	t.Logf("%d names in %v on %d cores: %.0f names/s", rounds*len(qs), el.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(rounds*len(qs))/el.Seconds())
}

// BenchmarkScreenHoldout is BenchmarkScreen against the alias-holdout
// lists only (the OFAC SDN list of ../shared/bench).
func BenchmarkScreenHoldout(b *testing.B) {
	s := screenerFor(b, filepath.Join(benchDir(b), "alias_holdout", "data"))
	qs := holdoutQueries(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Screen(&qs[i%len(qs)], false); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
