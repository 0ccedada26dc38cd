package ca

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse parses the real list from memory.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "canada_sema", "cannada.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "cannada.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
