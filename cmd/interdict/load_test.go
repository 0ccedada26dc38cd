package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/store/sqlite"
)

// holdoutQuery is one line of ../shared/bench/alias_holdout/queries.jsonl.
type holdoutQuery struct {
	Query string `json:"query"`
	Type  string `json:"type"`
}

// readHoldout returns the alias holdout's data directory and queries, or
// skips the test when ../shared/bench is absent.
func readHoldout(t *testing.T) (string, []holdoutQuery) {
	t.Helper()
	root := shared.Root()
	if root == "" {
		t.Skip("shared data not found: set INTERDICT_SHARED or check out ../shared beside the module; this test serves ../shared/bench/alias_holdout")
	}
	dir := filepath.Join(root, "bench", "alias_holdout")
	f, err := os.Open(filepath.Join(dir, "queries.jsonl"))
	if err != nil {
		t.Skipf("alias holdout missing: %v", err)
	}
	defer f.Close()
	if _, err := os.Stat(filepath.Join(dir, "data", "sdn.csv")); err != nil {
		t.Skipf("alias holdout missing: %v", err)
	}
	var qs []holdoutQuery
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var q holdoutQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil || q.Query == "" {
			t.Fatalf("%s line %d: not a query (%v)", f.Name(), line, err)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(qs) == 0 {
		t.Fatalf("%s: no queries", f.Name())
	}
	return filepath.Join(dir, "data"), qs
}

// searchPath is the request screenbench's interdict adapter sends for q
// (business is sent as organization; ten results).
func searchPath(q holdoutQuery) string {
	v := url.Values{}
	v.Set("q", q.Query)
	v.Set("limit", "10")
	switch q.Type {
	case "business":
		v.Set("kind", "organization")
	case "":
	default:
		v.Set("kind", q.Type)
	}
	return "/v1/search?" + v.Encode()
}

// sent is one answered request: the audit id its answer gave, the query
// it screened, and its latency (from the moment the schedule said to send
// it, and from the moment it was sent).
type sent struct {
	id           int64
	query        int32
	fromSchedule time.Duration
	fromSend     time.Duration
}

// TestServeLoad holds `interdict serve` (a child process over the alias
// holdout's OFAC files, a fresh database) under a steady open-loop load of
// GET /v1/search with the holdout's queries, then stops it with SIGTERM
// and checks that no request failed and that the audit table holds
// exactly one row per answered request: every answer's audit id, holding
// the name it screened, and no other row.
//
// The load is paced by the clock, not by the answers (see load). Latency
// is measured from the time a request was due (queueing included) and
// from its send. Figures go to the log; they are not asserted.
//
// The short form (the default, run by CI) is 15 s at 1,000 requests/s
// (3 s with -short). The acceptance run is 10 minutes at half the
// throughput screenbench measures on the same data:
//
//	INTERDICT_LOAD_DURATION=10m INTERDICT_LOAD_RATE=1380 \
//	  go test ./cmd/interdict -run '^TestServeLoad$' -v -timeout 30m
//
// INTERDICT_LOAD_WORKERS sets the requests in flight at most (default 8).
func TestServeLoad(t *testing.T) {
	data, queries := readHoldout(t)
	def := 15 * time.Second
	if testing.Short() {
		def = 3 * time.Second
	}
	duration := envDuration(t, "INTERDICT_LOAD_DURATION", def)
	rate := envInt(t, "INTERDICT_LOAD_RATE", 1000)
	workers := envInt(t, "INTERDICT_LOAD_WORKERS", 8)

	state := t.TempDir()
	dbPath := filepath.Join(state, "interdict.db")
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := db.CreateKey(context.Background(), "load-test", interdict.RoleScreener)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	srv := startServeChild(t, "--data", data, "--state", state)

	l := &load{base: srv.base, secret: secret, queries: queries, rate: rate, workers: workers}
	res := l.run(duration, nil)
	all, elapsed := res.answers, res.elapsed
	cpu, peak := procUsage(srv.cmd.Process.Pid)
	srv.stop(t)

	nFailed := 0
	for _, n := range res.failures {
		nFailed += n
	}
	t.Logf("%d requests due over %v at %d/s with %d workers; sending took %v, the last answer came %v after the start",
		res.sent, duration, rate, workers, res.paced.Round(time.Millisecond), elapsed.Round(time.Millisecond))
	t.Logf("answered %d, failed %d %v; achieved %.1f answers/s; at most %d requests waiting for a worker",
		len(all), nFailed, res.failures, float64(len(all))/elapsed.Seconds(), res.maxBacklog)
	t.Logf("latency from send: %s", percentiles(all, func(s sent) time.Duration { return s.fromSend }))
	t.Logf("latency from due time (queueing included): %s", percentiles(all, func(s sent) time.Duration { return s.fromSchedule }))
	if cpu > 0 {
		t.Logf("server: %.1f s of CPU while loaded (%.0f%% of one core), peak RSS %s", cpu, 100*cpu/elapsed.Seconds(), peak)
	}
	for _, e := range res.examples {
		t.Errorf("failed: %s", e)
	}
	if nFailed > 0 {
		t.Errorf("%d of %d requests failed: %v", nFailed, res.sent, res.failures)
	}
	if len(all)+nFailed != res.sent {
		t.Errorf("%d answered + %d failed, %d sent", len(all), nFailed, res.sent)
	}

	// The audit table, read after the server stopped: exactly the answered
	// requests, each under its audit id with the name it screened.
	db, err = sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.CountAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, func(a, b sent) int { return cmp.Compare(a.id, b.id) })
	var missing, wrong, extra, dup int
	for i := 1; i < len(all); i++ {
		if all[i].id == all[i-1].id {
			dup++
		}
	}
	next := 0 // the first answer not yet matched with a row
	after := int64(0)
	for {
		recs, err := db.ListAudit(context.Background(), interdict.AuditFilter{AfterID: after, Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			for next < len(all) && all[next].id < r.ID {
				missing++
				next++
			}
			if next == len(all) || all[next].id != r.ID {
				extra++
				continue
			}
			for ; next < len(all) && all[next].id == r.ID; next++ {
				if len(r.Query.Names) != 1 || r.Query.Names[0] != queries[all[next].query].Query {
					wrong++
					if wrong <= 5 {
						t.Errorf("audit record %d holds %q, the answer screened %q", r.ID, r.Query.Names, queries[all[next].query].Query)
					}
				}
			}
		}
		if len(recs) < 10000 {
			break
		}
		after = recs[len(recs)-1].ID
	}
	missing += len(all) - next
	t.Logf("audit table: %d rows for %d answered requests (%d answers missing, %d rows without an answer, %d with another name, %d audit ids answered twice)",
		rows, len(all), missing, extra, wrong, dup)
	if rows != int64(len(all)) || missing+extra+wrong+dup > 0 {
		t.Errorf("the audit table does not hold exactly one row per answered request: %d rows, %d answers, %d missing, %d extra, %d wrong, %d duplicate ids",
			rows, len(all), missing, extra, wrong, dup)
	}
	if len(all) == 0 {
		t.Error("no request was answered")
	}
}

// load is an open-loop load of GET /v1/search: the holdout's queries in
// turn, paced by the clock. Request i is due at start + i/rate and is
// handed to one of the workers then, whether or not earlier ones were
// answered, so a slow server meets a growing queue rather than a
// politely slowing client.
type load struct {
	base, secret string
	queries      []holdoutQuery
	rate         int
	workers      int
	// killed, when set, says the server was killed on purpose: requests
	// that fail from then on are not counted as failures.
	killed *atomic.Bool
}

// loadResult is what a load saw.
type loadResult struct {
	sent       int    // requests handed to the workers
	answers    []sent // the answered ones, by worker
	failures   map[string]int
	examples   []string // of failures, the first few
	maxBacklog int      // most requests due and waiting for a worker
	paced      time.Duration
	elapsed    time.Duration // until the last answer
}

// run sends requests for duration, or until stop is closed, and returns
// once every request sent has been answered or has failed.
func (l *load) run(duration time.Duration, stop <-chan struct{}) *loadResult {
	type job struct {
		i   int
		due time.Time
	}
	total := int(duration.Seconds() * float64(l.rate))
	// The queue holds the whole run, so the pacer never waits on the
	// workers: a backlog shows as latency, not as a lower rate asked.
	jobs := make(chan job, total)
	res := &loadResult{failures: map[string]int{}}
	var mu sync.Mutex
	fail := func(kind, example string) {
		if l.killed != nil && l.killed.Load() {
			return
		}
		mu.Lock()
		res.failures[kind]++
		if len(res.examples) < 10 {
			res.examples = append(res.examples, example)
		}
		mu.Unlock()
	}
	answers := make([][]sent, l.workers)
	transport := &http.Transport{MaxIdleConnsPerHost: l.workers, DisableCompression: true}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	defer transport.CloseIdleConnections()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				q := j.i % len(l.queries)
				req, _ := http.NewRequest("GET", l.base+searchPath(l.queries[q]), nil)
				req.Header.Set("Authorization", "Bearer "+l.secret)
				sentAt := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					fail("transport", fmt.Sprintf("request %d: %v", j.i, err))
					continue
				}
				var body struct {
					Snapshot string `json:"snapshot"`
					AuditID  int64  `json:"audit_id"`
				}
				err = json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				end := time.Now()
				switch {
				case resp.StatusCode != http.StatusOK:
					fail(fmt.Sprintf("HTTP %d", resp.StatusCode), fmt.Sprintf("request %d (%q): HTTP %d", j.i, l.queries[q].Query, resp.StatusCode))
				case err != nil:
					fail("unreadable answer", fmt.Sprintf("request %d: %v", j.i, err))
				case body.AuditID <= 0 || body.Snapshot == "":
					fail("answer without audit id or snapshot", fmt.Sprintf("request %d: audit id %d, snapshot %q", j.i, body.AuditID, body.Snapshot))
				default:
					answers[w] = append(answers[w], sent{id: body.AuditID, query: int32(q),
						fromSchedule: end.Sub(j.due), fromSend: end.Sub(sentAt)})
				}
			}
		}()
	}
	// The pacer: when a request is late (the machine was busy) it goes at
	// once, catching up without skipping.
	interval := time.Second / time.Duration(l.rate)
