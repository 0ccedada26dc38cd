package shipment

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/internal/shared"
)

// snapshotFiles are the part of ../shared/data the shipment tests screen
// parties against: the OFAC SDN list of 2024-05-03 with its aliases and
// addresses of 2025-12-24, and the UN consolidated list. Together they
// hold the Iranian UAV network (ofac-sdn:16418 QODS AVIATION INDUSTRIES,
// 39637 SHAHED AVIATION INDUSTRIES RESEARCH CENTER, the Alabuga SEZ
// companies) and the UN's QODS AERONAUTICS INDUSTRIES.
var snapshotFiles = []string{
	"sources.csv",
	"ofac_sdn_2024-05-03/sdn.csv",
	"ofac_sdn_aux_2025-12-24/add.csv",
	"ofac_sdn_aux_2025-12-24/alt.csv",
	"ofac_sdn_aux_2025-12-24/sdn_comments.csv",
	"un_consolidated/UN_consolidated.xml",
}

var (
	snapOnce sync.Once
	snap     *dataset.Snapshot
	snapErr  error
)

// sharedSnapshot builds the snapshot once per test binary, skipping when
// ../shared/data is absent.
func sharedSnapshot(tb testing.TB) *dataset.Snapshot {
	tb.Helper()
	var srcs []string
	for _, f := range snapshotFiles {
		srcs = append(srcs, shared.Data(tb, strings.Split(f, "/")...))
	}
	snapOnce.Do(func() {
		dir, err := os.MkdirTemp("", "interdict-shipment-test-")
		if err != nil {
			snapErr = err
			return
		}
		defer os.RemoveAll(dir)
		// Copies, not links: the loader reads regular files only.
		for i, f := range snapshotFiles {
			dst := filepath.Join(dir, f)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				snapErr = err
				return
			}
			b, err := os.ReadFile(srcs[i])
			if err != nil {
				snapErr = err
				return
			}
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				snapErr = err
				return
			}
		}
		snap, snapErr = dataset.Load(context.Background(), dir, "", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	})
	if snapErr != nil {
		tb.Fatal(snapErr)
	}
	return snap
}
