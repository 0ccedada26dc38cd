package store

import (
	"context"
	"errors"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
)

// Auditor writes audit records with group commit: concurrent requests
// hand their records to one writer goroutine, which commits whatever has
// gathered in a single transaction and then releases every waiter. Each
// Record call returns only once its record is durable, so an answer is
// never sent for a decision the trail could lose, yet many requests share
// one commit (and one fsync).
type Auditor struct {
	st      Store
	maxWait time.Duration
	reqs    chan *pending
	done    chan struct{}
	// mu guards reqs against a send after Close: senders hold it shared,
	// Close exclusively.
	mu     sync.RWMutex
	closed bool
}

type pending struct {
	rec *interdict.AuditRecord
	err chan error
}

// maxBatch bounds one transaction.
const maxBatch = 512

// ErrAuditorClosed is returned by Record after Close.
var ErrAuditorClosed = errors.New("auditor closed")

// NewAuditor starts the writer. maxWait is how long the writer lingers for
// more records once it has one (0: commit as soon as the previous commit
// is done, which already batches under load).
func NewAuditor(st Store, maxWait time.Duration) *Auditor {
	a := &Auditor{st: st, maxWait: maxWait, reqs: make(chan *pending, 4*maxBatch), done: make(chan struct{})}
	go a.run()
	return a
}

// Record writes rec durably, sharing the commit with concurrent callers,
// and sets rec.ID. It returns the commit's error, or ctx's if ctx ends
// before the record is queued (then it is not written). rec must not be
// touched by the caller until Record returns.
func (a *Auditor) Record(ctx context.Context, rec *interdict.AuditRecord) error {
	// A malformed record would fail the whole batch it joined, and with it
	// every other request of that commit: refuse it here, alone.
	if err := CheckAudit(rec); err != nil {
		return err
	}
	// Checked first because select picks at random among ready cases: a
	// caller whose context is already done must not be queued half the
	// time.
	if err := ctx.Err(); err != nil {
		return err
	}
	p := &pending{rec: rec, err: make(chan error, 1)}
	a.mu.RLock()
	if a.closed {
		a.mu.RUnlock()
		return ErrAuditorClosed
	}
	select {
	case a.reqs <- p:
		a.mu.RUnlock()
	case <-ctx.Done():
		a.mu.RUnlock()
		return ctx.Err()
	}
	// Once queued, the record will be committed whatever the caller does;
	// wait for the outcome so that the caller only answers after it.
	return <-p.err
}

func (a *Auditor) run() {
	batch := make([]*pending, 0, maxBatch)
	for {
		p, ok := <-a.reqs
		if !ok {
			close(a.done)
			return
		}
		batch = append(batch[:0], p)
		var timer <-chan time.Time
		if a.maxWait > 0 {
			timer = time.After(a.maxWait)
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case p, ok := <-a.reqs:
				if !ok {
					break gather
				}
				batch = append(batch, p)
			default:
				if timer == nil {
					break gather
				}
				select {
				case p, ok := <-a.reqs:
					if !ok {
						break gather
					}
					batch = append(batch, p)
				case <-timer:
					break gather
				}
			}
		}
		recs := make([]*interdict.AuditRecord, len(batch))
		for i, p := range batch {
			recs[i] = p.rec
		}
		// The commit must not be cut short by one caller's context.
		err := a.st.AppendAudit(context.Background(), recs)
		for _, p := range batch {
			p.err <- err
		}
	}
}

// Close stops accepting records, commits those queued, and waits: once it
// returns, every record queued has been committed (or its commit has
// failed), no Record will reach the Store again, and the Store may be
// closed. It may be called more than once.
func (a *Auditor) Close() {
	a.mu.Lock()
	if !a.closed {
		a.closed = true
		close(a.reqs)
	}
	a.mu.Unlock()
	<-a.done
}
