package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
)

// fake is a Store whose AppendAudit the tests steer: it can hold each
// commit until released, fail, or take time. The other methods are not
// used by the Auditor (the embedded nil Store panics if they were).
type fake struct {
	Store
	mu      sync.Mutex
	next    int64
	stored  map[int64]*interdict.AuditRecord
	batches []int
	err     error
	delay   time.Duration
	// gate, when set, holds every commit until a value is received;
	// entered gets each batch as its commit starts.
	gate    chan struct{}
	entered chan []*interdict.AuditRecord
}

func newFake() *fake { return &fake{stored: map[int64]*interdict.AuditRecord{}} }

func (f *fake) AppendAudit(ctx context.Context, recs []*interdict.AuditRecord) error {
	if f.entered != nil {
		f.entered <- recs
	}
	if f.gate != nil {
		<-f.gate
	}
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.batches = append(f.batches, len(recs))
	for _, r := range recs {
		f.next++
		r.ID = f.next
		f.stored[r.ID] = r
	}
	return nil
}

func (f *fake) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.stored)
}

func rec(i int) *interdict.AuditRecord {
	return &interdict.AuditRecord{At: time.Unix(1700000000, 0), User: fmt.Sprint(i), Decision: "clear"}
}

// record starts Record in a goroutine; the channel gets its result.
func record(a *Auditor, ctx context.Context, r *interdict.AuditRecord) chan error {
	c := make(chan error, 1)
	go func() { c <- a.Record(ctx, r) }()
	return c
}

// notDone reports whether c has no result yet, after giving it a moment.
func notDone(c chan error) bool {
	select {
	case err := <-c:
		c <- err // put it back for the caller
		return false
	case <-time.After(20 * time.Millisecond):
		return true
	}
}

// waitQueued waits until n records wait in the queue.
func waitQueued(t *testing.T, a *Auditor, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); len(a.reqs) < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d records queued, want %d", len(a.reqs), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestAuditorConcurrent(t *testing.T) {
	f := newFake()
	f.delay = 2 * time.Millisecond // a commit's fsync: requests gather meanwhile
	a := NewAuditor(f, 0)
	const workers, each = 64, 40
	var wg sync.WaitGroup
	got := make([][]*interdict.AuditRecord, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r := rec(w*each + i)
				if err := a.Record(context.Background(), r); err != nil {
					t.Errorf("Record: %v", err)
					return
				}
				got[w] = append(got[w], r)
			}
		})
	}
	wg.Wait()
	a.Close()
	seen := map[int64]bool{}
	for _, rs := range got {
		for _, r := range rs {
			if r.ID == 0 || seen[r.ID] || f.stored[r.ID] != r {
				t.Fatalf("record %s: id %d not its own", r.User, r.ID)
			}
			seen[r.ID] = true
		}
	}
	if len(seen) != workers*each || f.count() != workers*each {
		t.Errorf("%d acknowledged, %d stored, want %d", len(seen), f.count(), workers*each)
	}
	// 2,560 records from 64 concurrent callers must share commits.
	if len(f.batches) > workers*each/4 {
		t.Errorf("%d commits for %d records: no group commit", len(f.batches), workers*each)
	}
	for _, n := range f.batches {
		if n > maxBatch {
			t.Errorf("a batch of %d > %d", n, maxBatch)
		}
	}
	t.Logf("%d records in %d commits", workers*each, len(f.batches))
}

// TestAuditorDurabilityOrder: Record returns only once the commit holding
// its record has returned, never before; records arriving during a commit
// wait for the next one.
func TestAuditorDurabilityOrder(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	f.entered = make(chan []*interdict.AuditRecord, 4)
	a := NewAuditor(f, 0)
	defer a.Close()
	ctx := context.Background()

	r1 := rec(1)
	c1 := record(a, ctx, r1)
	if b := <-f.entered; len(b) != 1 || b[0] != r1 {
		t.Fatalf("first commit holds %d records", len(b))
	}
	r2, r3 := rec(2), rec(3)
	c2 := record(a, ctx, r2)
	c3 := record(a, ctx, r3)
	waitQueued(t, a, 2)
	if !notDone(c1) || !notDone(c2) || !notDone(c3) {
		t.Fatal("Record returned before its commit")
	}
	if r1.ID != 0 {
		t.Fatal("id set before the commit")
	}

	f.gate <- struct{}{} // the first commit completes
	if err := <-c1; err != nil || r1.ID == 0 {
		t.Fatalf("Record 1 = %v, id %d", err, r1.ID)
	}
	if b := <-f.entered; len(b) != 2 {
		t.Fatalf("second commit holds %d records, want the 2 that waited", len(b))
	}
	if !notDone(c2) || !notDone(c3) {
		t.Fatal("a record waiting for the second commit was acknowledged by the first")
	}
	f.gate <- struct{}{}
	for i, c := range []chan error{c2, c3} {
		if err := <-c; err != nil {
			t.Errorf("Record %d: %v", i+2, err)
		}
	}
	if r2.ID == 0 || r3.ID == 0 || r2.ID == r3.ID {
		t.Errorf("ids %d, %d", r2.ID, r3.ID)
	}
}

