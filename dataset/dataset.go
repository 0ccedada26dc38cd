// Package dataset holds one immutable snapshot of the lists — every live
// entity, the search index and a screener over it, and, once built in the
// background, the network with its cross-list clusters — and swaps
// snapshots atomically: a refresh builds a new snapshot beside the old
// one, and queries in flight finish on the snapshot they started with.
package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

// Snapshot is one built version of the lists. Nothing in it changes after
// Build; any number of goroutines may read it.
type Snapshot struct {
	// Version names the content: the same lists give the same version on
	// every replica, so a screening decision can be replayed against it.
	Version  string
	Built    time.Time
	Catalog  *source.Catalog
	Index    *index.Index
	Screener *screen.Screener
	// BuildTook is how long indexing took (loading is in Catalog.Took).
	BuildTook time.Duration

	byID    map[string]*interdict.Entity
	inbound map[string][]Inbound
	// net is the snapshot's network, built after the snapshot is in
	// service (see network.go).
	net netState
}

// Inbound is a link another live entity makes to an entity.
type Inbound struct {
	From *interdict.Entity
	Link interdict.Link
}

// Build indexes a loaded catalog. now stamps the snapshot.
func Build(cat *source.Catalog, now time.Time) *Snapshot {
	start := time.Now()
	ents := cat.Entities()
	ix := index.Build(ents)
	s := &Snapshot{
		Version:  version(cat),
		Built:    now,
		Catalog:  cat,
		Index:    ix,
		Screener: screen.New(ix),
		byID:     make(map[string]*interdict.Entity, len(ents)),
		inbound:  map[string][]Inbound{},
	}
	for _, e := range ents {
		s.byID[e.ID] = e
		for _, k := range e.AltKeys {
			if _, ok := s.byID[k]; !ok {
				s.byID[k] = e
			}
		}
	}
	for _, e := range ents {
		for _, l := range e.Links {
			if l.OtherID != "" && l.OtherID != e.ID {
				s.inbound[l.OtherID] = append(s.inbound[l.OtherID], Inbound{From: e, Link: l})
			}
		}
	}
	s.BuildTook = time.Since(start)
	return s
}

// Load loads a data directory (or, when dir is empty, the lists fetched
// into stateDir) and builds a snapshot of it.
func Load(ctx context.Context, dir, stateDir string, now time.Time) (*Snapshot, error) {
	var cat *source.Catalog
	var err error
	if dir != "" {
		cat, err = source.Load(ctx, dir)
	} else {
		cat, err = source.LoadState(ctx, stateDir)
	}
	if err != nil {
		return nil, err
	}
	return Build(cat, now), nil
}

// Entity finds a live entity by id or alternative key.
func (s *Snapshot) Entity(id string) (*interdict.Entity, bool) {
	e, ok := s.byID[id]
	return e, ok
}

// Inbound lists the live entities linking to id.
func (s *Snapshot) Inbound(id string) []Inbound { return s.inbound[id] }

// Entities is the number of live entities.
func (s *Snapshot) Entities() int { return len(s.Index.Entities) }

// version hashes what makes the content: each live list's source,
// publisher date, files and entity count.
func version(cat *source.Catalog) string {
	h := sha256.New()
	lists := append([]*source.List(nil), cat.Lists...)
	sort.Slice(lists, func(i, j int) bool { return lists[i].Source < lists[j].Source })
	for _, l := range lists {
		fmt.Fprintf(h, "%s|%s|%d|%v\n", l.Source, l.Live.Published, len(l.Live.Entities), l.Live.Files)
	}
	return "s-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// Holder keeps the snapshot in service and swaps it atomically.
type Holder struct {
	p atomic.Pointer[Snapshot]
}

// Current returns the snapshot in service, or nil before the first one.
func (h *Holder) Current() *Snapshot { return h.p.Load() }

// Swap puts s in service and returns the one it replaces. Readers that
// took the old snapshot keep using it until they finish.
//
// Swap also starts building s's network in the background (resolving
// the clusters takes seconds, so it must not hold up screening), and
// stops the build of the snapshot it replaces if that is still running:
// its answers would be stale as soon as they were ready.
func (h *Holder) Swap(s *Snapshot) *Snapshot {
	old := h.p.Swap(s)
	if old != nil && old != s {
		old.stopNetwork()
	}
	if s != nil {
		s.startNetwork()
	}
	return old
}

// Close stops the network build of the snapshot in service, if one is
// running, and waits for it to end; the snapshot keeps serving
// everything else. A server calls it when it shuts down.
func (h *Holder) Close() {
	if s := h.p.Load(); s != nil {
		s.stopNetwork()
		<-s.NetworkDone()
	}
}
