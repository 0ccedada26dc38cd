package ofac

import (
	"bytes"
	"os"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

func readShared(b *testing.B, rel ...string) []byte {
	b.Helper()
	data, err := os.ReadFile(shared.Data(b, rel...))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkParseCSV parses the real 2024-05-03 sdn.csv (3.9 MB, 14,965
// records), the largest OFAC file available.
func BenchmarkParseCSV(b *testing.B) {
	data := readShared(b, "ofac_sdn_2024-05-03", "sdn.csv")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCSV(SourceSDN, CSVSet{Primary: CSVFile{Name: "sdn.csv", R: bytes.NewReader(data)}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCSVSet parses the complete 2021-07-07 set of four files.
func BenchmarkParseCSVSet(b *testing.B) {
	dir := "ofac_sdn_2021-07-07"
	sdn, alt := readShared(b, dir, "sdn.csv"), readShared(b, dir, "alt.csv")
	add, com := readShared(b, dir, "add.csv"), readShared(b, dir, "sdn_comments.csv")
	b.SetBytes(int64(len(sdn) + len(alt) + len(add) + len(com)))
	b.ReportAllocs()
	for b.Loop() {
		set := CSVSet{
			Primary:  CSVFile{Name: "sdn.csv", R: bytes.NewReader(sdn)},
			Alt:      CSVFile{Name: "alt.csv", R: bytes.NewReader(alt)},
			Address:  CSVFile{Name: "add.csv", R: bytes.NewReader(add)},
			Comments: CSVFile{Name: "sdn_comments.csv", R: bytes.NewReader(com)},
		}
		if _, err := ParseCSV(SourceSDN, set); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses the real consolidated list in the SDN.XML schema
// (ofac.xml, 978 KB, 442 entries).
func BenchmarkParse(b *testing.B) {
	data := readShared(b, "ofac_consolidated_nonsdn", "ofac.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "ofac.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
