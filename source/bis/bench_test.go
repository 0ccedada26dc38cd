package bis

import (
	"bytes"
	"io"
	"os"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func benchParse(b *testing.B, parse func(io.Reader, string) (*interdict.ListLoad, error), elem ...string) {
	data, err := os.ReadFile(shared.Data(b, elem...))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(bytes.NewReader(data), elem[len(elem)-1]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDPL(b *testing.B) { benchParse(b, ParseDPL, "us_bis_dpl", "dpl.txt") }

func BenchmarkParseMEU(b *testing.B) { benchParse(b, ParseMEU, "us_bis_mieu", "mieu.csv") }
