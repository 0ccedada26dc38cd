// Package pipeline runs an ordered worker pipeline: one goroutine reads
// items, several process them, and the caller receives the results in the
// order the items were read. `interdict batch` and `interdict shipment
// --batch` both stream files through it.
package pipeline

import (
	"context"
	"io"
	"sync"
)

// Run reads items with next on one goroutine, processes each on one of
// workers goroutines, and calls emit with the results in the order next
// gave the items, on the calling goroutine. newWorker is called once per
// worker, so that each can keep its own scratch memory.
//
// next returns io.EOF (and a zero item) at the end of the input; any other
// error stops the reading, the items read before it are still emitted, and
// Run returns that error. At most window items are between next and emit,
// which bounds memory whatever the input's size.
//
// Run returns nil when every item has been emitted, emit's first error, or
// ctx.Err() when ctx is done (emitting stops at once; the results emitted
// until then are in order and without a gap). It waits for its workers
// but not for a next that blocks (a read of a terminal): that goroutine
// ends at its next item.
func Run[In, Out any](ctx context.Context, workers, window int, next func() (In, error), newWorker func() func(In) Out, emit func(Out) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers = max(workers, 1)
	window = max(window, workers)
	type job struct {
		in  In
		res chan Out
	}
	order := make(chan *job, window)
	jobs := make(chan *job, workers*4)
	var readErr error

	go func() {
		defer close(order)
		defer close(jobs)
		for ctx.Err() == nil {
			in, err := next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			j := &job{in: in, res: make(chan Out, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		work := newWorker()
		wg.Go(func() {
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					j.res <- work(j.in)
				case <-ctx.Done():
					return
				}
			}
		})
	}
	// On any return: stop the reader and the workers, then wait for the
	// workers.
	defer func() {
		cancel()
		wg.Wait()
	}()

	for j := range order {
		var out Out
		select {
		case out = <-j.res:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := emit(out); err != nil {
			return err
		}
	}
	// order is closed only once the reader has returned, so readErr is
	// safe to read.
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}
