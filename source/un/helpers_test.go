package un

import (
	"os"
	"testing"
	"unicode/utf16"
)

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// utf16LE encodes s as UTF-16 little-endian with a byte order mark, as a
// file re-saved by a Windows editor would be.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}
