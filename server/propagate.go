package server

// Several instances on one store. When the store implements
// store.ListVersions (PostgreSQL), every instance records the version of
// the lists it puts in service (at start and on each refresh), and the
// store tells the others (LISTEN/NOTIFY), which load their lists and put
// the same version in service. A poll every VersionPoll catches a
// notification lost while a connection was down.
//
// What is recorded is the version and the files it was built from, with
// their SHA-256, not the files: each instance loads its own copy. The
// instances must therefore see the same list files — one --data
// directory they all mount, or one --state directory they all fetch
// into — and a follower that loads anything else refuses to serve it and
// says so in its log. Refreshes take a lock in the store, so two
// instances never fetch into a shared state directory at once.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/store"
)

// DefaultVersionPoll is how often an instance on a shared store reads the
// newest list version besides being notified: a bound on how stale an
// instance stays when a notification is lost, at the cost of one small
// query per period.
const DefaultVersionPoll = 30 * time.Second

// refusedRetry is how long a follower waits before loading its lists
// again for a version it could not reach (its files differ): a load of
// every list costs seconds of CPU, and the files rarely fix themselves
// within minutes.
const refusedRetry = 5 * time.Minute

// propagation is the server's side of a shared store.
type propagation struct {
	lv       store.ListVersions
	instance string

	mu sync.Mutex
	// refused is the version a follow last could not reach, and when.
	refused   string
	refusedAt time.Time
	// unrecorded is a snapshot put in service whose record failed (the
	// database was unreachable); the follow loop records it again.
	unrecorded *dataset.Snapshot
}

// startPropagation starts following list versions if st is shared.
func (s *Server) startPropagation(st store.Store) {
	lv, ok := st.(store.ListVersions)
	if !ok {
		return
	}
	host, _ := os.Hostname()
	p := &propagation{lv: lv, instance: s.cfg.Instance}
	if p.instance == "" {
		p.instance = fmt.Sprintf("%s pid %d %s", host, os.Getpid(), s.Addr())
	}
	s.prop.Store(p)
	s.background(func(ctx context.Context) { s.follow(ctx, p) })
}

// follow reads the newest version whenever the store signals, and on
// every poll, and catches up with it.
func (s *Server) follow(ctx context.Context, p *propagation) {
	watch := p.lv.WatchListVersions(ctx)
	every := s.cfg.VersionPoll
	if every == 0 {
		every = DefaultVersionPoll
	}
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-watch:
			if !ok {
				return
			}
		case <-tick:
		}
		s.catchUp(ctx, p)
	}
}

// catchUp puts the newest recorded version in service if it is not.
func (s *Server) catchUp(ctx context.Context, p *propagation) {
	p.mu.Lock()
	pending := p.unrecorded
	p.mu.Unlock()
	if pending != nil {
		s.refMu.Lock()
		if s.holder.Current() == pending {
			s.announce(ctx, pending)
		}
		s.refMu.Unlock()
	}
	latest, err := p.lv.LatestListVersion(ctx)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return
	case err != nil:
		if ctx.Err() == nil {
			s.log.Warn("the newest list version could not be read", "error", err)
		}
		return
	}
	if cur := s.holder.Current(); cur == nil || cur.Version == latest.Version {
		// Nothing in service yet: the first load records its own.
		return
	}
	p.mu.Lock()
	skip := p.refused == latest.Version && time.Since(p.refusedAt) < refusedRetry
	p.mu.Unlock()
	if skip {
		return
	}

	s.refMu.Lock()
	defer s.refMu.Unlock()
	// A refresh may have run while this waited.
	if latest, err = p.lv.LatestListVersion(ctx); err != nil {
		return
	}
	cur := s.holder.Current()
	if cur.Version == latest.Version {
		return
	}
	start := time.Now()
	cat, _, err := s.loadCatalog(ctx, false)
	if err != nil {
		s.refuse(p, latest, "the lists could not be loaded", err)
		return
	}
	snap := dataset.Build(cat, s.now())
	if snap.Version != latest.Version {
		s.refuse(p, latest, fmt.Sprintf("this instance's lists make version %s", snap.Version), nil)
		return
	}
	if file, ok := sameFiles(latest.Lists, s.listFiles(snap)); !ok {
		s.refuse(p, latest, "file "+file+" differs from the one recorded (SHA-256)", nil)
		return
	}
	s.install(snap)
	s.metrics.refreshed("followed")
	s.log.Info("list version of another instance now in service", "snapshot", snap.Version, "previous", cur.Version,
		"recorded_by", latest.Instance, "behind", time.Since(latest.Recorded).Round(time.Millisecond),
		"took", time.Since(start).Round(time.Millisecond))
}

