package bis

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// head is what the scanner gives a detector: the first 64 KiB.
func head(b []byte) []byte { return b[:min(len(b), 64<<10)] }

// TestParseDPLPreamble reads the real dpl.txt with a line before its
// header, as re-exports write one: the same load, lines one further down.
func TestParseDPLPreamble(t *testing.T) {
	data := loadtest.ReadFile(t, shared.Data(t, "us_bis_dpl", "dpl.txt"))
	want, err := ParseDPL(bytes.NewReader(data), "dpl.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := append([]byte("Denied Persons List, last updated 09/02/2022\r\n"), data...)
	if !DetectDPL("renamed.txt", head(in)) {
		t.Error("DetectDPL misses a header on line 2")
	}
	l, err := ParseDPL(bytes.NewReader(in), "dpl.txt")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	loadtest.Shifted(t, l, want, 1)
	if s := l.Stats(); s.Records != 581 || s.Entities != 575 || s.Names != 590 || s.Rejects != 0 ||
		s.ByKind[interdict.KindPerson] != 428 || s.ByKind[interdict.KindOrganization] != 143 || s.ByKind[interdict.KindUnknown] != 4 {
		t.Errorf("stats %+v", s)
	}
	n := `3 Last_Update values cannot be right and were left out of the publication date: "0222-05-18" (line 36), "2922-09-01" (line 307), "3017-08-22" (line 344)`
	if !slices.Contains(l.Notes, n) {
		t.Errorf("notes %q lack %q", l.Notes, n)
	}
}

// TestParseMEUPreamble does the same for the Military End-User list, with
// two lines before the header and the program tag telling a renamed file.
func TestParseMEUPreamble(t *testing.T) {
	data := loadtest.ReadFile(t, shared.Data(t, "us_bis_mieu", "mieu.csv"))
	want, err := ParseMEU(bytes.NewReader(data), "mieu.csv")
	if err != nil {
		t.Fatal(err)
	}
	in := append([]byte("Military End-User List\n\"Exported\" 2022-03-02\n"), data...)
	if !DetectMEU("renamed.csv", head(in)) {
		t.Error("DetectMEU misses a header on line 3")
	}
	l, err := ParseMEU(bytes.NewReader(in), "mieu.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Shifted(t, l, want, 2)
	if s := l.Stats(); s.Records != 13 || s.Entities != 13 || s.Names != 22 {
		t.Errorf("stats %+v", s)
	}
}

// TestMissingColumns: a header that is recognisably the format but lacks
// columns the parser needs is detected, and parsing names what is missing
// instead of the file being skipped as unknown.
func TestMissingColumns(t *testing.T) {
	const (
		dpl = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Action\"\t\"FR_Citation\"\n" +
			"\"X\"\t\"1 ROAD\"\t\"PARIS\"\t\"\"\t\"\"\t\"01/02/2019\"\t\"\"\t\"Y\"\t\"\"\t\"\"\n"
		meu = "Type,Name,Alias,Topics,Program,Date,End date,Source URL\nOrganization,X,,export.control,US-BIS-MIEU,2021-03-16,,\n"
	)
	tests := []struct {
		name, file, in, want string
		detect               func(string, []byte) bool
		parse                func(string) error
	}{
		{"dpl", "dpl.txt", dpl, "bis: dpl.txt line 1: missing columns Country, Last_Update", DetectDPL,
			func(in string) error { _, err := ParseDPL(strings.NewReader(in), "dpl.txt"); return err }},
		{"dpl below a preamble", "dpl.txt", "Last updated: 2019-01-10\n" + dpl, "bis: dpl.txt line 2: missing columns Country, Last_Update", DetectDPL,
			func(in string) error { _, err := ParseDPL(strings.NewReader(in), "dpl.txt"); return err }},
		{"meu", "mieu.csv", meu, "bis: mieu.csv line 1: missing column Country", DetectMEU,
			func(in string) error { _, err := ParseMEU(strings.NewReader(in), "mieu.csv"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.detect(tt.file, []byte(tt.in)) {
				t.Error("not detected")
			}
			if err := tt.parse(tt.in); err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
