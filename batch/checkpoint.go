package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// checkpointVersion is the version of the checkpoint format; a checkpoint
// of another version is not resumed.
const checkpointVersion = 1

// Checkpoint is what a run has done, written beside its output every few
// thousand rows: enough to continue after an interrupt with output
// identical to an uninterrupted run.
type Checkpoint struct {
	Version int `json:"version"`
	// Input identifies the input file; Options the settings and lists
	// that make the output what it is. A checkpoint whose input or
	// options differ from the run's is not resumed.
	Input   Identity `json:"input"`
	Options string   `json:"options"`
	// Rows is how many rows are in the output; Offset where the input
	// stands after them (a byte offset, or a sheet's row); NextLine the
	// line after them; OutputBytes the length of the partial output that
	// holds them (what follows it is discarded on resuming).
	Rows        int   `json:"rows"`
	Offset      int64 `json:"offset"`
	NextLine    int   `json:"next_line"`
	OutputBytes int64 `json:"output_bytes"`
	// Counts are the summary's counters for those rows.
	Counts Counts `json:"counts"`
}

// Identity tells an input file from another, or from itself changed:
// size, modification time, and hashes of its first and last 64 KiB.
type Identity struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
	Head    string `json:"head_sha256"`
	Tail    string `json:"tail_sha256"`
}

const identitySpan = 64 << 10

func identify(f *os.File) (Identity, error) {
	fi, err := f.Stat()
	if err != nil {
		return Identity{}, err
	}
	id := Identity{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	hash := func(off int64) (string, error) {
		h := sha256.New()
		if _, err := io.Copy(h, io.NewSectionReader(f, off, identitySpan)); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	if id.Head, err = hash(0); err != nil {
		return id, err
	}
	if id.Tail, err = hash(max(0, id.Size-identitySpan)); err != nil {
		return id, err
	}
	return id, nil
}

// readCheckpoint reads a checkpoint; (nil, nil) when there is none.
func readCheckpoint(path string) (*Checkpoint, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var cp Checkpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &cp, nil
}

// writeCheckpoint replaces the checkpoint atomically: a temporary file
// beside it, synced, renamed over it, and the directory synced, so that
// after a crash the checkpoint is the old one or the new one, whole.
func writeCheckpoint(path string, cp *Checkpoint) error {
	b, err := json.MarshalIndent(cp, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(path, append(b, '\n'))
}

// writeAtomic writes a file by temp + fsync + rename + directory fsync.
func writeAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
