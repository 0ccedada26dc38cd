package ftm

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// readShared reads a shared data file whole, so the benchmark times the
// parser and not the disk.
func readShared(b *testing.B, elem ...string) ([]byte, string) {
	b.Helper()
	p := shared.Data(b, elem...)
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return data, p
}

// BenchmarkParse parses the ZALA FtM file (146 KB, 91 objects).
func BenchmarkParse(b *testing.B) {
	data, name := readShared(b, "opensanctions_ftm_fixtures", "zala", "entities.ftm.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), name); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSimple parses the ua_war_sanctions targets.simple.csv
// (3.4 MB, 5,600 rows).
func BenchmarkParseSimple(b *testing.B) {
	data, name := readShared(b, "opensanctions_ua_war_sanctions", "targets.simple.csv")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSimple(bytes.NewReader(data), name); err != nil {
			b.Fatal(err)
		}
	}
}
