package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/store/sqlite"
)

// lockedBuffer collects the server's log while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe runs `interdict serve` in-process on port 0 over the UN list,
// with a key created in the database it keeps under --state, screens one
// name, and stops it by cancelling its context.
func TestServe(t *testing.T) {
	data := shared.Data(t, "un_consolidated")
	state := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(state, "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := db.CreateKey(context.Background(), "serve-test", interdict.RoleScreener)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	var stderr lockedBuffer
	m := &Main{Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--state", state, "--max-batch", "10"})
	}()

	listening := regexp.MustCompile(`url=http://(127\.0\.0\.1:[0-9]+)`)
	var addr string
	deadline := time.Now().Add(30 * time.Second)
	for addr == "" {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not listen: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not healthy: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/search?q=Ayman+al-Zawahiri&limit=1", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Snapshot string `json:"snapshot"`
		Matches  []struct {
			ID string `json:"id"`
		} `json:"matches"`
	}
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(res.Matches) != 1 || !strings.HasPrefix(res.Matches[0].ID, "un:") {
		t.Errorf("search: %d %+v", resp.StatusCode, res)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	// The decision is in the database under --state.
	db, err = sqlite.Open(context.Background(), filepath.Join(state, "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountAudit(context.Background()); err != nil || n != 1 {
		t.Errorf("%d audit records (%v), want 1", n, err)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "extra"},
		{"serve", "--max-batch", "0"},
		{"serve", "--rate", "-1"},
		{"serve", "--bogus"},
		{"serve", "--sync", "sometimes"},
	} {
		if code, _, _ := run(t, nil, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestServeChild is not a test: TestServeCrash runs the test binary again
// with INTERDICT_SERVE_ARGS set, and this runs `interdict serve` with
// those arguments as that child process, so that it can be killed with
// SIGKILL.
func TestServeChild(t *testing.T) {
	args := os.Getenv("INTERDICT_SERVE_ARGS")
	if args == "" {
		t.Skip("run by TestServeCrash as its server process")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, strings.Split(args, "\x1f")))
}

// TestServeCrash kills the server with SIGKILL while it is under load, a
// number of times, restarting it over the same state directory, and then
// checks that every screening request that received an answer is in the
// audit table, with the query it answered. The short form (the default)
// runs 3 rounds of about a second; INTERDICT_CRASH_ROUNDS and
// INTERDICT_CRASH_LOAD (a duration per round) make it longer, e.g. 10 and
// 1m.
func TestServeCrash(t *testing.T) {
	data := shared.Data(t, "un_consolidated")
	rounds, load := 3, time.Second
	if v := os.Getenv("INTERDICT_CRASH_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("INTERDICT_CRASH_LOAD"); v != "" {
		load, _ = time.ParseDuration(v)
	}
	state := t.TempDir()
	dbPath := filepath.Join(state, "interdict.db")
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := db.CreateKey(context.Background(), "crash-test", interdict.RoleScreener)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// answered maps each answer's audit id to the name it screened.
	answered := map[int64]string{}
	var mu sync.Mutex
	names := []string{"Ayman al-Zawahiri", "Kim Jong Un", "Hamas", "John Smith", "Bank Rossiya", "Osama bin Laden", "Maria Garcia"}
	for round := range rounds {
		args := strings.Join([]string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--state", state}, "\x1f")
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
		cmd.Env = append(os.Environ(), "INTERDICT_SERVE_ARGS="+args)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		addr := make(chan string, 1)
		go func() {
			re := regexp.MustCompile(`url=http://(127\.0\.0\.1:[0-9]+)`)
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if m := re.FindStringSubmatch(sc.Text()); m != nil {
					addr <- m[1]
				}
			}
		}()
		var base string
		select {
		case a := <-addr:
			base = "http://" + a
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the server did not start")
		}
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if resp, err := http.Get(base + "/readyz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the server did not become ready")
			}
		}

		// Load from four clients; SIGKILL at a moment that varies by round.
		stopAt := time.Now().Add(load + time.Duration(round)*37*time.Millisecond)
		var wg sync.WaitGroup
		sent := 0
		var sentMu sync.Mutex
		for c := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := &http.Client{Timeout: 10 * time.Second}
				for i := 0; ; i++ {
					name := fmt.Sprintf("%s %d-%d-%d", names[(c+i)%len(names)], round, c, i)
					req, _ := http.NewRequest("GET", base+"/v1/search?limit=3&q="+url.QueryEscape(name), nil)
					req.Header.Set("Authorization", "Bearer "+secret)
					resp, err := client.Do(req)
					if err != nil {
						return // killed
					}
					var res struct {
						AuditID int64 `json:"audit_id"`
					}
					err = json.NewDecoder(resp.Body).Decode(&res)
					resp.Body.Close()
					if err != nil {
						return // killed mid-answer: not an answer
					}
					if resp.StatusCode != http.StatusOK || res.AuditID == 0 {
						t.Errorf("status %d, audit id %d", resp.StatusCode, res.AuditID)
						return
					}
					mu.Lock()
					answered[res.AuditID] = name
					mu.Unlock()
					sentMu.Lock()
					sent++
					sentMu.Unlock()
				}
			}()
		}
		time.Sleep(time.Until(stopAt))
		cmd.Process.Signal(syscall.SIGKILL)
		wg.Wait()
		cmd.Wait()
		t.Logf("round %d: %d answers before SIGKILL", round+1, sent)
	}

	db, err = sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recs, err := db.ListAudit(context.Background(), interdict.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	inTable := map[int64]string{}
	for _, r := range recs {
		inTable[r.ID] = r.Query.Names[0]
	}
	lost := 0
	for id, name := range answered {
		if inTable[id] != name {
			lost++
			if lost <= 5 {
				t.Errorf("answer with audit id %d (%q) is not in the audit table (found %q)", id, name, inTable[id])
			}
		}
	}
	t.Logf("%d answers over %d SIGKILLs, %d audit records, %d answers missing", len(answered), rounds, len(recs), lost)
	if len(answered) == 0 {
		t.Error("no request was answered")
	}
}
