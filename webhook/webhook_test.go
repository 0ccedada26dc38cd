package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openAlerts(t *testing.T, st store.Store, n int) {
	t.Helper()
	for i := range n {
		a := interdict.Alert{Party: fmt.Sprintf("cust-%d", i), Query: interdict.Query{Names: []string{"x"}}, EntityID: "ofac-sdn:36",
			Fingerprint: "f", Score: 0.9, Snapshot: "s", Origin: interdict.OriginMonitor, Opened: time.Now()}
		if _, opened, err := st.OpenAlert(context.Background(), a, interdict.CaseEvent{Actor: "system"}); err != nil || !opened {
			t.Fatalf("OpenAlert: %v %v", opened, err)
		}
	}
}

// receiver records what reaches it: every key with how often it came,
// and how many requests had a bad signature.
type receiver struct {
	mu        sync.Mutex
	secret    string
	got       map[string]int
	alerts    map[int64]bool
	badSig    int
	requests  int
	behaviour func(r *http.Request) string // "ok", "500", "slow", "drop", "ok-then-500"
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.requests++
	how := rc.behaviour(r)
	rc.mu.Unlock()
	switch how {
	case "500":
		http.Error(w, "boom", http.StatusInternalServerError)
		return
	case "slow":
		// Longer than the worker's timeout: the worker gives up; the
		// receiver never records it.
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
		return
	case "drop":
		hj, ok := w.(http.Hijacker)
		if ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		http.Error(w, "drop", http.StatusBadGateway)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if err := Verify(rc.secret, r.Header.Get(HeaderSignature), body, time.Now(), 5*time.Minute); err != nil {
		rc.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var p Payload
	if err := json.Unmarshal(body, &p); err != nil || p.IdempotencyKey != r.Header.Get(HeaderKey) || p.Event != interdict.EventAlertOpened {
		rc.badSig++
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	// Recorded, then (sometimes) answered 500 anyway: the sender must
	// retry, and the receiver sees the key twice.
	rc.got[p.IdempotencyKey]++
	rc.alerts[p.Alert.ID] = true
	if how == "ok-then-500" {
		http.Error(w, "stored but failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// TestChaos is the webhook acceptance test: a receiver that fails,
// times out, drops connections and answers 500 at random still ends with
// every alert, none lost, its repeats recognisable by key; two workers
// (two instances) deliver at once.
func TestChaos(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	rc := &receiver{secret: NewSecret(), got: map[string]int{}, alerts: map[int64]bool{}, behaviour: func(*http.Request) string {
		switch x := rng.IntN(100); {
		case x < 25:
			return "500"
		case x < 35:
			return "slow"
		case x < 45:
			return "drop"
		case x < 55:
			return "ok-then-500"
		}
		return "ok"
	}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	hook, err := st.CreateWebhook(ctx, interdict.Webhook{Name: "chaos", URL: srv.URL + "/hook", Secret: rc.secret, Active: true, Created: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	const alerts = 200
	openAlerts(t, st, alerts)

	workers := []*Worker{}
	for range 2 {
		workers = append(workers, &Worker{Store: st, Client: srv.Client(), Attempts: 40, Base: 5 * time.Millisecond, Max: 50 * time.Millisecond,
			Timeout: 150 * time.Millisecond, Batch: 8, Poll: 10 * time.Millisecond})
	}
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() { w.Run(wctx) })
	}
	// Bounded: the run stops by itself when everything is delivered, or
	// after two minutes, which fails the test.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		pending, err := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryPending, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	wg.Wait()

	delivered, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDelivered})
	dead, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDead})
	pending, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryPending})
	rc.mu.Lock()
	defer rc.mu.Unlock()
	dups, attempts := 0, 0
	for _, n := range rc.got {
		dups += n - 1
	}
	for _, d := range delivered {
		attempts += d.Attempts
		if rc.got[d.Key] == 0 {
			t.Errorf("delivery %d (%s) is marked delivered but never reached the receiver", d.ID, d.Key)
		}
	}
	t.Logf("%d alerts: %d requests to the receiver, %d delivered (%d attempts recorded; the rest of the requests are net/http retrying dropped connections, as it does for requests with an Idempotency-Key), %d dead, %d pending; receiver holds %d distinct keys and %d repeats; %d bad signatures",
		alerts, rc.requests, len(delivered), attempts, len(dead), len(pending), len(rc.got), dups, rc.badSig)
	if len(delivered) != alerts || len(rc.got) != alerts || len(rc.alerts) != alerts {
		t.Errorf("delivered %d, receiver has %d keys for %d alerts; want %d of each", len(delivered), len(rc.got), len(rc.alerts), alerts)
	}
	for i := int64(1); i <= alerts; i++ {
		if rc.got[interdict.DeliveryKey(i, hook.ID)] == 0 {
			t.Errorf("alert %d lost", i)
		}
	}
	if dups == 0 {
		t.Error("no repeats: the chaos did not exercise at-least-once")
	}
	if rc.badSig != 0 {
		t.Errorf("%d requests failed the signature check", rc.badSig)
	}
}

// TestDeadLetters: a receiver that always fails gets the last attempt,
// then the deliveries are dead letters; requeued, they go through.
func TestDeadLetters(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	var mu sync.Mutex
	failing := true
	calls := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls[r.Header.Get(HeaderKey)]++
		if failing {
			http.Error(w, "down", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	if _, err := st.CreateWebhook(ctx, interdict.Webhook{URL: srv.URL, Secret: NewSecret(), Active: true, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	openAlerts(t, st, 3)
	w := &Worker{Store: st, Client: srv.Client(), Attempts: 3, Base: time.Millisecond, Max: 2 * time.Millisecond, Timeout: time.Second}
	for range 100 {
		w.Once(ctx)
		if dead, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDead}); len(dead) == 3 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	dead, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDead})
	if len(dead) != 3 {
		t.Fatalf("%d dead letters, want 3", len(dead))
	}
	for _, d := range dead {
		if d.Attempts != 3 || d.LastStatus != 503 || calls[d.Key] != 3 {
			t.Errorf("dead letter %+v after %d calls; want 3 attempts, status 503", d, calls[d.Key])
		}
	}
	mu.Lock()
	failing = false
	mu.Unlock()
	for _, d := range dead {
		if err := st.RequeueDelivery(ctx, d.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := w.Once(ctx); err != nil || n != 3 {
		t.Fatalf("Once after requeue: %d, %v", n, err)
	}
	if done, _ := st.ListDeliveries(ctx, interdict.DeliveryFilter{State: interdict.DeliveryDelivered}); len(done) != 3 {
		t.Errorf("%d delivered after requeue, want 3", len(done))
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"event":"alert.opened"}`)
	now := time.Unix(1_700_000_000, 0)
	sig := Sign("secret-0123456789", now, body)
	if err := Verify("secret-0123456789", sig, body, now.Add(time.Minute), 5*time.Minute); err != nil {
		t.Errorf("Verify of a good signature: %v", err)
	}
	for name, tc := range map[string]struct {
		secret, header string
		body           []byte
		at             time.Time
	}{
		"other secret": {"secret-other-000000", sig, body, now},
		"other body":   {"secret-0123456789", sig, []byte(`{}`), now},
		"too old":      {"secret-0123456789", sig, body, now.Add(time.Hour)},
		"empty":        {"secret-0123456789", "", body, now},
		"garbled":      {"secret-0123456789", "t=x,v1=", body, now},
	} {
		if err := Verify(tc.secret, tc.header, tc.body, tc.at, 5*time.Minute); err == nil {
			t.Errorf("%s: verified", name)
		}
	}
}

func TestBackoff(t *testing.T) {
	w := &Worker{Base: time.Second, Max: time.Minute}
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 7: time.Minute, 30: time.Minute} {
		for range 50 {
			if d := w.backoff(n); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n, d, want/2, want)
			}
		}
	}
}
