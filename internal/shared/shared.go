// Package shared finds the project's shared reference material (the real
// official list files under ../shared/data, benchmarks under
// ../shared/bench) for tests and benchmarks. It never copies them.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared directory: $INTERDICT_SHARED if set, else the
// "shared" folder beside the module root. It returns "" when neither
// exists.
func Root() string {
	if d := os.Getenv("INTERDICT_SHARED"); d != "" {
		if isDir(d) {
			return d
		}
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if isDir(d) {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Data returns the path of ../shared/data joined with elem, or skips the
// test with a clear message when the shared data is absent.
func Data(tb testing.TB, elem ...string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("shared data not found: set INTERDICT_SHARED or check out ../shared beside the module; this test reads the real official list files")
	}
	p := filepath.Join(append([]string{root, "data"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data file missing: %v", err)
	}
	return p
}

// Open opens a shared data file for a test, skipping when absent, and
// closes it when the test ends.
func Open(tb testing.TB, elem ...string) *os.File {
	tb.Helper()
	f, err := os.Open(Data(tb, elem...))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
