package dod

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "us_dod_1260h_chinese_military_companies", "sanctions.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "sanctions.csv"); err != nil {
			b.Fatal(err)
		}
	}
}
