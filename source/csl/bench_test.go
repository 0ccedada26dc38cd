package csl

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse runs on both real layouts; the full CSL (tens of MB) is
// not among the shared files.
func BenchmarkParse(b *testing.B) {
	for _, file := range []string{"csl.csv", "consolidated.csv"} {
		b.Run(file, func(b *testing.B) {
			data, err := os.ReadFile(shared.Data(b, "us_csl_samples", file))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bytes.NewReader(data), file); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