// TestAuditorError: a failed commit fails every record in it, leaves it
// unacknowledged, and the writer carries on with the next.
func TestAuditorError(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	f.entered = make(chan []*interdict.AuditRecord, 4)
	a := NewAuditor(f, 0)
	defer a.Close()
	ctx := context.Background()
	boom := errors.New("disk full")

	c0 := record(a, ctx, rec(0))
	<-f.entered
	var cs []chan error
	for i := range 5 {
		cs = append(cs, record(a, ctx, rec(i+1)))
	}
	waitQueued(t, a, 5)
	f.gate <- struct{}{}
	if err := <-c0; err != nil {
		t.Fatal(err)
	}
	<-f.entered
	f.mu.Lock()
	f.err = boom
	f.mu.Unlock()
	f.gate <- struct{}{}
	for _, c := range cs {
		if err := <-c; !errors.Is(err, boom) {
			t.Errorf("Record in a failed commit = %v, want %v", err, boom)
		}
	}
	f.mu.Lock()
	f.err = nil
	f.mu.Unlock()
	c := record(a, ctx, rec(9))
	<-f.entered
	f.gate <- struct{}{}
	if err := <-c; err != nil {
		t.Errorf("Record after a failed commit = %v", err)
	}
	if n := f.count(); n != 2 {
		t.Errorf("%d stored, want 2", n)
	}
}

// TestAuditorInvalid: a malformed record is refused on its own, before
// it can fail the commit it would share with others.
func TestAuditorInvalid(t *testing.T) {
	f := newFake()
	a := NewAuditor(f, 0)
	defer a.Close()
	bad := rec(1)
	bad.Decision = "perhaps"
	if err := a.Record(context.Background(), bad); !errors.Is(err, ErrInvalid) {
		t.Errorf("Record(bad) = %v, want ErrInvalid", err)
	}
	if err := a.Record(context.Background(), nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("Record(nil) = %v, want ErrInvalid", err)
	}
	if err := a.Record(context.Background(), rec(2)); err != nil {
		t.Error(err)
	}
	if n := f.count(); n != 1 {
		t.Errorf("%d stored, want 1", n)
	}
}

func TestAuditorContext(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	f.entered = make(chan []*interdict.AuditRecord, 8)
	a := NewAuditor(f, 0)
	defer a.Close()

	// Done before Record: not queued, not written, whatever the queue.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for range 20 {
		if err := a.Record(done, rec(0)); !errors.Is(err, context.Canceled) {
			t.Fatalf("Record(cancelled) = %v", err)
		}
	}

	// Cancelled once queued: the record is written all the same, and
	// Record waits for the commit to report it.
	ctx, cancel := context.WithCancel(context.Background())
	r := rec(1)
	c := record(a, ctx, r)
	<-f.entered
	cancel()
	if !notDone(c) {
		t.Fatal("Record returned on cancellation before the commit ended")
	}
	f.gate <- struct{}{}
	if err := <-c; err != nil || r.ID == 0 {
		t.Errorf("Record cancelled while committing = %v, id %d; want the commit's nil", err, r.ID)
	}

	// Blocked on a full queue: ctx ends the wait, and nothing is written.
	hold := record(a, context.Background(), rec(2))
	<-f.entered // the writer holds one batch in its commit
	var queued []chan error
	for i := range cap(a.reqs) {
		queued = append(queued, record(a, context.Background(), rec(3+i)))
	}
	waitQueued(t, a, cap(a.reqs))
	short, cancel2 := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel2()
	late := rec(99999)
	if err := a.Record(short, late); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Record on a full queue = %v, want DeadlineExceeded", err)
	}
	// Release every commit from now on.
	go func() {
		for range f.entered {
			f.gate <- struct{}{}
		}
	}()
	f.gate <- struct{}{}
	for _, c := range append(queued, hold) {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	if late.ID != 0 || f.count() != 2+cap(a.reqs) {
		t.Errorf("timed-out record id %d; %d stored, want %d", late.ID, f.count(), 2+cap(a.reqs))
	}
}

