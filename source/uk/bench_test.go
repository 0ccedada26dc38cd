package uk

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

// BenchmarkParse reads the real ConList.xlsx (2.2 MB zipped, 17 MB of
// sheet XML); MB/s is of the xlsx file.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "uk_ofsi_conlist", "ConList.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "ConList.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkParseFCDO reads the real 5-designation FCDO excerpt.
func BenchmarkParseFCDO(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "uk_fcdo_excerpt", "sample_uk_sanctions.xml"))
	if err != nil {
		b.Fatal(err)
	}
	benchFCDO(b, data)
}

// BenchmarkParseFCDOScaled reads the excerpt's designations repeated to
// about the size of the full FCDO list (5,000 designations), as the full
// file is not available; ids are made unique so that nothing is rejected.
func BenchmarkParseFCDOScaled(b *testing.B) {
	data, err := os.ReadFile(shared.Data(b, "uk_fcdo_excerpt", "sample_uk_sanctions.xml"))
	if err != nil {
		b.Fatal(err)
	}
	benchFCDO(b, scaleFCDO(b, data, 1000))
}

func benchFCDO(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := ParseFCDO(bytes.NewReader(data), "UK-Sanctions-List.xml"); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// scaleFCDO repeats the designations of an FCDO file n times, numbering
// each copy's UniqueID.
func scaleFCDO(tb testing.TB, data []byte, n int) []byte {
	s := string(data)
	start, end := strings.Index(s, "<Designation>"), strings.LastIndex(s, "</Designations>")
	if start < 0 || end < start {
		tb.Fatal("not an FCDO file")
	}
	var buf bytes.Buffer
	buf.WriteString(s[:start])
	for i := range n {
		buf.WriteString(strings.ReplaceAll(s[start:end], "</UniqueID>", fmt.Sprintf("-%d</UniqueID>", i)))
	}
	buf.WriteString(s[end:])
	return buf.Bytes()
}
