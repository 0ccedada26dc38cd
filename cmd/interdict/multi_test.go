package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store/postgres"
	"github.com/interdict/interdict/store/postgres/pgtest"
)

// instance is one `interdict serve` child process (see TestServeChild).
type instance struct {
	name string
	args []string
	cmd  *exec.Cmd
	base string
	log  *lockedBuffer
	done chan struct{}
}

func startInstance(t *testing.T, name string, args ...string) *instance {
	t.Helper()
	in := &instance{name: name, args: args, log: &lockedBuffer{}}
	in.start(t)
	t.Cleanup(func() { in.stop() })
	return in
}

func (in *instance) start(t *testing.T) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), "INTERDICT_SERVE_ARGS="+strings.Join(append([]string{"serve", "--addr", "127.0.0.1:0"}, in.args...), "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in.cmd, in.done = cmd, make(chan struct{})
	addr := make(chan string, 1)
	go func() {
		defer close(in.done)
		re := regexp.MustCompile(`url=http://(127\.0\.0\.1:[0-9]+)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(in.log, sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case a := <-addr:
		in.base = "http://" + a
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%s did not start: %s", in.name, in.log.String())
	}
	for deadline := time.Now().Add(120 * time.Second); in.version() == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not become ready: %s", in.name, in.log.String())
		}
	}
}

// stop ends the process with SIGTERM (a clean shutdown) if it runs.
func (in *instance) stop() {
	if in.cmd == nil {
		return
	}
	in.cmd.Process.Signal(syscall.SIGTERM)
	in.cmd.Wait()
	<-in.done
	in.cmd = nil
}

// kill ends it with SIGKILL.
func (in *instance) kill() {
	in.cmd.Process.Signal(syscall.SIGKILL)
	in.cmd.Wait()
	<-in.done
	in.cmd = nil
}

// version is the snapshot in service ("" while loading or unreachable).
func (in *instance) version() string {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(in.base + "/readyz")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var h struct {
		Snapshot string `json:"snapshot"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&h) != nil {
		return ""
	}
	return h.Snapshot
}

type refreshAnswer struct {
	Changed  bool   `json:"changed"`
	Snapshot string `json:"snapshot"`
}

func (in *instance) refresh(secret string) (refreshAnswer, error) {
	req, _ := http.NewRequest("POST", in.base+"/v1/lists/refresh", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		return refreshAnswer{}, err
	}
	defer resp.Body.Close()
	var r refreshAnswer
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return r, fmt.Errorf("%s: refresh: %d %s", in.name, resp.StatusCode, body)
	}
	return r, json.Unmarshal(body, &r)
}

