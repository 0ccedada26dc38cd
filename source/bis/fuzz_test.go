package bis

import (
	"bytes"
	"testing"

	"github.com/interdict/interdict/source/internal/loadtest"
)

// The seed corpora live in testdata/fuzz/FuzzParseDPL and
// testdata/fuzz/FuzzParseMEU: the edge fixtures, a truncated file, and
// a few hand-made oddities (stray quotes, nested parentheses, markers
// with nothing after them).

func FuzzParseDPL(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseDPL(bytes.NewReader(data), "fuzz.txt")
		if err != nil {
			if l != nil {
				t.Fatal("a load returned with an error")
			}
			return
		}
		loadtest.Check(t, l)
	})
}

func FuzzParseMEU(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseMEU(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if l != nil {
				t.Fatal("a load returned with an error")
			}
			return
		}
		loadtest.Check(t, l)
	})
}
