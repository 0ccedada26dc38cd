package eu

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse parses the real 5-record excerpt (39 KB) from memory.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "eu_fsf_excerpt", "sample_eu_fsf.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "sample_eu_fsf.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
