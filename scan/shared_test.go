package scan

import (
	"context"
	"sync"
	"testing"

	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

var (
	allOnce sync.Once
	allScan *Scanner
	allErr  error
)

// allLists is a scanner over every list of ../shared/data, built once per
// test binary; it skips when the data is absent.
func allLists(tb testing.TB) *Scanner {
	tb.Helper()
	dir := shared.Data(tb)
	allOnce.Do(func() {
		cat, err := source.Load(context.Background(), dir)
		if err != nil {
			allErr = err
			return
		}
		allScan = New(screen.New(index.Build(cat.Entities())))
	})
	if allErr != nil {
		tb.Fatal(allErr)
	}
	return allScan
}