func (s *Server) refuse(p *propagation, latest store.ListVersion, why string, err error) {
	p.mu.Lock()
	p.refused, p.refusedAt = latest.Version, time.Now()
	p.mu.Unlock()
	args := []any{"snapshot", s.currentVersion()}
	if err != nil {
		args = append(args, "error", err)
	}
	s.log.Error(fmt.Sprintf("list version %s, put in service by %s, cannot be served here: %s. The instances must see the same list files (one shared --data directory, or one shared --state directory); this one keeps serving its version and tries again in %s or at the next refresh.",
		latest.Version, latest.Instance, why, refusedRetry), args...)
}

func (s *Server) currentVersion() string {
	if cur := s.holder.Current(); cur != nil {
		return cur.Version
	}
	return ""
}

// lockRefresh takes the store's refresh lock when the store is shared,
// and returns its release. Without the lock (the database unreachable) the
// refresh goes ahead: a list refresh matters more than the rare double
// download it guards against.
func (s *Server) lockRefresh(ctx context.Context) func() {
	p := s.prop.Load()
	if p == nil {
		return func() {}
	}
	unlock, err := p.lv.LockRefresh(ctx)
	if err != nil {
		s.log.Warn("the refresh lock could not be taken; refreshing without it", "error", err)
		return func() {}
	}
	return unlock
}

// announce records snap as the version in service when the store is
// shared, so that the other instances follow. It reports whether this
// call made the record: true when snap's version is new to the store,
// false when another instance recorded it first (or its record failed),
// and true when the store is not shared. Work that must happen once per
// new version across instances (re-screening monitored parties) belongs
// to the instance for which it returns true. Call it with refMu held.
func (s *Server) announce(ctx context.Context, snap *dataset.Snapshot) bool {
	p := s.prop.Load()
	if p == nil {
		return true
	}
	v := store.ListVersion{Version: snap.Version, Instance: p.instance, Entities: snap.Entities(), Lists: s.listFiles(snap)}
	rec, made, err := p.lv.RecordListVersion(ctx, v)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.unrecorded = snap
		s.log.Error("the list version in service could not be recorded; the other instances will not follow it until it is", "snapshot", snap.Version, "error", err)
		return false
	}
	p.unrecorded = nil
	if made {
		s.log.Info("list version recorded for the other instances", "snapshot", snap.Version, "record", rec.ID)
	}
	return made
}

// listFiles describes the files of snap's live lists, with their SHA-256:
// from the file itself under a data directory, from the fetch manifest
// under a state directory.
func (s *Server) listFiles(snap *dataset.Snapshot) []store.ListFiles {
	man := s.manifest(snap)
	out := []store.ListFiles{}
	for _, l := range snap.Catalog.Lists {
		lf := store.ListFiles{Source: l.Source, Published: l.Live.Published, Entities: len(l.Live.Entities), Files: []store.ListFile{}}
		for _, name := range l.Live.Files {
			f := store.ListFile{Name: name}
			if snap.Catalog.Root != "" {
				f.SHA256, f.Size = hashFile(filepath.Join(snap.Catalog.Root, name))
			}
			if f.SHA256 == "" && man != nil {
				if rec := man.Sources[l.Source]; rec != nil {
					for _, d := range rec.Files {
						if d.Name == filepath.Base(name) {
							f.SHA256, f.Size = d.SHA256, d.Size
						}
					}
				}
			}
			lf.Files = append(lf.Files, f)
		}
		out = append(out, lf)
	}
	return out
}

func hashFile(path string) (string, int64) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// sameFiles compares two descriptions of one version's files where both
// hold a hash, and returns the first file that differs.
func sameFiles(want, got []store.ListFiles) (string, bool) {
	have := map[string]string{}
	for _, l := range got {
		for _, f := range l.Files {
			have[l.Source+"\x00"+f.Name] = f.SHA256
		}
	}
	for _, l := range want {
		for _, f := range l.Files {
			if h := have[l.Source+"\x00"+f.Name]; h != "" && f.SHA256 != "" && h != f.SHA256 {
				return f.Name, false
			}
		}
	}
	return "", true
}
