// Package webhook delivers new alerts to subscribers: each alert opened
// is written with one outbox row per active webhook in the same
// transaction (store.OpenAlert), and a Worker claims due rows with a
// lease, POSTs them, and records each attempt. Delivery is at least once:
// a receiver may get an alert twice (a worker that dies after sending,
// a lease that runs out during a slow answer, a 2xx lost on the way
// back) and recognises a repeat by its Idempotency-Key header, the same
// on every attempt of one alert to one webhook. A failed attempt is
// retried with exponential back-off and jitter; after the last one the
// delivery is a dead letter, listed by the API until an admin requeues
// it.
//
// Each request carries:
//
//	Content-Type: application/json
//	Idempotency-Key: alert-<alert id>-webhook-<webhook id>
//	Interdict-Event: alert.opened
//	Interdict-Delivery: <delivery id>
//	Interdict-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//
// Receivers check the signature with Verify (or its few lines in their
// own language) and refuse a timestamp too far from their clock, which
// stops a captured request being replayed later.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// Headers.
const (
	HeaderSignature = "Interdict-Signature"
	HeaderKey       = "Idempotency-Key"
	HeaderEvent     = "Interdict-Event"
	HeaderDelivery  = "Interdict-Delivery"
)

// Defaults of a Worker's settings.
const (
	// DefaultAttempts: with the default back-off the last attempt comes
	// about 9 hours after the first (1 min doubling to a 2 h cap, jittered
	// down by up to half), long enough to ride out a receiver's night.
	DefaultAttempts = 10
	DefaultBase     = time.Minute
	DefaultMax      = 2 * time.Hour
	DefaultTimeout  = 10 * time.Second
	DefaultBatch    = 16
	DefaultPoll     = time.Second
)

// NewSecret returns a fresh signing secret: "whsec_" and 32 random bytes
// in base64url.
func NewSecret() string {
	var b [32]byte
	rand.Read(b[:])
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b[:])
}

// Sign returns the signature header value of body at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// ErrSignature: a request's signature is missing, malformed, wrong or
// too old.
var ErrSignature = errors.New("bad webhook signature")

// Verify checks a signature header against body: the HMAC must match and
// its time lie within tolerance of now.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return fmt.Errorf("webhook: signature header %q: %w", header, ErrSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook: signed %v away from now: %w", d.Round(time.Second), ErrSignature)
	}
	want := mac(secret, ts, body)
	if !hmac.Equal([]byte(sig), []byte(want)) {
		return fmt.Errorf("webhook: signature does not match: %w", ErrSignature)
	}
	return nil
}

// Payload is the JSON body of a delivery.
type Payload struct {
	Event          string          `json:"event"`
	IdempotencyKey string          `json:"idempotency_key"`
	Delivery       int64           `json:"delivery"`
	Alert          interdict.Alert `json:"alert"`
}

// Worker delivers the outbox. Any number of workers, in one process or
// several sharing a database, may run at once: the lease keeps them off
// each other's deliveries.
type Worker struct {
	Store  store.Store
	Client *http.Client
	// Attempts is the number of tries before a dead letter; Base and Max
	// bound the back-off (Base·2^(n-1), at most Max, less up to half of
	// it at random so that retries of many deliveries spread out).
	Attempts  int
	Base, Max time.Duration
	// Timeout bounds one request; the lease is Timeout plus a minute, so
	// that it cannot run out while a request is still allowed to run.
	Timeout time.Duration
	// Batch is how many deliveries one claim takes (and sends at once);
	// Poll how long an idle worker waits before looking again.
	Batch int
	Poll  time.Duration
	Now   func() time.Time
	Log   *slog.Logger

	wakeOnce sync.Once
	wake     chan struct{}
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.New(slog.DiscardHandler)
}

func orDefault[T int | time.Duration](v, d T) T {
	if v > 0 {
		return v
	}
	return d
}

func (w *Worker) wakeCh() chan struct{} {
	w.wakeOnce.Do(func() { w.wake = make(chan struct{}, 1) })
	return w.wake
}

