package au

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse parses the real workbook from memory, from the zip to the
// entities.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "australia_dfat", "Australian_Sanctions_Consolidated_List.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "Australian_Sanctions_Consolidated_List.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}
