package dataset

import (
	"context"
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
