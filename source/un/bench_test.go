package un

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse parses the real 2 MB file from memory.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "un_consolidated", "UN_consolidated.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "UN_consolidated.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