// TestAuditorBatchBound: a backlog is committed in batches of at most
// maxBatch.
func TestAuditorBatchBound(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	f.entered = make(chan []*interdict.AuditRecord, 16)
	a := NewAuditor(f, 0)
	first := record(a, context.Background(), rec(0))
	<-f.entered
	const n = 1200
	var cs []chan error
	for i := range n {
		cs = append(cs, record(a, context.Background(), rec(i+1)))
	}
	waitQueued(t, a, n)
	close(f.gate) // every commit goes through
	for _, c := range append(cs, first) {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	want := []int{1, maxBatch, maxBatch, n - 2*maxBatch}
	if fmt.Sprint(f.batches) != fmt.Sprint(want) {
		t.Errorf("batches %v, want %v", f.batches, want)
	}
}

// TestAuditorMaxWait: with maxWait, the writer lingers for company before
// committing one record alone.
func TestAuditorMaxWait(t *testing.T) {
	f := newFake()
	a := NewAuditor(f, 300*time.Millisecond)
	start := time.Now()
	c1 := record(a, context.Background(), rec(1))
	time.Sleep(20 * time.Millisecond)
	c2 := record(a, context.Background(), rec(2))
	for _, c := range []chan error{c1, c2} {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	if fmt.Sprint(f.batches) != "[2]" {
		t.Errorf("batches %v, want one of 2", f.batches)
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("committed after %v, before maxWait", d)
	}
}

// TestAuditorClose: Close commits what is queued and waits for it; after
// it, Record refuses; Close twice is fine.
func TestAuditorClose(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	f.entered = make(chan []*interdict.AuditRecord, 4)
	a := NewAuditor(f, 0)
	c0 := record(a, context.Background(), rec(0))
	<-f.entered
	var cs []chan error
	for i := range 10 {
		cs = append(cs, record(a, context.Background(), rec(i+1)))
	}
	waitQueued(t, a, 10)
	closed := make(chan struct{})
	go func() { a.Close(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("Close returned with a commit in progress")
	case <-time.After(20 * time.Millisecond):
	}
	if err := a.Record(context.Background(), rec(99)); !errors.Is(err, ErrAuditorClosed) {
		t.Errorf("Record while closing = %v, want ErrAuditorClosed", err)
	}
	close(f.gate)
	<-closed
	if n := f.count(); n != 11 {
		t.Errorf("%d stored after Close, want the 11 queued", n)
	}
	for _, c := range append(cs, c0) {
		if err := <-c; err != nil {
			t.Error(err)
		}
	}
	a.Close()
	if err := a.Record(context.Background(), rec(100)); !errors.Is(err, ErrAuditorClosed) {
		t.Errorf("Record after Close = %v, want ErrAuditorClosed", err)
	}
}

// TestAuditorCloseRace closes while many goroutines record: each Record
// either succeeds, and its record is stored, or is refused, and it is not;
// nothing hangs or panics (a send on the closed queue would).
func TestAuditorCloseRace(t *testing.T) {
	for round := range 20 {
		f := newFake()
		a := NewAuditor(f, time.Duration(round%3)*time.Millisecond)
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			acked    []*interdict.AuditRecord
			refused  []*interdict.AuditRecord
			started  = make(chan struct{})
			startOne sync.Once
		)
		for w := range 16 {
			wg.Go(func() {
				for i := 0; ; i++ {
					r := rec(w*1000 + i)
					err := a.Record(context.Background(), r)
					startOne.Do(func() { close(started) })
					mu.Lock()
					switch {
					case err == nil:
						acked = append(acked, r)
					case errors.Is(err, ErrAuditorClosed):
						refused = append(refused, r)
					default:
						t.Errorf("Record = %v", err)
					}
					mu.Unlock()
					if err != nil {
						return
					}
				}
			})
		}
		<-started
		time.Sleep(time.Duration(round) * 100 * time.Microsecond)
		a.Close()
		wg.Wait()
		for _, r := range acked {
			if r.ID == 0 || f.stored[r.ID] != r {
				t.Fatalf("round %d: acknowledged record not stored", round)
			}
		}
		for _, r := range refused {
			if r.ID != 0 {
				t.Fatalf("round %d: refused record stored as %d", round, r.ID)
			}
		}
		if f.count() != len(acked) {
			t.Fatalf("round %d: %d stored, %d acknowledged", round, f.count(), len(acked))
		}
	}
}
