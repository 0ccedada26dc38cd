package dataset

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/interdict/interdict/network"
	"github.com/interdict/interdict/resolve"
)

// NetworkStatus says where a snapshot's network is.
type NetworkStatus int

const (
	// NetworkPending: no build has been started.
	NetworkPending NetworkStatus = iota
	// NetworkBuilding: the clusters are being resolved or the graph built.
	NetworkBuilding
	// NetworkReady: Snapshot.Network returns it.
	NetworkReady
	// NetworkFailed: the build was stopped (the snapshot was replaced,
	// the server is closing) or failed; the error says which.
	NetworkFailed
)

func (s NetworkStatus) String() string {
	switch s {
	case NetworkPending:
		return "pending"
	case NetworkBuilding:
		return "building"
	case NetworkReady:
		return "ready"
	}
	return "failed"
}

// ErrNetworkStopped is the error of a build stopped before it began or
// while it ran.
var ErrNetworkStopped = errors.New("dataset: the network build was stopped")

// netState is the network of one snapshot and its build. The network is
// published through an atomic pointer, so readers never lock; the mutex
// only orders starting and stopping the build.
type netState struct {
	mu      sync.Mutex
	started bool
	cancel  context.CancelFunc
	done    chan struct{} // closed when the build has ended, however
	status  atomic.Int32
	net     atomic.Pointer[network.Network]
	err     error         // set before done is closed
	took    time.Duration // set before done is closed
}

func (n *netState) doneChan() chan struct{} {
	if n.done == nil {
		n.done = make(chan struct{})
	}
	return n.done
}

// Network returns the snapshot's network (the graph of its entities with
// the cross-list clusters), or nil until it is built: it is built after
// the snapshot is put in service (Holder.Swap) or by BuildNetwork.
func (s *Snapshot) Network() *network.Network { return s.net.net.Load() }

// NetworkStatus says whether the network is ready and, once its build
// has ended, how long the build took and why it failed (nil when ready).
func (s *Snapshot) NetworkStatus() (status NetworkStatus, took time.Duration, err error) {
	st := NetworkStatus(s.net.status.Load())
	if st == NetworkReady || st == NetworkFailed {
		<-s.NetworkDone() // err and took are written before done closes
		return st, s.net.took, s.net.err
	}
	return st, 0, nil
}

// NetworkDone returns a channel closed when the network build has ended,
// ready or failed.
func (s *Snapshot) NetworkDone() <-chan struct{} {
	s.net.mu.Lock()
	defer s.net.mu.Unlock()
	return s.net.doneChan()
}

// networkWorkers is how many goroutines resolve the clusters: all but one
// core, so that a server keeps answering at its usual speed while the
// network of a new snapshot is built beside it (on two cores: one worker,
// about 5 s over every list of ../shared/data instead of 3).
func networkWorkers() int { return max(1, runtime.GOMAXPROCS(0)-1) }

// BuildNetwork builds the snapshot's network, publishes it and returns
// it: the cross-list clusters (resolve.Resolve over the snapshot's index),
// then the graph (network.New). Only the first call builds; later calls
// (and calls while it runs) wait for that build, or for ctx. Cancelling
// the first call's ctx stops the build, which then fails for good: a
// snapshot's network is built at most once.
func (s *Snapshot) BuildNetwork(ctx context.Context) (*network.Network, error) {
	n := &s.net
	n.mu.Lock()
	done := n.doneChan()
	if n.started {
		n.mu.Unlock()
		select {
		case <-done:
			return n.net.Load(), n.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	n.started = true
	ctx, n.cancel = context.WithCancel(ctx)
	n.status.Store(int32(NetworkBuilding))
	n.mu.Unlock()

	start := time.Now()
	net, err := s.buildNetwork(ctx)
	n.mu.Lock()
	n.cancel()
	n.took = time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w: %w", ErrNetworkStopped, err)
		}
		n.err = err
		n.status.Store(int32(NetworkFailed))
	} else {
		n.net.Store(net)
		n.status.Store(int32(NetworkReady))
	}
	close(done)
	n.mu.Unlock()
	return net, err
}

// buildNetwork resolves and builds. A panic in either (a bug, never the
// lists' content) fails the build instead of the process: the build runs
// in the background of a server that is screening.
func (s *Snapshot) buildNetwork(ctx context.Context) (net *network.Network, err error) {
	defer func() {
		if p := recover(); p != nil {
			net, err = nil, fmt.Errorf("dataset: building the network of %s: panic: %v", s.Version, p)
		}
	}()
	cs, err := resolve.Resolve(ctx, s.Index, resolve.Options{Workers: networkWorkers()})
	if err != nil {
		return nil, fmt.Errorf("dataset: resolving the clusters of %s: %w", s.Version, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("dataset: building the network of %s: %w", s.Version, err)
	}
	return network.New(s.Version, s.Screener, s.Index.Entities, cs), nil
}

// startNetwork builds the network in the background, unless a build has
// already been started.
func (s *Snapshot) startNetwork() {
	s.net.mu.Lock()
	started := s.net.started
	s.net.mu.Unlock()
	if !started {
		go s.BuildNetwork(context.Background())
	}
}

// stopNetwork stops a build that is running, and prevents one that has
// not started.
func (s *Snapshot) stopNetwork() {
	n := &s.net
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case !n.started:
		n.started = true
		n.err = ErrNetworkStopped
		n.status.Store(int32(NetworkFailed))
		close(n.doneChan())
	case n.cancel != nil:
		n.cancel()
	}
}