// search screens one name and returns the audit id of the answer.
func (in *instance) search(client *http.Client, secret, name string) (int64, error) {
	req, _ := http.NewRequest("GET", in.base+"/v1/search?limit=3&q="+url.QueryEscape(name), nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var res struct {
		AuditID int64 `json:"audit_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || res.AuditID == 0 {
		return 0, fmt.Errorf("%s: search: status %d, audit id %d", in.name, resp.StatusCode, res.AuditID)
	}
	return res.AuditID, nil
}

// waitVersion waits until in serves v and returns how long that took.
func waitVersion(t *testing.T, in *instance, v string) time.Duration {
	t.Helper()
	start := time.Now()
	for deadline := start.Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if in.version() == v {
			return time.Since(start)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still serves %s, not %s, after 60 s:\n%s", in.name, in.version(), v, in.log.String())
		}
	}
}

// copyList puts a shared list file into the data directory the instances
// share.
func copyList(t *testing.T, data, dir string, src string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(data, dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, dir, filepath.Base(src)), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTwoInstances runs two `interdict serve` processes on one PostgreSQL
// database (a fresh schema of $INTERDICT_TEST_POSTGRES) over one shared
// --data directory, and checks what the several-instances deployment
// rests on:
//
//   - a refresh on either instance reaches the other through NOTIFY
//     (polling is off, --version-poll 0), both ways;
//   - refreshes on both at once record the new version once, and leave
//     no pair with two alerts;
//   - kill -9 of an instance in the middle of a refresh (waiting for the
//     refresh lock, loading, and at the commit of its record of the new
//     version), while the other answers screenings, leaves the store
//     consistent: every answered
//     decision in the audit trail, the schema at its version, the
//     refresh lock released (the survivor refreshes), and both
//     instances serving the newest recorded version once the killed one
//     is back.
//
// The delays it logs are the propagation delays measured (refresh answer
// on one instance to the new version served by the other).
func TestTwoInstances(t *testing.T) {
	pg := pgtest.URL(t)
	un := shared.Data(t, "un_consolidated", "UN_consolidated.xml")
	dpl := shared.Data(t, "us_bis_dpl", "dpl.txt")
	mieu := shared.Data(t, "us_bis_mieu", "mieu.csv")
	csl := shared.Data(t, "us_csl_samples", "csl.csv")
	uk := shared.Data(t, "uk_ofsi_conlist", "ConList.xlsx")
	ctx := context.Background()

	data := t.TempDir()
	copyList(t, data, "un", un)
	st, err := postgres.Open(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, secret, err := st.CreateKey(ctx, "multi-instance test", interdict.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	records := func(version string) int {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM list_versions WHERE version = $1", version).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	args := func() []string {
		return []string{"--data", data, "--state", t.TempDir(), "--db", pg, "--version-poll", "0"}
	}
	a := startInstance(t, "A", args()...)
	b := startInstance(t, "B", args()...)
	v1 := a.version()
	if got := b.version(); got != v1 {
		t.Fatalf("A serves %s, B %s over one data directory", v1, got)
	}

	// Refresh on A reaches B, and refresh on B reaches A.
	for i, step := range []struct {
		from, to *instance
		dir, src string
	}{{a, b, "dpl", dpl}, {b, a, "mieu", mieu}} {
		copyList(t, data, step.dir, step.src)
		r, err := step.from.refresh(secret)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Changed || step.from.version() != r.Snapshot {
			t.Fatalf("refresh %d on %s: %+v, serving %s", i+1, step.from.name, r, step.from.version())
		}
		took := waitVersion(t, step.to, r.Snapshot)
		t.Logf("refresh on %s (now %s) reached %s in %v", step.from.name, r.Snapshot, step.to.name, took.Round(time.Millisecond))
		if n := records(r.Snapshot); n != 1 {
			t.Errorf("version %s recorded %d times", r.Snapshot, n)
		}
	}

	// Refreshes on both at once. Monitored parties named as entities of
	// the list the refresh adds, so that a server that re-screens on
	// refresh has alerts to open.
	cslOnly := t.TempDir()
	copyList(t, cslOnly, "csl", csl)
	cat, err := source.Load(ctx, cslOnly)
	if err != nil {
		t.Fatal(err)
	}
	var parties []interdict.MonitoredParty
	for i, e := range cat.Lists[0].Live.Entities[:8] {
		parties = append(parties, interdict.MonitoredParty{ID: fmt.Sprintf("cust-%d", i), Query: interdict.Query{Names: []string{e.PrimaryName()}}})
	}
	if _, _, err := st.PutMonitored(ctx, parties, time.Now()); err != nil {
		t.Fatal(err)
	}
	copyList(t, data, "csl", csl)
	var wg sync.WaitGroup
	answers := make([]refreshAnswer, 2)
	for i, in := range []*instance{a, b} {
		wg.Go(func() {
			r, err := in.refresh(secret)
			if err != nil {
				t.Error(err)
			}
			answers[i] = r
		})
	}
	wg.Wait()
	if answers[0].Snapshot == "" || answers[0].Snapshot != answers[1].Snapshot {
		t.Fatalf("concurrent refreshes answered %+v and %+v", answers[0], answers[1])
	}
	v4 := answers[0].Snapshot
	waitVersion(t, a, v4)
	waitVersion(t, b, v4)
	if n := records(v4); n != 1 {
		t.Errorf("two concurrent refreshes recorded version %s %d times, want once", v4, n)
	}
	t.Run("NoDuplicateAlert", func(t *testing.T) {
		alerts, err := st.ListAlerts(ctx, interdict.AlertFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) == 0 {
			t.Skip("no alert was opened: this server does not re-screen monitored parties on a refresh; " +
				"store/postgres TestAlertsTwoInstances holds the store to one alert per pair across instances")
		}
		seen := map[string]int64{}
		for _, al := range alerts {
			k := al.Party + "\x00" + al.EntityID
			if prev, ok := seen[k]; ok && al.State.Active() {
				t.Errorf("party %s, entity %s: alerts %d and %d", al.Party, al.EntityID, prev, al.ID)
			}
			if al.State.Active() {
				seen[k] = al.ID
			}
		}
		t.Logf("%d alerts after two concurrent refreshes, one per pair", len(alerts))
	})

	// kill -9 of A mid-refresh, three times, while B answers screenings:
	// while its refresh waits for the refresh lock (held here), 150 ms into
	// a refresh that loads the UK's spreadsheet, and at the moment its
	// record of the new version commits (heard here through LISTEN),
	// before it answers.
	listen, err := pgx.Connect(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer listen.Close(ctx)
	if _, err := listen.Exec(ctx, "LISTEN interdict_lists"); err != nil {
		t.Fatal(err)
	}
	const (
		atLock   = time.Duration(-1)
		atRecord = time.Duration(-2)
	)
	answered := map[int64]string{}
	var mu sync.Mutex
	for round, step := range []struct {
		delay  time.Duration
		change func()
	}{
		{atLock, func() { os.RemoveAll(filepath.Join(data, "mieu")) }},
		{150 * time.Millisecond, func() { copyList(t, data, "uk", uk) }},
		{atRecord, func() { os.RemoveAll(filepath.Join(data, "uk")) }},
	} {
		before, err := st.LatestListVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		stop := make(chan struct{})
		var traffic sync.WaitGroup
		for c, in := range []*instance{b, b, a} {
			traffic.Go(func() {
				client := &http.Client{Timeout: 30 * time.Second}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					name := fmt.Sprintf("Kim Jong Un %d-%d-%d", round, c, i)
					id, err := in.search(client, secret, name)
					if err != nil {
						if in == a {
							return // killed
						}
						t.Errorf("B during the kill of A: %v", err)
						return
					}
					mu.Lock()
					answered[id] = name
					mu.Unlock()
				}
			})
		}
		step.change()
		var unlock func()
		if step.delay == atLock {
			if unlock, err = st.LockRefresh(ctx); err != nil {
				t.Fatal(err)
			}
		}
		refreshErr := make(chan error, 1)
		go func() { _, err := a.refresh(secret); refreshErr <- err }()
		switch step.delay {
		case atLock:
			// Long enough for the request to reach the lock; if it has
			// not, A dies before its refresh, which must be as safe.
			time.Sleep(500 * time.Millisecond)
		case atRecord:
			// Earlier records (B's refresh, A's restart) are queued on
			// this connection too: wait for one after the newest.
			wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
			for {
				n, err := listen.WaitForNotification(wctx)
				if err != nil {
					t.Fatalf("no version recorded by A's refresh: %v", err)
				}
				var schema string
				var id int64
				if _, err := fmt.Sscanf(n.Payload, "%s %d", &schema, &id); err == nil && id > before.ID {
					break
				}
			}
			cancel()
		default:
			time.Sleep(step.delay)
		}
		a.kill()
		if unlock != nil {
			unlock()
		}
		if err := <-refreshErr; err == nil {
			t.Logf("round %d: the refresh on A finished before the kill (%v)", round+1, step.delay)
		}
		time.Sleep(200 * time.Millisecond) // B keeps answering after the kill
		close(stop)
		traffic.Wait()

		after, err := st.LatestListVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		when := step.delay.String() + " into its refresh"
		switch step.delay {
		case atLock:
			when = "while its refresh waited for the refresh lock"
			if after.Version != before.Version {
				t.Errorf("round %d: a refresh killed before it had the lock recorded %s", round+1, after.Version)
			}
		case atRecord:
			when = "as its record of the new version committed"
		}
		t.Logf("round %d: killed A %s; newest recorded version %s before, %s after", round+1, when, before.Version, after.Version)
		if step.delay == atRecord && after.Version == before.Version {
			t.Errorf("round %d: A was killed at its record, but the newest version is still %s", round+1, before.Version)
		}
		// B serves the newest recorded version, whether A recorded it
		// before dying or not.
		waitVersion(t, b, after.Version)
		// The refresh lock went with A's connection: B can refresh.
		done := make(chan error, 1)
		go func() {
			r, err := b.refresh(secret)
			if err == nil && b.version() != r.Snapshot {
				err = fmt.Errorf("B answered %s but serves %s", r.Snapshot, b.version())
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(2 * time.Minute):
			t.Fatal("B's refresh did not finish in 2 minutes: the refresh lock of the killed instance was not released")
		}
		// A comes back and serves what B serves.
		a.start(t)
		latest, err := st.LatestListVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		waitVersion(t, a, latest.Version)
		waitVersion(t, b, latest.Version)
	}

	// The store after the kills.
	have, want, err := st.SchemaVersion(ctx)
	if err != nil || have != want {
		t.Errorf("schema at version %d of %d (%v)", have, want, err)
	}
	recs, err := st.ListAudit(ctx, interdict.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	inTable := map[int64]string{}
	for i, r := range recs {
		if i > 0 && r.ID <= recs[i-1].ID {
			t.Fatalf("audit ids out of order: %d after %d", r.ID, recs[i-1].ID)
		}
		if len(r.Query.Names) > 0 {
			inTable[r.ID] = r.Query.Names[0]
		}
	}
	if n, err := st.CountAudit(ctx); err != nil || n != int64(len(recs)) {
		t.Errorf("CountAudit = %d (%v), ListAudit %d", n, err, len(recs))
	}
	lost := 0
	for id, name := range answered {
		if inTable[id] != name {
			lost++
			if lost <= 5 {
				t.Errorf("answer with audit id %d (%q) is not in the audit trail (found %q)", id, name, inTable[id])
			}
		}
	}
	t.Logf("%d answered screenings across the kills, %d audit records, %d missing", len(answered), len(recs), lost)
	if len(answered) == 0 {
		t.Error("no screening was answered")
	}
	var versions int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM list_versions").Scan(&versions); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d list versions recorded", versions)
	for _, in := range []*instance{a, b} {
		for _, line := range strings.Split(in.log.String(), "\n") {
			if strings.Contains(line, "another instance now in service") {
				t.Logf("%s: %s", in.name, line[strings.Index(line, "msg="):])
			}
		}
	}
}

// TestKeysAuditPostgres runs `keys` and `audit` against the PostgreSQL
// store --db names (and $INTERDICT_DB), the one `serve --db` uses, and
// checks that a SQLite state directory is left alone.
func TestKeysAuditPostgres(t *testing.T) {
	pg := pgtest.URL(t)
	state := t.TempDir()
	env := map[string]string{"INTERDICT_STATE": state}
	code, out, errs := run(t, env, "keys", "create", "--db", pg, "--name", "ops", "--role", "admin", "--rate", "60")
	if code != exitOK {
		t.Fatalf("keys create: exit %d: %s", code, errs)
	}
	secret := lastLine(out)
	st, err := postgres.Open(context.Background(), pg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, err := st.LookupKey(context.Background(), secret)
	if err != nil || k.Name != "ops" || k.RatePerMinute != 60 {
		t.Fatalf("key in PostgreSQL: %+v, %v", k, err)
	}
	env[dbEnv] = pg // the environment names the database too
	if code, out, errs := run(t, env, "keys", "list", "--json"); code != exitOK || !strings.Contains(out, k.ID) {
		t.Errorf("keys list: exit %d, %s %s", code, out, errs)
	}
	rec := &interdict.AuditRecord{At: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC), KeyID: k.ID, User: "ops", Route: "/v1/search",
		Snapshot: "s-1", Query: interdict.Query{Names: []string{"Kim Jong Un"}}, Decision: "alert",
		Matches: []interdict.AuditMatch{{ID: "un:KPi.033", Score: 0.97, Alert: true}}}
	if err := st.AppendAudit(context.Background(), []*interdict.AuditRecord{rec}); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, env, "audit", "export", "--from", "2025-03-01")
	if code != exitOK || !strings.Contains(out, "Kim Jong Un") || !strings.Contains(out, "un:KPi.033:0.97") {
		t.Errorf("audit export: exit %d:\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, env, "keys", "revoke", k.ID); code != exitOK {
		t.Errorf("keys revoke: exit %d: %s", code, errs)
	}
	if _, err := st.LookupKey(context.Background(), secret); err == nil {
		t.Error("the key revoked with --db still works")
	}
	if _, err := os.Stat(filepath.Join(state, "interdict.db")); !os.IsNotExist(err) {
		t.Errorf("a SQLite database was made under --state (%v)", err)
	}
	for _, bad := range []string{"mysql://x/y", "sqlite:/tmp/x.db", "postgres://"} {
		if code, _, errs := run(t, nil, "serve", "--db", bad); code != exitUsage {
			t.Errorf("serve --db %s: exit %d (%s), want %d", bad, code, errs, exitUsage)
		}
		if code, _, _ := run(t, nil, "keys", "list", "--db", bad); code != exitError {
			t.Errorf("keys list --db %s: exit %d, want %d", bad, code, exitError)
		}
	}
}

// TestInstancesDifferentFiles starts two instances on one database over
// two different data directories, which the deployment forbids: the
// second records its version at start, and the first, told of it, loads
// its own files, finds another version, keeps serving its own and says
// why in its log instead of serving lists it was not given.
func TestInstancesDifferentFiles(t *testing.T) {
	pg := pgtest.URL(t)
	un := shared.Data(t, "un_consolidated", "UN_consolidated.xml")
	dpl := shared.Data(t, "us_bis_dpl", "dpl.txt")
	dataA, dataB := t.TempDir(), t.TempDir()
	copyList(t, dataA, "un", un)
	copyList(t, dataB, "un", un)
	copyList(t, dataB, "dpl", dpl)
	a := startInstance(t, "A", "--data", dataA, "--state", t.TempDir(), "--db", pg, "--version-poll", "0")
	va := a.version()
	b := startInstance(t, "B", "--data", dataB, "--state", t.TempDir(), "--db", pg, "--version-poll", "0")
	vb := b.version()
	if va == vb {
		t.Fatalf("two data directories made one version %s", va)
	}
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(a.log.String(), "cannot be served here"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("A did not refuse B's version:\n%s", a.log.String())
		}
	}
	if got := a.version(); got != va {
		t.Errorf("A serves %s, want its own %s", got, va)
	}
	for _, line := range strings.Split(a.log.String(), "\n") {
		if strings.Contains(line, "cannot be served here") {
			t.Logf("A: %s", line[strings.Index(line, "msg="):])
		}
	}
}
