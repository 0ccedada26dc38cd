package dod

import (
	"bytes"
	"testing"

	"github.com/interdict/interdict/source/internal/loadtest"
)

// The seed corpus lives in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if l != nil {
				t.Fatal("a load returned with an error")
			}
			return
		}
		loadtest.Check(t, l)
	})
}
