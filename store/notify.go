package store

import (
	"context"
	"time"
)

// ListVersion is a version of the lists (a dataset snapshot) that an
// instance put in service, as recorded in a store shared by several
// instances.
type ListVersion struct {
	// ID orders the records: the newest version has the largest ID.
	ID int64 `json:"id"`
	// Version is the snapshot's version (dataset.Snapshot.Version).
	Version string `json:"version"`
	// Instance names the instance that recorded it (host and process).
	Instance string `json:"instance"`
	// Recorded is when it was recorded, in UTC.
	Recorded time.Time `json:"recorded"`
	// Entities is the snapshot's number of live entities.
	Entities int `json:"entities"`
	// Lists is what the snapshot was built from, one entry per live list.
	// Another instance, having loaded its own copy of the files, compares
	// its entries with these before putting the version in service.
	Lists []ListFiles `json:"lists"`
}

// ListFiles is one live list of a ListVersion.
type ListFiles struct {
	Source    string     `json:"source"`
	Published string     `json:"published,omitempty"`
	Entities  int        `json:"entities"`
	Files     []ListFile `json:"files"`
}

// ListFile is one file a list was loaded from; SHA256 is empty when the
// file could not be read again to hash it.
type ListFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"`
	Size   int64  `json:"size,omitempty"`
}

// ListVersions is implemented by the engines that several instances of
// `interdict serve` can share (store/postgres). A refresh on one instance
// records the version it put in service; the others are told (Watch), read
// the newest record (LatestListVersion) and load the same lists. SQLite is
// a single instance's store and does not implement it; the server checks
// for it with a type assertion.
type ListVersions interface {
	// RecordListVersion records v as the version in service unless the
	// newest record already holds v.Version; it returns the newest record
	// and whether it is v (then its ID and Recorded are set, and every
	// watcher is notified once the record is committed). Two
	// instances recording the same version at once make one record.
	RecordListVersion(ctx context.Context, v ListVersion) (ListVersion, bool, error)
	// LatestListVersion returns the newest record, ErrNotFound if none.
	LatestListVersion(ctx context.Context) (ListVersion, error)
	// WatchListVersions returns a channel that receives a value whenever
	// a version may have been recorded by anyone: on each notification,
	// and after every (re)connection of the watch, since notifications
	// sent while disconnected are lost. Values coalesce (the channel holds
	// at most one); the receiver reads LatestListVersion. The channel is
	// closed when ctx ends.
	WatchListVersions(ctx context.Context) <-chan struct{}
	// LockRefresh takes the lock that lets one instance at a time fetch
	// and load the lists (so that two instances sharing a state directory
	// never fetch into it at once), waiting for it until ctx ends. The
	// lock is released by unlock, or by the store when the holding
	// process dies.
	LockRefresh(ctx context.Context) (unlock func(), err error)
}
