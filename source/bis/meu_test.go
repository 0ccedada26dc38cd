package bis

import (
	"os"
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

func TestParseMEUReal(t *testing.T) {
	f, err := os.Open(shared.Data(t, "us_bis_mieu", "mieu.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := ParseMEU(f, "mieu.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	s := l.Stats()
	if s.Records != 13 || s.Entities != 13 || s.ByKind[interdict.KindOrganization] != 13 ||
		s.Names != 22 || s.Identifiers != 0 || s.Links != 0 || s.Rejects != 0 {
		t.Errorf("stats %+v", s)
	}
	if l.Source != "us-mieu" || l.Published != "2022-03-02" || len(l.Notes) != 0 {
		t.Errorf("source %q published %q notes %q", l.Source, l.Published, l.Notes)
	}
	tests := []struct {
		primary, id string
		names       []string
		countries   []string
		listed      string
	}{
		{"Main Intelligence Directorate", "us-mieu:ea1fdbd323602ab5", []string{"primary:Main Intelligence Directorate", "aka:GRU"}, []string{"RU"}, "2021-03-16"},
		{"Directorate of Military Intelligence", "us-mieu:7a8f7114f18ef07f", []string{"primary:Directorate of Military Intelligence", "aka:DIM"}, []string{"CU"}, "2021-03-16"},
		{"Main Intelligence Directorate of the General Staff of the Armed Forces of Belarus", "",
			[]string{"primary:Main Intelligence Directorate of the General Staff of the Armed Forces of Belarus"}, []string{"BY"}, "2022-03-02"},
	}
	for _, tt := range tests {
		es := byPrimary(l, tt.primary)
		if len(es) != 1 {
			t.Fatalf("%s: %d entities", tt.primary, len(es))
		}
		e := es[0]
		if tt.id != "" && e.ID != tt.id {
			t.Errorf("%s: id %s, want %s", tt.primary, e.ID, tt.id)
		}
		if got := loadtest.Names(e); !slices.Equal(got, tt.names) {
			t.Errorf("%s: names %q, want %q", tt.primary, got, tt.names)
		}
		if !slices.Equal(e.Countries, tt.countries) || e.ListedOn.String() != tt.listed ||
			!slices.Equal(e.Programs, []string{"US-BIS-MIEU"}) {
			t.Errorf("%s: countries %q listed %s programs %q", tt.primary, e.Countries, e.ListedOn, e.Programs)
		}
	}
}

func TestParseMEUEdge(t *testing.T) {
	l, err := ParseMEU(loadtest.Fixture(t, "meu_edge.csv"), "meu_edge.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	if l.Records != 6 || len(l.Entities) != 3 || len(l.Rejects) != 1 || l.Rejects[0].Error() != "meu_edge.csv:6: empty Name" {
		t.Fatalf("records %d entities %d rejects %v", l.Records, len(l.Entities), l.Rejects)
	}
	// The delisted row's End date is the latest change the file records.
	if l.Published != "2023-05-01" {
		t.Errorf("published %q", l.Published)
	}
	for _, n := range []string{
		`1 row has an End date (removed from the list) and is left out: "Removed Bureau" (line 4)`,
		`1 country string not recognised: "Narnia" (line 5)`,
		`1 Type not recognised, kind guessed from the name: "Thing" (line 5)`,
		`1 Date value cannot be read: "2022-13-01" (line 5)`,
		`1 row repeats an earlier row's id and was merged into it: "Directorate of Military Intelligence" (line 7)`,
	} {
		if !slices.Contains(l.Notes, n) {
			t.Errorf("missing note %q in %q", n, l.Notes)
		}
	}
	gru := byPrimary(l, "Main Intelligence Directorate")
	want := []string{"primary:Main Intelligence Directorate", "aka:GRU", "aka:Main Directorate of the General Staff", "aka:GU"}
	if len(gru) != 1 || !slices.Equal(loadtest.Names(gru[0]), want) {
		t.Errorf("GRU names %v", gru)
	}
	dim := byPrimary(l, "Directorate of Military Intelligence")
	if len(dim) != 1 || dim[0].ListedOn.String() != "2020-01-01" {
		t.Errorf("merged row should keep the earliest listing date: %v", dim)
	}
	unit := byPrimary(l, "Unit 1234 Trading Co. Ltd.")
	if len(unit) != 1 || unit[0].Kind != interdict.KindOrganization || len(unit[0].Countries) != 0 {
		t.Errorf("unit %+v", unit)
	}
}

func TestParseMEUBad(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "bis: in.csv: empty file"},
		{"other schema", "Name,Clean Name,Alias\nX,Y,Z\n", `bis: in.csv line 1: missing column "Country": not a BIS Military End-User list`},
		{"field count", "Type,Name,Alias,Country\nOrganization,X,,CU,extra\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseMEU(strings.NewReader(tt.input), "in.csv")
			if tt.want == "" {
				if err != nil || len(l.Rejects) != 1 || l.Rejects[0].Error() != "in.csv:2: 5 fields, want 4 as in the header" {
					t.Fatalf("err %v load %+v", err, l)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
	_, err := ParseMEU(loadtest.Fixture(t, "meu_truncated.csv"), "meu_truncated.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "bis: meu_truncated.csv line 2: file ends inside this row") {
		t.Errorf("truncated: %v", err)
	}
}

func TestDetectMEU(t *testing.T) {
	const header = "Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL\n"
	tests := []struct {
		name, head string
		want       bool
	}{
		{"mieu.csv", header + "Organization,Directorate of Military Intelligence,DIM,CU,export.control,US-BIS-MIEU,2021-03-16,,\n", true},
		{"renamed.csv", header + "Organization,X,,CU,export.control,US-BIS-MIEU,2021-03-16,,\n", true},
		{"mieu.csv", header, true},
		{"other.csv", header + "Organization,X,,CU,sanction,US-OTHER,2021-03-16,,\n", false},
		{"mieu.csv", "Name,Clean Name,Alias,Previous Name,Parent Name\n", false},
		{"mieu.csv", "", false},
	}
	for _, tt := range tests {
		if got := DetectMEU(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("DetectMEU(%q, %.40q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := map[string][]string{
		"":                                 nil,
		"GRU":                              {"GRU"},
		"Knownsec,Beijing Kownsec":         {"Knownsec", "Beijing Kownsec"},
		"China Avionics Systems Co., Ltd.": {"China Avionics Systems Co., Ltd."},
		"A; B ;; C,":                       {"A", "B", "C"},
	}
	for in, want := range tests {
		if got := splitList(in); !slices.Equal(got, want) {
			t.Errorf("splitList(%q) = %q, want %q", in, got, want)
		}
	}
}
