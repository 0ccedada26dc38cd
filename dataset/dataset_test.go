package dataset

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func TestSnapshotAndSwap(t *testing.T) {
	dir := shared.Data(t, "un_consolidated")
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	s1, err := Load(context.Background(), dir, "", now)
	if err != nil {
		t.Fatal(err)
	}
	if s1.Entities() != 1003 || s1.Version == "" {
		t.Fatalf("snapshot: %d entities, version %q", s1.Entities(), s1.Version)
	}
	s2, err := Load(context.Background(), dir, "", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if s1.Version != s2.Version {
		t.Errorf("same lists, versions %s and %s", s1.Version, s2.Version)
	}
	e, ok := s1.Entity("un-ref:QDi.001")
	if !ok || e.Source != "un" {
		t.Errorf("alt key lookup: %v %v", e, ok)
	}

	var h Holder
	if h.Current() != nil {
		t.Fatal("empty holder has a snapshot")
	}
	h.Swap(s1)
	// Readers hold the snapshot they took while another is swapped in.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap := h.Current()
			for range 50 {
				if _, err := snap.Screener.Screen(&interdict.Query{Names: []string{"Ayman al-Zawahiri"}}, false); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	if old := h.Swap(s2); old != s1 {
		t.Error("swap returned another snapshot")
	}
	wg.Wait()
	if h.Current() != s2 {
		t.Error("current is not the swapped-in snapshot")
	}
}

// TestNetwork builds the network of a snapshot in the background once it
// is swapped in, publishes it with the clusters, and stops the build of a
// snapshot that is replaced or never started.
func TestNetwork(t *testing.T) {
	dir := shared.Data(t, "un_consolidated")
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	s1, err := Load(context.Background(), dir, "", now)
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := s1.NetworkStatus(); st != NetworkPending || s1.Network() != nil {
		t.Fatalf("before the swap: %v, network %v", st, s1.Network())
	}
	var h Holder
	h.Swap(s1)
	select {
	case <-s1.NetworkDone():
	case <-time.After(2 * time.Minute):
		t.Fatal("the network was not built")
	}
	st, took, err := s1.NetworkStatus()
	net := s1.Network()
	if st != NetworkReady || err != nil || net == nil || took <= 0 {
		t.Fatalf("after the build: %v %v %v, network %v", st, took, err, net)
	}
	if net.Version != s1.Version || net.Clusters == nil {
		t.Errorf("network %s, clusters %v", net.Version, net.Clusters)
	}
	// QDi.001 (al-Zawahiri) is a UN node; its network is found by id.
	e, _ := s1.Entity("un-ref:QDi.001")
	if _, ok := net.Graph.Node(e.ID); !ok || net.Clusters.Of(e.ID) == nil {
		t.Errorf("%s is not in the network", e.ID)
	}
	// A second build returns the first.
	again, err := s1.BuildNetwork(context.Background())
	if again != net || err != nil {
		t.Errorf("second build: %p %v, want %p", again, err, net)
	}

	// A snapshot replaced before its build ends has its build stopped.
	s2, err := Load(context.Background(), dir, "", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s3, err := Load(context.Background(), dir, "", now.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	h.Swap(s2)
	h.Swap(s3)
	<-s2.NetworkDone()
	if st, _, err := s2.NetworkStatus(); st == NetworkFailed && !errors.Is(err, ErrNetworkStopped) || st == NetworkReady && s2.Network() == nil || st != NetworkFailed && st != NetworkReady {
		t.Errorf("replaced snapshot: %v %v", st, err)
	}
	// Close stops the build in service and waits for it.
	h.Close()
	if st, _, err := s3.NetworkStatus(); st != NetworkFailed && st != NetworkReady || st == NetworkFailed && !errors.Is(err, ErrNetworkStopped) {
		t.Errorf("after Close: %v %v", st, err)
	}

	// A build stopped before it starts fails for good.
	s4, err := Load(context.Background(), dir, "", now)
	if err != nil {
		t.Fatal(err)
	}
	s4.stopNetwork()
	if n, err := s4.BuildNetwork(context.Background()); n != nil || !errors.Is(err, ErrNetworkStopped) {
		t.Errorf("stopped build: %v %v", n, err)
	}
	// A cancelled build says so.
	s5, err := Load(context.Background(), dir, "", now)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := s5.BuildNetwork(ctx); n != nil || !errors.Is(err, ErrNetworkStopped) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: %v %v", n, err)
	}
	if st, _, _ := s5.NetworkStatus(); st != NetworkFailed {
		t.Errorf("cancelled build: status %v", st)
	}
}
