package meti

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse parses the real workbook from memory, from the zip to the
// entities.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "japan_meti_end_user_list", "20250929_4.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "20250929_4.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}
