package screen

import (
	"path/filepath"
	"testing"

	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/internal/shared"
)

var emptyScreener = New(index.Build(nil))

// allLists is the screener over every list of ../shared/data loaded
// together, built once per test binary.
func allLists(tb testing.TB) *Screener {
	tb.Helper()
	return screenerFor(tb, filepath.Clean(shared.Data(tb)))
}
