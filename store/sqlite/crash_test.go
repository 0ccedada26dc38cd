package sqlite

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// The crash test is short in CI (two kills, a few hundred milliseconds).
// To run it for longer:
//
//	go test ./store/sqlite -run TestCrash -v -crash.kills 50 -crash.run 2s
var (
	crashKills = flag.Int("crash.kills", 2, "TestCrash: how many times to kill -9 the recording child")
	crashRun   = flag.Duration("crash.run", 100*time.Millisecond, "TestCrash: how long a child records before the kill (randomised up to twice that)")
)

// crashChildEnv names the database a re-executed test binary records into.
const crashChildEnv = "INTERDICT_CRASH_CHILD_DB"

// TestCrash kills a process that records audit rows through the Auditor
// (SIGKILL, mid-commit as often as not) and checks that every row it had
// acknowledged (printed once Record returned) is in the database when it
// is reopened, intact, and that the database is sound. Each round
// reopens the database the previous kill left, so WAL recovery is on the
// path too.
//
// What it cannot show is power loss: after kill -9 the kernel still
// holds whatever was written, synced or not. Power loss is what
// SyncFull is for (see Sync); a test of it needs a machine to
// switch off or a file system that drops unsynced writes.
func TestCrash(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "interdict.db")
	acked := map[int64]string{}
	for round := range *crashKills {
		got := crashRound(t, path)
		for id, user := range got {
			if prev, ok := acked[id]; ok {
				t.Fatalf("round %d: id %d acknowledged twice (%s, %s)", round, id, prev, user)
			}
			acked[id] = user
		}
		t.Logf("round %d: %d acknowledged before the kill", round, len(got))
		checkAcked(t, path, acked)
	}
}

// crashRound runs one child, kills it, and returns what it acknowledged.
func crashRound(t *testing.T, path string) map[int64]string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrash$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]string{}
	first := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		var once sync.Once
		for sc.Scan() {
			// Only whole lines count: a line cut by the kill has not
			// been acknowledged.
			f := strings.Fields(sc.Text())
			if len(f) != 3 || f[0] != "ack" {
				continue
			}
			id, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				continue
			}
			acked[id] = f[2]
			once.Do(func() { close(first) })
		}
		read <- sc.Err()
	}()
	select {
	case <-first:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child acknowledged nothing in 30s; its stderr:\n%s", stderr.String())
	}
	run := max(*crashRun, time.Millisecond)
	time.Sleep(run + rand.N(run))
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-read; err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended with %v, not by the kill; its stderr:\n%s", err, stderr.String())
	}
	return acked
}

// checkAcked reopens the database and looks for every acknowledged row.
func checkAcked(t *testing.T, path string, acked map[int64]string) {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer closeDB(t, db)
	var check string
	if err := db.r.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %s %v", check, err)
	}
	found := map[int64]string{}
	var after int64
	for {
		page, err := db.ListAudit(context.Background(), interdict.AuditFilter{AfterID: after, Limit: 5000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			found[r.ID] = r.User
		}
		if len(page) < 5000 {
			break
		}
		after = page[len(page)-1].ID
	}
	lost := 0
	for id, user := range acked {
		if got, ok := found[id]; !ok || got != user {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged record %d (%s) is %q after the kill", id, user, got)
			}
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged records lost", lost, len(acked))
	}
	t.Logf("all %d acknowledged records present (%d in the table)", len(acked), len(found))
}

// crashChild records until it is killed, printing each acknowledged id.
func crashChild(path string) {
	db, err := Open(context.Background(), path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	a := store.NewAuditor(db, 0)
	var mu sync.Mutex
	for w := range 8 {
		go func() {
			for i := 0; ; i++ {
				r := &interdict.AuditRecord{
					At: time.Now(), KeyID: "k_crash", User: fmt.Sprintf("%d-%d-%d", os.Getpid(), w, i),
					Route: "/v1/search", Snapshot: "crash", Decision: "clear",
					Query: interdict.Query{Names: []string{"John Smith"}},
				}
				if err := a.Record(context.Background(), r); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(3)
				}
				// One write per line, unbuffered: what the parent reads
				// was acknowledged.
				mu.Lock()
				os.Stdout.WriteString("ack " + strconv.FormatInt(r.ID, 10) + " " + r.User + "\n")
				mu.Unlock()
			}
		}()
	}
	select {}
}