pace:
	for i := range total {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			select {
			case <-time.After(d):
			case <-stop:
				break pace
			}
		}
		select {
		case <-stop:
			break pace
		default:
		}
		jobs <- job{i: i, due: due}
		res.sent++
		res.maxBacklog = max(res.maxBacklog, len(jobs))
	}
	res.paced = time.Since(start)
	close(jobs)
	wg.Wait()
	res.elapsed = time.Since(start)
	for _, a := range answers {
		res.answers = append(res.answers, a...)
	}
	return res
}

// percentiles formats p50, p90, p99, p99.9 and the maximum of a latency.
func percentiles(all []sent, of func(sent) time.Duration) string {
	if len(all) == 0 {
		return "no answers"
	}
	ds := make([]time.Duration, len(all))
	for i, s := range all {
		ds[i] = of(s)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) }
	return fmt.Sprintf("p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms",
		ms(at(0.50)), ms(at(0.90)), ms(at(0.99)), ms(at(0.999)), ms(ds[len(ds)-1]))
}

// procUsage reads a Linux process's CPU seconds so far and peak resident
// memory from /proc; zero and "" elsewhere.
func procUsage(pid int) (cpu float64, peak string) {
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		// Fields after the command name, which is in parentheses and may
		// hold spaces: utime and stime are the 12th and 13th.
		if i := strings.LastIndexByte(string(b), ')'); i > 0 {
			f := strings.Fields(string(b[i+1:]))
			if len(f) > 12 {
				u, _ := strconv.ParseFloat(f[11], 64)
				s, _ := strconv.ParseFloat(f[12], 64)
				cpu = (u + s) / 100 // USER_HZ is 100 on Linux
			}
		}
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for l := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				peak = strings.Join(strings.Fields(v), " ")
			}
		}
	}
	return cpu, peak
}