// Notify tells a waiting worker that deliveries may be due (alerts were
// just opened), so that it looks before its poll interval ends.
func (w *Worker) Notify() {
	select {
	case w.wakeCh() <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	poll := orDefault(w.Poll, DefaultPoll)
	t := time.NewTimer(poll)
	defer t.Stop()
	for {
		n, err := w.Once(ctx)
		if err != nil && ctx.Err() == nil {
			w.log().Warn("webhook deliveries: claiming failed", "error", err)
		}
		if n > 0 && err == nil {
			continue // more may be due
		}
		t.Reset(poll)
		select {
		case <-ctx.Done():
			return
		case <-w.wakeCh():
		case <-t.C:
		}
	}
}

// Once claims one batch of due deliveries and attempts each (at once),
// returning how many it claimed.
func (w *Worker) Once(ctx context.Context) (int, error) {
	timeout := orDefault(w.Timeout, DefaultTimeout)
	ds, err := w.Store.ClaimDeliveries(ctx, w.now(), timeout+time.Minute, orDefault(w.Batch, DefaultBatch))
	if err != nil {
		return 0, fmt.Errorf("webhook: %w", err)
	}
	var wg sync.WaitGroup
	for _, d := range ds {
		wg.Go(func() { w.attempt(ctx, d) })
	}
	wg.Wait()
	return len(ds), nil
}

// attempt sends one delivery and records the outcome.
func (w *Worker) attempt(ctx context.Context, d interdict.Delivery) {
	status, sendErr := w.send(ctx, d)
	if ctx.Err() != nil {
		// Shutting down: the lease runs out and another attempt follows;
		// this one is not counted against the delivery.
		return
	}
	att := interdict.DeliveryAttempt{At: w.now(), OK: sendErr == nil, Status: status}
	if sendErr != nil {
		att.Error = clip(sendErr.Error())
		n := d.Attempts + 1
		if n < orDefault(w.Attempts, DefaultAttempts) {
			att.Next = att.At.Add(w.backoff(n))
		}
	}
	if err := w.Store.FinishAttempt(ctx, d.ID, d.LeaseToken, att); err != nil {
		w.log().Warn("webhook delivery: recording the attempt failed", "delivery", d.ID, "error", err)
		return
	}
	switch {
	case sendErr == nil:
	case att.Next.IsZero():
		w.log().Warn("webhook delivery failed for the last time: dead letter", "delivery", d.ID, "key", d.Key, "attempts", d.Attempts+1, "error", sendErr)
	default:
		w.log().Info("webhook delivery failed: will retry", "delivery", d.ID, "key", d.Key, "attempt", d.Attempts+1, "next", att.Next, "error", sendErr)
	}
}

// backoff is the wait after the n-th failed attempt: Base·2^(n-1) capped
// at Max, less a random share of up to half ("equal jitter").
func (w *Worker) backoff(n int) time.Duration {
	base, hi := orDefault(w.Base, DefaultBase), orDefault(w.Max, DefaultMax)
	d := time.Duration(math.Min(float64(hi), float64(base)*math.Pow(2, float64(n-1))))
	return d/2 + time.Duration(mrand.Int64N(int64(d/2)+1))
}

// send makes one request; a nil error means a 2xx answer.
func (w *Worker) send(ctx context.Context, d interdict.Delivery) (int, error) {
	hook, err := w.Store.GetWebhook(ctx, d.WebhookID)
	if err != nil {
		return 0, err
	}
	a, _, err := w.Store.GetAlert(ctx, d.AlertID)
	if err != nil {
		return 0, err
	}
	body, err := json.Marshal(Payload{Event: d.Event, IdempotencyKey: d.Key, Delivery: d.ID, Alert: a})
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, orDefault(w.Timeout, DefaultTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "interdict-webhook/1")
	req.Header.Set(HeaderKey, d.Key)
	req.Header.Set(HeaderEvent, d.Event)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderSignature, Sign(hook.Secret, w.now(), body))
	client := w.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// clip bounds an error kept with a delivery, on a rune boundary.
func clip(s string) string {
	if len(s) <= 500 {
		return s
	}
	cut := 500
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
